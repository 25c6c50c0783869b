"""What one recorded meeting gives the series scorecard (`MeetingFacts`), and how the index keeps it.

Worked out once from the meeting's replay (`sessions.indexing.meeting_facts`, the one home of
that extraction) and kept in the index beside its summary as JSON, so that a scorecard reads
its series' facts without opening a session file, replaying a log or loading the events.
Light: nothing here imports the replay. Its records are NamedTuples: a dataclass takes several
times as long to make at import, a cost every start of the scorecard pays.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, NamedTuple

from agendas.model import Participant
from sessions.disk import compact_json


class MeetingColumn(NamedTuple):
    """One meeting of the series: its place in the scorecard and how it went."""

    id: str
    title: str
    date: str | None  # local ISO date it started on
    planned: int  # the agenda's seconds
    extended: int
    elapsed: float  # start to end, pauses included
    in_sections: float
    unreached: tuple[str, ...]  # sections never reached (breaks left out)
    carried_actions: int  # open actions it inherited
    carried_topics: int  # sections not reached and parking lot of the meeting before
    actions: int  # actions agreed in it
    facilitator: str | None
    facilitator_share: float | None  # of all talk; None when nobody spoke
    dominated: bool  # the facilitator held over half of the talk
    ended: bool
    rating: float | None = None  # the average of the ratings given; None: nobody rated it
    time: str | None = None  # local time it started, `09:00`

    @property
    def overrun(self) -> float:
        """Seconds past the planned length (negative: ended early)."""
        return self.elapsed - self.planned


class CarriedItem(NamedTuple):
    """Something handed on from meeting to meeting: an open action, or a topic left over."""

    kind: str  # "action" | "section" | "parking"
    text: str
    owner: str | None
    times: int  # meetings that inherited it


class HandedOn(NamedTuple):
    """One thing a meeting inherited: an open action (known by its reference) or a topic (by its text)."""

    kind: str  # "action" | "section" | "parking"
    key: str  # the action's reference; the topic's text
    text: str
    owner: str | None


class Presence(NamedTuple):
    """One person on a meeting's attendance: their part of the talk and how they were there."""

    name: str
    share: float  # of all talk
    talk_time: float  # seconds
    was_there: bool  # in the room at some point (`sessions.participation.was_there`)
    silent: bool  # there, and never spoke
    late: bool  # there, and came late
    left_early: bool


class MeetingFacts(NamedTuple):
    """Everything the scorecard reads of one meeting."""

    column: MeetingColumn
    started_at: float | None
    utc_offset: int
    targets: Mapping[str, float]  # set in it (`/target`): what the next meeting carries
    kept_targets: Mapping[str, float] | None  # carried, as its header kept them; None: not kept
    reps: tuple[Participant, ...]  # its participants with their results (`session_reps`)
    people: tuple[Presence, ...]
    handed: tuple[HandedOn, ...]  # what it inherited

    @property
    def id(self) -> str:
        return self.column.id

    def to_json(self) -> str:
        """As the index keeps it (`sessions.catalog`, the `facts` table)."""
        c = self.column
        return compact_json(
            {
                "column": [
                    c.id,
                    c.title,
                    c.date,
                    c.planned,
                    c.extended,
                    c.elapsed,
                    c.in_sections,
                    list(c.unreached),
                    c.carried_actions,
                    c.carried_topics,
                    c.actions,
                    c.facilitator,
                    c.facilitator_share,
                    c.dominated,
                    c.ended,
                    c.rating,
                    c.time,
                ],
                "started_at": self.started_at,
                "utc_offset": self.utc_offset,
                "targets": dict(self.targets),
                "kept_targets": None if self.kept_targets is None else dict(self.kept_targets),
                "reps": [[p.name, p.role, p.target, p.actual] for p in self.reps],
                "people": [
                    [p.name, p.share, p.talk_time, p.was_there, p.silent, p.late, p.left_early]
                    for p in self.people
                ],
                "handed": [[h.kind, h.key, h.text, h.owner] for h in self.handed],
            }
        )

    @classmethod
    def from_json(cls, text: str) -> MeetingFacts:
        raw: dict[str, Any] = json.loads(text)
        column = raw["column"]
        column[7] = tuple(column[7])
        kept = raw["kept_targets"]
        return cls(
            column=MeetingColumn(*column),
            started_at=raw["started_at"],
            utc_offset=raw["utc_offset"],
            targets=raw["targets"],
            kept_targets=kept,
            reps=tuple(Participant(*rep) for rep in raw["reps"]),
            people=tuple(Presence(*person) for person in raw["people"]),
            handed=tuple(HandedOn(*handed) for handed in raw["handed"]),
        )
