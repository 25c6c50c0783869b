"""The running section's countdown: big digits, title and presenter, coloured by how much time is used."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Digits, Static

from agendas.durations import format_clock
from widgets.rows import CountdownView
from widgets.text import literal


def countdown_text(remaining: float | None) -> str:
    """`MM:SS` left, `+MM:SS` over time, `--:--` when no section runs."""
    if remaining is None:
        return "--:--"
    if remaining < 0:
        return "+" + format_clock(-remaining)
    return format_clock(remaining)


class Countdown(Vertical):
    """Shows what the parent screen computed; holds no clock of its own."""

    DEFAULT_CSS = """
    Countdown {
        height: auto;
    }
    Countdown > #countdown-title {
        text-style: bold;
        width: 1fr;
    }
    Countdown > Digits {
        width: auto;
    }
    """

    _shown: tuple[str, str] = ("", "")
    view: var[CountdownView | None] = var(None, init=False)  # fed by the screen (`data_bind`)

    def compose(self) -> ComposeResult:
        yield Static(id="countdown-title", markup=False)
        yield Digits("--:--", id="countdown-digits")
        yield Static(id="countdown-info", markup=False)

    @property
    def text(self) -> str:
        return self.query_one(Digits).value

    def watch_view(self, view: CountdownView | None) -> None:
        if view is not None:
            self.show(
                title=view.title,
                info=view.info,
                remaining=view.remaining,
                phase=view.phase,
                paused=view.paused,
            )

    def show(
        self, *, title: str, info: str, remaining: float | None, phase: str, paused: bool
    ) -> None:
        """Display one moment: `phase` is `ok`, `warning` or `overtime`."""
        if (title, info) != self._shown:
            self._shown = (title, info)
            self.query_one("#countdown-title", Static).update(literal(title))
            self.query_one("#countdown-info", Static).update(literal(info))
        digits = self.query_one(Digits)
        value = countdown_text(remaining)
        if digits.value != value:
            digits.update(value)
        self.set_class(phase == "warning", "-warning")
        self.set_class(phase == "overtime", "-overtime")
        self.set_class(paused, "-paused")
