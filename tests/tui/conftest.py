"""Meetings several screen tests run: started, handed to the test, closed after it."""

from __future__ import annotations

import pytest
from live_meetings import start_followed_up, start_monthly


@pytest.fixture
def followed_up(datadir, agenda, clock):
    """An en meeting with one action and two topics carried over; Tom Baker not checked in."""
    s = start_followed_up(datadir, agenda, clock)
    yield s
    s.close()


@pytest.fixture
def monthly(datadir, agenda, clock):
    """A zh meeting: 陈静 announced late, Tom Baker absent, two actions carried from #9 and #12."""
    s = start_monthly(datadir, agenda, clock)
    yield s
    s.close()
