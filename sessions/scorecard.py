"""The scorecard of a meeting series: sales, follow-through, participation and the meetings, one column per meeting.

`scorecard` is pure: the series' session records (as `DataDir.read` gives them), the
actions as `sessions.actions.load_actions` worked out their statuses, and `today`. Each
record is replayed and read into its `MeetingFacts` (`sessions.indexing.meeting_facts`, the
one home of that); `load_scorecard` reads the same facts from the index, which keeps them
beside each session's summary, and opens no session file. From the facts on, both are
`card_of`: the sales maths is `sessions.performance`, the talk maths
`sessions.participation` and the lengths of time `sessions.timing.totals`, as the facts
were worked out.

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

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from sessions.actions import ActionItem, load_actions
from sessions.clock import to_local
from sessions.datadir import DataDir
from sessions.disk import StoreError
from sessions.index import Index
from sessions.meeting_facts import CarriedItem, HandedOn, MeetingColumn, MeetingFacts
from sessions.performance import (
    NO_CARRIED_TARGETS,
    CarriedTargets,
    Performance,
    reps_performance,
)
from sessions.statuses import ActionStatus
from sessions.summary import SessionSummary, session_date

if TYPE_CHECKING:
    from sessions.state import SessionState
    from sessions.store import SessionRecord

# Results per session id: name -> amount (captured with /actual or imported from a file).
Results = Mapping[str, Mapping[str, float]]


class SalesCell(NamedTuple):
    target: float | None
    actual: float | None
    completion: float | None  # 1.0 is 100 %
    rank: int | None
    target_from: str | None = None  # FROM_AGENDA, FROM_PREVIOUS, or None without a target
    lagging: bool = False  # below target in this meeting and the one before


class RepSales(NamedTuple):
    name: str
    cells: tuple[SalesCell | None, ...]  # one per meeting; None: not a rep that month
    trend: float | None  # last completion minus the first, over the meetings with one

    @property
    def lagging(self) -> bool:
        """Below target two meetings running, somewhere in the period."""
        return any(cell is not None and cell.lagging for cell in self.cells)


class Sales(NamedTuple):
    reps: tuple[RepSales, ...]  # in the order they first appear
    team: tuple[SalesCell | None, ...]  # per meeting: totals; None without any rep
    trend: float | None


class OwnerRecord(NamedTuple):
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


class FollowThrough(NamedTuple):
    owners: tuple[OwnerRecord, ...]  # named owners by name, then the actions nobody owns
    total: OwnerRecord
    no_owner: int
    no_due: int


class PersonRecord(NamedTuple):
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


class Scorecard(NamedTuple):
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
    from sessions.state import replay_record  # lazy: start-up (a meeting's start, not a card's)

    state = replay_record(record)
    offset = int(record.meta.get("utc_offset", 0))
    return CarriedTargets(dict(state.targets), session_date(state.started_at, offset))


def _sales(
    meetings: Sequence[MeetingFacts], before: MeetingFacts | None, results: Results
) -> Sales:
    months: list[tuple[Performance, dict[str, str]]] = []
    previous = before
    for meeting in meetings:
        # What the meeting carried, as its header holds it (the minutes read the same); a
        # session started before headers kept them falls back on the meeting before it.
        kept = meeting.kept_targets
        carried = kept if kept is not None else previous.targets if previous else {}
        months.append(reps_performance(meeting.reps, carried, results.get(meeting.id, {})))
        previous = meeting
    names: list[str] = []
    for perf, _origin in months:
        names += [r.name for r in perf.reps if r.name not in names]
    # Each month's reps by name (the first of a name, as a search in order would find it).
    by_name = [{r.name: r for r in reversed(perf.reps)} for perf, _origin in months]
    reps = []
    for name in names:
        cells: list[SalesCell | None] = []
        below_before = False
        for (_perf, origin), month in zip(months, by_name, strict=True):
            rep = month.get(name)
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


def _people(meetings: Sequence[MeetingFacts]) -> tuple[PersonRecord, ...]:
    tables = [{row.name: row for row in m.people} for m in meetings]
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
                late=sum(1 for r in rows if r is not None and r.late),
                left_early=sum(1 for r in rows if r is not None and r.left_early),
                absent=sum(1 for r in rows if r is not None and not r.was_there),
                facilitated=sum(1 for m in meetings if m.column.facilitator == name),
            )
        )
    return tuple(people)


def carried_items(
    records: Sequence[SessionRecord], states: Sequence[SessionState]
) -> tuple[CarriedItem, ...]:
    """What the meetings inherited (open actions, topics left over), counted, most often first."""
    from sessions.indexing import handed_on  # lazy: start-up (the card reads the index's facts)

    return _counted(handed_on(r, s) for r, s in zip(records, states, strict=True))


def _counted(meetings: Iterable[Sequence[HandedOn]]) -> tuple[CarriedItem, ...]:
    first: dict[tuple[str, str], HandedOn] = {}  # each as it was first handed on
    times: Counter[tuple[str, str]] = Counter()
    for handed in meetings:
        for h in handed:
            first.setdefault((h.kind, h.key), h)
            times[(h.kind, h.key)] += 1
    counted = (CarriedItem(h.kind, h.text, h.owner, times[key]) for key, h in first.items())
    return tuple(sorted(counted, key=lambda c: -c.times))


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
    meetings count); `results` override the agendas' `actual:` per session id. Each record
    is read into its facts as the index reads it (`sessions.indexing.meeting_facts`).
    """
    from sessions.indexing import meeting_facts  # lazy: start-up (the card reads the index's)
    from sessions.state import replay_record  # lazy: start-up

    facts = [meeting_facts(r, replay_record(r)) for r in records]
    return card_of(series, facts, actions, today, results=results, start=start, end=end)


def card_of(
    series: str,
    facts: Sequence[MeetingFacts],
    actions: Sequence[ActionItem],
    today: date,
    *,
    results: Results | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Scorecard:
    """`scorecard` of the meetings' facts (in any order; those never started are left out)."""
    started = sorted(
        (f for f in facts if f.started_at is not None), key=lambda f: f.started_at or 0.0
    )
    before: MeetingFacts | None = None
    chosen: list[MeetingFacts] = []
    for meeting in started:
        day = date.fromisoformat(meeting.column.date or "0001-01-01")
        if start is not None and day < start:
            before = meeting
        elif end is None or day <= end:
            chosen.append(meeting)
    offsets = {m.id: m.utc_offset for m in chosen}
    agreed = [a for a in actions if a.origin in offsets]
    return Scorecard(
        series=series,
        today=today,
        meetings=tuple(m.column for m in chosen),
        sales=_sales(chosen, before, results or {}),
        follow_through=_follow_through(agreed, today, offsets),
        people=_people(chosen),
        carried=_counted(m.handed for m in chosen),
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
    """The series' scorecard from the index: each session's facts as it keeps them (brought up
    to date first: a changed session file is read again), and the actions' statuses.

    A session file that cannot be read is left out, as the listing leaves it out (it says why).
    """
    summaries, facts = Index(datadir).series_facts(series)
    book = load_actions(datadir, sessions=summaries)
    meetings = [MeetingFacts.from_json(text) for text in facts]
    return card_of(series, meetings, book.actions, today, results=results, start=start, end=end)


class SeriesLine(NamedTuple):
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
