"""The session store: private files, atomic writes, damaged files kept aside, ids, and the lock."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys

import pytest
from tinydb import TinyDB

from sessions import store
from sessions.datadir import DataDir
from sessions.disk import DamagedFile, SessionLocked, StoreError, UnknownSession, write_atomic
from sessions.session import Session
from sessions.store import SCHEMA


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def started(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    session.submit("first")
    session.submit("/d second")
    session.close()
    return session.id


def test_files_are_private_and_folders_closed(datadir, agenda, clock):
    os.umask(0o022)
    session = Session.start(datadir, agenda, clock)
    try:
        session.submit("private")
        assert mode(datadir.root) == 0o700
        assert mode(datadir.sessions_dir) == 0o700
        assert mode(datadir.session_path(session.id)) == 0o600
        assert mode(datadir.sessions_dir / f"{session.id}.lock") == 0o600
    finally:
        session.close()
    folder = datadir.ensure_folder(datadir.exports_dir)
    assert mode(folder) == 0o700


def test_write_atomic_leaves_no_temp_file(tmp_path):
    target = tmp_path / "f.json"
    write_atomic(target, "{}")
    write_atomic(target, "新的内容".encode())
    assert target.read_text(encoding="utf-8") == "新的内容"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]
    assert mode(target) == 0o600


def test_no_temp_file_after_session_writes(datadir, started):
    assert sorted(p.name for p in datadir.sessions_dir.iterdir()) == [
        f"{started}.json",
        f"{started}.lock",
    ]


def test_write_atomic_failure_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "f.json"
    write_atomic(target, "old")

    def broken_replace(src, dst):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(store.os, "replace", broken_replace)
    with pytest.raises(StoreError, match="could not save") as exc:
        write_atomic(target, "new")
    monkeypatch.undo()
    assert "Input/output error" in str(exc.value) and "nothing already saved was lost" in str(
        exc.value
    )
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]  # the temp file went too


# -- damaged files ----------------------------------------------------------------------


DAMAGE = {
    "truncated": lambda good: good[: len(good) // 2],
    "garbage": lambda good: b"\x00\xff\xfe\x89PNG\r\n" * 40,
    "not a dict": lambda good: b"[1, 2, 3]",
    "a string": lambda good: b'"meeting"',
    "empty": lambda good: b"",
    "no header": lambda good: b'{"events": {}}',
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_session_is_kept_aside_and_reported(datadir, started, damage):
    path = datadir.session_path(started)
    damaged = DAMAGE[damage](path.read_bytes())
    path.write_bytes(damaged)
    with pytest.raises(DamagedFile) as exc:
        datadir.read(started)
    message = str(exc.value)
    assert "\n" not in message and started in message
    (aside,) = datadir.corrupt_files()
    assert aside.name.startswith(f"{started}.json.corrupt-")
    assert exc.value.kept_as == aside and aside.name in message
    assert aside.read_bytes() == damaged  # kept as it was, for a rescue
    assert not path.exists()
    with pytest.raises(UnknownSession):
        datadir.read(started)


def test_a_damaged_file_is_never_overwritten(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    session.close()
    path = datadir.session_path(session.id)
    path.write_bytes(b"{broken")
    with pytest.raises(DamagedFile):
        Session.resume(datadir, session.id, clock)
    path.write_bytes(b"{broken again")
    with pytest.raises(DamagedFile):
        datadir.read(session.id)
    asides = datadir.corrupt_files()
    assert sorted(p.read_bytes() for p in asides) == [b"{broken", b"{broken again"]
    assert not datadir.is_locked(session.id)


def test_a_writer_refuses_a_damaged_file(datadir, started):
    datadir.session_path(started).write_bytes(b"[]")
    with pytest.raises(DamagedFile, match="not a session file"):
        Session.resume(datadir, started, None)  # type: ignore[arg-type]
    assert len(datadir.corrupt_files()) == 1
    assert not datadir.is_locked(started)


def test_a_newer_schema_is_a_clear_error(datadir, started):
    path = datadir.session_path(started)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["1"]["schema"] = SCHEMA + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StoreError, match="newer Minutely") as exc:
        datadir.read(started)
    assert f"schema {SCHEMA + 1}" in str(exc.value) and "upgrade" in str(exc.value)
    assert path.exists() and datadir.corrupt_files() == []  # not damaged: left alone


def test_a_stale_temp_file_of_a_dead_writer_is_cleaned(datadir, started, agenda, clock):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    pid = int(dead.stdout)
    stale = datadir.sessions_dir / f".{started}.json.tmp-{pid}-abc123"
    stale.write_bytes(b'{"half a fi')
    alive = datadir.sessions_dir / f".{started}.json.tmp-1-abc123"  # pid 1 lives
    alive.write_bytes(b"{")
    mine = datadir.sessions_dir / f".{started}.json.tmp-{os.getpid()}-abc123"
    mine.write_bytes(b"{")
    session = Session.resume(datadir, started, clock)
    try:
        assert not stale.exists() and not mine.exists()
        assert alive.exists()  # another live process might still be writing it
        assert [it.text for it in session.state.items] == ["first", "second"]
    finally:
        session.close()


def test_records_read_with_events_in_order(datadir, started):
    record = datadir.read(started)
    assert record.id == started and record.meta["schema"] == SCHEMA
    assert [e["seq"] for e in record.events] == list(range(1, len(record.events) + 1))
    assert record.path == datadir.session_path(started)


# -- ids --------------------------------------------------------------------------------


def make(datadir: DataDir, session_id: str) -> None:
    datadir.ensure()
    write_atomic(datadir.session_path(session_id), '{"meta": {"1": {"schema": 1}}}')


def test_resolve(datadir):
    with pytest.raises(UnknownSession, match="no sessions yet"):
        datadir.resolve("last")
    for session_id in ("20261101-0900-aaaa", "20261201-0900-bbbb", "20261201-1400-cccc"):
        make(datadir, session_id)
    (datadir.sessions_dir / "notes.json").write_text("{}")  # not a session name
    assert datadir.session_ids() == [
        "20261201-1400-cccc",
        "20261201-0900-bbbb",
        "20261101-0900-aaaa",
    ]
    assert datadir.resolve("last") == "20261201-1400-cccc"
    assert datadir.resolve("latest") == "20261201-1400-cccc"
    assert datadir.resolve("20261201-0900-bbbb") == "20261201-0900-bbbb"
    assert datadir.resolve("202611") == "20261101-0900-aaaa"
    with pytest.raises(UnknownSession) as exc:
        datadir.resolve("20261201")
    assert "matches 2 sessions" in str(exc.value)
    with pytest.raises(UnknownSession, match="no session 'nope'"):
        datadir.resolve("nope")


def test_unknown_session_read(datadir):
    with pytest.raises(UnknownSession, match="minutely list"):
        datadir.read("20261201-0900-zzzz")


def test_new_ids_do_not_collide(datadir, clock):
    datadir.ensure()
    seen = set()
    for _ in range(50):
        session_id = datadir.new_id(clock.wall())
        make(datadir, session_id)
        seen.add(session_id)
    assert len(seen) == 50 and all(i.startswith("20261201-0900-") for i in seen)


# -- the lock ---------------------------------------------------------------------------


def test_a_second_writer_in_the_same_process_is_refused(datadir, started):
    writer = datadir.open_writer(started)
    try:
        assert datadir.is_locked(started)
        with pytest.raises(SessionLocked) as exc:
            datadir.open_writer(started)
        message = str(exc.value)
        assert "\n" not in message
        assert started in message and "open in another Minutely" in message
        assert f"process {os.getpid()}" in message
        assert f"minutely display {started}" in message
    finally:
        writer.release()
    assert not datadir.is_locked(started)
    datadir.open_writer(started).release()


def test_heartbeat_survives_in_the_lock_file(datadir, started):
    writer = datadir.open_writer(started)
    writer.heartbeat(1234.5)
    assert datadir.last_alive(started) == 1234.5
    writer.release()
    assert datadir.last_alive(started) == 1234.5
    writer = datadir.open_writer(started)  # the next writer keeps the last sign of life
    try:
        assert datadir.last_alive(started) == 1234.5
    finally:
        writer.release()
    assert datadir.last_alive("20261201-0900-none") is None


def test_release_is_idempotent(datadir, started, tmp_path):
    writer = datadir.open_writer(started)
    writer.heartbeat(5.0)
    writer.release()
    assert not writer.held and not datadir.is_locked(started)
    # The lock's descriptor number is free again and the next file opened gets it: a
    # second release must not close that file, nor a late heartbeat write into it.
    other = tmp_path / "other.txt"
    other.write_text("untouched", encoding="utf-8")
    fd = os.open(other, os.O_RDWR)
    try:
        writer.release()
        writer.heartbeat(1.0)  # after release: quietly nothing
        os.fstat(fd)  # still open
    finally:
        os.close(fd)
    assert other.read_text(encoding="utf-8") == "untouched"
    assert datadir.last_alive(started) == 5.0
    datadir.open_writer(started).release()  # the session can be opened again


def test_create_refuses_an_existing_session(datadir, started):
    writer = datadir.open_writer(started)
    try:
        with pytest.raises(StoreError, match="exists already"):
            writer.create({})
    finally:
        writer.release()


def test_the_session_file_is_plain_tinydb_json(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    try:
        for n in range(30):
            session.submit(f"/a 第 {n} 项 @张伟 due:+{n}d | 验收")
        session.edit(3, text="改过的")
        session.undo()
        session.writer.update_meta({"title": "改名的会议"})
        session.submit("after the header changed")
        text = session.writer.path.read_text(encoding="utf-8")
        data = json.loads(text)
        # byte for byte what json.dumps writes, although log entries are encoded only once
        assert text == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        assert data["meta"]["1"]["title"] == "改名的会议"
        db = TinyDB(session.writer.path, access_mode="r")
        assert len(db.table("events")) == len(datadir.read(session.id).events)
        db.close()
    finally:
        session.close()


def test_a_liveness_probe_never_makes_the_writer_lock_fail(datadir):
    """The room display and the index probe the lock many times a second; a writer must still get it."""
    import threading

    session_id = "20261201-0900-abcd"
    datadir.open_writer(session_id).release()
    stop = threading.Event()
    probes: list[bool] = []
    failures: list[BaseException] = []

    def probe() -> None:
        try:
            while not stop.is_set():
                probes.append(datadir.is_locked(session_id))
        except BaseException as exc:  # reported by the test, not lost in the thread
            failures.append(exc)

    prober = threading.Thread(target=probe)
    prober.start()
    try:
        for _ in range(200):
            datadir.open_writer(session_id).release()
    finally:
        stop.set()
        prober.join()
    assert failures == []
    assert probes  # the probe did run while the writer locked and unlocked
    assert not datadir.is_locked(session_id)
