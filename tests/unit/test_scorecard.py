"""The series scorecard: every figure of three recorded monthly meetings, and where each comes from."""

from __future__ import annotations

from datetime import date

import pytest
from series_sessions import SERIES, TODAY, Series, record_series

from sessions.actions import load_actions
from sessions.datadir import DataDir
from sessions.performance import FROM_AGENDA, FROM_PREVIOUS
from sessions.scorecard import OwnerRecord, SalesCell, Scorecard, load_scorecard, scorecard


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[DataDir, Series]:
    datadir = DataDir(tmp_path_factory.mktemp("series") / "data")
    return datadir, record_series(datadir)


@pytest.fixture(scope="module")
def card(recorded: tuple[DataDir, Series]) -> Scorecard:
    datadir, series = recorded
    return load_scorecard(datadir, SERIES, TODAY, results=series.results)


def _cells(card: Scorecard, name: str) -> tuple[SalesCell | None, ...]:
    return next(r for r in card.sales.reps if r.name == name).cells


def test_one_column_per_meeting_oldest_first(card, recorded):
    _datadir, series = recorded
    assert [m.id for m in card.meetings] == series.ids
    assert [m.date for m in card.meetings] == ["2026-10-08", "2026-11-05", "2026-12-03"]
    assert card.series == SERIES and card.today == TODAY


def test_targets_come_from_the_agenda_or_carry_forward_from_target(card):
    zhang = _cells(card, "张伟")
    # November's agenda gives 张伟 no target: October's `/target 张伟 1200000` is it.
    assert [(c.target, c.target_from) for c in zhang if c] == [
        (1_000_000, FROM_AGENDA),
        (1_200_000, FROM_PREVIOUS),
        (1_300_000, FROM_AGENDA),
    ]
    tom = _cells(card, "Tom Baker")
    # December's agenda says 650,000: it wins over November's `/target Tom 700000`.
    assert [(c.target, c.target_from) for c in tom if c] == [
        (500_000, FROM_AGENDA),
        (600_000, FROM_PREVIOUS),
        (650_000, FROM_AGENDA),
    ]


def test_results_come_from_the_agenda_or_the_results_given(card, recorded):
    datadir, series = recorded
    assert [c.actual for c in _cells(card, "张伟") if c] == [900_000, 1_320_000, 1_300_000]
    # Without the results mapping December has no result for 张伟, hence no completion.
    bare = load_scorecard(datadir, SERIES, TODAY)
    december = _cells(bare, "张伟")[2]
    assert december is not None and december.actual is None and december.completion is None


def test_completion_and_ranks_with_ties(card):
    completion = {
        r.name: [round(c.completion, 4) if c and c.completion else None for c in r.cells]
        for r in card.sales.reps
    }
    assert completion == {
        "张伟": [0.9, 1.1, 1.0],
        "陈静": [1.0, 1.1, 1.1111],
        "Tom Baker": [0.9, 0.8, 0.8],
    }
    ranks = {r.name: [c.rank if c else None for c in r.cells] for r in card.sales.reps}
    # November: 张伟 and 陈静 both at 110 %: 1, 1, then 3.
    assert ranks == {"张伟": [2, 1, 2], "陈静": [1, 1, 1], "Tom Baker": [2, 3, 3]}


def test_team_totals_and_trends(card):
    team = card.sales.team
    assert [(c.target, c.actual) for c in team if c] == [
        (2_300_000, 2_150_000),
        (2_700_000, 2_790_000),
        (2_850_000, 2_820_000),
    ]
    assert [round(c.completion or 0, 4) for c in team if c] == [0.9348, 1.0333, 0.9895]
    trends = {r.name: round(r.trend or 0, 4) for r in card.sales.reps}
    assert trends == {"张伟": 0.1, "陈静": 0.1111, "Tom Baker": -0.1}
    assert card.sales.trend == pytest.approx(2_820_000 / 2_850_000 - 2_150_000 / 2_300_000)


def test_reps_below_target_two_meetings_running_are_marked(card):
    assert [r.name for r in card.sales.reps if r.lagging] == ["Tom Baker"]
    assert [bool(c and c.lagging) for c in _cells(card, "Tom Baker")] == [False, True, True]
    # 张伟 was below in October only.
    assert not any(c and c.lagging for c in _cells(card, "张伟"))


