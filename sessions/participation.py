"""Participation maths: talk time, share and turns per person, silent people, a dominating facilitator."""

from __future__ import annotations

from dataclasses import dataclass

from sessions.events import AttendanceStatus
from sessions.state import Attendance, SessionState

# Below this much talk in total, shares say little: nobody is flagged for dominating.
DOMINANCE_MIN_TOTAL = 120.0


def is_here(person: Attendance) -> bool:
    """In the room now: present, or late and arrived (someone announced late is not, yet)."""
    return person.status == AttendanceStatus.PRESENT or (
        person.status == AttendanceStatus.LATE and person.arrived is not None
    )


def was_there(person: Attendance) -> bool:
    """In the room at some point: here now, or left early (never: absent, not checked in)."""
    return is_here(person) or person.status == AttendanceStatus.LEFT


def talk_time(state: SessionState, name: str, now: float) -> float:
    talk = state.talk.get(name)
    if talk is None:
        return 0.0
    seconds = talk.seconds
    if state.speaker == name and state.speaking_since is not None:
        seconds += max(0.0, now - state.speaking_since)
    return seconds


@dataclass(frozen=True)
class Participation:
    name: str
    status: AttendanceStatus
    talk_time: float
    share: float  # 0..1 of all talk time
    turns: int
    speaking: bool
    silent: bool  # here, but has not spoken
    facilitator: bool
    was_there: bool = (
        True  # in the room at some point (`was_there`); else absent, as the minutes count
    )


def participation(state: SessionState, now: float) -> list[Participation]:
    times = {name: talk_time(state, name, now) for name in state.attendance}
    total = sum(times.values())
    facilitator = state.agenda.facilitator
    rows = []
    for name, person in state.attendance.items():
        turns = state.talk[name].turns if name in state.talk else 0
        rows.append(
            Participation(
                name=name,
                status=person.status,
                talk_time=times[name],
                share=times[name] / total if total else 0.0,
                turns=turns,
                speaking=state.speaker == name,
                # someone announced late is not in the room until they arrive
                silent=turns == 0 and was_there(person),
                facilitator=name == facilitator,
                was_there=was_there(person),
            )
        )
    return rows


def total_talk(state: SessionState, now: float) -> float:
    return sum(talk_time(state, name, now) for name in state.attendance)


def facilitator_dominates(state: SessionState, now: float) -> bool:
    """True when the facilitator holds over half of the talk time (once there is enough talk)."""
    name = state.agenda.facilitator
    total = total_talk(state, now)
    if name is None or total < DOMINANCE_MIN_TOTAL:
        return False
    return talk_time(state, name, now) / total > 0.5
