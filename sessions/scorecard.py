"""The scorecard of a meeting series: sales, follow-through, participation and the meetings, one column per meeting.

`scorecard` is pure: the series' session records (as `DataDir.read` gives them), the
actions as `sessions.actions.load_actions` worked out their statuses, and `today`. Each
record is replayed with `replay_record`; the sales maths is `sessions.performance`, the talk
maths `sessions.participation`, the lengths of time `sessions.timing.totals`.

Where a meeting's sales figures come from
-----------------------------------------
* target: the agenda's `target:` for the rep; else what `/target NAME AMOUNT` set in the
  previous meeting of the series (targets carry forward one meeting), as the session header
  kept it when the meeting started (`header_targets`).
* result: `results[session id][name]` when given (results imported after the meeting),
  else the meeting's own: `/actual NAME AMOUNT` over the agenda's `actual:`
  (`sessions.performance.session_reps`).

The meeting's `rating` is the average of the ratings given in it (`/rate`, or at `/end`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sessions.actions import ActionItem, load_actions
from sessions.capture import ItemKind
from sessions.clock import local_clock, to_local
from sessions.datadir import DataDir
from sessions.disk import StoreError
from sessions.events import AttendanceStatus
from sessions.index import Index
from sessions.participation import facilitator_dominates, participation
from sessions.performance import (
    NO_CARRIED_TARGETS,
    CarriedTargets,
    Performance,
    header_targets,
    month_performance,
)
from sessions.state import SessionState, replay_record
from sessions.statuses import ActionStatus
from sessions.store import SessionRecord
from sessions.summary import SessionSummary, session_date
from sessions.timing import totals

# Results per session id: name -> amount (captured with /actual or imported from a file).
Results = Mapping[str, Mapping[str, float]]


# Where a meeting's target for a rep came from.
@dataclass(frozen=True)
class MeetingColumn:
    """One meeting of the series: its place in the scorecard and how it went."""

    id: str
    title: str
    date: str | None  # local ISO date it started on
    planned: int  # the agenda's seconds
    extended: int
    elapsed: float  # start to end, pauses included
    in_sections: float
    unreached: tuple[str, ...]  # sections never reached (breaks left out)
    carried_actions: int  # open actions it inherited
    carried_topics: int  # sections not reached and parking lot of the meeting before
    actions: int  # actions agreed in it
    facilitator: str | None
    facilitator_share: float | None  # of all talk; None when nobody spoke
    dominated: bool  # the facilitator held over half of the talk
    ended: bool
    rating: float | None = None  # the average of the ratings given; None: nobody rated it
    time: str | None = None  # local time it started, `09:00`

    @property
    def overrun(self) -> float:
        """Seconds past the planned length (negative: ended early)."""
        return self.elapsed - self.planned


@dataclass(frozen=True)
class SalesCell:
    target: float | None
    actual: float | None
    completion: float | None  # 1.0 is 100 %
    rank: int | None
    target_from: str | None = None  # FROM_AGENDA, FROM_PREVIOUS, or None without a target
    lagging: bool = False  # below target in this meeting and the one before


@dataclass(frozen=True)
class RepSales:
    name: str
    cells: tuple[SalesCell | None, ...]  # one per meeting; None: not a rep that month
    trend: float | None  # last completion minus the first, over the meetings with one

    @property
    def lagging(self) -> bool:
        """Below target two meetings running, somewhere in the period."""
        return any(cell is not None and cell.lagging for cell in self.cells)


@dataclass(frozen=True)
class Sales:
    reps: tuple[RepSales, ...]  # in the order they first appear
    team: tuple[SalesCell | None, ...]  # per meeting: totals; None without any rep
    trend: float | None


@dataclass(frozen=True)
class OwnerRecord:
    """How one owner kept the actions agreed in the period (owner None: nobody's)."""

    owner: str | None
    assigned: int
    done: int
    on_time: int
    late: int
    open: int
    overdue: int  # open and past due today
    cancelled: int
    no_due: int

    @property
    def kept(self) -> float | None:
        """Done on time over those whose time has come (done by a due date, or overdue)."""
        judged = self.on_time + self.late + self.overdue
        return self.on_time / judged if judged else None


@dataclass(frozen=True)
class FollowThrough:
    owners: tuple[OwnerRecord, ...]  # named owners by name, then the actions nobody owns
    total: OwnerRecord
    no_owner: int
    no_due: int


@dataclass(frozen=True)
class PersonRecord:
    """One person's part across the meetings."""

    name: str
    shares: tuple[float | None, ...]  # talk share per meeting; None: not on that roster, or absent
    talk: tuple[float | None, ...]  # seconds per meeting
    trend: float | None  # last share minus the first, over the meetings they were in
    silent: int  # meetings they were in and never spoke
    late: int
    left_early: int
    absent: int
    facilitated: int  # meetings they ran


@dataclass(frozen=True)
class CarriedItem:
    """Something handed on from meeting to meeting: an open action, or a topic left over."""

    kind: str  # "action" | "section" | "parking"
    text: str
    owner: str | None
    times: int  # meetings that inherited it


@dataclass(frozen=True)
class Scorecard:
    series: str
    today: date
    meetings: tuple[MeetingColumn, ...]  # oldest first
    sales: Sales
    follow_through: FollowThrough
    people: tuple[PersonRecord, ...]
    carried: tuple[CarriedItem, ...]  # most often carried first


def _trend(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return known[-1] - known[0] if len(known) >= 2 else None


def _local_date(state: SessionState, record: SessionRecord) -> str | None:
    return session_date(state.started_at, int(record.meta.get("utc_offset", 0)))


# -- sales -----------------------------------------------------------------------------------


def carried_targets(datadir: DataDir, previous: str | None) -> CarriedTargets:
    """The targets set in session `previous` (a session header's `previous`), with its date.

    A previous session that cannot be read carries nothing: the meeting goes on without it.
    Read once, when a meeting starts, into its header: see `header_targets`.
    """
    if not previous:
        return NO_CARRIED_TARGETS
    try:
        record = datadir.read(previous)
    except StoreError:
        return NO_CARRIED_TARGETS
    state = replay_record(record)
    return CarriedTargets(dict(state.targets), _local_date(state, record))


def _sales(
    records: Sequence[SessionRecord],
    states: Sequence[SessionState],
    before: SessionState | None,
    results: Results,
) -> Sales:
    months: list[tuple[Performance, dict[str, str]]] = []
    previous = before
    for record, state in zip(records, states, strict=True):
        # What the meeting carried, as its header holds it (the minutes read the same); a
        # session started before headers kept them falls back on the meeting before it.
        kept = header_targets(record.meta)
        carried = kept.targets if kept is not None else previous.targets if previous else {}
        months.append(month_performance(state, carried, results.get(record.id, {})))
        previous = state
    names: list[str] = []
    for perf, _origin in months:
        names += [r.name for r in perf.reps if r.name not in names]
    reps = []
    for name in names:
        cells: list[SalesCell | None] = []
        below_before = False
        for perf, origin in months:
            rep = next((r for r in perf.reps if r.name == name), None)
            if rep is None:
                cells.append(None)
                below_before = False
                continue
            below = rep.completion is not None and rep.completion < 1.0
            cells.append(
                SalesCell(
                    rep.target,
                    rep.actual,
                    rep.completion,
                    rep.rank,
                    origin.get(name),
                    lagging=below and below_before,
                )
            )
            below_before = below
        reps.append(
            RepSales(name, tuple(cells), _trend([c.completion if c else None for c in cells]))
        )
    team = tuple(
        SalesCell(perf.target, perf.actual, perf.completion, None) if perf.reps else None
        for perf, _origin in months
    )
    return Sales(tuple(reps), team, _trend([c.completion if c else None for c in team]))


# -- follow-through --------------------------------------------------------------------------


def _done_on(action: ActionItem, offsets: Mapping[str, int]) -> date | None:
    """The local date the action was last marked done (None unless it is done now)."""
    if action.status != ActionStatus.DONE or action.last is None:
        return None
    return to_local(action.last.at, offsets.get(action.origin, 0)).date()


def _owner_record(
    owner: str | None, actions: Sequence[ActionItem], today: date, offsets: Mapping[str, int]
) -> OwnerRecord:
    on_time = late = done = 0
    for a in actions:
        finished = _done_on(a, offsets)
        if finished is None:
            continue
        done += 1
        if a.due is not None:
            if finished <= a.due:
                on_time += 1
            else:
                late += 1
    return OwnerRecord(
        owner=owner,
        assigned=len(actions),
        done=done,
        on_time=on_time,
        late=late,
        open=sum(1 for a in actions if a.is_open),
        overdue=sum(1 for a in actions if a.days_overdue(today) > 0),
        cancelled=sum(1 for a in actions if a.status == ActionStatus.CANCELLED),
        no_due=sum(1 for a in actions if a.due is None),
    )


def _follow_through(
    actions: Sequence[ActionItem], today: date, offsets: Mapping[str, int]
) -> FollowThrough:
    owners = sorted({a.owner for a in actions if a.owner})
    rows = [_owner_record(o, [a for a in actions if a.owner == o], today, offsets) for o in owners]
    nobody = [a for a in actions if not a.owner]
    if nobody:
        rows.append(_owner_record(None, nobody, today, offsets))
    return FollowThrough(
        owners=tuple(rows),
        total=_owner_record(None, actions, today, offsets),
        no_owner=len(nobody),
        no_due=sum(1 for a in actions if a.due is None),
    )


# -- participation and the meetings ----------------------------------------------------------


def _people(states: Sequence[SessionState]) -> tuple[PersonRecord, ...]:
    tables = [{row.name: row for row in participation(s, s.as_of)} for s in states]
    names: list[str] = []
    for table in tables:
        names += [n for n in table if n not in names]
    people = []
    for name in names:
        rows = [table.get(name) for table in tables]
        # Presence as the minutes count it (`was_there`): not checked in, or announced late
        # and never come, is absent; a late arrival or an early leaver was there.
        shares = tuple(r.share if r is not None and r.was_there else None for r in rows)
        people.append(
            PersonRecord(
                name=name,
                shares=shares,
                talk=tuple(r.talk_time if r is not None else None for r in rows),
                trend=_trend(shares),
                silent=sum(1 for r in rows if r is not None and r.silent),
                late=sum(
                    1
                    for r in rows
                    if r is not None and r.was_there and r.status is AttendanceStatus.LATE
                ),
                left_early=sum(
                    1 for r in rows if r is not None and r.status is AttendanceStatus.LEFT
                ),
                absent=sum(1 for r in rows if r is not None and not r.was_there),
                facilitated=sum(1 for s in states if s.agenda.facilitator == name),
            )
        )
    return tuple(people)


def _column(record: SessionRecord, state: SessionState) -> MeetingColumn:
    now = state.as_of
    spent = totals(state, now)
    facilitator = state.agenda.facilitator
    rows = {row.name: row for row in participation(state, now)}
    spoken = any(row.talk_time for row in rows.values())
    lead = rows.get(facilitator) if facilitator else None
    return MeetingColumn(
        id=record.id,
        title=str(record.meta.get("title") or state.agenda.meeting.title),
        date=_local_date(state, record),
        planned=spent.planned,
        extended=spent.extended,
        elapsed=spent.elapsed,
        in_sections=spent.in_sections,
        unreached=state.unreached_titles(),
        carried_actions=len(state.carried),
        carried_topics=len(record.meta.get("carried_topics") or ()),
        actions=sum(1 for it in state.active_items() if it.kind is ItemKind.ACTION),
        facilitator=facilitator,
        facilitator_share=lead.share if lead is not None and spoken else None,
        dominated=facilitator_dominates(state, now),
        ended=state.ended,
        rating=state.rating,
        time=local_clock(state.started_at, int(record.meta.get("utc_offset", 0))) or None,
    )


def carried_items(
    records: Sequence[SessionRecord], states: Sequence[SessionState]
) -> tuple[CarriedItem, ...]:
    """What the meetings inherited (open actions, topics left over), counted, most often first."""
    found: dict[tuple[str, str], CarriedItem] = {}
    for record, state in zip(records, states, strict=True):
        handed: list[tuple[tuple[str, str], CarriedItem]] = [
            (("action", a.ref), CarriedItem("action", a.text, a.owner, 1)) for a in state.carried
        ]
        for topic in record.meta.get("carried_topics") or ():
            kind, text = str(topic.get("kind") or "section"), str(topic.get("text") or "")
            handed.append(((kind, text), CarriedItem(kind, text, None, 1)))
        for key, item in handed:
            seen = found.get(key)
            found[key] = item if seen is None else replace(seen, times=seen.times + 1)
    return tuple(sorted(found.values(), key=lambda c: -c.times))


# -- the scorecard ---------------------------------------------------------------------------


def scorecard(
    series: str,
    records: Sequence[SessionRecord],
    actions: Sequence[ActionItem],
    today: date,
    *,
    results: Results | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Scorecard:
    """The series' scorecard over the meetings that started between `start` and `end` (inclusive).

    `records` may hold meetings before `start`: the one just before gives the first meeting
    its carried targets. `actions` are every action known (only those agreed in the period's
    meetings count); `results` override the agendas' `actual:` per session id.
    """
    replayed = [(r, replay_record(r)) for r in records]
    replayed = [(r, s) for r, s in replayed if s.started_at is not None]
    replayed.sort(key=lambda pair: pair[1].started_at or 0.0)
    before: SessionState | None = None
    chosen: list[tuple[SessionRecord, SessionState]] = []
    for record, state in replayed:
        day = date.fromisoformat(_local_date(state, record) or "0001-01-01")
        if start is not None and day < start:
            before = state
        elif end is None or day <= end:
            chosen.append((record, state))
    picked = [r for r, _s in chosen]
    states = [s for _r, s in chosen]
    offsets = {r.id: int(r.meta.get("utc_offset", 0)) for r in picked}
    agreed = [a for a in actions if a.origin in offsets]
    return Scorecard(
        series=series,
        today=today,
        meetings=tuple(_column(r, s) for r, s in chosen),
        sales=_sales(picked, states, before, results or {}),
        follow_through=_follow_through(agreed, today, offsets),
        people=_people(states),
        carried=carried_items(picked, states),
    )


# -- reading a series ------------------------------------------------------------------------


def load_scorecard(
    datadir: DataDir,
    series: str,
    today: date,
    *,
    results: Results | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Scorecard:
    """Read the series' sessions and the actions' statuses, then work the scorecard out.

    A session file that cannot be read is left out, as the listing leaves it out (it says why).
    """
    summaries = Index(datadir).series_sessions(series)
    records = []
    for summary in summaries:
        try:
            records.append(datadir.read(summary.id))
        except StoreError:
            continue
    book = load_actions(datadir, sessions=summaries)
    return scorecard(series, records, book.actions, today, results=results, start=start, end=end)


@dataclass(frozen=True)
class SeriesLine:
    """One series as `minutely series` lists it."""

    name: str
    meetings: int
    first: str | None  # ISO dates
    last: str | None
    open_actions: int


def series_overview(
    sessions: Sequence[SessionSummary], actions: Sequence[ActionItem]
) -> list[SeriesLine]:
    """Every series of the listing, the one met most recently first."""
    lines = []
    for name in sorted({s.series for s in sessions if s.series}):
        dates = sorted(s.date for s in sessions if s.series == name and s.date)
        lines.append(
            SeriesLine(
                name=name,
                meetings=sum(1 for s in sessions if s.series == name),
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
                open_actions=sum(1 for a in actions if a.series == name and a.is_open),
            )
        )
    return sorted(lines, key=lambda line: line.last or "", reverse=True)
