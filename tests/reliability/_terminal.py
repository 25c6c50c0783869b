"""Runs `minutely` in a real pseudo-terminal for the reliability tests: type, read the screen, signal it."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import signal
import struct
import sys
import termios
import threading
import time
from collections.abc import Callable
from typing import Any

COLUMNS, LINES = 160, 48

# CSI, OSC and the two-character escapes Textual writes; what is left is the text on screen.
ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)


def plain(output: str) -> str:
    return ANSI.sub("", output)


class Terminal:
    """`python -m tui.cli ARGS` as the session leader of a new pty (so a hang-up reaches it)."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        environment = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(COLUMNS),
            "LINES": str(LINES),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            **(env or {}),
        }
        environment.pop("TEXTUAL", None)
        argv = [sys.executable, "-m", "tui.cli", *args]
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, become minutely
            try:
                winsize = struct.pack("HHHH", LINES, COLUMNS, 0, 0)
                fcntl.ioctl(0, termios.TIOCSWINSZ, winsize)
                os.execve(sys.executable, argv, environment)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd: int | None = fd
        self.status: int | None = None
        self._chunks: list[bytes] = []
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        # Drain the terminal all the time, or the app blocks on a full pty buffer.
        while self.fd is not None:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self._chunks.append(data)

    @property
    def output(self) -> str:
        with self._lock:
            raw = b"".join(self._chunks)
        return raw.decode("utf-8", "replace")

    @property
    def screen_text(self) -> str:
        return plain(self.output)

    def mark(self) -> int:
        """A position in the output, to look only at what is drawn after it."""
        with self._lock:
            return sum(len(c) for c in self._chunks)

    def text_since(self, position: int) -> str:
        with self._lock:
            raw = b"".join(self._chunks)[position:]
        return plain(raw.decode("utf-8", "replace"))

    def type(self, text: str) -> None:
        assert self.fd is not None
        os.write(self.fd, text.encode("utf-8"))

    def line(self, text: str) -> None:
        self.type(text)
        self.type("\r")

    def signal(self, signum: int) -> None:
        os.kill(self.pid, signum)

    def hang_up(self) -> None:
        """Close the terminal, as closing the window or losing the ssh connection does."""
        fd, self.fd = self.fd, None
        if fd is not None:
            os.close(fd)

    def poll(self) -> int | None:
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def wait(self, timeout: float = 10.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.poll()
            if status is not None:
                return status
            time.sleep(0.05)
        raise AssertionError(
            f"minutely did not exit within {timeout}s:\n{self.screen_text[-2000:]}"
        )

    def close(self) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
        self.hang_up()

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def wait_for(condition: Callable[[], Any], what: str, timeout: float = 10.0) -> Any:
    """Poll `condition` until it returns something true, with a deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
