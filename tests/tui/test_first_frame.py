"""What a screen does before its first frame: drawn once, with what it will keep showing.

Every pass of the layout and render before the first frame is time the user waits (the start
of `minutely history` and `minutely series`, measured in bench/); these tests keep the passes
that were taken out from coming back, whatever the figures of one machine say.
"""

from __future__ import annotations

import dataclasses
import gc

import pytest
from screen_text import until
from series_sessions import SERIES, TODAY, meeting_clock, record_series
from textual.widget import Widget

from sessions.session import Session
from tui import launch
from tui.app import MinutelyApp, make_app
from tui.screens.dialogs import ConfirmScreen
from tui.screens.help import KeysHelpScreen
from tui.screens.home import HomeScreen
from tui.screens.premeeting import PreMeetingScreen
from tui.start import History, Series
from widgets.table import RowTable

SIZE = (120, 36)


def _ended(datadir, agenda, clock, title: str) -> None:
    meeting = dataclasses.replace(agenda.meeting, title=title)
    session = Session.start(datadir, dataclasses.replace(agenda, meeting=meeting), clock)
    clock.advance(600)
    session.end()
    session.close()
    clock.advance(86400)


@pytest.fixture
def drawn(monkeypatch):
    """Each history table drawn, with whether it had the focus then."""
    seen: list[tuple[str | None, bool]] = []
    render_lines = RowTable.render_lines

    def recorded(self, crop):  # type: ignore[no-untyped-def]
        seen.append((self.id, self.has_focus))
        return render_lines(self, crop)

    monkeypatch.setattr(RowTable, "render_lines", recorded)
    return seen


async def test_the_history_list_is_drawn_focused_from_its_first_frame(
    datadir, agenda, clock, drawn
):
    """Focused only after it was drawn, the list (every row through Rich) was drawn twice
    before the first frame: once plain, once with the focused cursor."""
    for n in range(3):
        _ended(datadir, agenda, clock, f"Weekly review {n}")
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#history-table", RowTable)
        await until(pilot, lambda: table.row_count == 3)
        await pilot.pause()
        assert app.screen.focused is table
        history_draws = [focused for name, focused in drawn if name == "history-table"]
        assert history_draws and all(history_draws)


def rule_selectors(app) -> str:  # type: ignore[no-untyped-def]
    """Every selector of the rules the app's stylesheet holds now, one text."""
    return " ".join(rule.selectors for rule in app.stylesheet.rules)


async def test_the_history_start_reads_no_other_screens_rules(datadir, agenda, clock):
    """The rules of the live meeting, the pre-meeting check, home and the room display are
    read when those screens are first shown, not parsed at every start of every screen."""
    _ended(datadir, agenda, clock, "Weekly review")
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        selectors = rule_selectors(app)
        assert "#history-table" in selectors  # the screen's own
        assert ".keys" in selectors  # what every screen shares
        for other in ("LiveScreen", "#capture", "#pre-title", "#home-menu", "#display-clock"):
            assert other not in selectors


async def test_screens_opened_from_home_at_80x24_take_their_own_rules(datadir, clock):
    """Home, then the pre-meeting check, then the live meeting: each screen's layout applies
    when it is first opened (at 80 columns, the live screen's side panes fold away)."""
    app = make_app(datadir, clock=clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#home").styles.padding.left == 2
        assert "LiveScreen" not in rule_selectors(app)
        await pilot.press("1")
        await until(pilot, lambda: isinstance(app.screen, PreMeetingScreen))
        assert app.screen.query_one("#premeeting").styles.padding.left == 1
        await pilot.press("p", "s")  # one in the room, then start
        await until(pilot, lambda: type(app.screen).__name__ == "LiveScreen")
        await pilot.pause()
        live = app.screen
        assert live.has_class("-compact")
        assert live.query_one("#top-bar").region.height == 1
        assert not live.query_one("#agenda-pane").display
        assert not live.query_one("#roster-pane").display
        assert live.query_one("#capture").region.bottom <= 24


async def test_dialogs_opened_from_the_history_take_their_own_rules(datadir, agenda, clock):
    """The history opens with its own rules only; its confirmation and its help overlay bring
    theirs when first shown."""
    _ended(datadir, agenda, clock, "Weekly review")
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#history-table", RowTable)
        await until(pilot, lambda: table.row_count == 1)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.pause()
        assert app.screen.query_one("#confirm-box").region.width == 60
        await pilot.press("n")
        await until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, KeysHelpScreen))
        await pilot.pause()
        box = app.screen.query_one("#help-box")
        assert box.region.width == 76  # 116 wide at most 95 % of the screen's 80 columns
        assert box.styles.border_top[0] == "thick"


def _seen_as_the_app_runs(datadir, monkeypatch, look):
    """What `look()` says when the history's app is about to run (its `run` stubbed out); the
    collector as it was for the test process after."""
    seen = []
    monkeypatch.setattr(MinutelyApp, "run", lambda self: seen.append(look()))
    try:
        assert launch.history(datadir, "en") == 0
    finally:
        gc.unfreeze()  # the test process's objects go back to the collector
        gc.enable()
    return seen


def test_what_is_loaded_before_the_app_runs_is_out_of_the_collectors_sight(datadir, monkeypatch):
    """A full collection while the first frame is made walked every object of every module
    loaded (~0.1 s at the start of the history, which the bare Textual app never reaches)."""
    gc.unfreeze()
    frozen = _seen_as_the_app_runs(datadir, monkeypatch, gc.get_freeze_count)
    assert frozen and frozen[0] > 10_000


async def test_the_scorecard_opens_with_nothing_focused_at_any_moment(datadir, monkeypatch):
    """Nothing on the scorecard takes focus (its keys are the screen's): the tabs focused by
    Textual's default and let go of after the first frame were restyled and redrawn twice."""
    record_series(datadir)
    focused: list[str] = []
    on_focus = Widget._on_focus

    def recorded(self, event):  # type: ignore[no-untyped-def]
        focused.append(type(self).__name__)
        return on_focus(self, event)

    monkeypatch.setattr(Widget, "_on_focus", recorded)
    app = make_app(datadir, Series(SERIES, "en"), clock=meeting_clock(TODAY), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(app.screen.query("#sc-scorecard-standing")))
        await until(pilot, lambda: app.screen.complete)
        assert app.focused is None
    assert focused == []


def test_the_app_runs_with_the_collector_on_however_it_was_started(datadir, monkeypatch):
    """`minutely series NAME` starts with the collector off (`tui.entry`): once what is loaded
    is frozen, the app runs with it on."""
    gc.disable()
    assert _seen_as_the_app_runs(datadir, monkeypatch, gc.isenabled) == [True]
