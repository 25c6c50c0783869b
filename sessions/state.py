"""The session as a fold of its event log: every screen and every minutes file is derived from it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from agendas.model import Agenda, SectionKind
from sessions.capture import ItemKind
from sessions.dates import days_overdue
from sessions.events import (
    AppResumed,
    AttendanceMarked,
    AttendanceStatus,
    ChecklistTicked,
    Deferred,
    Ended,
    Event,
    Extended,
    FollowupGiven,
    ImprovementNoted,
    Interrupted,
    ItemAdded,
    ItemDeleted,
    ItemEdited,
    ItemRestored,
    ItemUndone,
    Paused,
    RatingGiven,
    ResultSet,
    Resumed,
    SectionEntered,
    SpeakerChanged,
    Started,
    TargetSet,
)
from sessions.statuses import FollowupMark

if TYPE_CHECKING:
    from sessions.store import SessionRecord

# A pause at least this long counts as a break for the "sitting too long" warning.
BREAK_PAUSE_SECONDS = 5 * 60


# What a header's carried action keeps as text, in this order (`CarriedAction.from_dict`):
# its fields, then what early files said instead of `text` and `origin_date`.
_CARRIED_TEXTS = (
    "ref",
    "text",
    "owner",
    "due",
    "criteria",
    "origin",
    "origin_title",
    "origin_date",
    "series",
    "status",
    "comment",
    "what",
    "date",
)


@dataclass(frozen=True)
class CarriedAction:
    """An open action of the series as a new meeting inherits it, numbered for `/status N …`.

    Kept in the session's header; `from_dict`/`to_dict` are the only readers of that shape.
    """

    ref: str  # "<session id>#<item number>"
    text: str
    owner: str | None = None
    owner_known: bool = True
    due: str | None = None  # ISO date
    criteria: str | None = None
    origin: str | None = None  # session id
    origin_title: str | None = None
    origin_date: str | None = None  # ISO date
    series: str | None = None
    days_overdue: int | None = None
    status: str | None = None  # its last known status: open, doing or blocked
    comment: str | None = None

    @classmethod
    def from_dict(cls, raw: dict[str, Any], number: int = 0) -> CarriedAction:
        """As a header keeps it; early files said `what` for the text and `date` for the origin date.

        Made as the generated `__init__` would make it (every field set; no `__post_init__`),
        without that `__init__`'s `object.__setattr__` per field of a frozen dataclass: a
        header carries a few dozen, and a rebuild reads every header of the history."""
        # Each as text (a number too), None when missing, null or empty: one pass, no call a field.
        ref, text, owner, due, criteria, origin, title, day, series, status, comment, what, date = [
            None if value is None or value == "" else str(value)
            for value in map(raw.get, _CARRIED_TEXTS)
        ]
        overdue = raw.get("days_overdue")
        carried = object.__new__(cls)
        carried.__dict__.update(
            ref=ref or str(number),
            text=text or what or "",
            owner=owner,
            owner_known=bool(raw.get("owner_known", True)),
            due=due,
            criteria=criteria,
            origin=origin,
            origin_title=title,
            origin_date=day or date,
            series=series,
            days_overdue=overdue if isinstance(overdue, int) else None,
            status=status,
            comment=comment,
        )
        return carried

    def to_dict(self) -> dict[str, Any]:
        raw = {
            "ref": self.ref,
            "text": self.text,
            "owner": self.owner,
            "due": self.due,
            "criteria": self.criteria,
            "origin": self.origin,
            "origin_title": self.origin_title,
            "origin_date": self.origin_date,
            "series": self.series,
            "days_overdue": self.days_overdue,
            "status": self.status,
            "comment": self.comment,
        }
        if not self.owner_known:
            raw["owner_known"] = False
        return raw


@dataclass
class Item:
    id: int
    kind: ItemKind
    text: str
    section: int  # agenda index
    at: float
    owner: str | None = None
    owner_known: bool = True
    due: date | None = None
    criteria: str | None = None
    speaker: str | None = None
    undone: bool = False
    deleted: bool = False
    edited_at: float | None = None

    @property
    def active(self) -> bool:
        return not (self.undone or self.deleted)

    def overdue(self, today: date) -> int:
        """Days an action's due date has passed (0 for other items and dates to come)."""
        return days_overdue(self.due, today) if self.kind is ItemKind.ACTION else 0


