"""Timing maths: countdown, phase, overtime, extension, planned and projected end, sitting and breaks."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from sessions import timing
from sessions.events import event_from_dict
from sessions.state import BREAK_PAUSE_SECONDS, replay

T0 = 1_800_000_000.0
# the fixture's agenda: 600 + 900 + 600 + 600 + 300 seconds
PLANNED = [600, 900, 600, 600, 300]


def run(agenda, *events: tuple[Any, ...]):
    """Replay (type, at, payload) tuples, seq and absolute times filled in."""
    log = [
        {"seq": n, "type": kind, "at": T0 + at, **(payload[0] if payload else {})}
        for n, (kind, at, *payload) in enumerate(events, 1)
    ]
    return replay(agenda, [event_from_dict(raw) for raw in log])


def test_nothing_before_the_start(agenda):
    state = replay(agenda, [])
    assert timing.remaining(state, T0) is None
    assert timing.phase(state, T0) == "ok"
    assert timing.elapsed(state, T0) == 0
    assert timing.planned_end(state) is None
    assert timing.projected_end(state, T0) is None
    assert timing.sitting(state, T0) == 0


def test_remaining_counts_down(agenda):
    state = run(agenda, ("started", 0))
    assert timing.remaining(state, T0) == 600
    assert timing.remaining(state, T0 + 250) == 350


@pytest.mark.parametrize(
    ("used", "expected"),
    [
        (0, "ok"),
        (479, "ok"),
        (480, "warning"),
        (599, "warning"),
        (600, "overtime"),
        (900, "overtime"),
    ],
)
def test_phase_turns_at_exactly_80_and_100_percent(agenda, used, expected):
    state = run(agenda, ("started", 0))
    assert timing.phase(state, T0 + used) == expected


def test_overtime_is_negative_remaining(agenda):
    state = run(agenda, ("started", 0))
    assert timing.remaining(state, T0 + 725) == -125
    assert timing.fraction(state, T0 + 900) == 1.5


def test_extend_moves_the_deadline_and_the_phase(agenda):
    state = run(agenda, ("started", 0), ("extended", 590, {"index": 0, "seconds": 300}))
    assert timing.remaining(state, T0 + 600) == 300
    assert timing.phase(state, T0 + 600) == "ok"  # 600 / 900
    assert timing.phase(state, T0 + 720) == "warning"  # exactly 80 % of 900
    assert timing.phase(state, T0 + 900) == "overtime"
    assert timing.planned(state, 0) == 900


def test_a_pause_stops_the_countdown(agenda):
    state = run(agenda, ("started", 0), ("paused", 100))
    assert timing.remaining(state, T0 + 100) == 500
    assert timing.remaining(state, T0 + 5000) == 500
    state = run(agenda, ("started", 0), ("paused", 100), ("resumed", 400))
    assert timing.remaining(state, T0 + 450) == 450


def test_elapsed_includes_pauses_and_stops_at_the_end(agenda):
    state = run(agenda, ("started", 0), ("paused", 100), ("resumed", 400))
    assert timing.elapsed(state, T0 + 500) == 500
    state = run(agenda, ("started", 0), ("ended", 1200))
    assert timing.elapsed(state, T0 + 9999) == 1200


def test_planned_end_is_the_start_plus_the_agenda(agenda):
    state = run(agenda, ("started", 0), ("extended", 10, {"index": 0, "seconds": 300}))
    assert timing.planned_end(state) == T0 + sum(PLANNED)


def test_projected_end_on_time(agenda):
    state = run(agenda, ("started", 0))
    assert timing.projected_end(state, T0) == T0 + sum(PLANNED)
    assert timing.projected_end(state, T0 + 200) == T0 + sum(PLANNED)


def test_projected_end_slips_with_overtime(agenda):
    state = run(agenda, ("started", 0))
    # 100 s into overtime: nothing left of this section, the rest as planned
    assert timing.projected_end(state, T0 + 700) == T0 + 700 + sum(PLANNED[1:])


def test_projected_end_moves_on_while_paused(agenda):
    state = run(agenda, ("started", 0), ("paused", 100))
    assert timing.projected_end(state, T0 + 100) == T0 + sum(PLANNED)
    assert timing.projected_end(state, T0 + 400) == T0 + 300 + sum(PLANNED)


def test_projected_end_counts_extensions(agenda):
    state = run(agenda, ("started", 0), ("extended", 10, {"index": 3, "seconds": 120}))
    assert timing.projected_end(state, T0) == T0 + sum(PLANNED) + 120


def test_projected_end_skips_sections_already_done(agenda):
    state = run(agenda, ("started", 0), ("section", 500, {"index": 1}))
    # section 0 closed after 500 s; sections 1..4 ahead
    assert timing.projected_end(state, T0 + 500) == T0 + 500 + sum(PLANNED[1:])


def test_projected_end_after_deferral_still_counts_what_is_left_of_the_deferred_section(agenda):
    state = run(
        agenda, ("started", 0), ("deferred", 240, {"index": 0}), ("section", 240, {"index": 1})
    )
    assert state.order == [1, 2, 3, 4, 0]
    # now + all of section 1 + 2, 3, 4 + the 360 s section 0 still has
    expected = T0 + 240 + sum(PLANNED[1:]) + (600 - 240)
    assert timing.projected_end(state, T0 + 240) == expected
    # and when the deferred section comes round it has its leftover, not a fresh 600 s
    state = run(
        agenda,
        ("started", 0),
        ("deferred", 240, {"index": 0}),
        ("section", 240, {"index": 1}),
        ("section", 300, {"index": 2}),
        ("section", 400, {"index": 3}),
        ("section", 500, {"index": 4}),
        ("section", 600, {"index": 0}),
    )
    assert timing.remaining(state, T0 + 600) == 360
    assert timing.projected_end(state, T0 + 600) == T0 + 600 + 360


def test_projected_end_is_the_end_once_ended(agenda):
    state = run(agenda, ("started", 0), ("ended", 777))
    assert timing.projected_end(state, T0 + 5000) == T0 + 777


def test_sitting_counts_from_the_start(agenda):
    state = run(agenda, ("started", 0))
    assert timing.sitting(state, T0 + 3599) == 3599
    assert not timing.break_due(state, T0 + 3599)
    assert timing.break_due(state, T0 + 3600)


def test_sitting_freezes_during_a_short_pause_and_goes_on_after(agenda):
    state = run(agenda, ("started", 0), ("paused", 1000))
    assert timing.sitting(state, T0 + 1200) == 1000
    short = BREAK_PAUSE_SECONDS - 60
    state = run(agenda, ("started", 0), ("paused", 1000), ("resumed", 1000 + short))
    assert timing.sitting(state, T0 + 1000 + short + 100) == 1000 + short + 100


def test_a_pause_of_five_minutes_resets_the_sitting(agenda):
    state = run(agenda, ("started", 0), ("paused", 3000), ("resumed", 3000 + BREAK_PAUSE_SECONDS))
    now = T0 + 3000 + BREAK_PAUSE_SECONDS + 10
    assert timing.sitting(state, now) == 10
    assert not timing.break_due(state, now)


def test_a_break_section_resets_the_sitting(agenda):
    state = run(agenda, ("started", 0), ("section", 3500, {"index": 4}))
    assert timing.sitting(state, T0 + 3900) == 0
    assert not timing.break_due(state, T0 + 3900)
    state = run(
        agenda, ("started", 0), ("section", 3500, {"index": 4}), ("section", 3800, {"index": 2})
    )
    assert timing.sitting(state, T0 + 3900) == 100


def test_a_long_pause_during_a_break_does_not_start_the_sitting(agenda):
    state = run(
        agenda,
        ("started", 0),
        ("section", 100, {"index": 4}),
        ("paused", 150),
        ("resumed", 150 + BREAK_PAUSE_SECONDS),
    )
    assert timing.sitting(state, T0 + 5000) == 0


def test_no_break_limit_means_no_warning(agenda):
    relaxed = replace(agenda, meeting=replace(agenda.meeting, break_after=None))
    state = run(relaxed, ("started", 0))
    assert not timing.break_due(state, T0 + 10 * 3600)


def test_sitting_is_zero_after_the_end(agenda):
    state = run(agenda, ("started", 0), ("ended", 4000))
    assert timing.sitting(state, T0 + 5000) == 0


def test_agenda_timings_in_running_order(agenda):
    state = run(
        agenda,
        ("started", 0),
        ("deferred", 60, {"index": 0}),
        ("section", 60, {"index": 1}),
        ("extended", 70, {"index": 1, "seconds": 300}),
    )
    rows = timing.agenda_timings(state, T0 + 100)
    assert [r.index for r in rows] == [1, 2, 3, 4, 0]
    first, *_, last = rows
    assert (first.planned, first.used, first.current, first.reached) == (1200, 40, True, True)
    assert (last.used, last.deferred, last.reached, last.current) == (60, True, True, False)
    assert not rows[1].reached and rows[1].used == 0
