"""Dates, numbers and words a facilitator can trust: due dates, speakers, typos, downtime wording."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sessions.capture import CaptureError, parse_capture, parse_due
from sessions.clock import FakeClock
from sessions.dates import days_overdue, due_label, due_note, overdue_text, short_date
from sessions.i18n import error_text
from sessions.numbers import duration_text, money_text
from sessions.session import Session
from tui.presenters import live as present
from tui.presenters.live import Moment
from tui.presenters.said import Before, confirmation

SUNDAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("11-20", date(2026, 11, 20)),  # nine days ago, not next year
        ("11-29", date(2026, 11, 29)),
        ("01-05", date(2027, 1, 5)),
        ("1月5日", date(2027, 1, 5)),
        ("11月20日", date(2026, 11, 20)),
        ("05-29", date(2027, 5, 29)),  # six months ahead is still ahead
        ("05-30", date(2026, 5, 30)),  # just over six months ahead is the one gone
        ("06-01", date(2026, 6, 1)),
        ("2026-11-20", date(2026, 11, 20)),
        ("本周五", date(2026, 11, 27)),  # on a Sunday: the Friday just gone
    ],
)
def test_a_month_day_is_the_nearest_one_within_six_months(typed, expected):
    assert parse_due(typed, SUNDAY) == expected


def test_february_29_is_found_in_the_nearest_leap_year_or_refused():
    assert parse_due("02-29", date(2027, 11, 29)) == date(2028, 2, 29)
    with pytest.raises(CaptureError):
        parse_due("02-29", date(2026, 11, 29))


def test_one_home_says_how_late_a_due_date_is():
    assert days_overdue(date(2026, 11, 20), SUNDAY) == 9
    assert days_overdue(date(2026, 11, 29), SUNDAY) == 0
    assert days_overdue(None, SUNDAY) == 0
    assert overdue_text(date(2026, 11, 20), SUNDAY, "zh") == "逾期 9 天"
    assert overdue_text(date(2026, 11, 20), SUNDAY, "en") == "9 days overdue"
    assert overdue_text(date(2026, 11, 28), SUNDAY, "en") == "1 day overdue"
    assert overdue_text(date(2026, 12, 1), SUNDAY, "en") == ""


def test_short_dates_show_the_year_when_it_is_not_this_year():
    assert short_date(date(2026, 11, 20), SUNDAY) == "11-20"
    assert short_date(date(2027, 1, 5), SUNDAY) == "2027-01-05"
    assert due_label(date(2027, 1, 5), SUNDAY, "zh") == "截止 2027-01-05"
    assert due_label(date(2026, 11, 20), SUNDAY, "zh") == "截止 11-20 · 逾期 9 天"
    assert due_label(date(2026, 11, 20), SUNDAY, "en") == "due 11-20 · 9 days overdue"


def test_the_confirmation_flags_a_past_date_and_states_a_far_one_in_full():
    assert due_note(date(2026, 11, 20), SUNDAY, "zh") == "截止日期已过"
    assert due_note(date(2026, 11, 20), SUNDAY, "en") == "due date has passed"
    assert due_note(date(2026, 12, 4), SUNDAY, "en") == ""
    assert due_note(date(2027, 1, 5), SUNDAY, "zh") == "截止 2027-01-05"
    assert due_note(date(2026, 1, 5), date(2026, 11, 29), "en") == (
        "due 2026-01-05; due date has passed"
    )
    assert due_note(None, SUNDAY, "zh") == ""


@pytest.fixture
def sunday_clock() -> FakeClock:
    return FakeClock(start=datetime(2026, 11, 29, 1, 0, tzinfo=UTC))


@pytest.fixture
def sunday_session(datadir, agenda, sunday_clock):
    s = Session.start(datadir, agenda, sunday_clock, lang="zh")
    yield s
    s.close()


@pytest.mark.parametrize(
    ("lang", "typed", "shown", "said"),
    [
        ("zh", "/a 报价 @张伟 截止:11-20", "截止 11-20 · 逾期 9 天", "截止日期已过"),
        ("en", "/a quote @张伟 due:11-20", "due 11-20 · 9 days overdue", "due date has passed"),
        ("zh", "/a 报价 @张伟 截止:本周五", "截止 11-27 · 逾期 2 天", "截止日期已过"),
        ("zh", "/a 报价 @张伟 截止:01-05", "截止 2027-01-05", "截止 2027-01-05"),
        (
            "en",
            "/a quote @张伟 due:2026-11-20",
            "due 11-20 · 9 days overdue",
            "due date has passed",
        ),
    ],
)
def test_the_live_item_and_its_confirmation_show_past_and_next_year_dates(
    sunday_session, lang, typed, shown, said
):
    before = Before.of(sunday_session.state)
    outcome = sunday_session.submit(typed)
    m = Moment(sunday_session.state, sunday_session.now(), lang, sunday_session.local)
    (row,) = present.item_rows(m)
    assert row.due == shown
    assert confirmation(m, outcome, before).endswith(said)
    (item,) = sunday_session.state.items
    assert (
        item.overdue(SUNDAY)
        == (item.due is not None and item.due < SUNDAY) * (SUNDAY - item.due).days
    )


def test_entering_a_section_ends_the_speaker(sunday_session, sunday_clock):
    s = sunday_session
    s.submit("/speaker 张伟")
    sunday_clock.advance(60)
    s.submit("/next")
    assert s.state.speaker is None
    assert s.state.talk["张伟"].seconds == 60  # the stretch closed when the section ended
    sunday_clock.advance(30)
    s.submit("/d 价格不变")
    assert s.state.items[-1].speaker is None  # not credited to section 1's speaker
    assert s.state.talk["张伟"].seconds == 60


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "did you mean /next?"), ("zh", "是不是要输入 /next？")],
)
def test_a_mistyped_command_suggests_the_one_meant(lang, expected):
    with pytest.raises(CaptureError) as caught:
        parse_capture("/nxet", [], SUNDAY)
    assert expected in error_text(caught.value, lang)


def test_a_command_nothing_resembles_gets_no_suggestion():
    with pytest.raises(CaptureError) as caught:
        parse_capture("/xyzzyq", [], SUNDAY)
    assert "did you mean" not in error_text(caught.value, "en")


@pytest.mark.parametrize(("lang", "expected"), [("zh", "中断了约 "), ("en", "down for about ")])
def test_a_downtime_is_stated_as_approximate(datadir, agenda, sunday_clock, lang, expected):
    first = Session.start(datadir, agenda, sunday_clock, lang="zh")
    first.heartbeat()
    first.close()
    sunday_clock.advance(43)
    again = Session.resume(datadir, first.id, sunday_clock)
    try:
        m = Moment(again.state, again.now(), lang, again.local)
        assert expected in present.top_line(m).alerts
    finally:
        again.close()


@pytest.mark.parametrize(
    ("seconds", "zh", "en"),
    [
        (600, "10 分钟", "10 min"),
        (5400, "1 小时 30 分", "1 h 30 min"),
        (3600, "1 小时", "1 h"),
        (90, "1 分 30 秒", "1 min 30 s"),
        (45, "45 秒", "45 s"),
        (6410, "1 小时 47 分", "1 h 47 min"),  # to the minute from an hour
    ],
)
def test_one_duration_style_per_language(seconds, zh, en):
    assert duration_text(seconds, "zh") == zh
    assert duration_text(seconds, "en") == en


def test_screens_say_planned_times_in_the_languages_style(sunday_session):
    m = Moment(sunday_session.state, sunday_session.now(), "zh", sunday_session.local)
    assert "计划 10 分钟" in present.countdown(m).info
    m = Moment(sunday_session.state, sunday_session.now(), "en", sunday_session.local)
    assert "planned 10 min" in present.countdown(m).info


@pytest.mark.parametrize(
    ("amount", "table", "zh", "en"),
    [
        (1_200_000, "1,200,000", "120 万", "1,200,000"),
        (1_350_000, "1,350,000", "135 万", "1,350,000"),
        (1_234_567, "1,234,567", "123.4567 万", "1,234,567"),
        (8_000, "8,000", "8,000", "8,000"),
        (120_000_000, "120,000,000", "1.2 亿", "120,000,000"),
        (1_500.5, "1,500.50", "1,500.50", "1,500.50"),
    ],
)
def test_money_in_tables_and_in_sentences(amount, table, zh, en):
    assert money_text(amount) == table
    assert money_text(amount, "zh") == zh
    assert money_text(amount, "en") == en
    assert money_text(None, "zh") == ""


def test_a_target_set_is_confirmed_in_wan_in_chinese(datadir, agenda, sunday_clock):
    s = Session.start(datadir, agenda, sunday_clock, lang="zh")
    try:
        while (
            s.state.current is not None
            and s.state.agenda.sections[s.state.current].kind.value != "targets"
        ):
            s.submit("/next")
        before = Before.of(s.state)
        outcome = s.submit("/target 张伟 1200000")
        m = Moment(s.state, s.now(), "zh", s.local)
        assert "120 万" in confirmation(m, outcome, before)
    finally:
        s.close()


def test_overdue_carried_actions_are_visibly_overdue_in_the_followup_table(datadir):
    from minutes_sessions import record_zh

    from sessions.minutes import render_minutes

    zh_record = datadir.read(record_zh(datadir))
    for lang, late in (("zh", "2026-11-15 · 逾期 16 天"), ("en", "2026-11-15 · 16 days overdue")):
        md = render_minutes(zh_record, "md", lang)
        rows = [line for line in md.splitlines() if "20261101-0900-aaaa#" in line]
        assert late in rows[2]  # blocked, due 11-15, followed up on 12-01
        assert "逾期" not in rows[0] and "overdue" not in rows[0]  # done: not overdue


def test_ics_descriptions_and_csv_headers_follow_the_language(datadir, agenda, sunday_clock):
    import csv
    import io

    from icalendar import Calendar

    from sessions.actions import load_actions, to_csv, to_ics

    s = Session.start(datadir, agenda, sunday_clock, lang="zh")
    s.submit("/a 报价 @张伟 截止:12-05 | 客户确认")
    s.end()
    s.close()
    actions = load_actions(datadir).actions
    zh = Calendar.from_ical(to_ics(actions, 1.8e9, "zh")).walk("VTODO")[0]
    assert "责任人：张伟" in str(zh["description"]) and "考核标准：客户确认" in str(
        zh["description"]
    )
    assert "Owner" not in str(zh["description"])
    en = Calendar.from_ical(to_ics(actions, 1.8e9, "en")).walk("VTODO")[0]
    assert "Owner: 张伟" in str(en["description"])
    header = next(csv.reader(io.StringIO(to_csv(actions, SUNDAY, "zh").decode("utf-8-sig"))))
    assert header[:6] == ["编号", "状态", "状态说明", "事项", "责任人", "完成时间"]


def test_english_counts_agree_in_number():
    import re

    from sessions.i18n import CATALOG, tn

    # A count followed by a plural noun belongs in a `.other` entry, chosen by tn();
    # these counts are never 1: several sessions match, several lines are pasted.
    never_one = {
        ("err.ref_matches", "count"),
        ("n.pasted.one", "lines"),
        ("live.paste_while_editing", "lines"),
    }
    counted = re.compile(r"\{(n|count|items|sections|days|lines|turns|people)\} ([a-z]+s)\b")
    wrong = [
        (key, text)
        for key, text in CATALOG["en"].items()
        if not key.endswith(".other")
        for found in counted.finditer(text)
        if (key, found.group(1)) not in never_one
    ]
    assert wrong == []
    assert tn("shell.template_detail", "en", 1, minutes=15) == "1 section · 15 min"
    assert tn("shell.template_detail", "en", 5, minutes=60) == "5 sections · 60 min"
    assert tn("shell.resume_detail", "en", 1, started="09:00") == "started 09:00 · 1 item"
    assert tn("shell.template_detail", "zh", 1, minutes=15) == "1 项议程 · 15 分钟"


AGENDA_WITH_SERIES = """\
meeting:
  title: 华东区 11 月销售月会
  series: east-monthly
  series_title: 华东区销售月会
  next_meeting: 2026-12-29 09:00
  language: zh
