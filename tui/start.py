"""Where the app opens: one value saying which first screen, instead of a flag per mode."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agendas.model import Agenda
    from sessions.session import Session


@dataclass(frozen=True)
class Home:
    """Plain `minutely`: start from a template or a file, resume, history, actions."""


@dataclass(frozen=True)
class PreMeeting:
    """`minutely run AGENDA`: the pre-meeting check (roll-call, checklist), then the meeting."""

    agenda: Agenda


@dataclass(frozen=True)
class Now:
    """The live meeting of `agenda` at once, everyone present (no pre-meeting check)."""

    agenda: Agenda


@dataclass(frozen=True)
class Live:
    """A meeting already started or resumed (the CLI opens it first, to report failure as one line)."""

    session: Session


@dataclass(frozen=True)
class Resume:
    """An interrupted meeting by its id, opened when the app is made."""

    session_id: str


@dataclass(frozen=True)
class Display:
    """The read-only room display of a session; with `follow_latest`, moving on to the next meeting."""

    session_id: str
    follow_latest: bool = False


@dataclass(frozen=True)
class History:
    """`minutely history`: past sessions, then quit."""


@dataclass(frozen=True)
class Series:
    """`minutely series NAME`: the series' scorecard, then quit; `lang`: the series' own language."""

    name: str
    lang: str | None = None


Start = Home | PreMeeting | Now | Live | Resume | Display | History | Series
