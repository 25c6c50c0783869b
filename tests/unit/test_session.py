"""The live Session: commands become events on disk first, errors are one line, resume restores it all."""

from __future__ import annotations

from datetime import date

import pytest

from sessions.capture import Command, CommandName, ItemKind
from sessions.disk import SessionLocked
from sessions.events import AttendanceStatus
from sessions.session import Captured, Session, SessionError, Steered, Undone
from sessions.state import carried_actions, replay_record


@pytest.fixture
def session(datadir, agenda, clock):
    live = Session.start(datadir, agenda, clock)
    yield live
    live.close()


def on_disk(session: Session):
    record = session.writer.datadir.read(session.id)
    return replay_record(record)


def one_line(exc: pytest.ExceptionInfo[SessionError]) -> str:
    message = str(exc.value)
    assert message and "\n" not in message
    return message


# -- starting ---------------------------------------------------------------------------


def test_start_marks_everyone_present_by_default(session, clock):
    state = session.state
    assert state.started_at == session.now() and state.current == 0 and state.running
    assert {a.status for a in state.attendance.values()} == {AttendanceStatus.PRESENT}
    assert session.meta["title"] == "华东区 11 月销售月会"
    assert session.id.startswith("20261201-0900-")
    assert session.today() == date(2026, 12, 1)


def test_start_with_attendance_and_checklist(datadir, agenda, clock):
    session = Session.start(
        datadir,
        agenda,
        clock,
        attendance={
            "王磊": AttendanceStatus.PRESENT,
            "张伟": AttendanceStatus.LATE,
            "陈静": AttendanceStatus.ABSENT,
            "李娜": AttendanceStatus.EXPECTED,
        },
        checklist={0: True, 1: False},
        lang="zh",
    )
    try:
        people = session.state.attendance
        assert (
            people["王磊"].status == AttendanceStatus.PRESENT and people["王磊"].arrived is not None
        )
        assert people["张伟"].status == AttendanceStatus.LATE and people["张伟"].arrived is None
        assert people["陈静"].status == AttendanceStatus.ABSENT
        assert (
            people["李娜"].status == AttendanceStatus.EXPECTED
            and people["Tom Baker"].status == AttendanceStatus.EXPECTED
        )
        assert session.state.checklist == {0: True, 1: False}
        assert session.meta["lang"] == "zh"
        types = [e["type"] for e in datadir.read(session.id).events]
        assert types[-1] == "started" and types.count("checklist") == 2
        assert types.count("attendance") == 3  # "expected" needs no event
    finally:
        session.close()


def test_start_refuses_an_unknown_attendance_and_leaves_nothing_locked(datadir, agenda, clock):
    with pytest.raises(SessionError, match="unknown attendance"):
        Session.start(datadir, agenda, clock, attendance={"王磊": "asleep"})
    assert datadir.session_ids() == []  # no half-made session to resume later


def test_start_with_carried_actions(datadir, agenda, clock):
    carried = [{"ref": "20261101-0900-abcd#4", "text": "报价", "owner": "张伟"}]
    session = Session.start(
        datadir, agenda, clock, carried=carried_actions(carried), previous="20261101-0900-abcd"
    )
    try:
        assert session.state.carried == carried_actions(carried)
        assert on_disk(session).carried == session.state.carried
        assert session.meta["previous"] == "20261101-0900-abcd"
        session.submit("/status 1 done 已签约")
        assert session.state.followup["20261101-0900-abcd#4"].comment == "已签约"
        assert on_disk(session).followup == session.state.followup
    finally:
        session.close()


# -- capture ------------------------------------------------------------------------------


def test_items_are_on_disk_when_submit_returns(session, clock):
    clock.advance(12)
    outcome = session.submit("/a 跟进报价 @张伟 due:fri | 客户确认")
    assert isinstance(outcome, Captured)
    item = outcome.item
    assert item.id == 1 and item.kind is ItemKind.ACTION
    assert (item.owner, item.due, item.criteria) == ("张伟", date(2026, 12, 4), "客户确认")
    assert item.at == session.now() and item.section == 0
    session.submit("价格保持不变")
    session.submit("/d 12 月不降价")
    assert [it.kind for it in on_disk(session).items] == [
        ItemKind.ACTION,
        ItemKind.NOTE,
        ItemKind.DECISION,
    ]
    assert on_disk(session) == session.state


