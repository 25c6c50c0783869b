"""The row table the history lists its sessions in: keys, scrolling, the mouse, user text as written."""

from __future__ import annotations

from hostile import MARKUP
from rich.text import Text
from screen_text import until
from textual.app import App, ComposeResult

from widgets.table import Column, RowTable

ROWS = 100
SIZE = (60, 12)  # the table: a heading line and 11 rows


def rows(n: int = ROWS, prefix: str = "row") -> list[tuple[str, list[Text]]]:
    return [(f"k{i}", [Text(f"{prefix} {i}"), Text(str(i * 7))]) for i in range(n)]


COLUMNS = [Column("name", Text("Name"), 20), Column("figure", Text("Figure"), 6)]


class Table(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.highlighted: list[int] = []
        self.selected: list[str] = []

    def compose(self) -> ComposeResult:
        yield RowTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(RowTable)
        table.styles.height = "1fr"
        table.show_rows(COLUMNS, rows())
        table.focus()

    def on_row_table_row_highlighted(self, event: RowTable.RowHighlighted) -> None:
        self.highlighted.append(event.cursor_row)

    def on_row_table_row_selected(self, event: RowTable.RowSelected) -> None:
        self.selected.append(event.row_key)


def screen_lines(app: App[None]) -> list[str]:
    table = app.query_one(RowTable)
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


async def test_the_heading_and_the_first_rows_are_drawn_padded_to_their_columns() -> None:
    app = Table()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert lines[0].startswith(" Name                  Figure ")
        assert lines[1].startswith(" row 0                 0      ")
        assert lines[11].startswith(" row 10                70     ")


async def test_the_cursor_keys_move_the_row_and_keep_it_on_screen() -> None:
    app = Table()
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RowTable)
        await pilot.press("down", "down")
        assert table.cursor_row == 2 and app.highlighted[-1] == 2
        await pilot.press("pagedown")
        await until(pilot, lambda: table.cursor_row == 13)
        await until(pilot, lambda: " row 13 " in "\n".join(screen_lines(app)))
        assert screen_lines(app)[0].startswith(" Name")  # the heading stays on top
        await pilot.press("end")
        await until(pilot, lambda: table.cursor_row == ROWS - 1)
        await until(pilot, lambda: screen_lines(app)[-1].startswith(f" row {ROWS - 1} "))
        await pilot.press("down")  # past the last row: stays
        assert table.cursor_row == ROWS - 1
        await pilot.press("home")
        await until(pilot, lambda: screen_lines(app)[1].startswith(" row 0 "))
        await pilot.press("up")
        assert table.cursor_row == 0
        await pilot.press("enter")
        await until(pilot, lambda: app.selected == ["k0"])


async def test_a_click_chooses_the_row_under_it_and_the_heading_chooses_none() -> None:
    app = Table()
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RowTable)
        await pilot.click(RowTable, offset=(3, 0))
        await pilot.pause()
        assert app.selected == [] and table.cursor_row == 0
        await pilot.click(RowTable, offset=(3, 4))
        await until(pilot, lambda: app.selected == ["k3"])
        assert table.cursor_row == 3


async def test_new_rows_start_from_the_first_and_move_cursor_keeps_a_row_in_view() -> None:
    app = Table()
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RowTable)
        await pilot.press("end")
        await until(pilot, lambda: table.scroll_y > 0)
        table.show_rows(COLUMNS, rows(3, prefix="found"))
        await pilot.pause()
        assert table.cursor_row == 0 and table.scroll_y == 0
        assert [str(cell) for cell in table.get_column("name")] == ["found 0", "found 1", "found 2"]
        assert screen_lines(app)[1].startswith(" found 0 ")
        table.show_rows(COLUMNS, rows())
        table.move_cursor(row=60)
        await pilot.pause()
        assert any(line.startswith(" row 60 ") for line in screen_lines(app))


