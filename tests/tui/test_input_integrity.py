"""Every line typed or pasted into the capture bar is kept: whole, in order, on disk."""

from __future__ import annotations

import pytest
from screen_text import key_event, live_app, text_of, until
from textual import events
from textual.widgets import Input

from sessions.capture import parse_capture
from sessions.held import waiting_lines
from sessions.session import Session
from sessions.state import replay_record
from tui.app import make_app
from tui.start import PreMeeting
from widgets.items import ItemList


@pytest.fixture
def session(datadir, agenda, clock):
    s = Session.start(datadir, agenda, clock, lang="zh")
    yield s
    s.close()


def on_disk(session: Session):
    """The session as a fresh reader of its file sees it, not as the screen remembers it."""
    record = session.writer.datadir.read(session.id)
    return replay_record(record)


def saved(session: Session) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (it.kind.value, it.text, it.owner, it.due.isoformat() if it.due else None)
        for it in on_disk(session).active_items()
    ]


def meant(session: Session, lines: list[str]) -> list[tuple[str, str, str | None, str | None]]:
    """What each line means when typed on its own."""
    result = []
    for line in lines:
        parsed = parse_capture(line, session.state.people, session.today())
        due = parsed.due.isoformat() if parsed.due else None
        result.append((parsed.kind.value, parsed.text, parsed.owner, due))
    return result


def fifty_lines() -> list[str]:
    shapes = (
        "price stays {n}",
        "/a send quote {n} @张伟 due:fri",
        "/d 第 {n} 项：12 月主推新品组合",
        "华东区经销商要求延长账期，第{n}次",
        "/a follow up {n} @Tom due:+3d | signed",
    )
    return [shapes[n % len(shapes)].format(n=n) for n in range(50)]


def flood(app, lines: list[str]) -> None:
    """Every key of every line queued at once, as a fast typist or a burst from the terminal.

    `pilot.press` waits for the app to go idle after each key, which hides the race; a real
    terminal hands the app a whole burst of keys before any of them is handled.
    """
    for char in "".join(line + "\r" for line in lines):
        app.post_message(key_event(char))


def capture_of(app) -> Input:
    return app.screen.query_one("#capture", Input)


async def test_fifty_lines_typed_back_to_back_are_fifty_items(session):
    lines = fifty_lines()
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        flood(app, lines)
        await until(pilot, lambda: len(on_disk(session).items) >= len(lines))
        assert saved(session) == meant(session, lines)
        assert capture_of(app).value == ""


async def test_keys_typed_after_enter_start_the_next_line(session):
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        flood(app, ["price stays"])
        for char in "/a send quote @Bob due:fri":
            app.post_message(key_event(char))
        await until(pilot, lambda: len(on_disk(session).items) == 1)
        assert [text for _, text, _, _ in saved(session)] == ["price stays"]
        assert capture_of(app).value == "/a send quote @Bob due:fri"


async def test_a_refused_line_comes_back_selected(session):
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press(*"/frobnicate now", "enter")
        await until(pilot, lambda: capture_of(app).value == "/frobnicate now")
        capture = capture_of(app)
        assert capture.selected_text == "/frobnicate now"
        assert "frobnicate" in text_of(app, "#status-line")
        assert on_disk(session).items == []


async def test_a_refused_line_does_not_clobber_what_was_typed_since(session):
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        flood(app, ["/frobnicate now"])
        for char in "next thought":
            app.post_message(key_event(char))
        await until(pilot, lambda: "frobnicate" in text_of(app, "#status-line"))
        assert capture_of(app).value == "next thought"
        assert capture_of(app).selected_text == ""  # the next key does not replace it
        await pilot.press("enter")
        await until(pilot, lambda: len(on_disk(session).items) == 1)
        assert [text for _, text, _, _ in saved(session)] == ["next thought"]
        # The refused line waited its turn: the bar is empty again, so it is back, selected.
        await until(pilot, lambda: capture_of(app).value == "/frobnicate now")
        assert capture_of(app).selected_text == "/frobnicate now"
        assert "frobnicate" in text_of(app, "#status-line")


