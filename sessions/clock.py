"""Injected clocks: the system's monotonic and wall clocks, and a hand-driven one for tests."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def wall(self) -> datetime: ...


class SystemClock:
    """Monotonic seconds for durations, the aware wall clock for dates shown to people."""

    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now().astimezone()


@dataclass
class FakeClock:
    """A clock that moves only when told to; wall and monotonic advance together."""

    start: datetime = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    mono: float = 1000.0

    def monotonic(self) -> float:
        return self.mono

    def wall(self) -> datetime:
        return self.start + timedelta(seconds=self.mono - 1000.0)

    def advance(self, seconds: float) -> None:
        self.mono += seconds


class Timeline:
    """Session time: epoch seconds anchored to the wall clock once, then moved by the monotonic clock.

    Within one run of the app the values never go backwards, whatever the wall clock does;
    across runs (a crash, then resume) the new anchor makes the gap show as real time.
    """

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._wall0 = clock.wall().timestamp()
        self._mono0 = clock.monotonic()

    def now(self) -> float:
        return self._wall0 + (self.clock.monotonic() - self._mono0)

    def utc_offset(self) -> int:
        """Seconds east of UTC where the meeting happens, kept with the session for display."""
        offset = self.clock.wall().utcoffset()
        return int(offset.total_seconds()) if offset is not None else 0


def to_local(t: float, utc_offset: int = 0) -> datetime:
    """Session time to an aware datetime in the meeting's own zone."""
    return datetime.fromtimestamp(t, timezone(timedelta(seconds=utc_offset)))


# The one home of how a time of day is written, on screen, in the minutes and the notice.


def clock_text(moment: datetime) -> str:
    """`09:05`: a time of day, 24-hour."""
    return moment.strftime("%H:%M")


def local_clock(t: float | None, utc_offset: int = 0) -> str:
    """Session time as `09:05` in the meeting's zone; "" for no time."""
    return "" if t is None else clock_text(to_local(t, utc_offset))


def local_stamp(t: float | None, utc_offset: int = 0) -> str:
    """Session time as `2026-12-01 09:05` in the meeting's zone; "" for no time."""
    return "" if t is None else to_local(t, utc_offset).strftime("%Y-%m-%d %H:%M")
