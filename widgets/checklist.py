"""The pre-meeting lists: the preparation checklist (space ticks a line) and the roll-call."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList


class Checklist(OptionList):
    """The preparation checklist; space ticks the highlighted line."""

    BINDINGS = [Binding("space", "tick", show=False)]

    class Toggled(OptionList.OptionMessage):
        pass

    def action_tick(self) -> None:
        index = self.highlighted
        if index is not None:
            self.post_message(self.Toggled(self, self.get_option_at_index(index), index))


class RollCall(OptionList):
    """Participants with their check-in state; the screen's keys mark the highlighted one."""
