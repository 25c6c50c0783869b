"""Three monthly meetings of one series, recorded through the domain, for the scorecard tests (unit, Pilot, snapshots, bench).

What they hold (today is 2026-12-05):

* October (2026-10-08): targets from the agenda; `/target 张伟 1200000` and `/target Tom
  600000` for November. Five actions: 张伟's done on time (ledger, late on its due date), 陈静's done late
  (at the November meeting), Tom's never done (overdue), 李娜's without a due date, one
  without an owner. 王磊 300 s, 张伟 200 s, 陈静 100 s; Tom and 李娜 silent; 陈静 late;
  training never reached.
* November (2026-11-05): 张伟 and Tom without an agenda target (carried), ties 1, 1, 3;
  李娜 absent; 王磊 holds 600 of 800 s; training runs long (70 min in all, 50 planned); `/target Tom 700000`; one more action for 陈静.
* December (2026-12-03): Tom's agenda target (650,000) wins over the carried 700,000;
  张伟's result comes from the results mapping; Tom late; everyone speaks but 李娜.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from agendas.model import Agenda, Meeting, Participant, Section, SectionKind
from sessions.actions import change_status
from sessions.clock import FakeClock
from sessions.datadir import DataDir
from sessions.session import Session
from sessions.start import start_session

TODAY = date(2026, 12, 5)
CST = timezone(timedelta(hours=8))
SERIES = "east-monthly"


def meeting_clock(day: date) -> FakeClock:
    return FakeClock(start=datetime(day.year, day.month, day.day, 9, 0, tzinfo=CST))


def month_agenda(month: str, reps: list[tuple[str, float | None, float | None]]) -> Agenda:
    return Agenda(
        meeting=Meeting(
            title=f"华东区 {month} 月销售月会",
            series=SERIES,
            location="3F 大会议室",
            facilitator="王磊",
            scribe="李娜",
            language="zh",
        ),
        participants=(
            Participant("王磊", "facilitator"),
            Participant("李娜", "scribe"),
            *(Participant(name, "sales", target, actual) for name, target, actual in reps),
        ),
        sections=(
            Section("上月例会工作追踪", 600, SectionKind.FOLLOWUP),
            Section(f"{month} 月销售回顾", 900, SectionKind.PERFORMANCE),
            Section("任务分解", 600, SectionKind.TARGETS),
            Section("销售培训", 900, SectionKind.TRAINING),
        ),
    )


def talk(session: Session, clock: FakeClock, *turns: tuple[str, float]) -> None:
    for name, seconds in turns:
        session.submit(f"/speaker {name}")
        clock.advance(seconds)
    session.submit("/speaker")


@dataclass
class Series:
    ids: list[str]
    results: dict[str, dict[str, float]]


def record_series(datadir: DataDir) -> Series:
    # October
    clock = meeting_clock(date(2026, 10, 8))
    agenda = month_agenda(
        "10",
        [
            ("张伟", 1_000_000, 900_000),
            ("陈静", 800_000, 800_000),
            ("Tom Baker", 500_000, 450_000),
        ],
    )
    oct_ = start_session(datadir, agenda, clock, "zh", attendance=None)
    oct_.submit("/late 陈静")
    talk(oct_, clock, ("王磊", 300))
    oct_.submit("/next")
    talk(oct_, clock, ("张伟", 200), ("陈静", 100))
    for line in [
        "/a 整理客户名单 @张伟 due:2026-10-15",
        "/a 准备报价单 @陈静 due:2026-10-20",
        "/a 拜访 Acme 采购 @Tom due:2026-10-30",
        "/a 更新培训材料 @李娜",
        "/a 更新价格表 due:2026-12-31",
    ]:
        oct_.submit(line)
    oct_.submit("/next")
    oct_.submit("/target 张伟 1200000")
    oct_.submit("/target Tom 600000")
    clock.advance(600)
    oct_.end()
    oct_.close()
    done_on = datetime(2026, 10, 15, 23, 30, tzinfo=CST).timestamp()  # its due date
    change_status(datadir, f"{oct_.id}#1", "done", None, done_on, "cli")

    # November
    clock = meeting_clock(date(2026, 11, 5))
    agenda = month_agenda(
        "11",
        [("张伟", None, 1_320_000), ("陈静", 900_000, 990_000), ("Tom Baker", None, 480_000)],
    )
    nov = start_session(datadir, agenda, clock, "zh", attendance=None)
    nov.submit("/absent 李娜")
    nov.submit("/status 1 done 已发出")  # 陈静's quote, carried first
    talk(nov, clock, ("王磊", 600))
    nov.submit("/next")
    talk(nov, clock, ("张伟", 100), ("陈静", 100))
    nov.submit("/a 拜访大客户 @陈静 due:2026-12-10")
    nov.submit("/next")
    nov.submit("/target Tom 700000")
    nov.submit("/next")
    clock.advance(3400)
    nov.end()
    nov.close()

    # December
    clock = meeting_clock(date(2026, 12, 3))
    agenda = month_agenda(
        "12",
        [("张伟", 1_300_000, None), ("陈静", 900_000, 1_000_000), ("Tom Baker", 650_000, 520_000)],
    )
    dec = start_session(datadir, agenda, clock, "zh", attendance=None)
    dec.submit("/late Tom")
    talk(dec, clock, ("王磊", 200), ("张伟", 200), ("陈静", 200), ("Tom", 100))
    dec.submit("/next")
    clock.advance(300)
    dec.end()
    dec.close()
    return Series([oct_.id, nov.id, dec.id], {dec.id: {"张伟": 1_300_000}})
