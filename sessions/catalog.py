"""The derived history index in SQLite: `<data>/index.sqlite3`, a cache of the session files.

One file (WAL, schema version in `PRAGMA user_version`) holds a row per indexed session file
with its key on disk (inode, mtime_ns, size) and its summary, the actions and follow-up
statuses found in it, each person's attendance and talk time, each rep's target and actual,
and every section title and item text (`lines`, one row a session) with an FTS5 table over
them (`notes`: contentless, no positions, no sizes, the text as `sessions.fts.index_text`
cuts it; the text itself is kept once, in `lines`). A session's lines take rowids above every
line indexed before it, last line first, so that FTS5 can give hits newest first by rowid and
stop at a limit; the high bits of a line's rowid are its session's `number` (`LINE_BITS`),
so that a hit finds its session, and counting the sessions a search hits needs no look-up of
each hit's line, and its low bits its place in the session's row of `lines`.

Deleting it loses nothing: it is rebuilt from the session files. A file that is no SQLite
database, or one of another schema, is replaced. Writers take `BEGIN IMMEDIATE` with a busy
timeout, so two processes bringing it up to date at once wait for each other in turn.
This module only stores and queries rows; `sessions.index` and `sessions.indexing` decide what goes in.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import itertools
import json
import operator
import os
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from agendas.text import find_control, strip_control_in
from sessions.disk import compact_json, fsync_path
from sessions.fts import TOKENIZER, holds, index_text, long_runs, match_expression

if TYPE_CHECKING:
    from sessions.performance import RepResult

SCHEMA_VERSION = 11  # 3: attendance, reps; notes by CJK pairs, contentless; 4: open flag,
# names with the lines, the folder's key; 5: reps with the targets carried from the meeting before;
# 6: each session's listing (`lean`) kept as text beside its summary; 7: the scorecard's facts;
# 8: sessions numbered, their lines found by rowid range (no session column, no index), FTS
# without column sizes; 9: 16 KiB pages, each action with its session's start; 10: words cut
# by `sessions.fts` alone (the `ascii` tokenizer); 11: a session's lines one row
BUSY_TIMEOUT_MS = 60_000
# Bytes a page: SQLite's default (4,096) read the 20,000 listings of `list --json` half as fast.
PAGE_SIZE = 16_384
FTS_HASH_BYTES = 16 << 20  # see the schema's `hashsize`
# A line's rowid is (its session's number << LINE_BITS) + its place from the session's end:
# room for a million lines a session.
LINE_BITS = 20
LINE_MASK = (1 << LINE_BITS) - 1  # a line's place in its session's row, from its rowid

# What a session's listing (`minutely list --json` without `--full`) leaves out of its summary:
# every action and follow-up status, nine tenths of the text, which `minutely actions` gives.
LEAN_LEAVES_OUT = ("actions", "followup")

# Beside the index while a rebuild fills it unsynced, locked by the process filling it (`bulk`).
FILLING_SUFFIX = ".filling"

# What earlier versions kept beside the sessions instead of this file.
OLD_CACHES = ("index.json", "search.json")
OLD_SERIES_FOLDER = "series"

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS sessions (
    -- Its lines' rowids are number << LINE_BITS and up (a session stored again: a new number).
    number INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    inode INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    started_at REAL NOT NULL,
    series TEXT,
    status TEXT NOT NULL,
    folded TEXT NOT NULL,
    lean TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_newest ON sessions (started_at DESC, id DESC);
-- `list --json` reads every session's listing from this index alone, in its order: a few
-- pages read in turn, not a look-up of each row among the summaries' overflow pages.
CREATE INDEX IF NOT EXISTS sessions_listed ON sessions (started_at DESC, id DESC, lean);
-- What bringing the index up to date reads of every row, without the summaries' pages.
CREATE INDEX IF NOT EXISTS sessions_keys ON sessions (id, inode, mtime_ns, size, status);
CREATE INDEX IF NOT EXISTS sessions_series ON sessions (series, started_at DESC, id DESC);
-- The few sessions whose status a lock can change (live, interrupted).
CREATE INDEX IF NOT EXISTS sessions_unended ON sessions (status) WHERE status != 'ended';
CREATE TABLE IF NOT EXISTS actions (
    ref TEXT PRIMARY KEY,
    session TEXT NOT NULL,
    series TEXT,
    text TEXT NOT NULL,
    owner TEXT,
    due TEXT,
    criteria TEXT,
    at REAL NOT NULL,
    started REAL NOT NULL,  -- its session's `started_at`: `actions --open` sorts without a join
    open INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS actions_session ON actions (session);
-- The actions no follow-up has closed: what `actions --open` and a meeting's start read.
CREATE INDEX IF NOT EXISTS actions_open ON actions (series) WHERE open = 1;
CREATE INDEX IF NOT EXISTS actions_series ON actions (series);
CREATE TABLE IF NOT EXISTS followups (
    session TEXT NOT NULL,
    ref TEXT NOT NULL,
    status TEXT NOT NULL,
    comment TEXT,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS followups_session ON followups (session);
CREATE INDEX IF NOT EXISTS followups_ref ON followups (ref);
CREATE TABLE IF NOT EXISTS attendance (
    session TEXT NOT NULL,
    series TEXT,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    guest INTEGER NOT NULL,
    talk_seconds REAL NOT NULL,
    turns INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS attendance_session ON attendance (session);
CREATE INDEX IF NOT EXISTS attendance_name ON attendance (name);
CREATE TABLE IF NOT EXISTS reps (
    session TEXT NOT NULL,
    series TEXT,
    name TEXT NOT NULL,
    target REAL,
    actual REAL,
    completion REAL,
    rank INTEGER
);
CREATE INDEX IF NOT EXISTS reps_session ON reps (session);
CREATE INDEX IF NOT EXISTS reps_name ON reps (name);
-- What the series scorecard reads of each session (`sessions.meeting_facts`, as JSON).
CREATE TABLE IF NOT EXISTS facts (
    session TEXT PRIMARY KEY,
    facts TEXT NOT NULL
);
-- A session's lines (`number`: its session's), one row a session, not one a line (two million
-- rows at 20,000 sessions): JSON `[titles, lines]`, each line `[item, kind, section, title,
-- at, text, names]` (`title` its section title's place in `titles`), last line first: the
-- line whose rowid is `(number << LINE_BITS) + n` is `lines[n]` (`Catalog._found`).
CREATE TABLE IF NOT EXISTS lines (
    number INTEGER PRIMARY KEY,
    lines TEXT NOT NULL
);
-- No column sizes: nothing ranks hits (they come newest first), and sizes are a row a line more.
-- Words are cut where `sessions.fts` cuts them: its fold leaves no separator beyond ASCII.
CREATE VIRTUAL TABLE IF NOT EXISTS notes USING fts5(
    indexed, content='', detail=none, columnsize=0, tokenize='{TOKENIZER}'
);
-- What FTS5 gathers in memory before it writes a segment (1 MiB by default): a fill's
-- transaction of `BULK_BATCH` sessions then goes into one segment, not seven, and segments are
-- merged sixteen at a time, not four, each written again fewer times. The writer of a rebuild
-- of 20,000 sessions 1.2 s and 0.9 s of CPU lighter for them, search as fast.
INSERT INTO notes (notes, rank) VALUES ('hashsize', {FTS_HASH_BYTES});
INSERT INTO notes (notes, rank) VALUES ('automerge', 16);
-- The sessions folder as it was when the index was last brought up to date from a full scan:
-- its inode and mtime (every atomic write and every delete in it changes them), and the
-- damaged files kept aside in it then (as a JSON list).
CREATE TABLE IF NOT EXISTS folder (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    inode INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    aside TEXT NOT NULL
);
"""


