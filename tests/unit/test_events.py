"""The session log's typed events: the stored shape they are read from and written as, and the fold."""

from __future__ import annotations

import json
from dataclasses import MISSING, FrozenInstanceError, fields
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sessions.capture import ItemKind
from sessions.events import (
    EVENT_TYPES,
    FOLLOWUP_STATES,
    AppResumed,
    AttendanceMarked,
    AttendanceStatus,
    ChecklistTicked,
    Deferred,
    Ended,
    Event,
    Extended,
    FollowupGiven,
    ImprovementNoted,
    Interrupted,
    ItemAdded,
    ItemDeleted,
    ItemEdited,
    ItemRestored,
    ItemUndone,
    Paused,
    RatingGiven,
    ResultSet,
    Resumed,
    SectionEntered,
    SpeakerChanged,
    Started,
    TargetSet,
    event_from_dict,
    event_to_dict,
)
from sessions.session import Session
from sessions.state import CarriedAction, apply, carried_actions, initial_state, replay_record
from sessions.statuses import ActionStatus, status_after
from sessions.store import SCHEMA, parse_record

T0 = 1_800_000_000.0

# One of each, in an order that makes a meeting: every event type the log holds.
SAMPLES: list[Event] = [
    AttendanceMarked(seq=1, at=T0, name="张伟", status=AttendanceStatus.LATE, arrived=False),
    ChecklistTicked(seq=2, at=T0, index=0, done=True),
    Started(seq=3, at=T0),
    ItemAdded(
        seq=4,
        at=T0 + 10,
        id=1,
        kind=ItemKind.ACTION,
        text="跟进报价",
        section=0,
        owner="张伟",
        due=date(2026, 12, 4),
        criteria="客户确认",
        speaker="陈静",
    ),
    ItemEdited(seq=5, at=T0 + 20, id=1, changes={"text": "发报价"}, before={"text": "跟进报价"}),
    ItemEdited(seq=6, at=T0 + 21, id=1, changes={"text": "跟进报价"}, undo=True),
    ItemDeleted(seq=7, at=T0 + 22, id=1),
    ItemRestored(seq=8, at=T0 + 23, id=1),
    ItemAdded(seq=9, at=T0 + 24, id=2, kind=ItemKind.NOTE, text="x", section=0),
    ItemUndone(seq=10, at=T0 + 25, id=2),
    SpeakerChanged(seq=11, at=T0 + 30, name="王磊"),
    FollowupGiven(seq=12, at=T0 + 40, ref="s1#3", status=ActionStatus.BLOCKED, comment="等回复"),
    Extended(seq=13, at=T0 + 50, index=0, seconds=300),
    Paused(seq=14, at=T0 + 60),
    Resumed(seq=15, at=T0 + 90),
    Deferred(seq=16, at=T0 + 100, index=0),
    SectionEntered(seq=17, at=T0 + 100, index=1),
    TargetSet(seq=18, at=T0 + 110, name="张伟", amount=1_300_000.0),
    Interrupted(seq=19, at=T0 + 120, reason="SIGHUP"),
    AppResumed(seq=20, at=T0 + 200, down_since=T0 + 125),
    ResultSet(seq=21, at=T0 + 210, name="张伟", amount=1_500_000.0),
    RatingGiven(seq=22, at=T0 + 220, name="王磊", score=8),
    ImprovementNoted(seq=23, at=T0 + 230, text="早点发材料"),
    Ended(seq=24, at=T0 + 300),
]


def test_every_event_type_has_a_sample_and_a_handler(agenda):
    assert {type(e) for e in SAMPLES} == set(EVENT_TYPES.values())
    state = initial_state(agenda)
    for event in SAMPLES:
        apply(state, event)  # an event type without a handler raises here
    assert state.ended and state.seq == 24


@pytest.mark.parametrize("event", SAMPLES, ids=lambda e: f"{e.seq}-{e.TYPE}")
def test_an_event_reads_back_as_it_was_written(event):
    stored = event_to_dict(event)
    assert json.loads(json.dumps(stored)) == stored  # plain JSON: ISO dates, enum values
    assert event_from_dict(stored) == event