def test_items_record_the_speaker_and_unknown_owners(session):
    session.submit("/speaker 陈")
    item = session.submit("/a call the client @Zoe").item
    assert item.speaker == "陈静"
    assert item.owner == "Zoe" and not item.owner_known


def test_blank_line_does_nothing(session):
    seq = session.state.seq
    assert session.submit("   ") is None
    assert session.state.seq == seq


def test_capture_errors_are_one_line(session):
    with pytest.raises(SessionError) as exc:
        session.submit("/nonsense")
    assert "unknown command" in one_line(exc)
    with pytest.raises(SessionError) as exc:
        session.submit("/a ")
    one_line(exc)


def test_undo_marks_the_last_active_item(session):
    session.submit("one")
    session.submit("two")
    outcome = session.submit("/u")
    assert isinstance(outcome, Undone) and outcome.item.text == "two"
    assert session.undo().text == "one"
    with pytest.raises(SessionError) as exc:
        session.undo()
    assert one_line(exc) == "nothing to undo"
    assert [it.undone for it in on_disk(session).items] == [True, True]


def test_undo_takes_back_a_delete_before_the_capture_before_it(session):
    action = session.submit("/a 整理竞品价格表 @陈静").item
    note = session.submit("多余的一条").item
    session.delete(note.id)
    restored = session.undo()
    assert restored.id == note.id and restored.active
    assert session.state.item(action.id).active  # the action was not touched
    assert session.undo().id == note.id  # then the capture of the note itself
    assert not session.state.item(note.id).active and session.state.item(action.id).active
    on_file = on_disk(session)
    assert [(it.id, it.active) for it in on_file.items] == [(action.id, True), (note.id, False)]
    assert on_file.item(note.id).undone and not on_file.item(note.id).deleted


def test_undo_takes_back_an_edit_field_by_field(session):
    item = session.submit("/a 报价 @张伟 due:2026-12-05 | 客户签回").item
    session.edit_line(item.id, "/a 报价单更新 @陈静 due:2026-12-10 | 经理审批")
    undone = session.undo()
    assert undone.id == item.id
    again = on_disk(session).item(item.id)
    for state_item in (session.state.item(item.id), again):
        assert state_item.text == "报价"
        assert state_item.owner == "张伟"
        assert state_item.due == date(2026, 12, 5)
        assert state_item.criteria == "客户签回"
        assert state_item.active
    assert session.undo().id == item.id
    assert not session.state.item(item.id).active


def test_undo_with_nothing_captured(session):
    with pytest.raises(SessionError, match="nothing to undo"):
        session.submit("/undo")


def test_edit_and_edit_line(session, clock):
    item = session.submit("/a 报价 @张伟").item
    clock.advance(5)
    session.edit(item.id, text="报价单", due=date(2026, 12, 9))
    assert (item.text, item.due) == ("报价单", date(2026, 12, 9))
    session.edit_line(item.id, "/a 重新报价 @Tom due:2026-12-10 | 客户签字")
    assert (item.kind, item.text, item.owner, item.due, item.criteria) == (
        ItemKind.ACTION,
        "重新报价",
        "Tom Baker",
        date(2026, 12, 10),
        "客户签字",
    )
    session.edit_line(item.id, "/d 不再报价")
    assert item.kind is ItemKind.DECISION and item.owner is None and item.due is None
    assert on_disk(session).items == session.state.items


