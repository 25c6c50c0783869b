"""The live screen's presenters: what each pane shows, computed from the session state alone."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from sessions import timing
from sessions.capture import ItemKind, capture_line
from sessions.followup import CarriedTopic
from sessions.i18n import t, tn
from sessions.minutes.model import build_minutes, duration_text
from sessions.performance import performance
from sessions.session import Session
from sessions.state import carried_actions
from tui.presenters import live as present
from tui.presenters import summary
from tui.presenters.boards import action_ref, board, followup_board, performance_board
from tui.presenters.live import Moment
from tui.presenters.said import Before, confirmation, said

TODAY = date(2026, 12, 3)  # the meeting's date, as the live screen gives it
CARRIED = [
    {
        "ref": "s0#9",
        "text": "整理华东客户名单",
        "owner": "张伟",
        "due": "2026-11-20",
        "origin_date": "2026-10-30",
    },
]


@pytest.fixture
def session(datadir, agenda, clock):
    s = Session.start(datadir, agenda, clock, lang="zh", carried=carried_actions(CARRIED))
    yield s
    s.close()


def moment(session: Session, lang: str = "zh") -> Moment:
    return Moment(session.state, session.now(), lang, session.local)


def test_presenters_import_without_textual():
    code = "import sys, tui.presenters.live, tui.presenters.boards, tui.presenters.said, tui.presenters.summary\nprint(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_top_line_says_elapsed_planned_and_projected_end_and_flags_a_late_meeting(session, clock):
    top = present.top_line(moment(session, "en"))
    assert "00:00" in top.clock and "09:50" in top.clock  # 50 planned minutes from 09:00
    assert not top.late and not top.paused and not top.alerts
    clock.advance(600 + 180)  # the first section runs 3 minutes over
    top = present.top_line(moment(session, "en"))
    assert top.late
    session.toggle_pause()
    top = present.top_line(moment(session, "en"))
    assert top.paused == t("live.paused", "en") and top.urgent
    assert "09:13" in top.alerts  # paused since


def test_countdown_numbers_the_section_names_its_kind_and_turns_to_overtime(session, clock):
    view = present.countdown(moment(session))
    assert view.title.startswith(t("live.section_of", "zh", n=1, total=5))
    assert t("section.followup", "zh") in view.title
    assert view.remaining == 600 and view.phase == "ok"
    assert "11 月销售回顾" in view.info  # next up
    clock.advance(500)
    assert present.countdown(moment(session)).phase == "warning"
    clock.advance(160)
    view = present.countdown(moment(session))
    assert view.phase == "overtime" and view.remaining == -60


def test_agenda_rows_mark_done_current_next_and_pending(session, clock):
    clock.advance(700)
    session.next()
    rows = present.agenda_rows(session.state, session.now(), "zh")
    assert [row.state for row in rows] == ["done", "current", "next", "pending", "pending"]
    assert rows[0].over and rows[0].used == 700
    assert rows[0].planned_text == duration_text(rows[0].planned, "zh") == "10 分钟"


def test_item_rows_flag_an_action_without_owner_or_due_and_edit_back_to_the_same_line(session):
    session.submit("/a 整理逾期回款清单")
    session.submit("/a 跟进报价 @张伟 due:2026-12-05 | 客户书面确认")
    first, second = present.item_rows(moment(session))
    assert first.no_owner == t("live.no_owner", "zh") and first.no_due
    assert second.owner == "张伟" and second.no_owner is None and second.due
    item = session.state.active_items()[1]
    assert item.kind is ItemKind.ACTION
    assert capture_line(item) == "/a 跟进报价 @张伟 due:2026-12-05 | 客户书面确认"


def test_roster_counts_who_is_here_and_marks_the_speaker(session, clock):
    session.speaker_number(3)
    clock.advance(30)
    view = present.roster(moment(session))
    assert view.title == t("live.roster", "zh", here=5, total=5)
    speaking = [row for row in view.rows if row.speaking]
    assert [row.name for row in speaking] == ["张伟"] and speaking[0].talk == 30


def test_performance_board_ranks_as_the_domain_does(session, clock):
    session.next()
    view = board(session.state, "zh", narrow=False, today=TODAY)
    assert view is not None and view.title == t("board.performance", "zh")
    figures = performance(session.state.agenda.participants)
    ranks = [row.cells[4] for row in view.rows[: len(figures.reps)]]
    assert ranks == [str(rep.rank or "") for rep in figures.reps]
    assert view.rows[-1].cells[0] == t("board.total", "zh")
    narrow = performance_board(session.state, "zh", narrow=True)
    assert narrow.columns[1].width < view.columns[1].width


def test_followup_board_shows_the_carried_reference_and_narrows_to_four_columns(session):
    wide = board(session.state, "zh", narrow=False, today=TODAY, carried_topics=())
    assert wide is not None and len(wide.columns) == 7 and wide.wrap_notes
    assert wide.rows[0].cells[4] == action_ref(carried_actions(CARRIED)[0], TODAY) == "#9 · 10-30"
    topics = [CarriedTopic("parking", "年会场地", origin_date="2026-10-30")]
    narrow = followup_board(session.state, "zh", narrow=True, today=TODAY, carried_topics=topics)
    assert len(narrow.columns) == 4 and not narrow.wrap_notes
    assert "#9 · 10-30" in narrow.rows[0].cells[1]
    assert narrow.rows[-1].note and "年会场地" in narrow.rows[-1].cells[0]


def test_no_board_in_a_discussion_section(session):
    session.next()
    session.next()
    assert board(session.state, "zh", narrow=False, today=TODAY) is None


def test_followup_board_dates_of_another_year_keep_their_year(datadir, agenda, clock):
    last_year = [dict(CARRIED[0], due="2025-11-20", origin_date="2025-10-30")]
    session = Session.start(datadir, agenda, clock, lang="en", carried=carried_actions(last_year))
    topics = [
        CarriedTopic("section", "Trade fair", origin_date="2025-12-18"),
        CarriedTopic("parking", "Office move", origin_date="2026-11-27"),
    ]
    try:
        view = followup_board(session.state, "en", narrow=False, today=TODAY, carried_topics=topics)
    finally:
        session.close()
    due = view.rows[0].cells[3].split("\n")
    assert due == ["2025-11-20", t("board.overdue", "en", n=378)]
    assert view.rows[0].cells[4] == "#9 · 2025-10-30"
    notes = [row.cells[0] for row in view.rows if row.note]
    assert notes == [
        t("shell.carried_section", "en", date="2025-12-18", text="Trade fair"),
        t("shell.carried_parking", "en", date="11-27", text="Office move"),
    ]


def test_end_summary_totals_are_the_minutes_totals(session, clock):
    clock.advance(610)
    session.extend(1)
    clock.advance(100)
    session.next()
    clock.advance(1001.4)
    session.submit("/d 12 月主推新品组合")
    session.end()
    m = moment(session)
    totals = timing.totals(session.state, m.now)
    assert (totals.planned, totals.extended) == (3000, 60)
    _columns, rows = summary.sections(m)
    total = rows[-1].cells
    assert total[0] == t("end.total", "zh")
    assert total[1] == "50 分钟 + 1 分钟"  # the agenda's time, and what /extend added, apart
    assert total[2] == "28:31"  # 711 + 1001.4 seconds, rounded once
    assert total[3] == "-22:29"
    times = dict(summary.times(m))
    minutes = build_minutes(session.writer.datadir.read(session.id), "zh")
    fields = dict(minutes.fields)
    assert fields[t("min.in_sections", "zh")] == times[t("end.in_sections", "zh")]
    assert minutes.in_sections == totals.in_sections
    assert times[t("end.planned_total", "zh")] == duration_text(3000, "zh")
    assert summary.counts(m).split(" · ") == [
        tn("n.notes", "zh", 0),
        tn("n.decisions", "zh", 1),
        tn("n.actions", "zh", 0),
    ]


def test_steering_is_said_in_the_facilitators_words(session, clock):
    before = Before.of(session.state)
    session.extend(5)
    text = said(moment(session), "extend", before)
    assert text == t(
        "live.extended_now", "zh", minutes=5, title="上月例会工作追踪", planned="15 分钟"
    )
    before = Before.of(session.state)
    session.next()
    assert said(moment(session), "next", before) == t(
        "live.section_now", "zh", n=2, title="11 月销售回顾"
    )


def test_a_result_and_a_rating_are_said_with_the_figure(session):
    session.jump(1)  # the performance section
    before = Before.of(session.state)
    outcome = session.submit("/actual 张伟 150万")
    assert confirmation(moment(session), outcome, before) == "张伟 的实际完成：150 万"
    outcome = session.submit("/rate 陈静 8")
    assert confirmation(moment(session, "en"), outcome, before) == "陈静 rated the meeting 8/10"


def resumed_after_a_crash(datadir, agenda, clock) -> Session:  # type: ignore[no-untyped-def]
    first = Session.start(datadir, agenda, clock, lang="zh")
    first.heartbeat()
    first.close()
    clock.advance(240)
    return Session.resume(datadir, first.id, clock)


def test_the_downtime_notice_goes_a_minute_after_the_resume(datadir, agenda, clock):
    again = resumed_after_a_crash(datadir, agenda, clock)
    try:
        assert "中断了约 4 分钟" in present.top_line(moment(again)).alerts
        clock.advance(59)
        assert "中断了" in present.top_line(moment(again)).alerts
        clock.advance(1)
        assert "中断了" not in present.top_line(moment(again)).alerts
        assert len(again.state.downtimes) == 1  # the log and the minutes keep it
    finally:
        again.close()


def test_the_downtime_notice_goes_when_the_next_line_is_captured(datadir, agenda, clock):
    again = resumed_after_a_crash(datadir, agenda, clock)
    try:
        clock.advance(5)
        again.submit("回来了")
        assert "中断了" not in present.top_line(moment(again)).alerts
        assert again.state.downtimes[0].seconds == 240
    finally:
        again.close()
