"""What a facilitator found on the live and pre-meeting screens: refused lines, counts, numbers, words."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from screen_text import live_app, text_of, until
from textual.app import App
from textual.command import CommandInput, CommandPalette
from textual.widgets import Digits, Footer, Input, Static

from sessions.events import AttendanceStatus
from sessions.i18n import CATALOG, tn
from sessions.participation import is_here
from sessions.session import Session
from sessions.state import Attendance, carried_actions
from tui.app import make_app
from tui.screens.display import DisplayScreen
from tui.screens.end_summary import EndSummaryScreen
from tui.screens.help import HelpScreen
from tui.screens.live import LiveCommands, LiveScreen
from tui.screens.premeeting import PreMeetingScreen
from tui.start import Display, Live, PreMeeting
from widgets.items import ItemList
from widgets.keybar import KeyBar
from widgets.performance import Board
from widgets.roster import Roster, RosterRow

TCSS = Path(__file__).resolve().parents[2] / "tui" / "app.tcss"

CARRIED = [
    {
        "ref": "s0#1",
        "text": "Send Acme one more revised quote with the volume discount",
        "owner": "Tom Baker",
        "due": "2026-11-20",
        "origin": "20261127-0900-abcd",
        "origin_date": "2026-11-27",
    },
]
TOPICS = [
    {"kind": "section", "text": "竞品分析", "origin": "x", "origin_date": "2026-11-27"},
    {"kind": "parking", "text": "CRM licences", "origin": "x", "origin_date": "2026-11-27"},
]


@pytest.fixture
def session(datadir, agenda, clock):
    marks = {name: AttendanceStatus.PRESENT for name in agenda.names}
    marks["Tom Baker"] = AttendanceStatus.EXPECTED
    s = Session.start(
        datadir, agenda, clock, lang="en", carried=carried_actions(CARRIED), attendance=marks
    )
    s.meta["carried_topics"] = TOPICS
    yield s
    s.close()


def live(app: App) -> LiveScreen:
    assert isinstance(app.screen, LiveScreen)
    return app.screen


async def enter(pilot, line: str) -> None:
    pilot.app.screen.query_one("#capture", Input).value = line
    await pilot.press("enter")
    await pilot.pause()


# 1 -------------------------------------------------------------------------------------------


async def test_a_refused_line_is_selected_so_typing_replaces_it(session):
    app = live_app(session, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/status 9 done")
        capture = app.screen.query_one("#capture", Input)
        assert capture.value == "/status 9 done"
        assert tuple(capture.selection) == (0, len("/status 9 done"))
        await pilot.press(*"/end")
        assert capture.value == "/end"
        await pilot.press("enter")
        await pilot.pause()
        assert session.state.ended


async def test_after_a_refusal_end_moves_to_the_end_to_edit(session):
    app = live_app(session, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/extend 999")
        capture = app.screen.query_one("#capture", Input)
        await pilot.press("end", "backspace", "backspace", "enter")
        await pilot.pause()
        assert capture.value == ""
        assert session.state.sections[0].extended == 9 * 60


async def test_a_key_refused_leaves_a_half_typed_line_alone(session):
    app = live_app(session, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        capture = app.screen.query_one("#capture", Input)
        await pilot.press(*"half")
        await pilot.press("f3")  # no section before the first: refused
        await pilot.pause()
        assert "Not done" in text_of(app, "#status-line")
        await pilot.press("x")
        assert capture.value == "halfx"


# 2 -------------------------------------------------------------------------------------------


def test_is_here_counts_only_people_in_the_room():
    assert is_here(Attendance(AttendanceStatus.PRESENT))
    assert is_here(Attendance(AttendanceStatus.LATE, arrived=100.0))
    assert not is_here(Attendance(AttendanceStatus.LATE))  # expected late, not come in yet
    for status in (AttendanceStatus.EXPECTED, AttendanceStatus.ABSENT, AttendanceStatus.LEFT):
        assert not is_here(
            Attendance(status, arrived=100.0 if status == AttendanceStatus.LEFT else None)
        )


async def test_roster_title_does_not_count_someone_still_expected_late(datadir, agenda, clock):
    marks = {name: AttendanceStatus.PRESENT for name in agenda.names}
    marks["Tom Baker"] = AttendanceStatus.LATE
    s = Session.start(datadir, agenda, clock, lang="en", attendance=marks)
    try:
        app = live_app(s, "en")
        async with app.run_test(size=(120, 36)) as pilot:
            pane = app.screen.query_one("#roster-pane")
            assert "4/5" in str(pane.border_title)
            clock.advance(300)
            await enter(pilot, "/here Tom")
            assert "5/5" in str(pane.border_title)
            assert text_of(app, "#status-line") == "Tom Baker arrived 09:05"
    finally:
        s.close()


async def test_premeeting_header_counts_late_as_not_here_yet(datadir, agenda, clock):
    app = make_app(datadir, PreMeeting(agenda), clock=clock, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("p", "l")  # 王磊 present, 李娜 expected late
        await pilot.pause()
        assert text_of(app, "#pre-rollcall-title") == "Roll-call: 1 of 5 here"


# 3 -------------------------------------------------------------------------------------------


async def test_section_numbers_are_the_agendas_after_a_defer(session):
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("f8")  # defer section 1; section 2 runs
        await pilot.pause()
        assert text_of(app, "#countdown-title").startswith("Section 2/5  ")
        assert text_of(app, "#status-line") == "Section 1 (上月例会工作追踪) moved to the end"
        for _ in range(4):
            await pilot.press("f4")
        await pilot.pause()
        assert session.state.current == 0
        assert text_of(app, "#countdown-title").startswith("Section 1/5  ")
        assert text_of(app, "#status-line") == "Now section 1: 上月例会工作追踪"


# 4 -------------------------------------------------------------------------------------------


def roster_lines(width: int, rows: list[RosterRow]) -> list[str]:
    roster = Roster()
    roster.rows = rows
    name, status, bar = roster.widths(width)
    return [f"{name} {status} {bar}"]


def test_roster_gives_names_and_timed_statuses_their_width():
    rows = [
        RosterRow(1, "Grace Lee", "late 09:07", 0, 0, 0, short_status="late"),
        RosterRow(2, "Sam Okonkwo", "left 10:30", 0, 0, 0, short_status="left"),
        RosterRow(3, "张伟", "迟到 09:07", 0, 0, 0, short_status="迟到"),
    ]
    roster = Roster()
    roster.rows = rows
    name, status, bar = roster.widths(46)  # the roster pane at 160 columns
    assert name >= cell_len("Sam Okonkwo") and status >= cell_len("late 09:07") and bar >= 3
    name, status, bar = roster.widths(34)  # at 120 columns: the bar goes, attendance stays
    assert status == cell_len("迟到") and name >= 8


async def test_followup_board_wraps_the_action_and_shows_the_origin_date(session):
    app = live_app(session, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        board = app.screen.query_one(Board)
        lines = [line.plain for line in board._lines(board.content_size.width)]
        text = "\n".join(lines)
        assert "Tom Baker" in text and "11-27" in text and "20261127" not in text
        action = [line for line in lines if not line.startswith("Carried")]
        assert "…" not in "\n".join(action[1:])  # the action wraps instead of being cut
        assert "quote" in text and "discount" in text
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        board = app.screen.query_one(Board)
        text = "\n".join(line.plain for line in board._lines(board.content_size.width))
        assert "Ref" in text and "#1 · 11-27" in text and "revised" in text
        assert "d overdue" in text  # the due date and how late it is, beside the action


# 5 -------------------------------------------------------------------------------------------


async def test_long_refusal_wraps_to_two_lines_and_placeholder_fits_100_columns(session):
    app = live_app(session, "zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await enter(pilot, "/a 整理名单 截止:明年某天")
        line = app.screen.query_one("#status-line", Static)
        assert line.size.height == 2
        capture = app.screen.query_one("#capture", Input)
        assert cell_len(capture.placeholder) <= capture.content_size.width
    app = live_app(session, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        capture = app.screen.query_one("#capture", Input)
        assert cell_len(capture.placeholder) <= capture.content_size.width


def test_facilitator_flag_fits_the_narrow_roster():
    for lang in ("en", "zh"):
        assert cell_len(CATALOG[lang]["live.dominates"]) <= 32


# 6 -------------------------------------------------------------------------------------------


async def test_confirmations_say_what_happened(session, clock):
    app = live_app(session, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/extend 5")
        assert text_of(app, "#status-line") == "+5 min for 上月例会工作追踪 (now 15m)"
        await enter(pilot, "/pause")
        assert text_of(app, "#status-line") == "Paused at 09:00: F5 resumes"
        await enter(pilot, "/resume")
        assert text_of(app, "#status-line") == "Resumed: the clocks run again"
        await enter(pilot, "/status 1 done sent Monday")
        assert text_of(app, "#status-line") == "Action 1 marked done"
        await enter(pilot, "/here Tom")
        assert text_of(app, "#status-line") == "Tom Baker arrived 09:00"
        await enter(pilot, "/here Tom")
        assert text_of(app, "#status-line") == "Tom Baker is already here"
        clock.advance(120)
        await enter(pilot, "/left Tom")
        assert text_of(app, "#status-line") == "Tom Baker left 09:02"
        await pilot.press("f6")
        await pilot.pause()
        assert text_of(app, "#status-line") == "+1 min for 上月例会工作追踪 (now 16m)"


async def test_confirmations_in_chinese(session):
    app = live_app(session, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/延长 5")
        assert text_of(app, "#status-line") == "上月例会工作追踪 延长 5 分钟（现为 15m）"
        await enter(pilot, "/签到 张伟")
        await enter(pilot, "/签到 张伟")
        assert text_of(app, "#status-line") == "张伟 已在场"


# 7 -------------------------------------------------------------------------------------------


def test_counted_words():
    assert tn("n.decisions", "en", 1) == "1 decision"
    assert tn("n.decisions", "en", 2) == "2 decisions"
    assert tn("n.sections", "en", 1) == "1 section"
    assert tn("n.turns", "en", 0) == "0 turns"
    assert tn("n.actions", "zh", 1) == tn("n.actions", "zh", 1).replace("1", "1") == "待办 1 项"
    for key in CATALOG["en"]:
        if key.endswith(".one"):
            assert key[:-4] + ".other" in CATALOG["en"]


async def test_end_summary_counts_and_labels_its_times(session, clock):
    app = live_app(session, "en")
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


# 8 -------------------------------------------------------------------------------------------


async def test_chinese_key_bar_help_and_palette(session):
    app = make_app(session.writer.datadir, Live(session), clock=session.clock, lang="zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        help_rows = [
            (syntax, meaning)
            for syntax, meaning in (HelpScreen._split(CATALOG["zh"]["help.cmd.attendance"]),)
        ]
        assert "/早退 /缺席)" in help_rows[0][0]
        app.push_screen(HelpScreen("zh"))
        await pilot.pause()
        shown = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "(/签到 /迟到 /早退 /缺席)" in shown
        await pilot.press("escape")
        commands = list(app.get_system_commands(app.screen))
        assert [c.title for c in commands] == ["退出"]
        provider = LiveCommands(app.screen)
        labels = [label for label, _ in provider._commands()]
        assert not any("Tom Baker" in label for label in labels)  # not checked in
        session.set_attendance("Tom Baker", AttendanceStatus.PRESENT)
        labels = [label for label, _ in provider._commands()]
        assert "发言人：5 Tom Baker" in labels


# 9, 10 ---------------------------------------------------------------------------------------


async def test_actions_without_owner_or_due_are_flagged_and_long_text_hangs(session):
    app = live_app(session, "zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await enter(pilot, "/a No owner at all")
        await enter(pilot, "/a " + "整理华东区所有 A 类客户的联系人名单并发给市场部" * 2 + " @张伟")
        items = app.screen.query_one(ItemList)
        first = str(items.get_option_at_index(0).prompt)
        assert "! 无负责人" in first and "无截止日期" in first
        second = str(items.get_option_at_index(1).prompt)
        assert "无负责人" not in second
        visual = items.get_option_at_index(1).prompt
        assert visual.get_height(items.styles, 40) > 1  # the list makes room for every line
        lines = visual._lines(40).plain.split("\n")
        assert len(lines) > 1
        assert lines[0].lstrip().startswith("09:00 ➜ 整理")  # the text starts beside the mark
        assert lines[1].startswith(" " * 8)  # and goes on under itself, not under the time


# 11, 12, 13 ----------------------------------------------------------------------------------


async def test_a_short_outage_is_said_in_seconds(datadir, agenda, clock):
    s = Session.start(datadir, agenda, clock, lang="en")
    s.close()
    clock.advance(21)
    resumed = Session.resume(datadir, s.id, clock)
    try:
        app = live_app(resumed, "en")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            assert "App was down 21 s at 09:00" in text_of(app, "#alerts")
    finally:
        resumed.close()


async def test_targets_board_speaks_of_new_targets_and_totals_everything(session):
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        session.jump(3)
        await enter(pilot, "/target 张伟 1300000")
        board = app.screen.query_one(Board)
        assert str(board.border_title).startswith("New targets")
        total = board.rows[-1].cells
        assert total == ("Total", "3,100,000", "3,060,000", "1,300,000")


async def test_followup_shows_carried_topics_under_the_actions(session):
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        board = app.screen.query_one(Board)
        text = "\n".join(line.plain for line in board._lines(board.content_size.width))
        assert "Carried from 11-27 (not reached): 竞品分析" in text
        assert "Carried from 11-27 (parking lot): CRM licences" in text


# 14 ------------------------------------------------------------------------------------------


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


# 15 ------------------------------------------------------------------------------------------


async def test_room_display_labels_the_end(datadir, agenda, clock):
    s = Session.start(datadir, agenda, clock, lang="en")
    clock.advance(269)
    s.end()
    s.close()
    app = make_app(datadir, Display(s.id), clock=clock, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DisplayScreen)
        assert app.screen.query_one(Digits).value == "09:04"
        assert text_of(app, "#display-plan") == "Ended 09:04 · lasted 4m29s · thank you all."


# A Chinese monthly meeting ------------------------------------------------------------------

MEETING = "20261127-0603-b36d"
CARRIED_REFS = [
    {
        "ref": f"{MEETING}#9",
        "text": "给大客户发报价单",
        "owner": "张伟",
        "due": "2026-12-05",
        "origin": MEETING,
        "origin_date": "2026-11-27",
    },
    {
        "ref": f"{MEETING}#12",
        "text": "整理华东区 A 类客户名单",
        "owner": "陈静",
        "due": "2026-12-05",
        "origin": MEETING,
        "origin_date": "2026-11-27",
    },
]


@pytest.fixture
def monthly(datadir, agenda, clock):
    """A zh meeting: 陈静 announced late, Tom Baker absent, two actions carried from #9 and #12."""
    marks = {name: AttendanceStatus.PRESENT for name in agenda.names}
    marks["陈静"] = AttendanceStatus.LATE
    marks["Tom Baker"] = AttendanceStatus.ABSENT
    s = Session.start(
        datadir, agenda, clock, lang="zh", carried=carried_actions(CARRIED_REFS), attendance=marks
    )
    yield s
    s.close()


