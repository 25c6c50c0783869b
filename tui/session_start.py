"""Starting a meeting: the series' open actions and left-over topics carried into a new session."""

from __future__ import annotations

from typing import Any

from agendas.model import Agenda
from sessions.clock import Clock
from sessions.followup import carried_for, carried_topics
from sessions.session import Session
from sessions.store import DataDir, StoreError


def series_followup(
    datadir: DataDir, agenda: Agenda, clock: Clock
) -> tuple[list[dict[str, Any]], str | None]:
    """The series' open actions and the previous session."""
    if not agenda.meeting.series:
        return [], None
    return carried_for(datadir, agenda, clock.wall().date())


def start_session(
    datadir: DataDir,
    agenda: Agenda,
    clock: Clock,
    lang: str,
    *,
    attendance: dict[str, str] | None,
    checklist: dict[int, bool] | None = None,
    carried: list[dict[str, Any]] | None = None,
    topics: list[dict[str, Any]] | None = None,
    previous: str | None = None,
) -> Session:
    """Start a meeting, carrying the series' open actions and left-over topics unless given already."""
    datadir.clean_temps()
    try:
        if carried is None:
            carried, previous = series_followup(datadir, agenda, clock)
        if topics is None:
            topics = carried_topics(datadir, agenda)
    except (StoreError, OSError, KeyError, TypeError, ValueError):
        # The series' history helps the meeting; it is no condition for holding it.
        carried, topics, previous = carried or [], topics or [], None
    return Session.start(
        datadir,
        agenda,
        clock,
        attendance=attendance,
        checklist=checklist,
        carried=carried,
        topics=topics,
        lang=lang,
        previous=previous,
    )
