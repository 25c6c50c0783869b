"""Follow-up across a series: the open actions and the unfinished topics a new meeting inherits.

An agreed item is followed up at every later meeting of its series until it is done or
cancelled. `carried_for` gives the list a new session starts with (stored in the session's
header as `carried`, numbered for `/status N …`); `carried_topics` gives the sections the
previous meeting never reached and its parking lot (`CarriedTopic`, kept in the header as
`carried_topics`; `topics_from_header` reads them back). Both read only the index and the
actions ledger (see `sessions.actions` for how an action's status is worked out), so they
stay fast with years of history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from agendas.model import Agenda
from sessions.actions import load_actions
from sessions.datadir import DataDir
from sessions.index import Index
from sessions.state import CarriedAction
from sessions.summary import SessionSummary

TopicKind = Literal["section", "parking"]


@dataclass(frozen=True)
class CarriedTopic:
    """A topic the previous meeting of the series left over, shown as "carried from <date>".

    Kept in the session's header; `from_dict`/`to_dict` are the only readers of that shape.
    """

    kind: TopicKind  # "section": a section it never reached; "parking": its parking lot
    text: str
    origin: str | None = None  # session id
    origin_date: str | None = None  # ISO date

    @classmethod
    def from_dict(cls, raw: object) -> CarriedTopic | None:
        """As a header keeps it; None for an entry with nothing to show (no text, or no entry)."""
        if not isinstance(raw, dict) or not raw.get("text"):
            return None
        origin, day = raw.get("origin"), raw.get("origin_date")
        return cls(
            kind="parking" if raw.get("kind") == "parking" else "section",
            text=str(raw["text"]),
            origin=str(origin) if origin else None,
            origin_date=str(day) if day else None,
        )

    def to_dict(self) -> dict[str, str | None]:
        return {
            "kind": self.kind,
            "text": self.text,
            "origin": self.origin,
            "origin_date": self.origin_date,
        }


def topics_from_header(raw: Iterable[object] | None) -> list[CarriedTopic]:
    """The carried topics a session header keeps (`carried_topics`), typed; what is no topic is left out."""
    found = (CarriedTopic.from_dict(entry) for entry in raw or ())
    return [topic for topic in found if topic is not None]


def series_history(
    datadir: DataDir, agenda: Agenda, today: date
) -> tuple[list[CarriedAction], str | None, list[CarriedTopic]]:
    """What a new meeting of the agenda's series inherits: its still-open actions (oldest
    first), the id of its latest previous session, and that session's left-over topics.

    Read by SQL from the index, brought up to date for that series only: a start does not
    grow with the whole history.
    """
    series = agenda.meeting.series
    if not series:
        return [], None, []
    book = load_actions(datadir, open_only=True, series=series)
    latest = Index(datadir).page(series=series, limit=1, lean=True).sessions
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


def carried_topics(datadir: DataDir, agenda: Agenda) -> list[CarriedTopic]:
    """What the previous meeting of the series left over: sections not reached, then its parking lot."""
    series = agenda.meeting.series
    if not series:
        return []
    latest = Index(datadir).series_latest(series)
    return _topics(latest) if latest is not None else []


def _topics(last: SessionSummary) -> list[CarriedTopic]:
    """The sections the session never reached, then its parking lot, as carried topics."""
    sections = [CarriedTopic("section", text, last.id, last.date) for text in last.unreached]
    return sections + [CarriedTopic("parking", text, last.id, last.date) for text in last.parking]
