"""A full disk mid-meeting: the capture fails with a clear message, nothing saved is lost, and it recovers."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from sessions import store
from sessions.disk import TMP_MARK, StoreError
from sessions.i18n import error_text
from sessions.index import Index
from sessions.session import Session
from sessions.state import replay_record

REAL_WRITE = os.write


class Disk:
    """os.write for files under one folder, with a switch that makes the disk full."""

    def __init__(self, root: Path) -> None:
        self.root = str(root)
        self.free: int | None = None  # bytes left; None: plenty
        self.refused = 0

    def _ours(self, fd: int) -> bool:
        try:
            return os.readlink(f"/proc/self/fd/{fd}").startswith(self.root)
        except OSError:
            return False

    def write(self, fd: int, data) -> int:
        if self.free is None or not self._ours(fd):
            return REAL_WRITE(fd, data)
        if self.free == 0:
            self.refused += 1
            raise OSError(errno.ENOSPC, "No space left on device")
        # a nearly full disk takes part of the data, then nothing more
        written = REAL_WRITE(fd, bytes(data[: self.free]))
        self.free -= written
        return written


@pytest.fixture
def disk(datadir, monkeypatch):
    if not os.path.exists("/proc/self/fd"):
        pytest.skip("needs /proc to tell the session's files from the rest")
    disk = Disk(datadir.root)
    monkeypatch.setattr(store.os, "write", disk.write)
    return disk


def on_disk(session: Session):
    path = session.writer.path
    json.loads(path.read_text(encoding="utf-8"))  # parses
    record = session.writer.datadir.read(session.id)
    return record, replay_record(record)


@pytest.mark.parametrize("free", [0, 1, 700])
def test_a_full_disk_loses_nothing_and_recovers(datadir, agenda, clock, disk, free):
    session = Session.start(datadir, agenda, clock)
    try:
        for n in range(5):
            clock.advance(3)
            session.submit(f"/a 第 {n} 项 @张伟")
        before_items = list(session.state.items)
        seq = session.state.seq

        disk.free = free
        clock.advance(3)
        with pytest.raises(StoreError) as exc:
            session.submit("/d 这条写不进去")
        message = str(exc.value)
        assert "disk is full" in message and "nothing already saved was lost" in message
        assert "\n" not in message
        assert "磁盘已满" in error_text(exc.value, "zh")  # as a Chinese meeting's screen says it
        assert disk.refused >= 1
        # the screen does not show what is not on disk
        assert session.state.items == before_items and session.state.seq == seq
        with pytest.raises(StoreError, match="disk is full"):
            session.submit("/next")
        assert session.state.current == 0
        record, state = on_disk(session)
        assert [it.text for it in state.items] == [it.text for it in before_items]
        assert not list(datadir.sessions_dir.glob(f".*{TMP_MARK}*"))
        assert datadir.corrupt_files() == []
        listing = Index(datadir).listing()  # the index is a cache: a full disk does not stop it
        assert [s.id for s in listing.sessions] == [session.id]

        disk.free = None  # space is back
        clock.advance(3)
        outcome = session.submit("/d 现在可以了")
        assert outcome.item.id == 6
        session.submit("/next")
        record, state = on_disk(session)
        assert state == session.state
        assert [it.text for it in state.items][-1] == "现在可以了"
        assert [e["seq"] for e in record.events] == list(range(1, len(record.events) + 1))
    finally:
        session.close()

    again = Session.resume(datadir, session.id, clock)
    try:
        assert len(again.state.items) == 6 and again.state.current == 1
    finally:
        again.close()


def test_a_full_disk_at_the_start_leaves_no_half_session(datadir, agenda, clock, disk):
    datadir.ensure()
    disk.free = 0
    with pytest.raises(StoreError, match="disk is full"):
        Session.start(datadir, agenda, clock)
    assert not list(datadir.sessions_dir.glob(f"*{TMP_MARK}*"))
    assert not any(datadir.is_locked(i) for i in datadir.session_ids())
