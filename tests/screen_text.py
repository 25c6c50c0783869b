"""Helpers for Pilot tests: a widget's plain text, and waiting (bounded) for a condition."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console
from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.widgets import Static


def text_of(app: App, selector: str) -> str:
    """The plain text a Static shows, whether it holds markup, a Text or a Rich renderable."""
    content = app.screen.query_one(selector, Static).content
    if isinstance(content, str):
        return content
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text().rstrip("\n")


async def settle(pilot, condition, tries: int = 50) -> bool:
    """Let the app run until `condition()` holds or the tries run out; the caller then checks
    what is on screen itself, so that a failure says what was missing."""
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def until(pilot, condition, tries: int = 50) -> None:
    """Let the app run until `condition()` holds (bounded: a failing test does not hang)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


def live_app(session, lang: str):  # type: ignore[no-untyped-def]
    """The real app (as the CLI builds it) showing an already started session's live screen."""
    from tui.app import make_app
    from tui.start import Live

    return make_app(session.writer.datadir, Live(session), clock=session.clock, lang=lang)


async def polls(pilot, screen, count: int = 2) -> None:  # type: ignore[no-untyped-def]
    """Let the room display poll its session file `count` more times (what a still clock must survive)."""
    start = screen._ticks  # the display's own count of its polls
    await until(pilot, lambda: screen._ticks >= start + count)


def screen_text(app: App) -> str:
    """Every character the terminal would be sent for the screen (dialogs, toasts and the
    screens under a dialog included), one line per row, without styles.

    The same rendering `App.export_screenshot` makes, exported as text rather than SVG, so a
    control character in it is one the terminal would have received.
    """
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False)


def find_on_screen(app: App, text: str) -> tuple[int, int] | None:
    """The screen cell (x, y) where `text` starts, or None when it is not on screen."""
    for y, line in enumerate(screen_text(app).splitlines()):
        at = line.find(text)
        if at >= 0:
            return cell_len(line[:at]), y
    return None


def key_event(char: str) -> events.Key:
    """The key a terminal's input parser makes of one character (Enter is a carriage return)."""
    if char == "\r":
        return events.Key("enter", "\r")
    if char == "\x7f":
        return events.Key("backspace", "\x7f")
    return events.Key(char if char.isalnum() else _character_to_key(char), char)
