"""The live meeting screen driven by Pilot with the fake clock: capture, countdown, roster, keys, end."""

from __future__ import annotations

from pathlib import Path

import pytest
from screen_text import live_app, screen_text, text_of, until
from textual.app import App
from textual.command import CommandList
from textual.widgets import Input, Static

from sessions.capture import capture_line, parse_capture
from sessions.session import Session
from sessions.state import carried_actions
from tui.screens.dialogs import ConfirmScreen
from tui.screens.end_summary import EndSummaryScreen
from tui.screens.help import HelpScreen
from tui.screens.live import LiveScreen
from widgets.agenda_list import AgendaList
from widgets.countdown import Countdown
from widgets.items import ItemList
from widgets.performance import Board
from widgets.roster import Roster

TCSS = Path(__file__).resolve().parents[2] / "tui" / "app.tcss"

CARRIED = [
    {
        "ref": "s0#1",
        "text": "整理华东客户名单",
        "owner": "张伟",
        "due": "2026-11-20",
        "origin": "10 月例会",
    },
    {
        "ref": "s0#2",
        "text": "Fix the CRM export",
        "owner": "Tom Baker",
        "due": "2026-11-25",
        "origin": "Oct",
    },
]


@pytest.fixture
def session(datadir, agenda, clock):
    s = Session.start(datadir, agenda, clock, lang="zh", carried=carried_actions(CARRIED))
    yield s
    s.close()


def screen_of(app: App) -> LiveScreen:
    screen = app.screen
    assert isinstance(screen, LiveScreen)
    return screen


async def advance(pilot, clock, seconds: float) -> None:
    """Move the fake clock, then let the screen's timer show it (the tick is called, not awaited)."""
    clock.advance(seconds)
    screen_of(pilot.app)._tick()
    await pilot.pause()


async def type_line(pilot, line: str) -> None:
    capture = pilot.app.screen.query_one("#capture", Input)
    capture.value = line
    await pilot.press("enter")
    await pilot.pause()


def item_texts(app: App) -> list[str]:
    items = app.screen.query_one(ItemList)
    return [str(items.get_option_at_index(i).prompt) for i in range(items.option_count)]


def first_command(app: App) -> str:
    """The command the palette offers first for what has been typed so far ("" while none)."""
    commands = app.screen.query(CommandList)
    if not commands or commands.first().option_count == 0:
        return ""
    return str(commands.first().get_option_at_index(0).prompt)


def countdown(app: App) -> Countdown:
    return app.screen.query_one(Countdown)


async def test_typed_items_appear_in_zh_and_en(session):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        capture = app.screen.query_one("#capture", Input)
        assert capture.has_focus
        await type_line(pilot, "华东区 A 类客户 120 家")
        await type_line(pilot, "/d 12 月价格不变")
        await type_line(pilot, "/a Fix the CRM export @Bob due:12-05 | exports open in Excel")
        await type_line(pilot, "/a 整理名单 @张 截止:周五")
        texts = item_texts(app)
        assert len(texts) == 4
        assert "09:00 ∙ 华东区 A 类客户 120 家" in texts[0]
        assert "✔ 12 月价格不变" in texts[1]
        assert "@Bob ! 不在名单" in texts[2] and "截止 12-05" in texts[2]
        assert "| exports open in Excel" in texts[2]
        assert "@张伟" in texts[3] and "不在名单" not in texts[3] and "截止 12-04" in texts[3]
        assert capture.value == ""
        assert "已保存待办" in text_of(app, "#status-line")
        # every shown item is on disk
        assert len(session.writer.read().events) > 4
        assert session.state.items[0].text == "华东区 A 类客户 120 家"


async def test_english_screen(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock, lang="en")
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await type_line(pilot, "/q who owns the Suzhou account?")
        assert "? who owns the Suzhou account?" in item_texts(app)[0]
        assert "Question saved" in text_of(app, "#status-line")
        assert "Projected end 09:50" in text_of(app, "#meeting-clock")
        assert "Section 1/5" in text_of(app, "#countdown-title")
    session.close()


async def test_countdown_warns_at_80_percent_and_counts_overtime(session, clock):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        assert countdown(app).text == "10:00"
        assert "计划结束 09:50" in text_of(app, "#meeting-clock")
        await advance(pilot, clock, 60)
        assert countdown(app).text == "09:00"
        assert not countdown(app).has_class("-warning")
        await advance(pilot, clock, 420)  # 8 of 10 minutes
        assert countdown(app).text == "02:00"
        assert countdown(app).has_class("-warning")
        assert not countdown(app).has_class("-overtime")
        await advance(pilot, clock, 120)
        assert countdown(app).has_class("-overtime")
        assert not countdown(app).has_class("-warning")
        await advance(pilot, clock, 300)  # five minutes over
        assert countdown(app).text == "+05:00"
        # now 09:15 + the 40 planned minutes still to come
        assert "预计结束 09:55" in text_of(app, "#meeting-clock")
        assert "已进行 15:00" in text_of(app, "#meeting-clock")
        assert app.screen.query_one("#meeting-clock").has_class("-late")


