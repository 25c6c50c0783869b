"""A target carried from the series' meeting before: the board, the minutes and the scorecard show the same one.

The session reads the carried targets once, when it starts, into its header; the minutes and
the scorecard of that meeting read them from there, all through `month_performance`.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from series_sessions import SERIES, meeting_clock, month_agenda

from sessions.brief import series_brief
from sessions.datadir import DataDir
from sessions.index import Index
from sessions.minutes import build_minutes, render_minutes
from sessions.performance import FROM_PREVIOUS, header_targets
from sessions.scorecard import scorecard
from sessions.session import Session
from sessions.start import start_session
from tui.presenters.boards import performance_board


@pytest.fixture
def two_meetings(tmp_path) -> tuple[DataDir, str, str]:
    """October sets 张伟's target with /target; November's agenda gives none."""
    datadir = DataDir(tmp_path / "data")
    clock = meeting_clock(date(2026, 10, 8))
    october = start_session(
        datadir, month_agenda("10", [("张伟", None, None)]), clock, "zh", attendance=None
    )
    october.jump(2)  # 任务分解, a targets section
    october.submit("/target 张伟 1200000")
    clock.advance(600)
    october.end()
    october.close()
    clock = meeting_clock(date(2026, 11, 5))
    agenda = month_agenda("11", [("张伟", None, 1_320_000)])
    november = start_session(datadir, agenda, clock, "zh", attendance=None)
    november.jump(1)  # the performance review
    clock.advance(600)
    november.close()  # interrupted: resumed below
    return datadir, october.id, november.id


def test_the_session_knows_its_carried_targets_from_its_header(two_meetings):
    datadir, _october, november = two_meetings
    session = Session.resume(datadir, november, meeting_clock(date(2026, 11, 5)))
    try:
        assert dict(session.carried_targets.targets) == {"张伟": 1_200_000}
        assert session.carried_targets.date == "2026-10-08"
        kept = header_targets(session.meta)
        assert kept is not None and dict(kept.targets) == {"张伟": 1_200_000}
    finally:
        session.close()


def test_board_minutes_and_scorecard_show_the_same_carried_target(two_meetings):
    datadir, _october, november = two_meetings
    session = Session.resume(datadir, november, meeting_clock(date(2026, 11, 5)))
    try:
        session.end()
        state, carried = session.state, session.carried_targets
    finally:
        session.close()

    view = performance_board(state, "en", narrow=False, carried=carried)
    board_row = next(row.cells for row in view.rows if row.cells[0] == "张伟")
    assert board_row[1:3] == ("1,200,000", "1,320,000")
    assert board_row[-1] == "meeting of 10-08"

    record = datadir.read(november)
    minutes = build_minutes(record, "en")
    assert minutes.performance is not None
    [row] = minutes.performance
    assert (row.target, row.actual, row.completion) == (1_200_000, 1_320_000, 1.1)
    assert row.target_from == "meeting of 2026-10-08 (carried)"
    text = str(render_minutes(record, "md", "en"))
    assert "Target set by" in text and "meeting of 2026-10-08 (carried)" in text
    assert "上次会议 2026-10-08（延续）" in str(render_minutes(record, "md", "zh"))

    # The scorecard of that meeting alone: the target is the one its header kept.
    card = scorecard(SERIES, [record], [], date(2026, 11, 6))
    [rep] = card.sales.reps
    [cell] = rep.cells
    assert cell is not None
    assert (cell.target, cell.actual, cell.target_from) == (1_200_000, 1_320_000, FROM_PREVIOUS)
    assert card.sales.team[0] is not None and card.sales.team[0].completion == 1.1


def test_the_next_opening_brief_judges_last_month_on_the_carried_target(two_meetings):
    datadir, _october, november = two_meetings
    session = Session.resume(datadir, november, meeting_clock(date(2026, 11, 5)))
    try:
        session.submit("/actual 张伟 1000000")  # below the 1,200,000 carried from October
        session.end()
    finally:
        session.close()
    found = series_brief(datadir, month_agenda("12", [("张伟", None, None)]), [])
    assert found is not None
    assert [(r.name, r.target, r.completion) for r in found.below_target] == [
        ("张伟", 1_200_000, 1_000_000 / 1_200_000)
    ]


def test_a_session_recorded_before_headers_kept_targets_falls_back_on_the_meeting_before(
    two_meetings,
):
    datadir, october, november = two_meetings
    old = datadir.read(november)
    old.meta.pop("carried_targets")
    card = scorecard(SERIES, [datadir.read(october), old], [], date(2026, 11, 6))
    cell = card.sales.reps[0].cells[1]
    assert cell is not None and (cell.target, cell.target_from) == (1_200_000, FROM_PREVIOUS)


def test_the_index_keeps_the_carried_target_of_each_rep(two_meetings):
    """The index's reps table (read by history and the scorecard's SQL) holds the same figures."""
    datadir, _october, november = two_meetings
    Index(datadir).listing()
    with sqlite3.connect(datadir.index_path) as conn:
        reps = conn.execute(
            "SELECT name, target, actual, round(completion, 4) FROM reps WHERE session = ?",
            (november,),
        ).fetchall()
    assert reps == [("张伟", 1_200_000, 1_320_000, 1.1)]
