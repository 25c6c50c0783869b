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
from textual.events import Key, Resize
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from sessions.disk import StoreError
from sessions.i18n import error_text, t
from sessions.session import Session, SessionError
from tui.presenters import live as present
from tui.presenters.boards import board
from tui.presenters.live import Moment, TopLine
from tui.presenters.said import Before, said, undone_text
from tui.screens.dialogs import ConfirmScreen
from tui.screens.end_summary import EndSummaryScreen
from tui.screens.help import HelpScreen
from tui.screens.live_actions import keybar_drop_first, localized
from tui.screens.live_capture import LiveCapture
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

    CSS_PATH = "live.tcss"  # read when the screen is first shown

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
        self.capturing = LiveCapture(self, session, lang, self._changed, self.moment)
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
                with VerticalScroll(id="board-pane", can_focus=False) as board_pane:
                    # Hidden until a section with a board: a meeting opened in one without
                    # would otherwise show an empty frame (`board_view` stays None, no watcher).
                    board_pane.display = False
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
        # Focused now, not once the app gets to it: keys typed on as this screen opened reach
        # the app after its mount, and the capture bar is to have them in the order typed.
        self.set_focus(self.query_one("#capture", Input))
        self.capturing.bring_back_kept()  # refused lines left waiting when it was last open

    def take_key(self, event: Key) -> None:
        """A character or Enter typed on while this screen opened, that another screen got
        (the home screen's `r`, then typing at once): into the capture bar, as if typed there.
        Not while the items or the roster have the focus: their keys stay theirs."""
        capture = self.query_one("#capture", CaptureBar)
        if self.focused in (None, capture) and capture.take_key(event):
            event.stop()
            event.prevent_default()
            self.set_focus(capture)

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
        today = m.local(m.now).date()
        session = self.session
        self.board_view = board(
            m.state, self.lang, self.narrow, today, session.carried_topics, session.carried_targets
        )

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

    def _changed(self) -> None:
        """After a command: show the new state, and finish if the meeting ended."""
        self.refresh_view()
        if self.session.state.ended:
            self._finish()

    @on(CaptureBar.Submitted, "#capture")
    def capture_submitted(self, event: CaptureBar.Submitted) -> None:
        event.stop()
        self.capturing.submitted(event.line, event.capture_bar)

    @on(CaptureBar.Pasted, "#capture")
    def capture_pasted(self, event: CaptureBar.Pasted) -> None:
        event.stop()
        self.capturing.pasted(event.lines)

    @on(CaptureBar.SetAside, "#capture")
    def capture_set_aside(self, event: CaptureBar.SetAside) -> None:
        event.stop()
        self.capturing.set_aside(event.line)

    @on(CaptureBar.Dropped, "#capture")
    def capture_dropped(self, event: CaptureBar.Dropped) -> None:
        event.stop()
        self.capturing.dropped(event.line)

    @on(ItemList.EditRequested)
    def edit_item(self, event: ItemList.EditRequested) -> None:
        self.capturing.edit(event.item_id)

    @on(ItemList.DeleteRequested)
    def delete_item(self, event: ItemList.DeleteRequested) -> None:
        self.capturing.delete(event.item_id)

    @on(Roster.SpeakerChosen)
    def speaker_chosen(self, event: Roster.SpeakerChosen) -> None:
        self.action_speaker(event.number)

    @on(Roster.Typed)
    def roster_typed(self, event: Roster.Typed) -> None:
        capture = self.query_one("#capture", CaptureBar)
        capture.take_key(event.key)
        self.set_focus(capture)

    @on(ItemList.Left)
    def items_left(self, event: ItemList.Left) -> None:
        self.action_capture()

    def action_capture(self) -> None:
        if self.capturing.editing is not None:
            self.capturing.stop_editing()
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
            self.capturing.refused(exc)
            return
        self.refresh_view()
        self.capturing.status(said(self.moment(), name, before))
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
        outcome = self.capturing.run(self.session.take_back)
        if outcome is not None:
            self.capturing.status(undone_text(outcome, self.lang))

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
                self.capturing.run(self.session.end)
            else:
                self.query_one("#capture", Input).focus()

        self.app.push_screen(
            ConfirmScreen(t("live.confirm_end", self.lang), self.not_kept(), self.lang), answered
        )

    def not_kept(self) -> str:
        """What ending now leaves out: refused lines not captured yet."""
        waiting = self.capturing.waiting()
        return t("live.end_drops", self.lang, lines=" · ".join(waiting)) if waiting else ""

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