@dataclass
class SectionRun:
    index: int
    extended: int = 0  # seconds added by /extend
    used: float = 0.0  # running seconds in closed stretches
    open_since: float | None = None  # start of the stretch running now
    first_entered: float | None = None
    last_left: float | None = None
    deferred: bool = False


@dataclass
class Attendance:
    status: AttendanceStatus = AttendanceStatus.EXPECTED
    arrived: float | None = None
    left: float | None = None
    guest: bool = False


@dataclass
class Talk:
    seconds: float = 0.0  # closed stretches
    turns: int = 0


@dataclass
class Downtime:
    since: float  # last sign of life before the app went away
    until: float  # when it came back

    @property
    def seconds(self) -> float:
        return max(0.0, self.until - self.since)


@dataclass
class SessionState:
    agenda: Agenda
    order: list[int]
    sections: list[SectionRun]
    carried: list[CarriedAction] = field(default_factory=list)  # the series' open actions at start
    # What /u takes back, newest last: (event type, item id, the fields as they were before an edit).
    undoable: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)
    current: int | None = None  # agenda index of the running section
    items: list[Item] = field(default_factory=list)
    attendance: dict[str, Attendance] = field(default_factory=dict)
    speaker: str | None = None
    speaking_since: float | None = None
    talk: dict[str, Talk] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=dict)
    results: dict[str, float] = field(default_factory=dict)  # /actual: this period's results
    ratings: dict[str, int] = field(default_factory=dict)  # the meeting rated 1-10, per person
    improvement: str | None = None  # what would make the next one better
    followup: dict[str, FollowupMark] = field(default_factory=dict)
    checklist: dict[int, bool] = field(default_factory=dict)
    started_at: float | None = None
    ended_at: float | None = None
    paused_at: float | None = None
    paused_total: float = 0.0
    sitting_since: float | None = None
    interrupted_at: float | None = None
    downtimes: list[Downtime] = field(default_factory=list)
    last_at: float | None = None
    seq: int = 0

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    @property
    def as_of(self) -> float:
        """The last moment the log speaks of: its end, else its last event (0 for an empty log)."""
        return self.ended_at or self.last_at or self.started_at or 0.0

    @property
    def rating(self) -> float | None:
        """The meeting's average rating; None when nobody rated it."""
        return sum(self.ratings.values()) / len(self.ratings) if self.ratings else None

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    @property
    def running(self) -> bool:
        return self.started_at is not None and not self.ended and not self.paused

    @property
    def people(self) -> list[str]:
        """The roster: agenda participants in their order, then guests as they arrived."""
        return list(self.attendance)

    def item(self, item_id: int) -> Item | None:
        if 1 <= item_id <= len(self.items) and self.items[item_id - 1].id == item_id:
            return self.items[item_id - 1]
        for it in self.items:
            if it.id == item_id:
                return it
        return None

    def active_items(self, section: int | None = None) -> list[Item]:
        return [it for it in self.items if it.active and (section is None or it.section == section)]

    @property
    def position(self) -> int | None:
        return None if self.current is None else self.order.index(self.current)

    @property
    def next_section(self) -> int | None:
        pos = self.position
        if pos is None or pos + 1 >= len(self.order):
            return None
        return self.order[pos + 1]

    def reached(self, index: int) -> bool:
        return self.sections[index].first_entered is not None

    def unreached_titles(self) -> tuple[str, ...]:
        """The sections the meeting never came to, in agenda order (a break missed is no topic)."""
        return tuple(
            s.title
            for i, s in enumerate(self.agenda.sections)
            if not self.reached(i) and not s.kind.traits.is_break
        )


def initial_state(agenda: Agenda, carried: Iterable[CarriedAction] = ()) -> SessionState:
    state = SessionState(
        agenda=agenda,
        order=list(range(len(agenda.sections))),
        sections=[SectionRun(i) for i in range(len(agenda.sections))],
        carried=list(carried),
    )
    for p in agenda.participants:
        state.attendance[p.name] = Attendance()
        state.talk[p.name] = Talk()
    return state


def _stop_section_clock(state: SessionState, at: float) -> None:
    """Add the running stretch of the current section to its time used."""
    if state.current is None:
        return
    run = state.sections[state.current]
    if run.open_since is not None:
        run.used += max(0.0, at - run.open_since)
        run.open_since = None


def _close_section(state: SessionState, at: float) -> None:
    if state.current is None:
        return
    _stop_section_clock(state, at)
    state.sections[state.current].last_left = at