async def test_the_timer_reads_the_clock_rather_than_counting_ticks(session, clock):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        clock.advance(125)  # no key pressed, nothing written: only the screen's own timer shows it
        await until(pilot, lambda: countdown(app).text == "07:55")


async def test_speaker_keys_talk_time_share_and_dominance(session, clock):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("shift+f3")
        await pilot.pause()
        assert session.state.speaker == "张伟"
        await advance(pilot, clock, 120)
        await pilot.press("shift+f1")
        await advance(pilot, clock, 60)
        rows = {row.name: row for row in app.screen.query_one(Roster).rows}
        assert rows["张伟"].talk == pytest.approx(120)
        assert rows["王磊"].talk == pytest.approx(60)
        assert rows["张伟"].share == pytest.approx(2 / 3)
        assert rows["王磊"].speaking and not rows["张伟"].speaking
        assert rows["陈静"].silent and not rows["张伟"].silent
        assert rows["王磊"].turns == 1
        assert app.screen.query_one(Roster).warning is None
        await advance(pilot, clock, 200)  # the facilitator now holds 260 of 380 seconds
        assert "主持人发言过半" in (app.screen.query_one(Roster).warning or "")
        # the roster keys: Tab to it, a digit picks the speaker, 0 nobody
        await pilot.press("f10")
        assert session.state.speaker is None
        app.screen.query_one(Roster).focus()
        await pilot.press("4")
        assert session.state.speaker == "陈静"
        await pilot.press("0")
        assert session.state.speaker is None
        await pilot.press("escape")
        assert app.screen.query_one("#capture", Input).has_focus


async def test_attendance_shows_in_the_roster(datadir, agenda, clock):
    here = dict.fromkeys(agenda.names, "present") | {"陈静": "expected"}
    session = Session.start(datadir, agenda, clock, attendance=here, lang="zh")
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        expected = app.screen.query_one(Roster).rows[3]
        assert (expected.status, expected.not_here) == ("", True)  # "未到" alone, not "未签到 未到"
        assert "陈静" in screen_text(app) and "未签到" not in screen_text(app)
        await advance(pilot, clock, 240)
        await type_line(pilot, "/late 陈")
        await type_line(pilot, "/left Tom")
        await type_line(pilot, "/here 王芳")  # a guest joins the roster
        rows = {row.name: row for row in app.screen.query_one(Roster).rows}
        assert rows["陈静"].status == "迟到 09:04"
        assert rows["Tom Baker"].status == "早退 09:04" and rows["Tom Baker"].away
        assert rows["王芳"].number == 6 and rows["王芳"].status == "出席"
        assert "参会 5/6" in str(app.screen.query_one("#roster-pane").border_title)
    session.close()


async def test_next_previous_pause_extend_defer_keys(session, clock):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("f4")
        assert session.state.current == 1
        assert "11 月销售回顾" in text_of(app, "#countdown-title")
        assert "主讲：张伟" in text_of(app, "#countdown-info")
        await pilot.press("ctrl+n")
        assert session.state.current == 2
        await pilot.press("f3")
        assert session.state.current == 1
        await pilot.press("f5")
        assert session.state.paused
        assert countdown(app).has_class("-paused")
        assert app.screen.query_one("#paused-badge").display
        before = countdown(app).text
        await advance(pilot, clock, 90)
        assert countdown(app).text == before  # the paused clock stands still
        await pilot.press("f5")
        assert not session.state.paused
        await pilot.press("f6")
        await pilot.press("f7")
        assert session.state.sections[1].extended == 360
        assert "已延长 6 分钟" in text_of(app, "#countdown-info")
        await pilot.press("f8")
        assert session.state.order[-1] == 1
        assert session.state.current == 2
        marks = {row.title: row.state for row in app.screen.query_one(AgendaList).rows}
        assert marks == {
            "上月例会工作追踪": "done",
            "竞品分析": "current",
            "12 月任务分解": "next",
            "休息": "pending",
            "11 月销售回顾": "deferred",
        }


