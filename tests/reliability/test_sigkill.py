"""Kill a capturing process with SIGKILL at random moments: nothing it reported as saved is ever lost."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sessions.clock import SystemClock
from sessions.session import Session
from sessions.state import replay_record
from sessions.store import TMP_MARK, DataDir

WRITER = str(Path(__file__).with_name("_writer.py"))
ROUNDS = 100
MOST_COMMITS_PER_ROUND = 12


def writer(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, WRITER, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def check_on_disk(data: DataDir, session_id: str, committed: set[int], context: str) -> int:
    """Every session file parses, nothing was kept aside, every reported item is there."""
    for path in data.sessions_dir.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    assert data.corrupt_files() == [], context
    record = data.read(session_id)
    state = replay_record(record)
    ids = [item.id for item in state.items]
    assert len(ids) == len(set(ids)), f"{context}: an item id was used twice"
    missing = committed - set(ids)
    assert not missing, f"{context}: items reported saved but lost: {sorted(missing)}"
    seqs = [e["seq"] for e in record.events]
    assert seqs == list(range(1, len(seqs) + 1)), f"{context}: the event log has a gap"
    return len(ids)


def test_sigkill_at_random_moments_never_loses_a_committed_item(tmp_path):
    seed = int(os.environ.get("MINUTELY_SEED", random.randrange(2**32)))
    print(f"sigkill seed={seed} (MINUTELY_SEED={seed} repeats this run)")
    rng = random.Random(seed)
    data = DataDir(tmp_path / "data")

    start = subprocess.run(
        [sys.executable, WRITER, "start", str(data.root)], capture_output=True, text=True
    )
    assert start.returncode == 0, start.stderr
    session_id = start.stdout.strip()

    committed: set[int] = set()
    killed_mid_write = 0
    for round_ in range(ROUNDS):
        context = f"seed={seed} round={round_}"
        child = writer("write", str(data.root), session_id)
        assert child.stdout is not None
        wanted = rng.randint(0, MOST_COMMITS_PER_ROUND)
        for _ in range(wanted):
            line = child.stdout.readline()
            if not line:
                child.wait()
                raise AssertionError(f"{context}: the writer died: {child.stderr.read()}")
            committed.add(int(line))
        # then anywhere in the next write cycles: before, inside or after a write and its fsyncs
        time.sleep(rng.uniform(0, 0.004))
        child.send_signal(signal.SIGKILL)
        rest, errors = child.communicate()
        assert child.returncode == -signal.SIGKILL, f"{context}: {errors}"
        committed.update(int(line) for line in rest.split())  # printed before it died: saved
        if any(data.sessions_dir.glob(f".*{TMP_MARK}*")):
            killed_mid_write += 1
        check_on_disk(data, session_id, committed, context)

    print(f"{len(committed)} items reported saved, {killed_mid_write} kills left a temp file")
    # The lock died with the last writer, its temp file goes when the session is opened again.
    session = Session.resume(data, session_id, SystemClock())
    try:
        assert not list(data.sessions_dir.glob(f".*{TMP_MARK}*"))
        assert committed <= {item.id for item in session.state.items}
    finally:
        session.close()
    assert check_on_disk(data, session_id, committed, f"seed={seed} end") >= len(committed)
