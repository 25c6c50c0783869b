"""What a failing disk, a vanished file or a released lock must never do to a session."""

from __future__ import annotations

import errno
import os

import pytest

import sessions.datadir as datadir_module
import sessions.disk as disk
import sessions.store as store
from sessions.catalog import Catalog
from sessions.disk import DamagedFile, SessionLocked, StoreError, UnknownSession
from sessions.index import Index
from sessions.session import Session
from sessions.state import replay_record


def on_disk(session: Session):
    record = session.writer.datadir.read(session.id)
    return replay_record(record)


def fail_writes(monkeypatch, after: int = 0) -> None:
    """The disk fills up after `after` more whole-file writes."""
    real = store.write_atomic
    left = [after]

    def write(path, content):
        if left[0] <= 0:
            raise disk.disk_error(path, OSError(errno.ENOSPC, "No space left on device"))
        left[0] -= 1
        real(path, content)

    monkeypatch.setattr(store, "write_atomic", write)


def test_a_folder_flush_failing_after_the_replace_is_not_a_lost_write(
    datadir, agenda, clock, monkeypatch
):
    session = Session.start(datadir, agenda, clock)
    session.submit("first")

    def broken(_folder) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(disk, "fsync_path", broken)
    item = session.submit("second").item  # the replace happened: this is saved
    assert item is not None and item.id == 2
    monkeypatch.undo()
    session.submit("third")
    session.close()
    again = on_disk(session)
    assert [(it.id, it.text) for it in again.items] == [(1, "first"), (2, "second"), (3, "third")]
    seqs = [e["seq"] for e in datadir.read(session.id).events]
    assert seqs == sorted(set(seqs))


def test_a_defer_that_cannot_be_saved_changes_nothing(datadir, agenda, clock, monkeypatch):
    session = Session.start(datadir, agenda, clock)
    fail_writes(monkeypatch)
    with pytest.raises(StoreError):
        session.defer()
    monkeypatch.undo()
    for state in (session.state, on_disk(session)):
        assert state.order == [0, 1, 2, 3, 4] and state.current == 0
    session.next()  # the meeting goes on as if nothing happened
    assert session.state.current == 1
    session.close()


def test_a_speaker_who_arrives_and_speaks_is_one_write(datadir, agenda, clock, monkeypatch):
    session = Session.start(
        datadir, agenda, clock, attendance={"王磊": "present", "陈静": "absent"}
    )
    fail_writes(monkeypatch)
    with pytest.raises(StoreError):
        session.set_speaker("陈静")
    monkeypatch.undo()
    for state in (session.state, on_disk(session)):
        assert state.attendance["陈静"].status == "absent" and state.speaker is None
    session.close()


def test_a_start_that_cannot_be_saved_leaves_nothing_behind(datadir, agenda, clock, monkeypatch):
    fail_writes(monkeypatch)
    with pytest.raises(StoreError):
        Session.start(datadir, agenda, clock, checklist={0: True})
    monkeypatch.undo()
    assert datadir.session_ids() == []
    assert not list(datadir.sessions_dir.glob("*.lock"))
    assert Index(datadir).listing().sessions == []


def test_a_start_is_one_write_with_its_opening_events(datadir, agenda, clock, monkeypatch):
    writes = []
    real = store.write_atomic
    monkeypatch.setattr(store, "write_atomic", lambda p, c: (writes.append(p), real(p, c)))
    session = Session.start(datadir, agenda, clock, checklist={0: True, 1: False})
    assert writes == [session.writer.path]
    kinds = [e["type"] for e in datadir.read(session.id).events]
    assert kinds == ["attendance"] * 5 + ["checklist", "checklist", "started"]
    session.close()


def test_a_file_moved_away_under_a_writer_is_not_brought_back_headless(
    datadir, agenda, clock, monkeypatch
):
    session = Session.start(datadir, agenda, clock)
    session.submit("kept")
    fail_writes(monkeypatch)
    with pytest.raises(StoreError):
        session.submit("lost to a full disk")
    monkeypatch.undo()
    moved = session.writer.path.with_name("elsewhere.json")
    os.replace(session.writer.path, moved)
    with pytest.raises(UnknownSession):
        session.submit("after the move")
    assert not session.writer.path.exists()
    session.close()


def test_nothing_is_written_once_the_lock_is_released(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    session.close()
    with pytest.raises(SessionLocked):
        session.submit("after closing")
    assert [it.text for it in on_disk(session).items] == []


def test_a_lock_that_cannot_be_written_is_not_held(datadir, agenda, clock, monkeypatch):
    session = Session.start(datadir, agenda, clock)
    session.close()

    def full(_fd, _length) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "ftruncate", full)
    with pytest.raises(StoreError, match="disk is full"):
        Session.resume(datadir, session.id, clock)
    monkeypatch.undo()
    assert not datadir.is_locked(session.id)
    Session.resume(datadir, session.id, clock).close()


