"""The session log's vocabulary: one frozen dataclass per event, and the statuses events carry.

A session file keeps events as JSON objects (`{"seq", "type", "at", ...}`); `event_from_dict`
and `event_to_dict` are the only places that know that shape. Everything past the store reads
and writes these types.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from enum import Enum, StrEnum
from typing import Any, ClassVar

from sessions.capture import ItemKind
from sessions.statuses import ActionStatus


class AttendanceStatus(StrEnum):
    """Where someone on the roster stands. EXPECTED: on the agenda, not yet checked in."""

    EXPECTED = "expected"
    PRESENT = "present"
    LATE = "late"
    LEFT = "left"
    ABSENT = "absent"


# What a meeting's follow-up section can say of a carried action, in the order it is offered.
FOLLOWUP_STATES = (ActionStatus.DONE, ActionStatus.DOING, ActionStatus.BLOCKED)


def _due(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def stored_value(value: Any) -> Any:
    """A field's value as the session file keeps it."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


# A field written to the file only when it differs from its default.
_ONLY_WHEN_SET = {"only_when_set": True}


@dataclass(frozen=True, kw_only=True)
class Event:
    """What every event has: its place in the log and when it happened (monotonic seconds)."""

    TYPE: ClassVar[str]
    # How a field read from the file becomes its typed value (fields not named here are kept).
    DECODE: ClassVar[dict[str, Any]] = {}
    seq: int
    at: float


@dataclass(frozen=True, kw_only=True)
class Started(Event):
    TYPE = "started"


@dataclass(frozen=True, kw_only=True)
class SectionEntered(Event):
    TYPE = "section"
    index: int


@dataclass(frozen=True, kw_only=True)
class Paused(Event):
    TYPE = "paused"


@dataclass(frozen=True, kw_only=True)
class Resumed(Event):
    TYPE = "resumed"


@dataclass(frozen=True, kw_only=True)
class Extended(Event):
    TYPE = "extended"
    index: int
    seconds: int


@dataclass(frozen=True, kw_only=True)
class Deferred(Event):
    TYPE = "deferred"
    index: int


@dataclass(frozen=True, kw_only=True)
class ItemAdded(Event):
    TYPE = "item"
    DECODE = {"kind": ItemKind, "due": _due}
    id: int
    kind: ItemKind
    text: str
    section: int
    owner: str | None = None
    owner_known: bool = True
    due: date | None = None
    criteria: str | None = None
    speaker: str | None = None


@dataclass(frozen=True, kw_only=True)
class ItemEdited(Event):
    """`changes` and `before` hold field values as stored (ISO dates, kind values)."""

    TYPE = "item_edited"
    id: int
    changes: dict[str, Any] = field(default_factory=dict)
    # An edit stores what it replaced (for /u); the edit that undoes one stores `undo` instead.
    before: dict[str, Any] | None = field(default=None, metadata=_ONLY_WHEN_SET)
    undo: bool = field(default=False, metadata=_ONLY_WHEN_SET)


@dataclass(frozen=True, kw_only=True)
class ItemUndone(Event):
    TYPE = "item_undone"
    id: int


@dataclass(frozen=True, kw_only=True)
class ItemDeleted(Event):
    TYPE = "item_deleted"
    id: int


@dataclass(frozen=True, kw_only=True)
class ItemRestored(Event):
    TYPE = "item_restored"
    id: int


@dataclass(frozen=True, kw_only=True)
class AttendanceMarked(Event):
    TYPE = "attendance"
    DECODE = {"status": AttendanceStatus}
    name: str
    status: AttendanceStatus
    arrived: bool = True  # False: announced late, not yet in the room


@dataclass(frozen=True, kw_only=True)
class SpeakerChanged(Event):
    TYPE = "speaker"
    name: str | None = None


@dataclass(frozen=True, kw_only=True)
class TargetSet(Event):
    TYPE = "target"
    name: str
    amount: float


@dataclass(frozen=True, kw_only=True)
class ResultSet(Event):
    """A rep's result for the period, given in the meeting (`/actual NAME AMOUNT`)."""

    TYPE = "result"
    name: str
    amount: float


@dataclass(frozen=True, kw_only=True)
class RatingGiven(Event):
    """Someone's rating of the meeting, 1 to 10 (`/rate NAME N`, or at the end)."""

    TYPE = "rating"
    name: str
    score: int


@dataclass(frozen=True, kw_only=True)
class ImprovementNoted(Event):
    """What would make the next meeting better, asked at the end."""

    TYPE = "improvement"
    text: str


