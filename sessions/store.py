"""The session store: one TinyDB file per session, written atomically, one writer per session, and a rebuildable index."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import math
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from agendas.model import Agenda
from sessions.events import Event, event_from_dict, event_to_dict
from sessions.i18n import WordedError

SCHEMA = 1
SESSION_SUFFIX = ".json"
LOCK_SUFFIX = ".lock"
TMP_MARK = ".tmp-"
INDEX_NAME = "index.sqlite3"  # a cache of the session files: see sessions.catalog


class StoreError(WordedError):
    """A problem with the data on disk, worded for the person at the keyboard."""


class SessionLocked(StoreError):
    pass


class DamagedFile(StoreError):
    def __init__(self, message: str, kept_as: Path | None = None) -> None:
        super().__init__(message)  # damage is rare and reported with its cause: English only
        self.kept_as = kept_as


class UnknownSession(StoreError):
    pass


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _disk_error(path: Path, exc: OSError) -> StoreError:
    if exc.errno == errno.ENOSPC:
        return StoreError(key="err.disk_full", path=str(path))
    return StoreError(key="err.cannot_save", path=str(path), reason=exc.strerror or str(exc))


def write_atomic(path: Path, content: str | bytes, durable: bool = True) -> None:
    """Write a whole file so that a reader or a crash sees either the old or the new one, never a mix.

    `durable=False` skips the fsyncs, for caches that can always be rebuilt.
    """
    tmp = path.with_name(f".{path.name}{TMP_MARK}{os.getpid()}-{secrets.token_hex(3)}")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _disk_error(path, exc) from exc
    # The replace is the commit: the new file is what every reader now sees. Failing to
    # flush the folder afterwards must not report the write as lost, or a retyped item
    # would be saved twice under one number.
    if durable:
        with contextlib.suppress(OSError):
            _fsync_dir(path.parent)


def file_key(path: str | Path) -> tuple[int, int, int] | None:
    """A file's identity and version (inode, mtime, size): what a cache of it is checked
    against; None when it cannot be stat'ed (gone)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _now_stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def keep_aside(path: Path) -> Path:
    """Move a damaged file out of the way under a name that says so; it is never overwritten."""
    aside = path.with_name(f"{path.name}.corrupt-{_now_stamp()}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{_now_stamp()}-{n}")
    os.replace(path, aside)
    return aside


def read_json_file(path: Path, may_move: Callable[[], bool] | None = None) -> Any:
    """Parse a session or index file; a damaged one is kept aside and reported.

    `may_move` is asked before a damaged file is moved: a file a live writer holds stays
    where it is (the writer's next write replaces it whole).
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise StoreError(
            key="err.cannot_read", path=str(path), reason=exc.strerror or str(exc)
        ) from exc
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        # RecursionError: nesting deeper than the parser follows (no file of ours nests so).
        if may_move is not None and not may_move():
            raise DamagedFile(f"{path.name} is damaged ({exc.__class__.__name__})") from exc
        aside = keep_aside(path)
        raise DamagedFile(
            f"{path.name} is damaged ({exc.__class__.__name__}); kept aside as {aside.name}",
            aside,
        ) from exc


class AtomicStorage(Storage):
    """TinyDB storage that replaces the whole file atomically on each write and fsyncs it.

    Reads are served from the last data read or written: this process holds the session's
    lock, so nobody else can have changed the file. Writes are never delayed.
    """

    def __init__(self, path: str | Path, append_only: tuple[str, ...] = (), **_: Any) -> None:
        self.path = Path(path)
        self._data: dict[str, dict[str, Any]] | None = None
        self._existed = False
        # Documents of an append-only table (the event log) never change once written, so
        # each is encoded once: without this, encoding the whole file made a capture cost
        # grow with every item (1.4 ms of 1.7 ms at item 500).
        self.append_only = frozenset(append_only)
        self._encoded: dict[str, dict[str, tuple[Any, str]]] = {}

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._data is None:
            try:
                data = read_json_file(self.path)
            except FileNotFoundError:
                if self._existed:
                    # Moved away under us (deleted from history, kept aside): writing now
                    # would bring back a file without its header.
                    raise UnknownSession(key="err.file_vanished", path=str(self.path)) from None
                return None
            if not isinstance(data, dict):
                aside = keep_aside(self.path)
                raise DamagedFile(
                    f"{self.path.name} is not a session file; kept aside as {aside.name}", aside
                )
            self._data = data
            self._existed = True
        return self._data

    def encode(self, data: dict[str, dict[str, Any]]) -> str:
        """The file's text: the same as json.dumps(data), reusing encoded log documents."""
        parts = []
        for name, table in data.items():
            if name not in self.append_only or not isinstance(table, dict):
                parts.append(f"{_dumps(name)}:{_dumps(table)}")
                continue
            cache = self._encoded.setdefault(name, {})
            docs = []
            for key, doc in table.items():
                hit = cache.get(key)
                if hit is None or hit[0] is not doc:
                    hit = cache[key] = (doc, f"{_dumps(str(key))}:{_dumps(doc)}")
                docs.append(hit[1])
            parts.append(f"{_dumps(name)}:{{{','.join(docs)}}}")
        return "{" + ",".join(parts) + "}"

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        try:
            write_atomic(self.path, self.encode(data))
        except BaseException:
            self._data = None  # TinyDB changed the cached dict in place: forget it
            self._encoded = {}
            raise
        self._data = data
        self._existed = True

    def close(self) -> None:
        self._data = None
        self._encoded = {}