def test_edit_errors(session):
    item = session.submit("x").item
    with pytest.raises(SessionError, match="no item 9"):
        session.edit(9, text="y")
    with pytest.raises(SessionError, match="cannot change section"):
        session.edit(item.id, section=3)
    with pytest.raises(SessionError, match="needs some text"):
        session.edit(item.id, text="  ")
    with pytest.raises(SessionError, match="needs some text"):
        session.edit_line(item.id, "   ")
    with pytest.raises(SessionError, match="no item 9"):
        session.edit_line(9, "y")
    session.delete(item.id)
    with pytest.raises(SessionError, match=f"no item {item.id}"):
        session.delete(item.id)
    with pytest.raises(SessionError, match=f"no item {item.id}"):
        session.edit(item.id, text="z")


def test_new_ids_follow_the_highest_even_after_undo(session):
    session.submit("a")
    session.submit("b")
    session.undo()
    assert session.submit("c").item.id == 3


# -- steering ---------------------------------------------------------------------------


def test_next_prev_and_their_limits(session):
    with pytest.raises(SessionError) as exc:
        session.submit("/prev")
    assert one_line(exc) == "this is the first section"
    for expected in (1, 2, 3, 4):
        session.submit("/next")
        assert session.state.current == expected
    with pytest.raises(SessionError) as exc:
        session.submit("/next")
    assert "last section" in one_line(exc) and "/end" in str(exc.value)
    session.submit("/prev")
    assert session.state.current == 3


def test_jump(session):
    session.jump(3)
    assert session.state.current == 3
    seq = session.state.seq
    session.jump(3)
    assert session.state.seq == seq  # already there: no event
    with pytest.raises(SessionError, match="no section 9"):
        session.jump(8)


def test_pause_resume_and_their_errors(session, clock):
    session.submit("/pause")
    assert session.state.paused
    with pytest.raises(SessionError, match="already paused"):
        session.pause()
    clock.advance(30)
    session.toggle_pause()
    assert not session.state.paused and session.state.paused_total == 30
    with pytest.raises(SessionError, match="not paused"):
        session.submit("/resume")
    session.toggle_pause()
    assert session.state.paused


def test_extend(session):
    session.submit("/extend")
    session.submit("/extend 10")
    assert session.state.sections[0].extended == 15 * 60
    with pytest.raises(SessionError, match="1 to 120"):
        session.extend(0)


def test_defer_moves_on_and_refuses_at_the_end(session):
    session.submit("/defer")
    assert session.state.order == [1, 2, 3, 4, 0] and session.state.current == 1
    session.jump(0)
    with pytest.raises(SessionError, match="nothing comes after"):
        session.defer()


def test_target_only_in_a_targets_section(session):
    with pytest.raises(SessionError) as exc:
        session.submit("/target 张伟 120万")
    assert one_line(exc) == "/target works in a targets section"
    session.jump(3)
    session.submit("/target 张 120万")
    assert session.state.targets == {"张伟": 1_200_000.0}
    with pytest.raises(SessionError, match="more than zero"):
        session.set_target("张伟", 0)


def test_status_only_in_a_followup_section(session):
    session.jump(2)
    with pytest.raises(SessionError) as exc:
        session.submit("/status 1 done")
    assert one_line(exc) == "/status works in a followup section"
    session.jump(0)
    with pytest.raises(SessionError, match="no open action 1; the follow-up list has 0"):
        session.submit("/status 1 done")
    with pytest.raises(SessionError, match="status is one of"):
        session.set_followup(1, "maybe", None)


def test_speaker_by_number_toggles(session):
    outcome = session.submit("/speaker 3")
    assert outcome == Steered(Command(CommandName.SPEAKER, who="张伟", number=3))
    assert session.state.speaker == "张伟"
    session.speaker_number(3)
    assert session.state.speaker is None
    session.speaker_number(5)
    assert session.state.speaker == "Tom Baker"
    session.speaker_number(1)
    assert session.state.speaker == "王磊"
    assert session.state.talk["Tom Baker"].turns == 1
    with pytest.raises(SessionError) as exc:
        session.speaker_number(6)
    assert one_line(exc) == "no one has number 6; the roster has 5"
    session.submit("/speaker")
    assert session.state.speaker is None


