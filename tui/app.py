"""The Minutely application: the app factory, the live session it owns, quitting safely."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES

from sessions.clock import Clock, SystemClock
from sessions.config import load_config
from sessions.datadir import DataDir
from sessions.i18n import resolve_lang, t
from tui.screens.shell import LeavesOut, TakesKeys
from tui.start import Display, History, Home, Live, Now, PreMeeting, Resume, Series, Start

if TYPE_CHECKING:
    from sessions.session import Session

HEARTBEAT_SECONDS = 5.0


def live_screen(session: Session, lang: str) -> Screen[Any]:
    """The live meeting screen (imported on first use: the home screen does not need it)."""
    from tui.screens.live import LiveScreen  # lazy: start-up (home and history need it not)

    return LiveScreen(session, lang)


def scorecard_screen(datadir: DataDir, series: str, lang: str, clock: Clock) -> Screen[Any]:
    """A series' scorecard, worked out before it is shown (imported on first use: its charts
    need plotext)."""
    from tui.screens.scorecard import ScorecardScreen  # lazy: start-up

    screen = ScorecardScreen(datadir, series, lang)
    screen.work_out(clock.wall().date())
    return screen


class MinutelyApp(App[int]):
    """One app for every screen: home, pre-meeting, live meeting, history, actions, room display."""

    CSS_PATH = "app.tcss"
    TITLE = "Minutely"
    BINDINGS = [
        Binding("ctrl+q", "quit", show=False, priority=True),
    ]

    def __init__(
        self,
        datadir: DataDir,
        *,
        clock: Clock,
        lang: str,
        lang_option: str | None = None,
        first_screen: Screen[Any] | None = None,
        session: Session | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        if theme is not None:  # the settings file's; else Textual's default
            self.theme = theme
        self.datadir = datadir
        self.clock = clock
        self.lang = lang
        self.lang_option = lang_option  # what --lang said, so an agenda's own language can apply
        self.session: Session | None = None
        self.signalled: str | None = None
        self._first_screen = first_screen
        self._pending_session = session

    def on_key(self, event: events.Key) -> None:
        """A key nothing took, and no key binding of the screen's is for, that reaches the app
        while the meeting's screen is up: typed on at once after `r` on the home screen, it
        went there, and the meeting's capture bar takes it (its own characters and Enter never
        come here: the bar keeps them)."""
        screen = self.screen
        if isinstance(screen, TakesKeys) and event.key not in screen.active_bindings:
            screen.take_key(event)

    def on_cursor_position(self, event: events.CursorPosition) -> None:
        # Terminals send shift+F3 as ESC[1;2R, which parses as a cursor-position report.
        # This app never asks where the cursor is, so such a report is the key.
        if (event.x, event.y) == (1, 0):
            self.simulate_key("shift+f3")

    def on_mount(self) -> None:
        self.set_interval(HEARTBEAT_SECONDS, self._heartbeat)
        # Temp files a writer that died mid-write left (its real file is intact): removed once
        # the first screen is drawn, so that a start neither lists every folder before showing
        # it nor takes turns with drawing it.
        self.call_after_refresh(self._clean_temps)
        if self._pending_session is not None:
            session, self._pending_session = self._pending_session, None
            self.start_live(session)
        elif self._first_screen is not None:
            self.push_screen(self._first_screen)
        else:
            from tui.screens.home import HomeScreen  # lazy: start-up (history opens without it)

            self.push_screen(HomeScreen(self.datadir, self.lang))

    def _clean_temps(self) -> None:
        self.run_worker(self.datadir.clean_temps, thread=True, name="clean-temps")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Textual's own entries (themes, keys panel, maximize, screenshot) are English and not
        # Minutely's business; quitting is, in the meeting's language: one line, which says
        # what becomes of a running meeting (a help line under it would say "quit" twice).
        lang = self.session_lang
        yield SystemCommand(t("palette.quit", lang), "", self.action_quit)

    def action_command_palette(self) -> None:
        # Textual's palette says "Search for commands…" whatever the meeting's language.
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            placeholder = t("live.palette_placeholder", self.session_lang)
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    # -- the live session --------------------------------------------------------------------

    @property
    def live(self) -> bool:
        """A meeting is running in this app (started, not ended)."""
        return self.session is not None and not self.session.closed and not self.session.state.ended

    def start_live(self, session: Session) -> None:
        """Take ownership of an open session and show the live meeting in place of the check."""
        if self.session is not None and self.session is not session:
            self.session.close()
        self.session = session
        self._heartbeat()
        screen = live_screen(session, self.session_lang)
        from tui.screens.premeeting import PreMeetingScreen  # lazy: start-up

        # The pre-meeting check gives way to the meeting.
        if isinstance(self.screen, PreMeetingScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    @property
    def home_screen(self) -> Screen[Any] | None:
        """The home screen, when the app began there (plain `minutely`)."""
        from tui.screens.home import HomeScreen  # lazy: start-up

        return next((s for s in self.screen_stack if isinstance(s, HomeScreen)), None)

    def leave_meeting(self) -> None:
        """After the end summary: back to the home screen if the app began there, else quit."""
        home = self.home_screen
        if home is None or self.live:
            self.exit()
            return
        # The meeting is over and saved: let go of it, so the home screen can start the next.
        self.close_session()
        self.session = None
        while self.screen is not home:
            self.pop_screen()

    def _heartbeat(self) -> None:
        if self.session is not None:
            self.session.heartbeat()

    def close_session(self) -> None:
        """Release the session's lock (idempotent)."""
        if self.session is not None:
            self.session.close()

    def on_unmount(self) -> None:
        self.close_session()

    # -- quitting ----------------------------------------------------------------------------

    async def action_quit(self) -> None:
        if not self.live:
            self.exit()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.interrupt_and_exit("quit")

        from tui.screens.dialogs import ConfirmScreen  # lazy: start-up (asked only when quitting)

        lang = self.session_lang
        screen = self.screen
        question = ConfirmScreen(
            t("shell.quit_question", lang),
            screen.not_kept() if isinstance(screen, LeavesOut) else "",
            lang,
            yes=t("shell.quit_yes", lang),
            no=t("shell.quit_no", lang),
        )
        self.push_screen(question, answered)

    @property
    def session_lang(self) -> str:
        """--lang, else the language the meeting was started in."""
        if self.session is not None:
            return resolve_lang(self.lang_option, self.session.meta.get("lang"))
        return self.lang

    def interrupt_and_exit(self, reason: str, return_code: int = 0) -> None:
        """Mark a live meeting interrupted (so `minutely resume` picks it up) and leave."""
        if self.live and self.session is not None:
            try:
                self.session.interrupt(reason)
            except Exception as exc:  # the disk may be full; leaving must still work
                self.exit(return_code=return_code or 1, message=f"minutely: {exc}")
                return
        self.exit(return_code=return_code)

    def handle_signal(self, name: str, return_code: int = 1) -> None:
        """SIGHUP/SIGTERM, delivered on the app's loop by `tui.launch`: save, then leave."""
        if self.signalled is None:
            self.signalled = name
            self.interrupt_and_exit(name, return_code)


