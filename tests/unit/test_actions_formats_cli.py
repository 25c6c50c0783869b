"""`minutely actions --format taskwarrior|todotxt|org|ics --ics-kind`: each read back as its tool reads it."""

from __future__ import annotations

import json
from datetime import date

import pytest
import pytodotxt
from icalendar import Calendar

from sessions.actions import ics_uid
from sessions.formats import ACTION_FORMATS, ICS_KINDS
from sessions.session import Session
from sessions.task_exports import task_uuid
from tui.cli import cli, main


@pytest.fixture
def meeting(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    clock.advance(60)
    for line in [
        "/a 整理客户名单 @张伟 due:2026-12-01 | 名单上传到共享盘",
        "/a Call the Acme buyer @Tom due:2026-12-12 | meeting booked",
        "/a 更新价格表 @张伟",
    ]:
        clock.advance(20)
        session.submit(line)
    session.end()
    session.close()
    return session


def run_actions(datadir, capsysbinary, *args: str) -> bytes:
    with pytest.raises(SystemExit) as done:
        main(["actions", "--data-dir", str(datadir.root), *args])
    captured = capsysbinary.readouterr()
    assert done.value.code == 0, captured.err
    return captured.out


def test_the_command_offers_every_registered_format_and_ics_kind():
    params = {p.name: p for p in cli.commands["actions"].params}
    assert list(params["fmt"].type.choices) == list(ACTION_FORMATS)
    assert {"taskwarrior", "todotxt", "org", "ics"} <= set(ACTION_FORMATS)
    assert list(params["ics_kind"].type.choices) == list(ICS_KINDS) == ["todo", "event"]


def test_taskwarrior_output_is_a_task_import_array(datadir, meeting, capsysbinary):
    tasks = json.loads(run_actions(datadir, capsysbinary, "--format", "taskwarrior"))
    first = next(t for t in tasks if t["uuid"] == task_uuid(f"{meeting.id}#1"))
    assert first["description"] == "整理客户名单"
    assert first["project"] == "east-monthly"
    assert first["status"] == "pending"
    assert "Owner: 张伟" in [a["description"] for a in first["annotations"]]
    assert len(tasks) == 3


def test_todotxt_output_reads_back_with_owners_as_contexts(datadir, meeting, capsysbinary):
    out = run_actions(datadir, capsysbinary, "--format", "todotxt", "--owner", "张")
    tasks = [pytodotxt.Task(line) for line in out.decode("utf-8").splitlines()]
    assert [t.bare_description() for t in tasks] == ["整理客户名单", "更新价格表"]
    assert all(t.contexts == ["张伟"] and t.projects == ["east-monthly"] for t in tasks)
    assert tasks[0].attributes["due"] == ["2026-12-01"]
    assert tasks[0].creation_date == date(2026, 12, 1)


def test_org_output_has_a_headline_per_action(datadir, meeting, capsysbinary):
    text = run_actions(datadir, capsysbinary, "--format", "org").decode("utf-8")
    assert text.startswith("#+TODO: TODO DOING BLOCKED | DONE CANCELLED\n")
    headlines = [line for line in text.splitlines() if line.startswith("* ")]
    assert headlines == ["* TODO 整理客户名单", "* TODO Call the Acme buyer", "* TODO 更新价格表"]
    assert "  DEADLINE: <2026-12-01 Tue>" in text.splitlines()


def test_ics_gives_todos_by_default_and_events_when_asked(datadir, meeting, tmp_path, capsysbinary):
    todos = Calendar.from_ical(run_actions(datadir, capsysbinary, "--format", "ics"))
    assert len(todos.walk("VTODO")) == 3 and not todos.walk("VEVENT")
    target = tmp_path / "events.ics"
    run_actions(datadir, capsysbinary, "--format", "ics", "--ics-kind", "event", "-o", str(target))
    events = Calendar.from_ical(target.read_bytes())
    assert not events.walk("VTODO")
    uids = {str(e["UID"]) for e in events.walk("VEVENT")}
    # The action without a due date has no day to sit on.
    assert uids == {"event-" + ics_uid(f"{meeting.id}#{n}") for n in (1, 2)}


def test_an_ics_kind_without_the_ics_format_is_refused(datadir, meeting, capsys):
    with pytest.raises(SystemExit) as done:
        main(["actions", "--data-dir", str(datadir.root), "--ics-kind", "event"])
    assert done.value.code == 1
    assert "--format ics" in capsys.readouterr().err
