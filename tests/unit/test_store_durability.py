"""Durability order of every atomic write: temp file written, temp fsynced, replace, folder fsynced.

A rename is only durable once the folder holding it is flushed, and the new content only
once the temp file is: in any other order a power cut can leave an empty or an old file
where the screen had already shown the item as saved. The system calls are recorded by
wrapping `os.open`, `os.write`, `os.fsync` and `os.replace`, so the real files are still
written and the rest of each test reads them back as usual.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sessions.actions import WHERE_CLI, change_status, ledger_path
from sessions.disk import TMP_MARK, write_atomic
from sessions.index import Index
from sessions.minutes import write_minutes
from sessions.session import Session

# One durable replace of a file, as the steps recorded for it read.
DURABLE = ["write temp", "fsync temp", "replace", "fsync folder"]


class DiskCalls:
    """The file system calls a test makes, each attributed to the file it is meant to commit."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, Path, Path | None]] = []
        self._paths: dict[int, Path] = {}
        real_open, real_write, real_fsync, real_replace = os.open, os.write, os.fsync, os.replace

        def recording_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
            fd = real_open(path, flags, *args, **kwargs)
            self._paths[fd] = Path(os.fsdecode(path))
            return fd

        def recording_write(fd, data):  # type: ignore[no-untyped-def]
            self._record("write", fd)
            return real_write(fd, data)

        def recording_fsync(fd):  # type: ignore[no-untyped-def]
            self._record("fsync", fd)
            return real_fsync(fd)

        def recording_replace(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.calls.append(("replace", Path(os.fsdecode(src)), Path(os.fsdecode(dst))))
            return real_replace(src, dst, *args, **kwargs)

        monkeypatch.setattr(os, "open", recording_open)
        monkeypatch.setattr(os, "write", recording_write)
        monkeypatch.setattr(os, "fsync", recording_fsync)
        monkeypatch.setattr(os, "replace", recording_replace)

    def _record(self, kind: str, fd: object) -> None:
        path = self._paths.get(fd) if isinstance(fd, int) else None
        if path is not None:
            self.calls.append((kind, path, None))

    def steps(self, target: Path) -> list[str]:
        """What was done to commit `target`, in order, with repeats of a step (a long write) merged.

        A temp file belongs to the file its name was made from; a folder's fsync belongs to
        the last file replaced in that folder, so writes of other files in between do not
        count for this one.
        """
        temp_prefix = f".{target.name}{TMP_MARK}"
        last_replaced: Path | None = None
        steps: list[str] = []
        for kind, path, dest in self.calls:
            step = None
            if kind == "replace":
                last_replaced = dest
                if dest == target and path.name.startswith(temp_prefix):
                    step = "replace"
            elif path.parent == target.parent and path.name.startswith(temp_prefix):
                step = f"{kind} temp"
            elif kind == "fsync" and path == target.parent and last_replaced == target:
                step = "fsync folder"
            if step is not None and (not steps or steps[-1] != step):
                steps.append(step)
        return steps


def assert_durable(calls: DiskCalls, target: Path) -> None:
    steps = calls.steps(target)
    assert steps, f"{target.name} was not written through write_atomic"
    commits, rest = divmod(len(steps), len(DURABLE))
    assert rest == 0 and steps == DURABLE * commits, steps


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> DiskCalls:
    return DiskCalls(monkeypatch)


def test_write_atomic_flushes_the_temp_file_then_replaces_then_flushes_the_folder(tmp_path, calls):
    target = tmp_path / "notes.md"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "new " * 100_000)
    assert target.read_text(encoding="utf-8") == "new " * 100_000
    assert_durable(calls, target)


def test_every_session_write_is_durable_in_order(datadir, agenda, clock, calls):
    session = Session.start(datadir, agenda, clock, lang="zh")
    try:
        session.submit("/a 跟进报价 @张伟 due:+3d | 客户签字")
        session.submit("/d 价格不变")
        session.next()
    finally:
        session.close()
    path = datadir.session_path(session.id)
    assert calls.steps(path).count("replace") >= 4  # created, two items, next section
    assert_durable(calls, path)


def test_the_action_ledger_and_the_minutes_are_durable_in_order(
    datadir, agenda, clock, monkeypatch
):
    session = Session.start(datadir, agenda, clock, lang="zh")
    session.submit("/a 跟进报价 @张伟 due:+3d")
    session.end()
    session.close()
    calls = DiskCalls(monkeypatch)  # only what follows: the ledger, the minutes

    Index(datadir).listing()
    change_status(
        datadir, f"{session.id}#1", "doing", "等回复", clock.wall().timestamp(), WHERE_CLI
    )
    minutes = write_minutes(datadir, session.id, "zh")

    # The index is SQLite's (a cache, rebuilt when lost); the rest are written atomically.
    for path in (ledger_path(datadir), minutes):
        assert_durable(calls, path)
