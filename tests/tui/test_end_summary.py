"""The end summary: its counts and times, its keys in the meeting's language, home again or quit."""

from __future__ import annotations

from live_meetings import SIZE, enter
from screen_text import live_app, text_of, until
from textual.widgets import Footer, Input

from sessions.i18n import t
from tui.app import make_app
from tui.screens.end_summary import EndSummaryScreen
from tui.screens.premeeting import PreMeetingScreen
from tui.start import Live, PreMeeting
from widgets.keybar import KeyBar


async def test_end_summary_counts_and_labels_its_times(followed_up, clock):
    app = live_app(followed_up, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/d one decision")
        await enter(pilot, "/a one action @Tom due:12-05")
        await enter(pilot, "/extend 2")
        clock.advance(269)
        await enter(pilot, "/end")
        await until(pilot, lambda: isinstance(app.screen, EndSummaryScreen))  # minutes written
        assert text_of(app, "#end-counts") == "0 notes · 1 decision · 1 action"
        times = text_of(app, "#end-times")
        assert "Planned (agenda)" in times and "50 min" in times
        assert "Extended" in times and "+2 min" in times
        assert "Time in sections" in times
        assert "Whole meeting (start to end, pauses included)" in times
        assert "4 min 29 s  (09:00–09:04)" in times


async def test_end_summary_has_the_key_bar_in_the_meetings_language(monthly):
    app = make_app(monthly.writer.datadir, Live(monthly), clock=monthly.clock, lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/end")
        await until(pilot, lambda: isinstance(app.screen, EndSummaryScreen))  # minutes written
        assert not app.screen.query(Footer)
        bar = str(app.screen.query_one(KeyBar).render())
        assert "退出" in bar and "全部操作" in bar and "palette" not in bar


async def end_by_typing(pilot) -> None:

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


async def test_the_end_summary_takes_ratings_and_what_would_make_the_next_one_better(
    monthly, clock
):
    app = live_app(monthly, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/absent 李娜")
        await enter(pilot, "/end")
        await until(pilot, lambda: isinstance(app.screen, EndSummaryScreen))
        prompt = text_of(app, "#end-rate-prompt")
        assert "王磊" in prompt and "张伟" in prompt
        assert "李娜" not in prompt and "Tom" not in prompt  # not there: not asked
        await pilot.press("r")
        ratings = app.screen.query_one("#end-ratings", Input)
        assert ratings.has_focus
        # the example is a line for the people in the room, not names from elsewhere
        first, second = app.screen.present()[:2]
        assert str(ratings.placeholder).startswith(f"e.g. {first} 8 {second} 9")
        assert "李娜" not in str(ratings.placeholder)
        ratings.value = "王磊 8 李娜 9"  # 李娜 was not there: not one of those asked
        await pilot.press("enter")
        assert "李娜" in text_of(app, "#end-rate-status")
        assert ratings.has_focus and monthly.state.ratings == {}
        ratings.value = "王磊 8 张 9"
        await pilot.press("enter")
        improvement = app.screen.query_one("#end-improvement", Input)
        await until(pilot, lambda: improvement.has_focus)
        improvement.value = "早点发材料"
        await pilot.press("enter")
        await until(pilot, lambda: monthly.state.improvement == "早点发材料")
        assert monthly.state.ratings == {"王磊": 8, "张伟": 9}
        record = monthly.writer.datadir.read(monthly.id)
        assert [e.TYPE for e in record.log()][-3:] == ["rating", "rating", "improvement"]
        assert text_of(app, "#end-rate-status") == t("end.rated", "en")
        minutes = monthly.writer.datadir.exports_dir / f"{monthly.id}.md"
        await until(pilot, lambda: "Meeting rating" in minutes.read_text(encoding="utf-8"))
        await pilot.press("q")  # the lines are done with: q leaves again
        await until(pilot, lambda: not app.is_running)


async def test_one_number_rates_for_everyone_there_and_an_empty_line_skips(monthly):
    app = live_app(monthly, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/end")
        await until(pilot, lambda: isinstance(app.screen, EndSummaryScreen))
        await pilot.press("r")
        app.screen.query_one("#end-ratings", Input).value = "８"
        await pilot.press("enter", "enter")
        await until(pilot, lambda: bool(monthly.state.ratings))
        assert set(monthly.state.ratings.values()) == {8}
        # Tom Baker was absent and 陈静, announced late, never came in: only those there rate.
        assert set(monthly.state.ratings) == {"王磊", "李娜", "张伟"}
        assert monthly.state.improvement is None


async def rate_prompt_at_the_end(session, lang: str) -> str:  # type: ignore[no-untyped-def]
    app = live_app(session, lang)
    async with app.run_test(size=SIZE) as pilot:
        await enter(pilot, "/end")
        await until(pilot, lambda: isinstance(app.screen, EndSummaryScreen))
        return text_of(app, "#end-rate-prompt")


async def test_the_rating_prompt_separates_the_names_it_asks(followed_up, monthly):
    # Names of two words ("Tom Baker") run together when only spaces part them.
    assert "(王磊, 李娜, 张伟, 陈静)" in await rate_prompt_at_the_end(followed_up, "en")
    assert "（王磊、李娜、张伟）" in await rate_prompt_at_the_end(monthly, "zh")
