"""Boards for performance, targets and follow-up sections: a table aligned by terminal cells."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region
from textual.reactive import var
from textual.widget import Widget

from widgets.cells import fit, wrap_cells
from widgets.rows import BoardRow, BoardView, Column, natural, percent
from widgets.text import literal

__all__ = ["Board", "BoardRow", "BoardView", "Column", "natural", "percent"]


class Board(Widget):
    """A titled table: the screen gives columns and rows of plain strings.

    In a scrolling container, it brings the row just changed (`BoardView.focus`) into view.
    """

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
        self._row_lines: list[tuple[int, int]] = []  # each table row's first line and height

    view: var[BoardView | None] = var(None, init=False)  # fed by the screen (`data_bind`)

    def watch_view(self, view: BoardView | None) -> None:
        """A section's board, titled; no view: the section has none, the board is hidden."""
        self.display = view is not None
        if view is not None:
            self.border_title = view.title
            self.show(view.columns, view.rows, empty=view.empty, wrap_notes=view.wrap_notes)
            self.scroll_to_focus()

    def scroll_to_focus(self) -> None:
        """Once laid out, scroll the container so that the focused row is in view."""
        self.call_after_refresh(self._scroll_to_focus)

    def _scroll_to_focus(self) -> None:
        view, parent = self.view, self.parent
        if view is None or view.focus is None or parent is None:
            return
        self._lines(self.content_size.width or 80)  # the row positions at this width
        table = [n for n, row in enumerate(self.rows) if not row.note]
        if view.focus not in table:
            return
        first, height = self._row_lines[table.index(view.focus)]
        scroll_to_region = getattr(parent, "scroll_to_region", None)
        if scroll_to_region is not None:
            top = self.virtual_region.y + self.styles.gutter.top
            scroll_to_region(Region(0, top + first, 1, height), animate=False, immediate=True)

    def show(
        self,
        columns: list[Column],
        rows: list[BoardRow],
        *,
        empty: str = "",
        wrap_notes: bool = True,
    ) -> None:
        shown = (self.columns, self.rows, self.empty, self.wrap_notes)
        if (columns, rows, empty, wrap_notes) != shown:
            self.columns, self.rows, self.empty = list(columns), list(rows), empty
            self.wrap_notes = wrap_notes
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
        self._row_lines = []
        for row in table:
            columns = [
                wrap_cells(cell, w) if c.wrap else [cell]
                for cell, c, w in zip(row.cells, self.columns, widths, strict=True)
            ]
            height = max(len(parts) for parts in columns)
            self._row_lines.append((len(lines), height))
            styles = row.cell_styles or ("",) * len(columns)
            for n in range(height):
                cells = [
                    literal(fit(parts[n] if n < len(parts) else "", w, c.align), style or row.style)
                    for parts, c, w, style in zip(
                        columns, self.columns, widths, styles, strict=True
                    )
                ]
                lines.append(Content.styled(" ", row.style).join(cells))
        for row in self.rows:
            if row.note:
                text = row.cells[0]
                cut = wrap_cells(text, width) if self.wrap_notes else [fit(text, width)]
                lines += [literal(line, row.style) for line in cut]
        return lines

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width or 80))