def test_speaker_zero_is_nobody_and_stops_the_talk_timer(session, clock):
    session.submit("/speaker 张伟")
    clock.advance(40)
    outcome = session.submit("/speaker 0")  # as 0 in the roster
    assert outcome == Steered(Command(CommandName.SPEAKER))
    assert session.state.speaker is None
    clock.advance(100)
    assert session.state.talk["张伟"].seconds == 40
    session.submit("/发言 ０")  # nobody again is no error
    assert session.state.speaker is None


def test_speaker_by_name_brings_an_absent_person_back(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock, attendance={"陈静": AttendanceStatus.ABSENT})
    try:
        session.set_speaker("陈静")
        assert session.state.attendance["陈静"].status == AttendanceStatus.PRESENT
        assert session.state.speaker == "陈静"
    finally:
        session.close()


def test_unknown_person_is_one_line(session):
    for line in ("/left Zoe", "/speaker Zoe", "/absent Zoe"):
        with pytest.raises(SessionError) as exc:
            session.submit(line)
        assert "Zoe" in one_line(exc)
    with pytest.raises(SessionError, match="Zoe"):
        session.set_attendance("Zoe", AttendanceStatus.LEFT)
    with pytest.raises(SessionError, match="unknown attendance"):
        session.set_attendance("张伟", "asleep")


def test_attendance_commands(session, clock):
    clock.advance(60)
    session.submit("/speaker Tom")
    clock.advance(30)
    session.submit("/left tom")
    tom = session.state.attendance["Tom Baker"]
    assert tom.status == AttendanceStatus.LEFT and tom.left == session.now()
    assert session.state.speaker is None and session.state.talk["Tom Baker"].seconds == 30
    session.submit("/absent 陈静")
    assert session.state.attendance["陈静"].status == AttendanceStatus.ABSENT


def test_a_guest_joins_with_here(session):
    session.submit("/here 赵总")
    assert session.state.people[-1] == "赵总"
    assert session.state.attendance["赵总"].guest
    session.submit("/speaker 6")
    assert session.state.speaker == "赵总"
    assert on_disk(session).attendance["赵总"].guest


def test_end_and_everything_after_it(session):
    session.submit("/end")
    assert session.state.ended
    for line in ("note after the end", "/next", "/pause", "/speaker 1", "/u", "/here 赵总"):
        with pytest.raises(SessionError) as exc:
            session.submit(line)
        assert one_line(exc) == "the meeting has ended"
    with pytest.raises(SessionError, match="has ended"):
        session.end()


def test_interrupt_marks_the_session(session):
    session.interrupt("terminal closed")
    assert session.state.interrupted_at == session.now()
    session.end()
    seq = session.state.seq
    session.interrupt("again")
    assert session.state.seq == seq


# -- the log is the truth ------------------------------------------------------------------


def test_the_disk_always_matches_the_screen(session, clock):
    lines = [
        "开场",
        "/speaker 1",
        "/a 跟进报价 @张伟 due:+3d",
        "/next",
        "/pause",
        "/resume",
        "/extend 2",
        "/here 赵总",
        "/late 陈静",
        "/u",
        "/defer",
        "/k @Tom 签下大单",
        "/speaker 6",
        "/left 赵总",
    ]
    for line in lines:
        clock.advance(7)
        session.submit(line)
        assert on_disk(session) == session.state, line


# -- resume -------------------------------------------------------------------------------


def test_resume_restores_the_state_and_records_the_downtime(datadir, agenda, clock):
    first = Session.start(datadir, agenda, clock)
    clock.advance(30)
    first.submit("/next")  # the speaker ends with the section: they are named in this one
    first.submit("/speaker 张伟")
    first.submit("/a 报价 @张伟")
    clock.advance(45)
    first.heartbeat()  # the app was alive, idle, until here
    alive_until = first.now()
    before = on_disk(first)
    first.close()  # as a crash would: the kernel drops the lock, nothing else happens

    clock.advance(600)
    again = Session.resume(datadir, first.id, clock)
    try:
        state = again.state
        assert state.items == before.items and state.order == before.order
        assert state.current == 1 and state.attendance == before.attendance
        (downtime,) = state.downtimes
        assert downtime.since == alive_until and downtime.until == again.now()
        assert downtime.seconds == 600
        # the turn ended when the app went away; the section kept running through the gap
        assert state.speaker is None
        assert state.talk["张伟"].seconds == 45
        assert state.sections[1].open_since == before.sections[1].open_since
        again.submit("still here")
        assert again.state.items[-1].id == 2
        assert on_disk(again) == again.state
    finally:
        again.close()


