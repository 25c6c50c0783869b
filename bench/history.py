"""Benchmark of history at scale: listing, full-text search and open actions over 2,000 sessions.

    /work/venv/bin/python bench/history.py [--sessions 2000] [--items 100] [--keep DIR] [--append-docs]

Session files are written directly in the store's format (the same JSON a `Session` writes,
with its lock file beside it), then everything is timed in process. "cold" is the first call
with no index or search corpus on disk; "warm" figures are medians of repeated calls, each
of which still checks every session file for changes. The last line is for scripts:
`history sessions=… list_ms=… search_ms=… actions_ms=…` (warm medians).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import machine_line  # noqa: E402
from _history import build_history  # noqa: E402

from sessions.actions import grouped, load_actions, select  # noqa: E402
from sessions.index import Index  # noqa: E402
from sessions.search import Searcher  # noqa: E402
from sessions.store import DataDir  # noqa: E402

GOALS = {"list_ms": 150, "search_ms": 300, "actions_ms": 150}
RARE_ZH = "蓝海计划"
RARE_EN = "bluefin"
RARE_SHARE = 0.01

# The mix of a sales team's notes; actions are what the open-actions view goes through.
KINDS = {
    "note": 60,
    "action": 12,
    "decision": 10,
    "question": 8,
    "idea": 4,
    "parking": 3,
    "kudos": 3,
}


def timed(fn, runs: int) -> tuple[float, list[float]]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--keep", type=Path, default=None, help="Build into this folder and keep it."
    )
    parser.add_argument("--append-docs", action="store_true", help="Append to docs/performance.md.")
    args = parser.parse_args()

    print(f"machine: {machine_line()}")
    root = args.keep or Path(tempfile.mkdtemp(prefix="minutely-bench-"))
    datadir = DataDir(root)
    try:
        t = time.perf_counter()
        rare = build_history(
            root,
            args.sessions,
            (args.items, args.items),
            seed=7,
            kinds=KINDS,
            plant={"zh": RARE_ZH, "en": RARE_EN},
            plant_rate=RARE_SHARE,
            # Each meeting follows up only the actions of the one before, 60 % of them done:
            # the rest stay open for good, a long list for the open-actions view.
            done_share=0.6,
            carry_open=False,
        ).planted
        build_s = time.perf_counter() - t
        size = sum(p.stat().st_size for p in datadir.sessions_dir.glob("*.json"))
        print(
            f"built {args.sessions} sessions × {args.items} items in {build_s:.1f}s "
            f"({size / 1e6:.0f} MB); '{RARE_ZH}' in {rare[RARE_ZH]} notes, '{RARE_EN}' in {rare[RARE_EN]}"
        )

        t = time.perf_counter()
        cold_index = Index(datadir)
        listing = cold_index.listing()
        cold_list = (time.perf_counter() - t) * 1000
        assert len(listing.sessions) == args.sessions, listing.problems[:3]

        searcher = Searcher(datadir)
        t = time.perf_counter()
        searcher.refresh(cold_index)  # the corpus from what the cold listing just read
        result = searcher.search(RARE_ZH, refresh=False)
        cold_search = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        load_actions(datadir)
        cold_actions = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        fresh = Searcher(datadir)
        fresh.search(RARE_EN)
        first_search = (time.perf_counter() - t) * 1000

        list_ms, _ = timed(lambda: Index(datadir).listing(), args.runs)
        queries = [RARE_ZH, RARE_EN, "bluefin", "蓝海", "acme"]
        counter = iter(range(10**6))
        search_ms, _ = timed(lambda: fresh.search(queries[next(counter) % len(queries)]), args.runs)
        today = date(2026, 12, 1)

        def open_actions() -> None:
            book = load_actions(datadir)
            grouped(select(book.actions, open_only=True), today)

        actions_ms, _ = timed(open_actions, args.runs)

        def open_actions_rebuilt() -> None:
            # What the first look after a change costs: every action's status worked out again.
            listing = Index(datadir).listing()
            book = load_actions(datadir, sessions=listing.sessions)
            grouped(select(book.actions, open_only=True), today)

        rebuilt_ms, _ = timed(open_actions_rebuilt, args.runs)
        book = load_actions(datadir)
        open_count = len(select(book.actions, open_only=True))
        hits_zh = fresh.search(RARE_ZH)
        hits_en = fresh.search(RARE_EN)
        print(
            f"cold (no index, no corpus): list {cold_list:.0f} ms, search {cold_search:.0f} ms, "
            f"actions {cold_actions:.0f} ms; first search of a new screen (corpus file) "
            f"{first_search:.0f} ms"
        )
        print(
            f"warm medians of {args.runs}: list {list_ms:.1f} ms (goal {GOALS['list_ms']}), "
            f"search {search_ms:.1f} ms (goal {GOALS['search_ms']}), "
            f"open actions {actions_ms:.1f} ms (goal {GOALS['actions_ms']}); "
            f"open actions right after a change {rebuilt_ms:.1f} ms"
        )
        print(
            f"search '{RARE_ZH}': {hits_zh.total} lines in {hits_zh.sessions} sessions "
            f"(first cold result {result.total}); '{RARE_EN}': {hits_en.total} lines; "
            f"actions: {len(book.actions)} in all, {open_count} open"
        )
        index_mb = datadir.index_path.stat().st_size / 1e6
        corpus_mb = (datadir.root / "search.json").stat().st_size / 1e6
        print(f"index.json {index_mb:.1f} MB, search.json {corpus_mb:.1f} MB")
        line = (
            f"history sessions={args.sessions} list_ms={list_ms:.1f} "
            f"search_ms={search_ms:.1f} actions_ms={actions_ms:.1f}"
        )
        if args.append_docs:
            figures = {
                "cold_list": cold_list,
                "cold_search": cold_search,
                "cold_actions": cold_actions,
                "first_search": first_search,
                "rebuilt_ms": rebuilt_ms,
                "index_mb": index_mb,
                "corpus_mb": corpus_mb,
                "size": size,
            }
            append_docs(args, line, figures)
        print(line)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


def append_docs(args: argparse.Namespace, line: str, figures: dict[str, float]) -> None:
    docs = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
    docs.parent.mkdir(exist_ok=True)
    existing = docs.read_text(encoding="utf-8") if docs.exists() else "# Performance\n"
    block = (
        f"\n## History at scale ({datetime.now():%Y-%m-%d %H:%M}, `bench/history.py`)\n\n"
        f"- Machine: {machine_line()}\n"
        f"- Data: {args.sessions} sessions × {args.items} items (zh and en), "
        f"{figures['size'] / 1e6:.0f} MB of session files; index.json {figures['index_mb']:.1f} MB, "
        f"search.json {figures['corpus_mb']:.1f} MB\n"
        f"- Warm medians of {args.runs} (goals {GOALS['list_ms']} / {GOALS['search_ms']} / "
        f"{GOALS['actions_ms']} ms): `{line}`\n"
        f"- Cold (no index, no corpus on disk): list {figures['cold_list']:.0f} ms, search "
        f"{figures['cold_search']:.0f} ms, actions {figures['cold_actions']:.0f} ms; first search of a newly "
        f"opened history screen (corpus read from disk) {figures['first_search']:.0f} ms; open actions "
        f"right after a change (every status worked out again) {figures['rebuilt_ms']:.0f} ms\n"
    )
    with docs.open("a", encoding="utf-8") as out:
        if not existing.endswith("\n"):
            out.write("\n")
        if not docs.stat().st_size:
            out.write("# Performance\n")
        out.write(block)


if __name__ == "__main__":
    main()
