"""Action items across sessions: grouping by date, owner prefixes, the ledger, and the CSV / ICS / JSON exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from hostile import CONTROL, PRINTABLE

from agendas.text import strip_control_in
from sessions.actions import (
    ActionError,
    ActionItem,
    Change,
    LedgerEntry,
    change_status,
    grouped,
    ics_uid,
    ledger_path,
    load_actions,
    owners_meant,
    read_ledger,
    resolve_owner,
    select,
    to_csv,
    to_ics,
    to_json,
)
from sessions.disk import compact_json
from sessions.i18n import error_text
from sessions.index import Index
from sessions.session import Session
from tui import actions_commands

TODAY = date(2026, 12, 5)


@pytest.fixture
def meeting(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    clock.advance(60)
    for line in [
        "/a 整理客户名单 @张伟 due:2026-12-01 | 名单上传到共享盘",  # overdue on the 5th
        "/a 准备报价单 @陈静 due:2026-12-05",  # due today
        "/a Call the Acme buyer @Tom due:2026-12-12 | meeting booked",  # open
        "/a 更新价格表 @张伟",  # open, no date
        "/a 旧的事项 @陈静 due:2026-11-30",  # cancelled below
    ]:
        clock.advance(20)
        session.submit(line)
    session.end()
    session.close()
    return session


def test_groups_overdue_due_today_open_and_closed(datadir, meeting, clock):
    change_status(datadir, f"{meeting.id}#5", "cancelled", "不再需要", 1.8e9, "cli")
    book = load_actions(datadir)
    groups = grouped(book.actions, TODAY)
    texts = {g: [a.text for a in members] for g, members in groups.items()}
    assert texts == {
        "overdue": ["整理客户名单"],
        "today": ["准备报价单"],
        "open": ["Call the Acme buyer", "更新价格表"],
        "closed": ["旧的事项"],
    }
    assert groups["overdue"][0].days_overdue(TODAY) == 4
    assert groups["closed"][0].days_overdue(TODAY) == 0  # a cancelled action is never late
    assert [a.text for a in select(book.actions, open_only=True)] == [
        "整理客户名单",
        "准备报价单",
        "Call the Acme buyer",
        "更新价格表",
    ]


def test_owner_by_unambiguous_prefix(datadir, meeting):
    book = load_actions(datadir)
    assert book.owners == ["Tom Baker", "张伟", "陈静"]
    assert resolve_owner("tom", book.owners) == "Tom Baker"
    assert resolve_owner("张", book.owners) == "张伟"
    with pytest.raises(ActionError):
        resolve_owner("王", book.owners)
    mine = select(book.actions, owner=resolve_owner("张", book.owners))
    assert [a.text for a in mine] == ["整理客户名单", "更新价格表"]
    assert select(book.actions, series="west") == []
    assert len(select(book.actions, series="east-monthly")) == 5


def test_owner_prefix_shared_by_two_owners_is_refused():
    with pytest.raises(ActionError, match="Tom"):
        resolve_owner("to", ["Tom Baker", "Tony Ma"])


def test_the_ledger_records_each_change_with_time_and_place(datadir, meeting):
    ref = f"{meeting.id}#1"
    change_status(datadir, ref, "done", " 已上传 ", 1_800_000_000.0, "actions screen")
    change_status(datadir, ref, "reopened", None, 1_800_000_100.0, "cli")
    assert read_ledger(datadir) == [
        LedgerEntry(ref, "done", "已上传", 1.8e9, "actions screen"),
        LedgerEntry(ref, "reopened", None, 1_800_000_100.0, "cli"),
    ]
    stored = json.loads(ledger_path(datadir).read_text(encoding="utf-8"))["changes"]["1"]
    assert stored == {
        "ref": ref,
        "status": "done",
        "comment": "已上传",
        "at": 1.8e9,
        "where": "actions screen",
    }
    assert oct(ledger_path(datadir).stat().st_mode & 0o777) == "0o600"
    action = load_actions(datadir).get(ref)
    assert action is not None and action.status == "open"
    assert [c.status for c in action.history] == ["done", "reopened"]
    # The session file itself was never rewritten.
    assert meeting.writer.path.stat().st_mtime == Index(datadir).listing().sessions[0].mtime


def test_an_early_ledger_record_without_time_or_place_is_still_read(datadir, meeting):
    ref = f"{meeting.id}#1"
    early = {"changes": {"1": {"ref": ref, "status": "done", "comment": "已上传"}}}
    ledger_path(datadir).write_text(json.dumps(early), encoding="utf-8")
    assert read_ledger(datadir) == [LedgerEntry(ref, "done", "已上传", 0.0, "")]
    action = load_actions(datadir).get(ref)
    assert action is not None and action.status == "done" and action.comment == "已上传"


def test_changes_that_make_no_sense_are_refused(datadir, meeting):
    ref = f"{meeting.id}#1"
    with pytest.raises(ActionError, match="already open"):
        change_status(datadir, ref, "reopened", None, 1.8e9, "cli")
    change_status(datadir, ref, "done", None, 1.8e9, "cli")
    with pytest.raises(ActionError, match="already done"):
        change_status(datadir, ref, "done", None, 1.8e9 + 1, "cli")
    with pytest.raises(ActionError, match="no action"):
        change_status(datadir, f"{meeting.id}#99", "done", None, 1.8e9, "cli")
    with pytest.raises(ActionError, match="not an action reference"):
        change_status(datadir, "hello", "done", None, 1.8e9, "cli")
    assert len(read_ledger(datadir)) == 1


def test_a_reference_may_use_a_session_prefix(datadir, meeting):
    action = change_status(datadir, f"{meeting.id[:8]}#2", "doing", None, 1.8e9, "cli")
    assert action.ref == f"{meeting.id}#2" and action.status == "doing"


def test_csv_has_a_bom_and_the_chinese_comes_back_intact(datadir, meeting):
    data = to_csv(load_actions(datadir).actions, TODAY)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["text"] for r in rows][:2] == ["整理客户名单", "准备报价单"]
    first = rows[0]
    assert first["owner"] == "张伟"
    assert first["criteria"] == "名单上传到共享盘"
    assert first["due"] == "2026-12-01"
    assert first["days_overdue"] == "4"
    assert first["status"] == "open"
    assert first["origin_title"] == "华东区 11 月销售月会"
    assert first["ref"] == f"{meeting.id}#1"


def test_ics_has_one_todo_per_action_with_a_stable_uid(datadir, meeting):
    from icalendar import Calendar

    change_status(datadir, f"{meeting.id}#2", "done", "发了", 1.8e9, "cli")
    change_status(datadir, f"{meeting.id}#5", "cancelled", None, 1.8e9, "cli")
    actions = load_actions(datadir).actions
    cal = Calendar.from_ical(to_ics(actions, 1.8e9))
    todos = cal.walk("VTODO")
    assert len(todos) == 5
    by_uid = {str(todo["UID"]): todo for todo in todos}
    first = by_uid[ics_uid(f"{meeting.id}#1")]
    assert str(first["SUMMARY"]) == "整理客户名单"
    assert first.decoded("DUE") == date(2026, 12, 1)
    assert "名单上传到共享盘" in str(first["DESCRIPTION"])
    assert meeting.id in str(first["DESCRIPTION"])
    assert str(first["STATUS"]) == "NEEDS-ACTION"
    assert str(by_uid[ics_uid(f"{meeting.id}#2")]["STATUS"]) == "COMPLETED"
    assert str(by_uid[ics_uid(f"{meeting.id}#5")]["STATUS"]) == "CANCELLED"
    assert "DUE" not in by_uid[ics_uid(f"{meeting.id}#4")]
    # Exported again later: the same UIDs, so a calendar updates rather than duplicates.
    again = Calendar.from_ical(to_ics(load_actions(datadir).actions, 1.9e9))
    assert {str(todo["UID"]) for todo in again.walk("VTODO")} == set(by_uid)


@pytest.mark.locale
def test_the_table_command_groups_and_filters(datadir, meeting):
    out = io.BytesIO()
    assert (
        actions_commands.list_actions(
            datadir, TODAY, actions_commands.ActionListing(fmt="table", lang="en"), out=out
        )
        == 0
    )
    text = out.getvalue().decode("utf-8")
    headings = [line for line in text.splitlines() if line.endswith(")") and "(" in line]
    assert headings == ["Overdue (2)", "Due today (1)", "Open (2)"]
    assert "4d late" in text
    out = io.BytesIO()
    actions_commands.list_actions(
        datadir, TODAY, actions_commands.ActionListing(owner="陈", fmt="json"), out=out
    )
    rows = json.loads(out.getvalue())
    assert [r["text"] for r in rows] == ["准备报价单", "旧的事项"]
    assert rows[0]["origin"] == meeting.id


def test_the_change_command_prints_the_new_status(datadir, meeting, capsys):
    assert (
        actions_commands.change(
            datadir, actions_commands.StatusChange(f"{meeting.id}#3", "cancel", "lost", 1.8e9), "zh"
        )
        == 0
    )
    assert capsys.readouterr().out.strip() == f"{meeting.id}#3：已取消"
    assert read_ledger(datadir)[0].where == "cli"


@pytest.mark.locale
def test_the_cli_end_to_end(datadir, meeting, tmp_path, capsys):
    from tui.cli import main

    with pytest.raises(SystemExit) as done:
        main(["actions", "done", f"{meeting.id}#1", "-m", "ok", "--data-dir", str(datadir.root)])
    assert done.value.code == 0
    target = tmp_path / "out" / "actions.csv"
    target.parent.mkdir()
    with pytest.raises(SystemExit) as done:
        main(["actions", "--data-dir", str(datadir.root), "--format", "csv", "-o", str(target)])
    assert done.value.code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert rows[0]["status"] == "done" and rows[0]["comment"] == "ok"
    with pytest.raises(SystemExit) as done:
        main(["actions", "--data-dir", str(datadir.root), "--owner", "nobody"])
    assert done.value.code == 1
    assert "nobody" in capsys.readouterr().err


def test_the_ref_the_minutes_show_marks_the_action_done(datadir, meeting, agenda, clock):
    from sessions.minutes import render_minutes

    md = render_minutes(datadir.read(meeting.id), "md", "en")
    assert f"`minutely actions done {meeting.id}#N`" in md
    assert "| 2 | 准备报价单 |" in md and md.count("| #2 |") == 1
    action = change_status(datadir, f"{meeting.id}#2", "done", None, 1.8e9, "cli")
    assert action.ref == f"{meeting.id}#2" and action.status == "done"


def test_last_means_the_latest_session(datadir, meeting, agenda, clock):
    clock.advance(3600)
    later = Session.start(datadir, agenda, clock)
    later.submit("/a 新的事项 @张伟")
    later.end()
    later.close()
    action = change_status(datadir, "last#1", "done", None, 1.8e9, "cli")
    assert action.ref == f"{later.id}#1" and action.text == "新的事项"
    assert change_status(datadir, "LAST#1", "reopened", None, 1.8e9 + 1, "cli").is_open
    # no action 2 in the latest session: an older session's #2 is not picked instead, and the
    # message says which numbers that session's actions have, in either language
    with pytest.raises(ActionError, match="latest session") as refused:
        change_status(datadir, "last#2", "done", None, 1.8e9, "cli")
    assert str(refused.value) == (
        f"no action #2 in the latest session ({later.id}): its actions are #1"
    )
    assert error_text(refused.value, "zh") == (
        f"最近一次会议（{later.id}）中没有待办 #2：它的待办是 #1"
    )


def test_a_ref_missing_from_the_latest_session_lists_its_item_numbers(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    for line in ("note one", "/a first @张伟", "/d decided", "/a second @张伟", "/a third"):
        session.submit(line)
    session.end()
    session.close()
    with pytest.raises(ActionError) as refused:
        change_status(datadir, "last#1", "done", None, 1.8e9, "cli")
    assert str(refused.value).endswith(": its actions are #2, #4, #5")
    clock.advance(3600)
    empty = Session.start(datadir, agenda, clock)
    empty.end()
    empty.close()
    with pytest.raises(ActionError) as refused:
        change_status(datadir, "last#1", "done", None, 1.8e9, "cli")
    assert f"({empty.id}): none was agreed in it" in str(refused.value)
    assert "这次会议没有商定待办" in error_text(refused.value, "zh")


def test_csv_status_stays_machine_readable_with_a_localized_label(datadir, meeting):
    change_status(datadir, f"{meeting.id}#3", "doing", None, 1.8e9, "cli")
    headers = {"en": ["ref", "status", "status_label"], "zh": ["编号", "状态", "状态说明"]}
    for lang, label in (("en", "in progress"), ("zh", "进行中")):
        data = to_csv(load_actions(datadir).actions, TODAY, lang)
        rows = [list(r.values()) for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))]
        row = next(r for r in rows if r[0] == f"{meeting.id}#3")
        assert (row[1], row[2]) == ("doing", label)
        # the headers are in the export's language; the status itself stays machine-readable
        header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert header[:3] == headers[lang]


def test_the_json_is_one_action_a_line_with_every_field_and_no_control_character(datadir, meeting):
    typed_before = ActionItem(  # a session typed before control characters were refused
        "20261130-0900-abcd#1",
        "催\x1b[2J回款",
        "王芳",
        None,
        "对账\u009b单",
        "20261130-0900-abcd",
        "月会",
        "2026-11-30",
        None,
        1.0,
        [Change("doing", "在\x07办", 2.0, "cli")],
    )
    actions = [*load_actions(datadir).actions, typed_before]
    text = to_json(actions, TODAY)
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(actions) + 2
    rows = [json.loads(line.rstrip(",")) for line in lines[1:-1]]
    assert rows == [strip_control_in(a.to_dict(TODAY)) for a in actions]
    assert json.loads(text) == rows
    assert (rows[-1]["text"], rows[-1]["criteria"]) == ("催[2J回款", "对账单")
    assert rows[-1]["comment"] == rows[-1]["history"][0]["comment"] == "在办"
    assert not any(c in text for c in ("\x1b", "\\u001b", "\u009b", "\x07", "\\u0007"))
    assert to_json([], TODAY) == "[]\n"


@pytest.mark.parametrize(
    "text", [*PRINTABLE, *CONTROL, 'say "hi" \\ back\\slash', "行\u2028分\u2029段", ""]
)
def test_an_action_is_written_as_its_dict_encodes_byte_for_byte(text):
    """`json_row`, what `actions --format json` writes, is `compact_json(to_dict)` exactly,
    for any text in any field, with and without a history, owner, due date or series."""
    full = ActionItem(
        f"20261130-0900-abcd#{len(text)}",
        text,
        text,
        date(2026, 12, 1),
        text,
        "20261130-0900-abcd",
        text,
        "2026-11-30",
        text,
        1.5,
        [Change("doing", text, 2.25, "cli"), Change("done", None, 3.0, text)],
    )
    bare = full._replace(
        owner=None, due=None, criteria=None, origin_date=None, series=None, history=[]
    )
    for action in (full, bare, full._replace(history=[Change("blocked", text, 4.0, "x")])):
        assert action.json_row(TODAY) == compact_json(action.to_dict(TODAY))


def test_the_owners_a_name_may_mean_as_it_is_typed():
    owners = ["周婷", "周杰", "Tom Baker", "陈静"]
    assert owners_meant("周", owners) == ("周婷", "周杰")  # both, until the name says which
    assert owners_meant("周杰", owners) == ("周杰",)
    assert owners_meant("tom", owners) == ("Tom Baker",)
    assert owners_meant("王", owners) == ()
    actions = [
        ActionItem(f"s#{n}", "x", who, None, None, "s", "", None, None, 0.0, [])
        for n, who in enumerate(owners)
    ]
    assert [a.owner for a in select(actions, owners=owners_meant("周", owners))] == ["周婷", "周杰"]
