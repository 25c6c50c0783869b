"""The agenda model: meeting, participants and sections as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class SectionBoard(StrEnum):
    """A table shown while a section runs; the minutes give its outcome a part of their own."""

    FOLLOWUP = "followup"  # last meeting's open actions and their status
    PERFORMANCE = "performance"  # this period's results against targets
    TARGETS = "targets"  # next period's targets as they are set


@dataclass(frozen=True)
class SectionTraits:
    """What a kind of section does differently: asked of the kind, never spelt as `kind is X`."""

    board: SectionBoard | None = None
    named: bool = True  # its kind is shown beside its title (a discussion is the default)
    takes_target: bool = False  # /target sets next period's targets in it
    takes_status: bool = False  # /status updates carried actions in it
    is_break: bool = False  # nobody discusses: left out of the minutes when nothing was noted


class SectionKind(StrEnum):
    DISCUSSION = "discussion"
    FOLLOWUP = "followup"
    PERFORMANCE = "performance"
    TARGETS = "targets"
    TRAINING = "training"
    BREAK = "break"

    @property
    def traits(self) -> SectionTraits:
        return SECTION_TRAITS[self]


SECTION_TRAITS: dict[SectionKind, SectionTraits] = {
    SectionKind.DISCUSSION: SectionTraits(named=False),
    SectionKind.FOLLOWUP: SectionTraits(board=SectionBoard.FOLLOWUP, takes_status=True),
    SectionKind.PERFORMANCE: SectionTraits(board=SectionBoard.PERFORMANCE),
    SectionKind.TARGETS: SectionTraits(board=SectionBoard.TARGETS, takes_target=True),
    SectionKind.TRAINING: SectionTraits(),
    SectionKind.BREAK: SectionTraits(is_break=True),
}


LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Participant:
    name: str
    role: str | None = None
    target: float | None = None
    actual: float | None = None

    @property
    def is_facilitator(self) -> bool:
        return (self.role or "").lower() in ("facilitator", "主持人", "主持")


@dataclass(frozen=True)
class Section:
    title: str
    duration: int  # planned seconds
    kind: SectionKind = SectionKind.DISCUSSION
    presenter: str | None = None
    materials: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Meeting:
    title: str
    series: str | None = None
    location: str | None = None
    facilitator: str | None = None
    scribe: str | None = None
    purpose: str | None = None
    language: str | None = None  # "zh" | "en" | None (then locale, else en)
    starts: datetime | None = None
    break_after: int | None = None  # seconds
    rules: tuple[str, ...] = ()
    series_title: str | None = None  # how people name the series; `series` is its slug
    next_meeting: datetime | None = None

    @property
    def series_name(self) -> str | None:
        """The series as the minutes name it: its display name, else its slug."""
        return self.series_title or self.series


@dataclass(frozen=True)
class Agenda:
    meeting: Meeting
    participants: tuple[Participant, ...] = ()
    sections: tuple[Section, ...] = ()
    checklist: tuple[str, ...] = ()
    source: str | None = field(default=None, compare=False)  # file or template it came from

    @property
    def planned_seconds(self) -> int:
        return sum(s.duration for s in self.sections)

    def long_sittings(self) -> list[tuple[int, int, int]]:
        """Runs of sections between breaks planned longer than `break_after`.

        Each is (first section number, last section number, planned seconds), numbered from 1.
        """
        limit = self.meeting.break_after
        if not limit:
            return []
        runs: list[tuple[int, int, int]] = []
        first, total = 0, 0
        for number, section in enumerate(self.sections, 1):
            if section.kind.traits.is_break:
                first, total = 0, 0
                continue
            first, total = first or number, total + section.duration
            if total > limit:
                if runs and runs[-1][0] == first:
                    runs.pop()
                runs.append((first, number, total))
        return runs

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.participants)

    @property
    def facilitator(self) -> str | None:
        if self.meeting.facilitator:
            return self.meeting.facilitator
        for p in self.participants:
            if p.is_facilitator:
                return p.name
        return None

    def participant(self, name: str) -> Participant | None:
        for p in self.participants:
            if p.name == name:
                return p
        return None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict; `Agenda.from_dict` reads it back exactly."""
        m = self.meeting
        return {
            "meeting": {
                "title": m.title,
                "series": m.series,
                "location": m.location,
                "facilitator": m.facilitator,
                "scribe": m.scribe,
                "purpose": m.purpose,
                "language": m.language,
                "starts": m.starts.isoformat() if m.starts else None,
                "break_after": m.break_after,
                "rules": list(m.rules),
                "series_title": m.series_title,
                "next_meeting": m.next_meeting.isoformat() if m.next_meeting else None,
            },
            "participants": [
                {"name": p.name, "role": p.role, "target": p.target, "actual": p.actual}
                for p in self.participants
            ],
            "sections": [
                {
                    "title": s.title,
                    "duration": s.duration,
                    "kind": s.kind.value,
                    "presenter": s.presenter,
                    "materials": list(s.materials),
                    "goals": list(s.goals),
                }
                for s in self.sections
            ],
            "checklist": list(self.checklist),
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Agenda:
        m = data["meeting"]
        starts = m.get("starts")
        next_meeting = m.get("next_meeting")
        return cls(
            meeting=Meeting(
                title=m["title"],
                series=m.get("series"),
                location=m.get("location"),
                facilitator=m.get("facilitator"),
                scribe=m.get("scribe"),
                purpose=m.get("purpose"),
                language=m.get("language"),
                starts=datetime.fromisoformat(starts) if starts else None,
                break_after=m.get("break_after"),
                rules=tuple(m.get("rules") or ()),
                series_title=m.get("series_title"),
                next_meeting=datetime.fromisoformat(next_meeting) if next_meeting else None,
            ),
            participants=tuple(
                Participant(p["name"], p.get("role"), p.get("target"), p.get("actual"))
                for p in data.get("participants") or ()
            ),
            sections=tuple(
                Section(
                    title=s["title"],
                    duration=int(s["duration"]),
                    kind=SectionKind(s.get("kind") or "discussion"),
                    presenter=s.get("presenter"),
                    materials=tuple(s.get("materials") or ()),
                    goals=tuple(s.get("goals") or ()),
                )
                for s in data.get("sections") or ()
            ),
            checklist=tuple(data.get("checklist") or ()),
            source=data.get("source"),
        )
