"""What a meeting was: the session log, clocks, capture, store, follow-up and minutes."""
