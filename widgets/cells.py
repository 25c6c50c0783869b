"""Padding and cutting text by terminal cells, so that Chinese and Latin text line up in columns."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.content import Content


def fit(text: str, width: int, align: str = "left") -> str:
    """`text` padded or cut to exactly `width` cells; a cut ends with an ellipsis."""
    if width <= 0:
        return ""
    size = cell_len(text)
    if size > width:
        cut = set_cell_size(text, width - 1)
        return set_cell_size(cut + "…", width)
    gap = " " * (width - size)
    return gap + text if align == "right" else text + gap


def share_bar(share: float, width: int) -> tuple[str, str]:
    """The filled and empty parts of a bar of `width` cells for a 0..1 share (drawn as coloured spaces)."""
    filled = max(0, min(width, round(share * width)))
    return " " * filled, " " * (width - filled)


def wrap_cells(text: str, width: int) -> list[str]:
    """`text` broken into lines of at most `width` cells: at spaces, or anywhere in Chinese."""
    if "\n" in text:
        return [line for part in text.split("\n") for line in wrap_cells(part, width)]
    if width <= 0 or cell_len(text) <= width:
        return [text]
    return [line.plain.rstrip() for line in Content(text).wrap(width)] or [""]


def fit_columns(natural: list[int], room: int, shrink: tuple[tuple[int, int], ...]) -> list[int]:
    """Column widths that add up to at most `room` cells: the (column, floor) pairs in `shrink`
    give up cells in that order, each down to its floor (or its own width if less), the other
    columns keep theirs. Too little room even then: the widths reached, the rest is cropped."""
    widths = list(natural)
    for column, floor in shrink:
        over = sum(widths) - room
        if over <= 0:
            break
        widths[column] = max(min(widths[column], floor), widths[column] - over)
    return widths
