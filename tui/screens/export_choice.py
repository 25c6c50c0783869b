"""Exporting a past meeting's minutes: the formats to choose from, then the file written off the UI thread."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sessions.datadir import DataDir
from sessions.formats import FORMATS
from sessions.i18n import error_text, t
from sessions.minutes import write_minutes
from widgets.text import literal


def format_key(name: str) -> str:
    """The letter that picks a format in the chooser: its name's first (m, h, d, j)."""
    return name[0]


class FormatScreen(ModalScreen[str | None]):
    """The export formats, one per line: arrows and Enter, or a format's letter; Esc cancels."""

    DEFAULT_CSS = """
    FormatScreen { align: center middle; }
    FormatScreen #format-box {
        width: 40; height: auto; border: thick $accent; background: $surface; padding: 0 1;
    }
    FormatScreen #format-list { height: auto; border: none; }
    """
    BINDINGS = [
        Binding("escape,q", "choose('')", show=False),
        *(Binding(format_key(name), f"choose('{name}')", show=False) for name in FORMATS),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="format-box") as box:
            box.border_title = t("history.export_title", self.lang)
            options = [
                Option(
                    Content.assemble(
                        (format_key(name), "bold"), "  ", f.label, (f"  {f.suffix}", "dim")
                    ),
                    id=name,
                )
                for name, f in FORMATS.items()
            ]
            yield OptionList(*options, id="format-list")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    def action_choose(self, name: str) -> None:
        self.dismiss(name or None)


def export_minutes(
    screen: Screen[Any], datadir: DataDir, session_id: str, lang: str, status: Static
) -> None:
    """Ask for a format, then write that meeting's minutes: the path in `status`, a short toast."""

    def chosen(name: str | None) -> None:
        if name:
            _write(screen, datadir, session_id, lang, name, status)

    screen.app.push_screen(FormatScreen(lang), chosen)


def _write(
    screen: Screen[Any], datadir: DataDir, session_id: str, lang: str, name: str, status: Static
) -> None:
    app = screen.app

    def write() -> None:
        try:
            path: Path = write_minutes(datadir, session_id, lang, name)
        except Exception as exc:  # shown on the screen, one line
            message = error_text(exc, lang)
            app.call_from_thread(status.update, literal(message))
            app.call_from_thread(partial(screen.notify, message, severity="error", markup=False))
            return
        # The whole path in the status line; the toast only says it is done (it would cover it).
        app.call_from_thread(status.update, literal(t("history.exported", lang, path=str(path))))
        done = t("history.exported_short", lang, format=FORMATS[name].label)
        app.call_from_thread(partial(screen.notify, done, markup=False))

    screen.run_worker(write, thread=True, exclusive=True, group="export", exit_on_error=False)
