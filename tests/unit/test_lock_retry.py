"""Taking a session's lock when its lock file is swapped or removed meanwhile: retry on the file now there."""

from __future__ import annotations

import os

import pytest

from sessions import datadir as datadir_module
from sessions import store
from sessions.datadir import DataDir
from sessions.disk import SessionLocked, StoreError

SESSION = "20261201-0900-abcd"


def open_fds() -> set[str]:
    """This process's open descriptors, less the one that lists them."""
    found = set()
    for name in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{name}")
        except OSError:
            continue  # the listing's own descriptor, closed by now
        if not target.startswith("/proc/"):
            found.add(name)
    return found


@pytest.fixture
def fails_once(monkeypatch):
    """`_try_lock` that, the first time, lets something happen to the lock file right after."""

    def install(datadir: DataDir, what) -> list[int]:
        real = datadir_module._try_lock
        calls: list[int] = []

        def fake(fd: int, patience: float = 0.3) -> bool:
            taken = real(fd, patience)
            calls.append(fd)
            if len(calls) == 1:
                what(datadir.lock_path(SESSION))
            return taken

        monkeypatch.setattr(datadir_module, "_try_lock", fake)
        return calls

    return install


def swap(path) -> None:
    """Another process removes the lock file and makes a new one (a delete, a resume)."""
    path.unlink()
    path.write_text("")


def remove(path) -> None:
    path.unlink()


@pytest.mark.parametrize("what", [swap, remove], ids=["swapped", "removed"])
def test_a_lock_on_a_file_no_longer_there_is_retried(datadir, fails_once, what):
    datadir.ensure()
    before = open_fds()
    calls = fails_once(datadir, what)
    fd = datadir.acquire_lock(SESSION)
    try:
        assert len(calls) == 2  # the first lock locked nothing anyone can see
        path = datadir.lock_path(SESSION)
        assert os.fstat(fd).st_ino == os.stat(path).st_ino
        assert datadir.is_locked(SESSION)  # the file at the path is the one held
        assert open_fds() - before == {str(fd)}  # the first descriptor was closed
        assert os.pread(fd, 48, 0).split()[0] == str(os.getpid()).encode()
        with pytest.raises(SessionLocked):
            DataDir(datadir.root).acquire_lock(SESSION)
    finally:
        os.close(fd)
    assert not datadir.is_locked(SESSION)


def test_a_lock_held_elsewhere_is_refused_without_a_retry(datadir, monkeypatch):
    holder = datadir.acquire_lock(SESSION)
    os.pwrite(holder, b"4242 12.500\n", 0)
    tries: list[int] = []
    real = datadir_module._try_lock

    def counted(fd: int, patience: float = 0.3) -> bool:
        tries.append(fd)
        return real(fd, 0.0)

    monkeypatch.setattr(datadir_module, "_try_lock", counted)
    before = open_fds()
    try:
        with pytest.raises(SessionLocked) as refused:
            datadir.acquire_lock(SESSION)
        assert len(tries) == 1
        assert "4242" in str(refused.value)
        assert open_fds() == before  # the refused descriptor is closed
    finally:
        os.close(holder)


def test_the_last_heartbeat_survives_taking_the_lock(datadir):
    fd = datadir.acquire_lock(SESSION)
    os.pwrite(fd, f"{os.getpid()} 75.250\n".ljust(48).encode(), 0)
    os.close(fd)
    fd = datadir.acquire_lock(SESSION)
    try:
        words = os.pread(fd, 64, 0).split()
        assert words == [str(os.getpid()).encode(), b"75.250"]
        assert datadir.last_alive(SESSION) == 75.25
    finally:
        os.close(fd)


def test_a_lock_file_that_cannot_be_opened_is_a_worded_error(datadir, monkeypatch):
    datadir.ensure()
    real_open = os.open

    def refuse(path, flags, mode=0o777, **kw):
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, mode, **kw)

    monkeypatch.setattr(store.os, "open", refuse)
    with pytest.raises(StoreError, match="Permission denied") as failed:
        datadir.acquire_lock(SESSION)
    assert not isinstance(failed.value, SessionLocked)
