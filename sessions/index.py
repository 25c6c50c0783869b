"""The history index: one summary per session, rebuilt from the session files whenever it is missing or stale."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from agendas.model import Agenda, SectionKind
from sessions.capture import ItemKind
from sessions.clock import to_local
from sessions.events import ActionStatus
from sessions.state import FollowupMark, SessionState, replay_record
from sessions.store import (
    SESSION_SUFFIX,
    DamagedFile,
    DataDir,
    SessionLocked,
    SessionRecord,
    Spec,
    StoreError,
    file_key,
    fits,
    read_json_file,
    write_atomic,
)

# 2: summaries also carry the session's actions, follow-up statuses, unreached sections and
# parking lot, so that follow-up and the actions list never open the session files.
INDEX_VERSION = 2


_TEXT_OR_NONE = (str, type(None))
_NUMBER_OR_NONE = ("number", type(None))

# A summary as `_summary` writes it: an index or series cache holding anything else was
# written by something else and is rebuilt from the session files, not trusted.
SUMMARY_SPEC: Spec = {
    "id!": str,
    "status!": str,
    "mtime!": "number",
    **dict.fromkeys(
        ("title", "series", "lang", "location", "created", "date", "previous"), _TEXT_OR_NONE
    ),
    **dict.fromkeys(("started_at", "ended_at"), _NUMBER_OR_NONE),
    **dict.fromkeys(("utc_offset", "sections", "items", "open_actions"), "int"),
    **dict.fromkeys(("planned_seconds", "used_seconds"), "number"),
    "counts": dict,
    "actions": [
        {
            "ref!": str,
            "text!": str,
            **dict.fromkeys(("owner", "due", "criteria"), _TEXT_OR_NONE),
            "at": "number",
            "section": "int",
        }
    ],
    "followup": dict,
    "unreached": [str],
    "parking": [str],
}


class SessionStatus(StrEnum):
    """LIVE: open in some process now; INTERRUPTED: not ended and nobody holds it (resumable)."""

    LIVE = "live"
    INTERRUPTED = "interrupted"
    ENDED = "ended"


@dataclass(frozen=True)
class SummaryAction:
    """An action item as the index keeps it, for the actions list and follow-up."""

    ref: str  # "<session id>#<item id>"
    text: str
    owner: str | None
    due: str | None  # ISO date
    criteria: str | None
    at: float
    section: int


@dataclass(frozen=True)
class SessionSummary:
    """What listing, history, follow-up and the actions list need of one session.

    The index and series caches keep it as JSON (`from_dict`/`to_dict`, also the shape of
    `minutely list --json`); everything else reads these fields.
    """

    id: str
    title: str | None
    series: str | None
    lang: str | None
    location: str | None
    created: str | None
    utc_offset: int
    started_at: float | None
    ended_at: float | None
    status: SessionStatus
    planned_seconds: float
    used_seconds: float
    sections: int
    items: int
    counts: dict[str, int]  # active items per kind
    open_actions: int
    mtime: float
    date: str | None  # local ISO date it started on
    previous: str | None  # the series' session before it
    actions: tuple[SummaryAction, ...]
    followup: dict[str, FollowupMark]  # by carried action's ref
    unreached: tuple[str, ...]  # sections never reached (breaks left out)
    parking: tuple[str, ...]

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> SessionSummary:
        """A summary as cached (checked against SUMMARY_SPEC first); absent keys take defaults."""
        return cls(
            **{
                **_SUMMARY_DEFAULTS,
                **{k: v for k, v in raw.items() if k in _SUMMARY_FIELDS},
                "status": SessionStatus(raw["status"]),
                "actions": tuple(SummaryAction(**a) for a in raw.get("actions") or ()),
                "followup": {
                    ref: FollowupMark(ActionStatus(f["status"]), f.get("comment"), f["at"])
                    for ref, f in (raw.get("followup") or {}).items()
                },
                "unreached": tuple(raw.get("unreached") or ()),
                "parking": tuple(raw.get("parking") or ()),
            }
        )

    def to_dict(self) -> dict[str, Any]:
        raw: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        raw["status"] = self.status.value
        raw["actions"] = [
            {f.name: getattr(a, f.name) for f in fields(SummaryAction)} for a in self.actions
        ]
        raw["followup"] = {
            ref: {"status": f.status.value, "comment": f.comment, "at": f.at}
            for ref, f in self.followup.items()
        }
        raw["unreached"] = list(self.unreached)
        raw["parking"] = list(self.parking)
        return raw


_SUMMARY_FIELDS = {f.name for f in fields(SessionSummary)}
_SUMMARY_DEFAULTS: dict[str, Any] = {
    **dict.fromkeys(("title", "series", "lang", "location", "created", "date", "previous"), None),
    **dict.fromkeys(("started_at", "ended_at"), None),
    **dict.fromkeys(("utc_offset", "sections", "items", "open_actions"), 0),
    **dict.fromkeys(("planned_seconds", "used_seconds"), 0),
    "counts": {},
}


def _json(value: Any) -> Any:
    """`json.dumps` default: summaries are written as the dicts they were read from."""
    if isinstance(value, SessionSummary):
        return value.to_dict()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _summaries(value: Any) -> dict[str, SessionSummary] | None:
    """Stored summaries by session id, or None if any of them is not what `_summary` writes."""
    if not isinstance(value, dict):
        return None
    if not all(fits(entry, SUMMARY_SPEC) and entry["id"] == sid for sid, entry in value.items()):
        return None
    try:
        return {sid: SessionSummary.from_dict(entry) for sid, entry in value.items()}
    except (KeyError, TypeError, ValueError):
        return None


def session_date(started_at: float | None, utc_offset: int) -> str | None:
    """The local calendar date a session started on, as an ISO string."""
    if started_at is None:
        return None
    return to_local(started_at, utc_offset).date().isoformat()


def summarize(record: SessionRecord, locked: bool = False) -> SessionSummary:
    """What listing and history need of one session, without reading it again."""
    state = replay_record(record)
    return _summary(record, state.agenda, state, locked)


def _summary(
    record: SessionRecord, agenda: Agenda, state: SessionState, locked: bool
) -> SessionSummary:
    counts = {kind.value: 0 for kind in ItemKind}
    open_actions = 0
    for item in state.active_items():
        counts[item.kind.value] += 1
        if item.kind is ItemKind.ACTION:
            open_actions += 1
    if state.ended_at is not None:
        status = SessionStatus.ENDED
    elif locked:
        status = SessionStatus.LIVE
    else:
        status = SessionStatus.INTERRUPTED
    started = state.started_at
    end = state.ended_at if state.ended_at is not None else state.last_at
    return SessionSummary(
        id=record.id,
        title=record.meta.get("title") or agenda.meeting.title,
        series=record.meta.get("series"),
        lang=record.meta.get("lang"),
        location=agenda.meeting.location,
        created=record.meta.get("created"),
        utc_offset=record.meta.get("utc_offset", 0),
        started_at=started,
        ended_at=state.ended_at,
        status=status,
        planned_seconds=agenda.planned_seconds,
        used_seconds=(end - started) if started is not None and end is not None else 0,
        sections=len(agenda.sections),
        items=sum(counts.values()),
        counts=counts,
        open_actions=open_actions,
        mtime=record.mtime,
        date=session_date(started, int(record.meta.get("utc_offset", 0))),
        previous=record.meta.get("previous"),
        actions=tuple(
            SummaryAction(
                ref=f"{record.id}#{it.id}",
                text=it.text,
                owner=it.owner,
                due=it.due.isoformat() if it.due else None,
                criteria=it.criteria,
                at=it.at,
                section=it.section,
            )
            for it in state.active_items()
            if it.kind is ItemKind.ACTION
        ),
        followup={
            ref: FollowupMark(f.status, f.comment, f.at) for ref, f in state.followup.items()
        },
        unreached=tuple(
            s.title
            for i, s in enumerate(agenda.sections)
            if not state.reached(i) and s.kind is not SectionKind.BREAK
        ),
        parking=tuple(it.text for it in state.active_items() if it.kind is ItemKind.PARKING),
    )


def corpus_entry(record: SessionRecord, agenda: Agenda, state: SessionState) -> dict[str, Any]:
    """What full-text search needs of one session: its texts joined in one string, and where each came from.

    `text` holds the section titles, then every active item's text, one per line; `spots[i]`
    says what line i is: [item id (0 for a section title), kind, section index, time].
    """
    lines: list[str] = []
    spots: list[list[Any]] = []
    for index, section in enumerate(agenda.sections):
        lines.append(_one_line(section.title))
        spots.append([0, "section", index, None])
    for it in state.active_items():
        lines.append(_one_line(it.text))
        spots.append([it.id, it.kind.value, it.section, it.at])
    return {
        "mtime": record.mtime,
        "title": record.meta.get("title") or agenda.meeting.title,
        "sections": [s.title for s in agenda.sections],
        "text": "\n".join(lines),
        "spots": spots,
    }


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


# Follow-up at the start of a meeting needs only its own series: `series/catalog.json` says
# which series each session belongs to (it never changes), `series/<hash>.json` holds one
# series' summaries. Both are caches of the session files like the index, written without
# fsync (a torn one reads as missing and is rebuilt), so that a start neither parses nor
# rewrites the whole index.
SERIES_FOLDER = "series"
CATALOG_NAME = "catalog.json"
# More sessions unknown to the catalog than this: list them all once (the index is faster
# than reading their files one by one).
CATALOG_MISSES = 50


# Series caches last read or written by this process, with the file's identity then (as
# `_LOADED` below): the pre-meeting check and the start look the same series up in turn.
_SERIES_LOADED: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}


def _read_cache(path: Path) -> dict[str, Any] | None:
    """A series cache file as written (callers copy before changing it), or None."""
    key = file_key(path)
    if key is None:
        return None
    cached = _SERIES_LOADED.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return None
    if "sessions" in data:
        summaries = _summaries(data["sessions"])
        if summaries is None:
            return None
        data["sessions"] = summaries
    if "series" in data and not fits(data["series"], (str, dict)):
        return None
    _SERIES_LOADED[path] = (key, data)
    return data


def _write_cache(path: Path, data: dict[str, Any]) -> None:
    """Replace a cache file atomically; a failure only costs the next reader a rebuild."""
    _SERIES_LOADED.pop(path, None)
    document = {"version": INDEX_VERSION, **data}
    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        write_atomic(
            path,
            json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=_json),
            durable=False,
        )
    except (OSError, StoreError):
        return
    key = file_key(path)
    if key is not None:
        _SERIES_LOADED[path] = (key, document)


def _newest_first(entries: Any) -> list[SessionSummary]:
    return sorted(entries, key=lambda e: (e.started_at or 0, e.id), reverse=True)


# What replaying a well-formed session file may raise when the fold cannot follow it (say, an
# event type from a newer version): that session is reported and skipped, never the listing.
CANNOT_FOLLOW = (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError)


# The index last read or written by this process, per file, with the file's identity then:
# a history screen lists again after every change without parsing megabytes of JSON. Any
# other writer replaces the file (new inode), which makes the entry stale.
_LOADED: dict[Path, tuple[tuple[int, int, int], dict[str, SessionSummary]]] = {}


@dataclass
class Listing:
    sessions: list[SessionSummary]
    problems: list[str] = field(default_factory=list)


class Index:
    """Summaries keyed by session id in `<data>/index.json`; the session files are the truth."""

    def __init__(self, datadir: DataDir) -> None:
        self.datadir = datadir
        # Search entries of the sessions this index has just read, so search need not read them again.
        self.fresh_corpus: dict[str, dict[str, Any]] = {}
        # What reading the index itself ran into, reported with the next listing.
        self.problems: list[str] = []

    def _refresh(self, session_id: str, locked: bool) -> SessionSummary:
        record = self.datadir.read(session_id)
        state = replay_record(record)
        self.fresh_corpus[session_id] = corpus_entry(record, state.agenda, state)
        return _summary(record, state.agenda, state, locked)

    def _load(self) -> dict[str, SessionSummary]:
        path = self.datadir.index_path
        key = file_key(path)
        if key is None and not path.exists():
            return {}
        cached = _LOADED.get(path)
        if cached is not None and key is not None and cached[0] == key:
            return dict(cached[1])  # summaries are replaced in the copy, never changed in place
        try:
            data = read_json_file(path)
        except FileNotFoundError:
            return {}
        except DamagedFile:
            return {}  # kept aside by read_json_file; rebuilt below from the sessions
        except StoreError as exc:  # a folder, or unreadable: listed from the sessions
            self.problems.append(str(exc))
            return {}
        if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
            return {}
        sessions = _summaries(data.get("sessions"))
        if sessions is None:
            return {}
        if key is not None:
            _LOADED[path] = (key, sessions)
        return dict(sessions)

    def _save(self, entries: dict[str, SessionSummary]) -> None:
        path = self.datadir.index_path
        _LOADED.pop(path, None)
        with contextlib.suppress(
            StoreError
        ):  # the index is a cache; a full disk must not stop a listing
            self.datadir.ensure()
            write_atomic(
                path,
                json.dumps(
                    {"version": INDEX_VERSION, "sessions": entries},
                    ensure_ascii=False,
                    separators=(",", ":"),
                    default=_json,
                ),
            )
            key = file_key(path)
            if key is not None:
                _LOADED[path] = (key, dict(entries))
        self._save_catalog({sid: e.series for sid, e in entries.items()})

    def listing(self) -> Listing:
        """Every readable session, newest first; stale or missing summaries are refreshed."""
        entries = self._load()
        problems, self.problems = self.problems, []
        try:
            ids = self.datadir.session_ids(quiet=False)
        except StoreError as exc:
            return Listing([], [*problems, str(exc)])  # the index alone cannot be trusted
        live: dict[str, SessionSummary] = {}
        changed = False
        for gone in set(entries) - set(ids):
            del entries[gone]
            changed = True
        for session_id in ids:
            path = self.datadir.session_path(session_id)
            try:
                mtime = path.stat().st_mtime
            except OSError:
                continue
            entry = entries.get(session_id)
            locked = self.datadir.is_locked(session_id)
            if (
                entry is not None
                and entry.mtime == mtime
                and entry.status is not SessionStatus.LIVE
                and not locked
            ):
                continue
            try:
                summary = self._refresh(session_id, locked)
            except StoreError as exc:
                problems.append(str(exc))
            except CANNOT_FOLLOW as exc:
                # A well-formed file the fold cannot follow (say, a newer event type): report
                # it, leave the file alone, and still list the rest.
                problems.append(f"{path.name}: cannot be read ({exc.__class__.__name__}: {exc})")
            else:
                if locked:
                    # A live meeting changes with every capture: shown, never written down,
                    # or each listing would rewrite the whole index.
                    live[session_id] = summary
                    continue
                entries[session_id] = summary
                changed = True
                continue
            if entries.pop(session_id, None) is not None:
                changed = True
        problems.extend(
            f"{p.name}: damaged session kept aside"
            for p in self.datadir.corrupt_files()
            if not any(p.name in problem for problem in problems)  # just said, with its cause
        )
        if changed:
            self._save(entries)
        return Listing(_newest_first({**entries, **live}.values()), problems)

    # -- one series, for follow-up ---------------------------------------------------------------

    @property
    def _series_folder(self) -> Path:
        return self.datadir.root / SERIES_FOLDER

    def _series_path(self, series: str) -> Path:
        digest = hashlib.sha1(series.encode("utf-8")).hexdigest()[:16]
        return self._series_folder / f"{digest}.json"

    def _save_catalog(self, catalog: dict[str, Any]) -> None:
        _write_cache(self._series_folder / CATALOG_NAME, {"series": catalog})

    def series_sessions(self, series: str) -> list[SessionSummary]:
        """The summaries of one series' readable sessions, newest first, as `listing()` has them.

        Only that series' session files are looked at (a stat each, a read when changed);
        sessions the catalog does not know yet are read once to learn their series.
        """
        ids = self.datadir.session_ids()
        present = set(ids)
        cached = _read_cache(self._series_folder / CATALOG_NAME)
        known = cached.get("series") if cached is not None else None
        catalog = dict(known) if isinstance(known, dict) else None
        shard_data = _read_cache(self._series_path(series))
        stored = shard_data.get("sessions") if shard_data is not None else None
        if (
            not isinstance(catalog, dict)
            or not isinstance(stored, dict)
            or len(present.difference(catalog)) > CATALOG_MISSES
        ):
            listed = self.listing().sessions
            self._save_catalog({e.id: e.series for e in listed})
            found = [e for e in listed if e.series == series]
            self._save_series(series, {e.id: e for e in found})
            return found
        shard = {sid: e for sid, e in stored.items() if sid in present}
        changed = len(shard) != len(stored)
        catalog_changed = False
        folder = str(self.datadir.sessions_dir)
        for session_id in ids:
            if catalog.get(session_id, series) != series:
                continue
            try:
                mtime = os.stat(f"{folder}/{session_id}{SESSION_SUFFIX}").st_mtime
            except OSError:
                continue
            entry = shard.get(session_id)
            if entry is not None and entry.mtime == mtime:
                # An ended session's summary cannot change while its file does not.
                if entry.status is SessionStatus.ENDED:
                    continue
                if entry.status is not SessionStatus.LIVE and not self.datadir.is_locked(
                    session_id
                ):
                    continue
            try:
                fresh = self._refresh(session_id, self.datadir.is_locked(session_id))
            except (StoreError, *CANNOT_FOLLOW):
                changed = changed or shard.pop(session_id, None) is not None  # listing() says why
                continue
            if session_id not in catalog:
                catalog[session_id] = fresh.series
                catalog_changed = True
            if fresh.series == series:
                shard[session_id] = fresh
                changed = True
        if catalog_changed:
            self._save_catalog(catalog)
        if changed:
            self._save_series(series, shard)
        return _newest_first(shard.values())

    def _save_series(self, series: str, shard: dict[str, SessionSummary]) -> None:
        _write_cache(self._series_path(series), {"series": series, "sessions": shard})

    def rebuild(self) -> Listing:
        for cache in self._series_folder.glob("*.json"):
            with contextlib.suppress(OSError):
                cache.unlink()
        self._save({})
        with contextlib.suppress(OSError):
            self.datadir.index_path.unlink()
        return self.listing()

    def trash(self, session_id: str) -> Path:
        """Move a session file to `<data>/trash/` (never destroyed) and drop it from the index.

        The session's own lock is held meanwhile, so no `resume` can open it half-moved.
        """
        source = self.datadir.session_path(session_id)
        if not source.exists():
            raise StoreError(f"no session {session_id!r}")
        try:
            fd = self.datadir.acquire_lock(session_id)
        except SessionLocked:
            raise StoreError(key="err.session_open_elsewhere", session=session_id) from None
        try:
            folder = self.datadir.ensure_folder(self.datadir.trash_dir)
            target = folder / source.name
            n = 1
            while target.exists():
                n += 1
                target = folder / f"{session_id}-{n}{source.suffix}"
            try:
                os.replace(source, target)
            except OSError as exc:
                raise StoreError(
                    f"{source}: cannot move it to the trash ({exc.strerror or exc})"
                ) from exc
        finally:
            os.close(fd)  # the lock file stays: unlinking it would let two writers in
        self.fresh_corpus.pop(session_id, None)
        self.listing()  # drops the summary from the index
        return target
