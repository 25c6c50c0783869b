"""Dialogs shared by the screens: a yes/no question with its buttons."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from sessions.i18n import t
from widgets.text import literal


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; y or Enter says yes, n or Esc says no, and No has the focus."""

    CSS_PATH = "dialogs.tcss"  # read when the screen is first shown

    BINDINGS = [
        Binding("y,enter", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", show=False),
    ]

    def __init__(
        self,
        question: str,
        detail: str,
        lang: str,
        yes: str | None = None,
        no: str | None = None,
    ) -> None:
        super().__init__(classes="confirm")
        self.question = question
        self.detail = detail
        self.lang = lang
        self.yes = yes or t("live.yes", lang)
        self.no = no or t("live.no", lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(literal(self.question), id="confirm-question")
            if self.detail:
                yield Static(literal(self.detail), id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                yield Button(literal(self.yes), id="yes", variant="error")
                yield Button(literal(self.no), id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