def _close_turn(state: SessionState, at: float) -> None:
    if state.speaker is not None and state.speaking_since is not None:
        state.talk[state.speaker].seconds += max(0.0, at - state.speaking_since)
    state.speaking_since = None


def _enter_section(state: SessionState, index: int, at: float) -> None:
    _close_section(state, at)
    # The speaker ends with the section: what is typed in the next one is not theirs unless
    # they are named again.
    _close_turn(state, at)
    state.speaker = None
    state.current = index
    run = state.sections[index]
    if run.first_entered is None:
        run.first_entered = at
    run.open_since = None if state.paused else at
    if state.agenda.sections[index].kind is SectionKind.BREAK:
        state.sitting_since = None
    elif state.sitting_since is None:
        state.sitting_since = at


def _pop_undoable(state: SessionState, kind: str, item_id: int) -> None:
    """Take back the newest undoable step if it is the one just undone."""
    for i in range(len(state.undoable) - 1, -1, -1):
        if state.undoable[i][:2] == (kind, item_id):
            del state.undoable[i]
            return


def _parse_due(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _started(state: SessionState, event: Started) -> None:
    state.started_at = event.at
    state.sitting_since = event.at
    if state.order:
        _enter_section(state, state.order[0], event.at)


def _section(state: SessionState, event: SectionEntered) -> None:
    _enter_section(state, event.index, event.at)


def _paused(state: SessionState, event: Paused) -> None:
    if state.paused_at is not None:
        return
    _stop_section_clock(state, event.at)
    _close_turn(state, event.at)
    state.paused_at = event.at


def _resumed(state: SessionState, event: Resumed) -> None:
    if state.paused_at is None:
        return
    at = event.at
    pause = at - state.paused_at
    state.paused_total += max(0.0, pause)
    # A long pause is a break, unless the meeting was already on a break section.
    if pause >= BREAK_PAUSE_SECONDS and state.sitting_since is not None:
        state.sitting_since = at
    state.paused_at = None
    if state.current is not None:
        state.sections[state.current].open_since = at
    if state.speaker is not None:
        state.speaking_since = at


def _extended(state: SessionState, event: Extended) -> None:
    state.sections[event.index].extended += int(event.seconds)


def _deferred(state: SessionState, event: Deferred) -> None:
    state.order.remove(event.index)
    state.order.append(event.index)
    state.sections[event.index].deferred = True


def _item(state: SessionState, event: ItemAdded) -> None:
    state.items.append(
        Item(
            id=event.id,
            kind=event.kind,
            text=event.text,
            section=event.section,
            at=event.at,
            owner=event.owner,
            owner_known=bool(event.owner_known),
            due=event.due,
            criteria=event.criteria,
            speaker=event.speaker,
        )
    )
    state.undoable.append((ItemAdded.TYPE, event.id, {}))


def _item_edited(state: SessionState, event: ItemEdited) -> None:
    item = state.item(event.id)
    if event.undo:
        _pop_undoable(state, ItemEdited.TYPE, event.id)
    else:
        state.undoable.append((ItemEdited.TYPE, event.id, dict(event.before or {})))
    if item is None:
        return
    changes = event.changes
    for key in ("text", "owner", "owner_known", "criteria"):
        if key in changes:
            setattr(item, key, changes[key])
    if "kind" in changes:
        item.kind = ItemKind(changes["kind"])
    if "due" in changes:
        item.due = _parse_due(changes["due"])
    item.edited_at = event.at


def _item_undone(state: SessionState, event: ItemUndone) -> None:
    item = state.item(event.id)
    _pop_undoable(state, ItemAdded.TYPE, event.id)
    if item is not None:
        item.undone = True


def _item_deleted(state: SessionState, event: ItemDeleted) -> None:
    item = state.item(event.id)
    state.undoable.append((ItemDeleted.TYPE, event.id, {}))
    if item is not None:
        item.deleted = True


def _item_restored(state: SessionState, event: ItemRestored) -> None:
    item = state.item(event.id)
    _pop_undoable(state, ItemDeleted.TYPE, event.id)
    if item is not None:
        item.deleted = False


def _attendance(state: SessionState, event: AttendanceMarked) -> None:
    name, status, at = event.name, event.status, event.at
    person = state.attendance.get(name)
    if person is None:
        person = state.attendance[name] = Attendance(guest=True)
        state.talk[name] = Talk()
    if (
        status == AttendanceStatus.PRESENT
        and person.status == AttendanceStatus.LATE
        and person.arrived is None
    ):
        person.arrived = at  # the late one has come in: still late, now with a time
    else:
        person.status = status
        if (
            status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
            and event.arrived
            and person.arrived is None
        ):
            person.arrived = at
    if status == AttendanceStatus.LEFT:
        person.left = at
    if status == AttendanceStatus.ABSENT:
        # A slip put right: they were never here, so neither was their talk.
        person.arrived = None
        if state.speaker == name:
            state.speaker = None
            state.speaking_since = None
        state.talk[name] = Talk()
    if status in (AttendanceStatus.LEFT, AttendanceStatus.ABSENT) and state.speaker == name:
        _close_turn(state, at)
        state.speaker = None


def _speaker(state: SessionState, event: SpeakerChanged) -> None:
    name = event.name
    if name == state.speaker:
        return
    _close_turn(state, event.at)
    state.speaker = name
    if name is not None:
        state.talk.setdefault(name, Talk()).turns += 1
        state.speaking_since = None if state.paused else event.at


def _target(state: SessionState, event: TargetSet) -> None:
    state.targets[event.name] = float(event.amount)


def _result(state: SessionState, event: ResultSet) -> None:
    state.results[event.name] = float(event.amount)


def _rating(state: SessionState, event: RatingGiven) -> None:
    state.ratings[event.name] = int(event.score)


def _improvement(state: SessionState, event: ImprovementNoted) -> None:
    state.improvement = event.text or None


def _followup(state: SessionState, event: FollowupGiven) -> None:
    state.followup[event.ref] = FollowupMark(event.status, event.comment, event.at)


def _checklist(state: SessionState, event: ChecklistTicked) -> None:
    state.checklist[event.index] = bool(event.done)


def _app_resumed(state: SessionState, event: AppResumed) -> None:
    since = float(event.down_since)
    state.downtimes.append(Downtime(since, event.at))
    state.interrupted_at = None
    # Nobody knows who spoke while the app was down: the turn ends when the app went away.
    if state.speaker is not None and state.speaking_since is not None:
        _close_turn(state, since)
        state.speaker = None


def _interrupted(state: SessionState, event: Interrupted) -> None:
    state.interrupted_at = event.at


def _ended(state: SessionState, event: Ended) -> None:
    at = event.at
    _close_section(state, at)
    _close_turn(state, at)
    state.speaker = None
    state.current = None
    if state.paused_at is not None:
        state.paused_total += max(0.0, at - state.paused_at)
        state.paused_at = None
    state.ended_at = at


# How each event changes the state: one short handler per event type.
_HANDLERS: dict[type[Event], Callable[[SessionState, Any], None]] = {
    Started: _started,
    SectionEntered: _section,
    Paused: _paused,
    Resumed: _resumed,
    Extended: _extended,
    Deferred: _deferred,
    ItemAdded: _item,
    ItemEdited: _item_edited,
    ItemUndone: _item_undone,
    ItemDeleted: _item_deleted,
    ItemRestored: _item_restored,
    AttendanceMarked: _attendance,
    SpeakerChanged: _speaker,
    TargetSet: _target,
    ResultSet: _result,
    RatingGiven: _rating,
    ImprovementNoted: _improvement,
    FollowupGiven: _followup,
    ChecklistTicked: _checklist,
    AppResumed: _app_resumed,
    Interrupted: _interrupted,
    Ended: _ended,
}


def apply(state: SessionState, event: Event) -> SessionState:
    """Fold one event into the state (in place, and returned for convenience)."""
    handler = _HANDLERS.get(type(event))
    if handler is None:
        raise ValueError(f"no handler for event type {event.TYPE!r}")
    state.seq = event.seq
    state.last_at = event.at
    handler(state, event)
    return state


def replay(
    agenda: Agenda, events: Iterable[Event], carried: Iterable[CarriedAction] = ()
) -> SessionState:
    state = initial_state(agenda, carried)
    for event in events:
        apply(state, event)
    return state


def replay_record(record: SessionRecord, agenda: Agenda | None = None) -> SessionState:
    """A session file's state: its agenda, the actions it carried and its events, folded.

    The one place where a record's stored events and header become typed (pass `agenda` when
    the caller has already read it from the header).
    """
    return replay(
        agenda or record.agenda(),
        record.log(),
        carried_actions(record.meta.get("carried")),
    )


def carried_actions(raw: Iterable[dict[str, Any]] | None) -> list[CarriedAction]:
    return [CarriedAction.from_dict(entry, n) for n, entry in enumerate(raw or (), start=1)]
