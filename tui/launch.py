"""What `minutely`, `run`, `resume` and `display` do: open the session first, then run the app safely."""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType, ModuleType
from typing import TYPE_CHECKING

from sessions.clock import Clock, SystemClock
from sessions.datadir import DataDir
from sessions.i18n import locale_lang, resolve_lang
from sessions.index import Index
from sessions.summary import SessionStatus
from tui.cli_options import has_terminal
from tui.errors import UserError
from tui.start import Display, History, Home, Live, PreMeeting, Series, Start

if TYPE_CHECKING:
    from agendas.model import Agenda
    from sessions.session import Session
    from tui.app import MinutelyApp

# After a hang-up the terminal is gone and restoring it may block: the meeting is saved by
# then, so the process ends regardless after this long.
SIGNAL_EXIT_GRACE = 3.0
HANDLED_SIGNALS = {signal.SIGHUP: "SIGHUP", signal.SIGTERM: "SIGTERM"}


def home(datadir: DataDir, lang: str | None) -> int:
    return _run(make_app(datadir, Home(), lang=lang))


def load(agenda_path: Path | None, template: str | None, lang: str | None) -> Agenda:
    """The agenda from a file or a built-in template; errors are the loader's `file:line` lines."""
    from agendas.loader import load_agenda  # lazy: start-up (YAML; history reads no agenda)
    from agendas.templates import UnknownTemplate, load_template  # lazy: start-up

    if (agenda_path is None) == (template is None):
        raise UserError(key="err.agenda_or_template")
    if template is not None:
        try:
            # No --lang: the template in the language of the locale.
            return load_template(template, lang or locale_lang() or "en")
        except UnknownTemplate as exc:
            raise UserError(str(exc)) from None
    assert agenda_path is not None
    return load_agenda(agenda_path)


def run(
    datadir: DataDir,
    agenda_path: Path | None,
    template: str | None,
    lang: str | None,
    now: bool,
    clock: Clock | None = None,
    results: Path | None = None,
) -> int:
    """`minutely run`: the pre-meeting check, or with `now` the live meeting at once.

    `results`: a CSV or Excel file whose targets and results stand over the agenda's.
    """
    agenda = load(agenda_path, template, lang)
    if results is not None:
        from sessions.results import read_results, with_results  # lazy: start-up

        agenda = with_results(agenda, read_results(results, agenda.names))
    language = resolve_lang(lang, agenda.meeting.language)
    clock = clock or SystemClock()
    if not now:
        return _run(make_app(datadir, PreMeeting(agenda), clock=clock, lang=language))
    from sessions.start import SeriesHistoryAside, start_session  # lazy: start-up (TinyDB)

    # The series' history is read aside while the app's modules load (most of a start).
    history = SeriesHistoryAside(datadir, agenda, clock)
    try:
        _app_module()  # loaded meanwhile
        carried, previous, topics = history.result()
    finally:
        history.close()
    session = start_session(
        datadir,
        agenda,
        clock,
        language,
        attendance=None,
        carried=carried,
        topics=topics,
        previous=previous,
    )
    return _run_opened(datadir, session, language)


def latest_interrupted(datadir: DataDir) -> str:
    sessions = Index(datadir).unfinished().sessions
    # a live one: opening it says who holds it
    for status in (SessionStatus.INTERRUPTED, SessionStatus.LIVE):
        for entry in sessions:
            if entry.status is status:
                return entry.id
    raise UserError(key="err.nothing_to_resume")


def resume(datadir: DataDir, ref: str | None, lang: str | None, clock: Clock | None = None) -> int:
    """`minutely resume`: continue an interrupted session with its clocks and notes."""
    from sessions.session import Session  # lazy: start-up (TinyDB)

    session_id = datadir.resolve(ref) if ref else latest_interrupted(datadir)
    session = Session.resume(datadir, session_id, clock or SystemClock())
    return _run_opened(datadir, session, lang)


