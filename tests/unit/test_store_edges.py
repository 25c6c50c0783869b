"""The store's edges found by the mutation pass: exact error wording, aside names, `last` within a minute, liveness."""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import signal
import subprocess
import sys

import pytest

from agendas.model import Agenda, Meeting, Section
from sessions import datadir as datadir_module
from sessions import disk, store
from sessions.datadir import DataDir
from sessions.disk import (
    SessionLocked,
    StoreError,
    UnknownSession,
    keep_aside,
    read_file,
    write_atomic,
)
from sessions.events import Paused, Resumed
from sessions.i18n import error_text
from sessions.session import Session

# The smallest header a session file may have: its title and its agenda.
HEADER = {
    "title": "t",
    "agenda": Agenda(Meeting(title="t"), (), (Section("s", 60),)).to_dict(),
}


def failing_write(monkeypatch, exc: OSError) -> None:
    def refuse(fd, data):
        raise exc

    monkeypatch.setattr(store.os, "write", refuse)


# -- errors say which file and why ---------------------------------------------------------


def test_a_full_disk_names_the_file(tmp_path, monkeypatch):
    target = tmp_path / "s.json"
    failing_write(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(StoreError) as failed:
        write_atomic(target, "{}")
    assert str(failed.value) == (
        f"{target}: the disk is full; nothing already saved was lost. Free space and go on."
    )
    assert error_text(failed.value, "zh").startswith(f"{target}：磁盘已满")


def test_a_failed_save_names_the_file_and_the_cause(tmp_path, monkeypatch):
    target = tmp_path / "s.json"
    failing_write(monkeypatch, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(StoreError) as failed:
        write_atomic(target, "{}")
    assert str(failed.value) == (
        f"{target}: could not save (Input/output error); nothing already saved was lost."
    )
    assert error_text(failed.value, "zh") == (
        f"{target}：无法保存（Input/output error）；已保存的内容都没有丢失。"
    )


def test_a_failed_save_without_an_errno_still_says_why(tmp_path, monkeypatch):
    target = tmp_path / "s.json"
    failing_write(monkeypatch, OSError("the device went away"))
    with pytest.raises(StoreError) as failed:
        write_atomic(target, "{}")
    assert "(the device went away)" in str(failed.value)


def test_an_unreadable_session_names_the_file_and_the_cause(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    session.close()
    path = datadir.session_path(session.id)
    path.unlink()
    path.mkdir()  # still there, but cannot be read as a file
    with pytest.raises(StoreError) as failed:
        datadir.read(session.id)
    assert str(failed.value) == f"{path}: cannot read (Is a directory)"
    assert error_text(failed.value, "zh") == f"{path}：无法读取（Is a directory）"


def test_a_missing_session_is_named(datadir):
    with pytest.raises(UnknownSession) as failed:
        datadir.read("20261201-0900-zzzz")
    assert str(failed.value) == "no session '20261201-0900-zzzz'; `minutely list` shows them"
    assert "'20261201-0900-zzzz'" in error_text(failed.value, "zh")


def test_a_session_moved_aside_by_another_reader_meanwhile_is_unknown(datadir, monkeypatch):
    datadir.ensure()
    session_id = "20261201-0900-abcd"
    write_atomic(datadir.session_path(session_id), '{"events": {}}')  # JSON, but no header

    def beaten_to_it(path):
        path.unlink()  # the other reader moved it first
        raise FileNotFoundError(errno.ENOENT, "No such file or directory")

    monkeypatch.setattr(datadir_module, "keep_aside", beaten_to_it)
    with pytest.raises(UnknownSession) as failed:
        datadir.read(session_id)
    assert str(failed.value) == f"no session {session_id!r}; `minutely list` shows them"
    assert session_id in error_text(failed.value, "zh")


# -- damaged files kept aside --------------------------------------------------------------


def test_an_aside_name_carries_the_time_it_was_found(tmp_path):
    damaged = tmp_path / "s.json"
    damaged.write_text("{")
    aside = keep_aside(damaged)
    assert re.fullmatch(r"s\.json\.corrupt-\d{8}-\d{6}", aside.name), aside.name
    assert aside.read_text() == "{" and not damaged.exists()


def test_damage_found_twice_in_one_second_keeps_every_copy(tmp_path, monkeypatch):
    monkeypatch.setattr(disk, "_now_stamp", lambda: "20261201-090000")
    damaged = tmp_path / "s.json"
    names = []
    for n in range(3):
        damaged.write_text(f"copy {n}")
        names.append(keep_aside(damaged).name)
    assert names == [
        "s.json.corrupt-20261201-090000",
        "s.json.corrupt-20261201-090000-2",
        "s.json.corrupt-20261201-090000-3",
    ]
    assert [(tmp_path / name).read_text() for name in names] == ["copy 0", "copy 1", "copy 2"]


# -- the writer's lock file ----------------------------------------------------------------


def test_giving_up_a_session_already_written_keeps_its_lock_file(datadir):
    writer = datadir.open_writer("20261201-0900-abcd")
    writer.create({"title": "born"})
    writer.discard_if_unborn()
    assert not writer.held
    assert writer.lock_path.exists()  # unlinking it would let two writers in
    assert datadir.session_path("20261201-0900-abcd").exists()


def test_giving_up_an_unborn_session_whose_lock_file_is_gone_is_quiet(datadir):
    writer = datadir.open_writer("20261201-0900-abcd")
    writer.lock_path.unlink()
    writer.discard_if_unborn()
    assert not writer.held


def test_a_heartbeat_keeps_the_writers_pid_first(datadir):
    writer = datadir.open_writer("20261201-0900-abcd")
    try:
        writer.heartbeat(12.5)
        assert writer.lock_path.read_bytes().split() == [str(os.getpid()).encode(), b"12.500"]
        assert datadir.last_alive(writer.id) == 12.5
    finally:
        writer.release()


def test_a_heartbeat_that_cannot_be_written_does_not_stop_the_meeting(datadir, monkeypatch):
    writer = datadir.open_writer("20261201-0900-abcd")

    def full(fd, data, offset):
        raise OSError(errno.ENOSPC, "No space left on device")

    try:
        monkeypatch.setattr(store.os, "pwrite", full)
        writer.heartbeat(30.0)  # no exception
        assert writer.held
    finally:
        monkeypatch.undo()
        writer.release()


# -- `last` within one minute ----------------------------------------------------------------


def test_last_is_the_meeting_started_latest_within_a_minute(datadir, agenda, clock, monkeypatch):
    suffixes = iter(["ffff", "0000"])  # the later meeting's id sorts first otherwise
    real = secrets.token_hex
    monkeypatch.setattr(secrets, "token_hex", lambda n=None: next(suffixes) if n == 2 else real(n))
    earlier = Session.start(datadir, agenda, clock)
    earlier.close()
    clock.advance(20)
    later = Session.start(datadir, agenda, clock)
    later.close()
    assert (earlier.id, later.id) == ("20261201-0900-ffff", "20261201-0900-0000")
    assert datadir.session_ids()[0] == earlier.id
    assert datadir.resolve("last") == later.id
    # A damaged one of that minute counts as the earliest and does not stop `last`.
    datadir.session_path(earlier.id).write_text("{")
    assert datadir.resolve("last") == later.id


def test_an_ambiguous_prefix_lists_five_of_the_matches(datadir):
    datadir.ensure()
    ids = [f"20261201-0900-000{n}" for n in range(6)]
    for session_id in ids:
        write_atomic(datadir.session_path(session_id), '{"meta": {"1": {"schema": 1}}}')
    with pytest.raises(UnknownSession) as failed:
        datadir.resolve("20261201")
    listed = ", ".join(sorted(ids, reverse=True)[:5])
    assert str(failed.value) == f"'20261201' matches 6 sessions: {listed}"
    assert listed in error_text(failed.value, "zh")


# -- temp files of writers still alive -------------------------------------------------------


def test_a_live_writers_temp_file_is_kept_and_the_writer_left_alone(datadir, monkeypatch):
    datadir.ensure()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    sent: list[tuple[int, int]] = []
    real = os.kill

    def recording(pid: int, sig: int) -> None:
        sent.append((pid, sig))
        real(pid, sig)

    try:
        busy = datadir.sessions_dir / f".20261201-0900-abcd.json.tmp-{child.pid}-abc123"
        busy.write_bytes(b"{")
        monkeypatch.setattr(store.os, "kill", recording)
        datadir.clean_temps()
        monkeypatch.undo()
        assert busy.exists()
        assert sent == [(child.pid, 0)]  # asking whether it lives sends it nothing
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()


def test_a_temp_file_of_another_users_live_process_is_kept(datadir, monkeypatch):
    datadir.ensure()
    theirs = datadir.sessions_dir / ".20261201-0900-abcd.json.tmp-424242-abc123"
    theirs.write_bytes(b"{")

    def not_yours(pid, sig):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(store.os, "kill", not_yours)
    DataDir(datadir.root).clean_temps()
    assert theirs.exists()


# -- writes ------------------------------------------------------------------------------------


def test_every_write_is_flushed_to_disk_with_its_folder(tmp_path, monkeypatch):
    synced: list[str] = []
    real = os.fsync

    def recording(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(store.os, "fsync", recording)
    target = tmp_path / "s.json"
    write_atomic(target, "{}")
    assert len(synced) == 2
    assert ".tmp-" in synced[0] and synced[1] == str(tmp_path)
    synced.clear()
    write_atomic(tmp_path / "cache.json", "{}", durable=False)  # a rebuildable cache
    assert synced == []


def test_a_write_the_kernel_takes_in_pieces_is_whole(tmp_path, monkeypatch):
    real = os.write
    monkeypatch.setattr(store.os, "write", lambda fd, data: real(fd, bytes(data[:7])))
    target = tmp_path / "s.json"
    content = '{"note": "华东区本月回款率 92%，比上月高 3 个点"}'
    write_atomic(target, content)
    assert target.read_text(encoding="utf-8") == content


def test_a_temp_file_that_cannot_be_made_is_a_worded_error(tmp_path, monkeypatch):
    real = os.open

    def refuse(path, flags, mode=0o777, **kw):
        if ".tmp-" in str(path):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, flags, mode, **kw)

    monkeypatch.setattr(store.os, "open", refuse)
    target = tmp_path / "s.json"
    with pytest.raises(StoreError) as failed:
        write_atomic(target, "{}")
    assert str(failed.value).startswith(f"{target}: the disk is full")


def test_a_capture_after_the_first_costs_no_read(datadir, agenda, clock, monkeypatch):
    session = Session.start(datadir, agenda, clock)
    try:
        session.submit("the file is read at most once")
        reads: list[object] = []
        real = store.read_json_file
        monkeypatch.setattr(
            store, "read_json_file", lambda *a, **k: reads.append(a) or real(*a, **k)
        )
        for n in range(3):
            session.submit(f"note {n}")
        assert reads == []
    finally:
        session.close()


def test_a_writer_that_only_read_does_not_bring_back_a_moved_file(
    datadir, agenda, clock, monkeypatch
):
    session = Session.start(datadir, agenda, clock)
    session.close()
    writer = datadir.open_writer(session.id)
    try:
        writer.read()

        def full(path, content, durable=True):
            raise StoreError(key="err.disk_full", path=str(path))

        monkeypatch.setattr(store, "write_atomic", full)
        with pytest.raises(StoreError):
            writer.append(Paused(seq=99, at=1.0))
        monkeypatch.undo()
        writer.path.rename(writer.path.with_name("elsewhere.json"))
        with pytest.raises(UnknownSession) as failed:
            writer.append(Paused(seq=100, at=2.0))
        assert str(failed.value) == (
            f"{writer.path} was moved away while open; nothing more is written to it"
        )
        assert not writer.path.exists()
    finally:
        writer.release()


def test_a_new_session_file_numbers_its_events_from_one(datadir):
    from tinydb import TinyDB

    writer = datadir.open_writer("20261201-0900-abcd")
    try:
        writer.create({"title": "t"}, [Paused(seq=1, at=1.0), Resumed(seq=2, at=2.0)])
    finally:
        writer.release()
    db = TinyDB(writer.path, access_mode="r")
    try:
        assert [doc.doc_id for doc in db.table("events").all()] == [1, 2]
        assert db.table("events").get(doc_id=1)["type"] == "paused"
    finally:
        db.close()


# -- the writer's own errors -----------------------------------------------------------------


def test_a_writer_says_which_session_it_cannot_write(datadir):
    writer = datadir.open_writer("20261201-0900-abcd")
    with pytest.raises(UnknownSession) as failed:
        writer.read()  # never created
    assert str(failed.value) == "no session 20261201-0900-abcd"
    assert error_text(failed.value, "zh") == "没有会议 20261201-0900-abcd"
    writer.create(HEADER)
    with pytest.raises(StoreError) as failed:
        writer.create({**HEADER, "title": "again"})
    assert str(failed.value) == "session 20261201-0900-abcd exists already"
    record = writer.read()
    assert record.path == writer.path and isinstance(record.mtime, float)
    writer.release()
    with pytest.raises(StoreError) as failed:
        writer.append(Paused(seq=1, at=1.0))
    assert str(failed.value) == (
        "session 20261201-0900-abcd was closed here; resume it to write to it again"
    )
    assert error_text(failed.value, "zh").startswith("会议 20261201-0900-abcd 已在此关闭")


def test_a_release_that_fails_is_quiet(datadir, monkeypatch):
    writer = datadir.open_writer("20261201-0900-abcd")

    def gone(fd, op):
        raise OSError(errno.EBADF, "Bad file descriptor")

    monkeypatch.setattr(store.fcntl, "flock", gone)
    writer.release()
    assert not writer.held


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[1, 2, 3]", "is not a session file"),
        (b'{"events": {}}', "has no session header"),
        (b'{"meta": {"1": {"schema": "1"}}}', "has no session header"),
    ],
)
def test_a_file_that_is_no_session_says_why(datadir, content, message):
    datadir.ensure()
    path = datadir.session_path("20261201-0900-abcd")
    path.write_bytes(content)
    with pytest.raises(store.DamagedFile) as failed:
        datadir.read("20261201-0900-abcd")
    aside = failed.value.kept_as
    assert str(failed.value) == f"{path.name} {message}; kept aside as {aside.name}"


def test_a_writer_opening_a_file_that_is_no_session_keeps_it_aside(datadir):
    datadir.ensure()
    path = datadir.session_path("20261201-0900-abcd")
    path.write_bytes(b"[1, 2, 3]")
    writer = datadir.open_writer("20261201-0900-abcd")
    try:
        with pytest.raises(store.DamagedFile) as failed:
            writer.read()
        assert (
            failed.value.kept_as is not None and failed.value.kept_as.read_bytes() == b"[1, 2, 3]"
        )
        assert failed.value.kept_as.name in str(failed.value)
    finally:
        writer.release()


# -- ids, folders, the lock ---------------------------------------------------------------------


def test_a_new_id_never_takes_one_in_use(datadir, clock, monkeypatch):
    datadir.ensure()
    write_atomic(datadir.session_path("20261201-0900-aaaa"), "{}")
    suffixes = iter(["aaaa", "bbbb"])
    monkeypatch.setattr(secrets, "token_hex", lambda n=None: next(suffixes))
    assert datadir.new_id(clock.wall()) == "20261201-0900-bbbb"


def test_a_data_folder_is_made_with_its_parents_and_private(tmp_path):
    datadir = DataDir(tmp_path / "not" / "there" / "yet")
    datadir.ensure()
    assert datadir.sessions_dir.is_dir()
    assert os.stat(datadir.root).st_mode & 0o777 == 0o700


def test_a_data_folder_that_cannot_be_made_says_why(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    datadir = DataDir(blocker / "data")
    with pytest.raises(StoreError) as failed:
        datadir.ensure()
    assert str(failed.value) == f"{datadir.root}: cannot create the data folder (Not a directory)"
    assert str(datadir.root) in error_text(failed.value, "zh")


def test_a_lock_file_that_cannot_be_opened_names_it(datadir, monkeypatch):
    datadir.ensure()
    real = os.open

    def refuse(path, flags, mode=0o777, **kw):
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(path, flags, mode, **kw)

    monkeypatch.setattr(store.os, "open", refuse)
    lock = datadir.lock_path("20261201-0900-abcd")
    with pytest.raises(StoreError) as failed:
        datadir.acquire_lock("20261201-0900-abcd")
    assert str(failed.value) == (
        f"{lock}: could not save (Permission denied); nothing already saved was lost."
    )


def test_a_lock_file_that_cannot_be_written_names_it(datadir, monkeypatch):
    datadir.ensure()

    def full(fd, length):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.os, "ftruncate", full)
    lock = datadir.lock_path("20261201-0900-abcd")
    with pytest.raises(StoreError) as failed:
        datadir.acquire_lock("20261201-0900-abcd")
    assert str(failed.value).startswith(f"{lock}: the disk is full")


def test_a_lock_held_by_a_process_that_left_no_pid_says_so(datadir):
    datadir.ensure()
    lock = datadir.lock_path("20261201-0900-abcd")
    lock.write_bytes(b"")
    fd = os.open(lock, os.O_RDWR)
    store.fcntl.flock(fd, store.fcntl.LOCK_EX)
    try:
        with pytest.raises(store.SessionLocked) as failed:
            DataDir(datadir.root).acquire_lock("20261201-0900-abcd")
        assert "open in another program" in str(failed.value)
        assert "process" not in str(failed.value)  # no pid to give
    finally:
        os.close(fd)


def test_taking_a_held_lock_waits_a_moment_in_short_steps(datadir, monkeypatch):
    holder = datadir.acquire_lock("20261201-0900-abcd")
    now = [1000.0]
    naps: list[float] = []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        now[0] += seconds

    fake_time = type(
        "FakeTime", (), {"monotonic": staticmethod(lambda: now[0]), "sleep": staticmethod(sleep)}
    )
    monkeypatch.setattr(datadir_module, "time", fake_time)
    try:
        with pytest.raises(SessionLocked):
            DataDir(datadir.root).acquire_lock("20261201-0900-abcd")
    finally:
        os.close(holder)
    assert set(naps) == {0.01}
    assert 0.29 <= sum(naps) <= 0.35  # patience of about 0.3 s


@pytest.mark.parametrize(("content", "beat"), [(b"\xff\xfe 12.5\n", 12.5), (b"4242 soon\n", None)])
def test_a_lock_file_with_garbage_still_reads(datadir, content, beat):
    datadir.ensure()
    datadir.lock_path("20261201-0900-abcd").write_bytes(content)
    assert datadir.last_alive("20261201-0900-abcd") == beat
    assert (datadir.last_alive("20261201-0900-abcd") is None) == (beat is None)


def test_a_temp_file_swept_by_someone_else_meanwhile_is_no_error(datadir, monkeypatch):
    datadir.ensure()
    stale = datadir.sessions_dir / ".20261201-0900-abcd.json.tmp-424242-abc123"
    stale.write_bytes(b"{")

    def swept_meanwhile(pid: int) -> bool:
        stale.unlink()
        return False

    monkeypatch.setattr(datadir_module, "_alive", swept_meanwhile)
    datadir.clean_temps()
    assert not stale.exists()


def session_file(datadir: DataDir, session_id: str, *ats: float) -> None:
    events = {str(n): {"seq": n, "type": "paused", "at": at} for n, at in enumerate(ats, 1)}
    write_atomic(
        datadir.session_path(session_id),
        json.dumps({"meta": {"1": {"schema": 1, **HEADER}}, "events": events}),
    )


def test_last_compares_start_times_only_within_the_newest_minute(datadir):
    datadir.ensure()
    session_file(datadir, "20261201-1000-0000", 1_764_583_200.0)
    session_file(datadir, "20261201-0900-aaaa", 1_764_579_600.0)
    session_file(datadir, "20261201-0900-bbbb", 1_764_579_630.0)
    assert datadir.resolve("last") == "20261201-1000-0000"


def test_last_within_a_minute_copes_with_short_and_empty_logs(datadir):
    datadir.ensure()
    session_file(datadir, "20261201-0900-aaaa", 1_764_579_650.0)  # one event, started last
    session_file(datadir, "20261201-0900-bbbb", 1_764_579_610.0, 1_764_579_900.0)
    session_file(datadir, "20261201-0900-cccc")  # a header and nothing else
    assert datadir.resolve("last") == "20261201-0900-aaaa"


def test_a_damaged_file_a_writer_holds_is_reported_and_left_in_place(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    try:
        path = datadir.session_path(session.id)
        path.write_text("{", encoding="utf-8")
        with pytest.raises(store.DamagedFile) as failed:
            datadir.read(session.id)
        assert str(failed.value) == f"{path.name} is damaged (JSONDecodeError)"
        assert path.exists() and failed.value.kept_as is None
    finally:
        session.close()


def test_a_read_error_without_an_errno_still_says_why(tmp_path, monkeypatch):
    target = tmp_path / "s.json"
    target.write_text("{}")

    def broken(path):
        raise OSError("the network share went away")

    monkeypatch.setattr(disk, "read_file", broken)
    with pytest.raises(StoreError) as failed:
        store.read_json_file(target)
    assert str(failed.value) == f"{target}: cannot read (the network share went away)"


def test_the_app_wide_sweep_keeps_a_temp_file_of_this_very_process(datadir):
    """The app sweeps every folder from a worker thread while its own writes go on: a temp
    file named with this process's id is a write in flight, not a leftover, and is kept. The
    sweep of one session (at resume, under its lock) still takes it."""
    datadir.ensure()
    in_flight = datadir.sessions_dir / f".20261201-0900-abcd.json.tmp-{os.getpid()}-abc123"
    in_flight.write_bytes(b"{")
    datadir.clean_temps()
    assert in_flight.exists()
    datadir.clean_temps("20261201-0900-abcd")
    assert not in_flight.exists()


@pytest.mark.parametrize("size", [0, 1, 4095, 65536, 65537, 300_000])
def test_a_file_is_read_whole_with_the_status_it_was_opened_with(tmp_path, size):
    path = tmp_path / "f.json"
    content = os.urandom(size)
    path.write_bytes(content)
    raw, status = read_file(path)
    assert raw == content
    assert (status.st_ino, status.st_size, status.st_mtime_ns) == (
        path.stat().st_ino,
        size,
        path.stat().st_mtime_ns,
    )


def test_a_file_that_grew_after_its_status_was_taken_is_still_read_to_its_end(
    tmp_path, monkeypatch
):
    path = tmp_path / "f.json"
    content = b"x" * 200_000
    path.write_bytes(content)
    real = os.fstat

    def smaller(fd: int) -> os.stat_result:
        was = real(fd)
        return os.stat_result((*was[:6], 10, *was[7:]))  # st_size as it was before it grew

    monkeypatch.setattr(os, "fstat", smaller)
    assert read_file(path)[0] == content


def test_a_session_read_is_dated_by_the_file_it_read(tmp_path, agenda, clock):
    datadir = DataDir(tmp_path)
    session = Session.start(datadir, agenda, clock)
    session.close()
    os.utime(datadir.session_path(session.id), ns=(1_700_000_000_000_000_000,) * 2)
    assert datadir.read(session.id).mtime == 1_700_000_000.0