# The secondary index a fill from nothing keeps while it runs (`Catalog._drop_indexes`): the
# one its end reads (which actions a follow-up status speaks of, `_settle_open`).
_KEPT_WHILE_FILLING = ("followups_ref",)


# Whether an action is open: no follow-up status closed it (done, cancelled), or one since
# opened it again.
_OPEN = (
    "coalesce((SELECT closed IS NULL OR opened >= closed FROM"
    " (SELECT max(CASE WHEN status IN ('done', 'cancelled') THEN at END) AS closed,"
    " max(CASE WHEN status NOT IN ('done', 'cancelled') THEN at END) AS opened"
    " FROM followups WHERE ref = actions.ref)), 0)"
)
# Which actions are open (`Catalog._settle_open`): those of `these` a follow-up status speaks
# of, or marked closed.
_SETTLE = (
    f"UPDATE actions SET open = {_OPEN} WHERE {{these}}"
    " AND (open != 1 OR EXISTS (SELECT 1 FROM followups WHERE ref = actions.ref))"
)
# The same at the end of a fill from nothing, which stores every action marked closed: the
# open ones marked so, a few rows written where a history's follow-ups have closed most. An
# action marked open meanwhile (stored by another process, which settles as it goes) is
# settled again when a follow-up status speaks of it, as `_SETTLE` would.
_SETTLE_FROM_CLOSED = (
    f"UPDATE actions SET open = {_OPEN} WHERE {{these}} AND CASE open WHEN 0 THEN {_OPEN}"
    " ELSE EXISTS (SELECT 1 FROM followups WHERE ref = actions.ref) END"
)
SETTLE_SLICE = 20_000  # actions settled a transaction at the end of a fill (`_settle_all`)


class Line(NamedTuple):
    """One searchable line of a session: an item's text, or a section title (kind "section",
    item 0). A named tuple: a rebuild makes a hundred of them for every session it reads."""

    item: int
    kind: str
    section: int
    section_title: str
    at: float | None
    text: str
    # Who it is about (an action's owner, a kudos' person, a speaker): searched, not shown.
    names: str = ""


class Person(NamedTuple):
    """One person on a session's attendance: status, talk time and turns when it ended."""

    name: str
    status: str
    guest: bool
    talk_seconds: float
    turns: int


class Entry(NamedTuple):
    """What is stored of one session file: its key on disk, its summary (as JSON), its lines,
    its people and its reps."""

    session: str
    key: tuple[int, int, int]  # inode, mtime_ns, size
    summary: dict[str, Any]
    lines: Sequence[Line]
    people: Sequence[Person] = ()
    reps: Sequence[RepResult] = ()  # the session's figures, as `record_performance` gives them
    facts: str = ""  # what the scorecard reads of it: `MeetingFacts.to_json`


class Origin(NamedTuple):
    """A session in brief, where actions were agreed: what the actions list shows of it."""

    id: str
    title: str | None
    date: str | None  # local ISO date it started on
    series: str | None
    started_at: float | None


class Rows(NamedTuple):
    """One session's rows, ready to insert: made where the session is read (a worker process
    in a rebuild, see `rows_of`), so the one writer only inserts. Its lines are given as the
    one text the `lines` table keeps of them, and their indexed texts, last line first (the
    order of their rowids)."""

    session: str
    started_at: float
    series: str | None
    head: tuple[Any, ...]
    actions: list[tuple[Any, ...]]
    followups: list[tuple[Any, ...]]
    people: list[tuple[Any, ...]]
    reps: list[tuple[Any, ...]]
    lines: str  # as the `lines` table keeps them (JSON); "" when it has none
    cut: tuple[str, ...]  # each line's indexed text (`indexed`), last line first
    facts: str = ""


