"""The session as a fold of its event log: every screen and every minutes file is derived from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from agendas.model import Agenda, SectionKind
from sessions.capture import ItemKind

# Attendance states. "expected" is someone on the agenda not yet checked in.
EXPECTED, PRESENT, LATE, LEFT, ABSENT = "expected", "present", "late", "left", "absent"
ATTENDANCE_STATES = (EXPECTED, PRESENT, LATE, LEFT, ABSENT)

# A pause at least this long counts as a break for the "sitting too long" warning.
BREAK_PAUSE_SECONDS = 5 * 60

FOLLOWUP_STATES = ("done", "doing", "blocked")


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
    status: str = EXPECTED
    arrived: float | None = None
    left: float | None = None
    guest: bool = False


@dataclass
class Talk:
    seconds: float = 0.0  # closed stretches
    turns: int = 0


@dataclass
class FollowupStatus:
    status: str
    comment: str | None
    at: float


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
    carried: list[dict[str, Any]] = field(default_factory=list)  # the series' open actions at start
    # What /u takes back, newest last: (event type, item id, the fields as they were before an edit).
    undoable: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)
    current: int | None = None  # agenda index of the running section
    items: list[Item] = field(default_factory=list)
    attendance: dict[str, Attendance] = field(default_factory=dict)
    speaker: str | None = None
    speaking_since: float | None = None
    talk: dict[str, Talk] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=dict)
    followup: dict[str, FollowupStatus] = field(default_factory=dict)
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


def initial_state(agenda: Agenda, carried: list[dict[str, Any]] | None = None) -> SessionState:
    state = SessionState(
        agenda=agenda,
        order=list(range(len(agenda.sections))),
        sections=[SectionRun(i) for i in range(len(agenda.sections))],
        carried=list(carried or ()),
    )
    for p in agenda.participants:
        state.attendance[p.name] = Attendance()
        state.talk[p.name] = Talk()
    return state


def _close_section(state: SessionState, at: float) -> None:
    if state.current is None:
        return
    run = state.sections[state.current]
    if run.open_since is not None:
        run.used += max(0.0, at - run.open_since)
        run.open_since = None
    run.last_left = at


def _close_turn(state: SessionState, at: float) -> None:
    if state.speaker is not None and state.speaking_since is not None:
        state.talk[state.speaker].seconds += max(0.0, at - state.speaking_since)
    state.speaking_since = None


def _enter_section(state: SessionState, index: int, at: float) -> None:
    _close_section(state, at)
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


def apply(state: SessionState, event: dict[str, Any]) -> SessionState:
    """Fold one event into the state (in place, and returned for convenience)."""
    kind = event["type"]
    at = float(event["at"])
    state.seq = int(event.get("seq", state.seq + 1))
    state.last_at = at
    if kind == "started":
        state.started_at = at
        state.sitting_since = at
        if state.order:
            _enter_section(state, state.order[0], at)
    elif kind == "section":
        _enter_section(state, int(event["index"]), at)
    elif kind == "paused":
        if state.paused_at is None:
            if state.current is not None:
                run = state.sections[state.current]
                if run.open_since is not None:
                    run.used += max(0.0, at - run.open_since)
                    run.open_since = None
            if state.speaker is not None and state.speaking_since is not None:
                state.talk[state.speaker].seconds += max(0.0, at - state.speaking_since)
                state.speaking_since = None
            state.paused_at = at
    elif kind == "resumed":
        if state.paused_at is not None:
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
    elif kind == "extended":
        state.sections[int(event["index"])].extended += int(event["seconds"])
    elif kind == "deferred":
        index = int(event["index"])
        state.order.remove(index)
        state.order.append(index)
        state.sections[index].deferred = True
    elif kind == "item":
        state.items.append(
            Item(
                id=int(event["id"]),
                kind=ItemKind(event["kind"]),
                text=event["text"],
                section=int(event["section"]),
                at=at,
                owner=event.get("owner"),
                owner_known=bool(event.get("owner_known", True)),
                due=_parse_due(event.get("due")),
                criteria=event.get("criteria"),
                speaker=event.get("speaker"),
            )
        )
        state.undoable.append(("item", int(event["id"]), {}))
    elif kind == "item_edited":
        item = state.item(int(event["id"]))
        if event.get("undo"):
            _pop_undoable(state, "item_edited", int(event["id"]))
        else:
            state.undoable.append(
                ("item_edited", int(event["id"]), dict(event.get("before") or {}))
            )
        if item is not None:
            changes = event.get("changes", {})
            for key in ("text", "owner", "owner_known", "criteria"):
                if key in changes:
                    setattr(item, key, changes[key])
            if "kind" in changes:
                item.kind = ItemKind(changes["kind"])
            if "due" in changes:
                item.due = _parse_due(changes["due"])
            item.edited_at = at
    elif kind == "item_undone":
        item = state.item(int(event["id"]))
        _pop_undoable(state, "item", int(event["id"]))
        if item is not None:
            item.undone = True
    elif kind == "item_deleted":
        item = state.item(int(event["id"]))
        state.undoable.append(("item_deleted", int(event["id"]), {}))
        if item is not None:
            item.deleted = True
    elif kind == "item_restored":
        item = state.item(int(event["id"]))
        _pop_undoable(state, "item_deleted", int(event["id"]))
        if item is not None:
            item.deleted = False
    elif kind == "attendance":
        name = event["name"]
        person = state.attendance.get(name)
        if person is None:
            person = state.attendance[name] = Attendance(guest=True)
            state.talk[name] = Talk()
        status = event["status"]
        arrived = bool(event.get("arrived", True))
        if status == PRESENT and person.status == LATE and person.arrived is None:
            person.arrived = at  # the late one has come in: still late, now with a time
        else:
            person.status = status
            if status in (PRESENT, LATE) and arrived and person.arrived is None:
                person.arrived = at
        if status == LEFT:
            person.left = at
        if status == ABSENT:
            # A slip put right: they were never here, so neither was their talk.
            person.arrived = None
            if state.speaker == name:
                state.speaker = None
                state.speaking_since = None
            state.talk[name] = Talk()
        if status in (LEFT, ABSENT) and state.speaker == name:
            _close_turn(state, at)
            state.speaker = None
    elif kind == "speaker":
        name = event.get("name")
        if name != state.speaker:
            _close_turn(state, at)
            state.speaker = name
            if name is not None:
                state.talk.setdefault(name, Talk()).turns += 1
                state.speaking_since = None if state.paused else at
    elif kind == "target":
        state.targets[event["name"]] = float(event["amount"])
    elif kind == "followup":
        state.followup[event["ref"]] = FollowupStatus(event["status"], event.get("comment"), at)
    elif kind == "checklist":
        state.checklist[int(event["index"])] = bool(event["done"])
    elif kind == "app_resumed":
        since = float(event["down_since"])
        state.downtimes.append(Downtime(since, at))
        state.interrupted_at = None
        # Nobody knows who spoke while the app was down: the turn ends when the app went away.
        if state.speaker is not None and state.speaking_since is not None:
            state.talk[state.speaker].seconds += max(0.0, since - state.speaking_since)
            state.speaking_since = None
            state.speaker = None
    elif kind == "interrupted":
        state.interrupted_at = at
    elif kind == "ended":
        _close_section(state, at)
        _close_turn(state, at)
        state.speaker = None
        state.current = None
        if state.paused_at is not None:
            state.paused_total += max(0.0, at - state.paused_at)
            state.paused_at = None
        state.ended_at = at
    else:
        raise ValueError(f"unknown event type {kind!r}")
    return state


def replay(
    agenda: Agenda, events: list[dict[str, Any]], carried: list[dict[str, Any]] | None = None
) -> SessionState:
    state = initial_state(agenda, carried)
    for event in events:
        apply(state, event)
    return state
