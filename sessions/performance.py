"""Targets against results: completion and ranking, the one home for the sales maths.

The live board, the minutes and the room display all read these figures, so a tie ranks
the same everywhere: standard competition ranking, highest completion first (1, 1, 3).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from agendas.model import Participant

if TYPE_CHECKING:
    from sessions.state import SessionState


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


def session_performance(state: SessionState) -> Performance:
    """The meeting's figures: `performance` over `session_reps`."""
    return performance(session_reps(state))
