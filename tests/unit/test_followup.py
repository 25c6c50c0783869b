"""Follow-up across a series: open actions are carried to the next meeting until done or cancelled."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from sessions.actions import WHERE_CLI, change_status, load_actions
from sessions.followup import CarriedTopic, carried_for, carried_topics, topics_from_header
from sessions.session import Session
from sessions.start import start_session
from sessions.statuses import ActionStatus


def _meeting(datadir, agenda, clock, lines, *, statuses=(), end=True, carried_today=None):
    """One meeting of the series: follow-up statuses first, then the lines in the discussion."""
    today = carried_today or clock.wall().date()
    carried, previous = carried_for(datadir, agenda, today)
    session = Session.start(datadir, agenda, clock, carried=carried, previous=previous)
    for number, status, comment in statuses:
        session.set_followup(number, status, comment)
    clock.advance(60)
    session.jump(2)
    for line in lines:
        clock.advance(30)
        session.submit(line)
    if end:
        clock.advance(60)
        session.end()
    session.close()
    return session


def test_an_action_done_at_the_second_meeting_is_not_carried_to_the_third(datadir, agenda, clock):
    first = _meeting(
        datadir,
        agenda,
        clock,
        ["/a 整理客户名单 @张伟 due:2026-12-05 | 名单上传到共享盘", "/a Call the dealer @Tom"],
    )
    clock.advance(7 * 86400)
    carried, previous = carried_for(datadir, agenda, date(2026, 12, 8))
    assert previous == first.id
    assert [c.ref for c in carried] == [f"{first.id}#1", f"{first.id}#2"]
    list_item = carried[0]
    assert list_item.text == "整理客户名单"
    assert list_item.owner == "张伟"
    assert list_item.due == "2026-12-05"
    assert list_item.criteria == "名单上传到共享盘"
    assert list_item.origin == first.id
    assert list_item.origin_title == agenda.meeting.title
    assert list_item.origin_date == "2026-12-01"
    assert list_item.days_overdue == 3
    assert list_item.status == "open"
    assert carried[1].due is None and carried[1].days_overdue == 0

    second = _meeting(
        datadir,
        agenda,
        clock,
        ["/a 准备报价单 @陈静"],
        statuses=[(1, "done", "已上传"), (2, "blocked", "dealer away")],
    )
    clock.advance(7 * 86400)
    carried, previous = carried_for(datadir, agenda, date(2026, 12, 15))
    assert previous == second.id
    refs = [c.ref for c in carried]
    assert f"{first.id}#1" not in refs
    assert refs == [f"{first.id}#2", f"{second.id}#1"]
    assert carried[0].status == "blocked"
    assert carried[0].comment == "dealer away"

    third = _meeting(datadir, agenda, clock, [], statuses=[(1, "doing", "back next week")])
    carried, previous = carried_for(datadir, agenda, date(2026, 12, 22))
    assert previous == third.id
    assert [(c.ref, c.status) for c in carried] == [
        (f"{first.id}#2", "doing"),
        (f"{second.id}#1", "open"),
    ]


def test_an_action_cancelled_in_the_ledger_is_no_longer_open(datadir, agenda, clock):
    first = _meeting(datadir, agenda, clock, ["/a 整理客户名单 @张伟", "/a 更新价格表 @陈静"])
    ref = f"{first.id}#1"
    change_status(datadir, ref, "cancelled", "客户取消", clock.wall().timestamp() + 10, WHERE_CLI)
    carried, _ = carried_for(datadir, agenda, date(2026, 12, 2))
    assert [c.ref for c in carried] == [f"{first.id}#2"]
    book = load_actions(datadir)
    action = book.get(ref)
    assert action is not None and action.status == "cancelled"
    assert [(c.status, c.comment, c.where) for c in action.history] == [
        ("cancelled", "客户取消", "cli")
    ]
    # Reopened later: it is carried again.
    change_status(datadir, ref, "reopened", None, clock.wall().timestamp() + 20, WHERE_CLI)
    carried, _ = carried_for(datadir, agenda, date(2026, 12, 2))
    assert f"{first.id}#1" in [c.ref for c in carried]


def test_the_latest_change_wins_across_the_ledger_and_a_later_meeting(datadir, agenda, clock):
    first = _meeting(datadir, agenda, clock, ["/a 整理客户名单 @张伟"])
    ref = f"{first.id}#1"
    # Marked done from the screen the day after...
    change_status(datadir, ref, "done", None, clock.wall().timestamp() + 86400, "actions screen")
    # ...so a week later it is not carried at all.
    clock.advance(7 * 86400)
    carried, _ = carried_for(datadir, agenda, date(2026, 12, 8))
    assert carried == []
    # Reopened in the ledger after that: open again, and the history lists both.
    change_status(datadir, ref, "reopened", "还差两家", clock.wall().timestamp(), WHERE_CLI)
    carried, _ = carried_for(datadir, agenda, date(2026, 12, 8))
    assert [c.ref for c in carried] == [ref]
    assert carried[0].comment == "还差两家"


def test_overdue_days_count_from_the_injected_date(datadir, agenda, clock):
    _meeting(datadir, agenda, clock, ["/a 整理客户名单 @张伟 due:2026-12-03"])
    for today, overdue in [
        (date(2026, 12, 1), 0),
        (date(2026, 12, 3), 0),
        (date(2026, 12, 4), 1),
        (date(2027, 1, 2), 30),
    ]:
        carried, _ = carried_for(datadir, agenda, today)
        assert carried[0].days_overdue == overdue


def test_no_series_no_follow_up_and_other_series_stay_apart(datadir, agenda, clock):
    _meeting(datadir, agenda, clock, ["/a 整理客户名单 @张伟"])
    solo = dataclasses.replace(agenda, meeting=dataclasses.replace(agenda.meeting, series=None))
    assert carried_for(datadir, solo, date(2026, 12, 2)) == ([], None)
    other = dataclasses.replace(
        agenda, meeting=dataclasses.replace(agenda.meeting, series="west-monthly")
    )
    assert carried_for(datadir, other, date(2026, 12, 2)) == ([], None)
    assert carried_topics(datadir, other) == []


def test_unreached_sections_and_the_parking_lot_are_carried_topics(datadir, agenda, clock):
    first = _meeting(datadir, agenda, clock, ["/p 展会预算", "普通记录"])
    topics = carried_topics(datadir, agenda)
    # Sections 0 and 2 were reached; 1 and 3 were not (the break is never carried).
    assert topics == [
        CarriedTopic("section", "11 月销售回顾", first.id, "2026-12-01"),
        CarriedTopic("section", "12 月任务分解", first.id, "2026-12-01"),
        CarriedTopic("parking", "展会预算", first.id, "2026-12-01"),
    ]


def test_carried_topics_go_into_the_header_and_come_back_typed(datadir, agenda, clock):
    first = _meeting(datadir, agenda, clock, ["/p 展会预算"])
    topics = carried_topics(datadir, agenda)
    session = Session.start(datadir, agenda, clock, topics=topics)
    session.close()
    header = datadir.read(session.id).meta["carried_topics"]
    assert header[-1] == {
        "kind": "parking",
        "text": "展会预算",
        "origin": first.id,
        "origin_date": "2026-12-01",
    }
    assert topics_from_header(header) == topics
    resumed = Session.resume(datadir, session.id, clock)
    try:
        assert resumed.carried_topics == topics
    finally:
        resumed.close()


def test_carried_topics_of_early_or_hand_edited_headers_are_read_as_far_as_they_go():
    header = [
        {"text": "没有类别的议题"},  # no kind: a section not reached
        {"kind": "parking", "text": "暂存", "origin_date": None},
        {"kind": "parking", "text": ""},  # nothing to show
        "not a topic",
    ]
    assert topics_from_header(header) == [
        CarriedTopic("section", "没有类别的议题"),
        CarriedTopic("parking", "暂存"),
    ]
    assert topics_from_header(None) == []


def test_undone_and_deleted_actions_are_not_carried(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    session.submit("/a 整理客户名单 @张伟")
    session.submit("/a 错的 @张伟")
    session.undo()
    session.submit("/a 也错 @张伟")
    session.delete(3)
    session.end()
    session.close()
    carried, _ = carried_for(datadir, agenda, date(2026, 12, 2))
    assert [c.text for c in carried] == ["整理客户名单"]


@pytest.mark.parametrize(
    ("status", "carried_as"),
    [
        (None, "open"),
        ("doing", "doing"),
        ("blocked", "blocked"),
        ("done", None),
        ("cancelled", None),
    ],
)
def test_the_carry_over_rule(datadir, agenda, clock, status, carried_as):
    """Open, doing and blocked actions are carried; done and cancelled are not; oldest first."""
    older = _meeting(datadir, agenda, clock, ["/a 整理客户名单 @张伟", "/a 更新价格表 @陈静"])
    clock.advance(7 * 86400)
    newer = _meeting(datadir, agenda, clock, ["/a 准备报价单 @陈静"])
    if status is not None:
        at = clock.wall().timestamp() + 10
        change_status(datadir, f"{older.id}#1", status, "按会议记录", at, WHERE_CLI)

    carried, previous = carried_for(datadir, agenda, date(2026, 12, 15))

    assert previous == newer.id
    expected = [(f"{older.id}#1", carried_as)] if carried_as else []
    expected += [(f"{older.id}#2", "open"), (f"{newer.id}#1", "open")]
    assert [(c.ref, c.status) for c in carried] == expected


def test_a_new_meeting_of_the_series_starts_with_its_open_actions_and_left_over_topics(
    datadir, agenda, clock
):
    first = _meeting(datadir, agenda, clock, ["/a 整理客户名单 @张伟", "/p 展会预算"])
    clock.advance(7 * 86400)
    session = start_session(datadir, agenda, clock, "zh", attendance=None)
    try:
        assert [c.ref for c in session.state.carried] == [f"{first.id}#1"]
        assert session.state.carried[0].owner == "张伟"
        assert session.meta["previous"] == first.id
        parking = [t for t in session.meta["carried_topics"] if t["kind"] == "parking"]
        assert [t["text"] for t in parking] == ["展会预算"]
        session.submit("/status 1 done 已上传")
        assert session.state.followup[f"{first.id}#1"].status is ActionStatus.DONE
    finally:
        session.close()
