"""The history index: one summary per session, kept in SQLite (`sessions.catalog`) and brought up to date from the session files."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from agendas.model import Agenda
from sessions.capture import ItemKind
from sessions.catalog import (
    Catalog,
    Entry,
    Found,
    Line,
    Person,
    Rows,
    control_free_json,
    rows_of,
)
from sessions.clock import to_local
from sessions.events import ActionStatus
from sessions.participation import participation
from sessions.performance import record_performance
from sessions.state import FollowupMark, SessionState, replay_record
from sessions.store import (
    SESSION_SUFFIX,
    DataDir,
    SessionLocked,
    SessionRecord,
    Spec,
    StoreError,
    file_key,
    fits,
)

T = TypeVar("T")


_TEXT_OR_NONE = (str, type(None))
_NUMBER_OR_NONE = ("number", type(None))

# A summary as `_summary` writes it: an index row holding anything else was written by
# something else, and the index is rebuilt from the session files, not trusted.
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

    The index keeps it as JSON (`from_dict`/`to_dict`, also the shape of `minutely list
    --json`); everything else reads these fields.
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
        """A summary as stored in the index; absent keys take defaults."""
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


def stored_summary(raw: dict[str, Any]) -> SessionSummary:
    """A summary read back from the index: anything but what `_summary` writes is a ValueError."""
    if not fits(raw, SUMMARY_SPEC):
        raise ValueError("a summary in the index is not what this version writes")
    return SessionSummary.from_dict(raw)


_SUMMARY_FIELDS = {f.name for f in fields(SessionSummary)}
_SUMMARY_DEFAULTS: dict[str, Any] = {
    **dict.fromkeys(("title", "series", "lang", "location", "created", "date", "previous"), None),
    **dict.fromkeys(("started_at", "ended_at"), None),
    **dict.fromkeys(("utc_offset", "sections", "items", "open_actions"), 0),
    **dict.fromkeys(("planned_seconds", "used_seconds"), 0),
    "counts": {},
}


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
        unreached=state.unreached_titles(),
        parking=tuple(it.text for it in state.active_items() if it.kind is ItemKind.PARKING),
    )


def search_lines(agenda: Agenda, state: SessionState) -> list[Line]:
    """What full-text search needs of one session: its section titles, then every active item, one line each."""
    titles = [s.title for s in agenda.sections]
    lines = [Line(0, "section", i, title, None, _one_line(title)) for i, title in enumerate(titles)]
    lines.extend(
        Line(
            it.id,
            it.kind.value,
            it.section,
            titles[it.section] if 0 <= it.section < len(titles) else "",
            it.at,
            _one_line(it.text),
            _names(it.owner, it.speaker),
        )
        for it in state.active_items()
    )
    return lines


def _names(owner: str | None, speaker: str | None) -> str:
    """Who a line is about, for search (`Line.names`): its owner or person, its speaker."""
    if owner and speaker and speaker != owner:
        return f"{owner} {speaker}"
    return owner or speaker or ""


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


# What replaying a well-formed session file may raise when the fold cannot follow it (say, an
# event type from a newer version): that session is reported and skipped, never the listing.
CANNOT_FOLLOW = (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError)

# Sessions read between two writes to the index while bringing it up to date.
BATCH = 200
# From this many sessions to read, they are read by one process per CPU (this one writes).
PARALLEL_FROM = 400
BULK_BATCH = 400  # sessions a transaction then
READ_CHUNK = 32  # sessions a reading process is given at a time
READ_AHEAD = 4  # chunks given out per reading process before the writer has taken the first
READER_NICENESS = 3  # how much lower the reading processes' priority is than the writer's
# A rebuild that takes longer than this shows its progress on a terminal's stderr.
PROGRESS_AFTER = 1.0
# The history screen's page: the newest sessions that match, the rest counted.
PAGE = 500

_SESSION_FILE = re.compile(r"^([0-9]{8}-[0-9]{4}-[0-9a-z]{4})" + re.escape(SESSION_SUFFIX) + "$")


@dataclass
class Listing:
    sessions: list[SessionSummary]
    problems: list[str] = field(default_factory=list)


@dataclass
class Page:
    """The newest sessions that pass a filter, and how many pass it in all."""

    sessions: list[SessionSummary]
    total: int
    problems: list[str] = field(default_factory=list)


@dataclass
class ActionRows:
    """What the actions list reads from the index: the sessions in brief (no items), the
    actions as (ref, text, owner, due, criteria, at, session), the follow-up statuses as
    (session given in, ref, status, comment, at)."""

    problems: list[str]
    sessions: list[SessionSummary]
    rows: list[tuple[Any, ...]]
    marks: list[tuple[str, str, str, str | None, float]]


@dataclass
class _Listed:
    """A sessions folder from one `os.listdir`, names only (nothing is stat'ed yet): the ids
    of the session files, and the damaged files kept aside (`DataDir.corrupt_files`)."""

    files: set[str]
    aside: list[str]


_ASIDE = SESSION_SUFFIX + ".corrupt-"
_ASIDE_SAID = ": damaged session kept aside"
# A folder whose mtime is older than this is trusted to show the next change by a new mtime
# (timestamps are taken from a coarse clock: two changes within one tick may share one).
SETTLED_NS = 2_000_000_000


def _folder_key(folder: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def _listed(folder: Path, known: set[str] | frozenset[str] = frozenset()) -> _Listed:
    """The folder's session files and damaged files; a name is checked to be a session id's
    unless `known` (ids already indexed, so well-formed) holds it."""
    try:
        names = os.listdir(folder)  # names only: a sessions folder holds two per session
    except (FileNotFoundError, NotADirectoryError):
        return _Listed(set(), [])
    except OSError as exc:
        raise StoreError(
            key="err.cannot_read", path=str(folder), reason=exc.strerror or str(exc)
        ) from exc
    cut = len(SESSION_SUFFIX)
    ids = {name[:-cut] for name in names if name.endswith(SESSION_SUFFIX)}
    odd = {sid for sid in ids - known if not _SESSION_FILE.match(sid + SESSION_SUFFIX)}
    return _Listed(ids - odd, sorted(name for name in names if _ASIDE in name))


def _keys(folder: Path, ids: Iterable[str]) -> dict[str, tuple[int, int, int]]:
    """These session files' (inode, mtime_ns, size), by id; a file gone meanwhile is left out."""
    found: dict[str, tuple[int, int, int]] = {}
    prefix = f"{folder}{os.sep}"  # a string path each: no Path made per file
    for session_id in ids:
        key = file_key(f"{prefix}{session_id}{SESSION_SUFFIX}")
        if key is not None:
            found[session_id] = key
    return found


def entry_of(record: SessionRecord, key: tuple[int, int, int], locked: bool) -> Entry:
    """What the index stores of one session record."""
    state = replay_record(record)
    summary = _summary(record, state.agenda, state, locked)
    people = [
        Person(p.name, p.status.value, state.attendance[p.name].guest, p.talk_time, p.turns)
        for p in participation(state, state.as_of)
    ]
    reps = record_performance(record, state).reps
    return Entry(record.id, key, summary.to_dict(), search_lines(state.agenda, state), people, reps)


def _read_rows(
    job: tuple[DataDir, str, tuple[int, int, int], bool],
) -> tuple[str, Rows | None, str]:
    """One session file read into its rows, or the problem that kept it out (in any process)."""
    datadir, session_id, key, locked = job
    try:
        return session_id, rows_of(entry_of(datadir.read(session_id), key, locked)), ""
    except StoreError as exc:
        return session_id, None, str(exc)
    except CANNOT_FOLLOW as exc:
        # A well-formed file the fold cannot follow (say, a newer event type): report it,
        # leave the file alone, and still list the rest.
        name = datadir.session_path(session_id).name
        return session_id, None, f"{name}: cannot be read ({exc.__class__.__name__}: {exc})"


def _read_chunk(
    jobs: list[tuple[DataDir, str, tuple[int, int, int], bool]],
) -> list[tuple[str, Rows | None, str]]:
    """`_read_rows` of each job, in a reading process: one round trip for a few dozen files."""
    return [_read_rows(job) for job in jobs]


def _reading_process() -> None:
    """A rebuild's reading process: the cycle collector runs a hundred times less often. Each
    session read makes thousands of short-lived containers, freed as it is done with (their
    count, not cycles, set the collector off: a twentieth of the reading time).

    It also yields to the writer (`READER_NICENESS`): one reading process per CPU and the
    writer are one process more than there are CPUs, and shared evenly the one writer got two
    thirds of a CPU and was what the rebuild waited for, while the readers, kept at most
    `READ_AHEAD` chunks ahead, waited for it in turn. Ahead of them, it has a CPU to itself
    whenever it has rows to write, and the readers have the rest."""
    gc.set_threshold(70_000, 10, 10)
    with contextlib.suppress(OSError):
        os.nice(READER_NICENESS)


class _Progress:
    """A progress bar on stderr while a long rebuild runs, when stderr is a terminal:
    `minutely: indexing sessions [#########...........]  9000/20000`, redrawn in place."""

    WIDTH = 30

    def __init__(self, total: int) -> None:
        self.total = total
        self.began = time.monotonic()
        self.shown = False
        self.tty = total > 0 and sys.stderr.isatty()

    def show(self, n: int) -> None:
        if not self.tty or (not self.shown and time.monotonic() - self.began < PROGRESS_AFTER):
            return
        if self.shown and n % 50 and n != self.total:
            return
        self.shown = True
        filled = self.WIDTH * n // self.total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        count = f"{n:>{len(str(self.total))}}/{self.total}"
        sys.stderr.write(f"\rminutely: indexing sessions [{bar}] {count}")
        sys.stderr.flush()

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


class Index:
    """Summaries of every session in `<data>/index.sqlite3` (`DataDir.index_path` (see `sessions.catalog`); the session files are the truth."""

    def __init__(self, datadir: DataDir) -> None:
        self.datadir = datadir
        self._catalog: Catalog | None = None
        # What reading the index itself ran into, reported with the next listing.
        self.problems: list[str] = []

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = Catalog(self.datadir.index_path)
            self.problems.extend(self._catalog.problems)
        return self._catalog

    def _guarded(self, work: Callable[[Catalog], T]) -> T:
        """Run `work` on the index; a file found damaged on the way is replaced and the work run again.

        The connection is closed after each piece of work: the last one to close folds the
        write-ahead log back into the file, and nothing stays open between two listings.
        """
        try:
            try:
                return work(self.catalog)
            except sqlite3.OperationalError:
                raise
            except (sqlite3.DatabaseError, KeyError, TypeError, ValueError):
                # Not what this version writes (damaged, or written by something else): a cache.
                self.catalog.reset()
                self.problems.extend(self.catalog.problems[-1:])
                return work(self.catalog)
        finally:
            if self._catalog is not None:
                self._catalog.close()
                self._catalog = None

    def sync(self) -> list[str]:
        """Bring the index up to date with the session files; returns the problems met."""
        return self._guarded(self._sync)

    def _sync(self, catalog: Catalog) -> list[str]:
        """Bring the whole index up to date. When the sessions folder is as the last full scan
        left it (its inode and mtime: every atomic write and every delete in it changes the
        mtime), no session file is listed or stat'ed: only the sessions not ended are asked
        whether they are still live."""
        seen = _folder_key(self.datadir.sessions_dir)
        aside = self._unchanged(catalog, seen)
        if aside is not None:
            return self._recheck_unended(catalog, aside)
        stored = catalog.keys()
        listed = _listed(self.datadir.sessions_dir, set(stored))
        disk = _keys(self.datadir.sessions_dir, listed.files)
        catalog.forget(set(stored) - set(disk))
        problems = self._update(catalog, disk, stored, listed.aside)
        # A file that could not be read is read (and reported) again next time; a folder
        # changed so lately that a change to come could leave the same mtime is scanned again.
        settled = seen is not None and time.time_ns() - seen[1] > SETTLED_NS
        failed = any(not problem.endswith(_ASIDE_SAID) for problem in problems)
        catalog.keep_folder(seen if settled and not failed else None, listed.aside)
        return problems

    @staticmethod
    def _unchanged(catalog: Catalog, seen: tuple[int, int] | None) -> list[str] | None:
        """The damaged files aside when the folder is as the last full scan left it, else None."""
        known = catalog.folder()
        if seen is None or known is None or known[0] != seen:
            return None
        return known[1]

    def _recheck_unended(self, catalog: Catalog, aside: list[str]) -> list[str]:
        """`_sync` when no session file changed: a live session whose process has gone is
        interrupted now (and the other way round); that one is read again."""
        changed = [
            sid
            for sid, status in catalog.unended().items()
            if (status == SessionStatus.LIVE) != self.datadir.is_locked(sid)
        ]
        if not changed:
            return [f"{name}{_ASIDE_SAID}" for name in aside]
        stored = catalog.keys()
        disk = _keys(self.datadir.sessions_dir, changed)
        return self._update(catalog, disk, stored, aside)

    def _sync_series(self, catalog: Catalog, series: str) -> list[str]:
        """`_sync` for what one series needs: its own files and the files never indexed (whose
        series is known once read), not a stat of every session of every series; nothing
        listed at all when the folder is as the last full scan left it."""
        aside = self._unchanged(catalog, _folder_key(self.datadir.sessions_dir))
        if aside is not None:
            return self._recheck_unended(catalog, aside)
        stored = catalog.keys(series)
        indexed = catalog.ids()
        listed = _listed(self.datadir.sessions_dir, indexed)
        catalog.forget(set(stored) - listed.files)
        wanted = (listed.files - indexed) | (listed.files & set(stored))
        return self._update(catalog, _keys(self.datadir.sessions_dir, wanted), stored, listed.aside)

    def _update(
        self,
        catalog: Catalog,
        disk: dict[str, tuple[int, int, int]],
        stored: dict[str, tuple[int, int, int, str]],
        aside: list[str],
    ) -> list[str]:
        """Read again the files of `disk` whose key differs from the one `stored`."""
        problems: list[str] = []
        todo: list[tuple[str, bool]] = []
        for session_id, key in disk.items():
            old = stored.get(session_id)
            if old is not None and old[3] == SessionStatus.ENDED and old[:3] == key:
                continue  # an ended session cannot change while its file does not
            locked = self.datadir.is_locked(session_id)
            if old is not None and old[:3] == key and (old[3] == SessionStatus.LIVE) == locked:
                continue
            todo.append((session_id, locked))
        progress = _Progress(len(todo))
        batch: list[Rows] = []
        failed: list[str] = []
        many = len(todo) >= PARALLEL_FROM
        with catalog.bulk() if many else contextlib.nullcontext():
            for n, (session_id, rows, problem) in enumerate(self._read_all(todo, disk), 1):
                if rows is not None:
                    batch.append(rows)
                else:
                    problems.append(problem)
                    failed.append(session_id)
                if len(batch) >= (BULK_BATCH if many else BATCH):
                    catalog.store(batch)
                    batch = []
                progress.show(n)
            catalog.store(batch)
        catalog.forget(sid for sid in failed if sid in stored)
        progress.done()
        problems.extend(
            f"{name}{_ASIDE_SAID}"
            for name in aside
            if not any(name in problem for problem in problems)  # just said, with its cause
        )
        return problems

    def _read_all(
        self, todo: list[tuple[str, bool]], disk: dict[str, tuple[int, int, int]]
    ) -> Iterator[tuple[str, Rows | None, str]]:
        """Each session's rows (or what kept it out), oldest id first: read here, or by one
        process per CPU when there are many (the rows come back in order, this one writes).

        The reading processes are kept at most `READ_AHEAD` chunks ahead of the writer: read
        faster than written, the rows waiting would otherwise grow with the history (at
        20,000 sessions, a hundred MB more)."""
        workers = min(os.cpu_count() or 1, 8)
        if len(todo) < PARALLEL_FROM or workers < 2:
            yield from (_read_rows((self.datadir, sid, disk[sid], lk)) for sid, lk in sorted(todo))
            return
        plain = DataDir(self.datadir.root)  # what a worker gets: the folder, nothing patched
        jobs = [(plain, sid, disk[sid], locked) for sid, locked in sorted(todo)]
        chunks = (jobs[at : at + READ_CHUNK] for at in range(0, len(jobs), READ_CHUNK))
        from concurrent.futures import Future, ProcessPoolExecutor  # lazy: start-up
        from multiprocessing import get_context  # lazy: start-up

        # "spawn": a fresh interpreter, never a fork of a process that may run threads (a screen).
        spawn = get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=spawn, initializer=_reading_process) as pool:
            ahead: deque[Future[list[tuple[str, Rows | None, str]]]] = deque(
                pool.submit(_read_chunk, chunk) for chunk in islice(chunks, READ_AHEAD * workers)
            )
            while ahead:
                done = ahead.popleft().result()
                following = next(chunks, None)
                if following is not None:
                    ahead.append(pool.submit(_read_chunk, following))
                yield from done

    def _taken(self) -> list[str]:
        problems, self.problems = self.problems, []
        return problems

    def listing(self, lean: bool = False) -> Listing:
        """Every readable session, newest first; new or changed session files are read first.
        `lean`: without their actions and follow-up statuses (what `minutely list` shows)."""

        def work(c: Catalog) -> tuple[list[str], list[SessionSummary]]:
            problems = self._sync(c)
            return problems, [stored_summary(raw) for raw in c.summaries(lean=lean)]

        try:
            problems, sessions = self._guarded(work)
        except StoreError as exc:
            return Listing([], [*self._taken(), str(exc)])  # the index alone cannot be trusted
        return Listing(sessions, [*self._taken(), *problems])

    def unfinished(self) -> Listing:
        """The sessions still live or interrupted, newest first (what resuming and the room
        display choose from), after bringing the index up to date; never every session."""
        statuses = (SessionStatus.LIVE, SessionStatus.INTERRUPTED)

        def work(c: Catalog) -> tuple[list[str], list[SessionSummary]]:
            problems = self._sync(c)
            return problems, [stored_summary(raw) for raw in c.with_status(statuses)]

        try:
            problems, sessions = self._guarded(work)
        except StoreError as exc:
            return Listing([], [*self._taken(), str(exc)])
        return Listing(sessions, [*self._taken(), *problems])

    def stream(self, full: bool = False) -> tuple[list[str], Iterator[bytes]]:
        """Every session's listing (`Catalog.listed_texts`), or with `full` its whole summary
        (the JSON text of its `to_dict`, control characters taken out), newest first, as UTF-8
        JSON to print, one at a time from the index (for `list --json`), and the problems met
        bringing it up to date.

        The rows are written by `_sync` only, from `to_dict`: they are passed on unchecked
        (`listing()` checks them, and rebuilds the index when one is foreign).
        """
        problems = self.sync()

        def rows() -> Iterator[bytes]:
            catalog = self.catalog
            try:
                if full:
                    for text in catalog.summary_texts():
                        yield control_free_json(text).encode()
                else:
                    yield from catalog.listed_texts()
            finally:
                catalog.close()
                self._catalog = None

        return [*self._taken(), *problems], rows()

    def page(
        self, *, series: str | None = None, text: str = "", limit: int = PAGE, lean: bool = False
    ) -> Page:
        """The newest `limit` sessions whose title, series or id holds `text`, and how many do;
        `lean`: their listings, summaries without their actions and follow-up statuses (as the
        history's rows need them).

        Reads only what is shown: the index is not brought up to date here (`sync` does that).
        """

        def read(c: Catalog) -> Page:
            texts = c.summary_texts(series=series, text=text, limit=limit, lean=lean)
            found = [stored_summary(json.loads(body)) for body in texts]
            return Page(found, c.count(series=series, text=text))

        page = self._guarded(read)
        page.problems = self._taken()
        return page

    def series_names(self) -> list[str]:
        return self._guarded(lambda c: c.series_names())

    def action_rows(
        self, open_in: Sequence[str] | None = None, series: str | None = None
    ) -> ActionRows:
        """For the actions list, straight from the index after bringing it up to date.

        Without `open_in`, every action; with it (the refs the ledger speaks of), only those
        that may still be open (`Catalog.open_actions`), their sessions and their statuses,
        so that the list does not grow with every action ever closed. With `series` too,
        only that series' (the index brought up to date for that series only).
        """

        def work(c: Catalog) -> ActionRows:
            problems = self._sync(c) if series is None else self._sync_series(c, series)
            if open_in is None:
                brief = [SessionSummary.from_dict(raw) for raw in c.brief_sessions()]
                return ActionRows(problems, brief, c.all_actions(), c.all_followups())
            rows = c.open_actions(open_in, series)
            brief = [
                SessionSummary.from_dict(raw) for raw in c.brief_sessions_of(r[6] for r in rows)
            ]
            marks = c.followups_for(r[0] for r in rows)
            return ActionRows(problems, brief, rows, marks)

        try:
            found = self._guarded(work)
        except StoreError as exc:
            return ActionRows([str(exc)], [], [], [])
        found.problems = [*self._taken(), *found.problems]
        return found

    def actions_of(self, origins: Sequence[SessionSummary]) -> ActionRows:
        """`action_rows` of the actions agreed in these sessions only, from the index as it is
        (not brought up to date), with every follow-up status given them."""
        ids = [s.id for s in origins]

        def work(c: Catalog) -> ActionRows:
            return ActionRows([], list(origins), c.actions_in(ids), c.followups_of(ids))

        found = self._guarded(work)
        found.problems = self._taken()
        return found

    def followups_given(self, session_id: str) -> int | None:
        """How many follow-up statuses this session gave (to actions of meetings before it);
        None when the index cannot be read just now (busy, or its folder unreadable)."""
        try:
            return self._guarded(lambda c: c.followups_given(session_id))
        except (sqlite3.OperationalError, StoreError):
            return None

    def action_owners(self) -> list[str]:
        """Everyone who owns an action in the index as it is, sorted."""
        return self._guarded(lambda c: c.action_owners())

    def action_count(self) -> int:
        """How many actions the index holds as it is."""
        return self._guarded(lambda c: c.action_count())

    def followups_of(self, origins: Iterable[str]) -> list[tuple[str, str, str, str | None, float]]:
        """Follow-up statuses given in any session to the actions agreed in these."""
        return self._guarded(lambda c: c.followups_of(origins))

    def search(self, query: str, *, series: str | None, limit: int) -> tuple[list[Found], int, int]:
        """Lines matching `query` in the index as it is (see `Catalog.search`)."""
        return self._guarded(lambda c: c.search(query, series=series, limit=limit))

    def series_latest(self, series: str) -> SessionSummary | None:
        """The series' newest readable session, the index brought up to date for that series only."""

        def work(c: Catalog) -> SessionSummary | None:
            self._sync_series(c, series)
            return next((stored_summary(raw) for raw in c.summaries(series=series, limit=1)), None)

        return self._guarded(work)

    def series_sessions(self, series: str) -> list[SessionSummary]:
        """The summaries of one series' readable sessions, newest first, as `listing()` has them."""

        def work(c: Catalog) -> list[SessionSummary]:
            self._sync(c)
            return [stored_summary(raw) for raw in c.summaries(series=series)]

        return self._guarded(work)

    def rebuild(self) -> Listing:
        """Forget everything indexed and read every session file again."""
        catalog = self.catalog
        catalog.close()
        catalog._remove()
        self._catalog = None
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
        self._guarded(lambda c: c.forget([session_id]))
        return target