def latest_for_display(datadir: DataDir) -> str:
    """The latest live session, else the latest one."""
    for entry in Index(datadir).unfinished().sessions:
        if entry.status is SessionStatus.LIVE:
            return entry.id
    return datadir.resolve("last")


def display(datadir: DataDir, ref: str | None, lang: str | None) -> int:
    """`minutely display`: the read-only room view of a session, followed as it is written."""
    session_id = datadir.resolve(ref) if ref else latest_for_display(datadir)
    record = datadir.read(session_id)  # an unreadable session is reported before the screen
    language = resolve_lang(lang, record.meta.get("lang"))
    app = make_app(datadir, Display(session_id, follow_latest=ref is None), lang=language)
    return _run(app)


def history(datadir: DataDir, lang: str | None) -> int:
    """`minutely history`: browse and search past sessions, then quit."""
    return _run(make_app(datadir, History(), lang=lang))


def series(datadir: DataDir, name: str, lang: str | None) -> int:
    """`minutely series NAME`: the scorecard screen, in the series' language unless --lang says."""
    if not has_terminal():
        raise UserError(key="err.needs_terminal", command="minutely series NAME")
    latest = Index(datadir).series_sessions(name)
    if not latest:
        raise UserError(key="err.report_no_series", series=name)
    return run_app(datadir, Series(name, latest[0].lang), lang)


def run_app(datadir: DataDir, start: Start, lang: str | None) -> int:
    """Run the app opening at `start` (a screen that opens no session), then quit."""
    return _run(make_app(datadir, start, lang=lang))


# -- running the app -------------------------------------------------------------------------


def _app_module() -> ModuleType:
    """`tui.app`, loaded on first use: Textual and the screens are most of a start's time."""
    import tui.app  # lazy: start-up

    return tui.app


def make_app(
    datadir: DataDir, start: Start, *, clock: Clock | None = None, lang: str | None = None
) -> MinutelyApp:
    app: MinutelyApp = _app_module().make_app(datadir, start, clock=clock, lang=lang)
    return app


def _run_opened(datadir: DataDir, session: Session, lang: str | None) -> int:
    """Run the live meeting of a session the CLI has opened; it is closed whatever happens."""
    try:
        app = make_app(datadir, Live(session), clock=session.clock, lang=lang)
    except BaseException:
        session.close()
        raise
    return _run(app)


def _run(app: MinutelyApp) -> int:
    # What is loaded by now (Python's, Textual's, Rich's and Minutely's modules, the first
    # screen) stays for as long as the process: out of the collector's sight, a full collection
    # while the first frame is made walks only what the screen made since, not every object of
    # every module (a collection the bare Textual app does not reach at all). The collector is
    # on while the app runs, whatever a way in did before (`tui.entry` starts without it).
    gc.freeze()
    gc.enable()
    with handle_signals(app):
        try:
            app.run()
        finally:
            app.close_session()
    return app.return_code or 0


@contextmanager
def handle_signals(app: MinutelyApp) -> Iterator[None]:
    """SIGHUP (the terminal closed) and SIGTERM mark a live meeting interrupted, then end the app.

    Textual leaves both at their default (die on the spot). The handler only hands the work
    to the app's event loop, so that it never runs in the middle of a write; a watchdog ends
    the process if a dead terminal keeps the app from finishing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        name = HANDLED_SIGNALS.get(signal.Signals(signum), str(signum))
        watchdog = threading.Timer(SIGNAL_EXIT_GRACE, os._exit, (128 + signum,))
        watchdog.daemon = True
        watchdog.start()
        loop = app._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(app.handle_signal, name, 128 + signum)
            return
        # The app is not running (yet, or any more): save here; nothing else is writing.
        if app.live and app.session is not None:
            # A traceback here would be printed over the terminal being restored.
            with contextlib.suppress(Exception):
                app.session.interrupt(name)
        app.close_session()
        os._exit(128 + signum)

    previous = {sig: signal.signal(sig, handler) for sig in HANDLED_SIGNALS}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