async def test_undo_edit_and_delete(session):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await type_line(pilot, "第一条")
        await type_line(pilot, "/a 跟进苏州客户 @陈 截止:12-05")
        await type_line(pilot, "第三条")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(item_texts(app)) == 2
        assert "已撤销：第三条" in text_of(app, "#status-line")
        # a half-typed line survives an edit
        capture = app.screen.query_one("#capture", Input)
        capture.value = "写了一半"
        await pilot.press("f2")
        items = app.screen.query_one(ItemList)
        assert items.has_focus
        assert items.selected_id == 2
        await pilot.press("e")
        assert capture.has_focus
        assert capture.value == "/a 跟进苏州客户 @陈静 due:2026-12-05"
        capture.value = "/a 跟进苏州和无锡客户 @陈静 due:2026-12-06"
        await pilot.press("enter")
        await pilot.pause()
        edited = session.state.item(2)
        assert edited is not None and edited.text == "跟进苏州和无锡客户"
        assert edited.due is not None and edited.due.isoformat() == "2026-12-06"
        assert capture.value == "写了一半"
        assert "跟进苏州和无锡客户" in item_texts(app)[1]
        # delete asks first
        await pilot.press("up")
        await pilot.press("up")
        assert items.selected_id == 1
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert session.state.item(1).active
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not session.state.item(1).active
        assert len(item_texts(app)) == 1
        await pilot.press("escape")
        assert capture.has_focus


async def test_escape_cancels_an_edit(session):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await type_line(pilot, "/d 价格不变")
        await pilot.press("up", "e")
        capture = app.screen.query_one("#capture", Input)
        assert capture.value == "/d 价格不变"
        await pilot.press("escape")
        assert capture.value == ""
        assert screen_of(app).capturing.editing is None
        assert session.state.item(1).text == "价格不变"


async def test_targets_section_board(session):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await type_line(pilot, "/target 张伟 150万")
        assert text_of(app, "#status-line") == "未执行：/target 只能在任务分解环节使用"
        assert app.screen.query_one("#capture", Input).value == "/target 张伟 150万"
        session.jump(3)
        await type_line(pilot, "/target 张伟 150万")
        await type_line(pilot, "/目标 Tom 1.2m")
        board = app.screen.query_one(Board)
        assert board.display
        cells = {row.cells[0]: row.cells for row in board.rows}
        assert cells["张伟"][3] == "1,500,000"
        assert cells["Tom Baker"][3] == "1,200,000"
        assert cells["陈静"][3] == ""  # empty until /target fills it
        assert session.state.targets == {"张伟": 1_500_000, "Tom Baker": 1_200_000}


async def test_performance_board_ranks_reps(session):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("f4")
        cells = {row.cells[0]: row.cells for row in app.screen.query_one(Board).rows}
        assert cells["张伟"][1:] == ("1,200,000", "1,350,000", "112%", "1")
        assert cells["Tom Baker"][3:] == ("101%", "2")
        assert cells["陈静"][3:] == ("80%", "3")
        await pilot.press("ctrl+n")
        assert not app.screen.query_one(Board).display


async def test_followup_status(session):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        board = app.screen.query_one(Board)
        assert [row.cells[1] for row in board.rows] == ["整理华东客户名单", "Fix the CRM export"]
        await type_line(pilot, "/status 1 done 已发给市场部")
        await type_line(pilot, "/status 2 blocked waiting for IT")
        rows = board.rows
        assert rows[0].cells[5:] == ("已完成", "已发给市场部")
        assert rows[1].cells[5:] == ("受阻", "waiting for IT")
        assert session.state.followup["s0#1"].status == "done"


async def test_bad_command_keeps_the_text_and_says_why(session):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await type_line(pilot, "/frobnicate now")
        status = app.screen.query_one("#status-line", Static)
        assert str(status.render()) == (
            "未执行：未知命令 /frobnicate：按 F1 查看全部命令（// 开头可记为普通记录）"
        )
        assert status.has_class("-error")
        assert app.screen.query_one("#capture", Input).value == "/frobnicate now"
        assert session.state.items == []
        await type_line(pilot, "/u")
        assert text_of(app, "#status-line") == "未执行：没有可以撤销的记录"


async def test_full_width_command_in_a_chinese_meeting_and_refusals_without_toasts(session):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await type_line(pilot, "／ｄ 12 月起报价统一走新流程")
        assert item_texts(app)[-1].endswith("12 月起报价统一走新流程")
        assert session.state.items[-1].kind.value == "decision"
        for _ in range(3):  # Enter pressed again and again on a refused line
            await type_line(pilot, "／ｘｙｚ 报价")
        assert text_of(app, "#status-line") == (
            "未执行：未知命令 /xyz：按 F1 查看全部命令（// 开头可记为普通记录）"
        )
        await type_line(pilot, "/speaker 老王")
        assert text_of(app, "#status-line").startswith("未执行：没有叫“老王”的参会人")
        screen_of(app).capturing.run(session.resume_clock)  # what a refused key does
        await pilot.pause()
        assert text_of(app, "#status-line") == "未执行：现在没有暂停"
        assert list(app._notifications) == []


