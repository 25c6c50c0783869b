"""The index's lookup of one series: the same summaries as the full listing, without reading it."""

from __future__ import annotations

import dataclasses

import pytest

from sessions.catalog import Catalog
from sessions.followup import series_history
from sessions.index import Index
from sessions.session import Session


def _meeting(datadir, agenda, clock, line, *, end=True):
    session = Session.start(datadir, agenda, clock)
    clock.advance(60)
    session.submit(line)
    if end:
        session.end()
    session.close()
    clock.advance(86400)
    return session


@pytest.fixture
def other(agenda):
    meeting = dataclasses.replace(agenda.meeting, series="weekly-east", title="East weekly")
    return dataclasses.replace(agenda, meeting=meeting)


@pytest.fixture
def history(datadir, agenda, other, clock):
    _meeting(datadir, agenda, clock, "/a 整理客户名单 @张伟")
    _meeting(datadir, other, clock, "/a Call the dealer")
    _meeting(datadir, agenda, clock, "/d 回款周期改为 45 天")
    return datadir


def series_of(datadir, series):
    return [e for e in Index(datadir).listing().sessions if e.series == series]


def test_the_same_summaries_as_the_listing(history, agenda):
    series = agenda.meeting.series
    assert Index(history).series_sessions(series) == series_of(history, series)
    # again, from the index alone
    found = Index(history).series_sessions(series)
    assert [e.id for e in found] == [e.id for e in series_of(history, series)]
    assert len(found) == 2 and found[0].started_at > found[1].started_at


def test_new_changed_and_removed_sessions_are_seen(history, agenda, other, clock):
    series = agenda.meeting.series
    Index(history).series_sessions(series)  # caches written
    newest = _meeting(history, agenda, clock, "/q 华南的目标谁来定?", end=False)
    _meeting(history, other, clock, "/i 东区试点")
    found = Index(history).series_sessions(series)
    assert found[0].id == newest.id and found[0].status == "interrupted"
    assert found == series_of(history, series)

    session = Session.resume(history, newest.id, clock)
    session.submit("/a 定目标 @张伟")
    found = Index(history).series_sessions(series)
    assert found[0].status == "live" and len(found[0].actions) == 1
    session.end()
    session.close()
    assert Index(history).series_sessions(series)[0].status == "ended"

    Index(history).trash(newest.id)
    assert newest.id not in [e.id for e in Index(history).series_sessions(series)]
    assert Index(history).series_sessions(other.meeting.series) == series_of(
        history, other.meeting.series
    )


def test_a_start_reads_and_writes_only_the_new_session(history, agenda, clock, monkeypatch):
    series = agenda.meeting.series
    Index(history).series_sessions(series)
    newest = _meeting(history, agenda, clock, "新的一次")
    stored: list[str] = []
    real_store = Catalog.store

    def store(self, entries):
        stored.extend(e.session for e in entries)
        return real_store(self, entries)

    monkeypatch.setattr(Catalog, "store", store)
    read: list[str] = []
    real_read = history.read
    monkeypatch.setattr(history, "read", lambda sid: read.append(sid) or real_read(sid))
    assert len(Index(history).series_sessions(series)) == 3
    assert stored == read == [newest.id]


def test_the_caches_of_earlier_versions_are_removed(history, agenda):
    history.index_path.unlink(missing_ok=True)
    (history.root / "index.json").write_text("{}")
    (history.root / "search.json").write_text("{}")
    (history.root / "series").mkdir()
    (history.root / "series" / "catalog.json").write_text("{}")
    assert len(Index(history).series_sessions(agenda.meeting.series)) == 2
    assert not [
        p.name for p in history.root.iterdir() if p.name in ("index.json", "search.json", "series")
    ]


def _reads(datadir, monkeypatch) -> list[str]:
    read: list[str] = []
    real_read = datadir.read
    monkeypatch.setattr(datadir, "read", lambda sid: read.append(sid) or real_read(sid))
    return read


def test_a_start_reads_only_its_series_and_the_files_never_indexed(
    history, agenda, other, clock, monkeypatch
):
    weekly = _meeting(history, other, clock, "/i 东区试点", end=False)
    Index(history).listing()  # every session indexed, as the last command left it
    session = Session.resume(history, weekly.id, clock)  # changed since, another series
    session.submit("/a 东区补货 @陈静")
    session.close()
    unseen = _meeting(history, other, clock, "/i 还没进索引")  # a file never indexed
    read = _reads(history, monkeypatch)
    carried, previous, _topics = series_history(history, agenda, clock.wall().date())
    assert read == [unseen.id]  # read to learn its series; the changed weekly one is not
    assert [c.text for c in carried] == ["整理客户名单"]
    assert previous == series_of(history, agenda.meeting.series)[0].id


def test_a_start_sees_its_series_changed_on_disk(history, agenda, clock):
    latest = _meeting(history, agenda, clock, "第三次", end=False)
    series_history(history, agenda, clock.wall().date())
    session = Session.resume(history, latest.id, clock)  # as another process would
    session.submit("/a 补签合同 @陈静")
    session.end()
    session.close()
    carried, previous, _topics = series_history(history, agenda, clock.wall().date())
    assert [c.text for c in carried] == ["整理客户名单", "补签合同"]
    assert previous == latest.id
