"""One home for writing a time of day: sessions/clock.py; every screen, the minutes and the notice use it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from sessions.clock import clock_text, local_clock, local_stamp

ROOT = Path(__file__).resolve().parents[2]
T = datetime(2026, 12, 1, 1, 5, 30, tzinfo=UTC).timestamp()


def test_session_time_is_written_in_the_meetings_zone():
    assert local_clock(T, 8 * 3600) == "09:05"
    assert local_clock(T) == "01:05"
    assert local_stamp(T, -2 * 3600) == "2026-11-30 23:05"
    assert local_clock(None, 3600) == local_stamp(None) == ""
    assert clock_text(datetime(2026, 1, 2, 7, 4, tzinfo=timezone(timedelta(hours=8)))) == "07:04"


def test_no_other_module_spells_a_time_format():
    spelt = re.compile(r"%H:%M|timezone\(timedelta")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for package in ("sessions", "tui", "widgets", "agendas")
        for path in sorted((ROOT / package).rglob("*.py"))
        if path != ROOT / "sessions" / "clock.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if spelt.search(line)
    ]
    assert found == []
