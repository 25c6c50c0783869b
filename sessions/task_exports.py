"""Action items for the task tools people already use: Taskwarrior, todo.txt, Org mode, and calendar events.

Every export takes the action rows `sessions.actions.load_actions` builds (status as of now)
and gives the bytes of a file; none writes a control character.

Taskwarrior (`task import`)
    A JSON array of tasks. `uuid` is a UUID 5 of the action's reference over a fixed
    namespace, so importing again updates the same tasks instead of adding new ones.
    `status` is pending (open, doing, blocked), completed (done) or deleted (cancelled), with
    `end` for the last two; a task in progress has `start`, a blocked one the tag `blocked`.
    `project` is the series, `entry` when the action was agreed, `due` the end of the due day
    in the local zone (as Taskwarrior's `due:eod`, so that a task is overdue from the next
    day, as in Minutely). Owner, acceptance criteria and the reference are *annotations*, not
    UDAs: Taskwarrior shows annotations without any configuration, while a UDA it has not
    been told about is kept but never shown. Annotations are one second apart because
    Taskwarrior 2 keys them by their time.

todo.txt
    One line per action: `(A) 2026-12-01 text +series @owner due:2026-12-05 ref:ID#N`, done
    ones as `x 2026-12-05 2026-12-01 text …` (completion date, then creation date). A project
    or context is one word, so spaces in a series or an owner become `_` (`@Tom_Baker`);
    Chinese is kept as typed (`@张伟`), which todo.txt tools read as any other word. In
    progress, blocked and cancelled actions carry `status:doing|blocked|cancelled`; a
    cancelled one is also marked `x`, since todo.txt has no other way to close a task. The
    acceptance criteria are left out: a todo.txt task is one short line. todo.txt has no
    escape: a word of the action's own text like `+x`, `@x` or `k:v` is read as one too.

Org mode
    `* TODO text` (DOING, BLOCKED, DONE, CANCELLED: declared in a `#+TODO:` line at the top),
    `DEADLINE: <2026-12-04 Fri>`, `CLOSED: [...]` once done or cancelled, a properties
    drawer with OWNER, SERIES, FROM and REF, and the criteria as the body. Org has no escape
    either: a headline ending in `:word:` shows that word as a tag.

Calendar events
    `to_ics_events`: each action with a due date as an all-day VEVENT (marked free, not busy),
    for the calendars that ignore VTODO (Google, iOS, Fastmail). Its UID differs from the
    action's VTODO (`sessions.actions.to_ics`) so that both can live in one calendar.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from agendas.text import strip_control
from sessions.actions import ActionItem, ics_calendar, ics_description, ics_uid
from sessions.clock import clock_text
from sessions.statuses import ActionStatus

# Fixed forever: changing it would make every re-import a duplicate.
TASK_NAMESPACE = uuid.UUID("6f3a1c0e-5b2d-4e7a-9c41-6d696e757465")

TASKWARRIOR_STATUS: dict[str, str] = {
    ActionStatus.OPEN: "pending",
    ActionStatus.DOING: "pending",
    ActionStatus.BLOCKED: "pending",
    ActionStatus.DONE: "completed",
    ActionStatus.CANCELLED: "deleted",
}
ORG_KEYWORD: dict[str, str] = {
    ActionStatus.OPEN: "TODO",
    ActionStatus.DOING: "DOING",
    ActionStatus.BLOCKED: "BLOCKED",
    ActionStatus.DONE: "DONE",
    ActionStatus.CANCELLED: "CANCELLED",
}
# Org and todo.txt are read the same everywhere: weekday names are not localised.
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def task_uuid(ref: str) -> str:
    """The same UUID for the same action on every export."""
    return str(uuid.uuid5(TASK_NAMESPACE, ref))


def _line(text: str) -> str:
    """User text on one line: line-based formats read a newline or a tab as structure."""
    return " ".join(strip_control(text).split())


def _word(text: str) -> str:
    """A series or an owner as one todo.txt word (`Tom Baker` → `Tom_Baker`, CJK as typed)."""
    return "_".join(strip_control(text).split())


def _moment(at: float, zone: tzinfo | None) -> datetime:
    """Session time as an aware datetime in `zone` (None: this machine's zone)."""
    return datetime.fromtimestamp(at, zone) if zone else datetime.fromtimestamp(at).astimezone()


def _closed_at(a: ActionItem) -> float | None:
    """When a done or cancelled action was closed."""
    return a.last.at if a.last is not None and not a.is_open else None


# -- Taskwarrior ------------------------------------------------------------------------------


def _tw_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _end_of_day(day: date, zone: tzinfo | None) -> datetime:
    end = datetime.combine(day, time(23, 59, 59))
    return end.replace(tzinfo=zone) if zone else end.astimezone()


def taskwarrior_task(a: ActionItem, zone: tzinfo | None = None) -> dict[str, object]:
    """One action as a Taskwarrior task (see the module's notes for each field)."""
    entry = _moment(a.at, zone)
    task: dict[str, object] = {
        "uuid": task_uuid(a.ref),
        "description": _line(a.text),
        "status": TASKWARRIOR_STATUS[a.status],
        "entry": _tw_time(entry),
        "modified": _tw_time(_moment(a.last.at if a.last else a.at, zone)),
    }
    if a.series:
        task["project"] = _line(a.series)
    if a.due is not None:
        task["due"] = _tw_time(_end_of_day(a.due, zone))
    closed = _closed_at(a)
    if closed is not None:
        task["end"] = _tw_time(_moment(closed, zone))
    if a.status == "doing" and a.last is not None:
        task["start"] = _tw_time(_moment(a.last.at, zone))
    if a.status == "blocked":
        task["tags"] = ["blocked"]
    notes = [
        f"Owner: {a.owner}" if a.owner else "",
        f"Criteria: {a.criteria}" if a.criteria else "",
    ]
    notes.append(f"Minutely: {a.ref} ({a.origin_title}, {a.origin_date or a.origin})")
    task["annotations"] = [
        {"entry": _tw_time(entry + timedelta(seconds=n)), "description": _line(note)}
        for n, note in enumerate(note for note in notes if note)
    ]
    return task


def to_taskwarrior(actions: Sequence[ActionItem], zone: tzinfo | None = None) -> bytes:
    tasks = [taskwarrior_task(a, zone) for a in actions]
    return (json.dumps(tasks, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# -- todo.txt ---------------------------------------------------------------------------------


def todotxt_line(a: ActionItem, zone: tzinfo | None = None) -> str:
    parts: list[str] = []
    closed = _closed_at(a)
    if closed is not None:
        parts += ["x", _moment(closed, zone).date().isoformat()]
    else:
        parts.append("(A)")
    if a.origin_date:
        parts.append(a.origin_date)
    parts.append(_line(a.text))
    if a.series and _word(a.series):
        parts.append("+" + _word(a.series))
    if a.owner and _word(a.owner):
        parts.append("@" + _word(a.owner))
    if a.due is not None:
        parts.append(f"due:{a.due.isoformat()}")
    if a.status in (ActionStatus.DOING, ActionStatus.BLOCKED, ActionStatus.CANCELLED):
        parts.append(f"status:{a.status}")
    parts.append(f"ref:{_word(a.ref)}")
    return " ".join(part for part in parts if part)


def to_todotxt(actions: Sequence[ActionItem], zone: tzinfo | None = None) -> bytes:
    return "".join(todotxt_line(a, zone) + "\n" for a in actions).encode("utf-8")


# -- Org mode ---------------------------------------------------------------------------------


def _org_date(day: date) -> str:
    return f"{day.isoformat()} {WEEKDAYS[day.weekday()]}"


def org_entry(a: ActionItem, zone: tzinfo | None = None) -> str:
    lines = [f"* {ORG_KEYWORD[a.status]} {_line(a.text)}"]
    planning = []
    closed = _closed_at(a)
    if closed is not None:
        moment = _moment(closed, zone)
        planning.append(f"CLOSED: [{_org_date(moment.date())} {clock_text(moment)}]")
    if a.due is not None:
        planning.append(f"DEADLINE: <{_org_date(a.due)}>")
    if planning:
        lines.append("  " + " ".join(planning))
    lines.append("  :PROPERTIES:")
    for name, value in (
        ("OWNER", a.owner),
        ("SERIES", a.series),
        ("FROM", f"{a.origin_title} ({a.origin_date or a.origin})"),
        ("REF", a.ref),
    ):
        if value and _line(value):
            lines.append(f"  :{name}: {_line(value)}")
    lines.append("  :END:")
    if a.criteria and _line(a.criteria):
        lines.append(f"  {_line(a.criteria)}")
    return "\n".join(lines)


def to_org(actions: Sequence[ActionItem], zone: tzinfo | None = None) -> bytes:
    header = "#+TODO: TODO DOING BLOCKED | DONE CANCELLED\n"
    return (header + "".join("\n" + org_entry(a, zone) + "\n" for a in actions)).encode("utf-8")


# -- calendar events --------------------------------------------------------------------------


def to_ics_events(actions: Sequence[ActionItem], stamp: float, lang: str = "en") -> bytes:
    """Each action with a due date as an all-day event on that day; cancelled ones as cancelled events."""
    from icalendar import Event

    dtstamp = datetime.fromtimestamp(stamp, UTC)
    events = []
    for a in actions:
        if a.due is None:
            continue
        event = Event()
        event.add("uid", "event-" + ics_uid(a.ref))
        event.add("dtstamp", dtstamp)
        event.add("summary", ("✓ " if a.status == ActionStatus.DONE else "") + _line(a.text))
        event.add("description", ics_description(a, lang))
        event.add("dtstart", a.due)
        event.add("dtend", a.due + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("status", "CANCELLED" if a.status == ActionStatus.CANCELLED else "CONFIRMED")
        events.append(event)
    return ics_calendar(events)
