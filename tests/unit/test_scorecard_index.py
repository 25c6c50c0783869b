"""The scorecard read from the index: each meeting's facts kept beside its summary, no session
file opened, a changed file read again, an index of the version before rebuilt."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest
from series_sessions import SERIES, TODAY, Series, record_series

from sessions import indexing as indexing_module
from sessions.actions import load_actions
from sessions.catalog import SCHEMA_VERSION
from sessions.datadir import DataDir
from sessions.disk import write_atomic
from sessions.indexing import entry_of, meeting_facts, summarize
from sessions.meeting_facts import MeetingFacts
from sessions.scorecard import Scorecard, load_scorecard, scorecard
from sessions.state import SessionState, replay_record


@pytest.fixture
def recorded(tmp_path: Path) -> tuple[DataDir, Series]:
    datadir = DataDir(tmp_path / "data")
    return datadir, record_series(datadir)


def settle(datadir: DataDir) -> None:
    """The sessions folder as a few seconds after the last change (its mtime in the past)."""
    hour_ago = time.time() - 3600
    os.utime(datadir.sessions_dir, (hour_ago, hour_ago))


def from_records(datadir: DataDir, series: Series) -> Scorecard:
    records = [datadir.read(i) for i in series.ids]
    actions = load_actions(datadir).actions
    return scorecard(SERIES, records, actions, TODAY, results=series.results)


def test_each_meetings_facts_read_back_from_json_are_the_same(recorded):
    datadir, series = recorded
    for session_id in series.ids:
        record = datadir.read(session_id)
        facts = meeting_facts(record, replay_record(record))
        assert MeetingFacts.from_json(facts.to_json()) == facts
    # What they hold is what the card shows: the reps' figures, talk, what was handed on.
    assert facts.column.id == series.ids[-1] and facts.reps and facts.people and facts.handed


def test_indexing_a_meeting_works_out_its_talk_and_attendance_once(recorded, monkeypatch):
    datadir, series = recorded
    record = datadir.read(series.ids[-1])
    expected = meeting_facts(record, replay_record(record)).to_json()
    worked_out: list[float] = []
    real = indexing_module.participation

    def counted(state, now):
        worked_out.append(now)
        return real(state, now)

    monkeypatch.setattr(indexing_module, "participation", counted)
    entry = entry_of(record, (1, 2, 3), locked=False)
    assert len(worked_out) == 1
    # The people's rows and the scorecard's facts are both made from that one.
    assert entry.facts == expected
    assert [p.name for p in entry.people] == [
        p.name for p in MeetingFacts.from_json(expected).people
    ]


def test_a_meetings_summary_goes_over_its_items_once(recorded, monkeypatch):
    datadir, series = recorded
    record = datadir.read(series.ids[-1])
    expected = summarize(record)
    listed: list[int] = []
    real = SessionState.active_items

    def counted(state, section=None):
        listed.append(len(state.items))
        return real(state, section)

    monkeypatch.setattr(SessionState, "active_items", counted)
    assert summarize(record) == expected
    assert len(listed) == 1


def test_the_card_opens_no_session_file_once_the_index_is_up_to_date(recorded, monkeypatch):
    datadir, series = recorded
    expected = from_records(datadir, series)
    load_scorecard(datadir, SERIES, TODAY)  # brings the index up to date
    settle(datadir)

    def no_file(self: DataDir, session_id: str) -> None:
        raise AssertionError(f"session file {session_id} read")

    monkeypatch.setattr(DataDir, "read", no_file)
    assert load_scorecard(datadir, SERIES, TODAY, results=series.results) == expected


def test_a_session_changed_on_disk_changes_the_card(recorded):
    datadir, series = recorded
    before = load_scorecard(datadir, SERIES, TODAY, results=series.results)
    settle(datadir)
    path = datadir.session_path(series.ids[0])
    data = json.loads(path.read_text(encoding="utf-8"))
    header = data["meta"]["1"]
    header["title"] = "华东区 10 月销售月会（补记）"
    chen = next(p for p in header["agenda"]["participants"] if p["name"] == "陈静")
    chen["actual"] = 400_000  # was 800,000: a result corrected after the meeting
    write_atomic(path, json.dumps(data, ensure_ascii=False))  # as a sync or a restore replaces it

    after = load_scorecard(datadir, SERIES, TODAY, results=series.results)
    assert before.meetings[0].title != "华东区 10 月销售月会（补记）"
    assert after.meetings[0].title == "华东区 10 月销售月会（补记）"
    chen_before, chen_after = (
        next(r for r in card.sales.reps if r.name == "陈静").cells[0] for card in (before, after)
    )
    assert chen_before is not None and chen_before.completion == 1.0
    assert chen_after is not None and chen_after.completion == 0.5
    assert after.meetings[1:] == before.meetings[1:]
    assert after == from_records(datadir, series)


def test_an_index_of_the_version_before_is_rebuilt_for_the_card(recorded):
    datadir, series = recorded
    expected = load_scorecard(datadir, SERIES, TODAY, results=series.results)
    with sqlite3.connect(datadir.index_path) as conn:  # as the version before left it
        conn.execute("DROP TABLE facts")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    assert load_scorecard(datadir, SERIES, TODAY, results=series.results) == expected
    with sqlite3.connect(datadir.index_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT count(*) FROM facts").fetchone()[0] == len(series.ids)
