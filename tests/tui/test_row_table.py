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
