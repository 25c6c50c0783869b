"""A row table that draws only the rows on screen: a heading, rows of Rich `Text` cells, a row cursor or none.

Textual's `DataTable` renders every visible cell through Rich (a `Padding` each) and fills in
its rows only once the app is idle, so the first frame shows an empty table and the rows come
a layout pass and two redraws later. Here a row is one `Text` line cut to the columns' widths,
turned into a `Strip` when the line is drawn; the rows are given whole, with their widths, in
one call, and are on screen in the frame the table first appears in. Cells are `Text`, never
markup; a cell justified right (`Text.justify`) is padded on its left. A heading of several
lines (`"Share\nkept"`) makes the heading as tall. Wider than the screen, the table scrolls
sideways with its first `fixed_columns` kept in view.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
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


def fitting_column(key: str, label: Text, cells: Iterable[Text]) -> Column:
    """A column as wide as its widest cell or heading line."""
    lines = label.split("\n", allow_blank=True)
    return Column(
        key, label, max([0, *(line.cell_len for line in lines), *(c.cell_len for c in cells)])
    )


class RowTable(ScrollView, can_focus=True):
    """Rows of cells under a heading, one row under the cursor (unless made without one); enter
    or a click selects it."""

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
    class RowMessage(Message):
        """About one row: the table, the row's place and its key."""

        table: RowTable
        cursor_row: int
        row_key: str

        @property
        def control(self) -> RowTable:
            return self.table

    class RowHighlighted(RowMessage):
        """The cursor came to another row."""

    class RowSelected(RowMessage):
        """The row under the cursor was chosen (enter, or a click)."""

    def __init__(
        self,
        *,
        cursor: bool = True,
        fixed_columns: int = 0,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """`cursor=False`: no row is marked, and a click chooses none (a table to read only);
        `fixed_columns`: how many columns, from the first, stay in view when it scrolls sideways."""
        super().__init__(id=id, classes=classes)
        self.show_cursor = cursor
        self.fixed_columns = fixed_columns
        self.columns: list[Column] = []
        self._keys: list[str] = []
        self._rows: list[list[Text]] = []
        self._headings: list[list[Text]] = [[]]  # per heading line, the columns' part of it
        self._cursor = 0

    # -- what is shown -------------------------------------------------------------------------

    def show_rows(self, columns: Sequence[Column], rows: Sequence[tuple[str, list[Text]]]) -> None:
        """Show `rows` ((key, cells) each, cells already cut to their columns' widths) under
        `columns`, from the first, the cursor on it."""
        self.columns = list(columns)
        self._keys = [key for key, _cells in rows]
        self._rows = [cells for _key, cells in rows]
        labels = [column.label.split("\n", allow_blank=True) for column in self.columns]
        height = max([1, *(len(lines) for lines in labels)])
        self._headings = [
            [lines[n] if n < len(lines) else Text() for lines in labels] for n in range(height)
        ]
        self.virtual_size = Size(self._edges()[-1], len(self._rows) + height)
        # Other rows: back to the first, as a DataTable cleared (`move_cursor` keeps a row).
        self._cursor = 0
        if self.is_mounted:
            self.scroll_to(0, 0, animate=False, immediate=True, force=True)
        self.refresh()

    def _edges(self) -> list[int]:
        """Where each column starts, and after them where the last ends, in cells."""
        edges = [0]
        for column in self.columns:
            edges.append(edges[-1] + column.width + 2 * self.cell_padding)
        return edges

    @property
    def header_height(self) -> int:
        return len(self._headings)

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
        shown = max(1, self.scrollable_content_region.height - self.header_height)
        top = round(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True, force=True)
        elif self._cursor >= top + shown:
            self.scroll_to(y=self._cursor - shown + 1, animate=False, immediate=True, force=True)

    def scroll_columns(self, step: int) -> None:
        """Scroll sideways `step` columns (to the left when negative), a column's start at the
        edge of the fixed columns, never past the last column."""
        fixed = min(self.fixed_columns, len(self.columns))
        edges = self._edges()
        starts = [edge - edges[fixed] for edge in edges[fixed:-1]]
        at = round(self.scroll_x)
        if step > 0:
            later = [x for x in starts if x > at]
            target = later[min(step, len(later)) - 1] if later else at
        else:
            earlier = [x for x in starts if x < at]
            target = earlier[max(step, -len(earlier))] if earlier else at
        self.scroll_to(x=min(target, self.max_scroll_x), animate=False, immediate=True, force=True)

    # -- drawing -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        style = self.rich_style
        post = None
        if y < self.header_height:
            style += self.get_component_rich_style("rowtable--header")
            cells = self._headings[y]
        else:
            row = scroll_y + y - self.header_height
            if row >= len(self._rows):
                return Strip.blank(width, style)
            if row % 2 == 0:
                style += self.get_component_rich_style("rowtable--even-row")
            if row == self._cursor and self.show_cursor:
                # As a DataTable draws its cursor: its colour over the cells' own, their
                # backgrounds (a search's highlight) over its.
                cursor = self.get_component_rich_style("rowtable--cursor")
                style, post = style + cursor, Style.from_color(cursor.color)
            cells = self._rows[row]
        line = self._line(cells)
        segments = Segment.apply_style(line.render(self.app.console), style, post)
        strip = Strip(segments, line.cell_len)
        fixed = self._edges()[min(self.fixed_columns, len(self.columns))]
        if not fixed or not scroll_x or fixed >= width:
            return strip.crop_extend(scroll_x, scroll_x + width, style)
        kept = strip.crop_extend(0, fixed, style)
        rest = strip.crop_extend(fixed + scroll_x, scroll_x + width, style)
        return Strip.join([kept, rest])

    def _line(self, cells: Sequence[Text]) -> Text:
        """The cells side by side, each padded to its column's width (on the left when it is
        justified right)."""
        pad = " " * self.cell_padding
        line = Text(end="", no_wrap=True)
        for cell, column in zip(cells, self.columns, strict=False):
            room = " " * (column.width - min(cell.cell_len, column.width))
            right = cell.justify == "right"
            line.append(pad + (room if right else ""))
            line.append_text(cell)
            line.append(("" if right else room) + pad)
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
        self.move_cursor(
            row=self._cursor - max(1, self.scrollable_content_region.height - self.header_height)
        )

    def action_page_down(self) -> None:
        self.move_cursor(
            row=self._cursor + max(1, self.scrollable_content_region.height - self.header_height)
        )

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self._rows) - 1)

    def action_select_cursor(self) -> None:
        if self._rows:
            self.post_message(self.RowSelected(self, self._cursor, self._keys[self._cursor]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self.header_height or not self.show_cursor:
            return
        row = round(self.scroll_y) + offset.y - self.header_height
        if row < len(self._rows):
            self.move_cursor(row=row)
            self.action_select_cursor()
