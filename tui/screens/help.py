"""Help overlays: the live screen's (every key and capture command) and the other screens' keys."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from sessions.i18n import CATALOG, t
from sessions.kinds import KINDS, KindSpec
from tui.screens.live_actions import help_keys
from widgets.cells import fit

# The meeting commands; the capture lines before them come from the kinds table.
HELP_COMMANDS = (
    "help.cmd.undo",
    "help.cmd.next",
    "help.cmd.pause",
    "help.cmd.extend",
    "help.cmd.defer",
    "help.cmd.speaker",
    "help.cmd.attendance",
    "help.cmd.target",
    "help.cmd.actual",
    "help.cmd.rate",
    "help.cmd.status",
    "help.cmd.end",
)


def kind_help(spec: KindSpec, lang: str) -> str:
    """A kind's help line, `syntax|meaning`: its catalog entry, else made from its table entry."""
    if spec.help_key in CATALOG["en"]:
        return t(spec.help_key, lang)
    others = " ".join(f"/{alias}" for alias in spec.aliases[1:])
    syntax = f"{spec.prefix}…" + (f"  ({others})" if others else "")
    return f"{syntax}|{t(f'kind.{spec.name}', lang)}"


def help_lines(lang: str) -> list[str]:
    """Every line of the capture help: one per kind in the table, then the meeting commands."""
    return [kind_help(spec, lang) for spec in KINDS.values()] + [
        t(key, lang) for key in HELP_COMMANDS
    ]


class HelpScreen(ModalScreen[None]):
    """Every key and every capture command, in the meeting's language."""

    CSS_PATH = "help.tcss"  # read when the screen is first shown

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
            rows = [self._split(line) for line in help_lines(lang)]
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


class KeysHelpScreen(ModalScreen[None]):
    """A screen's keys (home, history), in the app's language: F1 on that screen."""

    CSS_PATH = "help.tcss"  # read when the screen is first shown

    DEFAULT_CSS = "KeysHelpScreen { align: center middle; }"
    BINDINGS = [Binding("escape,f1,q", "close", show=False)]

    def __init__(self, title: str, rows: list[tuple[str, str]], lang: str) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = t("help.close", self.lang)
            yield Static(t("help.keys", self.lang), classes="help-heading")
            first = max((cell_len(keys) for keys, _ in self.rows), default=0)
            yield Static(HelpScreen._table(self.rows, first=max(first, 8)), id="help-keys")

    def action_close(self) -> None:
        self.dismiss(None)
