"""The scorecard counts presence as the minutes do (`sessions.participation.was_there`)."""

from __future__ import annotations

from datetime import date

from series_sessions import SERIES, meeting_clock, month_agenda

from sessions.datadir import DataDir
from sessions.minutes import build_minutes
from sessions.scorecard import scorecard
from sessions.start import start_session

REPS = [(name, None, None) for name in ("张伟", "陈静", "Tom Baker", "赵敏", "钱多", "孙丽")]


def test_nobody_checked_in_is_absent_in_the_minutes_and_the_scorecard(tmp_path):
    datadir = DataDir(tmp_path / "data")
    clock = meeting_clock(date(2026, 12, 1))
    session = start_session(datadir, month_agenda("12", REPS), clock, "zh", attendance={})
    clock.advance(600)
    session.end()
    session.close()
    record = datadir.read(session.id)

    minutes = build_minutes(record, "zh")
    assert "缺席 8 人" in minutes.attendance_summary

    card = scorecard(SERIES, [record], [], date(2026, 12, 2))
    assert len(card.people) == 8
    assert all(p.absent == 1 for p in card.people)
    assert all(p.shares == (None,) for p in card.people)  # no 0.0 % share for someone not there
    assert all((p.late, p.left_early, p.silent) == (0, 0, 0) for p in card.people)


def test_late_and_never_come_is_absent_a_late_arrival_is_late(tmp_path):
    datadir = DataDir(tmp_path / "data")
    clock = meeting_clock(date(2026, 12, 1))
    marks = {"王磊": "present", "李娜": "present", "张伟": "late", "陈静": "late"}
    agenda = month_agenda("12", REPS[:2])
    session = start_session(datadir, agenda, clock, "en", attendance=marks)
    clock.advance(60)
    session.submit("/here 张伟")  # arrives; 陈静 never comes
    session.submit("/speaker 王磊")
    clock.advance(120)
    session.end()
    session.close()
    record = datadir.read(session.id)

    assert "late 1 · left early 0 · absent 1" in build_minutes(record, "en").attendance_summary
    people = {p.name: p for p in scorecard(SERIES, [record], [], date(2026, 12, 2)).people}
    assert (people["张伟"].late, people["张伟"].absent, people["张伟"].shares) == (1, 0, (0.0,))
    assert (people["陈静"].late, people["陈静"].absent, people["陈静"].shares) == (0, 1, (None,))
    assert people["王磊"].shares == (1.0,)
