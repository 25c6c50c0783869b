"""What enters the meeting is what was typed: joiners kept, control characters left out, pastes whole."""

from __future__ import annotations

import pytest
from hostile import CONTROL, control_free

from sessions.capture import CommandName, ItemKind
from sessions.session import Captured, PasteError, Session, Steered
from sessions.text import strip_control

JOINED = [
    "family 👨\u200d👩\u200d👧 and 🏳\ufe0f\u200d🌈",
    "می\u200cخواهم",
    "/a 跟进\u200d报价 @张伟 due:fri | ok\u200c",
    "/d क्\u200dष and ക്\u200c",
]


@pytest.fixture
def session(datadir, agenda, clock):
    live = Session.start(datadir, agenda, clock)
    yield live
    if not live.closed:
        live.close()


def test_joiners_survive_the_disk_and_a_resume(session, datadir, clock):
    for line in JOINED:
        session.submit(line)
    before = [(it.kind, it.text, it.owner, it.criteria) for it in session.state.items]
    assert before[0][1] == JOINED[0] and before[1][1] == JOINED[1]
    assert before[2] == (ItemKind.ACTION, "跟进\u200d报价", "张伟", "ok\u200c")
    session.close()
    raw = datadir.session_path(session.id).read_text(encoding="utf-8")
    assert "\u200d" in raw and "\u200c" in raw

    resumed = Session.resume(datadir, session.id, clock)
    try:
        after = [(it.kind, it.text, it.owner, it.criteria) for it in resumed.state.items]
        assert after == before
    finally:
        resumed.close()


def test_joiners_survive_an_edit(session):
    item = session.submit("plain")
    assert item is not None and item.item is not None
    session.edit_line(item.item.id, "/d a\u200db \u200c")
    assert session.state.items[0].text == "a\u200db \u200c"


@pytest.mark.parametrize("line", CONTROL)
def test_control_characters_typed_are_not_stored(session, line):
    session.submit(line)
    session.submit("/a " + line + " @张伟 | " + line)
    for item in session.state.items:
        assert control_free(item.text) and control_free(item.criteria or "")
    assert session.state.items[0].text == " ".join(strip_control(line).split())


def test_control_characters_are_not_stored_by_an_edit(session):
    outcome = session.submit("plain")
    assert isinstance(outcome, Captured)
    session.edit_line(outcome.item.id, "E \x1b[2J\x1b[H F")
    assert session.state.items[0].text == "E [2J[H F"


def test_pasted_lines_are_each_captured_in_order(session):
    outcomes = session.submit_lines(["one", "/d two", "/next", "three"])
    assert [type(o) for o in outcomes] == [Captured, Captured, Steered, Captured]
    assert isinstance(outcomes[2], Steered) and outcomes[2].command.name is CommandName.NEXT
    assert [(it.text, it.section) for it in session.state.items] == [
        ("one", 0),
        ("two", 0),
        ("three", 1),
    ]


def test_a_paste_with_a_line_the_parser_refuses_does_nothing(session):
    with pytest.raises(PasteError) as refused:
        session.submit_lines(["one", "/frobnicate", "three"])
    assert (refused.value.number, refused.value.total, refused.value.done) == (2, 3, 0)
    assert refused.value.cause.key == "err.unknown_command"
    assert session.state.items == []


def test_a_paste_that_cannot_go_on_says_how_far_it_got(session):
    with pytest.raises(PasteError) as stopped:
        session.submit_lines(["one", "/end", "three"])
    assert (stopped.value.number, stopped.value.done) == (3, 2)
    assert [it.text for it in session.state.items] == ["one"]
