"""Capture latency: 500 items committed to disk, with 2,000 past sessions on disk and with none.

    /work/venv/bin/python bench/capture.py [--sessions 2000] [--items 500]

Each capture is timed from the call to `Session.submit` to its return, i.e. until the event
is fsynced and the file replaced. The two sessions (one in a data dir full of history, one in
an empty one) capture in turns, so that disk and scheduler noise falls on both alike.
The last line is the summary that CI and docs/performance.md quote.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _history import build_history  # noqa: E402

from agendas.templates import load_template  # noqa: E402
from sessions.clock import SystemClock  # noqa: E402
from sessions.index import Index  # noqa: E402
from sessions.session import Session  # noqa: E402
from sessions.store import DataDir  # noqa: E402

LINES = (
    "华东区本月回款率 92%，比上月高 3 个点",
    "/a 跟进 A 客户的年度框架报价 @张伟 due:+3d | 客户书面确认",
    "/d 12 月主推新品组合，价格不降",
    "Tom: the Suzhou distributor wants a longer credit term",
    "/q 竞品的返点政策到底是多少？",
    "/a 整理逾期回款清单 @陈静 due:周五",
    "新品在商超渠道的铺货率只有 63%",
    "/i 试试在公众号做一次限时团购",
    "/k @刘洋 主动帮新人跑客户",
    "/p 年会场地下次再议",
)


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
    parser.add_argument(
        "--dir", default=None, help="where to build the data dirs (default: a temp dir)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="minutely-bench-", dir=args.dir) as tmp:
        began = time.perf_counter()
        history = build_history(Path(tmp) / "history", sessions=args.sessions)
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
        for line in LINES:
            warm.submit(line)
        warm.close()

        gc.collect()
        opened: dict[str, float] = {}
        sessions = {}
        for name, datadir in (("history", history), ("empty", empty)):
            t = time.perf_counter()
            sessions[name] = Session.start(datadir, agenda, clock)
            opened[name] = (time.perf_counter() - t) * 1000
        times: dict[str, list[float]] = {"history": [], "empty": []}
        try:
            for n in range(args.items):
                line = LINES[n % len(LINES)]
                order = ("history", "empty") if n % 2 == 0 else ("empty", "history")
                for name in order:
                    t = time.perf_counter_ns()
                    outcome = sessions[name].submit(line)
                    times[name].append((time.perf_counter_ns() - t) / 1e6)
                    assert outcome is not None and outcome.item is not None
        finally:
            for session in sessions.values():
                session.close()
        file_kb = {name: s.writer.path.stat().st_size / 1024 for name, s in sessions.items()}

    print(
        f"start: {opened['history']:.1f} ms with history, {opened['empty']:.1f} ms without; "
        f"session file after {args.items} items: {file_kb['history']:.0f} KB"
    )
    with_history = describe("history", times["history"])
    without = describe("empty", times["empty"])
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ratio = with_history["p99"] / without["p99"]
    print(
        f"capture p99_ms={with_history['p99']:.2f} empty_p99_ms={without['p99']:.2f} "
        f"ratio={ratio:.2f} history_sessions={args.sessions} rss_mb={rss_mb:.0f}"
    )


if __name__ == "__main__":
    main()