def test_stored_events_keep_the_file_format():
    item = event_to_dict(SAMPLES[3])
    assert item == {
        "seq": 4,
        "type": "item",
        "at": T0 + 10,
        "id": 1,
        "kind": "action",
        "text": "跟进报价",
        "section": 0,
        "owner": "张伟",
        "owner_known": True,
        "due": "2026-12-04",
        "criteria": "客户确认",
        "speaker": "陈静",
    }
    assert event_to_dict(SAMPLES[0]) == {
        "seq": 1,
        "type": "attendance",
        "at": T0,
        "name": "张伟",
        "status": "late",
        "arrived": False,
    }
    assert event_to_dict(SAMPLES[2]) == {"seq": 3, "type": "started", "at": T0}


def test_event_types_are_spelt_as_the_files_spell_them():
    assert sorted(EVENT_TYPES) == sorted(
        [
            "started",
            "section",
            "paused",
            "resumed",
            "extended",
            "deferred",
            "item",
            "item_edited",
            "item_undone",
            "item_deleted",
            "item_restored",
            "attendance",
            "speaker",
            "target",
            "followup",
            "checklist",
            "app_resumed",
            "interrupted",
            "result",
            "rating",
            "improvement",
            "ended",
        ]
    )
    for cls in EVENT_TYPES.values():
        assert [f.name for f in fields(cls)][:2] == ["seq", "at"]


def test_an_unknown_event_type_is_refused():
    with pytest.raises(ValueError, match="unknown event type 'teleported'"):
        event_from_dict({"seq": 1, "type": "teleported", "at": T0})


def test_a_session_file_from_before_the_typed_log_reads_the_same(agenda):
    """Older files leave out fields with defaults and carry keys this version does not use."""
    data = {
        "meta": {
            "1": {
                "schema": SCHEMA,
                "id": "20261201-0900-old1",
                "agenda": agenda.to_dict(),
                "carried": [{"ref": "20261101-0900-abcd#4", "what": "报价", "date": "2026-11-01"}],
            }
        },
        "events": {
            "1": {"seq": 1, "type": "attendance", "at": T0, "name": "张伟", "status": "present"},
            "2": {"seq": 2, "type": "started", "at": T0, "by": "an older build"},
            "3": {
                "seq": 3,
                "type": "item",
                "at": T0 + 5,
                "id": 1,
                "kind": "action",
                "text": "发报价",
                "section": 0,
                "owner": "张伟",
                "due": "2026-12-04",
            },
            "4": {"seq": 4, "type": "item_edited", "at": T0 + 6, "id": 1, "changes": {"due": None}},
            "5": {"seq": 5, "type": "speaker", "at": T0 + 7, "name": "张伟"},
            "6": {
                "seq": 6,
                "type": "followup",
                "at": T0 + 8,
                "ref": "20261101-0900-abcd#4",
                "status": "done",
            },
            "7": {"seq": 7, "type": "ended", "at": T0 + 67},
        },
    }
    record = parse_record("20261201-0900-old1", data, Path("old.json"), 0.0)
    state = replay_record(record)
    (item,) = state.items
    assert (item.owner, item.owner_known, item.due) == ("张伟", True, None)
    assert item.edited_at == T0 + 6
    assert state.attendance["张伟"].status is AttendanceStatus.PRESENT
    assert state.attendance["张伟"].arrived == T0
    assert state.talk["张伟"].seconds == 60
    assert state.followup["20261101-0900-abcd#4"].status is ActionStatus.DONE
    assert state.carried == [
        CarriedAction(ref="20261101-0900-abcd#4", text="报价", origin_date="2026-11-01")
    ]


def test_a_session_writes_typed_events_and_reads_them_back(datadir, agenda, clock):
    carried = carried_actions([{"ref": "s1#3", "text": "报价", "owner": "张伟"}])
    session = Session.start(datadir, agenda, clock, carried=carried, lang="zh")
    try:
        session.submit("/a 发报价 @张伟 due:2026-12-04")
        session.submit("/late 陈静")
        session.submit("/status 1 doing 下周")
        record = datadir.read(session.id)
        assert [e.TYPE for e in record.log()][-3:] == ["item", "attendance", "followup"]
        assert record.events[-1]["status"] == "doing"  # stored as the plain word
        assert record.meta["carried"][0]["text"] == "报价"
        assert replay_record(record) == session.state
    finally:
        session.close()