def test_follow_through_per_owner(card):
    follow = card.follow_through
    rows = {r.owner: r for r in follow.owners}
    assert rows["张伟"] == OwnerRecord(
        "张伟", 1, 1, 1, 0, 0, 0, 0, 0
    )  # done late on its due date: on time
    assert rows["陈静"] == OwnerRecord("陈静", 2, 1, 0, 1, 1, 0, 0, 0)  # done at the next meeting
    assert rows["Tom Baker"] == OwnerRecord("Tom Baker", 1, 0, 0, 0, 1, 1, 0, 0)  # never done
    assert rows["李娜"] == OwnerRecord("李娜", 1, 0, 0, 0, 1, 0, 0, 1)  # no due date
    assert rows[None] == OwnerRecord(None, 1, 0, 0, 0, 1, 0, 0, 0)  # nobody's
    assert [r.owner for r in follow.owners][-1] is None
    assert follow.total == OwnerRecord(None, 6, 2, 1, 1, 4, 1, 0, 1)
    assert (follow.no_owner, follow.no_due) == (1, 1)
    assert rows["张伟"].kept == 1.0
    assert rows["陈静"].kept == 0.0
    assert rows["李娜"].kept is None  # nothing whose time has come
    assert follow.total.kept == pytest.approx(1 / 3)


def test_overdue_is_as_of_today(recorded):
    datadir, _series = recorded
    early = load_scorecard(datadir, SERIES, date(2026, 10, 25))
    tom = next(r for r in early.follow_through.owners if r.owner == "Tom Baker")
    assert (tom.open, tom.overdue) == (1, 0)  # due on the 30th


def test_talk_shares_trend_silence_lateness_and_absence(card):
    people = {p.name: p for p in card.people}
    assert [p.name for p in card.people] == ["王磊", "李娜", "张伟", "陈静", "Tom Baker"]
    shares = {n: [None if s is None else round(s, 4) for s in p.shares] for n, p in people.items()}
    assert shares == {
        "王磊": [0.5, 0.75, 0.2857],
        "李娜": [0.0, None, 0.0],  # absent in November: no share
        "张伟": [0.3333, 0.125, 0.2857],
        "陈静": [0.1667, 0.125, 0.2857],
        "Tom Baker": [0.0, 0.0, 0.1429],
    }
    assert people["王磊"].talk == (300.0, 600.0, 200.0)
    assert round(people["Tom Baker"].trend or 0, 4) == 0.1429
    assert round(people["王磊"].trend or 0, 4) == -0.2143
    assert {n: (p.silent, p.late, p.left_early, p.absent) for n, p in people.items()} == {
        "王磊": (0, 0, 0, 0),
        "李娜": (2, 0, 0, 1),
        "张伟": (0, 0, 0, 0),
        "陈静": (0, 1, 0, 0),
        "Tom Baker": (2, 1, 0, 0),
    }
    assert people["王磊"].facilitated == 3


def test_the_facilitators_share_per_meeting(card):
    shares = [round(m.facilitator_share or 0, 4) for m in card.meetings]
    assert shares == [0.5, 0.75, 0.2857]
    assert [m.dominated for m in card.meetings] == [False, True, False]
    assert {m.facilitator for m in card.meetings} == {"王磊"}


def test_the_meetings_length_reach_and_what_they_carried(card):
    october, november, december = card.meetings
    assert [m.planned for m in card.meetings] == [3000, 3000, 3000]
    assert [m.elapsed for m in card.meetings] == [1200.0, 4200.0, 1000.0]
    assert [m.overrun for m in card.meetings] == [-1800.0, 1200.0, -2000.0]
    assert october.unreached == ("销售培训",)
    assert november.unreached == ()
    assert december.unreached == ("任务分解", "销售培训")
    assert [m.actions for m in card.meetings] == [5, 1, 0]
    assert [m.carried_actions for m in card.meetings] == [0, 4, 4]
    assert [m.carried_topics for m in card.meetings] == [0, 1, 0]
    assert [m.rating for m in card.meetings] == [None, None, None]  # ratings come later
    carried = {(c.kind, c.text): c.times for c in card.carried}
    assert carried == {
        ("action", "拜访 Acme 采购"): 2,
        ("action", "更新培训材料"): 2,
        ("action", "更新价格表"): 2,
        ("action", "准备报价单"): 1,
        ("action", "拜访大客户"): 1,
        ("section", "销售培训"): 1,
    }
    assert card.carried[0].times == 2


def test_a_period_keeps_the_carried_target_of_the_meeting_before(recorded):
    datadir, series = recorded
    card = load_scorecard(datadir, SERIES, TODAY, start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert [m.id for m in card.meetings] == [series.ids[1]]
    zhang = _cells(card, "张伟")[0]
    assert zhang is not None and (zhang.target, zhang.target_from) == (1_200_000, FROM_PREVIOUS)
    # Only November's action counts, and Tom lags no more: October is out of the period.
    assert card.follow_through.total.assigned == 1
    assert not any(r.lagging for r in card.sales.reps)


def test_the_maths_is_a_pure_function_of_records_actions_and_today(recorded, card):
    datadir, series = recorded
    records = [datadir.read(i) for i in reversed(series.ids)]  # any order
    again = scorecard(SERIES, records, load_actions(datadir).actions, TODAY, results=series.results)
    assert again == card


def test_an_empty_series(datadir):
    card = load_scorecard(datadir, "nobody", TODAY)
    assert card.meetings == () and card.sales.reps == () and card.people == ()
    assert card.follow_through.total.assigned == 0