# A control character as JSON escapes it (\u0000-\u001f, \b, \f, \r); \n and \t are kept.
_ESCAPED_CONTROL = re.compile(r"\\(u00[01][0-9a-fA-F]|[bfr])")


def _json_set(values: Iterable[str] | Iterable[int]) -> str:
    """Values for `IN (SELECT value FROM json_each(?))`: one parameter, however many."""
    return json.dumps(sorted(set(values)))


def holds_control(text: str) -> bool:
    """Whether JSON text holds a control character in its strings, escaped or raw."""
    return find_control(text) >= 0 or _ESCAPED_CONTROL.search(text) is not None


def control_free_json(text: str) -> str:
    """JSON text (compact, as `rows_of` writes it) with no control character in its strings,
    escaped or raw; parsed again only when it holds one (a session typed before they were refused)."""
    if not holds_control(text):
        return text
    return compact_json(strip_control_in(json.loads(text)))


def searched(text: str, names: str) -> str:
    """What search looks in for a line: its text, and the names it is about."""
    return f"{text}\n{names}" if names else text


def indexed(text: str, names: str) -> str:
    """What FTS5 indexes of a line: `index_text` of what search looks in (`searched`), the
    text and the names cut apart (no token spans their line break), so that the names, the
    same few people on line after line, are cut once each."""
    return f"{index_text(text)}\n{_indexed_names(names)}" if names else index_text(text)


@functools.lru_cache(maxsize=1024)
def _indexed_names(names: str) -> str:
    return index_text(names)


def rows_of(entry: Entry) -> Rows:
    """The rows of an entry: its summary as JSON text, and its listing (the summary less
    `LEAN_LEAVES_OUT`, with no control character: printed as it is), its lines with their
    indexed text."""
    s = entry.summary
    sid, series = entry.session, s["series"]
    folded = "\n".join((s["title"] or "", series or "", sid)).casefold()
    body = compact_json(s)
    lean = {key: value for key, value in s.items() if key not in LEAN_LEAVES_OUT}
    listed = control_free_json(compact_json(lean))
    started = s["started_at"] or 0
    return Rows(
        session=sid,
        started_at=started,
        series=series,
        head=(sid, *entry.key, started, series, s["status"], folded, listed, body),
        actions=[
            (
                a["ref"],
                sid,
                series,
                a["text"],
                a["owner"],
                a["due"],
                a["criteria"],
                a["at"],
                started,
            )
            for a in s["actions"]
        ],
        followups=[
            (sid, ref, f["status"], f["comment"], f["at"]) for ref, f in s["followup"].items()
        ],
        people=[(sid, series, *person) for person in entry.people],
        reps=[(sid, series, r.name, r.target, r.actual, r.completion, r.rank) for r in entry.reps],
        lines=_kept_lines(entry.lines),
        cut=tuple(indexed(line.text, line.names) for line in reversed(entry.lines)),
        facts=entry.facts,
    )


def _kept_lines(lines: Sequence[Line]) -> str:
    """A session's lines as the `lines` table keeps them (see the schema): "" when it has none."""
    if not lines:
        return ""
    titles: dict[str, int] = {}
    kept = [
        (item, kind, section, titles.setdefault(title, len(titles)), at, text, names)
        for item, kind, section, title, at, text, names in reversed(lines)
    ]
    return compact_json([list(titles), kept])


class Found(NamedTuple):
    """A line that matched a search, with what the hit list shows of its session."""

    session: str
    title: str
    date: str | None
    series: str | None
    utc_offset: int
    line: Line


