"""Keys that terminals send in ways Textual reads differently still reach the live screen."""

from __future__ import annotations

from textual import events

from tui.app import make_app
from tui.start import Now


async def test_shift_f3_arrives_as_a_cursor_report_and_still_picks_speaker_three(
    datadir, clock, agenda
):
    app = make_app(datadir, Now(agenda), clock=clock, lang="zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        # What the terminal sends for shift+F3 (ESC[1;2R) is parsed as this event.
        app.post_message(events.CursorPosition(1, 0))
        await pilot.pause()
        await pilot.pause()
        assert app.session is not None
        assert app.session.state.speaker == agenda.participants[2].name


async def test_other_cursor_reports_do_nothing(datadir, clock, agenda):
    app = make_app(datadir, Now(agenda), clock=clock, lang="zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        app.post_message(events.CursorPosition(10, 4))
        await pilot.pause()
        assert app.session is not None
        assert app.session.state.speaker is None


async def test_a_closed_session_is_no_longer_live_and_nothing_is_written_for_it(
    datadir, clock, agenda
):
    app = make_app(datadir, Now(agenda), clock=clock, lang="zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert app.live
    # The app has exited and released the lock: a late hang-up must not write from memory.
    assert app.session is not None and app.session.closed and not app.live
    events_before = datadir.read(app.session.id).events
    app.handle_signal("SIGHUP", 129)
    assert datadir.read(app.session.id).events == events_before
