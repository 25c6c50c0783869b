"""The data folder: where sessions, their locks, exports, the trash and the index live; nothing heavier.

What reads or writes a session file (TinyDB, the events) is in `sessions.store`, loaded when a
session is read or opened for writing, not by a command that only reads the index.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import stat
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sessions.disk import (
    TMP_MARK,
    DamagedFile,
    SessionLocked,
    StoreError,
    UnknownSession,
    disk_error,
    keep_aside,
    read_json_status,
)

if TYPE_CHECKING:
    from sessions.store import SessionRecord, SessionWriter

SESSION_SUFFIX = ".json"
LOCK_SUFFIX = ".lock"
INDEX_NAME = "index.sqlite3"  # a cache of the session files: see sessions.catalog
# How a damaged session file kept aside in the sessions folder is reported.
ASIDE_SAID = ": damaged session kept aside"


_ID_RE = re.compile(r"^[0-9]{8}-[0-9]{4}-[0-9a-z]{4}$")


class DataDir:
    """The data directory: sessions/, exports/, trash/ and the index. Nothing is touched until asked."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).expanduser()

    @property
    def sessions_dir(self) -> Path:
        return self.root / "sessions"

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"

    @property
    def trash_dir(self) -> Path:
        return self.root / "trash"

    @property
    def held_dir(self) -> Path:
        """Refused lines waiting in live meetings' capture bars (`sessions.held`)."""
        return self.root / "held"

    @property
    def index_path(self) -> Path:
        return self.root / INDEX_NAME

    def ensure(self) -> None:
        for folder in (self.root, self.sessions_dir):
            _private_folder(folder)

    def ensure_folder(self, folder: Path) -> Path:
        """A folder of the data dir (exports, trash), private to its owner."""
        self.ensure()
        _private_folder(folder)
        return folder

    def session_path(self, session_id: str) -> Path:
        return self.sessions_dir / f"{session_id}{SESSION_SUFFIX}"

    def lock_path(self, session_id: str) -> Path:
        return self.sessions_dir / f"{session_id}{LOCK_SUFFIX}"

    def new_id(self, started: datetime) -> str:
        import secrets  # lazy: start-up (hashlib, which a command reading the index needs not)

        stamp = started.strftime("%Y%m%d-%H%M")
        while True:
            candidate = f"{stamp}-{secrets.token_hex(2)}"
            if not self.session_path(candidate).exists():
                return candidate

    # -- locking -------------------------------------------------------------------------

    def acquire_lock(self, session_id: str) -> int:
        self.ensure()
        path = self.lock_path(session_id)
        while True:
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as exc:
                raise disk_error(path, exc) from exc
            try:
                if not _try_lock(fd):
                    pid = _read_lock(fd)[0]
                    if pid is None:  # held by a program that does not say who it is
                        raise SessionLocked(key="err.session_locked_unknown", session=session_id)
                    raise SessionLocked(key="err.session_locked", session=session_id, pid=pid)
                # A lock file unlinked while we waited for it locks nothing: take the new one.
                if os.fstat(fd).st_ino != os.stat(path).st_ino:
                    os.close(fd)
                    continue
                last = _read_lock(fd)[1]
                os.ftruncate(fd, 0)
                stamp = f" {last:.3f}" if last is not None else ""
                os.pwrite(fd, f"{os.getpid()}{stamp}\n".ljust(48).encode(), 0)
                return fd
            except FileNotFoundError:
                os.close(fd)
                continue
            except SessionLocked:
                os.close(fd)
                raise
            except OSError as exc:
                os.close(fd)  # closing releases the lock too
                raise disk_error(path, exc) from exc

    def is_locked(self, session_id: str) -> bool:
        path = self.lock_path(session_id)
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)
        return False

    def last_alive(self, session_id: str) -> float | None:
        """When the last writer of the session last showed a sign of life (session time)."""
        path = self.lock_path(session_id)
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return None
        try:
            return _read_lock(fd)[1]
        finally:
            os.close(fd)

    def clean_temps(self, session_id: str | None = None) -> None:
        """Remove temp files left by a writer that died mid-write (the real file is intact).

        With a session id, that session's (its writer holds the lock: a temp file of this very
        process is left over from a write that failed); without, every folder's (sessions,
        index, ledger, caches, refused lines kept), as the app does once its first screen is drawn, off the UI
        thread: then a temp file of this process is a write in flight, and is kept.
        """
        if session_id is not None:
            found = _temps(self.sessions_dir, f".{session_id}{SESSION_SUFFIX}{TMP_MARK}")
        else:
            folders = (self.root, self.sessions_dir, self.root / "series", self.held_dir)
            found = [tmp for folder in folders for tmp in _temps(folder, ".")]
        for tmp in found:
            pid_part = tmp.name.rsplit(TMP_MARK, 1)[-1].split("-", 1)[0]
            if pid_part.isdigit() and _writing(int(pid_part), mine_in_flight=session_id is None):
                continue
            with contextlib.suppress(OSError):
                tmp.unlink()

    # -- sessions --------------------------------------------------------------------------

    def open_writer(self, session_id: str) -> SessionWriter[DataDir]:
        from sessions.store import SessionWriter  # lazy: start-up (TinyDB, the events)

        return SessionWriter(self, session_id)

    def session_ids(self, quiet: bool = True) -> list[str]:
        """The ids of the session files, newest first.

        A sessions folder that cannot be read (permissions) is no empty history: unless `quiet`,
        that is a StoreError. A missing folder is an empty history either way.
        """
        try:
            names = os.listdir(self.sessions_dir)  # no Path per file: thousands of sessions
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as exc:
            if quiet:
                return []
            raise StoreError(
                key="err.cannot_read", path=str(self.sessions_dir), reason=exc.strerror or str(exc)
            ) from exc
        cut = len(SESSION_SUFFIX)
        return sorted(
            (
                name[:-cut]
                for name in names
                if name.endswith(SESSION_SUFFIX) and _ID_RE.match(name[:-cut])
            ),
            reverse=True,
        )

    def read(self, session_id: str) -> SessionRecord:
        from sessions.store import parse_record  # lazy: start-up (TinyDB, the events)

        path = self.session_path(session_id)

        def unheld() -> bool:
            return not self.is_locked(session_id)

        try:
            data, status = read_json_status(path, may_move=unheld)
        except FileNotFoundError:  # gone, or another reader moved it aside first
            raise UnknownSession(key="err.no_session", session=session_id) from None
        try:
            return parse_record(session_id, data, path, status.st_mtime)
        except DamagedFile as exc:
            # Valid JSON that is no session is as damaged as broken JSON: out of the way too.
            if not unheld():
                raise
            try:
                aside = keep_aside(path)
            except FileNotFoundError:
                raise UnknownSession(key="err.no_session", session=session_id) from None
            raise DamagedFile(f"{exc}; kept aside as {aside.name}", aside) from None

    def resolve(self, ref: str) -> str:
        """A session id from an id, a unique id prefix, or `last`."""
        ids = self.session_ids(quiet=False)
        if ref in ("last", "latest"):
            if not ids:
                raise UnknownSession(key="err.no_sessions_yet")
            # Ids order sessions by the minute they started in; within one minute, by when.
            same_minute = [i for i in ids if i[:13] == ids[0][:13]]
            return max(same_minute, key=self._started) if len(same_minute) > 1 else ids[0]
        if ref in ids:
            return ref
        matches = [i for i in ids if i.startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise UnknownSession(
                key="err.ref_matches", ref=ref, count=len(matches), ids=", ".join(matches[:5])
            )
        raise UnknownSession(key="err.no_session", session=ref)

    def _started(self, session_id: str) -> float:
        """When a session's log begins (0 if it cannot be read): to order ids of one minute."""
        try:
            events = self.read(session_id).events
        except StoreError:
            return 0.0
        return float(events[0].get("at", 0)) if events else 0.0

    def corrupt_files(self) -> list[Path]:
        if not self.sessions_dir.is_dir():
            return []
        return sorted(self.sessions_dir.glob(f"*{SESSION_SUFFIX}.corrupt-*"))


# Folders already said to be open to others, so that each is said once per process.
_WARNED_OPEN: set[Path] = set()


def _temps(folder: Path, prefix: str) -> list[Path]:
    """The temp files in `folder` whose names begin with `prefix`: one `os.scandir`, names
    compared as strings (a glob matches a pattern against each of the folder's names, and a
    sessions folder holds two names per session)."""
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if e.name.startswith(prefix) and TMP_MARK in e.name]
    except OSError:
        return []
    return [folder / name for name in names]


