"""The session store: one TinyDB file per session, written atomically, one writer per session, and a rebuildable index."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from tinydb import TinyDB
from tinydb.storages import Storage

from agendas.model import Agenda
from sessions.disk import (
    DamagedFile,
    SessionLocked,
    StoreError,
    UnknownSession,
    keep_aside,
    read_json_file,
    write_atomic,
)
from sessions.events import Event, event_from_dict, event_to_dict
from sessions.shape import Spec, checker, fits


class SessionFolder(Protocol):
    """What a session's writer needs of the data folder (`sessions.datadir.DataDir`)."""

    def session_path(self, session_id: str) -> Path: ...

    def lock_path(self, session_id: str) -> Path: ...

    def acquire_lock(self, session_id: str) -> int: ...

    def clean_temps(self, session_id: str | None = None) -> None: ...


Folder = TypeVar("Folder", bound=SessionFolder)

SCHEMA = 1


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


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
    # The agenda as `parse_record` read it from the header, checking it: read once, not again.
    read_agenda: Agenda | None = field(default=None, repr=False, compare=False)

    def log(self) -> list[Event]:
        """The events, typed (an event type this version does not know is a ValueError)."""
        return [event_from_dict(raw) for raw in self.events]

    def agenda(self) -> Agenda:
        """The agenda the meeting ran on, as its header keeps it."""
        if self.read_agenda is not None:
            return self.read_agenda
        return Agenda.from_dict(self.meta["agenda"])


# -- the shape of a session file ---------------------------------------------------------------
#
# A file that parses can still be no session: a hand edit, another program, a bug. What every
# reader takes for granted is checked here, once, so that such a file is kept aside and
# reported like a broken one instead of stopping `list`, `actions` or the history screen.
# A spec is a type, "int" or "number" (bools excluded, numbers finite), a tuple of specs (any
# of them), `[spec]` (a list of those) or a dict of key -> spec, a key ending in "!" required
# (`sessions.shape`, where `fits` checks one).

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
        agenda = Agenda.from_dict(meta["agenda"])  # a section kind or start time it cannot read
    except (KeyError, TypeError, ValueError) as exc:
        raise DamagedFile(
            f"{path.name} has a malformed agenda ({exc.__class__.__name__})"
        ) from None
    events = _table_docs(data, "events", path.name)
    event_fits = checker(EVENT_SPEC)
    for n, event in enumerate(events, 1):
        if not event_fits(event):
            raise DamagedFile(f"{path.name}: event {n} is malformed")
    events.sort(key=lambda e: e["seq"])
    return SessionRecord(session_id, meta, events, path, mtime, agenda)


class SessionWriter(Generic[Folder]):
    """The one process allowed to write a session: holds its lock, appends events; `datadir`
    is the data folder it was opened in (a `DataDir`, typed by what the writer needs of it)."""

    def __init__(self, datadir: Folder, session_id: str) -> None:
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