async def test_two_refused_lines_in_a_row_both_come_back_in_turn(session):
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        flood(app, ["/frobnicate one", "/frobnicate two"])
        await until(pilot, lambda: "frobnicate" in text_of(app, "#status-line"))
        await pilot.pause()
        assert capture_of(app).value == "/frobnicate one"
        await pilot.press("backspace", *"fixed one", "enter")  # dropped on purpose, then typed
        await until(pilot, lambda: len(on_disk(session).items) == 1)
        await until(pilot, lambda: capture_of(app).value == "/frobnicate two")
        assert capture_of(app).selected_text == "/frobnicate two"
        assert "frobnicate" in text_of(app, "#status-line")
        await pilot.press("end", "ctrl+u", *"fixed two", "enter")  # edited away
        await until(pilot, lambda: len(on_disk(session).items) == 2)
        assert [text for _, text, _, _ in saved(session)] == ["fixed one", "fixed two"]
        assert capture_of(app).value == ""


async def test_lines_typed_on_over_a_refused_line_given_back_never_replace_it(session):
    """A refused line comes back selected while the facilitator, eyes on the room, types on:
    the keys start a new line and the refused one waits again, back whole once the bar is
    empty, however many lines come past it."""
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press(*"/frobnicate now", "enter")
        await until(pilot, lambda: capture_of(app).value == "/frobnicate now")
        flood(app, ["line two", "line three", "line four"])
        await until(pilot, lambda: len(on_disk(session).items) == 3)
        assert [text for _, text, _, _ in saved(session)] == ["line two", "line three", "line four"]
        await until(pilot, lambda: capture_of(app).value == "/frobnicate now")
        assert capture_of(app).selected_text == "/frobnicate now"
        assert "frobnicate" in text_of(app, "#status-line")
        await pilot.press("end", *" please", "enter")  # an arrow or End: edited, as any line
        await until(pilot, lambda: capture_of(app).value == "/frobnicate now please")


async def test_backspace_drops_a_refused_line_given_back_and_says_so(session):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press(*"/frobnicate now", "enter")
        await until(pilot, lambda: capture_of(app).value == "/frobnicate now")
        await pilot.press("backspace")
        await until(pilot, lambda: "已删掉：/frobnicate now" in text_of(app, "#status-line"))
        assert capture_of(app).value == ""
        await pilot.press(*"接着记", "enter")
        await until(pilot, lambda: len(on_disk(session).items) == 1)
        assert capture_of(app).value == ""  # nothing waits: nothing comes back


async def test_the_meeting_does_not_end_while_a_refused_line_waits(session):
    """`/end` typed past a refused line would end the meeting and lose it: it is refused,
    and ends the meeting once the refused line has been dealt with."""
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        flood(app, ["/frobnicate now", "/end"])
        await until(pilot, lambda: "refused line(s) first" in text_of(app, "#status-line"))
        assert not session.state.ended
        assert capture_of(app).value == "/frobnicate now"
        await pilot.press(*"/end", "enter")  # typed over it: it waits, /end is refused, it is back
        await until(pilot, lambda: capture_of(app).value == "/frobnicate now")
        assert "refused line(s) first" in text_of(app, "#status-line")
        assert not session.state.ended
        for key in ("f9", "ctrl+q"):  # both questions say what ending or quitting leaves out
            await pilot.press(key)
            await until(pilot, lambda: bool(app.screen.query("#confirm-detail")))
            assert "/frobnicate now" in text_of(app, "#confirm-detail")
            await pilot.press("n")
            await until(pilot, lambda: not app.screen.query("#confirm-detail"))
        await pilot.press("backspace", *"/end", "enter")  # dropped: nothing waits
        await until(pilot, lambda: session.state.ended)


