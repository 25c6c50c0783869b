"""Targets against results: completion and ranking, the one home for the sales maths.

The live board, the minutes and the room display all read these figures, so a tie ranks
the same everywhere: standard competition ranking, highest completion first (1, 1, 3).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from agendas.model import Participant

if TYPE_CHECKING:
    from sessions.state import SessionState
    from sessions.store import SessionRecord

FROM_AGENDA = "agenda"
FROM_PREVIOUS = "previous"


def completion(target: float | None, actual: float | None) -> float | None:
    """Actual over target (1.0 is 100 %); None when there is no target or no result yet."""
    if not target or actual is None:
        return None
    return actual / target


def competition_ranks(values: Sequence[float | None]) -> list[int | None]:
    """Standard competition ranking (1, 1, 3) of `values`, highest first; None stays unranked."""
    known = sorted((v for v in values if v is not None), reverse=True)
    return [None if v is None else known.index(v) + 1 for v in values]


@dataclass(frozen=True)
class RepResult:
    name: str
    target: float | None
    actual: float | None
    completion: float | None
    rank: int | None


@dataclass(frozen=True)
class Performance:
    reps: tuple[RepResult, ...]  # in agenda order
    target: float | None  # team totals: None when no rep has one
    actual: float | None
    completion: float | None  # over the reps with both a target and a result

    def by_rank(self) -> list[RepResult]:
        """Ranked reps first, best first; unranked ones after, in agenda order."""
        return sorted(self.reps, key=lambda r: (r.rank is None, r.rank or 0))


def is_rep(person: Participant) -> bool:
    """Someone with a target or a result this month: a row of the performance board."""
    return person.target is not None or person.actual is not None


def performance(participants: Iterable[Participant]) -> Performance:
    people = [p for p in participants if is_rep(p)]
    shares = [completion(p.target, p.actual) for p in people]
    places = competition_ranks(shares)
    reps = tuple(
        RepResult(p.name, p.target, p.actual, share, place)
        for p, share, place in zip(people, shares, places, strict=True)
    )
    targets = [p.target for p in people if p.target is not None]
    actuals = [p.actual for p in people if p.actual is not None]
    target = sum(targets) if targets else None
    actual = sum(actuals) if actuals else None
    # The team's completion sets results against the targets of the reps who have one in, so
    # a result not yet reported does not read as a shortfall.
    reported = [p for p in people if p.target and p.actual is not None]
    team = completion(
        sum(p.target or 0.0 for p in reported), sum(p.actual or 0.0 for p in reported)
    )
    return Performance(reps, target, actual, team if reported else None)


def session_reps(state: SessionState) -> list[Participant]:
    """The meeting's participants with the actual for each rep in it: the one place that decides it.

    A result given in the meeting (`/actual`, `state.results`) stands over the agenda's
    `actual:`; someone with a result but not on the agenda (a guest) is added after them.
    The live board, the minutes and the scorecard all read their figures from here.
    """
    results = state.results
    people = [
        replace(p, actual=results[p.name]) if p.name in results else p
        for p in state.agenda.participants
    ]
    named = {p.name for p in people}
    people += [
        Participant(name, actual=amount) for name, amount in results.items() if name not in named
    ]
    return people


def record_performance(record: SessionRecord, state: SessionState) -> Performance:
    """A recorded meeting's figures, with the targets it carried from the meeting before."""
    return month_performance(state, record_targets(record).targets, {})[0]


def month_performance(
    state: SessionState, carried: Mapping[str, float], results: Mapping[str, float]
) -> tuple[Performance, dict[str, str]]:
    """The meeting's figures through `performance`, and where each rep's target came from.

    The one place that says which target stands: the agenda's, else the one carried from the
    meeting before (the scorecard and the live board both ask here).
    """
    return reps_performance(session_reps(state), carried, results)


def reps_performance(
    reps: Iterable[Participant], carried: Mapping[str, float], results: Mapping[str, float]
) -> tuple[Performance, dict[str, str]]:
    """`month_performance` of a meeting's `session_reps`, kept (the scorecard reads them from the index)."""
    people: list[Participant] = []
    origin: dict[str, str] = {}
    for p in reps:
        target, actual = p.target, results.get(p.name, p.actual)
        if target is not None:
            origin[p.name] = FROM_AGENDA
        elif p.name in carried:
            target = carried[p.name]
            origin[p.name] = FROM_PREVIOUS
        people.append(replace(p, target=target, actual=actual))
    named = {p.name for p in people}
    for name in [*carried, *results]:
        if name not in named:
            named.add(name)
            if name in carried:
                origin[name] = FROM_PREVIOUS
            people.append(Participant(name, None, carried.get(name), results.get(name)))
    return performance(people), origin


@dataclass(frozen=True)
class CarriedTargets:
    """What `/target` set in the series' previous meeting: this meeting's targets where its agenda has none."""

    targets: Mapping[str, float]
    date: str | None  # the local ISO date of that meeting

    def to_dict(self) -> dict[str, object]:
        """As kept in the session header (`carried_targets`)."""
        return {"targets": dict(self.targets), "date": self.date}


NO_CARRIED_TARGETS = CarriedTargets({}, None)


def header_targets(meta: Mapping[str, object]) -> CarriedTargets | None:
    """The carried targets a session header holds; None for a session started before headers kept them."""
    raw = meta.get("carried_targets")
    if not isinstance(raw, Mapping):
        return None
    targets = raw.get("targets")
    day = raw.get("date")
    amounts = targets.items() if isinstance(targets, Mapping) else ()
    return CarriedTargets(
        {
            str(name): float(amount)
            for name, amount in amounts
            if isinstance(amount, int | float) and not isinstance(amount, bool)
        },
        str(day) if isinstance(day, str) and day else None,
    )


def record_targets(record: SessionRecord) -> CarriedTargets:
    """The targets a recorded meeting carried from the one before (the minutes' and the report's)."""
    return header_targets(record.meta) or NO_CARRIED_TARGETS