@dataclass
class SessionRecord:
    """A session as read from disk by anyone (no lock needed: files are replaced whole)."""

    id: str
    meta: dict[str, Any]
    events: list[dict[str, Any]]  # as stored; `log()` gives them typed
    path: Path
    mtime: float

    def log(self) -> list[Event]:
        """The events, typed (an event type this version does not know is a ValueError)."""
        return [event_from_dict(raw) for raw in self.events]

    def agenda(self) -> Agenda:
        """The agenda the meeting ran on, as its header keeps it."""
        return Agenda.from_dict(self.meta["agenda"])


# -- the shape of a session file ---------------------------------------------------------------
#
# A file that parses can still be no session: a hand edit, another program, a bug. What every
# reader takes for granted is checked here, once, so that such a file is kept aside and
# reported like a broken one instead of stopping `list`, `actions` or the history screen.
# A spec is a type, "int" or "number" (bools excluded, numbers finite), a tuple of specs (any
# of them), `[spec]` (a list of those) or a dict of key -> spec, a key ending in "!" required.

Spec = Any

_TEXT_OR_NONE = (str, type(None))
_NUMBER_OR_NONE = ("number", type(None))

AGENDA_SPEC: Spec = {
    "meeting!": {
        "title!": str,
        **dict.fromkeys(
            ("series", "location", "facilitator", "scribe", "purpose", "language", "starts"),
            _TEXT_OR_NONE,
        ),
        "break_after": ("int", type(None)),
        "rules": ([str], type(None)),
    },
    "participants": (
        [
            {
                "name!": str,
                "role": _TEXT_OR_NONE,
                "target": _NUMBER_OR_NONE,
                "actual": _NUMBER_OR_NONE,
            }
        ],
        type(None),
    ),
    "sections": (
        [
            {
                "title!": str,
                "duration!": "int",
                "kind": _TEXT_OR_NONE,
                "presenter": _TEXT_OR_NONE,
                "materials": ([str], type(None)),
                "goals": ([str], type(None)),
            }
        ],
        type(None),
    ),
    "checklist": ([str], type(None)),
    "source": _TEXT_OR_NONE,
}

HEADER_SPEC: Spec = {
    "schema!": "int",
    **dict.fromkeys(("id", "title", "series", "lang", "created", "previous"), _TEXT_OR_NONE),
    "utc_offset": "int",
    "agenda!": AGENDA_SPEC,
    "carried": ([dict], type(None)),
    "carried_topics": ([dict], type(None)),
    "carried_targets": (dict, type(None)),
}

# Fields of any event type: a field an event has must be of this type.
EVENT_SPEC: Spec = {
    "seq!": "int",
    "type!": str,
    "at!": "number",
    **dict.fromkeys(("id", "index", "section", "score"), "int"),
    **dict.fromkeys(("seconds", "amount", "down_since"), "number"),
    **dict.fromkeys(("kind", "text", "status", "ref"), str),
    **dict.fromkeys(
        ("name", "owner", "due", "criteria", "speaker", "comment", "reason"), _TEXT_OR_NONE
    ),
    "changes": {
        "text": str,
        "kind": str,
        **dict.fromkeys(("owner", "due", "criteria"), _TEXT_OR_NONE),
    },
    "before": (dict, type(None)),
}


def fits(value: Any, spec: Spec) -> bool:
    """Whether a value read from JSON has the shape `spec` describes (see above)."""
    return _checker(spec)(value)


Check = Callable[[Any], bool]

