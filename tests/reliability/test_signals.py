"""A closed terminal or a polite kill saves the meeting as interrupted and really ends the process."""

from __future__ import annotations

import signal

import pytest
from _terminal import Terminal, wait_for

from sessions.datadir import DataDir

pytestmark = pytest.mark.slow

LINES = ("first note from the floor", "/d 报价不降", "/a send the forecast @Your due:fri")


def start_meeting(data: DataDir) -> tuple[Terminal, str]:
    term = Terminal(
        "run", "--template", "blank", "--lang", "en", "--now", "--data-dir", str(data.root)
    )
    session_id = wait_for(lambda: data.session_ids() and data.session_ids()[0], "the session file")
    wait_for(lambda: data.last_alive(session_id), "the app's first heartbeat")
    wait_for(lambda: "Meeting title" in term.screen_text, "the live screen")
    return term, session_id


def texts(data: DataDir, session_id: str) -> list[str]:
    return [e["text"] for e in data.read(session_id).events if e["type"] == "item"]


def type_items(term: Terminal, data: DataDir, session_id: str) -> None:
    for n, line in enumerate(LINES, start=1):
        term.line(line)
        wait_for(lambda n=n: len(texts(data, session_id)) == n, f"item {n} on disk")


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_signal_marks_the_meeting_interrupted(tmp_path, signum):
    data = DataDir(tmp_path / "data")
    term, session_id = start_meeting(data)
    with term:
        type_items(term, data, session_id)
        term.signal(signum)
        status = term.wait(timeout=10)
        assert status == 128 + signum
        log = data.read(session_id).events
        assert log[-1]["type"] == "interrupted"
        assert log[-1]["reason"] == signal.Signals(signum).name
        assert texts(data, session_id) == [
            "first note from the floor",
            "报价不降",
            "send the forecast",
        ]
        assert not data.is_locked(session_id)
        # The terminal is handed back as it was found: the alternate screen is left.
        if signum == signal.SIGTERM:
            wait_for(lambda: "\x1b[?1049l" in term.output, "the terminal restored")


def test_closing_the_terminal_saves_the_meeting(tmp_path):
    """The real hang-up: the window closes, the kernel sends SIGHUP, nobody reads the screen."""
    data = DataDir(tmp_path / "data")
    term, session_id = start_meeting(data)
    with term:
        type_items(term, data, session_id)
        term.hang_up()
        term.wait(timeout=10)
        log = data.read(session_id).events
        assert log[-1]["type"] == "interrupted"
        assert log[-1]["reason"] == "SIGHUP"
        assert len(texts(data, session_id)) == len(LINES)
        assert not data.is_locked(session_id)
