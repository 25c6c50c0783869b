"""Results and ratings come in: `/actual` and `/rate`, stored, folded, and read by the board, the minutes and the scorecard."""

from __future__ import annotations

import pytest

from sessions.capture import CaptureError, Command, CommandName, parse_capture, parse_ratings
from sessions.events import ImprovementNoted, RatingGiven, ResultSet
from sessions.i18n import error_text
from sessions.minutes import build_minutes, render_minutes
from sessions.performance import month_performance
from sessions.scorecard import scorecard
from sessions.session import Session, SessionError
from sessions.state import replay_record
from tui.presenters.boards import performance_board

NAMES = ["王磊", "李娜", "张伟", "陈静", "Tom Baker"]
PERFORMANCE = 1  # the sample agenda's performance section


@pytest.fixture
def session(datadir, agenda, clock):
    live = Session.start(datadir, agenda, clock)
    yield live
    live.close()


@pytest.mark.parametrize(
    ("line", "who", "amount"),
    [
        ("/actual 张伟 150万", "张伟", 1_500_000.0),
        ("/actual Tom 1.2m", "Tom Baker", 1_200_000.0),
        ("/actual 陈静 １５０万", "陈静", 1_500_000.0),
        ("/实际 张伟 150 万", "张伟", 1_500_000.0),
    ],
)
def test_actual_reads_amounts_as_target_does(line, who, amount):
    parsed = parse_capture(line, NAMES, date_today())
    assert parsed == Command(CommandName.ACTUAL, who=who, amount=amount)


def test_actual_without_an_amount_says_how():
    with pytest.raises(CaptureError, match="/actual NAME AMOUNT"):
        parse_capture("/actual 张伟", NAMES, date_today())


def test_actual_only_in_a_performance_section_and_stored_typed(session):
    with pytest.raises(SessionError, match="performance section"):
        session.submit("/actual 张伟 150万")
    session.jump(PERFORMANCE)
    session.submit("/actual 张 150万")
    assert session.state.results == {"张伟": 1_500_000.0}
    record = session.writer.read()
    assert [e for e in record.log() if isinstance(e, ResultSet)][0].amount == 1_500_000.0
    assert replay_record(record).results == {"张伟": 1_500_000.0}


def test_the_actual_given_in_the_meeting_is_the_one_everywhere(session):
    session.jump(PERFORMANCE)
    session.submit("/actual 陈静 1.2m")  # the agenda said 800,000
    figures = month_performance(session.state, {}, {})[0]
    rep = next(r for r in figures.reps if r.name == "陈静")
    assert rep.actual == 1_200_000.0 and rep.completion == pytest.approx(1.2)
    board = performance_board(session.state, "en", False)
    row = next(r for r in board.rows if r.cells[0] == "陈静")
    assert "1,200,000" in row.cells[2] and "800,000" not in row.cells[2]
    session.end()
    minutes = build_minutes(session.writer.read(), "en")
    assert minutes.performance is not None
    assert next(r for r in minutes.performance if r.name == "陈静").actual == 1_200_000.0


def test_the_scorecard_reads_results_and_the_rating_from_the_session(session, datadir):
    session.jump(PERFORMANCE)
    session.submit("/actual 陈静 1.2m")
    session.submit("/rate 张伟 8")
    session.end()
    session.rate({"陈静": 9, "Tom": 6}, "早点发材料")
    record = datadir.read(session.id)
    card = scorecard("east-monthly", [record], [], session.today())
    rep = next(r for r in card.sales.reps if r.name == "陈静")
    cell = rep.cells[0]
    assert cell is not None and cell.actual == 1_200_000.0
    assert card.meetings[0].rating == pytest.approx((8 + 9 + 6) / 3)
    # A results mapping given afterwards (an import) still stands over the meeting's own.
    later = scorecard(
        "east-monthly", [record], [], session.today(), results={session.id: {"陈静": 2e6}}
    )
    later_cell = next(r for r in later.sales.reps if r.name == "陈静").cells[0]
    assert later_cell is not None and later_cell.actual == 2e6