# Each spec read once into a function of nested checks: every event of every session file is
# checked on reading, so this is on the path of a rebuild of the whole history. Kept by the
# spec's id beside the spec itself (specs are constants; an id reused is noticed).
_CHECKERS: dict[int, tuple[Spec, Check]] = {}


def _checker(spec: Spec) -> Check:
    known = _CHECKERS.get(id(spec))
    if known is None or known[0] is not spec:
        known = _CHECKERS[id(spec)] = (spec, _compile(spec))
    return known[1]


def _compile(spec: Spec) -> Check:
    if isinstance(spec, str):
        number = spec == "number"
        return lambda v: type(v) is int or (number and type(v) is float and math.isfinite(v))
    if isinstance(spec, tuple):
        if all(isinstance(one, type) for one in spec):
            return lambda v: isinstance(v, spec)
        checks = [_compile(one) for one in spec]
        if len(checks) == 2:
            first, second = checks
            return lambda v: first(v) or second(v)
        return lambda v: any(check(v) for check in checks)
    if isinstance(spec, list):
        each = _compile(spec[0])
        return lambda v: isinstance(v, list) and all(map(each, v))
    if isinstance(spec, dict):
        return _compile_dict(spec)
    if spec is type(None):
        return lambda v: v is None
    return lambda v: isinstance(v, spec)


def _plain(spec: Spec) -> tuple[frozenset[type], tuple[type, ...]] | None:
    """A spec whose check is a test of the value's type alone ("int", "number", a type, or a
    tuple of those), as the exact types it takes and the types a subclass of which it takes
    too (isinstance); None for any other spec. A float it takes is a "number": finite."""
    exact: set[type] = set()
    kinds: list[type] = []
    for one in spec if isinstance(spec, tuple) else (spec,):
        if isinstance(one, str):
            exact.update((int, float) if one == "number" else (int,))
        elif isinstance(one, type) and one is not float:
            exact.add(one)
            kinds.append(one)
        else:
            return None
    return frozenset(exact), tuple(kinds)


def _compile_dict(spec: dict[str, Spec]) -> Check:
    """The check of a dict: its required keys, then each value it has of a key in the spec.
    Most values (every field of an event) are checked by their type in a set, without a call:
    this runs for each of the hundred-odd events of every session file read."""
    plain: dict[str, tuple[frozenset[type], tuple[type, ...]]] = {}
    nested: dict[str, Check] = {}
    for key, inner in spec.items():
        types = _plain(inner)
        if types is None:
            nested[key.rstrip("!")] = _compile(inner)
        else:
            plain[key.rstrip("!")] = types
    required = frozenset(key.rstrip("!") for key in spec if key.endswith("!"))
    isfinite = math.isfinite

    def check(value: Any) -> bool:
        if not isinstance(value, dict) or not value.keys() >= required:
            return False
        for name, inner_value in value.items():
            types = plain.get(name)
            if types is not None:
                kind = type(inner_value)
                if kind in types[0]:
                    if kind is float and not isfinite(inner_value):
                        return False
                elif not isinstance(inner_value, types[1]):
                    return False
                continue
            inner = nested.get(name)
            if inner is not None and not inner(inner_value):
                return False
        return True

    return check


def _table_docs(data: dict[str, Any], table: str, name: str) -> list[Any]:
    raw = data.get(table) or {}
    if not isinstance(raw, dict) or not all(k.isdecimal() for k in raw):
        raise DamagedFile(f"{name}: its {table} table is not a TinyDB table")
    return [raw[k] for k in sorted(raw, key=int)]


def parse_record(session_id: str, data: Any, path: Path, mtime: float) -> SessionRecord:
    """A session from a parsed file, after checking that it has the shape every reader relies on."""
    if not isinstance(data, dict):
        raise DamagedFile(f"{path.name} is not a session file")
    metas = _table_docs(data, "meta", path.name)
    if not metas or not isinstance(metas[0], dict) or type(metas[0].get("schema")) is not int:
        raise DamagedFile(f"{path.name} has no session header")
    meta = metas[0]
    if meta["schema"] > SCHEMA:
        raise StoreError(
            f"{path.name} was written by a newer Minutely (schema {meta['schema']}); upgrade to open it"
        )
    if not fits(meta, HEADER_SPEC):
        raise DamagedFile(f"{path.name} has a malformed session header")
    try:
        Agenda.from_dict(meta["agenda"])  # a section kind or start time it cannot read
    except (KeyError, TypeError, ValueError) as exc:
        raise DamagedFile(
            f"{path.name} has a malformed agenda ({exc.__class__.__name__})"
        ) from None
    events = _table_docs(data, "events", path.name)
    event_fits = _checker(EVENT_SPEC)
    for n, event in enumerate(events, 1):
        if not event_fits(event):
            raise DamagedFile(f"{path.name}: event {n} is malformed")
    events.sort(key=lambda e: e["seq"])
    return SessionRecord(session_id, meta, events, path, mtime)


