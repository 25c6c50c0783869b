"""Participation maths: talk time, share, turns, who has not spoken, a dominating facilitator."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sessions.events import AttendanceStatus, event_from_dict
from sessions.participation import (
    DOMINANCE_MIN_TOTAL,
    facilitator_dominates,
    is_here,
    participation,
    talk_time,
    total_talk,
    was_there,
)
from sessions.state import Attendance, replay

T0 = 1_800_000_000.0


def run(agenda, *events: tuple[Any, ...], everyone_here: bool = True):
    log: list[dict[str, Any]] = []
    if everyone_here:
        events = (
            *(
                ("attendance", 0, {"name": n, "status": AttendanceStatus.PRESENT})
                for n in agenda.names
            ),
            *events,
        )
    for n, (kind, at, *payload) in enumerate(events, 1):
        log.append({"seq": n, "type": kind, "at": T0 + at, **(payload[0] if payload else {})})
    return replay(agenda, [event_from_dict(raw) for raw in log])


def rows_by_name(state, now):
    return {row.name: row for row in participation(state, now)}


def test_talk_time_includes_the_running_turn(agenda):
    state = run(agenda, ("started", 0), ("speaker", 10, {"name": "张伟"}))
    assert talk_time(state, "张伟", T0 + 70) == 60
    assert talk_time(state, "陈静", T0 + 70) == 0
    assert talk_time(state, "nobody", T0 + 70) == 0


def test_talk_time_stands_still_while_paused(agenda):
    state = run(agenda, ("started", 0), ("speaker", 0, {"name": "张伟"}), ("paused", 30))
    assert talk_time(state, "张伟", T0 + 500) == 30


def test_shares_turns_and_the_speaker(agenda):
    state = run(
        agenda,
        ("started", 0),
        ("speaker", 0, {"name": "王磊"}),
        ("speaker", 60, {"name": "张伟"}),
        ("speaker", 150, {"name": "王磊"}),
        ("speaker", 180, {"name": "陈静"}),
    )
    rows = rows_by_name(state, T0 + 200)
    assert rows["王磊"].talk_time == 90 and rows["王磊"].turns == 2
    assert rows["张伟"].talk_time == 90 and rows["张伟"].turns == 1
    assert rows["陈静"].talk_time == 20 and rows["陈静"].speaking
    assert rows["王磊"].share == 0.45 and rows["陈静"].share == 0.1
    assert sum(r.share for r in rows.values()) == 1.0
    assert total_talk(state, T0 + 200) == 200
    assert rows["王磊"].facilitator and not rows["张伟"].facilitator


def test_shares_are_zero_before_anyone_talks(agenda):
    rows = participation(run(agenda, ("started", 0)), T0 + 100)
    assert [r.share for r in rows] == [0.0] * 5
    assert [r.name for r in rows] == list(agenda.names)


def test_silent_means_in_the_room_and_not_yet_spoken(agenda):
    state = run(
        agenda,
        ("attendance", 0, {"name": "王磊", "status": AttendanceStatus.PRESENT}),
        ("attendance", 0, {"name": "李娜", "status": AttendanceStatus.PRESENT}),
        ("attendance", 0, {"name": "陈静", "status": AttendanceStatus.ABSENT}),
        ("attendance", 0, {"name": "张伟", "status": AttendanceStatus.LATE, "arrived": False}),
        ("started", 0),
        ("speaker", 0, {"name": "王磊"}),
        everyone_here=False,
    )
    rows = rows_by_name(state, T0 + 100)
    assert not rows["王磊"].silent  # spoke
    assert rows["李娜"].silent  # here, said nothing
    assert not rows["陈静"].silent  # absent
    assert not rows["Tom Baker"].silent  # never checked in
    assert not rows["张伟"].silent  # late and not here yet
    state = run(
        agenda,
        ("attendance", 0, {"name": "张伟", "status": AttendanceStatus.LATE, "arrived": False}),
        ("started", 0),
        ("attendance", 300, {"name": "张伟", "status": AttendanceStatus.PRESENT}),
        everyone_here=False,
    )
    assert rows_by_name(state, T0 + 400)["张伟"].silent  # arrived, still quiet


def test_someone_who_left_without_a_word_stays_silent(agenda):
    state = run(
        agenda,
        ("started", 0),
        ("attendance", 60, {"name": "陈静", "status": AttendanceStatus.LEFT}),
    )
    row = rows_by_name(state, T0 + 100)["陈静"]
    assert row.silent and row.status == AttendanceStatus.LEFT


def test_guests_take_part(agenda):
    state = run(
        agenda,
        ("started", 0),
        ("attendance", 10, {"name": "赵总", "status": AttendanceStatus.PRESENT}),
        ("speaker", 20, {"name": "赵总"}),
    )
    rows = rows_by_name(state, T0 + 80)
    assert rows["赵总"].talk_time == 60 and rows["赵总"].share == 1.0 and rows["赵总"].turns == 1


def _facilitator_talks(agenda, facilitator_seconds: float, others_seconds: float):
    state = run(
        agenda,
        ("started", 0),
        ("speaker", 0, {"name": "王磊"}),
        ("speaker", facilitator_seconds, {"name": "张伟"}),
        ("speaker", facilitator_seconds + others_seconds, {"name": None}),
    )
    return facilitator_dominates(state, T0 + facilitator_seconds + others_seconds)


def test_facilitator_dominating_needs_over_half_of_enough_talk(agenda):
    assert _facilitator_talks(agenda, 200, 100)  # 2/3 of 300 s
    assert not _facilitator_talks(agenda, 150, 150)  # exactly half is not over half
    assert not _facilitator_talks(agenda, 100, 200)
    # a lot of share but too little talk in total to say anything
    assert DOMINANCE_MIN_TOTAL == 120
    assert not _facilitator_talks(agenda, 100, 19)
    assert _facilitator_talks(agenda, 100, 21)


def test_facilitator_dominance_counts_the_running_turn(agenda):
    state = run(
        agenda,
        ("started", 0),
        ("speaker", 0, {"name": "张伟"}),
        ("speaker", 100, {"name": "王磊"}),
    )
    assert not facilitator_dominates(state, T0 + 150)
    assert facilitator_dominates(state, T0 + 201)


def test_no_facilitator_no_flag(agenda):
    nobody = replace(
        agenda,
        meeting=replace(agenda.meeting, facilitator=None),
        participants=tuple(replace(p, role="sales") for p in agenda.participants),
    )
    assert nobody.facilitator is None
    state = run(nobody, ("started", 0), ("speaker", 0, {"name": "王磊"}))
    assert not facilitator_dominates(state, T0 + 1000)


def test_who_is_here_now_and_who_was_there_at_all():
    cases = {
        (AttendanceStatus.EXPECTED, None): (False, False),
        (AttendanceStatus.PRESENT, T0): (True, True),
        (AttendanceStatus.LATE, None): (False, False),  # announced late, not come yet
        (AttendanceStatus.LATE, T0 + 300): (True, True),
        (AttendanceStatus.LEFT, T0): (False, True),
        (AttendanceStatus.ABSENT, None): (False, False),
    }
    for (status, arrived), expected in cases.items():
        person = Attendance(status=status, arrived=arrived)
        assert (is_here(person), was_there(person)) == expected, status