async def test_a_refused_line_waiting_is_kept_through_an_interruption(datadir, clock, session):
    """A refused line waiting when the app goes (a crash, a quit) comes back when the meeting
    is resumed, with why; once dealt with, nothing is kept; ending keeps nothing either."""
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        flood(app, ["/frobnicate now", "typed on"])
        await until(pilot, lambda: len(on_disk(session).items) == 1)
        await until(pilot, lambda: capture_of(app).value == "/frobnicate now")
        assert waiting_lines(datadir, session.id)[0][0] == "/frobnicate now"
    session.close()  # as after a kill: the file is all there is
    clock.advance(30)
    resumed = Session.resume(datadir, session.id, clock)
    try:
        app = live_app(resumed, "en")
        async with app.run_test(size=(160, 48)) as pilot:
            await until(pilot, lambda: capture_of(app).value == "/frobnicate now")
            assert capture_of(app).selected_text == "/frobnicate now"
            assert "kept" in text_of(app, "#status-line")
            assert "frobnicate" in text_of(app, "#status-line")
            await pilot.press("backspace")
            await until(pilot, lambda: waiting_lines(datadir, session.id) == [])
            await pilot.press(*"/frobnicate again", "enter")
            await until(pilot, lambda: waiting_lines(datadir, session.id) != [])
            await pilot.press("backspace", *"/end", "enter")
            await until(pilot, lambda: resumed.state.ended)
            assert waiting_lines(datadir, session.id) == []
    finally:
        resumed.close()


async def test_editing_keys_in_a_burst_take_effect_in_the_order_typed(session):
    """Backspace, ctrl+u, ctrl+w and the arrows in the middle of a burst act where they were
    typed, not after the characters typed after them (`abc` Backspace `d` once saved `abc`)."""
    app = live_app(session, "en")
    keys = [
        *"abc", "backspace", "d", "\r",
        *"xyz", "ctrl+u", *"fresh", "\r",
        *"hello world", "ctrl+w", "X", "\r",
        *"ac", "left", "b", "end", "!", "\r",
    ]  # fmt: skip
    async with app.run_test(size=(160, 48)) as pilot:
        for key in keys:
            app.post_message(key_event(key) if len(key) == 1 else events.Key(key, None))
        await until(pilot, lambda: len(on_disk(session).items) == 4)
        assert [text for _, text, _, _ in saved(session)] == ["abd", "fresh", "hello X", "abc!"]


async def test_editing_an_item_then_typing_on_keeps_both(session):
    session.submit("价格不变")
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        items = app.screen.query_one(ItemList)
        items.focus()
        items.highlighted = 0
        await pilot.press("e")
        await until(pilot, lambda: capture_of(app).value == "价格不变")
        flood(app, ["，明年再议", "新的一条"])
        await until(pilot, lambda: len(on_disk(session).items) == 2)
        assert [text for _, text, _, _ in saved(session)] == ["价格不变，明年再议", "新的一条"]
        assert not capture_of(app).has_class("-editing")


@pytest.mark.parametrize("ending", ["enter", "escape"])
async def test_a_refused_line_in_the_bar_waits_through_an_item_edit(session, ending):
    """Editing an item while a refused line is back in the bar: it waits for the edit, then
    comes back as any refused line (typing sets it aside), not as plain text typed into."""
    session.submit("价格不变")
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press(*"/frobnicate", "enter")
        await until(pilot, lambda: capture_of(app).value == "/frobnicate")
        items = app.screen.query_one(ItemList)
        items.focus()
        items.highlighted = 0
        await pilot.press("e")
        await until(pilot, lambda: capture_of(app).value == "价格不变")
        await pilot.press(ending)
        await until(pilot, lambda: capture_of(app).value == "/frobnicate")
        assert capture_of(app).selected_text == "/frobnicate"
        await pilot.press(*"abc", "enter")
        await until(pilot, lambda: len(on_disk(session).items) == 2)
        assert [text for _, text, _, _ in saved(session)] == ["价格不变", "abc"]
        await until(pilot, lambda: capture_of(app).value == "/frobnicate")


