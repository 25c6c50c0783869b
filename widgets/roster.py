"""The roster: number, name, attendance, current speaker, talk time with a share bar, turns."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget

from agendas.durations import format_clock
from widgets.capture import EDITING_KEYS
from widgets.cells import fit, share_bar, wrap_cells
from widgets.rows import RosterRow, RosterView
from widgets.text import literal

NAME_CELLS = 12  # a name is shown whole up to this (more when there is room to spare)
STATUS_CELLS = 11  # `late 09:07`, `迟到 09:07`: the time SPEC §5 promises
MIN_BAR = 0  # attendance before a bar: the share is also written as a %
WIDE_BAR = 5  # past this, a long name gets the room before the bar does


class Roster(Widget, can_focus=True):
    """Renders the rows the screen hands it; narrow widths shorten the attendance, never drop it.

    When focused, a digit asks for that person to speak (0: nobody).
    """

    DEFAULT_CSS = """
    Roster {
        height: auto;
    }
    """

    BINDINGS = [
        *(Binding(str(n), f"choose({n})", f"Speaker {n}", show=False) for n in range(10)),
    ]

    @dataclass
    class SpeakerChosen(Message):
        roster: Roster
        number: int  # 0: nobody

        @property
        def control(self) -> Roster:
            return self.roster

    @dataclass
    class Typed(Message):
        """Someone started typing here: the key (a character, or once typing has begun also
        Enter or an editing key) belongs in the capture line (`CaptureBar.take_key`)."""

        roster: Roster
        key: events.Key

        @property
        def control(self) -> Roster:
            return self.roster

    view: var[RosterView | None] = var(None, init=False)  # fed by the screen (`data_bind`)
    _handing_on: bool

    def watch_view(self, view: RosterView | None) -> None:
        if view is None:
            return
        self.show(
            view.rows,
            silent_label=view.silent_label,
            not_here_label=view.not_here_label,
            warning=view.warning,
        )

    def action_choose(self, number: int) -> None:
        self.post_message(self.SpeakerChosen(self, number))

    def on_key(self, event: events.Key) -> None:
        # A digit picks a speaker, and Enter is the roster's, until typing has begun here: then
        # they are the line's too, and so are the editing keys (Backspace …), each in its turn.
        # The focus leaves a moment after the first letter, and the keys typed on in the same
        # burst come here first.
        typed = bool(event.is_printable and event.character)
        if self._handing_on:
            typed = typed or event.key == "enter" or event.key in EDITING_KEYS
        elif not typed or (event.character or "").isdigit():
            return
        if typed:
            event.stop()
            event.prevent_default()
            self._handing_on = True
            self.post_message(self.Typed(self, event))

    def on_focus(self, event: events.Focus) -> None:
        self._handing_on = False  # the roster's own keys again

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[RosterRow] = []
        # Typing began here: keys go on to the capture line (`on_key`).
        self._handing_on = False
        self.silent_label = "silent"
        self.not_here_label = "not here yet"
        self.warning: str | None = None

    def show(
        self,
        rows: list[RosterRow],
        *,
        silent_label: str,
        warning: str | None,
        not_here_label: str = "not here yet",
    ) -> None:
        shown = (self.rows, self.silent_label, self.not_here_label, self.warning)
        if (rows, silent_label, not_here_label, warning) != shown:
            # Talk times change every second while someone speaks; the height seldom does.
            resized = len(rows) != len(self.rows) or warning != self.warning
            resized = resized or [row.name for row in rows] != [row.name for row in self.rows]
            resized = resized or [row.status for row in rows] != [row.status for row in self.rows]
            self.rows = list(rows)
            self.silent_label = silent_label
            self.not_here_label = not_here_label
            self.warning = warning
            self.refresh(layout=resized)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return max(1, len(self.rows) + (1 + len(self._warning_lines(width)) if self.warning else 0))

    def _warning_lines(self, width: int) -> list[str]:
        return wrap_cells(self.warning or "", width)

    def widths(self, width: int) -> tuple[int, int, int]:
        """Name, status and bar widths: names and statuses whole when they fit, the bar gets the rest.

        Past the number and mark (4 cells) a row holds: name, status, talk (6), the bar, share
        (5) and turns (3), with a space after the name, the status and the talk time. Short of
        room, the status loses its time (`late`, not `late 09:07`) but stays: who is late, gone
        or absent is always shown.
        """
        longest = max((cell_len(row.name) for row in self.rows), default=4)
        name = max(4, min(NAME_CELLS, longest))
        status = min(STATUS_CELLS, max((cell_len(row.status) for row in self.rows), default=0))

        def bar(name: int, status: int) -> int:
            return width - (4 + name + 1 + (status + 1 if status else 0) + 6 + 1 + 5 + 3)

        if bar(name, status) < MIN_BAR:
            status = self.short_width()
        if bar(name, status) < 0:
            name = max(4, name + bar(name, status))  # then the bar goes (the % stays)
        if bar(name, status) > WIDE_BAR and longest > name:
            # Room to spare: the whole of a long name before a longer bar.
            name = min(longest, name + bar(name, status) - WIDE_BAR)
        return name, status, max(0, bar(name, status))

    def short_width(self) -> int:
        """The widest attendance without its time."""
        return max((cell_len(row.short_status or row.status) for row in self.rows), default=0)

    def render(self) -> Content:
        width = self.content_size.width or 48
        name_width, status_width, bar_width = self.widths(width)
        lines = []
        for row in self.rows:
            style = "bold $accent" if row.speaking else ("$text-muted" if row.away else "")
            mark = "▸" if row.speaking else " "
            parts: list[str | tuple[str, str] | Content] = [
                (f"{row.number:>2} {mark}", style),
                literal(fit(row.name, name_width), style),
                " ",
            ]
            if status_width:
                status = row.status
                if cell_len(status) > status_width and row.short_status:
                    status = row.short_status
                parts += [
                    (fit(status, status_width), "$text-muted" if not row.away else style),
                    " ",
                ]
            if row.away and not row.turns and not row.talk:
                lines.append(Content.assemble(*parts))  # absent: nothing to count
                continue
            if row.not_here:
                # Talk, bar, share and turns would all be nothing: the words take their room.
                label = self.not_here_label
                if cell_len(label) <= 6:  # under the talk times, as `silent` is
                    label = fit(label, 6, "right")
                parts.append((fit(label, 6 + 1 + bar_width + 5 + 3), "italic $text-muted"))
                lines.append(Content.assemble(*parts))
                continue
            if row.silent:
                parts.append((fit(self.silent_label, 6, "right"), "italic $warning"))
            else:
                parts.append((fit(format_clock(row.talk), 6, "right"), style))
            filled, empty = share_bar(row.share, bar_width)
            parts += [
                " ",
                (filled, "on $accent"),
                (empty, "on $panel"),
                (fit(f"{round(row.share * 100)}%", 5, "right"), style),
                (fit(str(row.turns), 3, "right"), style),
            ]
            lines.append(Content.assemble(*parts))
        if self.warning:
            lines.append(Content(""))
            lines += [Content.styled(line, "bold $error") for line in self._warning_lines(width)]
        return Content("\n").join(lines)
