"""The line of keys at the foot of a screen, in the screen's language."""

from __future__ import annotations

from sessions.i18n import t


def key_line(keys: list[tuple[str, str]], lang: str) -> str:
    """The screen's keys in the screen's language (a Footer would show the English descriptions)."""
    return "  ".join(f"[b]{key}[/] {t(label, lang)}" for key, label in keys)
