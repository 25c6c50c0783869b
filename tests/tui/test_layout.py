"""The live and pre-meeting screens at small terminals: capture, countdown, title and speaker
stay; the side panes fold behind keys; the follow-up board shows due dates and scrolls."""

from __future__ import annotations

from datetime import date

from screen_text import live_app, screen_text, text_of, until
from textual.app import App
from textual.widgets import Input

from sessions.session import Session
from sessions.state import carried_actions
from tui.app import make_app
from tui.screens.actions import CommentScreen
from tui.start import PreMeeting
from widgets.items import ItemList
from widgets.keybar import KeyBar
from widgets.performance import Board
from widgets.roster import Roster


async def test_capture_at_80_by_24_in_a_performance_section(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock, lang="zh")
    session.next()
    session.speaker_number(3)
    try:
        app = live_app(session, "zh")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            capture = screen.query_one("#capture", Input)
            await until(pilot, lambda: capture.has_focus)
            await pilot.press(*"华东第一")
            text = screen_text(app)
            assert "华东第一" in text  # the line being typed is on screen
            assert capture.region.bottom <= 23 and capture.region.height == 3
            await pilot.press("enter")
            await until(pilot, lambda: app.screen.query_one(ItemList).option_count == 1)
            text = screen_text(app)
            items = app.screen.query_one(ItemList)
            assert items.region.height > 2 and items.region.bottom <= capture.region.y
            assert "∙ 华东第一" in text  # the saved item, shown in the section's list
            assert session.state.items[-1].text == "华东第一"
            # The countdown whole, the section title and who speaks.
            assert "11 月销售回顾" in text and "发言人：张伟" in text
            assert screen.query_one("#countdown-digits").region.width >= 15
            assert "华东区 11 月销售月会" in text_of(app, "#meeting-title")
            board = screen.query_one("#board-pane")
            assert board.region.bottom <= items.region.y  # nothing overlaps
    finally:
        session.close()


async def test_side_panes_fold_behind_keys_at_80_columns(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock, lang="en")
    try:
        app = live_app(session, "en")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            roster, agenda_pane = screen.query_one(Roster), screen.query_one("#agenda-pane")
            await until(pilot, lambda: screen.has_class("-compact"))
            assert roster.region.width == 0 and agenda_pane.region.width == 0
            await pilot.press("ctrl+r")
            await until(pilot, lambda: roster.region.width > 20)
            await pilot.press("ctrl+g")  # one at a time: the agenda in the roster's place
            await until(pilot, lambda: agenda_pane.region.width > 20)
            assert roster.region.width == 0
            capture = screen.query_one("#capture", Input)
            assert capture.region.width >= 50 and capture.has_focus
            bar = str(screen.query_one(KeyBar).render())
            assert "^r Roster" in bar
            await pilot.resize_terminal(160, 48)  # wide: both panes, and no keys for them
            await until(pilot, lambda: not screen.has_class("-compact"))
            await until(pilot, lambda: roster.region.width > 30 and agenda_pane.region.width > 30)
            assert "^r" not in str(screen.query_one(KeyBar).render())
    finally:
        session.close()


def test_days_overdue_reads_the_dates_a_carried_action_keeps():
    from sessions.dates import days_overdue

    today = date(2026, 12, 1)
    assert days_overdue("2026-11-20", today) == 11
    assert days_overdue(date(2026, 11, 20), today) == 11
    assert days_overdue("2026-12-05", today) == 0
    assert days_overdue("next week", today) == 0 and days_overdue(None, today) == 0


CARRIED = [
    {"ref": f"s0#{n}", "text": f"跟进客户 {n} 的报价", "owner": "张伟", "due": "2026-11-20"}
    for n in range(1, 7)
]


async def test_followup_board_shows_overdue_and_scrolls_to_the_row_changed(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock, lang="zh", carried=carried_actions(CARRIED))
    try:
        app = live_app(session, "zh")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            pane = screen.query_one("#board-pane")
            await until(pilot, lambda: pane.region.height > 0)
            today = session.local(session.now()).date()
            late = (today - date(2026, 11, 20)).days
            text = screen_text(app)
            assert f"逾期 {late} 天" in text and "11-20" in text
            # While nothing is captured, the board takes the room: all six actions are shown.
            assert all(f"跟进客户 {n} 的报价" in text for n in range(1, 7))
            await pilot.press(*"/status 6 blocked 等法务", "enter")
            await pilot.press(*"第一条记录", "enter")  # the items now need their rows
            await until(pilot, lambda: screen.query_one(ItemList).option_count == 1)
            board = screen.query_one(Board)
            assert board.view is not None and board.view.focus == 5
            # The board scrolls, down to the row just changed.
            await until(pilot, lambda: pane.max_scroll_y > 0 and pane.scroll_y > 0)
    finally:
        session.close()


async def test_roster_keeps_attendance_when_people_have_spoken(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock, lang="zh")
    session.submit("/late 陈静")
    session.submit("/absent 李娜")
    clock.advance(60)
    session.submit("/here 陈静")
    session.speaker_number(4)
    clock.advance(13)
    session.speaker_number(1)
    clock.advance(50)
    session.submit("/left 陈静")
    try:
        app = live_app(session, "zh")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            lines = screen_text(app).splitlines()
            chen = next(line for line in lines if "陈静" in line and "00:13" in line)
            assert "早退" in chen
            li = next(line for line in lines if "李娜" in line and "缺席" in line)
            assert "未到" not in li and "未发言" not in li
    finally:
        session.close()


async def test_premeeting_at_80_by_24(datadir, agenda, clock):
    app = make_app(datadir, PreMeeting(agenda), clock=clock, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "回车/s 开始" in text  # the whole key line
        assert all(p.name in text for p in agenda.participants)  # roll-call can be done
        await pilot.press("g")
        await until(pilot, lambda: "12 月任务分解" in screen_text(app))
        assert "11 月销售回顾" in screen_text(app)  # titles whole, not a word a line
        assert "还有 2 项未勾选" in text_of(app, "#pre-warnings")
        await pilot.press("g", "tab", "space")  # back from the agenda to the checklist
        await until(pilot, lambda: "还有 1 项未勾选" in text_of(app, "#pre-warnings"))


async def test_premeeting_warns_of_a_long_sitting(datadir, agenda, clock):
    from dataclasses import replace

    long = replace(agenda, meeting=replace(agenda.meeting, break_after=1800))
    app = make_app(datadir, PreMeeting(long), clock=clock, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Sections 1–4 run 45 min without a break" in text_of(app, "#pre-warnings")


async def test_the_comment_box_of_a_status_change_fits_80_columns():
    app: App[None] = App()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(
            CommentScreen("“Done” comment (optional)", "与物流供应商重新谈判时效")
        )
        await until(pilot, lambda: isinstance(app.screen, CommentScreen))
        panel = app.screen.query_one("#comment-panel")
        await until(pilot, lambda: panel.region.width > 0)
        assert panel.region.x >= 0 and panel.region.right <= 80  # both borders on screen
