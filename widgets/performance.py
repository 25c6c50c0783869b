"""Boards for performance, targets and follow-up sections: a table aligned by terminal cells."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from widgets.cells import fit, wrap_cells
from widgets.text import literal


@dataclass(frozen=True)
class Column:
    label: str
    width: int  # 0: takes a share of the room that is left
    align: str = "left"
    wrap: bool = False  # long cells go on over more lines instead of being cut
    grow: int = 1  # this column's share of the room left, against the other flexible ones


@dataclass(frozen=True)
class BoardRow:
    cells: tuple[str, ...]
    style: str = ""
    note: bool = False  # one line of text under the table, across all its columns


def natural(label: str, cells: Iterable[str], cap: int) -> int:
    """A column as wide as its label and its widest cell, in terminal cells, at most `cap`."""
    return min(cap, max([cell_len(label), *(cell_len(cell) for cell in cells)]))


def money(amount: float | None) -> str:
    if amount is None:
        return ""
    return f"{amount:,.0f}"


def percent(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.0f}%"


class Board(Widget):
    """A titled table: the screen gives columns and rows of plain strings."""

    DEFAULT_CSS = """
    Board {
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[Column] = []
        self.rows: list[BoardRow] = []
        self.empty = ""
        self.wrap_notes = True  # notes go on over lines; else one line each, cut

    def show(self, columns: list[Column], rows: list[BoardRow], *, empty: str = "") -> None:
        if (columns, rows, empty) != (self.columns, self.rows, self.empty):
            self.columns, self.rows, self.empty = list(columns), list(rows), empty
            self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return len(self._lines(width))

    def _widths(self, width: int) -> list[int]:
        fixed = sum(c.width for c in self.columns) + len(self.columns) - 1
        flexible = [c for c in self.columns if not c.width]
        shares = sum(c.grow for c in flexible) or 1
        room = max(0, width - fixed)
        return [c.width or max(4, room * c.grow // shares) for c in self.columns]

    def _lines(self, width: int) -> list[Content]:
        widths = self._widths(width)
        header = " ".join(
            fit(c.label, w, c.align) for c, w in zip(self.columns, widths, strict=True)
        )
        lines = [Content.styled(header, "bold $text-muted")]
        table = [row for row in self.rows if not row.note]
        if not table:
            lines.append(Content.styled(self.empty, "italic $text-muted"))
        for row in table:
            columns = [
                wrap_cells(cell, w) if c.wrap else [cell]
                for cell, c, w in zip(row.cells, self.columns, widths, strict=True)
            ]
            for n in range(max(len(parts) for parts in columns)):
                text = " ".join(
                    fit(parts[n] if n < len(parts) else "", w, c.align)
                    for parts, c, w in zip(columns, self.columns, widths, strict=True)
                )
                lines.append(literal(text, row.style))
        for row in self.rows:
            if row.note:
                text = row.cells[0]
                cut = wrap_cells(text, width) if self.wrap_notes else [fit(text, width)]
                lines += [literal(line, row.style) for line in cut]
        return lines

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width or 80))