async def test_user_text_is_drawn_as_written_never_as_markup() -> None:
    app = Table()
    async with app.run_test(size=(200, 30)) as pilot:
        table = app.query_one(RowTable)
        hostile = [(f"h{n}", [Text(text), Text("1")]) for n, text in enumerate(MARKUP)]
        table.show_rows([Column("name", Text("Name"), 120), COLUMNS[1]], hostile)
        await pilot.pause()
        drawn = screen_lines(app)
        for n, text in enumerate(MARKUP):
            assert drawn[n + 1].startswith(f" {text} ")


WIDE = [Column("name", Text("Name"), 8)] + [
    Column(f"m{n}", Text(f"Month\n{n:02}"), 6) for n in range(1, 13)
]  # 10 + 12 x 8 = 106 cells in a table 40 wide


def wide_rows() -> list[tuple[str, list[Text]]]:
    return [
        (
            name,
            [Text(name, style="bold" if name == "Team" else "")]
            + [Text(f"{n * i}%", justify="right") for n in range(1, 13)],
        )
        for i, name in enumerate(["Ann", "Bo", "Team"], start=1)
    ]


class Grid(App[None]):
    """A read-only table wider than the screen, its first column kept in view."""

    CSS = "RowTable { width: 40; height: auto; }"

    def __init__(self) -> None:
        super().__init__()
        self.selected: list[str] = []

    def compose(self) -> ComposeResult:
        table = RowTable(cursor=False, fixed_columns=1, id="grid")
        table.show_rows(WIDE, wide_rows())  # before it is mounted: drawn in its first frame
        yield table

    def on_row_table_row_selected(self, event: RowTable.RowSelected) -> None:
        self.selected.append(event.row_key)


def grid_lines(app: App[None]) -> list[str]:
    table = app.query_one(RowTable)
    return [table.render_line(y).text for y in range(table.header_height + table.row_count)]


async def test_headings_of_two_lines_and_figures_justified_right() -> None:
    app = Grid()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(RowTable)
        assert table.header_height == 2 and table.virtual_size.height == 5
        lines = grid_lines(app)
        assert lines[0] == " Name      Month   Month   Month   Month"
        assert lines[1] == "           01      02      03      04   "
        assert lines[2] == " Ann           1%      2%      3%      4"
        assert lines[4] == " Team          3%      6%      9%     12"


async def test_scrolled_sideways_the_first_column_stays_and_the_last_comes_whole() -> None:
    app = Grid()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(RowTable)
        await until(pilot, lambda: table.max_scroll_x > 0)
        assert table.size.width == 40 and table.show_horizontal_scrollbar
        table.scroll_columns(1)  # a column at a time: month 2 next to the names
        await pilot.pause()
        assert grid_lines(app)[1] == "           02      03      04      05   "
        assert grid_lines(app)[3] == " Bo            4%      6%      8%     10"
        table.scroll_columns(99)  # never past the last column, and it is whole
        await pilot.pause()
        assert table.scroll_x == table.max_scroll_x
        assert grid_lines(app)[1] == "          9      10      11      12     "
        assert grid_lines(app)[4] == " Team       27%     30%     33%     36% "
        table.scroll_columns(-1)  # back to a column's start
        await pilot.pause()
        assert grid_lines(app)[1] == "           09      10      11      12   "
        table.scroll_columns(-99)
        await pilot.pause()
        assert table.scroll_x == 0 and grid_lines(app)[1].startswith("           01 ")


async def test_a_table_without_a_cursor_marks_no_row_and_a_click_chooses_none() -> None:
    app = Grid()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(RowTable)
        await pilot.pause()
        first = table.render_line(2)
        cursor = table.get_component_rich_style("rowtable--cursor")
        assert cursor.bgcolor is not None
        assert all(segment.style.bgcolor != cursor.bgcolor for segment in first if segment.style)
        await pilot.click(RowTable, offset=(3, 2))
        await pilot.pause()
        assert app.selected == []