sections:
  - title: 回顾
    duration: 10m
"""


def test_the_agenda_names_the_series_and_the_next_meeting():
    from agendas.loader import load_agenda_text
    from agendas.model import Agenda

    agenda = load_agenda_text(AGENDA_WITH_SERIES)
    assert agenda.meeting.series == "east-monthly"
    assert agenda.meeting.series_name == "华东区销售月会"
    assert agenda.meeting.next_meeting == datetime(2026, 12, 29, 9, 0)
    assert Agenda.from_dict(agenda.to_dict()) == agenda
    bad = AGENDA_WITH_SERIES.replace("2026-12-29 09:00", "soon")
    with pytest.raises(Exception, match="next_meeting"):
        load_agenda_text(bad)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", ["会议系列**：华东区销售月会", "下次会议**：2026年12月29日（星期二） 09:00"]),
        ("en", ["Series**: 华东区销售月会", "Next meeting**: 2026-12-29 (Tuesday) 09:00"]),
    ],
)
def test_the_minutes_header_shows_the_series_name_and_the_next_meeting(
    datadir, sunday_clock, lang, expected
):
    from agendas.loader import load_agenda_text
    from sessions.minutes import render_minutes

    s = Session.start(datadir, load_agenda_text(AGENDA_WITH_SERIES), sunday_clock, lang="zh")
    s.submit("/d 价格不变")
    s.end()
    s.close()
    md = render_minutes(datadir.read(s.id), "md", lang)
    for text in expected:
        assert text in md
    assert "east-monthly" not in md


def test_chinese_minutes_follow_the_conventions_of_a_meeting_record(datadir):
    from minutes_sessions import record_zh

    from sessions.minutes import render_minutes

    md = render_minutes(datadir.read(record_zh(datadir)), "md", "zh")
    for part in (
        "会议主题",
        "时间",
        "地点",
        "主持人",
        "记录人",
        "出席",
        "缺席",
        "列席",
        "会议议程",
    ):
        assert f"{part}" in md
    for heading in ("## 决议事项", "## 待办事项", "| 责任人 | 完成时间 |"):
        assert heading in md
    assert "记录人签名" in md and "主持人审核签字" in md


@pytest.mark.parametrize(
    ("lang", "late"), [("zh", "2026-11-20 · 逾期 9 天"), ("en", "2026-11-20 · 9 days overdue")]
)
def test_an_action_agreed_with_a_past_date_is_flagged_in_the_minutes(
    datadir, agenda, sunday_clock, lang, late
):
    from sessions.minutes import build_minutes

    s = Session.start(datadir, agenda, sunday_clock, lang="zh")
    s.submit("/a 报价 @张伟 截止:11-20")
    s.submit("/a 回访 @张伟 截止:12-04")
    s.end()
    s.close()
    rows = build_minutes(datadir.read(s.id), lang).actions
    assert [r.due_text for r in rows] == [late, "2026-12-04"]
