"""The store's edges found by the mutation pass: exact error wording, aside names, `last` within a minute, liveness."""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys

import pytest

from sessions import store
from sessions.i18n import error_text
from sessions.session import Session
from sessions.store import DataDir, StoreError, UnknownSession, keep_aside, write_atomic


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

    monkeypatch.setattr(store, "keep_aside", beaten_to_it)
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
    monkeypatch.setattr(store, "_now_stamp", lambda: "20261201-090000")
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
    real = store.secrets.token_hex
    monkeypatch.setattr(
        store.secrets, "token_hex", lambda n=None: next(suffixes) if n == 2 else real(n)
    )
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


def test_a_live_writers_temp_file_is_kept_and_the_writer_left_alone(datadir):
    datadir.ensure()
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True
    )
    try:
        busy = datadir.sessions_dir / f".20261201-0900-abcd.json.tmp-{child.pid}-abc123"
        busy.write_bytes(b"{")
        datadir.clean_temps()
        assert busy.exists()
        assert child.poll() is None  # asking whether it lives sends it nothing
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
