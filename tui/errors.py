"""The error the command line reports to the person at the keyboard as one line."""

from __future__ import annotations

from sessions.i18n import WordedError


class UserError(WordedError):
    """An error for the person at the keyboard: printed as one line, exit status 1."""
