"""What a command did, in the facilitator's words, for the live screen's status line."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sessions import timing
from sessions.capture import Command, resolve_name
from sessions.dates import due_note
from sessions.events import AttendanceStatus, ItemAdded, ItemDeleted, ItemEdited
from sessions.i18n import t
from sessions.numbers import duration_text, money_text
from sessions.participation import is_here
from sessions.session import Captured, Outcome, Undone
from sessions.state import Attendance, SessionState
from tui.presenters.live import Moment


@dataclass(frozen=True)
class Before:
    """What a command may change, taken just before it runs, so the confirmation can say what it did."""

    current: int | None
    extended: int
    paused: bool
    people: tuple[str, ...]
    attendance: dict[str, Attendance]

    @classmethod
    def of(cls, state: SessionState) -> Before:
        current = state.current
        return cls(
            current=current,
            extended=state.sections[current].extended if current is not None else 0,
            paused=state.paused,
            people=tuple(state.people),
            attendance={name: replace(a) for name, a in state.attendance.items()},
        )


def confirmation(m: Moment, outcome: Outcome | None, before: Before) -> str:
    """What a typed line did: the item saved, the item undone, or what the command changed."""
    lang = m.lang
    if outcome is None:
        return ""
    if isinstance(outcome, Captured):
        kind = t(f"kind.{outcome.item.kind.value}", lang)
        saved = t("live.saved", lang, kind=kind, time=m.hhmm(outcome.item.at))
        note = due_note(outcome.item.due, m.local(m.now).date(), lang)
        return f"{saved} · {note}" if note else saved
    if isinstance(outcome, Undone):
        return undone_text(outcome, lang)
    return said(m, outcome.command.name, before, outcome.command)


# What an undo says, by what it took back: a capture, a delete (the item is back), an edit.
UNDONE_SAID = {
    ItemAdded.TYPE: "live.undone",
    ItemDeleted.TYPE: "live.restored",
    ItemEdited.TYPE: "live.edit_undone",
}


def undone_text(outcome: Undone, lang: str) -> str:
    return t(UNDONE_SAID.get(outcome.step, "live.undone"), lang, text=outcome.item.text)


def said(m: Moment, name: str, before: Before, command: Command | None = None) -> str:
    """What a steering command did (never just "done")."""
    lang, state = m.lang, m.state
    sections = state.agenda.sections
    if name in ("next", "prev") and state.current is not None:
        index = state.current
        return t("live.section_now", lang, n=index + 1, title=sections[index].title)
    if name == "pause" and state.paused_at is not None:
        return t("live.paused_now", lang, time=m.hhmm(state.paused_at))
    if name == "resume":
        return t("live.resumed", lang)
    if name == "extend" and before.current is not None:
        index = before.current
        added = (state.sections[index].extended - before.extended) // 60
        planned = duration_text(timing.planned(state, index), lang)
        title = sections[index].title
        return t("live.extended_now", lang, minutes=added, title=title, planned=planned)
    if name == "defer" and before.current is not None:
        index = before.current
        return t("live.deferred_now", lang, n=index + 1, title=sections[index].title)
    if name == "speaker":
        if state.speaker is None:
            return t("live.speaker_none", lang)
        return t("live.speaker_now", lang, name=state.speaker)
    if name in ("here", "late", "left", "absent") and command is not None:
        return _attendance(m, name, before, command)
    if name == "target" and command is not None:
        who = _who(state, command)
        return t("live.target_set", lang, name=who, amount=money_text(state.targets.get(who), lang))
    if name == "actual" and command is not None:
        who = _who(state, command)
        return t("live.actual_set", lang, name=who, amount=money_text(state.results.get(who), lang))
    if name == "rate" and command is not None:
        who = _who(state, command)
        return t("live.rated", lang, name=who, score=state.ratings.get(who))
    if name == "status" and command is not None:
        status = t(f"status.{command.status}", lang)
        return t("live.status_set", lang, n=command.number, status=status)
    if name == "end":
        return ""
    return t("live.done_command", lang, name=name)


def _who(state: SessionState, command: Command) -> str:
    typed = (command.who or "").strip()
    try:
        return resolve_name(typed, state.people)
    except ValueError:
        return typed


def _attendance(m: Moment, name: str, before: Before, command: Command) -> str:
    lang = m.lang
    who = _who(m.state, command)
    person = m.state.attendance.get(who)
    was = before.attendance.get(who)
    if person is None:
        return t("live.done_command", lang, name=name)
    # /here for someone in the room, or /late for someone who came in late: nothing new.
    if (
        was is not None
        and is_here(was)
        and (name == "here" or (name, was.status) == ("late", AttendanceStatus.LATE))
    ):
        return t("live.already_here", lang, name=who)
    if name == "here" and person.arrived is not None:
        return t("live.arrived", lang, name=who, time=m.hhmm(person.arrived))
    if name == "late" and person.arrived is not None:
        return t("live.arrived_late", lang, name=who, time=m.hhmm(person.arrived))
    if name == "left" and person.left is not None:
        return t("live.left_now", lang, name=who, time=m.hhmm(person.left))
    return t("live.absent_now", lang, name=who)
