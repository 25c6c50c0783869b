"""The digest on the clipboard: `c` on the end summary, `y` on the actions screen (where `c` cancels)."""

from __future__ import annotations

import pytest
from screen_text import live_app, until
from textual.widgets import Input

from sessions.digest import render_text, series_digest, session_digest
from sessions.session import Session
from tui.app import make_app
from tui.screens.actions import ActionsScreen
from tui.screens.end_summary import EndSummaryScreen
from tui.start import History

SIZE = (140, 40)


@pytest.fixture
def session(datadir, agenda, clock):
    s = Session.start(datadir, agenda, clock, lang="zh")
    yield s
    s.close()


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_c_on_the_end_summary_copies_the_meetings_digest(session, datadir, clock):
    app = live_app(session, "zh")
    async with app.run_test(size=SIZE) as pilot:
        capture = app.screen.query_one("#capture", Input)
        for line in (
            "/d 价格不变",
            "/a 整理客户名单 @张伟 due:2026-12-05 | 名单上传到共享盘",
            "/end",
        ):
            capture.value = line
            await pilot.press("enter")
            await pilot.pause()
        await until(pilot, lambda: isinstance(app.screen, EndSummaryScreen))
        assert app.clipboard == ""
        await pilot.press("c")
        await until(pilot, lambda: app.clipboard != "")
        expected = render_text(
            session_digest(datadir, datadir.read(session.id), clock.wall().date(), lang="zh")
        )
        assert app.clipboard == expected
        assert "价格不变" in app.clipboard and "整理客户名单" in app.clipboard
        assert any("已将「华东区 11 月销售月会」的会议摘要复制到剪贴板" in m for m in toasts(app))


@pytest.fixture
def two_meetings(datadir, agenda, clock):
    first = Session.start(datadir, agenda, clock)
    clock.advance(60)
    first.submit("/a 整理客户名单 @张伟 due:2026-12-05")
    first.submit("/a Call the Acme buyer @Tom due:2026-12-12")
    first.end()
    first.close()
    clock.advance(7 * 86400)
    second = Session.start(datadir, agenda, clock)
    clock.advance(60)
    second.submit("/d 下月目标不变")
    second.submit("/a 更新价格表 @陈静")
    second.end()
    second.close()
    return first, second


async def test_y_on_the_actions_screen_copies_the_latest_meetings_digest(
    two_meetings, datadir, clock
):
    _first, second = two_meetings
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, ActionsScreen))
        await pilot.press("y")
        await until(pilot, lambda: app.clipboard != "")
        today = clock.wall().date()
        latest = session_digest(datadir, datadir.read(second.id), today, lang="en")
        assert app.clipboard == render_text(latest)
        # The latest meeting's own: the earlier one's actions were not carried into it.
        assert "下月目标不变" in app.clipboard and "Call the Acme buyer" not in app.clipboard
        assert any("Copied the digest of" in m for m in toasts(app))

        # Shown by series, the copy is the series' digest: every action of it still open.
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, ActionsScreen) and screen.series == "east-monthly"
        await pilot.press("y")
        await until(pilot, lambda: "Call the Acme buyer" in app.clipboard)
        assert app.clipboard == render_text(
            series_digest(datadir, "east-monthly", today, lang="en")
        )
        # And for the owner shown, only theirs.
        screen.apply_owner("陈")
        await pilot.press("y")
        await until(pilot, lambda: "Call the Acme buyer" not in app.clipboard)
        mine = series_digest(datadir, "east-monthly", today, lang="en", owner="陈静")
        assert app.clipboard == render_text(mine)
        assert "更新价格表" in app.clipboard and "整理客户名单" not in app.clipboard


async def test_y_with_no_meeting_says_there_is_nothing_to_copy(datadir, clock):
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, ActionsScreen))
        await pilot.press("y")
        await until(pilot, lambda: toasts(app) != [])
        assert app.clipboard == ""
        assert toasts(app) == ["No meeting yet: there is no digest to copy"]
