"""Action items across sessions: their effective status, the ledger of changes made after the meeting, and exports.

Where an action's status comes from
-----------------------------------
An action is born `open` when it is captured (`/a …`) in a session; its reference is
`<session id>#<item id>`. Its status then changes in two places, and neither ever rewrites
an ended session file:

* at a later meeting of the series, in the follow-up section (`/status N done|doing|blocked
  comment`): a `followup` event in *that* session's log, found through the index;
* after the meeting, from the actions screen or `minutely actions done|cancel|reopen|…`:
  one record appended to the ledger `<data>/actions.json` (a TinyDB file written atomically
  by `AtomicStorage`): `{ref, status, comment, at, where}` where `status` is one of
  done/cancelled/reopened/doing/blocked, `at` is epoch seconds and `where` says where it
  was said ("actions screen", "cli", or a session id).

The effective status is the latest change by time across both (a tie goes to the ledger);
`reopened` makes it `open` again. Open means open, doing or blocked.

The minutes show an action's reference as `#N` with the session id once
(`minutely actions done <session id>#N`); `last#N` means action N of the latest session.

The CSV export's headers and the ICS descriptions are in the export's language (`--lang`, else
the meeting's); the CSV keeps `status` machine-readable (open, doing, blocked, done, cancelled)
and adds `status_label`, the same status in that language ("in progress", "进行中").
A text cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a
carriage return) is written with a leading `'`, as OWASP advises; the JSON keeps the text as
typed. Numbers Minutely writes itself (`days_overdue`) stay numbers.

No export writes a control character: each strips them where it turns text into output.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import islice
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from agendas.text import strip_control
from sessions.catalog import Origin, control_free_json, holds_control
from sessions.datadir import DataDir
from sessions.dates import days_overdue
from sessions.disk import DamagedFile, StoreError, compact_json, read_json_file
from sessions.i18n import t
from sessions.index import Index
from sessions.statuses import ActionStatus, status_after

if TYPE_CHECKING:
    from sessions.summary import SessionSummary

LEDGER_NAME = "actions.json"
LEDGER_STATUSES = (
    ActionStatus.DONE,
    ActionStatus.CANCELLED,
    ActionStatus.REOPENED,
    ActionStatus.DOING,
    ActionStatus.BLOCKED,
)
OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.DOING, ActionStatus.BLOCKED)
CLOSED_STATUSES = (ActionStatus.DONE, ActionStatus.CANCELLED)
WHERE_SCREEN = "actions screen"
WHERE_CLI = "cli"

# The groups of the actions list, in the order they are shown.
GROUPS = ("overdue", "today", "open", "closed")


class ActionError(StoreError):
    """A change that cannot be made (unknown reference, already in that status...)."""


def ledger_path(datadir: DataDir) -> Path:
    return datadir.root / LEDGER_NAME


def read_ledger(datadir: DataDir) -> list[LedgerEntry]:
    """Every change recorded after meetings, oldest first."""
    try:
        data = read_json_file(ledger_path(datadir))
    except FileNotFoundError:
        return []
    if not isinstance(data, dict):
        return []
    table = data.get("changes") or {}
    return [LedgerEntry.from_dict(table[k]) for k in sorted(table, key=int)]


@contextlib.contextmanager
def _ledger_lock(datadir: DataDir) -> Any:
    # The app and the command line may both record a change; TinyDB rewrites the whole file.
    datadir.ensure()
    fd = os.open(datadir.root / "actions.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def append_change(
    datadir: DataDir, ref: str, status: str, comment: str | None, at: float, where: str
) -> LedgerEntry:
    """Append one change to the ledger; when this returns it is on disk."""
    if status not in LEDGER_STATUSES:
        raise ActionError(f"status is one of {', '.join(LEDGER_STATUSES)}")
    from tinydb import TinyDB  # lazy: start-up (reading the actions needs it not)

    from sessions.store import AtomicStorage  # lazy: start-up

    entry = LedgerEntry(ref, status, (comment or "").strip() or None, round(float(at), 3), where)
    with _ledger_lock(datadir):
        storage = AtomicStorage(ledger_path(datadir))
        db = TinyDB(ledger_path(datadir), storage=lambda _path: storage)
        try:
            db.table("changes", cache_size=0).insert(entry.to_dict())
        finally:
            db.close()
    return entry


# The records here are NamedTuples: at import a dataclass takes several times as long to make,
# and `minutely actions` loads this module before its first line.


class Change(NamedTuple):
    status: str
    comment: str | None
    at: float
    where: str


class LedgerEntry(NamedTuple):
    """One change recorded after a meeting, as the ledger keeps it: `{ref, status, comment, at, where}`.

    `from_dict`/`to_dict` are the only readers and writers of that shape; an early record
    without a time or a place reads as time 0 and no place.
    """

    ref: str
    status: str
    comment: str | None
    at: float  # epoch seconds
    where: str  # "actions screen", "cli" or a session id

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> LedgerEntry:
        return cls(
            ref=raw["ref"],
            status=raw["status"],
            comment=raw.get("comment"),
            at=float(raw.get("at") or 0),
            where=raw.get("where") or "",
        )

    def to_dict(self) -> dict[str, str | float | None]:
        return {
            "ref": self.ref,
            "status": self.status,
            "comment": self.comment,
            "at": self.at,
            "where": self.where,
        }

    @property
    def change(self) -> Change:
        return Change(self.status, self.comment, self.at, self.where)


# `ActionItem.to_dict` as `compact_json` writes it, the keys in the same order.
_ROW = (
    '{"ref":%s,"text":%s,"owner":%s,"due":%s,"criteria":%s,"origin":%s,"origin_title":%s,'
    '"origin_date":%s,"series":%s,"days_overdue":%d,"status":%s,"comment":%s,"history":%s}'
)


def _text(value: str | None) -> str:
    """A string (or None) as `compact_json` encodes it."""
    return "null" if value is None else encode_basestring(value)


class ActionItem(NamedTuple):
    """One agreed action, wherever it was captured, with its status as of now (its `history`
    grows when a change is recorded)."""

    ref: str
    text: str
    owner: str | None
    due: date | None
    criteria: str | None
    origin: str
    origin_title: str
    origin_date: str | None
    series: str | None
    at: float
    history: list[Change]

    @property
    def last(self) -> Change | None:
        return self.history[-1] if self.history else None

    @property
    def status(self) -> str:
        last = self.last
        return ActionStatus.OPEN if last is None else status_after(last.status)

    @property
    def comment(self) -> str | None:
        last = self.last
        return last.comment if last is not None else None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def days_overdue(self, today: date) -> int:
        return self._overdue(self.status, today)

    def _overdue(self, status: str, today: date) -> int:
        """Days past its due date, counted only while it is open (`status`, worked out once)."""
        return days_overdue(self.due, today) if status in OPEN_STATUSES else 0

    def group(self, today: date) -> str:
        if not self.is_open:
            return "closed"
        if self.due is not None and self.due < today:
            return "overdue"
        if self.due == today:
            return "today"
        return "open"

    def to_dict(self, today: date) -> dict[str, Any]:
        """JSON-safe, in the shape the follow-up section and the exports use."""
        status = self.status  # once: `minutely actions --format json` makes one per action
        return {
            "ref": self.ref,
            "text": self.text,
            "owner": self.owner,
            "due": self.due.isoformat() if self.due else None,
            "criteria": self.criteria,
            "origin": self.origin,
            "origin_title": self.origin_title,
            "origin_date": self.origin_date,
            "series": self.series,
            "days_overdue": self._overdue(status, today),
            "status": status,
            "comment": self.comment,
            "history": self._history(),
        }

    def _history(self) -> list[dict[str, Any]]:
        return [
            {"status": c.status, "comment": c.comment, "at": c.at, "where": c.where}
            for c in self.history
        ]

    def json_row(self, today: date) -> str:
        """`compact_json(self.to_dict(today))`, the same text made directly: `minutely actions
        --format json` writes one an action, and the dict and its encoding were most of its
        time (1,600 open actions: 16 ms, now 8). Text by the JSON encoder's own string
        escaping; the history as `to_dict` has it (most actions have none)."""
        status = self.status
        last = self.last
        history = compact_json(self._history()) if self.history else "[]"
        return _ROW % (
            _text(self.ref),
            _text(self.text),
            _text(self.owner),
            _text(self.due.isoformat() if self.due else None),
            _text(self.criteria),
            _text(self.origin),
            _text(self.origin_title),
            _text(self.origin_date),
            _text(self.series),
            self._overdue(status, today),
            _text(status),
            _text(last.comment if last is not None else None),
            history,
        )


class ActionBook(NamedTuple):
    """Every action of the data directory (or, read with `open_only`, every one still open),
    with the problems met while reading them."""

    actions: list[ActionItem]
    sessions: list[Origin]  # the sessions they were agreed in, newest first
    problems: list[str]
    # Read with `open_only`: the index that holds every action, asked for the owners and the
    # count only when they are needed (`--owner`, or nothing open to show).
    everything: Index | None = None

    def get(self, ref: str) -> ActionItem | None:
        for action in self.actions:
            if action.ref == ref:
                return action
        return None

    @property
    def owners(self) -> list[str]:
        """Everyone who owns an action, open or not, sorted."""
        if self.everything is not None:
            return self.everything.action_owners()
        return sorted({a.owner for a in self.actions if a.owner})

    @property
    def total(self) -> int:
        """How many actions the data directory holds, open or not."""
        if self.everything is not None:
            return self.everything.action_count()
        return len(self.actions)

    @property
    def series(self) -> list[str]:
        return sorted({s.series for s in self.sessions if s.series})


def load_actions(
    datadir: DataDir,
    sessions: list[SessionSummary] | None = None,
    ledger: list[LedgerEntry] | None = None,
    *,
    open_only: bool = False,
    series: str | None = None,
    origins: Sequence[SessionSummary] | None = None,
) -> ActionBook:
    """Every action with its history, from the index and the ledger (no session file is opened when the index is fresh).

    Without `sessions`, every action of the data folder, read from the index's tables (the
    book's sessions are then in brief: no items); with `open_only`, only those still open
    (the index leaves out the ones a follow-up closed and the ledger never mentions), and
    with `series` too, only those agreed in that series (what a new meeting carries). With
    `sessions`, those sessions' actions, with the follow-up statuses the index holds for
    them wherever they were given; with `origins`, the same read from the index's tables as
    they are (the summaries may be lean: `Index.page(lean=True)`).
    """
    asides, ledger = _ledger_read(datadir, ledger)
    if sessions is not None:
        marks = Index(datadir).followups_of(s.id for s in sessions)
        actions = _actions(sessions, _changes_by_ref(sessions, ledger, marks))
        return ActionBook(actions, [origin_of(s) for s in sessions], asides)
    index = Index(datadir)
    if origins is not None:
        found = index.actions_of([origin_of(s) for s in origins])
    else:
        found = index.action_rows([rec.ref for rec in ledger] if open_only else None, series)
    actions = _indexed_actions(found.sessions, found.rows, _changes_by_ref([], ledger, found.marks))
    if not open_only:
        return ActionBook(actions, found.sessions, [*found.problems, *asides])
    still_open = [a for a in actions if a.is_open]
    return ActionBook(still_open, found.sessions, [*found.problems, *asides], index)


def _ledger_read(
    datadir: DataDir, ledger: list[LedgerEntry] | None
) -> tuple[list[str], list[LedgerEntry]]:
    """What to say about the ledger, and its changes (`ledger` when given)."""
    # Said on every load, not once: what was recorded in a damaged ledger is not shown.
    asides = [
        f"{aside.name}: the actions ledger was damaged and kept aside; changes recorded in it are not shown"
        for aside in sorted(datadir.root.glob(f"{LEDGER_NAME}.corrupt-*"))
    ]
    if ledger is None:
        try:
            ledger = read_ledger(datadir)
        except (DamagedFile, StoreError) as exc:
            asides.append(str(exc))
            ledger = []
    return asides, ledger


def iter_actions(datadir: DataDir) -> tuple[list[str], Iterator[ActionItem]]:
    """Every action, as `load_actions(datadir).actions` has them, made a chunk at a time as
    they are read from the index (`Index.action_chunks`): what `minutely actions --format
    json` writes at any size of history without holding it all (at 20,000 sessions, 388,000
    actions and 455,000 follow-up statuses). The problems are known before the first action.
    """
    asides, ledger = _ledger_read(datadir, None)
    by_ref: dict[str, list[LedgerEntry]] = {}
    for entry in ledger:
        by_ref.setdefault(entry.ref, []).append(entry)
    problems, chunks = Index(datadir).action_chunks()

    def actions() -> Iterator[ActionItem]:
        for found in chunks:
            said = [e for row in found.rows for e in by_ref.get(row[0], ())]
            yield from _indexed_actions(
                found.sessions, found.rows, _changes_by_ref([], said, found.marks)
            )

    return [*problems, *asides], actions()


def origin_of(summary: SessionSummary) -> Origin:
    """What the actions list shows of the session an action was agreed in."""
    return Origin(summary.id, summary.title, summary.date, summary.series, summary.started_at)


def _indexed_actions(
    sessions: list[Origin], rows: list[tuple[Any, ...]], changes: dict[str, list[Change]]
) -> list[ActionItem]:
    by_id = {s.id: s for s in sessions}
    parse_date = date.fromisoformat
    actions: list[ActionItem] = []
    for ref, text, owner, due, criteria, at, session_id in rows:
        origin = by_id[session_id]
        actions.append(
            ActionItem(
                ref,
                text,
                owner,
                parse_date(due) if due else None,
                criteria,
                session_id,
                origin.title or "",
                origin.date,
                origin.series,
                at or 0.0,
                list(changes.get(ref, ())),
            )
        )
    return actions


def _changes_by_ref(
    sessions: list[SessionSummary],
    ledger: list[LedgerEntry],
    marks: list[tuple[str, str, str, str | None, float]] | None = None,
) -> dict[str, list[Change]]:
    """Every change of status per action, in order: meetings' follow-up and the ledger merged.

    `marks` are follow-up statuses the index holds for these sessions' actions, given in
    sessions that may not be among `sessions` (a page of the history, one series).
    """
    changes: dict[str, list[tuple[float, int, Change]]] = {}
    given: set[tuple[str, str]] = set()
    for entry in sessions:
        for ref, f in entry.followup.items():
            given.add((entry.id, ref))
            changes.setdefault(ref, []).append(
                (float(f.at), 0, Change(f.status, f.comment, float(f.at), entry.id))
            )
    for session_id, ref, status, comment, at in marks or ():
        if (session_id, ref) not in given:
            changes.setdefault(ref, []).append(
                (float(at), 0, Change(status, comment, float(at), session_id))
            )
    for rec in ledger:
        changes.setdefault(rec.ref, []).append((rec.at, 1, rec.change))
    return {
        ref: [c for _at, _rank, c in sorted(found, key=_change_order)]
        for ref, found in changes.items()
    }


def _actions(sessions: list[SessionSummary], changes: dict[str, list[Change]]) -> list[ActionItem]:
    actions: list[ActionItem] = []
    parse_date = date.fromisoformat
    # Oldest sessions first, so that the list reads in the order the actions were agreed.
    for entry in reversed(sessions):
        for a in entry.actions:
            actions.append(
                ActionItem(
                    a.ref,
                    a.text,
                    a.owner,
                    parse_date(a.due) if a.due else None,
                    a.criteria,
                    entry.id,
                    entry.title or "",
                    entry.date,
                    entry.series,
                    a.at or 0.0,
                    list(changes.get(a.ref, ())),
                )
            )
    return actions


def _change_order(change: tuple[float, int, Change]) -> tuple[float, int]:
    return change[0], change[1]


def resolve_owner(typed: str, owners: Sequence[str]) -> str:
    """The owner meant by `typed`, by the capture bar's rules (exact, any case, unambiguous prefix)."""
    from sessions.capture import CaptureError, resolve_name  # lazy: start-up (the parser)

    try:
        return resolve_name(typed, owners)
    except CaptureError as exc:
        raise ActionError(str(exc)) from exc