def test_statuses_are_the_words_the_files_and_catalogs_use():
    assert [s.value for s in AttendanceStatus] == ["expected", "present", "late", "left", "absent"]
    assert FOLLOWUP_STATES == ("done", "doing", "blocked")
    assert status_after("reopened") == ActionStatus.OPEN
    assert status_after("blocked") == ActionStatus.BLOCKED


def test_a_carried_action_keeps_an_unknown_owner_only_when_it_was_one():
    known = CarriedAction(ref="s1#1", text="报价", owner="张伟")
    assert "owner_known" not in known.to_dict()
    guessed = CarriedAction(ref="s1#2", text="报价", owner="老王", owner_known=False)
    assert CarriedAction.from_dict(guessed.to_dict()) == guessed


_HEADER_VALUES = st.sampled_from([None, "", "报价", "0", 0, 3, 1.5, True])


@given(
    st.dictionaries(
        st.sampled_from(
            ["ref", "text", "what", "owner", "due", "criteria", "origin", "origin_title"]
            + ["origin_date", "date", "series", "status", "comment", "days_overdue"]
        ),
        _HEADER_VALUES,
    ),
    st.integers(1, 30),
)
def test_a_carried_action_reads_each_field_as_text_or_none(raw, number):
    """What a header keeps is read as text: a number too, null or empty as missing; early
    files' `what` and `date` stand in for `text` and `origin_date` when those are missing."""

    def text(*keys):
        for key in keys:
            if raw.get(key) not in (None, ""):
                return str(raw[key])
        return None

    carried = CarriedAction.from_dict(raw, number)
    assert carried.ref == (text("ref") or str(number)) and carried.text == (
        text("text", "what") or ""
    )
    assert carried.origin_date == text("origin_date", "date")
    for name in (
        "owner",
        "due",
        "criteria",
        "origin",
        "origin_title",
        "series",
        "status",
        "comment",
    ):
        assert getattr(carried, name) == text(name)
    overdue = raw.get("days_overdue")
    assert carried.days_overdue == (overdue if isinstance(overdue, int) else None)


def test_an_edit_stores_what_it_replaced_and_its_undo_only_says_undo():
    edit, undo = SAMPLES[4], SAMPLES[5]
    assert event_to_dict(edit) == {
        "seq": 5,
        "type": "item_edited",
        "at": T0 + 20,
        "id": 1,
        "changes": {"text": "发报价"},
        "before": {"text": "跟进报价"},
    }
    assert event_to_dict(undo) == {
        "seq": 6,
        "type": "item_edited",
        "at": T0 + 21,
        "id": 1,
        "changes": {"text": "跟进报价"},
        "undo": True,
    }


@pytest.mark.parametrize("event", SAMPLES, ids=lambda e: f"{e.seq}-{e.TYPE}")
def test_an_event_read_with_only_what_it_needs_is_the_one_its_type_makes(event):
    """Fields left out of the file take their defaults (a fresh one each), as the type's own
    constructor gives them; the event read is as frozen as one made in code."""
    needed = {
        f.name: getattr(event, f.name)
        for f in fields(event)
        if f.default is MISSING and f.default_factory is MISSING
    }
    stored = {k: v for k, v in event_to_dict(event).items() if k in {*needed, "type"}}
    read = event_from_dict({**stored, "from_a_newer_version": 1})
    assert read == type(event)(**needed)
    assert type(read) is type(event) and vars(read) == vars(type(event)(**needed))
    with pytest.raises(FrozenInstanceError):
        read.seq = 99  # type: ignore[misc]
    if isinstance(read, ItemEdited):
        assert read.changes is not event_from_dict(stored).changes


@pytest.mark.parametrize(
    "event", [e for e in SAMPLES if len(fields(e)) > 2], ids=lambda e: f"{e.seq}-{e.TYPE}"
)
def test_an_event_without_a_field_its_type_needs_cannot_be_followed(event):
    stored = event_to_dict(event)
    own = [
        f.name
        for f in fields(event)
        if f.default is MISSING and f.default_factory is MISSING and f.name not in ("seq", "at")
    ]
    for name in own:
        with pytest.raises(TypeError, match=name):
            event_from_dict({k: v for k, v in stored.items() if k != name})