def test_is_locked_answers_no_for_a_lock_file_that_is_gone(datadir):
    assert datadir.is_locked("20261201-0900-zzzz") is False


def test_a_reader_leaves_a_damaged_file_alone_while_a_writer_holds_it(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    session.writer.path.write_text("{broken", encoding="utf-8")
    with pytest.raises(DamagedFile):
        datadir.read(session.id)
    assert session.writer.path.exists() and not datadir.corrupt_files()
    session.submit("the writer's next write replaces it whole")
    assert [it.text for it in on_disk(session).items] == [
        "the writer's next write replaces it whole"
    ]
    session.close()


def test_listing_while_a_meeting_is_live_rewrites_only_that_meeting(
    datadir, agenda, clock, monkeypatch
):
    ended = Session.start(datadir, agenda, clock)
    ended.end()
    ended.close()
    live = Session.start(datadir, agenda, clock)
    index = Index(datadir)
    index.listing()
    stored: list[str] = []
    real_store = Catalog.store

    def store(self, entries):
        stored.extend(e.session for e in entries)
        return real_store(self, entries)

    monkeypatch.setattr(Catalog, "store", store)
    for n in range(3):
        live.submit(f"note {n}")
        listing = index.listing()
        by_id = {s.id: s for s in listing.sessions}
        assert by_id[live.id].status == "live" and by_id[live.id].items == n + 1
    assert stored == [live.id] * 3
    live.close()


def test_delete_holds_the_session_so_no_resume_opens_it_half_moved(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    session.submit("kept in the trash")
    with pytest.raises(StoreError, match="is open in another Minutely"):
        Index(datadir).trash(session.id)
    session.close()
    moved = Index(datadir).trash(session.id)
    assert moved.exists() and not session.writer.path.exists()
    assert session.writer.lock_path.exists()  # unlinking it would let two writers in
    with pytest.raises(UnknownSession):
        Session.resume(datadir, session.id, clock)
    assert not datadir.session_path(session.id).exists()


def test_a_damaged_actions_ledger_is_reported_on_every_load(datadir, agenda, clock):
    from sessions.actions import LEDGER_NAME, load_actions

    session = Session.start(datadir, agenda, clock)
    session.submit("/a 跟进报价 @张伟")
    session.end()
    session.close()
    (datadir.root / LEDGER_NAME).write_text("{not json", encoding="utf-8")
    first = load_actions(datadir)
    assert len(first.problems) == 1 and "damaged" in first.problems[0]
    for _ in range(2):
        again = load_actions(datadir)
        assert len(again.problems) == 1 and "kept aside" in again.problems[0]


def test_the_start_sweep_removes_dead_writers_temp_files_everywhere(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    session.close()
    dead = 2**22 + 12345  # no such process
    left = [
        datadir.sessions_dir / f".{session.id}.json.tmp-{dead}-abc123",
        datadir.root / f".index.json.tmp-{dead}-abc123",
        datadir.root / f".actions.json.tmp-{dead}-abc123",
    ]
    (datadir.root / "series").mkdir(exist_ok=True)
    left.append(datadir.root / "series" / f".catalog.json.tmp-{dead}-abc123")
    mine = datadir.root / f".index.json.tmp-{os.getppid()}-abc123"  # a living writer's
    for path in [*left, mine]:
        path.write_text("partial", encoding="utf-8")
    datadir.clean_temps()
    assert [p for p in left if p.exists()] == []
    assert mine.exists()


def test_a_meeting_starts_even_when_the_series_history_cannot_be_read(
    datadir, agenda, clock, monkeypatch
):
    import sessions.followup
    from sessions.start import start_session

    def broken(*_args, **_kwargs):
        raise StoreError("index unreadable")

    monkeypatch.setattr(sessions.followup, "carried_for", broken)
    session = start_session(datadir, agenda, clock, "zh", attendance=None)
    assert session.state.started_at is not None and session.state.carried == []
    session.close()


def test_data_folders_made_by_someone_else_keep_their_mode_and_are_warned_about_once(
    datadir, agenda, clock, capsys, monkeypatch
):
    monkeypatch.setattr(datadir_module, "_WARNED_OPEN", set())
    folders = (datadir.root, datadir.sessions_dir, datadir.exports_dir, datadir.trash_dir)
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o755)
    session = Session.start(datadir, agenda, clock)
    session.end()
    session.close()
    from sessions.minutes import write_minutes

    write_minutes(datadir, session.id, "zh")
    Index(datadir).trash(session.id)
    for folder in folders:
        assert folder.stat().st_mode & 0o777 == 0o755, folder
    warnings = capsys.readouterr().err.splitlines()
    assert sorted(warnings) == sorted(
        f"minutely: warning: {folder} can be read by other users (mode 755); "
        "the session files in it stay private (0600)"
        for folder in folders
    )
    assert (datadir.trash_dir / f"{session.id}.json").stat().st_mode & 0o777 == 0o600
