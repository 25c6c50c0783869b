"""The live meeting screen: keys become session commands, presenter rows feed the widgets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from sessions.capture import capture_line
from sessions.i18n import error_text, t, tn
from sessions.scorecard import carried_targets
from sessions.session import Captured, PasteError, Session, SessionError
from sessions.store import StoreError
from tui.presenters import live as present
from tui.presenters.boards import board
from tui.presenters.live import Moment, TopLine
from tui.presenters.said import Before, confirmation, said
from tui.screens.dialogs import ConfirmScreen
from tui.screens.end_summary import EndSummaryScreen
from tui.screens.help import HelpScreen
from tui.screens.live_actions import keybar_drop_first, localized
from tui.screens.live_palette import LiveCommands
from tui.screens.shell import Shell
from widgets.agenda_list import AgendaList
from widgets.capture import CaptureBar
from widgets.countdown import Countdown
from widgets.items import ItemList
from widgets.keybar import KeyBar
from widgets.performance import Board
from widgets.roster import Roster
from widgets.rows import AgendaRow, BoardView, CountdownView, ItemRow, RosterView
from widgets.text import literal

TICK_SECONDS = 0.25
# Breakpoints (terminal cells). Under NARROW_WIDTH the side panes get thinner; under
# COMPACT_WIDTH they would leave the centre too little, so they fold away behind a key each;
# under SHORT_HEIGHT the countdown and the board give rows to the captured items.
NARROW_WIDTH = 130
COMPACT_WIDTH = 110
SHORT_HEIGHT = 32


class LiveScreen(Screen[None]):
    """The screen the facilitator lives in: each tick recomputes the rows, widgets repaint on change."""

    COMMANDS = {LiveCommands}

    # What is shown, as the presenters computed it: a watcher runs only when a value changes.
    top: var[TopLine | None] = var(None, init=False)
    item_rows: var[list[ItemRow] | None] = var(None, init=False)
    # Bound to the widgets' own `view`/`rows` (`data_bind`), which repaint when they change.
    clock_view: var[CountdownView | None] = var(None, init=False)
    agenda_rows: var[list[AgendaRow]] = var(list, init=False)
    roster_view: var[RosterView | None] = var(None, init=False)
    board_view: var[BoardView | None] = var(None, init=False)

    @dataclass
    class MinutesWritten(Message):
        """The minutes of the ended meeting were written (or could not be)."""

        path: Path | None
        error: str | None

    def __new__(cls, *args: Any, **kwargs: Any) -> LiveScreen:
        if cls is LiveScreen:  # the bindings in the meeting's language (see `localized`)
            cls = localized(cls, kwargs.get("lang", args[1] if len(args) > 1 else "en"))
        return super().__new__(cls)

    def __init__(self, session: Session, lang: str) -> None:
        super().__init__(classes="live")
        self.session = session
        self.lang = lang
        # What /target set in the series' meeting before: targets where the agenda has none.
        self.targets = carried_targets(session.writer.datadir, session.meta.get("previous"))
        self.editing: int | None = None
        self._draft = ""
        self._timer: Timer | None = None
        self._finished = False

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Horizontal(id="top-bar"):
            yield Static(literal(self.session.agenda.meeting.title), id="meeting-title")
            yield Static(id="meeting-clock", markup=False)
            yield Static(id="paused-badge", markup=False)
        yield Static(id="alerts", markup=False)
        with Horizontal(id="live-body"):
            with VerticalScroll(id="agenda-pane", can_focus=False) as agenda_pane:
                agenda_pane.border_title = t("live.agenda", lang)
                yield AgendaList(id="agenda").data_bind(rows=LiveScreen.agenda_rows)
            with Vertical(id="centre"):
                yield Countdown(id="countdown").data_bind(view=LiveScreen.clock_view)
                with VerticalScroll(id="board-pane", can_focus=False):
                    yield Board(id="board").data_bind(view=LiveScreen.board_view)
                items = localized(ItemList, lang, "items")(id="items")
                items.border_title = t("live.items", lang)
                yield items
                yield Static(t("live.items_empty", lang), id="items-empty", markup=False)
                yield Static(id="status-line", markup=False)
                capture = CaptureBar(
                    placeholder=t("live.capture_placeholder", lang),
                    id="capture",
                    select_on_focus=False,
                )
                capture.border_title = t("live.capture", lang)
                yield capture
            with VerticalScroll(id="roster-pane", can_focus=False):
                yield Roster(id="roster").data_bind(view=LiveScreen.roster_view)
        yield KeyBar(palette_label=t("key.palette", lang), drop_first=keybar_drop_first())

    def on_mount(self) -> None:
        self._timer = self.set_interval(TICK_SECONDS, self._tick)
        self.refresh_view()
        self.query_one("#capture", Input).focus()

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    @property
    def compact(self) -> bool:
        return self.has_class("-compact")

    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        compact = width < COMPACT_WIDTH
        if compact != self.compact:  # a pane opened by key belongs to the size it was opened at
            self.remove_class("-show-roster", "-show-agenda")
            self.set_class(compact, "-compact")
            self.refresh_bindings()  # the pane keys are there only while the panes are folded
        self.set_class(width < NARROW_WIDTH, "-narrow")
        self.set_class(height < SHORT_HEIGHT, "-short")
        self.refresh_view()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_roster", "toggle_agenda"):
            return self.compact  # wider, both panes are on screen already
        return True

    def _toggle_pane(self, name: str) -> None:
        """Bring a folded side pane beside the centre, or fold it again: one at a time."""
        other = "agenda" if name == "roster" else "roster"
        self.remove_class(f"-show-{other}")
        self.toggle_class(f"-show-{name}")

    def action_toggle_roster(self) -> None:
        self._toggle_pane("roster")

    def action_toggle_agenda(self) -> None:
        self._toggle_pane("agenda")

    def _tick(self) -> None:
        self.refresh_view()

    # -- what is shown -----------------------------------------------------------------------

    def moment(self) -> Moment:
        session = self.session
        return Moment(session.state, session.now(), self.lang, session.local)

    def refresh_view(self) -> None:
        """Recompute what is shown from the session state and clock; widgets repaint on change."""
        m = self.moment()
        self.top = present.top_line(m, short=self.compact)
        self.clock_view = present.countdown(m)
        self.agenda_rows = present.agenda_rows(m.state, m.now, m.lang)
        self.item_rows = present.item_rows(m)
        self.roster_view = present.roster(m)
        topics = self.session.meta.get("carried_topics") or ()
        today = m.local(m.now).date()
        self.board_view = board(m.state, self.lang, self.narrow, topics, today, self.targets)

    def watch_top(self, old: TopLine | None, top: TopLine | None) -> None:
        """Each part of the top line is updated only when it changed (the clock every second)."""
        if top is None:
            return
        if old is None or old.clock != top.clock:
            clock_line = self.query_one("#meeting-clock", Static)
            # The seconds tick in place: the width only changes with the clock's parts.
            resized = old is None or cell_len(old.clock) != cell_len(top.clock)
            clock_line.update(top.clock, layout=resized)
        self.query_one("#meeting-clock").set_class(top.late, "-late")
        if old is None or old.paused != top.paused:
            badge = self.query_one("#paused-badge", Static)
            badge.update(top.paused)
            badge.display = bool(top.paused)
        if old is None or old.alerts != top.alerts:
            alert_line = self.query_one("#alerts", Static)
            alert_line.update(top.alerts)
            alert_line.display = bool(top.alerts)
        self.query_one("#alerts").set_class(top.urgent, "-urgent")

    def watch_board_view(self, view: BoardView | None) -> None:
        pane = self.query_one("#board-pane")
        pane.display = view is not None
        if view is not None:  # the rows go to the board itself (`data_bind`)
            pane.border_title = view.title
            self.query_one(Board).scroll_to_focus()

    def watch_roster_view(self, view: RosterView | None) -> None:
        if view is not None:  # the rows go to the roster itself (`data_bind`)
            self.query_one("#roster-pane").border_title = view.title

    def watch_item_rows(self, rows: list[ItemRow] | None) -> None:
        self.query_one(ItemList).show(rows or [])
        self.query_one("#items-empty").display = not rows
        # An empty list gives its rows to the board (a long follow-up list needs them).
        self.set_class(not rows, "-no-items")
        self.query_one(Board).scroll_to_focus()  # the board's room changed: keep its row in view

    # -- doing things ------------------------------------------------------------------------

    def _status(self, message: str, error: bool = False) -> None:
        line = self.query_one("#status-line", Static)
        line.update(literal(message))
        line.set_class(error, "-error")

    def _refused(self, exc: SessionError | StoreError) -> None:
        """Say in the meeting's language why nothing was done, in the status line."""
        message = t("live.error", self.lang, message=error_text(exc, self.lang))
        self._status(message, error=True)
        if isinstance(exc, StoreError):  # the disk: worth a toast even over the roster
            self.notify(message, severity="error", timeout=4, markup=False)
        else:
            # Not a toast: each Enter on a refused line would stack one more over the roster.
            self.app.bell()

    def _changed(self) -> None:
        """After a command: show the new state, and finish if the meeting ended."""
        self.refresh_view()
        if self.session.state.ended:
            self._finish()

    def _run(self, command: Callable[[], Any]) -> Any:
        """Run a session command; a refusal or a disk error becomes the status line, never a crash."""
        try:
            result = command()
        except (SessionError, StoreError) as exc:
            self._refused(exc)
            return None
        self._status("")
        self._changed()
        return result

    @on(CaptureBar.Submitted, "#capture")
    def capture_submitted(self, event: CaptureBar.Submitted) -> None:
        event.stop()
        capture = event.capture_bar
        line = event.line  # the bar is already empty: anything in it now was typed since
        if self.editing is not None:
            item_id = self.editing
            if self._run(partial(self.session.edit_line, item_id, line)) is not None:
                self._stop_editing(saved=True)
                self._status(t("live.edited", self.lang, n=item_id))
            else:
                capture.give_back(line)
            return
        if not line.strip():
            return
        before = Before.of(self.session.state)
        try:
            outcome = self.session.submit(line)
        except (SessionError, StoreError) as exc:
            self._refused(exc)
            # The refused line comes back, selected: typing replaces it, an arrow key or End edits it.
            capture.give_back(line)
            return
        self._status(confirmation(self.moment(), outcome, before))
        self._changed()

    @on(CaptureBar.Pasted, "#capture")
    def capture_pasted(self, event: CaptureBar.Pasted) -> None:
        """Each pasted line captured as if typed; the status line says what the paste made."""
        event.stop()
        lang = self.lang
        if self.editing is not None:  # an item is one line: the paste would not be what is edited
            self._status(t("live.paste_while_editing", lang, lines=len(event.lines)), error=True)
            self.app.bell()
            return
        try:
            outcomes = self.session.submit_lines(event.lines)
        except PasteError as exc:
            self._refused(exc.cause)
            message = error_text(exc.cause, lang)
            key = "live.paste_stopped" if exc.done else "live.paste_refused"
            self._status(
                t(key, lang, line=exc.number, done=exc.done, lines=exc.total, message=message),
                error=True,
            )
            self._changed()
            return
        items = sum(1 for outcome in outcomes if isinstance(outcome, Captured))
        self._status(tn("n.pasted", lang, items, lines=len(event.lines)))
        self._changed()

    def _stop_editing(self, saved: bool = False) -> None:
        """Back to capturing: the half-typed draft returns, unless the bar got new text since Enter."""
        capture = self.query_one("#capture", Input)
        self.editing = None
        if not (saved and capture.value):
            capture.value = self._draft
        self._draft = ""
        capture.border_title = t("live.capture", self.lang)
        capture.remove_class("-editing")
        capture.focus()

    @on(ItemList.EditRequested)
    def edit_item(self, event: ItemList.EditRequested) -> None:
        item = self.session.state.item(event.item_id)
        if item is None or not item.active:
            return
        capture = self.query_one("#capture", Input)
        if self.editing is None:
            self._draft = capture.value  # whatever was half-typed comes back after the edit
        self.editing = item.id
        capture.value = capture_line(item)
        capture.border_title = t("live.editing", self.lang, n=item.id)
        capture.add_class("-editing")
        capture.focus()
        capture.cursor_position = len(capture.value)

    @on(ItemList.DeleteRequested)
    def delete_item(self, event: ItemList.DeleteRequested) -> None:
        item = self.session.state.item(event.item_id)
        if item is None or not item.active:
            return

        def answered(yes: bool | None) -> None:
            if yes and self._run(partial(self.session.delete, item.id)) is not None:
                self._status(t("live.deleted", self.lang, text=item.text))
            self.query_one(ItemList).focus()

        self.app.push_screen(
            ConfirmScreen(t("live.confirm_delete", self.lang), item.text, self.lang), answered
        )

    @on(Roster.SpeakerChosen)
    def speaker_chosen(self, event: Roster.SpeakerChosen) -> None:
        self.action_speaker(event.number)

    @on(Roster.Typed)
    def roster_typed(self, event: Roster.Typed) -> None:
        capture = self.query_one("#capture", Input)
        capture.focus()
        capture.insert_text_at_cursor(event.character)

    @on(ItemList.Left)
    def items_left(self, event: ItemList.Left) -> None:
        self.action_capture()

    def action_capture(self) -> None:
        if self.editing is not None:
            self._stop_editing()
        self.query_one("#capture", Input).focus()

    def action_focus_items(self) -> None:
        items = self.query_one(ItemList)
        if items.option_count:
            items.focus()
            if items.highlighted is None:
                items.highlighted = items.option_count - 1

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.lang))

    def _steer(self, name: str, command: Callable[[], Any]) -> None:
        """Run a key's command and say what it did, as a typed command would."""
        before = Before.of(self.session.state)
        try:
            command()
        except (SessionError, StoreError) as exc:
            self._refused(exc)
            return
        self.refresh_view()
        self._status(said(self.moment(), name, before))
        if self.session.state.ended:
            self._finish()

    def action_next(self) -> None:
        self._steer("next", self.session.next)

    def action_prev(self) -> None:
        self._steer("prev", self.session.prev)

    def action_pause(self) -> None:
        name = "resume" if self.session.state.paused else "pause"
        self._steer(name, self.session.toggle_pause)

    def action_extend(self, minutes: int) -> None:
        self._steer("extend", partial(self.session.extend, minutes))

    def action_defer(self) -> None:
        self._steer("defer", self.session.defer)

    def action_undo(self) -> None:
        item = self._run(self.session.undo)
        if item is not None:
            self._status(t("live.undone", self.lang, text=item.text))

    def action_speaker(self, number: int) -> None:
        if number == 0:
            self._steer("speaker", partial(self.session.set_speaker, None))
        else:
            self._steer("speaker", partial(self.session.speaker_number, number))

    def action_end(self) -> None:
        if self.session.state.ended:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(self.session.end)
            else:
                self.query_one("#capture", Input).focus()

        self.app.push_screen(
            ConfirmScreen(t("live.confirm_end", self.lang), "", self.lang), answered
        )

    def _finish(self) -> None:
        """The session has ended: write the minutes off the UI thread, then show the summary."""
        if self._finished:
            return
        self._finished = True
        if self._timer is not None:
            self._timer.stop()
        self._write_minutes()

    @work(thread=True, exclusive=True, group="minutes", exit_on_error=False)
    def _write_minutes(self) -> None:
        path: Path | None = None
        error: str | None = None
        try:
            from sessions.minutes import write_minutes  # lazy: start-up (Word renderer)

            path = write_minutes(self.session.writer.datadir, self.session.id, self.lang)
        except Exception as exc:  # the session is safe on disk; only the document failed
            error = error_text(exc, self.lang) or exc.__class__.__name__
        self.post_message(self.MinutesWritten(path, error))

    @on(MinutesWritten)
    def minutes_written(self, event: MinutesWritten) -> None:
        app = self.app
        goes_home = isinstance(app, Shell) and app.home_screen is not None
        summary = EndSummaryScreen(self.session, self.lang, event.path, event.error, goes_home)
        app.push_screen(summary)
