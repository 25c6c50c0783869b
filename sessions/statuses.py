"""An agreed action's statuses and the follow-up status a later meeting gives it: what the
session log, the index and the actions list all speak of (standard library only, and light:
`minutely actions` and `list` load it before their first line, so no dataclass is made here)."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class ActionStatus(StrEnum):
    """An agreed action's status: OPEN when captured, then changed at a later meeting of the
    series (`/status N`, one of FOLLOWUP_STATES) or after it (`minutely actions`, which can
    also cancel and reopen: REOPENED makes it OPEN again)."""

    OPEN = "open"
    DOING = "doing"
    BLOCKED = "blocked"
    DONE = "done"
    CANCELLED = "cancelled"
    REOPENED = "reopened"


def status_after(change: str) -> str:
    """The status a change of status leaves an action in: reopening leaves it open."""
    return ActionStatus.OPEN if change == ActionStatus.REOPENED else change


class FollowupMark(NamedTuple):
    """A follow-up status given to a carried action (`/status N`), as a session keeps it."""

    status: ActionStatus
    comment: str | None
    at: float
