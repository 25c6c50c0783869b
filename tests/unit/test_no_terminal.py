"""Full-screen commands with an output that is not a terminal (`minutely display | head`): one line, exit 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sessions.session import Session

MINUTELY = str(Path(sys.executable).with_name("minutely"))


@pytest.fixture
def sessions(datadir, agenda, clock) -> str:
    """An ended meeting and an interrupted one: something to display, resume and browse."""
    ended = Session.start(datadir, agenda, clock)
    ended.end()
    ended.close()
    clock.advance(3600)
    interrupted = Session.start(datadir, agenda, clock)
    interrupted.submit("open question")
    interrupted.close()
    return str(datadir.root)


@pytest.mark.parametrize(
    "args, command",
    [
        (["display"], "minutely display"),
        ([], "minutely"),
        (["run", "--template", "blank", "--now", "--lang", "en"], "minutely run"),
        (["resume"], "minutely resume"),
        (["history"], "minutely history"),
    ],
)
def test_a_full_screen_command_into_a_pipe_says_so_and_exits(sessions, args, command):
    # Without the check these never end (and burn a CPU): the timeout makes that a failure.
    done = subprocess.run(
        [MINUTELY, *args, "--data-dir", sessions],
        stdin=subprocess.DEVNULL,
        capture_output=True,  # standard output a pipe, as in `minutely display | head`
        text=True,
        timeout=20,
        env={"PATH": "/usr/bin:/bin", "LANG": "en_US.UTF-8", "TERM": "xterm-256color"},
    )
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"minutely: {command} needs a terminal, and its output is not one")
