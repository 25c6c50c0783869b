"""Screens timed as a user sees them: a process in a fresh 160x48 pseudo-terminal, read by a VT parser.

`Terminal` spawns a command in a new pty, feeds everything it writes to a `pyte` screen and
waits until some text is visible on it; the time of a wait is taken when the chunk that
completed the text arrived, so that parsing it does not count. The bare Textual app
(`HELLO`) is the baseline every screen is measured against, in the same harness.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path

import pyte

COLUMNS, LINES = 160, 48
TIMEOUT = 300.0  # a cold start at 20,000 sessions reads every session file

HELLO = """
from textual.app import App
from textual.widgets import Footer, Header, Input, Static

class Hello(App):
    def compose(self):
        yield Header()
        yield Static("Hello, meeting")
        yield Input(placeholder="type here")
        yield Footer()

Hello().run()
"""
HELLO_MARKER = "Hello, meeting"


def hello_argv() -> list[str]:
    """The bare Textual app, with the interpreter the benchmarks run Minutely with."""
    return [sys.executable, "-c", HELLO]


def minutely_argv(*args: str) -> list[str]:
    """`minutely ARGS` as installed beside this interpreter (its console script)."""
    script = Path(sys.executable).with_name("minutely")
    return [str(script), *args]


class NotShown(RuntimeError):
    """The text waited for did not appear in time (or the process ended first)."""


class Terminal:
    """One process in its own pseudo-terminal, and the screen it has drawn so far."""

    def __init__(self, argv: Sequence[str], cwd: Path | None = None) -> None:
        self.argv = list(argv)
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(COLUMNS),
            "LINES": str(LINES),
        }
        env.pop("TEXTUAL", None)
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.master = master
        self.start = time.perf_counter()
        self.proc = subprocess.Popen(
            self.argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.closed = False

    @property
    def pid(self) -> int:
        return self.proc.pid

    def text(self) -> str:
        """The screen's text. Not `pyte.Screen.display`: that fails (IndexError) on the empty
        cell a wide character leaves behind once something narrower is drawn over its left half;
        joined as they are, the empty cells add nothing and a wide character counts once."""
        screen = self.screen
        return "\n".join(
            "".join(screen.buffer[y][x].data for x in range(screen.columns))
            for y in range(screen.lines)
        )

    def _read(self, wait: float) -> float | None:
        """Feed one chunk to the screen; the time it arrived, or None if nothing came."""
        if not select.select([self.master], [], [], wait)[0]:
            return None
        try:
            chunk = os.read(self.master, 65536)
        except OSError:
            chunk = b""
        arrived = time.perf_counter()
        if not chunk:
            raise NotShown(f"{' '.join(self.argv)} closed its terminal\n{self.text()}")
        self.stream.feed(chunk)
        return arrived

    def wait_for(self, *texts: str, timeout: float = TIMEOUT) -> float:
        """Seconds from spawning until every one of `texts` was on the screen at once."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            arrived = self._read(0.2)
            if arrived is None:
                if self.proc.poll() is not None:
                    break
                continue
            screen = self.text()
            if all(text in screen for text in texts):
                return arrived - self.start
        raise NotShown(f"no {texts!r} within {timeout}s: {' '.join(self.argv)}\n{self.text()}")

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode("utf-8"))

    def memory(self) -> dict[str, float]:
        """The process's resident memory now and at its peak (MB), from /proc."""
        figures: dict[str, float] = {}
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                figures[key] = int(value.split()[0]) / 1024
        return figures

    def close(self) -> None:
        """Stop the process (SIGTERM), reading on so that it can restore the terminal and exit."""
        if self.closed:
            return
        self.closed = True
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        deadline = time.perf_counter() + 10
        while self.proc.poll() is None and time.perf_counter() < deadline:
            if select.select([self.master], [], [], 0.1)[0]:
                try:
                    if not os.read(self.master, 65536):
                        break
                except OSError:
                    break
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        os.close(self.master)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def first_frame(argv: Sequence[str], *texts: str, cwd: Path | None = None) -> float:
    """Seconds from spawning `argv` in a new pty until `texts` are on its screen."""
    with Terminal(argv, cwd) as term:
        return term.wait_for(*texts)


def hello_frame(cwd: Path | None = None) -> float:
    """The bare Textual app's first frame, the baseline of every screen."""
    return first_frame(hello_argv(), HELLO_MARKER, cwd=cwd)
