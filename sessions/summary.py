"""What the history keeps of one session (`SessionSummary`) and the statuses a session is in:
the types the index's readers return, light enough for a command that only reads the index
(its records are NamedTuples: at import a dataclass takes several times as long to make)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, NamedTuple

from sessions.shape import Spec, fits
from sessions.statuses import ActionStatus, FollowupMark

_TEXT_OR_NONE = (str, type(None))
_NUMBER_OR_NONE = ("number", type(None))

# A summary as `_summary` writes it: an index row holding anything else was written by
# something else, and the index is rebuilt from the session files, not trusted.
SUMMARY_SPEC: Spec = {
    "id!": str,
    "status!": str,
    "mtime!": "number",
    **dict.fromkeys(
        ("title", "series", "lang", "location", "created", "date", "previous"), _TEXT_OR_NONE
    ),
    **dict.fromkeys(("started_at", "ended_at"), _NUMBER_OR_NONE),
    **dict.fromkeys(("utc_offset", "sections", "items", "open_actions"), "int"),
    **dict.fromkeys(("planned_seconds", "used_seconds"), "number"),
    "counts": dict,
    "actions": [
        {
            "ref!": str,
            "text!": str,
            **dict.fromkeys(("owner", "due", "criteria"), _TEXT_OR_NONE),
            "at": "number",
            "section": "int",
        }
    ],
    "followup": dict,
    "unreached": [str],
    "parking": [str],
}


class SessionStatus(StrEnum):
    """LIVE: open in some process now; INTERRUPTED: not ended and nobody holds it (resumable)."""

    LIVE = "live"
    INTERRUPTED = "interrupted"
    ENDED = "ended"


class SummaryAction(NamedTuple):
    """An action item as the index keeps it, for the actions list and follow-up."""

    ref: str  # "<session id>#<item id>"
    text: str
    owner: str | None
    due: str | None  # ISO date
    criteria: str | None
    at: float
    section: int


class SessionSummary(NamedTuple):
    """What listing, history, follow-up and the actions list need of one session.

    The index keeps it as JSON (`from_dict`/`to_dict`, also the shape of `minutely list
    --json`); everything else reads these fields.
    """

    id: str
    title: str | None
    series: str | None
    lang: str | None
    location: str | None
    created: str | None
    utc_offset: int
    started_at: float | None
    ended_at: float | None
    status: SessionStatus
    planned_seconds: float
    used_seconds: float
    sections: int
    items: int
    counts: dict[str, int]  # active items per kind
    open_actions: int
    mtime: float
    date: str | None  # local ISO date it started on
    previous: str | None  # the series' session before it
    actions: tuple[SummaryAction, ...]
    followup: dict[str, FollowupMark]  # by carried action's ref
    unreached: tuple[str, ...]  # sections never reached (breaks left out)
    parking: tuple[str, ...]

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> SessionSummary:
        """A summary as stored in the index; absent keys take defaults."""
        return cls(
            **{
                **_SUMMARY_DEFAULTS,
                **{k: v for k, v in raw.items() if k in _SUMMARY_FIELDS},
                "status": SessionStatus(raw["status"]),
                "actions": tuple(SummaryAction(**a) for a in raw.get("actions") or ()),
                "followup": {
                    ref: FollowupMark(ActionStatus(f["status"]), f.get("comment"), f["at"])
                    for ref, f in (raw.get("followup") or {}).items()
                },
                "unreached": tuple(raw.get("unreached") or ()),
                "parking": tuple(raw.get("parking") or ()),
            }
        )

    def to_dict(self) -> dict[str, Any]:
        raw: dict[str, Any] = self._asdict()
        raw["status"] = self.status.value
        raw["actions"] = [a._asdict() for a in self.actions]
        raw["followup"] = {
            ref: {"status": f.status.value, "comment": f.comment, "at": f.at}
            for ref, f in self.followup.items()
        }
        raw["unreached"] = list(self.unreached)
        raw["parking"] = list(self.parking)
        return raw


def stored_summary(raw: dict[str, Any]) -> SessionSummary:
    """A summary read back from the index: anything but what `_summary` writes is a ValueError."""
    if not fits(raw, SUMMARY_SPEC):
        raise ValueError("a summary in the index is not what this version writes")
    return SessionSummary.from_dict(raw)


_SUMMARY_FIELDS = set(SessionSummary._fields)
_SUMMARY_DEFAULTS: dict[str, Any] = {
    **dict.fromkeys(("title", "series", "lang", "location", "created", "date", "previous"), None),
    **dict.fromkeys(("started_at", "ended_at"), None),
    **dict.fromkeys(("utc_offset", "sections", "items", "open_actions"), 0),
    **dict.fromkeys(("planned_seconds", "used_seconds"), 0),
    "counts": {},
}


def session_date(started_at: float | None, utc_offset: int) -> str | None:
    """The local calendar date a session started on, as an ISO string."""
    if started_at is None:
        return None
    from sessions.clock import to_local  # lazy: start-up (what reads the index needs it not)

    return to_local(started_at, utc_offset).date().isoformat()