def test_rate_during_the_meeting_in_any_section(session):
    assert parse_capture("/rate 王 8", NAMES, date_today()) == Command(
        CommandName.RATE, who="王磊", number=8
    )
    session.submit("/评分 李娜 ９")
    assert session.state.ratings == {"李娜": 9}
    for line in ("/rate 李娜 11", "/rate 李娜 0", "/rate 李娜 7.5"):
        with pytest.raises(SessionError, match="1 to 10"):
            session.submit(line)
    assert session.state.ratings == {"李娜": 9}


def test_ratings_and_the_improvement_after_end_go_into_the_same_log(session, clock):
    session.end()
    clock.advance(30)
    session.rate(
        parse_ratings("王磊 8 李娜 9 张伟 7", session.state.people), " 早点 发材料\x1b[2J "
    )
    log = session.writer.read().log()
    assert [e.score for e in log if isinstance(e, RatingGiven)] == [8, 9, 7]
    assert [e.text for e in log if isinstance(e, ImprovementNoted)] == ["早点 发材料[2J"]
    state = replay_record(session.writer.read())
    assert state.ratings == {"王磊": 8, "李娜": 9, "张伟": 7}
    assert state.rating == pytest.approx(8.0)


def test_the_ratings_line():
    assert parse_ratings("", NAMES) == {}
    assert parse_ratings("８", ["王磊", "张伟"]) == {"王磊": 8, "张伟": 8}
    assert parse_ratings("王 8 Tom 10", NAMES) == {"王磊": 8, "Tom Baker": 10}
    with pytest.raises(CaptureError, match="1 to 10"):
        parse_ratings("王磊 12", NAMES)
    with pytest.raises(CaptureError, match="张伟"):
        parse_ratings("王磊 8 张伟", NAMES)
    with pytest.raises(CaptureError, match="nobody"):
        parse_ratings("Zed 8", NAMES)


@pytest.mark.parametrize("line", ["王磊 8 张伟 7 9", "8 9"])
def test_a_number_without_a_name_is_told_as_the_ratings_line_reads(line):
    # The end summary's line is names and ratings, not the /rate command: say so.
    with pytest.raises(CaptureError) as caught:
        parse_ratings(line, NAMES)
    message = error_text(caught.value, "en")
    assert "/rate" not in message and "one number for everyone" in message
    assert "/rate" not in error_text(caught.value, "zh")


def test_the_minutes_have_a_meeting_rating_part(session):
    session.end()
    session.rate({"王磊": 8, "李娜": 9}, "准时开始")
    text = render_minutes(session.writer.read(), "md", "en")
    assert isinstance(text, str)
    assert "## Meeting rating" in text
    assert "Average 8.5 / 10 from 2 ratings" in text
    assert "准时开始" in text
    unrated = build_minutes(session.writer.read(), "en")
    assert unrated.ratings == [("王磊", 8), ("李娜", 9)]


def test_minutes_without_ratings_have_no_rating_part(session):
    session.end()
    text = render_minutes(session.writer.read(), "md", "en")
    assert isinstance(text, str) and "Meeting rating" not in text


def date_today():
    from datetime import date

    return date(2026, 11, 29)


def test_one_rating_is_one_rating(session):
    session.end()
    session.rate({"王磊": 7})
    text = render_minutes(session.writer.read(), "md", "en")
    assert isinstance(text, str) and "Average 7.0 / 10 from 1 rating\n" in text


def test_the_targets_board_shows_the_result_given_in_the_meeting(session):
    from tui.presenters.boards import targets_board

    session.jump(PERFORMANCE)
    session.submit("/actual 陈静 1.2m")
    board = targets_board(session.state, "en", False)
    row = next(r for r in board.rows if r.cells[0] == "陈静")
    assert "1,200,000" in row.cells[2]