def board_text(app: App) -> str:
    board = app.screen.query_one(Board)
    return "\n".join(line.plain for line in board._lines(board.content_size.width))


async def test_followup_board_shows_each_actions_reference_beside_its_list_number(monthly):
    app = live_app(monthly, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        lines = board_text(app).split("\n")
        assert "出处" in lines[0] and "来自" not in lines[0]
        first = next(line for line in lines if "给大客户发报价单" in line)
        second = next(line for line in lines if "整理华东区" in line)
        # The list number for /status first, the item number the minutes use beside the text.
        assert first.startswith("1 ") and "#9 · 11-27" in first
        assert second.startswith("2 ") and "#12 · 11-27" in second
        await enter(pilot, "/status 2 done")
        assert monthly.state.followup[f"{MEETING}#12"].status == "done"
    app = live_app(monthly, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = board_text(app)  # narrow: the due date goes, the reference stays under the text
        assert "#9 · 11-27" in text and "#12 · 11-27" in text


async def test_targets_section_lists_the_reps_before_any_target(session):
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        session.jump(3)
        live(app).refresh_view()
        await pilot.pause()
        board = app.screen.query_one(Board)
        assert [row.cells for row in board.rows] == [
            ("张伟", "1,200,000", "1,350,000", ""),
            ("陈静", "1,000,000", "800,000", ""),
            ("Tom Baker", "900,000", "910,000", ""),
            ("Total", "3,100,000", "3,060,000", ""),
        ]
        await enter(pilot, "/target 陈静 1100000")
        assert board.rows[1].cells == ("陈静", "1,000,000", "800,000", "1,100,000")
        assert board.rows[-1].cells == ("Total", "3,100,000", "3,060,000", "1,100,000")


async def test_end_summary_has_the_key_bar_in_the_meetings_language(monthly):
    app = make_app(monthly.writer.datadir, Live(monthly), clock=monthly.clock, lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/end")
        await until(pilot, lambda: isinstance(app.screen, EndSummaryScreen))  # minutes written
        assert not app.screen.query(Footer)
        bar = str(app.screen.query_one(KeyBar).render())
        assert "退出" in bar and "全部操作" in bar and "palette" not in bar


async def test_command_palette_placeholder_in_the_meetings_language(monthly):
    app = make_app(monthly.writer.datadir, Live(monthly), clock=monthly.clock, lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert CommandPalette.is_open(app)
        assert app.screen.query_one(CommandInput).placeholder == "搜索操作…"
    assert CATALOG["en"]["live.palette_placeholder"] == "Search for an action…"


async def test_roster_says_not_here_yet_rather_than_no_talk_time(monthly, clock):
    app = live_app(monthly, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        rows = {row.name: row for row in app.screen.query_one(Roster).rows}
        assert rows["陈静"].not_here and not rows["陈静"].silent  # late, not come in yet
        assert not rows["Tom Baker"].not_here and rows["Tom Baker"].away  # absent is absent
        assert rows["张伟"].silent and not rows["张伟"].not_here
        lines = {line.split()[1]: line for line in roster_plain(app)}
        assert "未到" in lines["陈静"] and "00:00" not in lines["陈静"]
        assert "未发言" in lines["张伟"] and "未到" not in lines["张伟"]
        clock.advance(300)
        await enter(pilot, "/迟到 陈静")
        lines = {line.split()[1]: line for line in roster_plain(app)}
        assert "迟到 09:05" in lines["陈静"] and "未发言" in lines["陈静"]
        assert "未到" not in lines["陈静"]


def roster_plain(app: App) -> list[str]:
    return str(app.screen.query_one(Roster).render()).split("\n")


async def test_an_action_for_someone_absent_is_flagged(monthly):
    app = live_app(monthly, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/a 给 Acme 发报价 @Tom due:12-05")
        await enter(pilot, "/a 整理名单 @张伟 due:12-05")
        items = app.screen.query_one(ItemList)
        assert "@Tom Baker ! 缺席" in str(items.get_option_at_index(0).prompt)
        assert "!" not in str(items.get_option_at_index(1).prompt)
    app = live_app(monthly, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        items = app.screen.query_one(ItemList)
        assert "@Tom Baker ! absent" in str(items.get_option_at_index(0).prompt)


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_key_bar_keeps_help_and_end_at_100_columns(monthly, lang):
    app = live_app(monthly, lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = str(app.screen.query_one(KeyBar).render())
        assert len(bar) <= 100
        help_key, end_key = {"zh": ("f1 帮助", "f9 结束会议"), "en": ("f1 Help", "f9 End meeting")}[
            lang
        ]
        assert help_key in bar and end_key in bar and " f4 " in bar
        assert " ^r " in bar  # the roster is folded away at 100 columns: its key stays
        assert " f6 " not in bar and " f7 " not in bar  # extending is also /extend
        assert bar.rstrip().endswith("^p " + CATALOG[lang]["key.palette"])
    app = live_app(monthly, lang)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        bar = str(app.screen.query_one(KeyBar).render())
        assert " f6 " in bar and " f7 " in bar and " f2 " in bar  # room for every key
