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
from sessions.datadir import DataDir
from sessions.disk import TMP_MARK
from sessions.session import Session
from sessions.state import replay_record

WRITER = str(Path(__file__).with_name("_writer.py"))
ROUNDS = 100
MOST_COMMITS_PER_ROUND = 12


class Writers:
    """The `_writer.py fork` process: each `start()` is a new writer process, forked ready to
    write, to be killed at any moment; `reap()` says how it ended and what it printed before."""

    def __init__(self, data: DataDir, session_id: str, errors: Path) -> None:
        self.errors = errors.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, WRITER, "fork", str(data.root), session_id],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            text=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.commands, self.lines = self.process.stdin, self.process.stdout
        self.ended = ""

    def start(self) -> int:
        self.commands.write("go\n")
        self.commands.flush()
        kind, pid = self.lines.readline().split()
        assert kind == "pid", kind
        return int(pid)

    def saved(self) -> int | None:
        """The next item id the writer reports saved; None once it has died."""
        line = self.lines.readline()
        if not line or line.startswith("exit "):
            self.ended = line
            return None
        return int(line)

    def reap(self) -> tuple[list[int], int]:
        """The ids printed before the writer died, and its exit status."""
        ids = []
        while (saved := self.saved()) is not None:
            ids.append(saved)
        return ids, int(self.ended.split()[1])

    def died(self) -> str:
        self.errors.flush()
        return Path(self.errors.name).read_text(encoding="utf-8")

    def close(self) -> None:
        self.process.communicate(timeout=30)
        self.errors.close()


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
    writers = Writers(data, session_id, tmp_path / "writer-errors.txt")
    try:
        for round_ in range(ROUNDS):
            context = f"seed={seed} round={round_}"
            pid = writers.start()
            wanted = rng.randint(0, MOST_COMMITS_PER_ROUND)
            for _ in range(wanted):
                saved = writers.saved()
                if saved is None:
                    raise AssertionError(f"{context}: the writer died: {writers.died()}")
                committed.add(saved)
            # then anywhere in the next write cycles: before, inside or after a write and its fsyncs
            time.sleep(rng.uniform(0, 0.004))
            os.kill(pid, signal.SIGKILL)
            rest, status = writers.reap()
            assert status == -signal.SIGKILL, f"{context}: {writers.died()}"
            committed.update(rest)  # printed before it died: saved
            if any(data.sessions_dir.glob(f".*{TMP_MARK}*")):
                killed_mid_write += 1
            check_on_disk(data, session_id, committed, context)
    finally:
        writers.close()

    print(f"{len(committed)} items reported saved, {killed_mid_write} kills left a temp file")
    # The lock died with the last writer, its temp file goes when the session is opened again.
    session = Session.resume(data, session_id, SystemClock())
    try:
        assert not list(data.sessions_dir.glob(f".*{TMP_MARK}*"))
        assert committed <= {item.id for item in session.state.items}
    finally:
        session.close()
    assert check_on_disk(data, session_id, committed, f"seed={seed} end") >= len(committed)