def _private_folder(folder: Path) -> None:
    """Make the folder, and any missing parent, readable by its owner only.

    A folder that exists already is the user's: its mode is never changed (`--data-dir /tmp`
    must not take the sticky bit off /tmp); if others may read it, that is said once.
    """
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    try:
        for made in reversed(missing):
            try:
                made.mkdir(mode=0o700)
            except FileExistsError:  # made meanwhile by someone else: theirs
                continue
            os.chmod(made, 0o700)  # whatever the umask
        mode = folder.stat().st_mode
    except OSError as exc:
        raise StoreError(
            key="err.cannot_create_folder", path=str(folder), reason=exc.strerror or str(exc)
        ) from exc
    if not stat.S_ISDIR(mode):
        raise StoreError(key="err.cannot_create_folder", path=str(folder), reason="not a folder")
    if not missing and mode & 0o044 and folder not in _WARNED_OPEN:
        _WARNED_OPEN.add(folder)
        print(
            f"minutely: warning: {folder} can be read by other users "
            f"(mode {stat.S_IMODE(mode):o}); the session files in it stay private (0600)",
            file=sys.stderr,
        )


def _try_lock(fd: int, patience: float = 0.3) -> bool:
    """Take the writer's lock, waiting a moment: a reader checking liveness holds it for microseconds."""
    deadline = time.monotonic() + patience
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)


def _read_lock(fd: int) -> tuple[str | None, float | None]:
    """The pid and last heartbeat written in a lock file (None where there is none to read)."""
    try:
        words = os.pread(fd, 64, 0).decode("ascii", "replace").split()
    except OSError:
        return None, None
    pid = words[0] if words and words[0].isdigit() and int(words[0]) > 0 else None
    try:
        beat = float(words[1]) if len(words) > 1 else None
    except ValueError:
        beat = None
    return pid, beat


def _writing(pid: int, mine_in_flight: bool) -> bool:
    """Whether the process `pid` may still be writing its temp file."""
    if pid == os.getpid():
        return mine_in_flight
    return _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
