"""The history index: one summary per session, kept in SQLite (`sessions.catalog`) and brought up to date from the session files.

This module reads the index and checks whether the sessions folder changed; reading a changed
session file into it is `sessions.indexing`, loaded only then (`Index._update`), so that a
command finding nothing changed loads neither the replay, the events nor TinyDB.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from sessions.catalog import Catalog, Found, Origin, control_free_json
from sessions.datadir import ASIDE_SAID as _ASIDE_SAID
from sessions.datadir import SESSION_SUFFIX, DataDir
from sessions.disk import SessionLocked, StoreError, file_key

if TYPE_CHECKING:
    from sessions.summary import SessionSummary

T = TypeVar("T")


# The history screen's page: the newest sessions that match, the rest counted.
PAGE = 500
# Every action read a chunk at a time (`Index.action_chunks`): with its sessions and statuses.
ACTION_CHUNK = 2000
# `list --json` writes the listings this many at a time (`Index.stream`).
STREAM_CHUNK = 500

_SESSION_FILE = re.compile(r"^([0-9]{8}-[0-9]{4}-[0-9a-z]{4})" + re.escape(SESSION_SUFFIX) + "$")


# What the readers return are NamedTuples, not dataclasses: made at import, a dataclass is
# several times slower to make, and `list --json` and `actions` load this module to start.


class Listing(NamedTuple):
    sessions: list[SessionSummary]
    problems: list[str]


class Page(NamedTuple):
    """The newest sessions that pass a filter, and how many pass it in all."""

    sessions: list[SessionSummary]
    total: int
    problems: list[str]


class ActionRows(NamedTuple):
    """What the actions list reads from the index: the sessions in brief (no items), the
    actions as (ref, text, owner, due, criteria, at, session), the follow-up statuses as
    (session given in, ref, status, comment, at)."""

    problems: list[str]
    sessions: list[Origin]
    rows: list[tuple[Any, ...]]
    marks: list[tuple[str, str, str, str | None, float]]


class _Listed(NamedTuple):
    """A sessions folder from one `os.listdir`, names only (nothing is stat'ed yet): the ids
    of the session files, and the damaged files kept aside (`DataDir.corrupt_files`)."""

    files: set[str]
    aside: list[str]


_ASIDE = SESSION_SUFFIX + ".corrupt-"
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


def _stored(raws: Iterable[dict[str, Any]]) -> list[SessionSummary]:
    """Summaries read back from the index, checked (`stored_summary`). `sessions.summary` is
    loaded on first use: `list --json` and the folder's check need none of it."""
    from sessions.summary import stored_summary  # lazy: start-up

    return [stored_summary(raw) for raw in raws]


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
        unended = catalog.unended()
        if not unended:
            return [f"{name}{_ASIDE_SAID}" for name in aside]
        from sessions.summary import SessionStatus  # lazy: start-up (see `_stored`)

        changed = [
            sid
            for sid, status in unended.items()
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
        """Read again the files of `disk` whose key differs from the one `stored` (see
        `sessions.indexing`, loaded only here: when nothing changed, nothing of it is)."""
        from sessions.indexing import Indexer  # lazy: start-up (the replay, the events, TinyDB)

        return Indexer(self.datadir).update(catalog, disk, stored, aside)

    def _taken(self) -> list[str]:
        problems, self.problems = self.problems, []
        return problems

    def listing(self, lean: bool = False) -> Listing:
        """Every readable session, newest first; new or changed session files are read first.
        `lean`: without their actions and follow-up statuses (what `minutely list` shows)."""

        def work(c: Catalog) -> tuple[list[str], list[SessionSummary]]:
            problems = self._sync(c)
            return problems, _stored(c.summaries(lean=lean))

        try:
            problems, sessions = self._guarded(work)
        except StoreError as exc:
            return Listing([], [*self._taken(), str(exc)])  # the index alone cannot be trusted
        return Listing(sessions, [*self._taken(), *problems])

    def unfinished(self) -> Listing:
        """The sessions still live or interrupted, newest first (what resuming and the room
        display choose from), after bringing the index up to date; never every session."""
        from sessions.summary import SessionStatus  # lazy: start-up (see `_stored`)

        statuses = (SessionStatus.LIVE, SessionStatus.INTERRUPTED)

        def work(c: Catalog) -> tuple[list[str], list[SessionSummary]]:
            problems = self._sync(c)
            return problems, _stored(c.with_status(statuses))

        try:
            problems, sessions = self._guarded(work)
        except StoreError as exc:
            return Listing([], [*self._taken(), str(exc)])
        return Listing(sessions, [*self._taken(), *problems])

    def stream(self, full: bool = False) -> tuple[list[str], Iterator[list[bytes]]]:
        """Every session's listing (`Catalog.listed_texts`), or with `full` its whole summary
        (the JSON text of its `to_dict`, control characters taken out), newest first, as UTF-8
        JSON to print, `STREAM_CHUNK` at a time from the index (for `list --json`), and the
        problems met bringing it up to date.

        The rows are written by `_sync` only, from `to_dict`: they are passed on unchecked
        (`listing()` checks them, and rebuilds the index when one is foreign).
        """
        problems = self.sync()

        def rows() -> Iterator[list[bytes]]:
            catalog = self.catalog
            try:
                if full:
                    texts = catalog.summary_texts()
                    while chunk := list(islice(texts, STREAM_CHUNK)):
                        yield [control_free_json(text).encode() for text in chunk]
                else:
                    yield from catalog.listed_texts(STREAM_CHUNK)
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
            found = _stored(json.loads(body) for body in texts)
            return Page(found, c.count(series=series, text=text), [])

        return self._guarded(read)._replace(problems=self._taken())

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
                brief = c.brief_sessions()
                return ActionRows(problems, brief, c.all_actions().fetchall(), c.all_followups())
            rows = c.open_actions(open_in, series)
            brief = c.brief_sessions_of(r[6] for r in rows)
            marks = c.followups_for(r[0] for r in rows)
            return ActionRows(problems, brief, rows, marks)

        try:
            found = self._guarded(work)
        except StoreError as exc:
            return ActionRows([str(exc)], [], [], [])
        return found._replace(problems=[*self._taken(), *found.problems])

    def action_chunks(self) -> tuple[list[str], Iterator[ActionRows]]:
        """Every action as `action_rows()` gives them, `ACTION_CHUNK` at a time, each chunk with its
        sessions in brief and the follow-up statuses given its actions, read from one snapshot
        of the index as the chunks are taken (the index is brought up to date first: the
        problems met doing that are known before the first chunk)."""
        problems = self.sync()

        def chunks() -> Iterator[ActionRows]:
            catalog = self.catalog
            try:
                catalog.conn.execute("BEGIN")  # one snapshot: a chunk's sessions are all there
                rows = catalog.all_actions()
                while chunk := rows.fetchmany(ACTION_CHUNK):
                    yield ActionRows(
                        [],
                        catalog.brief_sessions_of({row[6] for row in chunk}),
                        chunk,
                        catalog.followups_for(row[0] for row in chunk),
                    )
            finally:
                catalog.close()  # a read: closing ends it
                self._catalog = None

        return [*self._taken(), *problems], chunks()

    def actions_of(self, origins: Sequence[Origin]) -> ActionRows:
        """`action_rows` of the actions agreed in these sessions only, from the index as it is
        (not brought up to date), with every follow-up status given them."""
        ids = [s.id for s in origins]

        def work(c: Catalog) -> ActionRows:
            return ActionRows([], list(origins), c.actions_in(ids), c.followups_of(ids))

        return self._guarded(work)._replace(problems=self._taken())

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
            return next(iter(_stored(c.summaries(series=series, limit=1))), None)

        return self._guarded(work)

    def series_sessions(self, series: str) -> list[SessionSummary]:
        """The summaries of one series' readable sessions, newest first, as `listing()` has them."""

        def work(c: Catalog) -> list[SessionSummary]:
            self._sync(c)
            return _stored(c.summaries(series=series))

        return self._guarded(work)

    def series_facts(self, series: str) -> tuple[list[SessionSummary], list[str]]:
        """`series_sessions`, and what the scorecard reads of each (`MeetingFacts` as JSON)."""

        def work(c: Catalog) -> tuple[list[SessionSummary], list[str]]:
            self._sync(c)
            summaries = _stored(c.summaries(series=series))
            return summaries, c.series_facts(series)

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
