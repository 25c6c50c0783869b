"""The roster: number, name, attendance, current speaker, talk time with a share bar, turns."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from agendas.durations import format_clock
from widgets.cells import fit, share_bar


@dataclass(frozen=True)
class RosterRow:
    number: int
    name: str
    status: str  # localized attendance
    talk: float  # seconds
    share: float  # 0..1
    turns: int
    speaking: bool = False
    silent: bool = False
    away: bool = False  # absent or left: shown dimmed
    facilitator: bool = False


class Roster(Widget, can_focus=True):
    """Renders the rows the screen hands it; narrow widths drop the attendance column.

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
        """Someone started typing here: the text belongs in the capture line."""

        roster: Roster
        character: str

        @property
        def control(self) -> Roster:
            return self.roster

    def action_choose(self, number: int) -> None:
        self.post_message(self.SpeakerChosen(self, number))

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and not event.character.isdigit():
            event.stop()
            event.prevent_default()
            self.post_message(self.Typed(self, event.character))

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[RosterRow] = []
        self.silent_label = "silent"
        self.warning: str | None = None

    def show(self, rows: list[RosterRow], *, silent_label: str, warning: str | None) -> None:
        if (rows, silent_label, warning) != (self.rows, self.silent_label, self.warning):
            self.rows = list(rows)
            self.silent_label = silent_label
            self.warning = warning
            self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return max(1, len(self.rows) + (2 if self.warning else 0))

    def render(self) -> Content:
        width = self.content_size.width or 48
        status_width = 0 if width < 44 else 8
        bar_width = 4 if width < 44 else 8
        fixed = 2 + 2 + 1 + 6 + 1 + bar_width + 1 + 4 + 1 + 2 + 1
        fixed += status_width + 1 if status_width else 0
        name_width = max(4, width - fixed)
        lines = []
        for row in self.rows:
            style = "bold $accent" if row.speaking else ("$text-muted" if row.away else "")
            mark = "▸" if row.speaking else " "
            parts: list[str | tuple[str, str]] = [
                (f"{row.number:>2} {mark}", style),
                (fit(row.name, name_width), style),
                " ",
            ]
            if status_width:
                parts += [
                    (fit(row.status, status_width), "$text-muted" if not row.away else style),
                    " ",
                ]
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
            lines += [Content(""), Content.styled(self.warning, "bold $error")]
        return Content("\n").join(lines)
