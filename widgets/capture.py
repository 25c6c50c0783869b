"""The capture bar: the one input line of the live meeting, which hands over every line whole."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.actions import parse as parse_action
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

# Input's own keys that edit the line or move in it (Backspace, ctrl+u, the arrows, Home…),
# Enter apart (taken as the line's end, see `CaptureBar._on_key`).
EDITING_KEYS = frozenset(
    key.strip()
    for binding in Input.BINDINGS
    if isinstance(binding, Binding)
    for key in binding.key.split(",")
) - {"enter"}


def edit_by_key(box: Input, key: str) -> bool:
    """Do now what an editing key (Backspace, an arrow, Home, ctrl+w, ctrl+x …) does in `box`,
    as its binding would only once the key had bubbled up to the app, after keys typed later
    were in (`abc`, Backspace, `d` typed in one burst made `abc`): in a box's own key handler,
    and for the keys of a burst that reached another widget before the focus had moved to the
    box. False for any other key."""
    found = box._bindings.key_to_bindings.get(key) if key in EDITING_KEYS else None
    if not found:
        return False
    _, name, arguments = parse_action(found[0].action)
    getattr(box, f"action_{name}")(*arguments)
    return True


class InTurnInput(Input):
    """An input box whose editing keys take effect in turn with the characters typed around
    them (`edit_by_key`): as Input's bindings they run only once the key has bubbled up to the
    app, and `?cafx`, Backspace, `e zoe` typed in one burst made `?cafxe zo`."""

    async def _on_key(self, event: events.Key) -> None:
        if edit_by_key(self, event.key):
            event.stop()
            event.prevent_default()


# Joiners are format characters, not "printable" to Python, so Input would drop them when
# typed; they hold emoji sequences (👨‍👩‍👧) and words in Persian or Indic scripts together.
JOINERS = frozenset("\u200c\u200d")


class CaptureBar(Input):
    """Enter takes the line and empties the bar at once, so keys typed after it start a new line.

    The line goes up in `CaptureBar.Submitted`; a paste of several lines goes up whole in
    `CaptureBar.Pasted` (blank lines left out), for the screen to capture one by one.

    A refused line given back (`give_back`) is never replaced by typing: keys typed on (as
    in a burst, before the line could be seen) set it aside (`CaptureBar.SetAside`) and start
    a new line; it is dropped only by a key that deletes (`CaptureBar.Dropped`), and an arrow
    key or Home/End edits it.
    """

    # Keys that delete a given-back line on purpose.
    DROPPING = frozenset({"backspace", "delete", "ctrl+u", "ctrl+w", "ctrl+k", "ctrl+x"})

    @dataclass
    class _Said(Message):
        """A message from the bar (its `control`)."""

        capture_bar: CaptureBar

        @property
        def control(self) -> CaptureBar:
            return self.capture_bar

    @dataclass
    class Submitted(_Said):
        """Enter was pressed: `line` is exactly what the bar held."""

        line: str

    @dataclass
    class Pasted(_Said):
        """Several lines were pasted: each is meant as if typed and entered, in order."""

        lines: list[str]

    @dataclass
    class SetAside(_Said):
        """Typing began over a refused line given back: it waits again (`line`)."""

        line: str

    @dataclass
    class Dropped(_Said):
        """A refused line given back was deleted on purpose."""

        line: str

    # The refused line given back, while it is in the bar untouched.
    _given: str | None = None

    async def action_submit(self) -> None:
        self._hand_over()

    def _before_key(self, event: events.Key) -> None:
        """What a key does to a refused line given back and still whole and selected: typing
        sets it aside (the bar empty for the key), a deleting key drops it. Once the cursor
        has moved (an arrow key, Home/End, a click), it is a line being edited."""
        given = self.given_back
        if given is None:
            return
        if event.key in self.DROPPING:
            self._given = None
            self.post_message(self.Dropped(self, given))
        elif _typed(event):
            self._set_aside(given)

    def _set_aside(self, given: str) -> None:
        """The refused line given back out of the bar, to wait again (`CaptureBar.SetAside`)."""
        self._given = None
        self.value = ""
        self.post_message(self.SetAside(self, given))

    @property
    def given_back(self) -> str | None:
        """The refused line given back, while the bar holds it whole and selected."""
        given = self._given
        if given is None or self.value != given or sorted(self.selection) != [0, len(given)]:
            self._given = None
            return None
        return given

    def _type(self, text: str) -> None:
        """`text` in place of the selection (at the cursor when none), as typing puts it."""
        start, end = sorted(self.selection)
        self.replace(text, start, end)

    def take_key(self, event: events.Key) -> bool:
        """A key typed before this bar had the focus, taken as if typed here: a character,
        an editing key or Enter (a line corrected and sent in one burst). False: any other."""
        self._before_key(event)
        if event.key == "enter":
            self._hand_over()
        elif _typed(event):
            self._type(event.character or "")
        else:
            return edit_by_key(self, event.key)
        return True

    def _hand_over(self) -> None:
        # Taken now, not when the screen gets to the message: by then more may have been typed.
        line = self.value
        self.value = ""
        self._given = None
        self.post_message(self.Submitted(self, line))

    def give_back(self, line: str, *, kept: bool = True) -> bool:
        """Put a refused line back, selected for correction, unless something was typed since
        (False: the caller keeps it). `kept`: typing sets it aside rather than replacing it
        (an edit given back is replaced by typing, as any selection)."""
        if self.value:
            return False
        self.value = line
        self.select_all()
        self._given = line if kept else None
        return True

    async def _on_key(self, event: events.Key) -> None:
        # Enter is handled here, in turn with the keys typed around it. As a binding it would
        # run only once the key had bubbled up to the app, after keys typed later were in.
        # Every other key goes on to Input's own handler (Textual calls each class's in turn).
        self._before_key(event)
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._hand_over()
        elif event.character in JOINERS:
            event.stop()
            event.prevent_default()
            self._type(event.character)
        elif edit_by_key(self, event.key):  # in turn with the characters around it, too
            event.stop()
            event.prevent_default()

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input's own handler keeps only the first line
        lines = [line for line in event.text.splitlines() if line.strip()]
        given = self.given_back
        if given is not None and lines:  # never pasted over
            self._set_aside(given)
        if len(lines) > 1:
            self.post_message(self.Pasted(self, lines))
        elif lines:
            self._type(lines[0])


def _typed(event: events.Key) -> bool:
    """Whether the key is a character typed into the line (a joiner counts)."""
    return event.character is not None and (event.is_printable or event.character in JOINERS)
