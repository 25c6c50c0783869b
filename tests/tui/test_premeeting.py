"""The pre-meeting screen: the roll-call and its count, starting with nobody in, the keys line."""

from __future__ import annotations

from live_meetings import SIZE
from screen_text import text_of, until

from sessions.i18n import t
from tui.app import make_app
from tui.screens.premeeting import PreMeetingScreen
from tui.start import PreMeeting


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


async def test_premeeting_header_counts_late_as_not_here_yet(datadir, agenda, clock):
    app = make_app(datadir, PreMeeting(agenda), clock=clock, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("p", "l")  # 王磊 present, 李娜 expected late
        await pilot.pause()
        assert text_of(app, "#pre-rollcall-title") == "Roll-call: 1 of 5 here"


async def test_premeeting_follow_up_key_and_key_line(datadir, agenda, clock):
    app = make_app(datadir, PreMeeting(agenda), clock=clock, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PreMeetingScreen)
        await pilot.press("f")
        assert text_of(app, "#pre-problems") == "The agenda already has a follow-up section."
        keys = text_of(app, "#pre-keys")
        assert keys.startswith("↑↓ person") and "goes to the next person" in keys
        await pilot.press("tab")
        await pilot.pause()
        assert text_of(app, "#pre-keys").startswith("↑↓ item · space tick")
        await pilot.press("shift+tab")
        await pilot.pause()
        assert text_of(app, "#pre-keys").startswith("↑↓ person")
