"""Completion and ranking have one home: a tie ranks 1, 1, 3 on the live board and in the minutes."""

from __future__ import annotations

import pytest
from sample_agendas import tied_agenda

from sessions.minutes.model import build_minutes
from sessions.performance import competition_ranks, completion, performance
from sessions.session import Session


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1.0, 1.0, 0.5], [1, 1, 3]),
        ([0.5, 1.0, 1.0], [3, 1, 1]),
        ([0.9, None, 0.9, 0.9, 1.2], [2, None, 2, 2, 1]),
        ([], []),
        ([None], [None]),
    ],
)
def test_competition_ranking(values, expected):
    assert competition_ranks(values) == expected


def test_completion_needs_a_target_and_a_result():
    assert completion(200.0, 150.0) == 0.75
    assert completion(None, 150.0) is None
    assert completion(0.0, 150.0) is None
    assert completion(100.0, None) is None


def test_team_totals_count_only_what_is_known():
    figures = performance(tied_agenda().participants)
    assert [r.name for r in figures.reps] == ["Bo", "Cy", "Di", "Ed"]
    assert [r.rank for r in figures.reps] == [2, 2, 1, None]
    assert (figures.target, figures.actual) == (500.0, 390.0)
    assert figures.completion == pytest.approx(390 / 400)  # Ed has no result yet
    assert [r.name for r in figures.by_rank()] == ["Di", "Bo", "Cy", "Ed"]


def test_the_minutes_rank_a_tie_as_the_board_does(datadir, clock):
    session = Session.start(datadir, tied_agenda(), clock)
    session.end()
    session.close()
    minutes = build_minutes(datadir.read(session.id), "en")
    assert minutes.performance is not None
    assert [(r.name, r.rank) for r in minutes.performance] == [
        ("Di", 1),
        ("Bo", 2),
        ("Cy", 2),
        ("Ed", None),
    ]
