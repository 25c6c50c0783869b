"""The end summary: time used against planned per section, what was captured, where the minutes are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from sessions.digest import session_digest
from sessions.i18n import t
from sessions.session import Session
from tui.presenters import summary
from tui.presenters.live import Moment
from tui.screens.clipboard import copy_digest
from tui.screens.live_actions import with_bindings
from tui.screens.shell import Shell
from widgets.cells import fit
from widgets.keybar import KeyBar
from widgets.performance import Board
from widgets.text import literal


class EndSummaryScreen(Screen[None]):
    """Time used against planned per section, what was captured, where the minutes are."""

    BINDINGS = [
        Binding("q,enter,escape", "quit", "Quit"),
        Binding("c", "copy_digest", "Copy digest"),
    ]

    def __new__(cls, *args: Any, **kwargs: Any) -> EndSummaryScreen:
        if cls is EndSummaryScreen:
            lang = kwargs.get("lang", args[1] if len(args) > 1 else "en")
            goes_home = kwargs.get("goes_home", args[4] if len(args) > 4 else False)
            # The quit key says where it goes, in the meeting's language.
            label = t("end.home" if goes_home else "end.quit", lang)
            copy = Binding("c", "copy_digest", t("digest.key.copy", lang))
            cls = with_bindings(cls, (Binding("q,enter,escape", "quit", label), copy))
        return super().__new__(cls)

    def __init__(
        self,
        session: Session,
        lang: str,
        minutes: Path | None,
        error: str | None,
        goes_home: bool = False,
    ) -> None:
        super().__init__()
        self.session = session
        self.lang = lang
        self.minutes = minutes
        self.error = error
        # Started from the home screen, the summary goes back there; else it ends the app.
        self.goes_home = goes_home

    def compose(self) -> ComposeResult:
        lang = self.lang
        session = self.session
        state = session.state
        moment = Moment(state, session.now(), lang, session.local)
        with VerticalScroll(id="end-box") as box:
            box.border_title = literal(t("end.title", lang, title=state.agenda.meeting.title))
            board = Board(id="end-sections")
            yield board
            board.show(*summary.sections(moment))
            yield Static(self._times(summary.times(moment)), id="end-times")
            yield Static(summary.counts(moment), id="end-counts", markup=False)
            if self.minutes is not None:
                text = t("end.minutes", lang, path=self.minutes)
                yield Static(text, id="end-minutes", markup=False)
            else:
                text = t("end.minutes_failed", lang, message=self.error, id=session.id)
                yield Static(text, id="end-minutes", classes="-error", markup=False)
            yield Static(t("end.hint_home" if self.goes_home else "end.hint", lang), id="end-hint")
        yield KeyBar(palette_label=t("key.palette", lang))

    @staticmethod
    def _times(rows: list[tuple[str, str]]) -> Content:
        width = max(cell_len(label) for label, _ in rows)
        return Content("\n").join(
            Content.assemble((fit(label, width), "$text-muted"), "  ", (value, "bold"))
            for label, value in rows
        )

    def action_copy_digest(self) -> None:
        """The meeting's digest (decisions, open actions per owner) on the clipboard, for chat."""
        session = self.session
        folder = session.writer.datadir
        found = session_digest(
            folder, folder.read(session.id), session.clock.wall().date(), lang=self.lang
        )
        copy_digest(self, found)

    def action_quit(self) -> None:
        if isinstance(self.app, Shell):
            self.app.leave_meeting()
        else:
            self.app.exit()
