"""Follow-up across a series: the open actions and the unfinished topics a new meeting inherits.

An agreed item is followed up at every later meeting of its series until it is done or
cancelled. `carried_for` gives the list a new session starts with (stored in the session's
header as `carried`, numbered for `/status N …`); `carried_topics` gives the sections the
previous meeting never reached and its parking lot. Both read only the index and the
actions ledger (see `sessions.actions` for how an action's status is worked out), so they
stay fast with years of history.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from agendas.model import Agenda
from sessions.actions import load_actions
from sessions.index import Index, SessionSummary
from sessions.state import CarriedAction
from sessions.store import DataDir


def _series_sessions(datadir: DataDir, series: str) -> list[SessionSummary]:
    """The series' sessions, newest first (the listing's order), without reading the whole index."""
    return Index(datadir).series_sessions(series)


def carried_for(
    datadir: DataDir, agenda: Agenda, today: date
) -> tuple[list[CarriedAction], str | None]:
    """The series' still-open actions, oldest first, and the id of its latest previous session.

    Each action has its days overdue as of `today`, its last known status (open, doing or
    blocked) and the last comment given.
    """
    series = agenda.meeting.series
    if not series:
        return [], None
    sessions = _series_sessions(datadir, series)
    if not sessions:
        return [], None
    book = load_actions(datadir, sessions=sessions)
    carried = [CarriedAction.from_dict(a.to_dict(today)) for a in book.actions if a.is_open]
    carried.sort(key=lambda a: (a.origin_date or "", a.origin or "", int(a.ref.split("#")[1])))
    return carried, sessions[0].id


def carried_topics(datadir: DataDir, agenda: Agenda) -> list[dict[str, Any]]:
    """What the previous meeting of the series left over: sections not reached, then its parking lot.

    Each is `{"kind": "section" | "parking", "text", "origin", "origin_date"}`; screens
    show them as "carried from <date>".
    """
    series = agenda.meeting.series
    if not series:
        return []
    sessions = _series_sessions(datadir, series)
    if not sessions:
        return []
    last = sessions[0]
    topics: list[dict[str, Any]] = []
    for kind, key in (("section", "unreached"), ("parking", "parking")):
        for text in getattr(last, key):
            topics.append({"kind": kind, "text": text, "origin": last.id, "origin_date": last.date})
    return topics
