"""The facilitator's day: the room display moves on, an empty roll-call asks twice, the end goes home."""

from __future__ import annotations

from dataclasses import replace

from screen_text import polls, text_of, until
from textual.widgets import Digits

from agendas.model import Section
from sessions.i18n import t
from sessions.session import Session
from tui.app import make_app
from tui.screens.display import DisplayScreen
from tui.screens.premeeting import PreMeetingScreen
from tui.start import Display, PreMeeting

SIZE = (160, 48)


def second_meeting(agenda):
    return replace(
        agenda,
        meeting=replace(agenda.meeting, title="华东区周会"),
        sections=(Section("本周客户拜访", 900), *agenda.sections[1:]),
    )


# -- the room display moves on to the next meeting -------------------------------------------


async def test_display_without_a_session_moves_on_to_the_next_meeting(datadir, clock, agenda):
    first = Session.start(datadir, agenda, clock, lang="zh")
    second = None
    try:
        app = make_app(datadir, Display(first.id, follow_latest=True), clock=clock, lang="zh")
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, DisplayScreen)
            assert text_of(app, "#display-section") == "上月例会工作追踪"

            first.end()
            first.close()
            await until(pilot, lambda: screen.has_class("-ended"))

            clock.advance(3600)
            second = Session.start(datadir, second_meeting(agenda), clock, lang="zh")
            clock.advance(2)  # the display looks for the next meeting every two seconds
            await until(pilot, lambda: screen.session_id == second.id)
            await until(pilot, lambda: text_of(app, "#display-section") == "本周客户拜访")
            assert text_of(app, "#display-meeting") == "华东区周会"
            assert not screen.has_class("-ended")
            assert (
                screen.query_one("#display-countdown", Digits).value == "14:58"
            )  # started two seconds ago
            assert datadir.is_locked(second.id)  # the display never takes the lock
    finally:
        first.close()
        if second is not None:
            second.close()


async def test_display_looks_for_the_next_meeting_at_most_every_two_seconds(
    datadir, clock, agenda, monkeypatch
):
    first = Session.start(datadir, agenda, clock, lang="zh")
    first.end()
    first.close()
    looked: list[float] = []
    session_ids = datadir.session_ids

    def counting() -> list[str]:
        looked.append(clock.monotonic())
        return session_ids()

    monkeypatch.setattr(datadir, "session_ids", counting)
    app = make_app(datadir, Display(first.id, follow_latest=True), clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(looked))
        await polls(pilot, app.screen)  # the display polls, but the (fake) clock stands still
        assert len(looked) == 1
        clock.advance(2)
        await until(pilot, lambda: len(looked) == 2)


async def test_display_of_a_named_session_stays_on_it(datadir, clock, agenda):
    first = Session.start(datadir, agenda, clock, lang="zh")
    first.end()
    first.close()
    clock.advance(3600)
    second = Session.start(datadir, second_meeting(agenda), clock, lang="zh")
    try:
        app = make_app(datadir, Display(first.id), clock=clock, lang="zh")
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            await until(pilot, lambda: screen.has_class("-ended"))
            clock.advance(10)
            await polls(pilot, screen)
            assert screen.session_id == first.id
            assert "结束" in text_of(app, "#display-section")
    finally:
        second.close()


# -- starting with nobody checked in ---------------------------------------------------------


async def test_starting_with_nobody_checked_in_asks_for_a_second_press(datadir, clock, agenda):
    app = make_app(datadir, PreMeeting(agenda), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, PreMeetingScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and app.session is None
        assert datadir.session_ids() == []
        assert text_of(app, "#pre-problems") == t("shell.nobody_checked_in", "en")
        assert "Enter again" in text_of(app, "#pre-problems")

        await pilot.press("s")  # the second press starts, everyone absent
        await until(pilot, lambda: type(app.screen).__name__ == "LiveScreen")
        assert app.session is not None
        assert len(datadir.session_ids()) == 1


async def test_a_roll_call_mark_resets_the_empty_roll_call_question(datadir, clock, agenda):
    app = make_app(datadir, PreMeeting(agenda), clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("s")
        assert "还没有人签到" in text_of(app, "#pre-problems")
        await pilot.press("e")  # a mark, even back to not checked in: the question starts over
        assert text_of(app, "#pre-problems") == ""
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and datadir.session_ids() == []
        assert "还没有人签到" in text_of(app, "#pre-problems")

        await pilot.press("p")  # someone is here (the next in the list): one press starts
        await pilot.press("enter")
        await until(pilot, lambda: app.session is not None)
        assert app.session.state.attendance["李娜"].status == "present"


# -- the end summary: home again, or quit ----------------------------------------------------


async def end_by_typing(pilot) -> None:
    from textual.widgets import Input

    capture = pilot.app.screen.query_one("#capture", Input)
    capture.value = "/end"
    await pilot.press("enter")
    await until(pilot, lambda: type(pilot.app.screen).__name__ == "EndSummaryScreen")


async def test_end_summary_goes_back_home_when_the_app_started_there(datadir, clock):
    from tui.screens.home import HomeScreen

    app = make_app(datadir, clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("1")
        await until(pilot, lambda: isinstance(app.screen, PreMeetingScreen))
        await pilot.press("p", "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "LiveScreen")
        session = app.session
        assert session is not None
        await end_by_typing(pilot)
        assert text_of(app, "#end-hint") == t("end.hint_home", "en")

        await pilot.press("q")
        await until(pilot, lambda: app.screen is home)
        assert app.is_running and app.return_code is None
        assert app.session is None and session.closed
        assert session.state.ended and not datadir.is_locked(session.id)
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["HomeScreen"]

        # And the next meeting can start from there.
        await pilot.press("1")
        await until(pilot, lambda: isinstance(app.screen, PreMeetingScreen))
        await pilot.press("p", "enter")
        await until(pilot, lambda: app.session is not None and app.session is not session)
        assert len(datadir.session_ids()) == 2


async def test_end_summary_quits_when_the_meeting_was_run_directly(datadir, clock, agenda):
    app = make_app(datadir, PreMeeting(agenda), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "LiveScreen")
        await end_by_typing(pilot)
        assert text_of(app, "#end-hint") == t("end.hint", "en")
        await pilot.press("q")
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 0
