"""Opening a meeting: the series' open actions and left-over topics, then the session file."""

from __future__ import annotations

from agendas.model import Agenda
from sessions import followup
from sessions.clock import Clock
from sessions.session import Session
from sessions.state import CarriedAction
from sessions.store import DataDir, StoreError

# What reading the series' history may run into: an unreadable or damaged file, or a cache
# or ledger written by something else. The history helps the meeting; it is no condition
# for holding it.
SERIES_HISTORY_ERRORS = (StoreError, OSError, KeyError, TypeError, ValueError)


def series_followup(
    datadir: DataDir, agenda: Agenda, clock: Clock
) -> tuple[list[CarriedAction], str | None]:
    """The series' open actions (oldest first) and its latest previous session, as of today."""
    if not agenda.meeting.series:
        return [], None
    return followup.carried_for(datadir, agenda, clock.wall().date())


def start_session(
    datadir: DataDir,
    agenda: Agenda,
    clock: Clock,
    lang: str,
    *,
    attendance: dict[str, str] | None,
    checklist: dict[int, bool] | None = None,
    carried: list[CarriedAction] | None = None,
    topics: list[followup.CarriedTopic] | None = None,
    previous: str | None = None,
) -> Session:
    """Start a meeting, carrying the series' open actions and left-over topics unless given already.

    `attendance=None` means everyone is here. A series history that cannot be read starts the
    meeting without it.
    """
    try:
        if carried is None and topics is None:  # both from one reading of the series
            carried, previous, topics = followup.series_history(
                datadir, agenda, clock.wall().date()
            )
        if carried is None:
            carried, previous = series_followup(datadir, agenda, clock)
        if topics is None:
            topics = followup.carried_topics(datadir, agenda)
    except SERIES_HISTORY_ERRORS:
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
