"""The shape a session file must have to be read: each field of its header and of its events of
the type it must be, checked once when the file is read (a rebuild checks every event of every
file, so the check is quick; these say what it still refuses)."""

from __future__ import annotations

import copy
import math
from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sessions.disk import DamagedFile
from sessions.session import Session
from sessions.store import EVENT_SPEC, HEADER_SPEC, fits, parse_record


@pytest.fixture
def stored(datadir, agenda, clock):
    """A real session file's parsed content: header and events as the store wrote them."""
    session = Session.start(datadir, agenda, clock)
    for line in ("/a 跟进报价 @张伟 ^2026-12-04 | 客户确认", "/d 下月起返利", "/p 账期"):
        clock.advance(30)
        session.submit(line)
    session.edit(1, text="发报价")
    session.end()
    session.close()
    return datadir.read(session.id), datadir.session_path(session.id)


class Word(StrEnum):
    A = "a"


GOOD = [1, 0, -3, 1.5, 0.0, 1e300, "x", "", None, True, [], {}, [1], Word.A]
# What each kind of field takes of GOOD, by what its spec says.
TAKES = {
    "int": lambda v: type(v) is int,
    "number": lambda v: type(v) in (int, float) and math.isfinite(v),
    "text": lambda v: isinstance(v, str),
    "text or none": lambda v: v is None or isinstance(v, str),
}
EVENT_FIELDS = {
    "seq": "int",
    "at": "number",
    "id": "int",
    "section": "int",
    "index": "int",
    "score": "int",
    "seconds": "number",
    "amount": "number",
    "down_since": "number",
    "type": "text",
    "kind": "text",
    "text": "text",
    "status": "text",
    "ref": "text",
    "owner": "text or none",
    "due": "text or none",
    "criteria": "text or none",
    "speaker": "text or none",
    "comment": "text or none",
    "reason": "text or none",
    "name": "text or none",
}


@pytest.mark.parametrize("field", sorted(EVENT_FIELDS))
@pytest.mark.parametrize("value", [*GOOD, math.nan, math.inf, -math.inf], ids=repr)
def test_an_event_field_of_another_type_is_refused(field, value):
    event = {"seq": 1, "type": "item", "at": 1.0, field: value}
    assert fits(event, EVENT_SPEC) is TAKES[EVENT_FIELDS[field]](value)


def test_an_event_needs_its_place_its_type_and_its_time():
    event = {"seq": 1, "type": "started", "at": 1.0}
    assert fits(event, EVENT_SPEC)
    for key in event:
        assert not fits({k: v for k, v in event.items() if k != key}, EVENT_SPEC)
    assert fits({**event, "not_a_field": object()}, EVENT_SPEC)  # keys of a newer version
    for wrong in (None, [], "started", 1, [event]):
        assert not fits(wrong, EVENT_SPEC)


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("changes", {"text": "x", "owner": None}, True),
        ("changes", {"text": None}, False),
        ("changes", {"owner": 3}, False),
        ("changes", {"due": []}, False),
        ("changes", [], False),
        ("before", None, True),
        ("before", {"anything": 1}, True),
        ("before", [], False),
        ("before", "x", False),
    ],
)
def test_an_edits_changes_are_checked_inside(field, value, ok):
    event = {"seq": 1, "type": "item_edited", "at": 1.0, "id": 1, field: value}
    assert fits(event, EVENT_SPEC) is ok


@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(EVENT_FIELDS)),
            st.sampled_from([1.0, 2.5, math.nan, math.inf, -math.inf]),
            st.sampled_from([("x", True), (None, False), (3, False)]),
        ),
        max_size=40,
    )
)
def test_events_of_one_shape_are_each_checked_for_their_own_values(cases):
    """The check keeps what it learns of a shape (keys and their types), never of values:
    events alike but for a number that is not finite, or what an edit changes, each refused."""
    for field, number, (changed, ok) in cases:
        event = {"seq": 1, "type": "item", "at": 1.0, field: number}
        assert fits(event, EVENT_SPEC) is TAKES[EVENT_FIELDS[field]](number)
        edit = {"seq": 2, "type": "item_edited", "at": number, "changes": {"text": changed}}
        assert fits(edit, EVENT_SPEC) is (ok and math.isfinite(number))


@pytest.mark.parametrize(
    "extra",
    [{"k" * 1000: 1}, {f"key{n}": n for n in range(100)}, {3: "not a text key"}],
    ids=["a long key", "many keys", "a key not text"],
)
def test_events_of_shapes_not_kept_are_checked_all_the_same(extra):
    """What is kept of a shape is kept small: a dict with a long key, or many, is checked
    afresh each time, with the same verdict."""
    for at, ok in ((1.0, True), (math.nan, False), (2.0, True)):
        event = {"seq": 1, "type": "note", "at": at, **extra}
        assert fits(event, EVENT_SPEC) is ok
        assert fits({**event, "text": 3}, EVENT_SPEC) is False


def _set(path: list, value):
    def change(meta):
        inner = meta
        for key in path[:-1]:
            inner = inner[key]
        inner[path[-1]] = value

    return change


@pytest.mark.parametrize(
    "change",
    [
        _set(["schema"], 1.0),
        _set(["schema"], True),
        _set(["title"], 3),
        _set(["utc_offset"], 0.5),
        _set(["utc_offset"], None),
        _set(["agenda", "meeting", "title"], None),
        _set(["agenda", "meeting", "break_after"], 1.5),
        _set(["agenda", "meeting", "rules"], ["ok", 1]),
        _set(["agenda", "participants"], [{"name": 1}]),
        _set(["agenda", "participants"], [{"name": "张伟", "target": math.nan}]),
        _set(["agenda", "participants"], [{"name": "张伟", "target": True}]),
        _set(["agenda", "sections"], [{"title": "x"}]),
        _set(["agenda", "sections"], [{"title": "x", "duration": 1.0}]),
        _set(["carried"], [1]),
        _set(["carried_targets"], []),
        lambda meta: meta.pop("agenda"),
        lambda meta: meta["agenda"].pop("meeting"),
    ],
)
def test_a_header_field_of_another_type_is_refused(stored, change):
    record, _ = stored
    meta = copy.deepcopy(record.meta)
    assert fits(meta, HEADER_SPEC)
    change(meta)
    assert not fits(meta, HEADER_SPEC)


def test_a_file_with_one_malformed_event_is_damaged_and_says_which(stored):
    record, path = stored
    events = {str(n): copy.deepcopy(raw) for n, raw in enumerate(record.events, 1)}
    data = {"meta": {"1": copy.deepcopy(record.meta)}, "events": events}
    assert parse_record(record.id, data, path, 0.0).events == record.events
    last = str(len(events))
    events[last]["at"] = math.inf
    with pytest.raises(DamagedFile, match=f"event {last} is malformed"):
        parse_record(record.id, data, path, 0.0)
