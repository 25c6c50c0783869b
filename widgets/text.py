"""User text on screen: always shown as written (never parsed as markup), without control characters.

Every title, name, note or comment a person wrote goes through here on its way to a widget:
Textual parses a plain `str` as markup in most places (`Static`, `Label`, `Option`, DataTable
cells, border titles, toasts, the command palette), where `[@click=…]` is an action and `[/]`
a crash. `Content` and Rich `Text` built here are literal.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from sessions.text import find_control, strip_control


def literal(text: str | None, style: str = "") -> Content:
    """`text` exactly as written, in `style`, without control characters."""
    plain = strip_control(text or "")
    return Content.styled(plain, style) if style else Content(plain)


def literal_text(text: str | None, style: str = "") -> Text:
    """The same as a Rich `Text`, for Rich renderables (DataTable cells, Rich tables)."""
    return Text(strip_control(text or ""), style=style, end="")


def without_control(text: Text) -> Text:
    """A Rich `Text` a screen assembled (user text in it), without control characters; styles kept."""
    pieces = []
    rest = text
    while (at := find_control(rest.plain)) >= 0:
        pieces.append(rest[:at])
        rest = rest[at + 1 :]
    if not pieces:
        return text
    pieces.append(rest)
    return Text("", style=text.style, end=text.end).join(pieces)