async def test_help_overlay(session):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)


async def test_command_palette_offers_live_actions(session):
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Next section")
        await until(pilot, lambda: first_command(app).startswith("Next section"))
        await pilot.press("enter")
        await pilot.pause()
        assert session.state.current == 1


async def test_end_key_asks_then_shows_the_summary(session, clock):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await type_line(pilot, "/d 价格不变")
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert not session.state.ended
        assert isinstance(app.screen, LiveScreen)
        await advance(pilot, clock, 700)
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, EndSummaryScreen))  # minutes written
        assert session.state.ended
        board = app.screen.query_one(Board)
        first = board.rows[0].cells
        assert first == ("上月例会工作追踪", "10 分钟", "11:40", "+01:40")
        assert board.rows[1].cells[3] == "未进行"
        assert "决议 1 项" in text_of(app, "#end-counts")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_typed_end_writes_the_minutes(session, datadir):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await type_line(pilot, "/a 整理名单 @张伟 截止:12-05")
        await type_line(pilot, "/end")
        assert session.state.ended
        await until(pilot, lambda: isinstance(app.screen, EndSummaryScreen))  # minutes written
        minutes_line = text_of(app, "#end-minutes")
        path = datadir.exports_dir / f"{session.id}.md"
        assert path.exists()
        assert str(path) in minutes_line
        assert "整理名单" in path.read_text(encoding="utf-8")


async def test_downtime_and_break_warnings(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock, lang="en")
    session.close()
    clock.advance(300)
    resumed = Session.resume(datadir, session.id, clock)
    app = live_app(resumed, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        assert "App was down for about 5 min at 09:00" in text_of(app, "#alerts")
        await advance(pilot, clock, 3600)
        assert "time for a break" in text_of(app, "#alerts")
    resumed.close()


async def test_usable_at_100_by_30(session):
    app = live_app(session, "zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await type_line(pilot, "窄屏也能记录")
        assert app.screen.has_class("-narrow")
        capture = app.screen.query_one("#capture", Input)
        assert capture.region.height > 0 and capture.region.right <= 100
        assert app.screen.query_one(Countdown).region.height >= 5
        assert app.screen.query_one(Roster).region.width == 0  # folded away at 100 columns
        await pilot.press("ctrl+r")  # and brought back beside the centre
        await until(pilot, lambda: app.screen.query_one(Roster).region.width >= 30)
        assert capture.region.width >= 50
        assert "窄屏也能记录" in item_texts(app)[0]


def test_capture_line_reads_back_as_the_same_item(session):
    for line in (
        "plain note",
        "/d 价格不变",
        "/a 跟进报价 @Tom due:2026-12-05 | 报价单已发出",
        "/k @张伟 签下大单",
        "/q why?",
        "/p 办公室搬迁",
        "/i 做一次客户沙龙",
    ):
        session.submit(line)
    for item in session.state.items:
        parsed = parse_capture(capture_line(item), session.state.people, session.today())
        assert parsed.kind is item.kind and parsed.text == item.text
        assert parsed.owner == item.owner and parsed.due == item.due
        assert parsed.criteria == item.criteria


async def test_an_idle_tick_repaints_nothing_and_a_second_repaints_only_the_clocks(session, clock):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        screen = screen_of(app)
        await pilot.pause()
        repaints: list[tuple[str | None, bool]] = []
        watched = "#meeting-clock, #alerts, #paused-badge, AgendaList, Roster, Board, ItemList"
        for widget in screen.query(watched):
            real = widget.refresh

            def spy(*args, _id=widget.id, _real=real, **kwargs):
                repaints.append((_id, bool(kwargs.get("layout"))))
                return _real(*args, **kwargs)

            widget.refresh = spy
        for _ in range(4):  # the clock stands still: nothing on screen changes
            screen._tick()
        assert repaints == []
        clock.advance(1)
        screen._tick()
        # The meeting clock and the running section's time tick, in place: no new layout.
        assert sorted(repaints) == [("agenda", False), ("meeting-clock", False)]


async def test_the_minutes_are_written_off_the_ui_thread(session, monkeypatch):
    import threading

    import sessions.minutes

    threads = []
    write = sessions.minutes.write_minutes

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return write(*args, **kwargs)

    monkeypatch.setattr(sessions.minutes, "write_minutes", spy)
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, EndSummaryScreen))
        assert len(threads) == 1 and threads[0] is not threading.main_thread()
        path = session.writer.datadir.exports_dir / f"{session.id}.md"
        assert path.exists() and str(path) in text_of(app, "#end-minutes")
