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


def series_history(
    datadir: DataDir, agenda: Agenda, today: date
) -> tuple[list[CarriedAction], str | None, list[dict[str, Any]]]:
    """What a new meeting of the agenda's series inherits: its still-open actions (oldest
    first), the id of its latest previous session, and that session's left-over topics.

    Read by SQL from the index, brought up to date for that series only: a start does not
    grow with the whole history.
    """
    series = agenda.meeting.series
    if not series:
        return [], None, []
    book = load_actions(datadir, open_only=True, series=series)
    latest = Index(datadir).page(series=series, limit=1).sessions
    if not latest:
        return [], None, []
    carried = [CarriedAction.from_dict(a.to_dict(today)) for a in book.actions]
    carried.sort(key=lambda a: (a.origin_date or "", a.origin or "", int(a.ref.split("#")[1])))
    return carried, latest[0].id, _topics(latest[0])


def carried_for(
    datadir: DataDir, agenda: Agenda, today: date
) -> tuple[list[CarriedAction], str | None]:
    """The series' still-open actions, oldest first, and the id of its latest previous session.

    Each action has its days overdue as of `today`, its last known status (open, doing or
    blocked) and the last comment given.
    """
    carried, previous, _topics = series_history(datadir, agenda, today)
    return carried, previous


def carried_topics(datadir: DataDir, agenda: Agenda) -> list[dict[str, Any]]:
    """What the previous meeting of the series left over: sections not reached, then its parking lot.

    Each is `{"kind": "section" | "parking", "text", "origin", "origin_date"}`; screens
    show them as "carried from <date>".
    """
    series = agenda.meeting.series
    if not series:
        return []
    latest = Index(datadir).series_latest(series)
    return _topics(latest) if latest is not None else []


def _topics(last: SessionSummary) -> list[dict[str, Any]]:
    topics: list[dict[str, Any]] = []
    for kind, key in (("section", "unreached"), ("parking", "parking")):
        for text in getattr(last, key):
            topics.append({"kind": kind, "text": text, "origin": last.id, "origin_date": last.date})
    return topics
