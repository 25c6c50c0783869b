"""Boards for performance, targets and follow-up sections: a table aligned by terminal cells."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

from widgets.cells import fit


@dataclass(frozen=True)
class Column:
    label: str
    width: int  # 0: takes the room that is left
    align: str = "left"


@dataclass(frozen=True)
class BoardRow:
    cells: tuple[str, ...]
    style: str = ""


def money(amount: float | None) -> str:
    if amount is None:
        return ""
    return f"{amount:,.0f}"


def completion(target: float | None, actual: float | None) -> float | None:
    if not target or actual is None:
        return None
    return actual / target


def ranks(values: Sequence[float | None]) -> list[int | None]:
    """Competition ranking (1, 2, 2, 4) of the given values, highest first; None stays unranked."""
    known = sorted((v for v in values if v is not None), reverse=True)
    return [None if v is None else known.index(v) + 1 for v in values]


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

    def show(self, columns: list[Column], rows: list[BoardRow], *, empty: str = "") -> None:
        if (columns, rows, empty) != (self.columns, self.rows, self.empty):
            self.columns, self.rows, self.empty = list(columns), list(rows), empty
            self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return 1 + max(1, len(self.rows))

    def _widths(self, width: int) -> list[int]:
        fixed = sum(c.width for c in self.columns) + len(self.columns) - 1
        flexible = [c for c in self.columns if not c.width]
        room = max(4, (width - fixed) // max(1, len(flexible)))
        return [c.width or room for c in self.columns]

    def render(self) -> Content:
        widths = self._widths(self.content_size.width or 80)
        header = " ".join(
            fit(c.label, w, c.align) for c, w in zip(self.columns, widths, strict=True)
        )
        lines = [Content.styled(header, "bold $text-muted")]
        if not self.rows:
            lines.append(Content.styled(self.empty, "italic $text-muted"))
        for row in self.rows:
            text = " ".join(
                fit(cell, w, c.align)
                for cell, c, w in zip(row.cells, self.columns, widths, strict=True)
            )
            lines.append(Content.styled(text, row.style))
        return Content("\n").join(lines)
