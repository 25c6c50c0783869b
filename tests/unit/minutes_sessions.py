"""Recorded meetings for the minutes tests: a zh and an en one with every kind of item and event."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from agendas.model import Agenda, Meeting, Participant, Section, SectionKind
from sessions.clock import FakeClock
from sessions.datadir import DataDir
from sessions.events import AttendanceStatus
from sessions.followup import topics_from_header
from sessions.session import Session
from sessions.state import carried_actions


def zh_clock() -> FakeClock:
    return FakeClock(start=datetime(2026, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=8))))


def en_clock() -> FakeClock:
    return FakeClock(start=datetime(2026, 12, 2, 8, 30, tzinfo=timezone(timedelta(hours=-5))))


def zh_agenda() -> Agenda:
    """The monthly sales meeting of tests/conftest.py (kept here so that the golden files do
    not move when the shared fixture does), plus a training section that is never reached."""
    return Agenda(
        meeting=Meeting(
            title="华东区 11 月销售月会",
            series="east-monthly",
            location="3F 大会议室",
            facilitator="王磊",
            scribe="李娜",
            purpose="回顾 11 月业绩，分解 12 月任务",
            language="zh",
            break_after=3600,
            rules=("不准迟到早退",),
        ),
        participants=(
            Participant("王磊", "facilitator"),
            Participant("李娜", "scribe"),
            Participant("张伟", "sales", 1_200_000, 1_350_000),
            Participant("陈静", "sales", 1_000_000, 800_000),
            Participant("Tom Baker", "sales", 900_000, 910_000),
        ),
        sections=(
            Section("上月例会工作追踪", 600, SectionKind.FOLLOWUP),
            Section("11 月销售回顾", 900, SectionKind.PERFORMANCE, presenter="张伟"),
            Section("竞品分析", 600),
            Section("12 月任务分解", 600, SectionKind.TARGETS),
            Section("休息", 300, SectionKind.BREAK),
            Section("销售培训", 900, SectionKind.TRAINING, materials=("案例材料",)),
        ),
        checklist=("发出会议通知", "准备销售报表"),
    )


ZH_CARRIED = [
    {
        "ref": "20261101-0900-aaaa#1",
        "text": "整理重点客户名单",
        "owner": "张伟",
        "due": "2026-11-20",
        "criteria": "名单上传到共享盘",
        "origin": "20261101-0900-aaaa",
        "origin_title": "华东区 10 月销售月会",
        "origin_date": "2026-11-01",
        "days_overdue": 11,
        "status": "open",
        "comment": None,
    },
    {
        "ref": "20261101-0900-aaaa#2",
        "text": "跟进经销商返利政策",
        "owner": "陈静",
        "due": None,
        "criteria": None,
        "origin": "20261101-0900-aaaa",
        "origin_title": "华东区 10 月销售月会",
        "origin_date": "2026-11-01",
        "days_overdue": 0,
        "status": "doing",
        "comment": None,
    },
    {
        "ref": "20261101-0900-aaaa#3",
        "text": "更新产品报价单",
        "owner": "Tom Baker",
        "due": "2026-11-15",
        "criteria": None,
        "origin": "20261101-0900-aaaa",
        "origin_title": "华东区 10 月销售月会",
        "origin_date": "2026-11-01",
        "days_overdue": 16,
        "status": "open",
        "comment": None,
    },
]


def record_zh(datadir: DataDir, clock: FakeClock | None = None) -> str:
    """A zh monthly meeting: late, left-early and absent people, a guest, follow-up statuses,
    targets, a deferred section, an unreached one, undone/deleted/edited items; ended."""
    clock = clock or zh_clock()
    agenda = zh_agenda()
    s = Session.start(
        datadir,
        agenda,
        clock,
        attendance={
            "王磊": AttendanceStatus.PRESENT,
            "李娜": AttendanceStatus.PRESENT,
            "张伟": AttendanceStatus.LATE,
            "陈静": AttendanceStatus.PRESENT,
            "Tom Baker": AttendanceStatus.ABSENT,
        },
        carried=carried_actions(ZH_CARRIED),
        lang="zh",
    )
    # 0 上月例会工作追踪
    s.set_speaker("王磊")
    clock.advance(60)
    s.submit("先过一遍上月的三项待办")
    s.submit("/status 1 done 已上传共享盘")
    clock.advance(120)
    s.submit("/status 3 blocked 等待财务确认价格")
    s.set_speaker("陈静")
    clock.advance(90)
    s.submit("返利政策仍在和经销商沟通")
    clock.advance(300)
    # 1 11 月销售回顾
    s.submit("/next")
    s.submit("/here 张伟")  # arrives late, 09:09
    s.set_speaker("张伟")
    clock.advance(240)
    s.submit("张伟：11 月完成 135 万，完成率 112.5%")
    s.submit("/k @张伟 连续三个月全区第一")
    s.submit("/q 陈静 区域差距的主要原因是什么？")
    s.submit("/extend 5")
    s.set_speaker("陈静")
    clock.advance(600)
    s.submit("陈静：大客户订单推迟到 12 月")
    s.submit("打错的一条")
    s.submit("/u")
    clock.advance(400)
    # 2 竞品分析: deferred to the end
    s.submit("/next")
    s.set_speaker("王磊")
    clock.advance(60)
    s.submit("竞品 A 降价 8%")
    s.defer()
    # 3 12 月任务分解
    clock.advance(30)
    s.submit("/target 张伟 1300000")
    s.submit("/target 陈静 1000000")
    s.submit("/target Tom 950000")
    s.set_speaker("李娜")
    clock.advance(120)
    s.submit("/d 12 月区域目标 325 万，按上表分解")
    s.submit("/a 整理 12 月重点客户拜访计划 @张伟 due:2026-12-05 | 计划表上传共享盘并经主管确认")
    s.submit("/a 联系物流确认春节前发货安排 @小李 due:2026-12-10")
    s.submit("/a 准备竞品价格对比表 @陈静")
    s.submit("/i 试行老客户转介绍奖励")
    s.submit("/p 年会场地预订")
    item = s.submit("删除的一条")
    assert item is not None and item.item is not None
    s.delete(item.item.id)
    s.submit("/d 价格保持不变")
    edited = s.state.items[-1]
    s.edit(edited.id, text="11 月价格保持不变，12 月再议")
    s.submit("/left 陈静")
    clock.advance(240)
    # 4 休息: a pause during the break
    s.submit("/next")
    s.set_speaker(None)
    s.pause()
    clock.advance(300)
    s.resume_clock()
    # the deferred section, then the end (销售培训 never reached)
    s.jump(2)
    s.set_speaker("王磊")
    clock.advance(300)
    s.submit("竞品 B 推出新品，下次会议专题讨论")
    s.submit("/here 赵敏")  # a guest
    clock.advance(60)
    s.end()
    s.close()
    return s.id


def en_agenda() -> Agenda:
    return Agenda(
        meeting=Meeting(
            title="East region weekly sales review",
            series="east-weekly",
            location="Room 4B",
            facilitator="Alice Chen",
            scribe="Bob Smith",
            purpose="Review the week, agree next steps",
            language="en",
            rules=("Be on time", "Phones on silent"),
        ),
        participants=(
            Participant("Alice Chen", "facilitator"),
            Participant("Bob Smith", "scribe"),
            Participant("Carol Jones", "sales", 500_000, 425_000),
            Participant("Dan Brown", "sales", 400_000, 480_000),
            Participant("Eve Adams", "sales", 300_000, 300_000),
            Participant("Frank Li", "sales"),
        ),
        sections=(
            Section("Follow-up of last week's actions", 300, SectionKind.FOLLOWUP),
            Section("Results vs targets", 600, SectionKind.PERFORMANCE, presenter="Carol Jones"),
            Section("Competitor analysis", 600),
            Section("Pipeline review", 900, presenter="Dan Brown"),
            Section("Next month's targets", 300, SectionKind.TARGETS),
            Section("Role play", 600, SectionKind.TRAINING),
        ),
        checklist=("Send the notice", "Print the sales report"),
    )


EN_CARRIED = [
    {
        "ref": "20261125-0830-bbbb#4",
        "text": "Send the revised quote to Acme",
        "owner": "Dan Brown",
        "due": "2026-11-28",
        "criteria": "Quote signed off by finance",
        "origin": "20261125-0830-bbbb",
        "origin_title": "East region weekly sales review",
        "origin_date": "2026-11-25",
        "days_overdue": 4,
        "status": "open",
        "comment": None,
    },
    {
        "ref": "20261125-0830-bbbb#7",
        "text": "Book the trade fair stand",
        "owner": "Zoe",
        "owner_known": False,
        "due": None,
        "criteria": None,
        "origin": "20261125-0830-bbbb",
        "origin_title": "East region weekly sales review",
        "origin_date": "2026-11-25",
        "days_overdue": 0,
        "status": "open",
        "comment": None,
    },
]


EN_TOPICS = [
    {
        "kind": "section",
        "text": "Role play",
        "origin": "20261125-0830-bbbb",
        "origin_date": "2026-11-25",
    },
    {
        "kind": "parking",
        "text": "Trade fair budget",
        "origin": "20261125-0830-bbbb",
        "origin_date": "2026-11-25",
    },
]


def record_en(datadir: DataDir, clock: FakeClock | None = None, *, end: bool = True) -> str:
    """An en weekly meeting: someone never checked in, a late arrival without a time, one who
    leaves early, a deferred section and an unreached one; ended unless `end` is false."""
    clock = clock or en_clock()
    s = Session.start(
        datadir,
        en_agenda(),
        clock,
        attendance={
            "Alice Chen": AttendanceStatus.PRESENT,
            "Bob Smith": AttendanceStatus.PRESENT,
            "Carol Jones": AttendanceStatus.PRESENT,
            "Dan Brown": AttendanceStatus.PRESENT,
            "Frank Li": AttendanceStatus.LATE,
        },
        carried=carried_actions(EN_CARRIED),
        topics=topics_from_header(EN_TOPICS),
        lang="en",
    )
    s.set_speaker("Alice")
    clock.advance(45)
    s.submit("/status 1 doing Finance asked for a second discount level")
    clock.advance(200)
    s.submit("/next")
    s.set_speaker("Carol")
    clock.advance(300)
    s.submit("Carol is at 85% after two delayed orders")
    s.submit("/k @Dan 120% of target, best month this year")
    s.submit("/q Why did the Acme order slip?")
    s.set_speaker("Dan")
    clock.advance(420)
    s.submit("/next")  # Competitor analysis: deferred
    clock.advance(30)
    s.submit("/defer")
    s.set_speaker("Dan")
    clock.advance(600)
    s.submit("Three deals at contract stage, $1.2m in total")
    s.submit("/d Focus on the top 10 accounts until year end")
    s.submit("/a Call Acme's buyer @Dan due:2026-12-04 | Order date confirmed in writing")
    s.submit("/a Draft the Q1 promotion @Zoe due:2026-12-09")
    s.submit("/a Update the CRM pipeline @Carol")
    s.submit("/i A shared deal desk for big bids")
    s.submit("/p Office move in March")
    s.submit("/left Carol")
    clock.advance(400)
    s.submit("/next")
    s.submit("/target Dan 500000")
    s.submit("/target Eve 320000")
    clock.advance(200)
    s.set_speaker("Alice")
    if end:
        s.jump(2)  # the deferred Competitor analysis; Role play is never reached
        clock.advance(300)
        s.submit("Rival X cut prices by 5% in the north")
        s.submit("/d Hold our list prices")
        clock.advance(30)
        s.end()
    else:
        clock.advance(30)
        s.interrupt("terminal closed")
    s.close()
    return s.id
