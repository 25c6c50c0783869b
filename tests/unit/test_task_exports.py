"""Action items for Taskwarrior, todo.txt, Org mode and calendars: each read back by the tool's own rules."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest
import pytodotxt
from hostile import CONTROL, PRINTABLE, control_free
from icalendar import Calendar

from sessions.actions import ActionItem, Change, change_status, ics_uid, load_actions, to_ics
from sessions.formats import ICS_KINDS
from sessions.session import Session
from sessions.task_exports import (
    task_uuid,
    to_ics_events,
    to_org,
    to_taskwarrior,
    to_todotxt,
)

DONE_AT = datetime(2026, 12, 4, 10, 30, tzinfo=UTC).timestamp()
TW_TIME = re.compile(r"^\d{8}T\d{6}Z$")


@pytest.fixture
def meeting(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    clock.advance(60)
    for line in [
        "/a 整理客户名单 @张伟 due:2026-12-01 | 名单上传到共享盘",
        "/a 准备报价单 @陈静 due:2026-12-05",
        "/a Call the Acme buyer @Tom due:2026-12-12 | meeting booked",
        "/a 更新价格表 @张伟",
        "/a 旧的事项 @陈静 due:2026-11-30",
    ]:
        clock.advance(20)
        session.submit(line)
    session.end()
    session.close()
    change_status(datadir, f"{session.id}#2", "done", "已发", DONE_AT, "cli")
    change_status(datadir, f"{session.id}#5", "cancelled", None, DONE_AT + 60, "cli")
    change_status(datadir, f"{session.id}#3", "doing", None, DONE_AT + 120, "cli")
    return session


def actions_of(datadir):
    return load_actions(datadir).actions


def hostile_actions() -> list[ActionItem]:
    """Actions as an old or hand-edited session file could hold them."""
    texts = PRINTABLE + CONTROL
    return [
        ActionItem(
            ref=f"20261201-0900-ab12#{n}",
            text=text,
            owner=f"Owner {text}",
            due=date(2026, 12, 5),
            criteria=text,
            origin="20261201-0900-ab12",
            origin_title=text,
            origin_date="2026-12-01",
            series=f"series {text}",
            at=1.8e9,
            history=[Change("done", text, 1.8e9 + 60, "cli")] if n % 2 else [],
        )
        for n, text in enumerate(texts, start=1)
    ]


# -- Taskwarrior ------------------------------------------------------------------------------


def test_taskwarrior_tasks_follow_the_import_format(datadir, meeting):
    tasks = json.loads(to_taskwarrior(actions_of(datadir), UTC))
    by_uuid = {task["uuid"]: task for task in tasks}
    assert len(by_uuid) == 5
    first = by_uuid[task_uuid(f"{meeting.id}#1")]
    assert first["description"] == "整理客户名单"
    assert first["status"] == "pending"
    assert first["project"] == "east-monthly"
    assert first["due"] == "20261201T235959Z"  # the end of the due day: overdue from the next
    assert first["entry"] == "20261201T090120Z"
    assert [a["description"] for a in first["annotations"]] == [
        "Owner: 张伟",
        "Criteria: 名单上传到共享盘",
        f"Minutely: {meeting.id}#1 (华东区 11 月销售月会, 2026-12-01)",
    ]
    # Taskwarrior 2 keys annotations by their time: no two may share it.
    assert len({a["entry"] for a in first["annotations"]}) == 3
    done = by_uuid[task_uuid(f"{meeting.id}#2")]
    assert done["status"] == "completed" and done["end"] == "20261204T103000Z"
    cancelled = by_uuid[task_uuid(f"{meeting.id}#5")]
    assert cancelled["status"] == "deleted" and cancelled["end"] == "20261204T103100Z"
    doing = by_uuid[task_uuid(f"{meeting.id}#3")]
    assert doing["status"] == "pending" and doing["start"] == "20261204T103200Z"
    assert "due" not in by_uuid[task_uuid(f"{meeting.id}#4")]
    for task in tasks:
        for key in ("entry", "modified", "due", "end", "start"):
            assert key not in task or TW_TIME.match(task[key])
        assert task["status"] in ("pending", "completed", "deleted")
        assert ("end" in task) == (task["status"] != "pending")


def test_taskwarrior_uuids_are_stable_and_distinct():
    assert task_uuid("20261201-0900-ab12#1") == task_uuid("20261201-0900-ab12#1")
    assert task_uuid("20261201-0900-ab12#1") != task_uuid("20261201-0900-ab12#2")
    # Fixed forever: a changed namespace would duplicate every task on the next import.
    assert task_uuid("20261201-0900-ab12#1") == "851be3d0-3d0b-5743-956e-08dca9b2a87a"


def task(taskdata, *args: str) -> str:
    env = {**os.environ, "TASKDATA": str(taskdata), "TASKRC": str(taskdata / "taskrc")}
    done = subprocess.run(
        ["task", "rc.confirmation=off", "rc.hooks=off", "rc.verbose=nothing", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(shutil.which("task") is None, reason="Taskwarrior is not installed")
def test_task_import_accepts_the_export_and_a_second_import_updates(datadir, meeting, tmp_path):
    taskdata = tmp_path / "task"
    taskdata.mkdir()
    (taskdata / "taskrc").write_text(f"data.location={taskdata}\n", encoding="utf-8")
    exported = tmp_path / "actions.json"
    exported.write_bytes(to_taskwarrior(actions_of(datadir), UTC))
    task(taskdata, "import", str(exported))
    tasks = {t["uuid"]: t for t in json.loads(task(taskdata, "export"))}
    assert len(tasks) == 5
    first = tasks[task_uuid(f"{meeting.id}#1")]
    assert first["description"] == "整理客户名单"
    assert first["project"] == "east-monthly"
    assert first["due"] == "20261201T235959Z"
    assert len(first["annotations"]) == 3
    assert tasks[task_uuid(f"{meeting.id}#2")]["status"] == "completed"
    assert tasks[task_uuid(f"{meeting.id}#5")]["status"] == "deleted"

    change_status(datadir, f"{meeting.id}#1", "done", None, DONE_AT + 600, "cli")
    exported.write_bytes(to_taskwarrior(actions_of(datadir), UTC))
    task(taskdata, "import", str(exported))
    again = {t["uuid"]: t for t in json.loads(task(taskdata, "export"))}
    assert len(again) == 5
    assert again[task_uuid(f"{meeting.id}#1")]["status"] == "completed"
    assert len(again[task_uuid(f"{meeting.id}#1")]["annotations"]) == 3


# -- todo.txt ---------------------------------------------------------------------------------


def test_todotxt_lines_read_back_with_a_todotxt_parser(datadir, meeting):
    text = to_todotxt(actions_of(datadir), UTC).decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == (
        f"(A) 2026-12-01 整理客户名单 +east-monthly @张伟 due:2026-12-01 ref:{meeting.id}#1"
    )
    tasks = [pytodotxt.Task(line) for line in lines]
    first, done, doing, undated, cancelled = tasks
    assert first.priority == "A" and not first.is_completed
    assert first.creation_date == date(2026, 12, 1)
    assert first.projects == ["east-monthly"] and first.contexts == ["张伟"]
    assert first.attributes["due"] == ["2026-12-01"]
    assert done.is_completed and done.completion_date == date(2026, 12, 4)
    assert done.creation_date == date(2026, 12, 1)
    assert doing.contexts == ["Tom_Baker"]  # one word: todo.txt tools split on spaces
    assert doing.attributes["status"] == ["doing"]
    assert "due" not in undated.attributes
    assert cancelled.is_completed and cancelled.attributes["status"] == ["cancelled"]


# -- Org mode ---------------------------------------------------------------------------------


def test_org_entries_have_keyword_deadline_and_properties(datadir, meeting):
    text = to_org(actions_of(datadir), UTC).decode("utf-8")
    assert text.startswith("#+TODO: TODO DOING BLOCKED | DONE CANCELLED\n")
    entries = text.split("\n* ")[1:]
    assert len(entries) == 5
    assert entries[0].splitlines() == [
        "TODO 整理客户名单",
        "  DEADLINE: <2026-12-01 Tue>",
        "  :PROPERTIES:",
        "  :OWNER: 张伟",
        "  :SERIES: east-monthly",
        "  :FROM: 华东区 11 月销售月会 (2026-12-01)",
        f"  :REF: {meeting.id}#1",
        "  :END:",
        "  名单上传到共享盘",
    ]
    assert entries[1].splitlines()[:2] == [
        "DONE 准备报价单",
        "  CLOSED: [2026-12-04 Fri 10:30] DEADLINE: <2026-12-05 Sat>",
    ]
    assert entries[2].startswith("DOING Call the Acme buyer\n")
    assert "DEADLINE" not in entries[3]
    assert entries[4].startswith("CANCELLED 旧的事项\n  CLOSED: [")


# -- calendars --------------------------------------------------------------------------------


def test_events_are_all_day_on_the_due_date_and_read_back(datadir, meeting):
    cal = Calendar.from_ical(to_ics_events(actions_of(datadir), 1.8e9))
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 4  # the action without a due date has no day to sit on
    first = events["event-" + ics_uid(f"{meeting.id}#1")]
    assert str(first["SUMMARY"]) == "整理客户名单"
    assert first.decoded("DTSTART") == date(2026, 12, 1)
    assert first.decoded("DTEND") == date(2026, 12, 2)
    assert first["DTSTART"].params.get("VALUE") == "DATE"
    assert "Owner: 张伟" in str(first["DESCRIPTION"])
    assert "Criteria: 名单上传到共享盘" in str(first["DESCRIPTION"])
    assert str(first["TRANSP"]) == "TRANSPARENT"
    assert str(events["event-" + ics_uid(f"{meeting.id}#2")]["SUMMARY"]) == "✓ 准备报价单"
    assert str(events["event-" + ics_uid(f"{meeting.id}#5")]["STATUS"]) == "CANCELLED"
    # The to-do kind is the actions' VTODO export, with UIDs of its own.
    todos = Calendar.from_ical(ICS_KINDS["todo"](actions_of(datadir), 1.8e9, "en")).walk("VTODO")
    assert len(todos) == 5
    assert not {str(t["UID"]) for t in todos} & set(events)
    assert ICS_KINDS["todo"](actions_of(datadir), 1.8e9, "en") == to_ics(actions_of(datadir), 1.8e9)


# -- hostile text -----------------------------------------------------------------------------


TASK_FORMATS = {"taskwarrior": to_taskwarrior, "todotxt": to_todotxt, "org": to_org}


@pytest.mark.parametrize("name", [*TASK_FORMATS, "ics-event"])
def test_no_control_character_and_one_task_per_action(name):
    actions = hostile_actions()
    if name == "ics-event":
        out = to_ics_events(actions, 1.8e9).decode("utf-8")
        assert len(Calendar.from_ical(out).walk("VEVENT")) == len(actions)
        # iCalendar ends its lines with CRLF; a carriage return anywhere else is a leak.
        out = out.replace("\r\n", "\n")
    else:
        out = TASK_FORMATS[name](actions, UTC).decode("utf-8")
    assert control_free(out)
    if name == "taskwarrior":
        tasks = json.loads(out)
        assert [t["description"] for t in tasks][: len(PRINTABLE)] == PRINTABLE
    elif name == "todotxt":
        lines = out.splitlines()
        assert len(lines) == len(actions)
        assert all(
            line.startswith(("(A) 2026-12-01 ", "x 2027-01-15 2026-12-01 ")) for line in lines
        )
        assert all(" @Owner_" in line and " +series_" in line for line in lines)
    elif name == "org":
        headlines = [line for line in out.splitlines() if line.startswith("*")]
        assert len(headlines) == len(actions)
        assert all(re.match(r"\* (TODO|DONE) ", h) for h in headlines)
