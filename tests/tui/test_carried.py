"""The next meeting of a series is offered what the last one left over."""

from __future__ import annotations

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
