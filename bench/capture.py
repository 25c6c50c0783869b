"""Capture latency: 500 items committed to disk, with 2,000 past sessions on disk and with none.

    /work/venv/bin/python bench/capture.py [--sessions 2000] [--items 500] [--rounds 3]

Each capture is timed from the call to `Session.submit` to its return, i.e. until the event
is fsynced and the file replaced. The two sessions (one in a data dir full of history, one in
an empty one) capture in turns, so that disk and scheduler noise falls on both alike; each
round is a new pair of meetings. In the same turns the bare disk is timed too: an atomic
replace of a file as large as the session's, without TinyDB or a session, so that a tail
can be told apart from the disk's own. The last line is the summary docs/performance.md
quotes: for each side, the median over the rounds of the p99 of a round's captures.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CAPTURE_LINES, machine_line  # noqa: E402
from _history import build_history  # noqa: E402

from agendas.model import Agenda  # noqa: E402
from agendas.templates import load_template  # noqa: E402
from sessions.clock import SystemClock  # noqa: E402
from sessions.index import Index  # noqa: E402
from sessions.session import Session  # noqa: E402
from sessions.store import DataDir, write_atomic  # noqa: E402


def percentile(sorted_ms: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    rank = max(1, round(p / 100 * len(sorted_ms) + 0.5 - 1e-9))
    return sorted_ms[min(rank, len(sorted_ms)) - 1]


def describe(name: str, times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    figures = {
        "p50": statistics.median(ordered),
        "p99": percentile(ordered, 99),
        "max": ordered[-1],
        "first50_mean": statistics.fmean(times[:50]),
        "last50_mean": statistics.fmean(times[-50:]),
    }
    print(
        f"{name:>8}: p50 {figures['p50']:.2f} ms  p99 {figures['p99']:.2f} ms  "
        f"max {figures['max']:.2f} ms  mean of items 1-50 {figures['first50_mean']:.2f} ms, "
        f"of the last 50 {figures['last50_mean']:.2f} ms"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3, help="new meetings per side")
    parser.add_argument(
        "--dir", default=None, help="where to build the data dirs (default: a temp dir)"
    )
    args = parser.parse_args()

    print(f"machine: {machine_line()}")
    with tempfile.TemporaryDirectory(prefix="minutely-bench-", dir=args.dir) as tmp:
        began = time.perf_counter()
        # As the history was first measured: no follow-up chains, no lock files left behind.
        history = build_history(
            Path(tmp) / "history", args.sessions, follow_up=False, locks=False
        ).datadir
        built = time.perf_counter()
        listing = Index(history).listing()  # builds index.json once, as the first `list` would
        indexed = time.perf_counter()
        assert len(listing.sessions) == args.sessions and not listing.problems, listing.problems
        size = sum(p.stat().st_size for p in history.sessions_dir.iterdir()) / 2**20
        print(
            f"history: {args.sessions} sessions, {size:.0f} MB, written in {built - began:.1f} s, "
            f"indexed in {indexed - built:.1f} s"
        )
        del listing
        empty = DataDir(Path(tmp) / "empty")

        agenda = load_template("monthly-sales", "zh")
        clock = SystemClock()
        # a throwaway warm-up, so that imports and first-use costs fall on neither side
        warm = Session.start(DataDir(Path(tmp) / "warm"), agenda, clock)
        for line in CAPTURE_LINES:
            warm.submit(line)
        warm.close()

        # A real history was written long before the meeting: let the freshly built one settle
        # on disk, or its write-back would fall on the first captures of the history side.
        os.sync()
        time.sleep(2)
        gc.collect()
        rounds = [
            capture_round(history, empty, agenda, clock, args.items) for _ in range(args.rounds)
        ]

    for n, (opened, times, file_kb) in enumerate(rounds, 1):
        print(
            f"round {n}: start {opened['history']:.1f} ms with history, "
            f"{opened['empty']:.1f} ms without; session file after {args.items} items: "
            f"{file_kb:.0f} KB"
        )
        describe("history", times["history"])
        describe("empty", times["empty"])
        describe("disk", times["disk"])
    # p99 of 500 captures is their 5th slowest: on a shared machine one round is noise, so
    # each side's figure is the median of the rounds' p99s.
    p99 = {
        name: statistics.median(percentile(sorted(r[1][name]), 99) for r in rounds)
        for name in ("history", "empty", "disk")
    }
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"capture p99_ms={p99['history']:.2f} empty_p99_ms={p99['empty']:.2f} "
        f"ratio={p99['history'] / p99['empty']:.2f} history_sessions={args.sessions} "
        f"rss_mb={rss_mb:.0f} disk_p99_ms={p99['disk']:.2f}"
    )


def capture_round(
    history: DataDir, empty: DataDir, agenda: Agenda, clock: SystemClock, items: int
) -> tuple[dict[str, float], dict[str, list[float]], float]:
    """A new meeting on each side, `items` captures each, taken in turns."""
    opened: dict[str, float] = {}
    sessions = {}
    for name, datadir in (("history", history), ("empty", empty)):
        t = time.perf_counter()
        sessions[name] = Session.start(datadir, agenda, clock)
        opened[name] = (time.perf_counter() - t) * 1000
    times: dict[str, list[float]] = {"history": [], "empty": [], "disk": []}
    # The disk's own share: the same atomic replace of a file as large as the session's,
    # with no TinyDB and no session, taken in the same turns.
    scratch = empty.sessions_dir / "disk-baseline.json"
    filler = b"x" * (1 << 20)
    try:
        for n in range(items):
            line = CAPTURE_LINES[n % len(CAPTURE_LINES)]
            order = ("history", "empty") if n % 2 == 0 else ("empty", "history")
            for name in order:
                t = time.perf_counter_ns()
                outcome = sessions[name].submit(line)
                times[name].append((time.perf_counter_ns() - t) / 1e6)
                assert outcome is not None and outcome.item is not None
            size = sessions["empty"].writer.path.stat().st_size
            t = time.perf_counter_ns()
            write_atomic(scratch, filler[:size])
            times["disk"].append((time.perf_counter_ns() - t) / 1e6)
    finally:
        for session in sessions.values():
            session.close()
        scratch.unlink(missing_ok=True)
    return opened, times, sessions["history"].writer.path.stat().st_size / 1024


if __name__ == "__main__":
    main()
