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
import json
import os
import platform
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sessions.actions import grouped, load_actions, select  # noqa: E402
from sessions.index import Index  # noqa: E402
from sessions.search import Searcher  # noqa: E402
from sessions.store import SCHEMA, DataDir, write_atomic  # noqa: E402

GOALS = {"list_ms": 150, "search_ms": 300, "actions_ms": 150}
RARE_ZH = "蓝海计划"
RARE_EN = "bluefin"
RARE_SHARE = 0.01

SEED_TEXT = Path("/work/shared/seed/000_bfd8a2523a4bc8ba.txt")
ZH_FALLBACK = [
    "本月华东区回款率提升到百分之九十二",
    "重点客户拜访计划需要在周五前提交",
    "竞品降价百分之五，需要评估对我们报价的影响",
    "新人培训安排在下周三下午",
    "渠道库存偏高，暂停压货",
    "月度目标完成率低于八成的同事需要说明原因",
]
EN_PHRASES = [
    "Pipeline review for the {region} region shows {n} new leads",
    "Follow up with {client} on the renewal quote",
    "Competitor dropped prices by {n} percent in {region}",
    "Training on objection handling next {day}",
    "Collections rate reached {n} percent this month",
    "Demo for {client} moved to {day}",
    "Marketing to share the trade show leads with sales",
    "Customer service reported {n} open complaints",
]
REGIONS = ["east", "north", "south", "west", "Shanghai", "Hangzhou"]
CLIENTS = ["Acme", "Globex", "Initech", "Umbrella", "华润", "万科", "Hooli"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
KINDS = ["note"] * 60 + ["action"] * 12 + ["decision"] * 10 + ["question"] * 8
KINDS += ["idea"] * 4 + ["parking"] * 3 + ["kudos"] * 3
SERIES = [
    ("east-monthly", "华东区销售月会", "zh", 30),
    ("east-weekly", "华东区销售周会", "zh", 7),
    ("global-weekly", "Global sales weekly", "en", 7),
    ("daily-standup", "Daily stand-up", "en", 1),
]
PEOPLE = {
    "zh": ["王磊", "李娜", "张伟", "陈静", "刘洋", "赵敏", "孙强"],
    "en": ["Alice Wong", "Bob Chen", "Tom Baker", "Dana Lee", "Evan Ma", "Fay Liu"],
}
SECTIONS = {
    "zh": [
        ("上月例会工作追踪", 600, "followup"),
        ("销售回顾", 900, "performance"),
        ("部门汇报", 900, "discussion"),
        ("竞品分析", 600, "discussion"),
        ("问题与下一步", 900, "discussion"),
        ("任务分解", 600, "targets"),
        ("销售培训", 900, "training"),
    ],
    "en": [
        ("Follow-up of last actions", 600, "followup"),
        ("Review of the month", 900, "performance"),
        ("Department reports", 900, "discussion"),
        ("Competitors", 600, "discussion"),
        ("Problems and next steps", 900, "discussion"),
        ("Targets", 600, "targets"),
        ("Training", 900, "training"),
    ],
}


def zh_sentences() -> list[str]:
    try:
        text = SEED_TEXT.read_text(encoding="utf-8")
    except OSError:
        return ZH_FALLBACK
    parts = [p.strip() for chunk in text.split("\n") for p in chunk.replace("。", "，").split("，")]
    found = [p for p in parts if 6 <= len(p) <= 60]
    return found or ZH_FALLBACK


def en_sentence(rng: random.Random) -> str:
    return rng.choice(EN_PHRASES).format(
        region=rng.choice(REGIONS),
        client=rng.choice(CLIENTS),
        n=rng.randint(2, 95),
        day=rng.choice(DAYS),
    )


def build(datadir: DataDir, count: int, items: int, seed: int = 7) -> dict[str, int]:
    """Write `count` ended sessions in the store's format; returns how many rare words went in."""
    rng = random.Random(seed)
    zh = zh_sentences()
    datadir.ensure()
    start = datetime(2021, 1, 4, 9, 0, tzinfo=UTC)
    rare = {RARE_ZH: 0, RARE_EN: 0}
    last_actions: dict[str, list[tuple[str, int]]] = {}
    used_ids: set[str] = set()
    for n in range(count):
        series, title, lang, _every = SERIES[n % len(SERIES)]
        began = start + timedelta(hours=20 * n + rng.randint(0, 3))
        stamp = began.strftime("%Y%m%d-%H%M")
        session_id = f"{stamp}-{secrets.token_hex(2)}"
        while session_id in used_ids:
            session_id = f"{stamp}-{secrets.token_hex(2)}"
        used_ids.add(session_id)
        people = PEOPLE[lang]
        sections = SECTIONS[lang]
        t0 = began.timestamp()
        agenda = {
            "meeting": {
                "title": f"{title} {began:%Y-%m-%d}",
                "series": series,
                "location": "3F",
                "facilitator": people[0],
                "scribe": people[1],
                "purpose": None,
                "language": lang,
                "starts": None,
                "break_after": 3600,
                "rules": [],
            },
            "participants": [
                {"name": p, "role": None, "target": None, "actual": None} for p in people
            ],
            "sections": [
                {
                    "title": s,
                    "duration": d,
                    "kind": k,
                    "presenter": None,
                    "materials": [],
                    "goals": [],
                }
                for s, d, k in sections
            ],
            "checklist": [],
            "source": None,
        }
        carried = [
            {"ref": f"{sid}#{iid}", "text": "carried"} for sid, iid in last_actions.get(series, [])
        ]
        events: list[dict[str, object]] = []

        def add(
            event_type: str,
            at: float,
            /,
            events: list[dict[str, object]] = events,
            **payload: object,
        ) -> None:
            events.append(
                {"seq": len(events) + 1, "type": event_type, "at": round(at, 3), **payload}
            )

        for p in people:
            add("attendance", t0, name=p, status="present", arrived=True)
        add("started", t0)
        at = t0
        for c in carried:
            at += 20
            status = rng.choice(["done", "done", "done", "doing", "blocked"])
            add("followup", at, ref=c["ref"], status=status, comment=None)
        actions: list[tuple[str, int]] = []
        per_section = max(1, items // len(sections))
        item_id = 0
        for index in range(len(sections)):
            if index:
                at += 30
                add("section", at, index=index)
            for _ in range(per_section):
                item_id += 1
                at += rng.randint(10, 40)
                kind = rng.choice(KINDS)
                text = rng.choice(zh) if lang == "zh" else en_sentence(rng)
                if rng.random() < RARE_SHARE:
                    word = RARE_ZH if lang == "zh" else RARE_EN
                    text = f"{text} {word}" if rng.random() < 0.5 else f"{word} {text}"
                    rare[word] += 1
                payload: dict[str, object] = {
                    "id": item_id,
                    "kind": kind,
                    "text": text,
                    "section": index,
                    "owner": None,
                    "owner_known": True,
                    "due": None,
                    "criteria": None,
                    "speaker": rng.choice(people),
                }
                if kind == "action":
                    payload["owner"] = rng.choice(people)
                    payload["due"] = (began.date() + timedelta(days=rng.randint(1, 21))).isoformat()
                    payload["criteria"] = (
                        "名单上传共享盘" if lang == "zh" else "shared in the drive"
                    )
                    actions.append((session_id, item_id))
                add("item", at, **payload)
        add("ended", at + 60)
        last_actions[series] = actions
        data = {
            "meta": {
                "1": {
                    "schema": SCHEMA,
                    "id": session_id,
                    "title": agenda["meeting"]["title"],  # type: ignore[index]
                    "series": series,
                    "lang": lang,
                    "created": began.isoformat(timespec="seconds"),
                    "utc_offset": 0,
                    "agenda": agenda,
                    "carried": carried,
                    "previous": None,
                }
            },
            "events": {str(i + 1): e for i, e in enumerate(events)},
        }
        path = datadir.session_path(session_id)
        write_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        # Every session leaves its lock file behind; listing checks them all.
        path.with_suffix(".lock").write_bytes(b"")
    return rare


def timed(fn, runs: int) -> tuple[float, list[float]]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), times


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    uname = subprocess.run(["uname", "-a"], capture_output=True, text=True).stdout.strip()
    return f"{uname}; nproc={os.cpu_count()}; CPU: {cpu}; Python {platform.python_version()}"


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

    root = args.keep or Path(tempfile.mkdtemp(prefix="minutely-bench-"))
    datadir = DataDir(root)
    try:
        t = time.perf_counter()
        rare = build(datadir, args.sessions, args.items)
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
            append_docs(
                args,
                line,
                cold_list,
                cold_search,
                cold_actions,
                first_search,
                rebuilt_ms,
                index_mb,
                corpus_mb,
                size,
            )
        print(line)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


def append_docs(  # type: ignore[no-untyped-def]
    args,
    line,
    cold_list,
    cold_search,
    cold_actions,
    first_search,
    rebuilt_ms,
    index_mb,
    corpus_mb,
    size,
) -> None:
    docs = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
    docs.parent.mkdir(exist_ok=True)
    existing = docs.read_text(encoding="utf-8") if docs.exists() else "# Performance\n"
    block = (
        f"\n## History at scale ({datetime.now():%Y-%m-%d %H:%M}, `bench/history.py`)\n\n"
        f"- Machine: {machine()}\n"
        f"- Data: {args.sessions} sessions × {args.items} items (zh and en), "
        f"{size / 1e6:.0f} MB of session files; index.json {index_mb:.1f} MB, "
        f"search.json {corpus_mb:.1f} MB\n"
        f"- Warm medians of {args.runs} (goals {GOALS['list_ms']} / {GOALS['search_ms']} / "
        f"{GOALS['actions_ms']} ms): `{line}`\n"
        f"- Cold (no index, no corpus on disk): list {cold_list:.0f} ms, search "
        f"{cold_search:.0f} ms, actions {cold_actions:.0f} ms; first search of a newly "
        f"opened history screen (corpus read from disk) {first_search:.0f} ms; open actions "
        f"right after a change (every status worked out again) {rebuilt_ms:.0f} ms\n"
    )
    with docs.open("a", encoding="utf-8") as out:
        if not existing.endswith("\n"):
            out.write("\n")
        if not docs.stat().st_size:
            out.write("# Performance\n")
        out.write(block)


if __name__ == "__main__":
    main()
