"""Minutes rendering time: a meeting of 2,000 items and 12 participants as Markdown, HTML and Word.

    /work/venv/bin/python bench/export.py [--items 2000] [--runs 7]

The session is recorded by the real `Session` (every item goes through the capture parser
and the event fold) with a fake clock, but its events are kept in memory instead of being
fsynced one by one: what is measured is the rendering, from the event log to the finished
document (replay, minutes model, layout, renderer). Each format is rendered `--runs` times
(Word: at least 3) and the median is reported. The last line is the summary quoted in
docs/performance.md; the goal is Markdown in 100 ms or less.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import CAPTURE_LINES, machine_line  # noqa: E402

from agendas.model import Agenda, Meeting, Participant, Section, SectionKind  # noqa: E402
from sessions.clock import FakeClock  # noqa: E402
from sessions.events import AttendanceMarked, AttendanceStatus, Event, Started, event_to_dict
from sessions.minutes import render_minutes  # noqa: E402
from sessions.session import Session  # noqa: E402
from sessions.store import SessionRecord  # noqa: E402

NAMES = (
    "王磊",
    "李娜",
    "张伟",
    "陈静",
    "Tom Baker",
    "刘洋",
    "赵敏",
    "孙强",
    "周婷",
    "吴昊",
    "郑爽",
    "Grace Lin",
)


class MemoryWriter:
    """Stands in for the session file: keeps the events, writes nothing."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def append(self, *events: Event) -> None:
        self.events.extend(event_to_dict(event) for event in events)

    def release(self) -> None:
        pass


def agenda() -> Agenda:
    return Agenda(
        meeting=Meeting(
            "华东区 11 月销售月会", "east-monthly", "3F 大会议室", "王磊", "李娜", language="zh"
        ),
        participants=tuple(
            Participant(n, "sales", 1_000_000 + 50_000 * i, 900_000 + 80_000 * i)
            for i, n in enumerate(NAMES)
        ),
        sections=(
            Section("上月例会工作追踪", 600, SectionKind.FOLLOWUP),
            Section("11 月销售回顾", 1800, SectionKind.PERFORMANCE),
            Section("市场月报", 900),
            Section("竞品分析", 900),
            Section("问题与措施", 1800),
            Section("12 月任务分解", 900, SectionKind.TARGETS),
            Section("销售培训", 1800, SectionKind.TRAINING),
            Section("奖惩公布", 600),
        ),
    )


def record_meeting(items: int) -> SessionRecord:
    clock = FakeClock()
    plan = agenda()
    carried = [
        {"ref": f"20261101-0900-aaaa#{n}", "text": f"上月待办 {n}", "owner": NAMES[n % 12]}
        for n in range(1, 21)
    ]
    session_id = "20261201-0900-bench"
    meta: dict[str, Any] = {
        "schema": 1,
        "id": session_id,
        "title": plan.meeting.title,
        "series": plan.meeting.series,
        "lang": "zh",
        "created": clock.wall().isoformat(timespec="seconds"),
        "utc_offset": 28800,
        "agenda": plan.to_dict(),
        "carried": carried,
        "previous": None,
    }
    writer = MemoryWriter()
    record = SessionRecord(session_id, meta, [], Path("bench.json"), 0.0)
    session = Session(writer, record, clock)  # type: ignore[arg-type]
    for n, name in enumerate(NAMES):
        session._append(
            AttendanceMarked,
            name=name,
            status=AttendanceStatus.LATE if n == 7 else AttendanceStatus.PRESENT,
            arrived=n != 7,
        )
    session._append(Started)
    for n in range(1, 21, 3):
        session.set_followup(n, "done" if n % 2 else "doing", "按计划推进")
    per_section = items // len(plan.sections) + 1
    for n in range(items):
        if n and n % per_section == 0:
            session.next()
        if n % 5 == 0:
            session.set_speaker(NAMES[(n // 5) % len(NAMES)])
        if plan.sections[session.state.current or 0].kind is SectionKind.TARGETS and n % 50 == 0:
            session.set_target(NAMES[(n // 50) % len(NAMES)], 1_200_000)
        session.submit(f"{CAPTURE_LINES[n % len(CAPTURE_LINES)]} #{n}")
        clock.advance(1.5)
    session.end()
    return SessionRecord(session_id, meta, writer.events, Path("bench.json"), 0.0)


def median_ms(record: SessionRecord, fmt: str, runs: int) -> tuple[float, int]:
    times = []
    size = 0
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        out = render_minutes(record, fmt, "zh")
        times.append((time.perf_counter() - start) * 1000)
        size = len(out)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"machine: {machine_line()}")
    record = record_meeting(args.items)
    render_minutes(record, "md", "zh")  # warm imports and caches once
    render_minutes(record, "docx", "zh")
    results = {}
    for fmt in ("md", "html", "docx"):
        runs = args.runs if fmt != "docx" else max(3, args.runs // 2)
        ms, size = median_ms(record, fmt, runs)
        results[fmt] = ms
        print(f"{fmt:5} median {ms:8.1f} ms over {runs} runs, {size / 1024:.0f} kB")
    print(
        f"export items={args.items} md_ms={results['md']:.0f} "
        f"html_ms={results['html']:.0f} docx_ms={results['docx']:.0f}"
    )


if __name__ == "__main__":
    main()
