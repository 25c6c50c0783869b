"""Capture latency as a meeting grows: items 1-250 against items 1,751-2,000 of one session, on disk.

    nice .venv/bin/python bench/capture.py [--items 2000] [--rounds 3] [--history 2000]

Each round starts a new monthly sales meeting with `Session.start` (`SystemClock`) in the
realistic history of `--history` sessions (`bench/_history.py`, built once into
/tmp/minutely-bench/<n>; 0: an empty folder) and captures `--items` lines through
`Session.submit`; each capture is timed from the call to its return, i.e. until the event
is in the file, fsynced, and the folder fsynced. In the same two windows the bare disk is
timed too: an atomic replace (temp file, fsync, rename, folder fsync) of a file as large as
the session's, with no TinyDB and no session, so that a tail can be told apart from the
disk's own. The meeting is removed after its round. Per window, the figure is the median
over the rounds of each round's p50 and p99. The last line is for scripts: both windows,
their ratios and the goal of issue 10 (late ≤ 1.5× early, at p50 and at p99).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CAPTURE_LINES, machine_line, verdict  # noqa: E402
from _history import cached_history  # noqa: E402

from agendas.templates import load_template  # noqa: E402
from sessions.clock import SystemClock  # noqa: E402
from sessions.datadir import DataDir  # noqa: E402
from sessions.disk import write_atomic  # noqa: E402
from sessions.session import Session  # noqa: E402

WINDOW = 250
GOAL_RATIO = 1.5


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted values."""
    rank = max(1, round(p / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def p50_p99(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), percentile(ordered, 99)


def capture_round(datadir: DataDir, items: int) -> dict[str, list[float]]:
    """One new meeting of `items` captures: the early and late windows, and the disk's in them."""
    agenda = load_template("monthly-sales", "zh")
    before = set(datadir.sessions_dir.iterdir()) if datadir.sessions_dir.exists() else set()
    session = Session.start(datadir, agenda, SystemClock())
    windows = {
        "early": range(WINDOW),
        "late": range(items - WINDOW, items),
    }
    times: dict[str, list[float]] = {"early": [], "late": [], "early_disk": [], "late_disk": []}
    scratch = datadir.root / "disk-baseline.tmp"
    filler = b"x" * (4 << 20)
    try:
        for n in range(items):
            line = CAPTURE_LINES[n % len(CAPTURE_LINES)]
            t = time.perf_counter_ns()
            outcome = session.submit(line)
            elapsed = (time.perf_counter_ns() - t) / 1e6
            assert outcome is not None and outcome.item is not None
            for name, window in windows.items():
                if n in window:
                    times[name].append(elapsed)
                    size = session.writer.path.stat().st_size
                    t = time.perf_counter_ns()
                    write_atomic(scratch, filler[:size])
                    times[f"{name}_disk"].append((time.perf_counter_ns() - t) / 1e6)
        times["file_kb"] = [session.writer.path.stat().st_size / 1024]
    finally:
        session.close()
        scratch.unlink(missing_ok=True)
        for path in set(datadir.sessions_dir.iterdir()) - before:
            path.unlink()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--history", type=int, default=2000, help="past sessions in the folder")
    args = parser.parse_args()
    assert args.items >= 2 * WINDOW

    print(f"machine: {machine_line()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="minutely-capture-") as tmp:
        datadir = cached_history(args.history) if args.history else DataDir(tmp)
        rounds = []
        for n in range(args.rounds):
            rounds.append(capture_round(datadir, args.items))
            figures = {k: p50_p99(v) for k, v in rounds[-1].items() if k != "file_kb"}
            print(
                f"round {n + 1}: "
                + "  ".join(f"{k} p50 {a:.2f} p99 {b:.2f} ms" for k, (a, b) in figures.items())
                + f"  file {rounds[-1]['file_kb'][0]:.0f} KB",
                flush=True,
            )
    summary = {}
    for name in ("early", "late", "early_disk", "late_disk"):
        per_round = [p50_p99(r[name]) for r in rounds]
        summary[f"{name}_p50_ms"] = statistics.median(p for p, _ in per_round)
        summary[f"{name}_p99_ms"] = statistics.median(p for _, p in per_round)
    p50_ratio = summary["late_p50_ms"] / summary["early_p50_ms"]
    p99_ratio = summary["late_p99_ms"] / summary["early_p99_ms"]
    met = p50_ratio <= GOAL_RATIO and p99_ratio <= GOAL_RATIO
    print(f"load at the end: {machine_line().rsplit('load ', 1)[1]}")
    print(
        f"capture items={args.items} history={args.history} "
        + " ".join(f"{k}={v:.2f}" for k, v in summary.items())
        + f" file_kb={statistics.median(r['file_kb'][0] for r in rounds):.0f}"
        + f" p50_ratio={p50_ratio:.2f} p99_ratio={p99_ratio:.2f}"
        + f" goal={verdict(met)}"
    )


if __name__ == "__main__":
    main()
