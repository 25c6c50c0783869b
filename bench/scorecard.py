"""The series scorecard as a user waits for it: `minutely series NAME` on a real pty, against the bare Textual app.

    nice .venv/bin/python bench/scorecard.py [--meetings 36] [--reps 12] [--runs 7]

A series of monthly meetings (each with every rep's target and result, `/target` for the next
month, talk, actions, some done) is recorded through the domain API with a fake clock into a
temporary folder. Then, in a fresh 160x48 pty each time (`bench/_pty.py`), `minutely series
NAME` is timed until the scorecard's first rows are on the screen (the first rep's row of the
sales part), and the bare Textual app until its first frame, runs alternating so that a busy
moment hurts both alike; medians.

The last line is for scripts: the goal of issue 12 (rows within 1.5x the bare app's first
frame), `key=value` pairs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import as_installed, machine_line, verdict  # noqa: E402
from _pty import Terminal, hello_frame, minutely_argv  # noqa: E402

from agendas.model import Agenda, Meeting, Participant, Section, SectionKind  # noqa: E402
from sessions.actions import change_status  # noqa: E402
from sessions.clock import FakeClock  # noqa: E402
from sessions.datadir import DataDir  # noqa: E402
from sessions.start import start_session  # noqa: E402

SERIES = "east-monthly"
GOAL_ROWS_VS_BARE = 1.5
CST = timezone(timedelta(hours=8))
NAMES = (
    "张伟",
    "陈静",
    "刘洋",
    "王芳",
    "李强",
    "赵敏",
    "Tom Baker",
    "孙丽",
    "周杰",
    "吴昊",
    "郑爽",
    "冯涛",
)
SHOWN = "Where each rep stands"  # the sales part's first table, once the scorecard is worked out


def rep_names(reps: int) -> list[str]:
    return [
        NAMES[i % len(NAMES)] + (str(i // len(NAMES)) if i >= len(NAMES) else "")
        for i in range(reps)
    ]


def month_agenda(n: int, reps: list[str]) -> Agenda:
    people = [
        Participant(name, "sales", 1_000_000 + 10_000 * i, 900_000 + 7_919 * ((i + n) % 40))
        for i, name in enumerate(reps)
    ]
    return Agenda(
        meeting=Meeting(title=f"华东区第 {n + 1} 次销售月会", series=SERIES, facilitator="王磊"),
        participants=(Participant("王磊", "facilitator"), *people),
        sections=(
            Section("上月例会工作追踪", 600, SectionKind.FOLLOWUP),
            Section("销售回顾", 900, SectionKind.PERFORMANCE),
            Section("任务分解", 600, SectionKind.TARGETS),
            Section("销售培训", 900, SectionKind.TRAINING),
        ),
    )


def record(datadir: DataDir, meetings: int, reps: int) -> None:
    """`meetings` monthly meetings of one series, the way a facilitator runs them."""
    names = rep_names(reps)
    day = date(2024, 1, 10)
    for n in range(meetings):
        clock = FakeClock(start=datetime(day.year, day.month, day.day, 9, 0, tzinfo=CST))
        session = start_session(datadir, month_agenda(n, names), clock, "zh", attendance=None)
        session.submit("/next")
        for i, name in enumerate(names):
            session.submit(f"/speaker {name}")
            clock.advance(30 + 7 * ((i + n) % 5))
        session.submit("/speaker")
        session.submit(f"/actual {names[n % reps]} {950_000 + n * 1000}")
        for i in range(3):
            session.submit(
                f"/a 跟进客户 {n}-{i} @{names[(n + i) % reps]} due:{day + timedelta(days=14)}"
            )
        session.submit("/next")
        for i, name in enumerate(names):
            session.submit(f"/target {name} {1_100_000 + 5_000 * i}")
        clock.advance(1200)
        session.end()
        session.close()
        done_at = datetime(day.year, day.month, day.day, 18, 0, tzinfo=CST) + timedelta(days=7)
        change_status(datadir, f"{session.id}#1", "done", None, done_at.timestamp(), "cli")
        day = (day.replace(day=1) + timedelta(days=32)).replace(day=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=36)
    parser.add_argument("--reps", type=int, default=12)
    parser.add_argument("--runs", type=int, default=7, help="runs of each (median)")
    args = parser.parse_args()
    print(f"machine: {machine_line()}; {as_installed()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="minutely-bench-scorecard-") as tmp:
        datadir = DataDir(Path(tmp) / "data")
        record(datadir, args.meetings, args.reps)
        first = rep_names(args.reps)[0]
        argv = minutely_argv("series", SERIES, "--lang", "en", "--data-dir", str(datadir.root))
        with Terminal(argv) as term:  # once before timing: the index and caches are built
            term.wait_for(SHOWN, first)
        bare, rows = [], []
        for _ in range(args.runs):
            bare.append(hello_frame())
            with Terminal(argv) as term:
                rows.append(term.wait_for(SHOWN, first))
    bare_s, rows_s = statistics.median(bare), statistics.median(rows)
    ratio = rows_s / bare_s
    print(
        f"  {args.meetings} meetings, {args.reps} reps: rows {rows_s:.3f} s, bare app {bare_s:.3f} s"
    )
    print(f"  rows: {' '.join(f'{s:.3f}' for s in rows)}")
    print(f"  bare: {' '.join(f'{s:.3f}' for s in bare)}")
    print(f"load at the end: {machine_line().rsplit('load ', 1)[1]}")
    print(
        f"meetings={args.meetings} reps={args.reps} rows_s={rows_s:.3f} bare_s={bare_s:.3f} "
        f"rows_vs_bare={ratio:.2f} goal={GOAL_ROWS_VS_BARE} rows_goal={verdict(ratio <= GOAL_ROWS_VS_BARE)}"
    )


if __name__ == "__main__":
    main()
