"""The pre-meeting screen: the roll-call and its count, starting with nobody in, the keys line."""

from __future__ import annotations

from live_meetings import SIZE
from screen_text import text_of, until

from sessions.i18n import t
from tui.app import make_app
from tui.screens.premeeting import PreMeetingScreen
from tui.start import PreMeeting


async def test_enter_starts_at_once_with_nobody_checked_in_and_said_so_before(
    datadir, clock, agenda
):
    """Enter always starts: a second press once asked for turned the letters typed on after
    it into roll-call marks (`a` absent, `s` start). What starting with nobody in means is
    said before, and goes once someone is marked."""
    app = make_app(datadir, PreMeeting(agenda), clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert t("shell.nobody_checked_in", "zh") in text_of(app, "#pre-warnings")
        await pilot.press("e")  # a mark that checks no one in: still said
        assert t("shell.nobody_checked_in", "zh") in text_of(app, "#pre-warnings")
        await pilot.press("up", "p")
        assert t("shell.nobody_checked_in", "zh") not in text_of(app, "#pre-warnings")
        await pilot.press("up", "e")  # back to nobody: said again
        assert t("shell.nobody_checked_in", "zh") in text_of(app, "#pre-warnings")

        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "LiveScreen")
        assert app.session is not None and len(datadir.session_ids()) == 1
        assert {a.status for a in app.session.state.attendance.values()} == {"expected"}


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
