"""The history index: summaries of every session, rebuilt when missing or damaged, refreshed when stale."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from sessions.catalog import SCHEMA_VERSION
from sessions.index import Index
from sessions.session import Session
from sessions.store import SCHEMA
from sessions.summary import SessionStatus, SessionSummary


def stored(datadir) -> dict[str, dict]:
    """The summaries the index file holds, by session id."""
    with sqlite3.connect(datadir.index_path) as conn:
        return {
            sid: json.loads(body) for sid, body in conn.execute("SELECT id, body FROM sessions")
        }


def schema_version(datadir) -> int:
    with sqlite3.connect(datadir.index_path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


@pytest.fixture
def three(datadir, agenda, clock):
    """An ended session, an interrupted one, and a live one still open (its writer returned)."""
    ended = Session.start(datadir, agenda, clock)
    ended.submit("/a 报价 @张伟")
    ended.submit("/d 不降价")
    ended.submit("note")
    ended.submit("/u")
    clock.advance(1800)
    ended.end()
    ended.close()
    clock.advance(3600)
    interrupted = Session.start(datadir, agenda, clock)
    interrupted.submit("/a follow the lead @Tom")
    clock.advance(60)
    interrupted.close()
    clock.advance(3600)
    live = Session.start(datadir, agenda, clock)
    yield ended.id, interrupted.id, live
    live.close()


def test_listing_newest_first_with_summaries(datadir, three):
    ended, interrupted, live = three
    listing = Index(datadir).listing()
    assert listing.problems == []
    assert [s.id for s in listing.sessions] == [live.id, interrupted, ended]
    by_id = {s.id: s for s in listing.sessions}
    assert by_id[ended].status == "ended"
    assert by_id[interrupted].status == "interrupted"
    assert by_id[live.id].status == "live"
    first = by_id[ended]
    assert first.items == 2 and first.open_actions == 1
    assert first.counts["decision"] == 1 and first.counts["note"] == 0
    assert first.used_seconds == 1800 and first.planned_seconds == 3000
    assert first.title == "华东区 11 月销售月会" and first.series == "east-monthly"
    assert by_id[interrupted].used_seconds == 0  # its last event was at the start


def test_the_index_file_is_written_and_reused(datadir, three, monkeypatch):
    Index(datadir).listing()
    saved = stored(datadir)
    _, _, live = three
    # The live meeting is indexed as live, never as ended: it is read again once it changes.
    assert schema_version(datadir) == SCHEMA_VERSION and len(saved) == 3
    assert saved[live.id]["status"] == "live"
    calls: list[str] = []
    real = datadir.read

    def counting(session_id):
        calls.append(session_id)
        return real(session_id)

    monkeypatch.setattr(datadir, "read", counting)
    Index(datadir).listing()
    assert calls == []  # nothing changed on disk: everything comes from the index
    live.submit("a note while it runs")
    assert [s.items for s in Index(datadir).listing().sessions if s.id == live.id] == [1]
    assert calls == [live.id]


def test_a_missing_index_is_rebuilt(datadir, three):
    first = Index(datadir).listing().sessions
    datadir.index_path.unlink()
    assert Index(datadir).listing().sessions == first
    assert datadir.index_path.exists()


@pytest.mark.parametrize(
    "content", [b"{not json", b"\xff\xfe\x00", b"[]", b'{"version": 99, "sessions": {}}']
)
def test_a_damaged_or_foreign_index_is_rebuilt(datadir, three, content):
    first = Index(datadir).listing().sessions
    datadir.index_path.write_bytes(content)
    listing = Index(datadir).listing()
    assert listing.sessions == first
    (problem,) = listing.problems  # said in one line, then rebuilt
    assert "rebuilt" in problem and "\n" not in problem
    assert schema_version(datadir) == SCHEMA_VERSION
    assert Index(datadir).listing().problems == []


def test_a_stale_entry_is_refreshed(datadir, three, agenda, clock):
    ended, interrupted, live = three
    Index(datadir).listing()
    again = Session.resume(datadir, interrupted, clock)
    again.submit("/a second action @李娜")
    again.end()
    again.close()
    path = datadir.session_path(interrupted)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # coarse clocks
    entry = {s.id: s for s in Index(datadir).listing().sessions}[interrupted]
    assert entry.status == "ended" and entry.open_actions == 2


def test_a_removed_session_leaves_the_index(datadir, three):
    ended, _, _ = three
    Index(datadir).listing()
    datadir.session_path(ended).unlink()
    listing = Index(datadir).listing()
    assert ended not in [s.id for s in listing.sessions]
    assert ended not in stored(datadir)


@pytest.mark.parametrize("damage", [b'{"meta": {"1": {"sche', b"\x00\x01garbage", b"[1]"])
def test_a_damaged_session_is_listed_as_a_problem_and_the_rest_still_shown(datadir, three, damage):
    ended, interrupted, live = three
    Index(datadir).listing()
    datadir.session_path(interrupted).write_bytes(damage)
    listing = Index(datadir).listing()
    assert [s.id for s in listing.sessions] == [live.id, ended]
    assert listing.problems and all("\n" not in p for p in listing.problems)
    assert any(interrupted in p and "corrupt-" in p for p in listing.problems)
    (aside,) = datadir.corrupt_files()
    assert aside.read_bytes() == damage
    # the next listing still says there is a damaged file to look at, and lists the rest
    listing = Index(datadir).listing()
    assert [s.id for s in listing.sessions] == [live.id, ended]
    assert any(aside.name in p for p in listing.problems)


def test_a_newer_session_is_a_problem_line_not_a_crash(datadir, three):
    ended, interrupted, live = three
    path = datadir.session_path(ended)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["1"]["schema"] = SCHEMA + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    listing = Index(datadir).listing()
    assert [s.id for s in listing.sessions] == [live.id, interrupted]
    assert any("newer Minutely" in p for p in listing.problems)


def test_a_session_with_unreadable_events_does_not_stop_the_listing(datadir, three):
    ended, interrupted, live = three
    path = datadir.session_path(ended)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["events"]["2"] = {"seq": 2, "type": "teleported", "at": 1.0}
    path.write_text(json.dumps(data), encoding="utf-8")
    listing = Index(datadir).listing()
    assert [s.id for s in listing.sessions] == [live.id, interrupted]
    (problem,) = listing.problems
    assert ended in problem and "\n" not in problem


def test_rebuild(datadir, three):
    first = Index(datadir).listing().sessions
    datadir.index_path.write_text('{"version": 1, "sessions": {"bogus": {"id": "bogus"}}}')
    assert Index(datadir).rebuild().sessions == first
    datadir.index_path.unlink()
    assert Index(datadir).rebuild().sessions == first


def test_empty_data_dir(datadir):
    listing = Index(datadir).listing()
    assert listing.sessions == [] and listing.problems == []


SUMMARY_KEYS = [
    "id",
    "title",
    "series",
    "lang",
    "location",
    "created",
    "utc_offset",
    "started_at",
    "ended_at",
    "status",
    "planned_seconds",
    "used_seconds",
    "sections",
    "items",
    "counts",
    "open_actions",
    "mtime",
    "date",
    "previous",
    "actions",
    "followup",
    "unreached",
    "parking",
]


def test_summaries_are_typed_and_stored_in_the_same_json_as_before(datadir, three):
    ended, interrupted, live = three
    listing = Index(datadir).listing()
    by_id = {s.id: s for s in listing.sessions}
    assert by_id[ended].status is SessionStatus.ENDED
    assert by_id[interrupted].status is SessionStatus.INTERRUPTED
    assert by_id[live.id].status is SessionStatus.LIVE
    (action,) = by_id[ended].actions
    assert (action.ref, action.text, action.owner) == (f"{ended}#1", "报价", "张伟")
    saved = stored(datadir)
    for session_id in (ended, interrupted):
        kept = saved[session_id]
        assert list(kept) == SUMMARY_KEYS
        assert list(kept["actions"][0]) == [
            "ref",
            "text",
            "owner",
            "due",
            "criteria",
            "at",
            "section",
        ]
        assert by_id[session_id].to_dict() == kept
        assert SessionSummary.from_dict(kept) == by_id[session_id]


def test_a_cached_summary_with_a_status_this_version_does_not_know_is_rebuilt(datadir, three):
    ended, _interrupted, _live = three
    Index(datadir).listing()
    summary = stored(datadir)[ended]
    summary["status"] = "archived"
    with sqlite3.connect(datadir.index_path) as conn:
        conn.execute("UPDATE sessions SET body = ? WHERE id = ?", (json.dumps(summary), ended))
    listing = Index(datadir).listing()
    assert len(listing.problems) == 1  # the index said to be rebuilt
    assert {s.id: s for s in listing.sessions}[ended].status is SessionStatus.ENDED