def owners_meant(typed: str, owners: Sequence[str]) -> tuple[str, ...]:
    """Everyone `typed` may mean as it is being typed, by `resolve_owner`'s rules: the one
    it names, or all those it is an ambiguous prefix of; none when it names no one."""
    from sessions.capture import AmbiguousName, CaptureError  # lazy: start-up (the parser)

    try:
        return (resolve_owner(typed, owners),)
    except ActionError as exc:
        cause = exc.__cause__
        if isinstance(cause, AmbiguousName):
            return cause.candidates
        if isinstance(cause, CaptureError):
            return ()
        raise


def select(
    actions: Iterable[ActionItem],
    *,
    open_only: bool = False,
    owner: str | None = None,
    series: str | None = None,
    owners: Collection[str] | None = None,
) -> list[ActionItem]:
    """The actions that pass the filters; `owner` must already be resolved (`owners`: any
    of them, as `owners_meant` gives them)."""
    return list(selected(actions, open_only=open_only, owner=owner, series=series, owners=owners))


def selected(
    actions: Iterable[ActionItem],
    *,
    open_only: bool = False,
    owner: str | None = None,
    series: str | None = None,
    owners: Collection[str] | None = None,
) -> Iterator[ActionItem]:
    """`select`, taken as they come (from `iter_actions`: not all held at once)."""
    return (
        a
        for a in actions
        if (not open_only or a.is_open)
        and (owner is None or a.owner == owner)
        and (owners is None or a.owner in owners)
        and (series is None or a.series == series)
    )


