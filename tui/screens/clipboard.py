"""Copying a meeting's digest to the clipboard, from the screens that show its outcome."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from agendas.text import strip_control
from sessions.digest import Digest, render_text
from sessions.i18n import t


def copy_digest(screen: Screen[Any], digest: Digest) -> str:
    """Put the digest's plain text on the clipboard (OSC 52) and say so in a toast."""
    text = render_text(digest)
    screen.app.copy_to_clipboard(text)
    owners = len(digest.owners)
    screen.notify(
        t("digest.copied", digest.lang, title=strip_control(digest.title), owners=owners),
        markup=False,
    )
    return text
