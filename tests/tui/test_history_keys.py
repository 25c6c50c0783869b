"""History by keyboard: Tab between the filter box and the list, export in every format, help and palette."""

from __future__ import annotations

import pytest
from screen_text import text_of, until
from textual.widgets import Input, OptionList

from sessions.formats import FORMATS
from sessions.session import Session
from tui.app import make_app
from tui.screens.history import HistoryScreen
from tui.screens.session_view import SessionScreen
from tui.start import History
from widgets.table import RowTable

SIZE = (120, 36)


@pytest.fixture
def ended(datadir, agenda, clock):
    """Two ended meetings, the newest listed first."""
    made = []
    for line in ("竞品 A 降价百分之五", "Acme wants a discount"):
        session = Session.start(datadir, agenda, clock)
        clock.advance(60)
        session.submit(line)
        clock.advance(600)
        session.end()
        session.close()
        clock.advance(86400)
        made.append(session)
    return made


async def test_tab_moves_between_the_filter_box_and_the_list_and_the_list_keys_work(
    datadir, ended, clock
):
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        box, table = app.screen.query_one(Input), app.screen.query_one(RowTable)
        await pilot.press("f")
        await until(pilot, lambda: box.has_focus)
        await pilot.press("tab")
        await until(pilot, lambda: table.has_focus)
        await pilot.press("tab")
        await until(pilot, lambda: box.has_focus)
        await pilot.press("shift+tab")
        await until(pilot, lambda: table.has_focus)
        await pilot.press("shift+tab")
        await until(pilot, lambda: box.has_focus)
        # Down from the box goes to the list, where it moves the row.
        await pilot.press("down")
        await until(pilot, lambda: table.has_focus)
        assert table.cursor_row == 0
        await pilot.press("down")
        await until(pilot, lambda: table.cursor_row == 1)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.screen.session_id == ended[0].id


@pytest.mark.parametrize("name", list(FORMATS))
async def test_e_offers_every_format_and_the_status_line_shows_the_path(
    datadir, ended, clock, name
):
    app = make_app(datadir, History(), clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        history = app.screen
        await pilot.press("e")
        await until(pilot, lambda: bool(app.screen.query(OptionList)))
        choices = app.screen.query_one(OptionList)
        ids = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
        assert ids == list(FORMATS)
        await pilot.press(name[0])  # each format by its first letter
        path = datadir.exports_dir / f"{ended[1].id}{FORMATS[name].suffix}"
        await until(pilot, lambda: app.screen is history and path.exists())
        await app.workers.wait_for_complete()
        await until(pilot, lambda: str(path) in text_of(app, "#history-status"))
        # The toast says it is done; the path is in the status line, not under the toast.
        toasts = [n.message for n in app._notifications]
        assert toasts and all(str(path) not in message for message in toasts)
