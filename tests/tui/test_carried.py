"""The next meeting of a series is offered what the last one left over."""

from __future__ import annotations

from datetime import date

from brief_series import REPS, meeting_clock, month_agenda, record_two_meetings
from screen_text import text_of, until
from textual.widgets import Static

from sessions.session import Session
from tui.app import make_app
from tui.screens.premeeting import PreMeetingScreen
from tui.start import PreMeeting


async def test_premeeting_offers_unreached_sections_and_parking_lot(datadir, clock, agenda):
    first = Session.start(datadir, agenda, clock, lang="zh")
    first.submit("/p 展会预算另议")
    first.submit("/a 整理竞品价格表 @陈静 due:+7d | 覆盖前五大竞品")
    clock.advance(600)
    first.end()  # only the first section was reached
    first.close()
    clock.advance(30 * 86400)

    app = make_app(datadir, PreMeeting(agenda), clock=clock, lang="zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PreMeetingScreen)
        panel = str(screen.query_one("#pre-followup", Static).render())
        assert "本系列有 1 项未完成的待办" in panel
        assert "遗留自 " in panel  # the date says what it is
        assert "（暂存议题）：展会预算另议" in panel
        assert "（未讨论到）：竞品分析" in panel
        assert "休息" not in panel  # a break not taken is nothing to discuss
        await pilot.press("p", "enter")
        await pilot.pause()
        assert app.session is not None
        topics = app.session.meta["carried_topics"]
        assert {(t["kind"], t["text"]) for t in topics} >= {
            ("parking", "展会预算另议"),
            ("section", "竞品分析"),
        }
        assert app.session.meta["carried"][0]["text"] == "整理竞品价格表"


async def test_premeeting_opens_with_the_series_brief(datadir):
    record_two_meetings(datadir)
    clock = meeting_clock(date(2026, 12, 3))
    app = make_app(datadir, PreMeeting(month_agenda("12", REPS)), clock=clock, lang="en")
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PreMeetingScreen))
        panel = app.screen.query_one("#pre-brief", Static)
        await until(pilot, lambda: bool(panel.display))
        assert panel.border_title == "Opening brief"
        text = text_of(app, "#pre-brief")
        assert "Last meeting (2026-11-05) rated 7.5 / 10" in text
        assert "To do better: 提前发报表" in text
        assert "Overdue, 张伟: 整理客户名单 (49 d)" in text
        assert "Below target last month: 张伟 80%, Tom Baker 90%" in text
        assert "Carried 2×: 任务分解" in text


async def test_no_brief_for_the_first_meeting_of_a_series(datadir, clock, agenda):
    app = make_app(datadir, PreMeeting(agenda), clock=clock, lang="en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#pre-brief", Static).display
