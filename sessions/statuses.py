"""An agreed action's statuses and the follow-up status a later meeting gives it: what the
session log, the index and the actions list all speak of (standard library only)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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


@dataclass
class FollowupMark:
    """A follow-up status given to a carried action (`/status N`), as a session keeps it."""

    status: ActionStatus
    comment: str | None
    at: float
