"""Two processes on one session: the second is refused in one line while the first holds it."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from sessions.clock import FakeClock
from sessions.datadir import DataDir
from sessions.session import Session

WRITER = str(Path(__file__).with_name("_writer.py"))
MINUTELY = str(Path(sys.executable).with_name("minutely"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )


def run_in_terminal(*args: str) -> subprocess.CompletedProcess[str]:
    """As `run`, with standard output a terminal (full-screen commands refuse anything else)."""
    leader, follower = pty.openpty()
    try:
        return subprocess.run(
            list(args),
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
    finally:
        os.close(follower)
        os.close(leader)


@pytest.mark.locale
def test_a_second_writer_is_refused_while_the_first_holds_the_session(tmp_path):
    data = DataDir(tmp_path / "data")
    started = run(sys.executable, WRITER, "start", str(data.root))
    assert started.returncode == 0, started.stderr
    session_id = started.stdout.strip()
    first = Session.resume(data, session_id, FakeClock())
    first.submit("/a 跟进报价 @张伟 due:+3d")
    first.submit("A 的记录 must survive")
    first.close()

    holder = subprocess.Popen(
        [sys.executable, WRITER, "hold", str(data.root), session_id],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
        before = data.read(session_id).events

        cli = run_in_terminal(MINUTELY, "resume", session_id, "--data-dir", str(data.root))
        assert cli.returncode == 1
        assert "Traceback" not in cli.stderr
        lines = cli.stderr.strip().splitlines()
        assert len(lines) == 1, cli.stderr
        assert (
            f"session {session_id} is open in another Minutely (process {holder.pid})" in lines[0]
        )
        assert f"minutely display {session_id}" in lines[0]

        core = run(sys.executable, WRITER, "resume", str(data.root), session_id)
        assert core.returncode == 1 and "open in another Minutely" in core.stderr
        assert "Traceback" not in core.stderr

        # the refused ones wrote nothing: A's session is exactly as A left it
        assert data.read(session_id).events == before
        assert holder.poll() is None
    finally:
        holder.communicate("", timeout=30)
    assert holder.returncode == 0

    after = run(sys.executable, WRITER, "resume", str(data.root), session_id)
    assert after.returncode == 0 and after.stdout == "resumed\n", after.stderr
    texts = [e.get("text") for e in data.read(session_id).events if e["type"] == "item"]
    assert texts == ["跟进报价", "A 的记录 must survive"]
    assert not data.is_locked(session_id)