def make_app(
    datadir: DataDir | str | Path,
    start: Start | None = None,
    *,
    clock: Clock | None = None,
    lang: str | None = None,
) -> MinutelyApp:
    """Build the app, opening where `start` says (the home screen by default).

    `lang` is what --lang said: without it, the agenda's or the session's own language
    applies. Opening a session can fail (locked, damaged, ended): the CLI opens it first, in
    `tui.launch`, and hands it over as `Live`, to report that as one line.
    """
    # Read before anything is opened: a settings file that cannot be used stops here.
    theme = load_config(None, BUILTIN_THEMES).theme
    if not isinstance(datadir, DataDir):
        datadir = DataDir(datadir)
    clock = clock or SystemClock()
    start = start if start is not None else Home()
    first, language = _first_screen(start, datadir, clock, lang)
    session = _opened(start, datadir, clock, lang)
    if session is not None:
        language = resolve_lang(lang, session.meta.get("lang"))
    return MinutelyApp(
        datadir,
        clock=clock,
        lang=language,
        lang_option=lang,
        first_screen=first,
        session=session,
        theme=theme,
    )


def _first_screen(
    start: Start, datadir: DataDir, clock: Clock, lang: str | None
) -> tuple[Screen[Any] | None, str]:
    """The screen `start` opens on (None: the home screen, or a meeting, whose own language
    `make_app` takes), and its language.

    Each screen is imported here, when it is the one opened."""
    match start:
        case PreMeeting(agenda):
            language = resolve_lang(lang, agenda.meeting.language)
            from tui.screens.premeeting import PreMeetingScreen  # lazy: start-up

            return PreMeetingScreen(agenda, datadir, clock, language), language
        case Display(session_id, follow_latest):
            from tui.screens.display import DisplayScreen  # lazy: start-up

            language = resolve_lang(lang)
            screen = DisplayScreen(
                datadir, session_id, clock, language, follow_latest=follow_latest
            )
            return screen, language
        case History():
            from tui.screens.history import HistoryScreen  # lazy: start-up

            language = resolve_lang(lang)
            return HistoryScreen(datadir, language), language
        case Series(name, series_lang):
            language = resolve_lang(lang, series_lang)
            return scorecard_screen(datadir, name, language, clock), language
    return None, resolve_lang(lang)


def _opened(start: Start, datadir: DataDir, clock: Clock, lang: str | None) -> Session | None:
    """The meeting `start` opens (started now, or handed over, or resumed), if any."""
    match start:
        case Now(agenda):
            from sessions.start import start_session  # lazy: start-up (history opens none)

            language = resolve_lang(lang, agenda.meeting.language)
            return start_session(datadir, agenda, clock, language, attendance=None)
        case Live(opened):
            return opened
        case Resume(session_id):
            from sessions.session import Session  # lazy: start-up (TinyDB; history opens none)

            return Session.resume(datadir, session_id, clock)
    return None
