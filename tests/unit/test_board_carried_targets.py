"""The live performance board takes the targets `/target` set in the series' meeting before, and says so."""

from __future__ import annotations

import pytest
from series_sessions import Series, record_series

from sessions.datadir import DataDir
from sessions.performance import NO_CARRIED_TARGETS
from sessions.scorecard import carried_targets
from sessions.state import replay_record
from tui.presenters.boards import performance_board


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[DataDir, Series]:
    datadir = DataDir(tmp_path_factory.mktemp("series") / "data")
    return datadir, record_series(datadir)


def _november(recorded):
    datadir, series = recorded
    record = datadir.read(series.ids[1])
    return replay_record(record), carried_targets(datadir, record.meta.get("previous"))


def test_the_previous_meetings_targets_with_its_date(recorded):
    _state, carried = _november(recorded)
    assert carried.targets == {"张伟": 1_200_000, "Tom Baker": 600_000}
    assert carried.date == "2026-10-08"


def test_carried_targets_fill_the_board_and_say_where_they_came_from(recorded):
    state, carried = _november(recorded)
    view = performance_board(state, "en", narrow=False, carried=carried)
    assert [c.label for c in view.columns][-1] == "Target set by"
    rows = {row.cells[0]: row.cells for row in view.rows}
    # 张伟 and Tom have no target in November's agenda: October's /target stands.
    assert rows["张伟"][1:] == ("1,200,000", "1,320,000", "110%", "1", "meeting of 10-08")
    assert rows["陈静"][1:] == ("900,000", "990,000", "110%", "1", "agenda")
    assert rows["Tom Baker"][1:] == ("600,000", "480,000", "80%", "3", "meeting of 10-08")
    assert rows["Total"] == ("Total", "2,700,000", "2,790,000", "103%", "", "")
    zh = performance_board(state, "zh", narrow=True, carried=carried)
    assert zh.columns[-1].label == "目标来源"
    assert zh.rows[0].cells[-1] == "上次会议 10-08"


def test_without_carried_targets_the_board_is_as_before(recorded):
    state, _carried = _november(recorded)
    view = performance_board(state, "en", narrow=False, carried=NO_CARRIED_TARGETS)
    assert [c.label for c in view.columns] == ["Rep", "Target", "Result", "Done", "Rank"]
    rows = {row.cells[0]: row.cells for row in view.rows}
    assert rows["张伟"][1:3] == ("", "1,320,000")


def test_an_unreadable_previous_meeting_carries_nothing(recorded):
    datadir, _series = recorded
    assert carried_targets(datadir, "20261001-000000-dead") == NO_CARRIED_TARGETS
    assert carried_targets(datadir, None) == NO_CARRIED_TARGETS