def test_resume_without_a_heartbeat_counts_from_the_last_event(datadir, agenda, clock):
    first = Session.start(datadir, agenda, clock)
    clock.advance(20)
    first.submit("last words")
    last = first.now()
    first.close()
    clock.advance(100)
    again = Session.resume(datadir, first.id, clock)
    try:
        assert again.state.downtimes[0].since == last
    finally:
        again.close()


def test_resume_while_open_elsewhere_is_refused(session, datadir, clock):
    with pytest.raises(SessionLocked) as exc:
        Session.resume(datadir, session.id, clock)
    assert "open in another Minutely" in str(exc.value)
    session.submit("still writing")  # the first one is unharmed


def test_resume_of_an_ended_session_is_refused_and_released(datadir, agenda, clock):
    first = Session.start(datadir, agenda, clock)
    first.end()
    first.close()
    with pytest.raises(SessionError, match="has ended"):
        Session.resume(datadir, first.id, clock)
    assert not datadir.is_locked(first.id)


def test_resume_of_a_session_that_died_before_it_started(datadir, agenda, clock):
    writer = datadir.open_writer("20261201-0900-dead")
    writer.create({"id": "20261201-0900-dead", "agenda": agenda.to_dict()})
    writer.release()  # killed between creating the file and the first event
    session = Session.resume(datadir, "20261201-0900-dead", clock)
    try:
        assert session.state.started_at == session.now() and session.state.current == 0
        session.submit("we start now")
        assert on_disk(session) == session.state
    finally:
        session.close()


def test_whoever_speaks_has_arrived(datadir, agenda, clock):
    session = Session.start(
        datadir,
        agenda,
        clock,
        attendance={
            "王磊": AttendanceStatus.PRESENT,
            "张伟": AttendanceStatus.LATE,
            "李娜": AttendanceStatus.EXPECTED,
        },
    )
    try:
        clock.advance(300)
        session.set_speaker("张伟")
        zhang = session.state.attendance["张伟"]
        assert (
            zhang.status == AttendanceStatus.LATE and zhang.arrived == session.now()
        )  # late, with the time
        session.speaker_number(2)
        assert session.state.attendance["李娜"].status == AttendanceStatus.PRESENT
        assert session.state.speaker == "李娜"
        arrived = session.state.attendance["张伟"].arrived
        clock.advance(60)
        session.set_speaker("张伟")
        assert session.state.attendance["张伟"].arrived == arrived  # not again
    finally:
        session.close()


def test_absent_puts_right_a_speaker_key_pressed_by_mistake(session, clock):
    session.submit("/speaker 陈静")
    clock.advance(5)
    session.set_attendance("陈静", AttendanceStatus.ABSENT)
    for state in (session.state, on_disk(session)):
        assert state.speaker is None
        assert state.attendance["陈静"].status == AttendanceStatus.ABSENT
        assert state.attendance["陈静"].arrived is None
        assert state.talk["陈静"].turns == 0 and state.talk["陈静"].seconds == 0


def test_absent_is_refused_for_someone_who_has_spoken(session, clock):
    session.submit("/speaker 张伟")
    clock.advance(40)
    with pytest.raises(SessionError) as exc:
        session.submit("/absent 张伟")
    assert one_line(exc) == "张伟 has spoken in this meeting: /left 张伟 records leaving early"
    assert session.state.speaker == "张伟"
    session.submit("/left 张伟")
    assert session.state.speaker is None
    assert session.state.attendance["张伟"].status == AttendanceStatus.LEFT