def grouped(actions: Iterable[ActionItem], today: date) -> dict[str, list[ActionItem]]:
    """Overdue, due today, open and closed (done or cancelled), each in a sensible order."""
    groups: dict[str, list[ActionItem]] = {g: [] for g in GROUPS}
    for a in actions:
        groups[a.group(today)].append(a)
    groups["overdue"].sort(key=lambda a: (a.due or date.max, a.at))
    groups["open"].sort(key=lambda a: (a.due or date.max, a.at))
    groups["today"].sort(key=lambda a: a.at)
    groups["closed"].sort(key=lambda a: a.last.at if a.last else a.at, reverse=True)
    return groups


def latest_session(book: ActionBook) -> str | None:
    """The id of the session that started last (ids order by the minute; within it, by when)."""
    if not book.sessions:
        return None
    newest = max(book.sessions, key=lambda s: (s.id[:13], s.started_at or 0.0))
    return newest.id


def resolve_ref(book: ActionBook, typed: str) -> ActionItem:
    """An action from its reference, as the minutes show it: `<session id>#N`, where the
    session part may be any unambiguous prefix of its id, or `last` for the latest session."""
    typed = typed.strip()
    found = book.get(typed)
    if found is not None:
        return found
    session_part, sep, item_part = typed.partition("#")
    if not sep or not item_part.isdigit():
        raise ActionError(f"{typed!r} is not an action reference like 20261201-0900-ab12#3")
    if session_part.casefold() in ("last", "latest"):
        latest = latest_session(book)
        found = book.get(f"{latest}#{int(item_part)}") if latest else None
        if found is None:
            # The number is the item's in the session, not its place among the actions: say which there are.
            numbers = sorted(
                int(a.ref.rpartition("#")[2]) for a in book.actions if a.origin == latest
            )
            refs = ", ".join(f"#{n}" for n in numbers)
            key = "err.no_action_in_latest" if numbers else "err.no_action_in_latest.none"
            raise ActionError(key=key, n=int(item_part), session=latest, refs=refs)
        return found
    matches = [
        a
        for a in book.actions
        if a.origin.startswith(session_part) and a.ref.endswith(f"#{int(item_part)}")
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ActionError(
            f"{typed!r} matches {len(matches)} actions: {', '.join(a.ref for a in matches[:5])}"
        )
    raise ActionError(f"no action {typed!r}; `minutely actions` lists them")


def change_status(
    datadir: DataDir,
    typed_ref: str,
    status: str,
    comment: str | None,
    at: float,
    where: str,
    book: ActionBook | None = None,
) -> ActionItem:
    """Record a change of status made after the meeting; returns the action as it is now."""
    book = book if book is not None else load_actions(datadir)
    action = resolve_ref(book, typed_ref)
    wanted = status_after(status)
    if action.status == wanted:
        raise ActionError(f"{action.ref} is already {wanted}")
    if status == ActionStatus.REOPENED and action.is_open:
        raise ActionError(f"{action.ref} is open already")
    action.history.append(append_change(datadir, action.ref, status, comment, at, where).change)
    action.history.sort(key=lambda c: c.at)
    return action


# -- exports ---------------------------------------------------------------------------------


def json_rows(actions: Iterable[ActionItem], today: date) -> str:
    """These actions as `to_json` writes them, one a line (`ActionItem.json_row`), joined by
    ",\\n" without the brackets; taken apart again only when they hold a control character
    (`control_free_json`)."""
    rows = [a.json_row(today) for a in actions]
    text = ",\n".join(rows)
    return ",\n".join(map(control_free_json, rows)) if holds_control(text) else text


def to_json(actions: Sequence[ActionItem], today: date) -> str:
    """A JSON list of `ActionItem.to_dict`, one action a line, compact (as `minutely list
    --json` writes sessions), with no control character. At 20,000 sessions the indented
    whole, which only the pure-Python encoder writes, took most of the command's time."""
    rows = json_rows(actions, today)
    return "[\n" + rows + "\n]\n" if rows else "[]\n"


# How many actions `write_json` encodes at a time.
JSON_CHUNK = 200


def write_json(actions: Iterable[ActionItem], today: date, out: IO[bytes]) -> None:
    """`to_json` of these actions written to `out` (the same bytes), `JSON_CHUNK` at a time:
    with `iter_actions`, memory stays the same for any number of actions. A few hundred at a
    time is also faster than the whole at once (1,600 open actions: 10 ms, not 14): the
    memory of one chunk is used again for the next."""
    head = b"[\n"
    it = iter(actions)
    while batch := list(islice(it, JSON_CHUNK)):
        out.write(head)  # apart: `head + rows` would copy the chunk once more
        out.write(json_rows(batch, today).encode("utf-8"))
        head = b",\n"
    out.write(b"[]\n" if head == b"[\n" else b"\n]\n")


CSV_COLUMNS = (
    "ref",
    "status",
    "status_label",
    "text",
    "owner",
    "due",
    "days_overdue",
    "criteria",
    "origin_date",
    "origin_title",
    "origin",
    "comment",
)


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell as written: text without control characters, never read as a formula; numbers as they are."""
    if not isinstance(value, str):
        return "" if value is None else value
    text = strip_control(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(actions: Sequence[ActionItem], today: date, lang: str = "en") -> bytes:
    """UTF-8 with a byte-order mark, so that a spreadsheet opens the Chinese intact.

    `status` stays machine-readable; `status_label` is the same status as the tables word it.
    """
    import csv  # lazy: start-up (every other format needs it not)
    import io  # lazy: start-up

    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([t(f"csv.{c}", lang) for c in CSV_COLUMNS])
    for a in actions:
        d = a.to_dict(today)
        d["status_label"] = t(f"status.{a.status}", lang)
        writer.writerow([csv_cell(d[c]) for c in CSV_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


ICS_STATUS: dict[str, str] = {
    ActionStatus.OPEN: "NEEDS-ACTION",
    ActionStatus.DOING: "IN-PROCESS",
    ActionStatus.BLOCKED: "NEEDS-ACTION",
    ActionStatus.DONE: "COMPLETED",
    ActionStatus.CANCELLED: "CANCELLED",
}


def ics_uid(ref: str) -> str:
    """A UID that stays the same across exports, so calendars update instead of duplicating."""
    return f"{ref.replace('#', '-')}@minutely"


def ics_description(a: ActionItem, lang: str = "en") -> str:
    """What a calendar shows under an action's title, in `lang`: owner, criteria, where it was
    agreed, the last comment."""
    lines = []
    if a.owner:
        lines.append(t("ics.owner", lang, owner=a.owner))
    if a.criteria:
        lines.append(t("ics.criteria", lang, criteria=a.criteria))
    when = a.origin_date or a.origin
    lines.append(t("ics.from", lang, title=a.origin_title, when=when, ref=a.ref))
    if a.comment:
        lines.append(t("ics.comment", lang, comment=a.comment))
    return strip_control("\n".join(lines))


def to_ics(actions: Sequence[ActionItem], stamp: float, lang: str = "en") -> bytes:
    """One VTODO per action (due date, summary, criteria and origin, status, stable UID)."""
    from datetime import UTC, datetime

    from icalendar import Todo

    dtstamp = datetime.fromtimestamp(stamp, UTC)
    todos = []
    for a in actions:
        todo = Todo()
        todo.add("uid", ics_uid(a.ref))
        todo.add("dtstamp", dtstamp)
        todo.add("summary", strip_control(a.text))
        todo.add("description", ics_description(a, lang))
        if a.due is not None:
            todo.add("due", a.due)
        todo.add("status", ICS_STATUS[a.status])
        if a.status == ActionStatus.DONE and a.last is not None:
            todo.add("completed", datetime.fromtimestamp(a.last.at, UTC))
        todos.append(todo)
    return ics_calendar(todos)


def ics_calendar(components: Sequence[Any]) -> bytes:
    """One calendar file of these to-dos or events, as every ICS export writes it."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//Minutely//actions//EN")
    cal.add("version", "2.0")
    for component in components:
        cal.add_component(component)
    return bytes(cal.to_ical())