def _into_wal(conn: sqlite3.Connection) -> None:
    """WAL mode. SQLite does not wait for a journal mode to change: while another process
    opening the same new file holds it a moment, the change fails at once as locked; it is
    asked again until the busy timeout has passed, as any other write would wait."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


@contextlib.contextmanager
def _not_waiting(conn: sqlite3.Connection) -> Iterator[None]:
    """What is asked inside never waits on another process (busy timeout 0): a change of
    journal mode that another connection holds off is given up at once, not after a minute."""
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


class Catalog:
    """A connection to the index file; `problems` says what opening it ran into."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []
        self._settle_later = False  # while a fill from nothing runs (`_drop_indexes`)
        self.conn = self._open()

    # -- opening -----------------------------------------------------------------------------------

    def _connect(self, target: str | Path) -> sqlite3.Connection:
        conn = sqlite3.connect(
            target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._forget_interrupted_fill()
            existed = self.path.is_file() and self.path.stat().st_size > 0
            conn = self._connect(self.path)
        except (OSError, sqlite3.OperationalError) as exc:
            return self._in_memory(exc)
        try:
            if self._prepare(conn) and existed:
                self.problems.append(f"{self.path}: not an index of this version, rebuilt")
        except sqlite3.OperationalError as exc:
            conn.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise
            return self._in_memory(exc)
        except sqlite3.DatabaseError:
            conn.close()
            self.problems.append(f"{self.path}: damaged, rebuilt from the session files")
            self._remove()
            conn = self._connect(self.path)
            self._prepare(conn)
        return conn

    def _in_memory(self, exc: BaseException) -> sqlite3.Connection:
        """An index that cannot be kept on disk is kept in memory: the listing still works."""
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if self.path.is_dir():
            reason = "Is a directory"
        self.problems.append(f"{self.path}: cannot read ({reason})")
        conn = self._connect(":memory:")
        self._prepare(conn)
        return conn

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                os.unlink(f"{self.path}{suffix}")

    def _prepare(self, conn: sqlite3.Connection) -> bool:
        """WAL, and the schema of this version (an older or newer one is dropped: a cache).

        True when the schema had to be made here."""
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        # With WAL, a commit not yet synced can be lost in a power cut, never corrupt the file;
        # lost rows are read again from the session files.
        conn.execute("PRAGMA synchronous = NORMAL")
        if version == SCHEMA_VERSION:
            conn.execute("SELECT count(*) FROM sessions WHERE 0").fetchone()
            return False
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # a new file's, before WAL
            _into_wal(conn)
        with self._writing(conn):
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == SCHEMA_VERSION:  # another process made it meanwhile
                return False
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                    " AND name NOT LIKE 'notes_%'"
                )
            ]
            for table in tables:
                conn.execute(f'DROP TABLE IF EXISTS "{table}"')
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self._resize_pages(conn)
        self._forget_old_caches()
        return True

    @staticmethod
    def _resize_pages(conn: sqlite3.Connection) -> None:
        """An index of another version, its tables just made again empty, takes `PAGE_SIZE`
        pages too (a page size holds in WAL mode: out of it for a moment, the file is made
        anew, which costs nothing while it is empty). Another process having it open keeps
        it in WAL: it keeps its pages, only slower to read."""
        if conn.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE:
            return
        try:
            with _not_waiting(conn):
                if conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete":
                    conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                    conn.execute("VACUUM")
        except sqlite3.OperationalError:
            pass  # busy: as it is
        finally:
            _into_wal(conn)

    def _forget_old_caches(self) -> None:
        root = self.path.parent
        for name in OLD_CACHES:
            with contextlib.suppress(OSError):
                (root / name).unlink()
        folder = root / OLD_SERIES_FOLDER
        if folder.is_dir():
            for cache in folder.glob("*.json"):
                with contextlib.suppress(OSError):
                    cache.unlink()
            with contextlib.suppress(OSError):
                folder.rmdir()

    @staticmethod
    @contextlib.contextmanager
    def _writing(conn: sqlite3.Connection) -> Iterator[None]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def reset(self) -> None:
        """Start again from an empty file (after the file turned out damaged while in use)."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        self.problems.append(f"{self.path}: damaged, rebuilt from the session files")
        self._remove()
        self.conn = self._open()

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    # -- writing ------------------------------------------------------------------------------------

    def keys(self, series: str | None = None) -> dict[str, tuple[int, int, int, str]]:
        """Every indexed session file (or those of one series): (inode, mtime_ns, size,
        status) by session id."""
        where, params = self._where(series, "")
        return {
            sid: (inode, mtime_ns, size, status)
            for sid, inode, mtime_ns, size, status in self.conn.execute(
                f"SELECT id, inode, mtime_ns, size, status FROM sessions{where}", params
            )
        }

    def ids(self) -> set[str]:
        """Every indexed session's id."""
        return {sid for (sid,) in self.conn.execute("SELECT id FROM sessions")}

    def unended(self) -> dict[str, str]:
        """The status (live, interrupted) of every indexed session not ended, by id."""
        return dict(self.conn.execute("SELECT id, status FROM sessions WHERE status != 'ended'"))

    def folder(self) -> tuple[tuple[int, int], list[str]] | None:
        """The sessions folder's (inode, mtime_ns) and the damaged files aside in it, as they
        were when the index was last brought up to date by a full scan; None when unknown."""
        row = self.conn.execute("SELECT inode, mtime_ns, aside FROM folder").fetchone()
        return None if row is None else ((row[0], row[1]), json.loads(row[2]))

    def keep_folder(self, key: tuple[int, int] | None, aside: Sequence[str] = ()) -> None:
        """Remember the folder as scanned (`folder`), or forget it (None: scan next time)."""
        known = self.folder()
        if (known is None and key is None) or known == (key, list(aside)):
            return  # no write when nothing changed
        with self._writing(self.conn):
            self.conn.execute("DELETE FROM folder")
            if key is not None:
                self.conn.execute(
                    "INSERT INTO folder VALUES (1, ?, ?, ?)", (*key, json.dumps(list(aside)))
                )

    def forget(self, session_ids: Iterable[str]) -> None:
        ids = list(session_ids)
        if not ids:
            return
        with self._writing(self.conn):
            spoken = self._followup_refs(ids)
            for sid in ids:
                self._delete(sid)
            self._settle_open(spoken)

    @contextlib.contextmanager
    def bulk(self) -> Iterator[None]:
        """For a long fill (a rebuild): commits not synced to disk, the rollback journal in
        memory rather than the write-ahead log (`_journal_in_memory`), a larger page cache;
        back to the write-ahead log and the file synced at the end.

        A process that stops with an error (ctrl+c among them) leaves every batch it committed
        whole, and the next one reads the session files not in the index yet. One killed, or a
        power cut, can leave pages half written: meanwhile `<index>.filling` is on disk,
        locked by this process, and an index found beside one that no process holds is taken
        for damaged and rebuilt (`_forget_interrupted_fill`). When another process holds it
        (filling the same index), this one writes synced and through the log, as at any
        other time."""
        conn = self.conn
        marker = self._mark_filling()
        # From nothing: the journal in memory, the indexes and the open marks at the end.
        fresh = marker is not None and conn.execute("SELECT 1 FROM sessions").fetchone() is None
        in_memory = False
        if marker is not None:
            conn.execute("PRAGMA synchronous = OFF")
            in_memory = fresh and self._journal_in_memory(conn)
        conn.execute("PRAGMA cache_size = -32768")  # KiB
        whole = True
        made_after: list[str] = []  # the indexes' own statements, as SQLite keeps them
        try:
            if fresh:
                made_after = self._drop_indexes()
                self._settle_later = True
            yield
            if not self._settle_later:
                # Filled in the order the files were read, the listing's index is left with
                # its pages half empty: at 20,000 sessions 9,800 pages for `list --json` to
                # read, not 4,000 (a tenth of that command's time). Made again in its own
                # order, it is packed (as every index made after the fill is).
                with self._writing(conn):
                    conn.execute("REINDEX sessions_listed")
        finally:
            if self._settle_later:
                self._settle_later = False
                try:
                    self._settle_all()
                    with self._writing(conn):
                        for statement in made_after:
                            conn.execute(statement)
                except sqlite3.Error:  # (a full disk): unsettled, the marker stays, and the
                    whole = False  # next command takes the index for damaged and rebuilds it
            if in_memory:
                with contextlib.suppress(sqlite3.Error):
                    _into_wal(conn)
            synced = self._sync_file()
            if marker is not None:
                if synced and whole:
                    with contextlib.suppress(OSError):
                        os.unlink(self._filling_path)
                os.close(marker)

    def _drop_indexes(self) -> list[str]:
        """Into an index with nothing in it yet (`bulk`), a fill goes without the secondary
        indexes it does not read, made again at its end each in one sort rather than kept up
        row by row, and settles which actions are open once, at its end too, rather than batch
        by batch (an action followed up at meeting after meeting was settled again at each).
        Stopped with an error, the fill still settles and makes them; killed, or unable to (a
        full disk), it leaves its marker, and the index is made again from nothing. Gives the
        statements that make them again."""
        conn = self.conn
        kept = ", ".join(f"'{name}'" for name in _KEPT_WHILE_FILLING)
        with self._writing(conn):
            found = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                f" AND name NOT IN ({kept})"
            ).fetchall()
            for name, _ in found:
                conn.execute(f'DROP INDEX "{name}"')
        return [sql for _, sql in found]

    @staticmethod
    def _journal_in_memory(conn: sqlite3.Connection) -> bool:
        """The rollback journal kept in memory while this process alone fills the index from
        nothing (`bulk`); True when it is. Through the write-ahead log, every page a fill
        makes is written twice (to the log, then copied into the file): at 20,000 sessions
        700 MB more, a quarter of the writer's time. A fill from nothing changes no page it
        had before, so the journal holds next to nothing, and a batch that fails is still
        rolled back. Left in the log when another process has the index open (it cannot be
        left then): as it was."""
        try:
            with _not_waiting(conn):
                return conn.execute("PRAGMA journal_mode = MEMORY").fetchone()[0] == "memory"
        except sqlite3.OperationalError:
            return False

    @property
    def _filling_path(self) -> str:
        """The marker beside the index while a rebuild fills it unsynced (`bulk`)."""
        return f"{self.path}{FILLING_SUFFIX}"

    def _sync_file(self) -> bool:
        """Fold the write-ahead log back into the file, synced; True when all of it was.

        A checkpoint syncs the file only when it copies a page: one is written first (the
        schema version, unchanged), so that pages copied unsynced before are synced too. A
        file left out of the log (another process held it as the fill ended) is synced here."""
        conn = self.conn
        try:
            conn.execute("PRAGMA synchronous = NORMAL")
            with self._writing(conn):
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                file = conn.execute("PRAGMA database_list").fetchone()[2]
                if file:  # not an index kept in memory (`_in_memory`): nothing on disk
                    fsync_path(file)
                return True
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except (sqlite3.Error, OSError):
            return False
        return busy == 0

    def _mark_filling(self) -> int | None:
        """`<index>.filling`, made, synced and locked by this process (its descriptor), or None
        when another process holds it or it cannot be made (the fill is then synced)."""
        path = self._filling_path
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.fsync(fd)
            fsync_path(self.path.parent)  # the marker's name is on disk before any unsynced page
        except OSError:
            os.close(fd)
            return None
        return fd

    def _forget_interrupted_fill(self) -> None:
        """An index beside a `.filling` marker that no process holds was being filled unsynced
        when its process stopped (perhaps with the machine): it cannot be trusted, and is
        removed to be rebuilt, one line said."""
        path = self._filling_path
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:
            return  # no marker: no fill was interrupted
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.fstat(fd).st_ino != os.stat(path).st_ino:
                return  # its fill ended meanwhile, and took it away
            self._remove()
            os.unlink(path)
            self.problems.append(f"{self.path}: a rebuild was interrupted, rebuilt")
        except OSError:
            return  # held: another process is filling it now
        finally:
            os.close(fd)

    def store(self, entries: Sequence[Entry | Rows]) -> None:
        """Replace the rows of these sessions, in one transaction (oldest first: see above)."""
        if not entries:
            return
        rows = [e if isinstance(e, Rows) else rows_of(e) for e in entries]
        rows.sort(key=lambda r: (r.started_at, r.session))
        with self._writing(self.conn):
            marks = ", ".join("?" * len(rows))
            ids = [r.session for r in rows]
            gone = [
                sid
                for (sid,) in self.conn.execute(
                    f"SELECT id FROM sessions WHERE id IN ({marks})", ids
                )
            ]
            spoken = self._followup_refs(gone)
            for sid in gone:
                self._delete(sid)
            self._insert(rows)
            if self._settle_later:  # a fill from nothing: once at its end (`_drop_indexes`)
                return
            spoken.update(a[0] for r in rows for a in r.actions)
            spoken.update(f[1] for r in rows for f in r.followups)
            self._settle_open(spoken)

    def _followup_refs(self, session_ids: Sequence[str]) -> set[str]:
        """The actions these sessions gave a follow-up status to."""
        if not session_ids:  # as in every batch of a fill from nothing: not even a look
            return set()
        return {
            ref
            for (ref,) in self.conn.execute(
                "SELECT ref FROM followups WHERE session IN (SELECT value FROM json_each(?))",
                (_json_set(session_ids),),
            )
        }

    def _settle_open(self, refs: Iterable[str]) -> None:
        """Mark these actions open unless their latest follow-up status closed them (done,
        cancelled): the index's part of `open_actions`. Kept with each action as sessions
        are stored and forgotten, so that asking touches only the actions still open.

        An action marked open that no follow-up status speaks of stays as it is, unwritten:
        most actions a rebuild stores have none yet (they come with the meetings after)."""
        self.conn.execute(
            _SETTLE.format(these="ref IN (SELECT value FROM json_each(?))"), (_json_set(refs),)
        )

    def _settle_all(self) -> None:
        """At the end of a fill from nothing, which stored every action closed, the open ones
        marked so (`_SETTLE_FROM_CLOSED`, the rule of `_settle_open`): a slice of the table a
        transaction, so that the rollback journal (in memory while filling) holds a slice's
        pages at a time, not the whole table's (at 20,000 sessions 45 MB). At 20,000 sessions
        whose follow-ups closed all but 1,598 of 388,160 actions, 0.4 s where settling each
        took 0.95 s: the rows written are the open ones."""
        conn = self.conn
        last = conn.execute("SELECT coalesce(max(rowid), 0) FROM actions").fetchone()[0]
        for first in range(0, last + 1, SETTLE_SLICE):
            with self._writing(conn):
                conn.execute(
                    _SETTLE_FROM_CLOSED.format(these="rowid BETWEEN ? AND ?"),
                    (first, first + SETTLE_SLICE - 1),
                )

    def _insert(self, rows: Sequence[Rows]) -> None:
        conn = self.conn
        top = conn.execute("SELECT coalesce(max(number), 0) FROM sessions").fetchone()[0]
        numbers = range(top + 1, top + 1 + len(rows))
        conn.executemany(
            "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(number, *r.head) for number, r in zip(numbers, rows, strict=True)],
        )
        # A fill from nothing stores each action closed, and marks the open ones at its end.
        opened = 0 if self._settle_later else 1
        for table, values, pick in (
            (
                "actions (ref, session, series, text, owner, due, criteria, at, started, open)",
                f"{', '.join('?' * 9)}, {opened}",
                lambda r: r.actions,
            ),
            ("followups", ", ".join("?" * 5), lambda r: r.followups),
            ("attendance", ", ".join("?" * 7), lambda r: r.people),
            ("reps", ", ".join("?" * 7), lambda r: r.reps),
            ("facts", "?, ?", lambda r: [(r.session, r.facts)] if r.facts else []),
        ):
            verb = "INSERT OR REPLACE" if table.startswith("actions") else "INSERT"
            conn.executemany(
                f"{verb} INTO {table} VALUES ({values})", [row for r in rows for row in pick(r)]
            )
        notes: list[tuple[int, str]] = []
        for number, r in zip(numbers, rows, strict=True):
            base = number << LINE_BITS  # last line first: the first gets the highest rowid
            notes.extend(zip(range(base, base + len(r.cut)), r.cut, strict=True))
        conn.executemany(
            "INSERT INTO lines VALUES (?, ?)",
            [(number, r.lines) for number, r in zip(numbers, rows, strict=True) if r.lines],
        )
        conn.executemany("INSERT INTO notes (rowid, indexed) VALUES (?, ?)", notes)

    def _delete(self, session_id: str) -> None:
        conn = self.conn
        kept = conn.execute(
            "SELECT l.number, l.lines FROM sessions s JOIN lines l ON l.number = s.number"
            " WHERE s.id = ?",
            (session_id,),
        ).fetchone()
        if kept is not None:  # its lines: one range of rowids
            number, lines = kept
            # A contentless FTS5 table forgets a row when told the text it indexed for it.
            conn.executemany(
                "INSERT INTO notes (notes, rowid, indexed) VALUES ('delete', ?, ?)",
                [
                    ((number << LINE_BITS) + n, indexed(line[5], line[6]))
                    for n, line in enumerate(json.loads(lines)[1])
                ],
            )
            conn.execute("DELETE FROM lines WHERE number = ?", (number,))
        for table, column in (
            ("followups", "session"),
            ("actions", "session"),
            ("attendance", "session"),
            ("reps", "session"),
            ("facts", "session"),
            ("sessions", "id"),
        ):
            conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (session_id,))

    # -- reading ------------------------------------------------------------------------------------

    def summaries(
        self,
        *,
        series: str | None = None,
        text: str = "",
        limit: int | None = None,
        lean: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """Stored summaries (as JSON dicts; `lean`: the listings), newest first, streamed from
        the database."""
        for body in self.summary_texts(series=series, text=text, limit=limit, lean=lean):
            yield json.loads(body)

    def summary_texts(
        self,
        *,
        series: str | None = None,
        text: str = "",
        limit: int | None = None,
        lean: bool = False,
    ) -> Iterator[str]:
        """Stored summaries as the JSON text they were written as, newest first; `lean`: their
        listings (without `LEAN_LEAVES_OUT`, see `rows_of`)."""
        where, params = self._where(series, text)
        column = "lean" if lean else "body"
        sql = f"SELECT {column} FROM sessions{where} ORDER BY started_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        for (body,) in self.conn.execute(sql, params):
            yield body

    def listed_texts(self, size: int) -> Iterator[list[bytes]]:
        """Every session's listing as stored (see `rows_of`), newest first, as UTF-8 bytes to
        print as they are (not decoded here to be encoded again), `size` at a time, from the
        covering index `sessions_listed`: nothing parsed, nothing taken out here."""
        self.conn.text_factory = bytes
        first = operator.itemgetter(0)
        try:
            cursor = self.conn.execute(
                "SELECT lean FROM sessions ORDER BY started_at DESC, id DESC"
            )
            while chunk := cursor.fetchmany(size):
                yield list(map(first, chunk))
        finally:
            self.conn.text_factory = str

    def with_status(self, statuses: Sequence[str]) -> Iterator[dict[str, Any]]:
        """Stored summaries of the sessions in these states (live, interrupted), newest first."""
        marks = ", ".join("?" for _ in statuses)
        sql = (
            f"SELECT body FROM sessions WHERE status IN ({marks}) ORDER BY started_at DESC, id DESC"
        )
        for (body,) in self.conn.execute(sql, list(statuses)):
            yield json.loads(body)

    def count(self, *, series: str | None = None, text: str = "") -> int:
        where, params = self._where(series, text)
        return int(self.conn.execute(f"SELECT count(*) FROM sessions{where}", params).fetchone()[0])

    @staticmethod
    def _where(series: str | None, text: str) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if series is not None:
            clauses.append("series = ?")
            params.append(series)
        wanted = text.strip().casefold()
        if wanted:
            clauses.append("instr(folded, ?) > 0")
            params.append(wanted)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def series_facts(self, series: str) -> list[str]:
        """What the scorecard reads of each session of the series (JSON), newest first, as
        `summaries(series=...)` has them."""
        return [
            text
            for (text,) in self.conn.execute(
                "SELECT f.facts FROM sessions s JOIN facts f ON f.session = s.id"
                " WHERE s.series = ? ORDER BY s.started_at DESC, s.id DESC",
                (series,),
            )
        ]

    def series_names(self) -> list[str]:
        return [
            row[0]
            for row in self.conn.execute(
                "SELECT DISTINCT series FROM sessions WHERE series IS NOT NULL ORDER BY series"
            )
        ]

    def brief_sessions(self) -> list[Origin]:
        """Every session in brief (id, title, date, series, start), newest first."""
        return self._brief("", ())

    def _brief(self, where: str, params: Sequence[Any]) -> list[Origin]:
        return list(
            map(
                Origin._make,
                self.conn.execute(
                    "SELECT id, json_extract(lean, '$.title'), json_extract(lean, '$.date'), series,"
                    f" json_extract(lean, '$.started_at') FROM sessions {where}"
                    " ORDER BY started_at DESC, id DESC",
                    params,
                ),
            )
        )

    def all_actions(self) -> sqlite3.Cursor:
        """Every action, oldest session first and in the order captured:
        (ref, text, owner, due, criteria, at, session), read as the cursor is.

        Session by session (`sessions_newest` backwards, then `actions_session`), so that no
        sort of every action is made before the first one is read."""
        return self.conn.execute(
            "SELECT a.ref, a.text, a.owner, a.due, a.criteria, a.at, a.session"
            " FROM sessions s CROSS JOIN actions a ON a.session = s.id"
            " ORDER BY s.started_at, s.id, a.rowid"
        )

    def open_actions(self, also: Sequence[str], series: str | None = None) -> list[tuple[Any, ...]]:
        """The actions (of one series, or all) that may still be open, in `all_actions`' order
        and shape: those no follow-up status closed (their `open` flag, see `_settle_open`),
        and those `also` (the refs the ledger speaks of) holds. Statuses themselves are worked
        out by `sessions.actions`; this only leaves out what cannot be open."""
        agreed, params = ("", []) if series is None else (" AND a.series = ?", [series])
        pick = "SELECT ref, text, owner, due, criteria, at, session, started, rowid AS n FROM actions a"
        found = self.conn.execute(
            f"{pick} WHERE a.open = 1{agreed}"
            f" UNION ALL {pick} WHERE a.open != 1"
            f" AND a.ref IN (SELECT value FROM json_each(?)){agreed}"
            " ORDER BY started, session, n",
            [*params, _json_set(also), *params],
        )
        return [row[:7] for row in found]

    def action_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM actions").fetchone()[0])

    def action_owners(self) -> list[str]:
        """Everyone who owns an action anywhere, sorted."""
        return [
            row[0]
            for row in self.conn.execute(
                "SELECT DISTINCT owner FROM actions WHERE owner IS NOT NULL AND owner != ''"
                " ORDER BY owner"
            )
        ]

    def brief_sessions_of(self, session_ids: Iterable[str]) -> list[Origin]:
        """`brief_sessions` of these sessions only, newest first."""
        return self._brief(
            "WHERE id IN (SELECT value FROM json_each(?))", (_json_set(session_ids),)
        )

    def actions_in(self, session_ids: Iterable[str]) -> list[tuple[Any, ...]]:
        """The actions agreed in these sessions, in `all_actions`' shape."""
        return self.conn.execute(
            "SELECT ref, text, owner, due, criteria, at, session FROM actions"
            " WHERE session IN (SELECT value FROM json_each(?)) ORDER BY rowid",
            (_json_set(session_ids),),
        ).fetchall()

    def followups_given(self, session_id: str) -> int:
        """How many follow-up statuses were given in this session."""
        found = self.conn.execute("SELECT count(*) FROM followups WHERE session = ?", (session_id,))
        return int(found.fetchone()[0])

    def followups_for(self, refs: Iterable[str]) -> list[tuple[str, str, str, str | None, float]]:
        """Follow-up statuses given anywhere to these actions: (session given in, ref, status,
        comment, at)."""
        return self.conn.execute(
            "SELECT session, ref, status, comment, at FROM followups"
            " WHERE ref IN (SELECT value FROM json_each(?))",
            (_json_set(refs),),
        ).fetchall()

    def all_followups(self) -> list[tuple[str, str, str, str | None, float]]:
        return self.conn.execute(
            "SELECT session, ref, status, comment, at FROM followups"
        ).fetchall()

    def followups_of(self, origins: Iterable[str]) -> list[tuple[str, str, str, str | None, float]]:
        """Follow-up statuses given anywhere to the actions agreed in these sessions (those
        they still hold): (session given in, ref, status, comment, at)."""
        wanted = sorted(set(origins))
        found: list[tuple[str, str, str, str | None, float]] = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.extend(
                # Through the actions agreed in them (two indexed look-ups), not by cutting
                # every follow-up's ref (a scan of the whole table).
                self.conn.execute(
                    "SELECT session, ref, status, comment, at FROM followups"
                    f" WHERE ref IN (SELECT ref FROM actions WHERE session IN ({marks}))",
                    chunk,
                )
            )
        return found

    def search(self, query: str, *, series: str | None, limit: int) -> tuple[list[Found], int, int]:
        """Lines matching `query` (newest session first, then in meeting order), the number of
        lines matched and the number of sessions they are in.

        Newest first is the order of the lines' rowids (see above), so FTS5 walks its matches
        from the highest rowid down and stops at the limit; the counts come apart from that.
        """
        expression = match_expression(query)
        if expression is None:
            return [], 0, 0
        runs = long_runs(query)
        joined, where, params = "", "notes MATCH ?", [expression]
        if series is not None:
            joined = f" JOIN sessions s ON s.number = notes.rowid >> {LINE_BITS}"
            where, params = f"{where} AND s.series = ?", [expression, series]
        with self._reading():
            if not runs:
                rowids = self.conn.execute(
                    f"SELECT notes.rowid FROM notes{joined} WHERE {where}"
                    " ORDER BY notes.rowid DESC LIMIT ?",
                    [*params, limit],
                )
                return (self._found(r for (r,) in rowids), *self._counts(joined, where, params))
            # The pairs narrow it down; the text itself says which lines hold the runs. Each
            # candidate's text is taken out of its session's row by SQLite (which parses the
            # row once for all the candidates in it), not by parsing every row here.
            place = f"'$[1][' || (notes.rowid & {LINE_MASK}) || ']'"
            candidates = self.conn.execute(
                f"SELECT notes.rowid, json_extract(l.lines, {place} || '[5]'),"
                f" json_extract(l.lines, {place} || '[6]')"
                f" FROM notes JOIN lines l ON l.number = notes.rowid >> {LINE_BITS}{joined}"
                f" WHERE {where} ORDER BY notes.rowid DESC",
                params,
            )
            held = [
                rowid
                for rowid, text, names in candidates
                if text is not None and holds(searched(text, names or ""), runs)
            ]
            sessions = len({rowid >> LINE_BITS for rowid in held})
            return self._found(held[:limit]), len(held), sessions

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """One read transaction: what its statements read is the index as it was at one time
        (another process may store or forget sessions between two statements otherwise)."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            self.conn.execute("COMMIT")

    def _found(self, rowids: Iterable[int]) -> list[Found]:
        """The lines of these rowids (newest first, so that a session's come together), each
        session's row read once, with what the hit list shows of their sessions."""
        hits: list[tuple[int, list[str], list[Any]]] = []
        for number, group in itertools.groupby(rowids, key=lambda rowid: rowid >> LINE_BITS):
            row = self.conn.execute(
                "SELECT lines FROM lines WHERE number = ?", (number,)
            ).fetchone()
            if row is not None:
                titles, lines = json.loads(row[0])
                hits.extend(
                    (number, titles, lines[n])
                    for n in (r & LINE_MASK for r in group)
                    if n < len(lines)
                )
        heads = {
            number: rest
            for number, *rest in self.conn.execute(
                "SELECT number, id, json_extract(body, '$.title'), json_extract(body, '$.date'),"
                " series, json_extract(body, '$.utc_offset') FROM sessions"
                " WHERE number IN (SELECT value FROM json_each(?))",
                (_json_set(number for number, _, _ in hits),),
            )
        }
        return [
            Found(
                sid,
                title or "",
                day,
                series,
                offset or 0,
                Line(item, kind, section, titles[place], at, text, names),
            )
            for number, titles, (item, kind, section, place, at, text, names) in hits
            if number in heads
            for sid, title, day, series, offset in [heads[number]]
        ]

    def _counts(self, joined: str, where: str, params: list[Any]) -> tuple[int, int]:
        """How many lines match, and in how many sessions (a line's session is the high bits
        of its rowid: no line looked up)."""
        total, sessions = self.conn.execute(
            f"SELECT count(*), count(DISTINCT notes.rowid >> {LINE_BITS}) FROM notes{joined}"
            f" WHERE {where}",
            params,
        ).fetchone()
        return int(total), int(sessions)