async def test_a_multi_line_paste_makes_one_item_per_line(session):
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        app.post_message(events.Paste("one\ntwo\n\n/d three\r\n"))
        await until(pilot, lambda: len(on_disk(session).items) == 3)
        assert saved(session) == meant(session, ["one", "two", "/d three"])
        assert "3" in text_of(app, "#status-line")
        assert capture_of(app).value == ""


async def test_a_multi_line_paste_leaves_a_half_typed_line_alone(session):
    app = live_app(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press(*"半句")
        app.post_message(events.Paste("一\n二"))
        await until(pilot, lambda: len(on_disk(session).items) == 2)
        assert [text for _, text, _, _ in saved(session)] == ["一", "二"]
        assert capture_of(app).value == "半句"


async def test_a_paste_with_a_refused_line_saves_nothing_and_says_which(session):
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        app.post_message(events.Paste("one\n/frobnicate\nthree"))
        await until(pilot, lambda: "frobnicate" in text_of(app, "#status-line"))
        assert "2" in text_of(app, "#status-line")
        assert on_disk(session).items == []


async def test_a_paste_stopped_by_a_refusal_keeps_that_line_and_those_after_it(session):
    """A line refused only when done (`/target` outside its section) stops a paste with the
    lines before it saved: it and the lines after it wait and come back one at a time (they
    were lost; pasting again would have saved the first ones twice)."""
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        app.post_message(events.Paste("paste line F\n/target 张伟 1\npaste line G"))
        await until(pilot, lambda: capture_of(app).value == "/target 张伟 1")
        assert [text for _, text, _, _ in saved(session)] == ["paste line F"]
        assert "Paste stopped at line 2 of 3" in text_of(app, "#status-line")
        await pilot.press("backspace", "enter")  # dropped; Enter on the empty bar: the next
        await until(pilot, lambda: capture_of(app).value == "paste line G")
        await pilot.press("enter")
        await until(pilot, lambda: len(on_disk(session).items) == 2)
        assert [text for _, text, _, _ in saved(session)] == ["paste line F", "paste line G"]


async def test_a_multi_line_paste_while_editing_is_refused_and_the_edit_goes_on(session):
    session.submit("价格不变")
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        items = app.screen.query_one(ItemList)
        items.focus()
        items.highlighted = 0
        await pilot.press("e")
        await until(pilot, lambda: capture_of(app).value == "价格不变")
        app.post_message(events.Paste("one\ntwo"))
        await until(pilot, lambda: "2 lines" in text_of(app, "#status-line"))
        assert capture_of(app).value == "价格不变" and capture_of(app).has_class("-editing")
        assert len(on_disk(session).items) == 1


async def test_a_single_line_paste_goes_into_the_bar(session):
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press(*"note: ")
        app.post_message(events.Paste("pasted text\n"))
        await until(pilot, lambda: capture_of(app).value == "note: pasted text")
        assert on_disk(session).items == []


async def test_joiners_typed_in_the_bar_reach_the_disk(session):
    lines = ["family 👨\u200d👩\u200d👧", "می\u200cخواهم", "/d a\u200db"]
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        flood(app, lines)
        await until(pilot, lambda: len(on_disk(session).items) == 3)
        assert saved(session) == meant(session, lines)
        assert "\u200d" in on_disk(session).items[0].text


async def test_control_characters_typed_or_pasted_are_not_stored(session):
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        capture = app.screen.query_one("#capture", Input)
        capture.value = "A \x1b]0;TITLE\x07 B"
        await pilot.press("enter")
        app.post_message(events.Paste("C \x1b[2J\x1b[H D\nE \x9b31m F"))
        await until(pilot, lambda: len(on_disk(session).items) == 3)
        texts = [text for _, text, _, _ in saved(session)]
        assert texts == ["A ]0;TITLE B", "C [2J[H D", "E 31m F"]


async def test_lines_typed_at_once_after_enter_starts_the_meeting_are_captured(
    datadir, agenda, clock
):
    """A facilitator presses Enter on the roll-call and types on: the keys that come before
    the meeting's screen has its capture bar go into it, not to the roll-call or nowhere."""
    app = make_app(datadir, PreMeeting(agenda), clock=clock, lang="en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("p")  # someone is in: Enter starts at once
        await pilot.pause()
        for char in "\rprice stays\r/a send quote @Bob\r":
            app.post_message(key_event(char))
        await until(pilot, lambda: app.session is not None and len(app.session.state.items) == 2)
        session = app.session
        assert [it.text for it in session.state.active_items()] == ["price stays", "send quote"]
        assert session.state.attendance["王磊"].status == "present"  # the roll-call as it was


@pytest.mark.parametrize(
    ("burst", "line", "first"),
    [
        ("p\rQ3 numbers are in\r", "Q3 numbers are in", "present"),
        ("\rabcsdef plan\r", "abcsdef plan", "expected"),
    ],
    ids=["a mark, Enter, a line", "Enter with no one in, a line"],
)
async def test_the_roll_call_keys_and_a_line_typed_at_once_keep_their_order(
    datadir, agenda, clock, burst, line, first
):
    """A burst from the roll-call: a mark is the roll-call's, the line the meeting's, whole.
    The mark once came in after the line's first letter (`Qp3 …`, no one present: Enter is
    taken at once, `p` bubbled up); with no one in, the second Enter once asked for turned
    the line's letters into marks (`a` absent, `s` start)."""
    app = make_app(datadir, PreMeeting(agenda), clock=clock, lang="en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        for char in burst:
            app.post_message(key_event(char))
        await until(pilot, lambda: app.session is not None and len(app.session.state.items) == 1)
        session = app.session
        assert [it.text for it in session.state.active_items()] == [line]
        statuses = [a.status for a in session.state.attendance.values()]
        assert statuses == [first] + ["expected"] * (len(statuses) - 1)


async def test_enter_on_the_roster_leaves_a_half_typed_line_in_the_bar(session):
    """Keys another screen got go to the capture bar; keys of the roster or the items stay
    theirs: Enter there does not send what is half typed in the bar."""
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press(*"half typed")
        app.screen.query_one("#roster").focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert capture_of(app).value == "half typed"
        assert on_disk(session).items == []


@pytest.mark.parametrize("line", ["张伟签了2单", "Tom signed 3 deals, 2 more next week"])
async def test_a_line_typed_in_one_burst_on_the_roster_goes_whole_into_the_bar(session, line):
    """The first letter typed on the roster sends the typing to the capture bar, but the keys of
    the same burst reach the roster before the focus has moved: a digit among them (on the
    roster, the key that picks a speaker) is typed as part of the line, not taken as a pick."""
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        roster = app.screen.query_one("#roster")
        roster.focus()
        await pilot.pause()
        for char in line + "\r":  # Enter too: typing has begun
            roster.post_message(key_event(char))
        await until(pilot, lambda: len(on_disk(session).items) == 1)
        assert [it.text for it in on_disk(session).active_items()] == [line]
        assert on_disk(session).speaker is None  # no digit of the line picked a speaker
        assert capture_of(app).has_focus and capture_of(app).value == ""
        roster.focus()  # on the roster again, a digit picks a speaker once more
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert session.state.speaker is not None


@pytest.mark.parametrize(
    ("burst", "saved"),
    [("helx\x7flo\r", "hello"), ("price 5x\x7f\r", "price 5"), ("ab\x7f\x7fcd 3\r", "cd 3")],
)
async def test_a_line_corrected_and_sent_in_one_burst_on_the_roster_is_saved_as_corrected(
    session, burst, saved
):
    """Backspace in a burst typed on the roster is done in its turn, before the keys typed after
    it and before Enter: the line saved is the one corrected, not the one before Backspace."""
    app = live_app(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        roster = app.screen.query_one("#roster")
        roster.focus()
        await pilot.pause()
        for char in burst:
            roster.post_message(key_event(char))
        await until(pilot, lambda: len(on_disk(session).items) == 1)
        assert [it.text for it in on_disk(session).active_items()] == [saved]
        assert capture_of(app).value == ""
