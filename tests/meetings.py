"""Meetings recorded through the domain API for tests, one after another on an injected clock."""

from __future__ import annotations

from sessions.followup import carried_for
from sessions.session import Session


def followed_meeting(datadir, agenda, clock, lines, statuses=()):
    """One meeting of the agenda's series: it inherits the series' open actions, sets the
    follow-up `statuses` given as (number, status, comment), then captures `lines` and ends."""
    carried, previous = carried_for(datadir, agenda, clock.wall().date())
    session = Session.start(datadir, agenda, clock, carried=carried, previous=previous)
    for number, status, comment in statuses:
        clock.advance(5)
        session.set_followup(number, status, comment)
    clock.advance(60)
    for line in lines:
        clock.advance(30)
        session.submit(line)
    clock.advance(60)
    session.end()
    session.close()
    return session