class SessionWriter:
    """The one process allowed to write a session: holds its lock, appends events."""

    def __init__(self, datadir: DataDir, session_id: str) -> None:
        self.datadir = datadir
        self.id = session_id
        self.path = datadir.session_path(session_id)
        self.lock_path = datadir.lock_path(session_id)
        self._lock_fd: int | None = datadir.acquire_lock(session_id)
        if self.path.exists():  # a new session's id was just chosen free: no temp file is its
            datadir.clean_temps(session_id)  # own (the app's sweep clears any other, later)
        self.storage = AtomicStorage(self.path, append_only=("events",))
        try:
            self.db = TinyDB(self.path, storage=lambda _path: self.storage)
            self._events = self.db.table("events", cache_size=0)
            self._meta = self.db.table("meta", cache_size=0)
        except BaseException:
            self.release()
            raise

    def create(self, meta: dict[str, Any], events: Sequence[Event] = ()) -> None:
        """Write a new session file, header and first events together, in one write."""
        self._check_held()
        if self.path.exists():
            raise StoreError(key="err.session_exists", session=self.id)
        self.storage.write(
            {
                "meta": {"1": {"schema": SCHEMA, **meta}},
                "events": {str(n): event_to_dict(event) for n, event in enumerate(events, 1)},
            }
        )

    def discard_if_unborn(self) -> None:
        """Give up a session whose file was never written: its lock file goes too."""
        if self._lock_fd is not None and not self.path.exists():
            with contextlib.suppress(OSError):
                self.lock_path.unlink()
        self.release()

    def read(self) -> SessionRecord:
        data = self.storage.read()
        if data is None:
            raise UnknownSession(key="err.no_session_file", session=self.id)
        return parse_record(self.id, data, self.path, time.time())

    def append(self, *events: Event) -> None:
        """Commit events in one write: all of them are on disk when this returns, or none."""
        self._check_held()
        if len(events) == 1:
            self._events.insert(event_to_dict(events[0]))
        else:
            self._events.insert_multiple([event_to_dict(event) for event in events])

    def update_meta(self, changes: dict[str, Any]) -> None:
        self._check_held()
        self._meta.update(changes, doc_ids=[1])

    @property
    def held(self) -> bool:
        """This process still holds the session's lock (it is open here for writing)."""
        return self._lock_fd is not None

    def _check_held(self) -> None:
        if self._lock_fd is None:
            # Released (the app closed it): another process may hold the session by now.
            raise SessionLocked(key="err.session_closed", session=self.id)

    def heartbeat(self, at: float) -> None:
        """Leave a sign of life (session time), so that a resume knows when the app went away."""
        if self._lock_fd is None:
            return
        with contextlib.suppress(OSError):
            os.pwrite(self._lock_fd, f"{os.getpid()} {at:.3f}\n".ljust(48).encode(), 0)

    def release(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
                os.close(self._lock_fd)
            self._lock_fd = None

    close = release


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
                raise _disk_error(path, exc) from exc
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
                raise _disk_error(path, exc) from exc

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
        index, ledger, caches), as the app does once its first screen is drawn, off the UI
        thread: then a temp file of this process is a write in flight, and is kept.
        """
        if session_id is not None:
            found = _temps(self.sessions_dir, f".{session_id}{SESSION_SUFFIX}{TMP_MARK}")
        else:
            folders = (self.root, self.sessions_dir, self.root / "series")
            found = [tmp for folder in folders for tmp in _temps(folder, ".")]
        for tmp in found:
            pid_part = tmp.name.rsplit(TMP_MARK, 1)[-1].split("-", 1)[0]
            if pid_part.isdigit() and _writing(int(pid_part), mine_in_flight=session_id is None):
                continue
            with contextlib.suppress(OSError):
                tmp.unlink()

    # -- sessions --------------------------------------------------------------------------

    def open_writer(self, session_id: str) -> SessionWriter:
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
        path = self.session_path(session_id)

        def unheld() -> bool:
            return not self.is_locked(session_id)

        try:
            mtime = path.stat().st_mtime
            data = read_json_file(path, may_move=unheld)
        except FileNotFoundError:  # gone, or another reader moved it aside first
            raise UnknownSession(key="err.no_session", session=session_id) from None
        try:
            return parse_record(session_id, data, path, mtime)
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
