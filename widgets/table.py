"""A row table that draws only the rows on screen: a heading line, rows of Rich `Text` cells, a row cursor.

Textual's `DataTable` renders every visible cell through Rich (a `Padding` each) and measures
its rows again once idle, so a long list's first frame waits on a layout pass and two redraws.
Here a row is one `Text` line cut to the columns' widths, turned into a `Strip` when the line is
drawn; the rows are given whole, with their widths, in one call. Cells are `Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

CELL_PADDING = 1  # cells of space either side of every column


@dataclass(frozen=True)
class Column:
    """One column: its key, its heading and its width in cells (without the padding)."""

    key: str
    label: Text
    width: int


class RowTable(ScrollView, can_focus=True):
    """Rows of cells under a heading line, one row under the cursor; enter or a click selects it."""

    DEFAULT_CSS = """
    RowTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .rowtable--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .rowtable--header { background-tint: $foreground 5%; }
        }
        &:dark > .rowtable--even-row { background: $surface-darken-1 40%; }
        & > .rowtable--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .rowtable--header { background: ansi_bright_blue; color: ansi_default; }
        & > .rowtable--even-row { background: $surface-lighten-1 50%; }
        & > .rowtable--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "rowtable--header",
        "rowtable--even-row",
        "rowtable--cursor",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first", "First", show=False),
        Binding("end,ctrl+end", "last", "Last", show=False),
    ]
    cell_padding = CELL_PADDING

    @dataclass
    class RowHighlighted(Message):
        """The cursor came to another row."""

        table: RowTable
        cursor_row: int
        row_key: str

        @property
        def control(self) -> RowTable:
            return self.table

    @dataclass
    class RowSelected(Message):
        """The row under the cursor was chosen (enter, or a click)."""

        table: RowTable
        cursor_row: int
        row_key: str

        @property
        def control(self) -> RowTable:
            return self.table

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[Column] = []
        self._keys: list[str] = []
        self._rows: list[list[Text]] = []
        self._cursor = 0

    # -- what is shown -------------------------------------------------------------------------

    def show_rows(self, columns: Sequence[Column], rows: Sequence[tuple[str, list[Text]]]) -> None:
        """Show `rows` ((key, cells) each, cells already cut to their columns' widths) under
        `columns`, from the first, the cursor on it."""
        self.columns = list(columns)
        self._keys = [key for key, _cells in rows]
        self._rows = [cells for _key, cells in rows]
        width = sum(column.width + 2 * self.cell_padding for column in self.columns)
        self.virtual_size = Size(width, len(self._rows) + 1)
        # Other rows: back to the first, as a DataTable cleared (`move_cursor` keeps a row).
        self._cursor = 0
        self.scroll_to(0, 0, animate=False, immediate=True, force=True)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    def get_row_at(self, row: int) -> list[Text]:
        return list(self._rows[row])

    def get_column(self, key: str) -> Iterator[Text]:
        at = [column.key for column in self.columns].index(key)
        return (cells[at] for cells in self._rows)

    def move_cursor(self, *, row: int) -> None:
        """Put the cursor on `row` (kept within the rows) and scroll it into view."""
        if not self._rows:
            return
        row = max(0, min(row, len(self._rows) - 1))
        moved, self._cursor = row != self._cursor, row
        self._scroll_to_cursor()
        self.refresh()
        if moved:
            self.post_message(self.RowHighlighted(self, row, self._keys[row]))

    def _scroll_to_cursor(self) -> None:
        shown = max(1, self.scrollable_content_region.height - 1)  # under the heading line
        top = round(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True, force=True)
        elif self._cursor >= top + shown:
            self.scroll_to(y=self._cursor - shown + 1, animate=False, immediate=True, force=True)

    # -- drawing -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        style = self.rich_style
        post = None
        if y == 0:
            style += self.get_component_rich_style("rowtable--header")
            cells = [column.label for column in self.columns]
        else:
            row = scroll_y + y - 1
            if row >= len(self._rows):
                return Strip.blank(width, style)
            if row % 2 == 0:
                style += self.get_component_rich_style("rowtable--even-row")
            if row == self._cursor:
                # As a DataTable draws its cursor: its colour over the cells' own, their
                # backgrounds (a search's highlight) over its.
                cursor = self.get_component_rich_style("rowtable--cursor")
                style, post = style + cursor, Style.from_color(cursor.color)
            cells = self._rows[row]
        line = self._line(cells)
        segments = Segment.apply_style(line.render(self.app.console), style, post)
        return Strip(segments, line.cell_len).crop_extend(scroll_x, scroll_x + width, style)

    def _line(self, cells: Sequence[Text]) -> Text:
        """The cells side by side, each padded to its column's width."""
        pad = " " * self.cell_padding
        line = Text(end="", no_wrap=True)
        for cell, column in zip(cells, self.columns, strict=False):
            line.append(pad)
            line.append_text(cell)
            line.append(" " * (column.width - min(cell.cell_len, column.width)) + pad)
        return line

    def on_focus(self) -> None:
        self.refresh()  # the cursor row takes the focused colours

    def on_blur(self) -> None:
        self.refresh()

    # -- keys and the mouse --------------------------------------------------------------------

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self._cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self._cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self._cursor - max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self.move_cursor(row=self._cursor + max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self._rows) - 1)

    def action_select_cursor(self) -> None:
        if self._rows:
            self.post_message(self.RowSelected(self, self._cursor, self._keys[self._cursor]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = round(self.scroll_y) + offset.y - 1
        if row < len(self._rows):
            self.move_cursor(row=row)
            self.action_select_cursor()
