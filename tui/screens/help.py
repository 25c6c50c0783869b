"""The live screen's help overlay: every key and every capture command, in the meeting's language."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from sessions.i18n import t
from tui.screens.live_actions import help_keys
from widgets.cells import fit

HELP_COMMANDS = (
    "help.cmd.note",
    "help.cmd.decision",
    "help.cmd.action",
    "help.cmd.question",
    "help.cmd.idea",
    "help.cmd.parking",
    "help.cmd.kudos",
    "help.cmd.undo",
    "help.cmd.next",
    "help.cmd.pause",
    "help.cmd.extend",
    "help.cmd.defer",
    "help.cmd.speaker",
    "help.cmd.attendance",
    "help.cmd.target",
    "help.cmd.status",
    "help.cmd.end",
)


class HelpScreen(ModalScreen[None]):
    """Every key and every capture command, in the meeting's language."""

    BINDINGS = [Binding("escape,f1,q", "close", show=False)]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(id="help-box") as box:
            box.border_title = t("help.title", lang)
            box.border_subtitle = t("help.close", lang)
            yield Static(t("help.keys", lang), classes="help-heading")
            yield Static(self._table((keys, t(label, lang)) for keys, label in help_keys()))
            yield Static(t("help.commands", lang), classes="help-heading")
            rows = [self._split(t(key, lang)) for key in HELP_COMMANDS]
            yield Static(self._table(rows, first=max(cell_len(syntax) for syntax, _ in rows)))
            yield Static(t("help.dates", lang), classes="help-note", markup=False)

    @staticmethod
    def _split(entry: str) -> tuple[str, str]:
        syntax, _, meaning = entry.rpartition("|")
        return syntax, meaning

    @staticmethod
    def _table(rows: Iterable[tuple[str, str]], first: int = 18) -> Content:
        return Content("\n").join(
            Content.assemble((fit(left, first), "bold $accent"), " ", right) for left, right in rows
        )

    def action_close(self) -> None:
        self.dismiss(None)
