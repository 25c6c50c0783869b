"""Where keys typed on the history screen go: into its filter box from anywhere, in order."""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import Input

from tui.screens.history_rows import SEARCH_MARK
from widgets.capture import edit_by_key
from widgets.table import RowTable


class FilterBox(Screen[None]):
    """The part of `HistoryScreen` that sends typing to its filter box (`#history-filter`) and
    moves between the box and the list (`#history-table`).

    Typing goes into the box from the first key sent there (a printable key no binding took,
    `/`, `f`) until the list has the focus again. The focus moves a moment after that key, and
    the keys of the same burst reach the screen before it has: a bound key among them (`c`,
    `d`) is typed too, not taken as the list's; one that reaches the screen once the box has
    the focus is typed there in its turn, not dropped."""

    _typing = False

    def action_search(self) -> None:
        box = self._type_into_box()
        if not box.value.startswith(SEARCH_MARK):
            box.value = SEARCH_MARK + box.value
        box.cursor_position = len(box.value)

    def action_filter(self) -> None:
        self._type_into_box()

    def _type_into_box(self) -> Input:
        box = self.query_one("#history-filter", Input)
        self._typing = True
        box.focus()
        return box

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # On the list again (Tab, Down, Esc, a click): its keys are its own.
        if event.widget is not self.query_one("#history-filter", Input):
            self._typing = False

    def on_key(self, event: events.Key) -> None:
        box = self.query_one("#history-filter", Input)
        table = self.query_one("#history-table", RowTable)
        if event.key in ("tab", "shift+tab"):
            # Tab goes between the box and the list, and nowhere else (the list keeps its row).
            event.stop()
            event.prevent_default()
            (table if box.has_focus else box).focus()
            return
        if event.key == "down" and box.has_focus:
            event.stop()
            event.prevent_default()
            table.focus()
            return
        # While typing goes into the box, an editing key (Backspace, an arrow) is done there
        # now, in its turn: as the box's binding it would run after the keys typed after it.
        if self._typing and edit_by_key(box, event.key):
            event.stop()
            event.prevent_default()
            return
        # A printable key no binding took (`?`, a letter of a title) starts typing in the box,
        # whatever had the focus: nobody has to find the box first. One that comes here while
        # the box has the focus was sent to the list before the focus moved (the box keeps
        # its own): it is typed there too, in its turn.
        if not event.is_printable or not event.character:
            return
        bound = self.active_bindings.get(event.key)
        if bound is not None and not self._typing and not box.has_focus:
            # `/`, f, s, d, a keep their meaning (bindings are looked up after this); after
            # `/` and f, typing goes into the box at once: the keys after them come first.
            self._typing = bound.binding.action in ("search", "filter")
            return
        event.stop()
        event.prevent_default()
        self._type_into_box().insert_text_at_cursor(event.character)
