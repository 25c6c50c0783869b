"""Every screen at 80 columns by 24 rows, in Chinese and English, as a facilitator in tmux sees it."""

from __future__ import annotations

from datetime import date

import pytest
from brief_series import REPS, meeting_clock, month_agenda, record_two_meetings
from rich.cells import cell_len
from screen_text import find_on_screen, live_app, screen_text, until
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey

from agendas.templates import load_template
from sessions.actions import change_status, load_actions
from sessions.i18n import t
from sessions.session import Session
from tui.app import make_app
from tui.screens.actions import ActionsScreen
from tui.screens.home import HomeScreen
from tui.screens.premeeting import PreMeetingScreen
from tui.start import History, PreMeeting
from widgets.keybar import KeyBar

SIZE = (80, 24)


@pytest.fixture(params=["zh", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    return request.param


async def test_home_shows_its_whole_key_line(datadir, clock, lang):
    app = make_app(datadir, clock=clock, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause()
        shown = " ".join(line.strip() for line in screen_text(app).splitlines()[-3:])
        assert t("shell.home_keys", lang).split(" · ")[-1] in shown  # "q quit", the last key


async def test_home_cuts_a_long_template_line_rather_than_wrap_it(datadir, clock):
    app = make_app(datadir, clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause()
        lines = screen_text(app).splitlines()
        long_one = next(line for line in lines if "East Region Monthly Marketing Meeting" in line)
        assert long_one.rstrip(" │").endswith("…")
        # no line of the menu starts with the tail of the one above
        assert not any(line.lstrip("│ ").startswith("项议程") for line in lines)
        assert any(
            " 8  Weekly Sales Meeting  weekly-sales · 5 项议程 · 45 分钟" in line for line in lines
        )


def _long_meeting(datadir, agenda, clock) -> None:
    session = Session.start(datadir, agenda, clock, lang="zh")
    session.jump(2)
    clock.advance(45)
    session.submit(REBATE_NOTE)
    clock.advance(600)
    session.end()
    session.close()


REBATE_NOTE = (
    "讨论了返利政策，返利比例需要与回款率挂钩，并在季度末统一结算，避免月度波动带来的财务压力"
)


async def test_history_in_chinese_says_minutes_and_keeps_the_status_column(datadir, agenda, clock):
    _long_meeting(datadir, agenda, clock)
    app = make_app(datadir, History(), clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "状态" in screen_text(app))
        screen = screen_text(app)
        row = next(line for line in screen.splitlines() if "华东区" in line)
        assert "分钟" in row and " min" not in screen
        assert row.rstrip().endswith(t("session.ended", "zh"))


async def test_history_search_fits_the_note_column_to_80_with_an_ellipsis(datadir, agenda, clock):
    _long_meeting(datadir, agenda, clock)
    app = make_app(datadir, History(), clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("?", *"返利")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await until(pilot, lambda: "讨论了返利" in screen_text(app))
        row = next(line for line in screen_text(app).splitlines() if "讨论了返利" in line)
        note = row[row.index("讨论了返利") :].rstrip()
        assert note.endswith("…") and cell_len(note) >= 24
        assert cell_len(row.rstrip()) <= 80


def two_overdue_one_done(datadir) -> None:
    record_two_meetings(datadir)
    book = load_actions(datadir)
    done = next(a for a in book.actions if a.owner is None)
    change_status(datadir, done.ref, "done", None, 0.0, "cli")


async def test_actions_keep_the_due_column_narrow_and_their_keys_on_one_line(datadir, lang):
    two_overdue_one_done(datadir)
    clock = meeting_clock(date(2026, 11, 20))
    app = make_app(datadir, clock=clock, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, ActionsScreen))
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.columns[ColumnKey("due")].get_render_width(table) == 12  # a date and padding
        heading = t("actions.group.closed", lang)
        assert heading.split()[0] in screen_text(app)
        bar = str(app.screen.query_one(KeyBar).render())
        back, done = t("actions.key.close", lang), t("actions.key.done", lang)
        assert f" esc {back} " in bar and f" x {done} " in bar
        assert cell_len(bar) <= 80
        find = find_on_screen(app, f"esc {back}")
        assert find is not None and find[1] == 23  # on the last row, whole


async def test_premeeting_names_the_brief_on_its_key_and_shows_it_whole(datadir, lang):
    record_two_meetings(datadir)
    clock = meeting_clock(date(2026, 12, 3))
    app = make_app(datadir, PreMeeting(month_agenda("12", REPS)), clock=clock, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PreMeetingScreen))
        screen = app.screen
        await until(pilot, lambda: f"g {t('shell.key_brief_agenda', lang)}" in screen_text(app))
        await pilot.press("g")
        brief = screen.query_one("#pre-brief", Static)
        await until(pilot, lambda: brief.region.height > 0)
        shown = screen_text(app)
        for line in screen.brief:  # every line of the brief, its start and its end, on screen
            assert line[:6] in shown and line[-4:] in shown.replace("\n", "").replace("│", "")
        assert brief.region.bottom <= 24 - 1  # above the key line


async def test_premeeting_without_a_brief_says_agenda_on_its_key(datadir, clock, agenda):
    app = make_app(datadir, PreMeeting(agenda), clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "g 议程 ·" in screen_text(app))


async def test_history_keeps_its_back_key_whole_at_80_columns(datadir, agenda, clock, lang):
    _long_meeting(datadir, agenda, clock)
    app = make_app(datadir, History(), clock=clock, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        back = f"esc {t('history.key.back', lang)}"
        await until(pilot, lambda: find_on_screen(app, back) is not None)
        assert find_on_screen(app, back)[1] == 23
        bar = str(app.screen.query_one(KeyBar).render())
        assert f" / {t('history.key.search', lang)} " in bar and cell_len(bar) <= 80


async def test_the_capture_line_stays_at_the_bottom_while_a_board_section_has_no_items(
    datadir, clock, lang
):
    """The targets section at 80x24, nothing captured yet: the board and the "no items yet"
    line above, the capture line right above the key bar (not floating with empty rows
    under it)."""
    session = Session.start(datadir, load_template("monthly-sales", lang), clock, lang=lang)
    try:
        sections = session.agenda.sections
        while not sections[session.state.current].kind.traits.takes_target:
            session.next()
        app = live_app(session, lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            capture = app.screen.query_one("#capture")
            keys = app.screen.query_one(KeyBar)
            assert app.screen.query_one("#board-pane").display
            assert capture.region.bottom == keys.region.y
    finally:
        session.close()
