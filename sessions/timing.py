"""Timing maths over a session state: countdowns, overtime, planned and projected end, breaks."""

from __future__ import annotations

from dataclasses import dataclass

from sessions.state import SessionState

WARN_FRACTION = 0.8


def planned(state: SessionState, index: int) -> int:
    return state.agenda.sections[index].duration + state.sections[index].extended


def used(state: SessionState, index: int, now: float) -> float:
    run = state.sections[index]
    if run.open_since is not None:
        return run.used + max(0.0, now - run.open_since)
    return run.used


def remaining(state: SessionState, now: float) -> float | None:
    """Seconds left in the running section; negative in overtime; None outside a section."""
    if state.current is None:
        return None
    return planned(state, state.current) - used(state, state.current, now)


def fraction(state: SessionState, now: float) -> float:
    if state.current is None:
        return 0.0
    total = planned(state, state.current)
    return used(state, state.current, now) / total if total else 1.0


def phase(state: SessionState, now: float) -> str:
    """`ok`, `warning` from 80 % of the section's time, `overtime` from 100 %."""
    f = fraction(state, now)
    if f >= 1.0:
        return "overtime"
    if f >= WARN_FRACTION:
        return "warning"
    return "ok"


def elapsed(state: SessionState, now: float) -> float:
    """Whole-meeting wall time since the start (pauses included: the room waits too)."""
    if state.started_at is None:
        return 0.0
    end = state.ended_at if state.ended_at is not None else now
    return max(0.0, end - state.started_at)


def planned_end(state: SessionState) -> float | None:
    if state.started_at is None:
        return None
    return state.started_at + state.agenda.planned_seconds


def still_to_come(state: SessionState) -> list[int]:
    """Sections after the running one in running order that have not been entered yet."""
    pos = state.position
    if pos is None:
        return [] if state.ended else [i for i in state.order if not state.reached(i)]
    return [i for i in state.order[pos + 1 :] if not state.reached(i)]


def projected_end(state: SessionState, now: float) -> float | None:
    """Now + what is left of the running section + the planned time of sections still to come."""
    if state.started_at is None:
        return None
    if state.ended_at is not None:
        return state.ended_at
    left = max(0.0, remaining(state, now) or 0.0)
    # A deferred section was entered before: only what it has left is still to come.
    ahead = [] if state.position is None else state.order[state.position + 1 :]
    deferred = [i for i in ahead if state.sections[i].deferred and state.reached(i)]
    return (
        now
        + left
        + sum(planned(state, i) for i in still_to_come(state))
        + sum(max(0.0, planned(state, i) - used(state, i, now)) for i in deferred)
    )


def sitting(state: SessionState, now: float) -> float:
    """Seconds since the last break (a break section or a long pause)."""
    if state.sitting_since is None or state.ended:
        return 0.0
    end = state.paused_at if state.paused_at is not None else now
    return max(0.0, end - state.sitting_since)


def break_due(state: SessionState, now: float) -> bool:
    limit = state.agenda.meeting.break_after
    return bool(limit) and sitting(state, now) >= (limit or 0)


@dataclass(frozen=True)
class SectionTiming:
    index: int
    title: str
    planned: int
    used: float
    reached: bool
    current: bool
    deferred: bool


def agenda_timings(state: SessionState, now: float) -> list[SectionTiming]:
    """Each section in running order with planned and actual time."""
    return [
        SectionTiming(
            index=i,
            title=state.agenda.sections[i].title,
            planned=planned(state, i),
            used=used(state, i, now),
            reached=state.reached(i),
            current=i == state.current,
            deferred=state.sections[i].deferred,
        )
        for i in state.order
    ]


@dataclass(frozen=True)
class Totals:
    """The meeting's lengths of time, one meaning each, as the minutes and the end summary give them."""

    planned: int  # the agenda's total (as in the notice), extensions apart
    extended: int  # all extensions together
    in_sections: float  # what the sections used together
    elapsed: float  # end (or now) minus start, pauses included
    paused: float  # every pause, the running one included


def totals(state: SessionState, now: float) -> Totals:
    paused = state.paused_total + (max(0.0, now - state.paused_at) if state.paused_at else 0.0)
    return Totals(
        planned=state.agenda.planned_seconds,
        extended=sum(run.extended for run in state.sections),
        in_sections=sum(used(state, i, now) for i in state.order),
        elapsed=elapsed(state, now),
        paused=paused,
    )
