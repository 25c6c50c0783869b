"""The end summary: time used against planned per section, what was captured, where the minutes are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from sessions.capture import CaptureError, parse_ratings
from sessions.digest import session_digest
from sessions.disk import StoreError
from sessions.i18n import error_text, join_list, t
from sessions.participation import was_there
from sessions.session import Session, SessionError
from sessions.text import strip_control
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

    CSS_PATH = "end_summary.tcss"  # read when the screen is first shown

    BINDINGS = [
        Binding("q,enter,escape", "quit", "Quit"),
        Binding("c", "copy_digest", "Copy digest"),
        Binding("r", "rate", "Rate the meeting"),
    ]
    # Nothing is focused at first, so q and Enter leave at once; r goes to the rating lines.
    AUTO_FOCUS = None

    def __new__(cls, *args: Any, **kwargs: Any) -> EndSummaryScreen:
        if cls is EndSummaryScreen:
            lang = kwargs.get("lang", args[1] if len(args) > 1 else "en")
            goes_home = kwargs.get("goes_home", args[4] if len(args) > 4 else False)
            # The quit key says where it goes, in the meeting's language.
            label = t("end.home" if goes_home else "end.quit", lang)
            copy = Binding("c", "copy_digest", t("digest.key.copy", lang))
            rate = Binding("r", "rate", t("end.key.rate", lang))
            cls = with_bindings(cls, (Binding("q,enter,escape", "quit", label), copy, rate))
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
            yield from self._rating_lines()
            yield Static(t("end.hint_home" if self.goes_home else "end.hint", lang), id="end-hint")
        yield KeyBar(palette_label=t("key.palette", lang))

    def present(self) -> list[str]:
        """The people who were in the room: the ones asked to rate the meeting."""
        return [name for name, person in self.session.state.attendance.items() if was_there(person)]

    def _rating_lines(self) -> ComposeResult:
        """One line for everyone's 1-10 rating, one for what would make the next one better."""
        lang = self.lang
        names = strip_control(join_list(self.present(), lang))  # "Tom Baker" is one name
        yield Static(t("end.rate_prompt", lang, names=names), id="end-rate-prompt", markup=False)
        example = summary.rating_example(self.present(), lang)
        yield Input(placeholder=t("end.rate_placeholder", lang, example=example), id="end-ratings")
        yield Input(placeholder=t("end.improve_placeholder", lang), id="end-improvement")
        yield Static("", id="end-rate-status", markup=False)

    def action_rate(self) -> None:
        self.query_one("#end-ratings", Input).focus()

    @on(Input.Submitted, "#end-ratings")
    def ratings_given(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            parse_ratings(event.value, self.present())
        except CaptureError as exc:
            self._rate_status(error_text(exc, self.lang), error=True)
            return
        self._rate_status("")
        self.query_one("#end-improvement", Input).focus()

    @on(Input.Submitted, "#end-improvement")
    def improvement_given(self, event: Input.Submitted) -> None:
        """Both lines are saved together, as events in the session's log, then the minutes again."""
        event.stop()
        ratings_input = self.query_one("#end-ratings", Input)
        try:
            ratings = parse_ratings(ratings_input.value, self.present())
            self.session.rate(ratings, event.value)
        except CaptureError as exc:
            ratings_input.focus()
            self._rate_status(error_text(exc, self.lang), error=True)
            return
        except (SessionError, StoreError) as exc:
            self._rate_status(error_text(exc, self.lang), error=True)
            return
        for line in self.query(Input):
            line.disabled = True
        self.set_focus(None)
        self._rate_status(t("end.rated", self.lang))
        self._rewrite_minutes()

    def _rate_status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#end-rate-status", Static)
        status.update(text)
        status.set_class(error, "-error")

    @work(thread=True, exclusive=True, group="minutes", exit_on_error=False)
    def _rewrite_minutes(self) -> None:
        """The minutes were written at /end: written again, so they hold the rating."""
        from sessions.minutes import write_minutes  # lazy: start-up (Word renderer)

        try:
            write_minutes(self.session.writer.datadir, self.session.id, self.lang)
        except Exception as exc:  # the ratings are safe in the session; only the document failed
            message = error_text(exc, self.lang) or exc.__class__.__name__
            self.app.call_from_thread(self._rate_status, message, True)

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