@dataclass(frozen=True, kw_only=True)
class FollowupGiven(Event):
    TYPE = "followup"
    DECODE = {"status": ActionStatus}
    ref: str
    status: ActionStatus
    comment: str | None = None


@dataclass(frozen=True, kw_only=True)
class ChecklistTicked(Event):
    TYPE = "checklist"
    index: int
    done: bool


@dataclass(frozen=True, kw_only=True)
class AppResumed(Event):
    TYPE = "app_resumed"
    down_since: float  # last sign of life before the app went away


@dataclass(frozen=True, kw_only=True)
class Interrupted(Event):
    TYPE = "interrupted"
    reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class Ended(Event):
    TYPE = "ended"


EVENT_TYPES: dict[str, type[Event]] = {
    cls.TYPE: cls
    for cls in (
        Started,
        SectionEntered,
        Paused,
        Resumed,
        Extended,
        Deferred,
        ItemAdded,
        ItemEdited,
        ItemUndone,
        ItemDeleted,
        ItemRestored,
        AttendanceMarked,
        SpeakerChanged,
        TargetSet,
        ResultSet,
        RatingGiven,
        ImprovementNoted,
        FollowupGiven,
        ChecklistTicked,
        AppResumed,
        Interrupted,
        Ended,
    )
}


_READERS: dict[str, Callable[[dict[str, Any]], Event]] = {}


def _reader(cls: type[Event]) -> Callable[[dict[str, Any]], Event]:
    """How one event type is read from its stored dict: a function written for it once.

    The event is made as its generated `__init__` would make it (every field set, defaults
    included; none of these types has a `__post_init__`), without that `__init__`: a frozen
    dataclass's sets each field through `object.__setattr__`, which was half the time of
    reading the hundred-odd events of every session file read. Its fields are then given in
    one dict written out for the type (`raw[...]`, `raw.get(..., default)`, decoded), not
    gathered field by field: a third less again, for every event a rebuild reads.

    A field stored as null is None; missing, its default (a decoded field with no default:
    None)."""
    own = [f for f in fields(cls) if f.name != "at"]
    required = frozenset(
        f.name for f in own if f.default is MISSING and f.default_factory is MISSING
    )
    space: dict[str, Any] = {"make": object.__new__, "cls": cls, "required": required}
    values = []
    for f in own:
        name = f.name
        if f.default is not MISSING:
            space[f"default_{name}"] = f.default
            missing = f"default_{name}"
        elif f.default_factory is not MISSING:
            space[f"factory_{name}"] = f.default_factory
            missing = f"factory_{name}()"
        else:
            missing = "None"  # required: never missing once the keys are checked
        if name in cls.DECODE:
            space[f"decode_{name}"] = cls.DECODE[name]
            value = (
                f"decode_{name}(v) if (v := get({name!r})) is not None"
                f" else (None if {name!r} in raw else {missing})"
            )
        elif name in required:
            value = f"raw[{name!r}]"
        elif f.default is not MISSING:
            value = f"get({name!r}, default_{name})"
        else:
            value = f"raw[{name!r}] if {name!r} in raw else {missing}"
        values.append(f"{name!r}: {value}")
    values.append("'at': float(raw['at'])")
    source = (
        "def read(raw):\n"
        "    if not raw.keys() >= required:\n"
        "        missing = ', '.join(sorted(required - raw.keys()))\n"
        "        raise TypeError(f'a {cls.TYPE!r} event without {missing}')\n"
        "    get = raw.get\n"
        "    event = make(cls)\n"
        f"    event.__dict__.update({{{', '.join(values)}}})\n"
        "    return event\n"
    )
    exec(source, space)  # noqa: S102 - the source is written above from the type's fields
    read: Callable[[dict[str, Any]], Event] = space["read"]
    return read


def event_from_dict(raw: dict[str, Any]) -> Event:
    """An event as read from a session file; keys this version does not know are ignored."""
    kind = raw["type"]
    read = _READERS.get(kind)
    if read is None:
        cls = EVENT_TYPES.get(kind)
        if cls is None:
            raise ValueError(f"unknown event type {kind!r}")
        read = _READERS[kind] = _reader(cls)
    return read(raw)


def event_to_dict(event: Event) -> dict[str, Any]:
    """An event as a session file keeps it: `seq`, `type`, `at`, then its own fields."""
    raw: dict[str, Any] = {"seq": event.seq, "type": event.TYPE, "at": event.at}
    for f in fields(event):
        value = getattr(event, f.name)
        if f.name in raw or (f.metadata.get("only_when_set") and value == f.default):
            continue
        raw[f.name] = stored_value(value)
    return raw
