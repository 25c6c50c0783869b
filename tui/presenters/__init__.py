"""Pure functions from a session's state to the rows the widgets show (no Textual here)."""
