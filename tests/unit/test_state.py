"""The fold of the event log into a session state: one test per event type and per tricky sequence."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sessions.capture import ItemKind
from sessions.events import AttendanceStatus, Event, Started, event_from_dict
from sessions.state import (
    BREAK_PAUSE_SECONDS,
    CarriedAction,
    apply,
    carried_actions,
    initial_state,
    replay,
)

T0 = 1_800_000_000.0


class Log:
    """Builds an event log the way Session does: increasing seq, explicit session time."""

    def __init__(self) -> None:
        self.stored: list[dict[str, Any]] = []  # as a session file holds them

    def add(self, event_type: str, at: float, /, **payload: Any) -> Log:
        self.stored.append(
            {"seq": len(self.stored) + 1, "type": event_type, "at": T0 + at, **payload}
        )
        return self

    @property
    def events(self) -> list[Event]:
        return [event_from_dict(raw) for raw in self.stored]

    def started(self, at: float = 0.0) -> Log:
        return self.add("started", at)

    def item(self, at: float, item_id: int, text: str = "note", section: int = 0, **kw: Any) -> Log:
        payload = {"kind": "note", "owner": None, "due": None, "criteria": None, "speaker": None}
        payload.update(kw)
        return self.add("item", at, id=item_id, text=text, section=section, **payload)


@pytest.fixture
def log() -> Log:
    return Log()


def test_initial_state_lists_everyone_as_expected(agenda):
    state = initial_state(agenda)
    assert state.people == ["王磊", "李娜", "张伟", "陈静", "Tom Baker"]
    assert {a.status for a in state.attendance.values()} == {AttendanceStatus.EXPECTED}
    assert state.order == [0, 1, 2, 3, 4]
    assert state.current is None and not state.running and not state.ended


def test_started_enters_the_first_section(agenda, log):
    state = replay(agenda, log.started().events)
    assert state.started_at == T0
    assert state.current == 0
    assert state.sections[0].first_entered == T0
    assert state.sections[0].open_since == T0
    assert state.running and state.sitting_since == T0
    assert state.seq == 1 and state.last_at == T0


def test_section_closes_the_running_stretch(agenda, log):
    state = replay(agenda, log.started().add("section", 120, index=2).events)
    assert state.current == 2
    assert state.sections[0].used == 120
    assert state.sections[0].open_since is None
    assert state.sections[0].last_left == T0 + 120
    assert state.sections[2].first_entered == T0 + 120
    assert state.reached(0) and state.reached(2) and not state.reached(1)


def test_going_back_adds_to_the_section_already_used(agenda, log):
    log.started().add("section", 100, index=1).add("section", 160, index=0)
    log.add("section", 200, index=1)
    state = replay(agenda, log.events)
    assert state.sections[0].used == 100 + 40
    assert state.sections[1].used == 60
    assert state.sections[1].first_entered == T0 + 100  # the first entry is kept


def test_unknown_event_type_is_refused(agenda, log):
    with pytest.raises(ValueError, match="unknown event type"):
        replay(agenda, log.started().add("teleported", 1).events)


def test_item_fields(agenda, log):
    log.started().item(
        30,
        1,
        "跟进报价",
        kind="action",
        owner="张伟",
        owner_known=True,
        due="2026-12-04",
        criteria="客户确认",
        speaker="陈静",
    )
    (item,) = replay(agenda, log.events).items
    assert item.kind is ItemKind.ACTION
    assert (item.text, item.owner, item.due, item.criteria) == (
        "跟进报价",
        "张伟",
        date(2026, 12, 4),
        "客户确认",
    )
    assert item.speaker == "陈静" and item.at == T0 + 30 and item.section == 0
    assert item.active and item.owner_known


def test_item_edited_changes_only_what_is_given(agenda, log):
    log.started().item(10, 1, "price stays", kind="note")
    log.add("item_edited", 20, id=1, changes={"kind": "decision", "due": "2026-12-05"})
    log.add("item_edited", 25, id=1, changes={"text": "price stays at 99", "owner": "Tom"})
    state = replay(agenda, log.events)
    item = state.item(1)
    assert item is not None
    assert item.kind is ItemKind.DECISION
    assert item.text == "price stays at 99"
    assert item.owner == "Tom" and item.due == date(2026, 12, 5)
    assert item.edited_at == T0 + 25 and item.at == T0 + 10


def test_edit_can_clear_a_due_date(agenda, log):
    log.started().item(10, 1, "x", kind="action", due="2026-12-05")
    log.add("item_edited", 20, id=1, changes={"due": None})
    assert replay(agenda, log.events).items[0].due is None


def test_undo_and_delete_keep_the_item_in_the_log(agenda, log):
    log.started().item(10, 1, "a").item(11, 2, "b").item(12, 3, "c")
    log.add("item_undone", 13, id=3).add("item_deleted", 14, id=1)
    state = replay(agenda, log.events)
    assert [it.id for it in state.items] == [1, 2, 3]
    assert [it.id for it in state.active_items()] == [2]
    assert state.items[2].undone and not state.items[2].deleted
    assert state.items[0].deleted and not state.items[0].active


def test_events_about_unknown_items_are_ignored(agenda, log):
    log.started().add("item_undone", 1, id=9).add("item_deleted", 2, id=9)
    log.add("item_edited", 3, id=9, changes={"text": "x"})
    assert replay(agenda, log.events).items == []


def test_active_items_by_section(agenda, log):
    log.started().item(1, 1, section=0).add("section", 2, index=1).item(3, 2, section=1)
    state = replay(agenda, log.events)
    assert [it.id for it in state.active_items(1)] == [2]
    assert [it.id for it in state.active_items(0)] == [1]


# -- attendance ---------------------------------------------------------------------------


def test_present_and_absent(agenda, log):
    log.add("attendance", 0, name="王磊", status=AttendanceStatus.PRESENT, arrived=True)
    log.add("attendance", 0, name="陈静", status=AttendanceStatus.ABSENT, arrived=True)
    state = replay(agenda, log.started().events)
    assert state.attendance["王磊"].status == AttendanceStatus.PRESENT
    assert state.attendance["王磊"].arrived == T0
    assert state.attendance["陈静"].status == AttendanceStatus.ABSENT
    assert state.attendance["陈静"].arrived is None
    assert state.attendance["张伟"].status == AttendanceStatus.EXPECTED


def test_late_then_arrives_stays_late_with_the_arrival_time(agenda, log):
    log.add("attendance", 0, name="张伟", status=AttendanceStatus.LATE, arrived=False).started()
    state = replay(agenda, log.events)
    assert state.attendance["张伟"].status == AttendanceStatus.LATE
    assert state.attendance["张伟"].arrived is None
    log.add("attendance", 420, name="张伟", status=AttendanceStatus.PRESENT, arrived=True)
    state = replay(agenda, log.events)
    assert state.attendance["张伟"].status == AttendanceStatus.LATE
    assert state.attendance["张伟"].arrived == T0 + 420


def test_marked_late_on_walking_in_gets_the_time_at_once(agenda, log):
    log.started().add("attendance", 300, name="陈静", status=AttendanceStatus.LATE, arrived=True)
    person = replay(agenda, log.events).attendance["陈静"]
    assert (person.status, person.arrived) == (AttendanceStatus.LATE, T0 + 300)


def test_left_early_records_the_time_and_closes_the_speakers_turn(agenda, log):
    log.add(
        "attendance", 0, name="Tom Baker", status=AttendanceStatus.PRESENT, arrived=True
    ).started()
    log.add("speaker", 60, name="Tom Baker").add(
        "attendance", 150, name="Tom Baker", status=AttendanceStatus.LEFT
    )
    state = replay(agenda, log.events)
    tom = state.attendance["Tom Baker"]
    assert tom.status == AttendanceStatus.LEFT and tom.left == T0 + 150 and tom.arrived == T0
    assert state.speaker is None and state.speaking_since is None
    assert state.talk["Tom Baker"].seconds == 90
    assert state.talk["Tom Baker"].turns == 1


def test_someone_else_leaving_keeps_the_speaker(agenda, log):
    log.started().add("speaker", 10, name="王磊").add(
        "attendance", 20, name="陈静", status=AttendanceStatus.LEFT
    )
    state = replay(agenda, log.events)
    assert state.speaker == "王磊" and state.speaking_since == T0 + 10


def test_a_guest_joins_the_roster_after_the_participants(agenda, log):
    log.started().add("attendance", 200, name="赵总", status=AttendanceStatus.PRESENT, arrived=True)
    state = replay(agenda, log.events)
    assert state.people[-1] == "赵总" and len(state.people) == 6
    guest = state.attendance["赵总"]
    assert guest.guest and guest.status == AttendanceStatus.PRESENT and guest.arrived == T0 + 200
    assert not state.attendance["王磊"].guest
    assert state.talk["赵总"].turns == 0


# -- speaker and talk time ---------------------------------------------------------------


def test_speaker_changes_count_turns_and_talk(agenda, log):
    log.started().add("speaker", 0, name="王磊").add("speaker", 30, name="张伟")
    log.add("speaker", 50, name="王磊").add("speaker", 80, name=None)
    state = replay(agenda, log.events)
    assert state.talk["王磊"].seconds == 60 and state.talk["王磊"].turns == 2
    assert state.talk["张伟"].seconds == 20 and state.talk["张伟"].turns == 1
    assert state.speaker is None and state.speaking_since is None


def test_same_speaker_again_is_not_a_new_turn(agenda, log):
    log.started().add("speaker", 0, name="陈静").add("speaker", 10, name="陈静")
    state = replay(agenda, log.events)
    assert state.talk["陈静"].turns == 1 and state.speaking_since == T0


# -- deferral, extension ------------------------------------------------------------------


def test_deferral_moves_the_section_to_the_end(agenda, log):
    log.started().add("deferred", 100, index=0).add("section", 100, index=1)
    state = replay(agenda, log.events)
    assert state.order == [1, 2, 3, 4, 0]
    assert state.sections[0].deferred and state.sections[0].used == 100
    assert state.current == 1 and state.position == 0 and state.next_section == 2


def test_deferring_twice_keeps_them_in_deferral_order(agenda, log):
    log.started().add("deferred", 10, index=0).add("section", 10, index=1)
    log.add("deferred", 20, index=1).add("section", 20, index=2)
    state = replay(agenda, log.events)
    assert state.order == [2, 3, 4, 0, 1]
    log.add("section", 30, index=3).add("section", 40, index=4)
    state = replay(agenda, log.events)
    assert state.next_section == 0
    log.add("section", 50, index=0)
    assert replay(agenda, log.events).next_section == 1


def test_extended_adds_seconds(agenda, log):
    log.started().add("extended", 10, index=0, seconds=300).add("extended", 20, index=0, seconds=60)
    assert replay(agenda, log.events).sections[0].extended == 360


# -- pause --------------------------------------------------------------------------------


def test_pauses_accumulate_and_stop_the_section_and_the_turn(agenda, log):
    log.started().add("speaker", 0, name="张伟")
    log.add("paused", 100).add("resumed", 160).add("paused", 200).add("resumed", 230)
    state = replay(agenda, log.events)
    assert state.paused_total == 60 + 30
    assert state.sections[0].used == 100 + 40
    assert state.sections[0].open_since == T0 + 230
    assert state.talk["张伟"].seconds == 140
    assert state.speaking_since == T0 + 230
    assert state.talk["张伟"].turns == 1  # a pause does not start a new turn


def test_paused_twice_or_resumed_without_pause_changes_nothing(agenda, log):
    log.started().add("resumed", 5).add("paused", 10).add("paused", 50)
    state = replay(agenda, log.events)
    assert state.paused_at == T0 + 10 and state.paused and not state.running
    assert state.paused_total == 0


def test_moving_section_while_paused_starts_the_new_one_stopped(agenda, log):
    log.started().add("paused", 60).add("section", 90, index=1)
    state = replay(agenda, log.events)
    assert state.sections[0].used == 60
    assert state.sections[1].open_since is None and state.sections[1].first_entered == T0 + 90
    log.add("resumed", 120)
    assert replay(agenda, log.events).sections[1].open_since == T0 + 120


def test_speaker_chosen_while_paused_starts_talking_on_resume(agenda, log):
    log.started().add("paused", 10).add("speaker", 20, name="陈静").add("resumed", 50)
    state = replay(agenda, log.events)
    assert state.speaking_since == T0 + 50 and state.talk["陈静"].turns == 1


def test_a_long_pause_resets_the_sitting(agenda, log):
    log.started().add("paused", 600).add("resumed", 600 + BREAK_PAUSE_SECONDS)
    assert replay(agenda, log.events).sitting_since == T0 + 600 + BREAK_PAUSE_SECONDS
    short = Log().started().add("paused", 600).add("resumed", 600 + BREAK_PAUSE_SECONDS - 1)
    assert replay(agenda, short.events).sitting_since == T0


def test_a_break_section_clears_the_sitting_and_the_next_one_restarts_it(agenda, log):
    log.started().add("section", 100, index=4)
    assert replay(agenda, log.events).sitting_since is None
    log.add("section", 400, index=2)
    assert replay(agenda, log.events).sitting_since == T0 + 400


# -- the app going away -------------------------------------------------------------------


def test_app_resumed_records_the_downtime_and_ends_the_turn_when_the_app_went_away(agenda, log):
    log.started().add("speaker", 0, name="王磊").add("interrupted", 100, reason="terminal closed")
    state = replay(agenda, log.events)
    assert state.interrupted_at == T0 + 100
    log.add("app_resumed", 700, down_since=T0 + 120)
    state = replay(agenda, log.events)
    assert state.interrupted_at is None
    assert [(d.since, d.until, d.seconds) for d in state.downtimes] == [(T0 + 120, T0 + 700, 580)]
    # nobody knows who spoke while the app was away: the turn ends when it went away
    assert state.talk["王磊"].seconds == 120
    assert state.speaker is None and state.speaking_since is None
    # ...but the room kept meeting: the section clock runs through the downtime
    assert state.current == 0 and state.sections[0].open_since == T0
    assert state.sections[0].used == 0


def test_app_resumed_while_paused_stays_paused(agenda, log):
    log.started().add("paused", 50).add("app_resumed", 500, down_since=T0 + 60)
    state = replay(agenda, log.events)
    assert state.paused and state.sections[0].used == 50
    assert state.downtimes[0].seconds == 440


# -- the end ------------------------------------------------------------------------------


def test_ended_closes_section_turn_and_pause(agenda, log):
    log.started().add("speaker", 10, name="李娜").add("paused", 100).add("ended", 130)
    state = replay(agenda, log.events)
    assert state.ended and state.ended_at == T0 + 130 and not state.running
    assert state.current is None and state.speaker is None and state.speaking_since is None
    assert state.paused_at is None and state.paused_total == 30
    assert state.sections[0].used == 100 and state.sections[0].open_since is None
    assert state.talk["李娜"].seconds == 90


def test_ended_while_running(agenda, log):
    log.started().add("section", 60, index=1).add("speaker", 60, name="张伟").add("ended", 200)
    state = replay(agenda, log.events)
    assert state.sections[1].used == 140 and state.sections[1].last_left == T0 + 200
    assert state.talk["张伟"].seconds == 140


# -- the rest -----------------------------------------------------------------------------


def test_targets_followup_checklist(agenda, log):
    log.add("checklist", 0, index=1, done=True).started()
    log.add("target", 10, name="张伟", amount=1_300_000)
    log.add("followup", 20, ref="s1#3", status="blocked", comment="客户未回复")
    state = replay(agenda, log.events, carried=carried_actions([{"ref": "s1#3", "text": "报价"}]))
    assert state.checklist == {1: True}
    assert state.targets == {"张伟": 1_300_000.0}
    f = state.followup["s1#3"]
    assert (f.status, f.comment, f.at) == ("blocked", "客户未回复", T0 + 20)
    assert state.carried == [CarriedAction(ref="s1#3", text="报价")]


def test_apply_returns_the_same_state_and_takes_seq_from_the_event(agenda):
    state = initial_state(agenda)
    same = apply(state, Started(seq=7, at=T0))
    assert same is state and state.seq == 7


def test_replay_is_deterministic(agenda, log):
    log.started().item(1, 1).add("speaker", 2, name="王磊").add("paused", 3).add("resumed", 9)
    assert replay(agenda, log.events) == replay(agenda, log.events)


def test_the_moment_a_log_speaks_of(agenda, log):
    assert replay(agenda, []).as_of == 0.0
    log.started().item(30, 1)
    assert replay(agenda, log.events).as_of == T0 + 30
    log.add("ended", 90)
    assert replay(agenda, log.events).as_of == T0 + 90
