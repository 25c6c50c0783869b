"""The scorecard screen's rows: the report's tables in four parts, where each rep stands, the marks and the charts."""

from __future__ import annotations

from datetime import date

import pytest
from series_sessions import SERIES, TODAY, Series, record_series

from sessions.datadir import DataDir
from sessions.report.layout import Table, layout
from sessions.scorecard import Scorecard, load_scorecard, scorecard
from tui.presenters.scorecard import PARTS, Grid, scorecard_view, sparkline


@pytest.fixture(scope="module")
def card(tmp_path_factory: pytest.TempPathFactory) -> Scorecard:
    datadir = DataDir(tmp_path_factory.mktemp("series") / "data")
    series: Series = record_series(datadir)
    return load_scorecard(datadir, SERIES, TODAY, results=series.results)


def _grid(card: Scorecard, part: str, name: str, lang: str = "en") -> Grid:
    view = scorecard_view(card, lang)
    found = next(p for p in view.parts if p.key == part)
    return next(g for g in found.grids if g.name == name)


def test_four_parts_in_order_titled_in_the_language(card):
    en, zh = scorecard_view(card, "en"), scorecard_view(card, "zh")
    assert [p.key for p in en.parts] == list(PARTS)
    assert [p.title for p in en.parts] == [
        "Sales",
        "Follow-through",
        "Participation",
        "The meetings",
    ]
    assert [p.title for p in zh.parts] == ["销售业绩", "待办落实", "参与情况", "会议本身"]
    assert en.title == "Scorecard: east-monthly"
    assert en.period == "2026-10-08 to 2026-12-03 · 3 meetings · as of 2026-12-05"
    assert zh.period == "2026-10-08 至 2026-12-03 · 共 3 次会议 · 统计至 2026-12-05"


def test_where_each_rep_stands_at_the_latest_meeting(card):
    grid = _grid(card, "sales", "scorecard-standing")
    assert grid.columns == (
        "Rep",
        "Target",
        "Result",
        "Completion",
        "Rank",
        "Target set by",
        "Trend",
        "Change",
    )
    assert grid.rows == (
        ("张伟", "1,300,000", "1,300,000", "100.0%", "2", "agenda", "▁█▄", "+10.0 pts"),
        ("陈静", "900,000", "1,000,000", "111.1%", "1", "agenda", "▁▇█", "+11.1 pts"),
        ("Tom Baker ▼", "650,000", "520,000", "80.0%", "3", "agenda", "█▁▁", "−10.0 pts"),
    )
    # Tom was below target in November and December: marked in the text and the row.
    assert grid.flagged == (False, False, True)
    assert grid.footer == (
        "Team",
        "2,850,000",
        "2,820,000",
        "98.9%",
        "",
        "",
        "▁█▅",
        "+5.5 pts",
    )
    assert grid.right == (False, True, True, True, True, False, False, True)


def test_the_standing_marks_a_rep_below_target_now_not_once_in_the_period(card):
    """Tom lagged in November and December; had December gone well, where he stands now is
    not lagging, though the period's grid still shows the months he was."""
    tom = card.sales.reps[2]
    *before, december = tom.cells
    assert december is not None and december.lagging
    recovered = december._replace(actual=700_000.0, completion=700_000 / 650_000, lagging=False)
    reps = (*card.sales.reps[:2], tom._replace(cells=(*before, recovered)))
    better = card._replace(sales=card.sales._replace(reps=reps))
    standing = _grid(better, "sales", "scorecard-standing")
    assert [row[0] for row in standing.rows] == ["张伟", "陈静", "Tom Baker"]
    assert standing.flagged == (False, False, False)
    assert _grid(better, "sales", "scorecard-sales").flagged == (False, False, True)


def test_ties_rank_one_one_three(card):
    grid = _grid(card, "sales", "scorecard-sales")
    november = [row[2] for row in grid.rows]
    assert november == ["110.0% (#1)", "110.0% (#1)", "80.0% (#3) ▼"]


def test_the_report_tables_are_shown_as_they_are(card):
    """One home for the figures: the screen's tables are the report's, cell for cell."""
    tables = {b.name: b for b in layout(card, "zh") if isinstance(b, Table)}
    view = scorecard_view(card, "zh")
    grids = {g.name: g for p in view.parts for g in p.grids}
    for name, table in tables.items():
        assert grids[name].rows == tuple(tuple(r) for r in table.rows)
        assert grids[name].columns == tuple(table.header)


def test_meetings_run_by_one_voice_are_marked(card):
    grid = _grid(card, "meetings", "scorecard-meetings")
    assert grid.flagged == (False, True, False)  # 王磊 held 600 of 800 s in November
    notes = next(p for p in scorecard_view(card, "en").parts if p.key == "meetings").notes
    assert any(n.style == "warning" and "2026-11-05" in n.text for n in notes)


def test_charts_of_completion_and_the_facilitators_share(card):
    parts = {p.key: p for p in scorecard_view(card, "en").parts}
    (completion,) = parts["sales"].plots
    assert completion.labels == ("2026-10-08", "2026-11-05", "2026-12-03")
    assert [name for name, _ in completion.lines] == ["张伟", "陈静", "Tom Baker"]
    assert completion.reference == 1.0 and not completion.bars
    (share,) = parts["meetings"].plots
    assert share.bars and share.reference == 0.5
    assert share.lines[0][1] == pytest.approx((0.5, 0.75, 200 / 700))


def test_follow_through_with_its_total(card):
    grid = _grid(card, "follow", "scorecard-follow", "zh")
    assert grid.columns[0] == "负责人"
    assert grid.rows[-1][0] == "（无负责人）"
    assert grid.footer is not None and grid.footer[:3] == ("合计", "6", "2")


def test_a_series_without_meetings_in_the_period_says_so(card):
    empty = scorecard(SERIES, [], [], date(2026, 12, 5))
    view = scorecard_view(empty, "en")
    assert view.parts == () and view.empty == "No meeting of this series in the period."


def test_sparkline_scales_between_the_lowest_and_highest():
    assert sparkline([0.5, 1.0, None, 0.75]) == "▁█ ▅"
    assert sparkline([0.9, 0.9]) == "▄▄"
    assert sparkline([None, None]) == ""
    assert sparkline([]) == ""


def test_one_meeting_is_counted_in_the_singular(card):
    one = Scorecard(SERIES, TODAY, card.meetings[:1], card.sales, card.follow_through, (), ())
    assert scorecard_view(one, "en").period == (
        "2026-10-08 to 2026-10-08 · 1 meeting · as of 2026-12-05"
    )
