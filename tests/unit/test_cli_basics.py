"""The command line's basics: list, export, check, and one-line errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sessions.index import Index
from sessions.session import Session
from tui.cli import main

MINUTELY = str(Path(sys.executable).with_name("minutely"))


def minutely(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    code = exc.value.code
    return (code if isinstance(code, int) else 1), out, err


@pytest.fixture
def two(datadir, agenda, clock):
    """An ended meeting at 09:00 and an interrupted one an hour later."""
    first = Session.start(datadir, agenda, clock)
    first.submit("/a 跟进报价 @张伟 due:2026-12-05 | 客户确认")
    first.submit("/d 12 月不降价")
    clock.advance(1500)
    first.end()
    first.close()
    clock.advance(3600)
    second = Session.start(datadir, agenda, clock, lang="zh")
    second.submit("open question")
    second.close()
    return first.id, second.id


@pytest.mark.locale
def test_list_newest_first(capsys, datadir, two):
    first, second = two
    code, out, err = minutely(capsys, "list", "--data-dir", str(datadir.root))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["ID", "STARTED", "STATUS"]
    assert lines[1].startswith(second) and lines[2].startswith(first)
    assert "华东区 11 月销售月会" in lines[1] and "2026-12-01 10:25" in lines[1]
    assert "east-monthly" in lines[2]


def test_list_json_newest_first(capsys, datadir, two):
    first, second = two
    code, out, _ = minutely(capsys, "list", "--json", "--data-dir", str(datadir.root))
    assert code == 0
    sessions = json.loads(out)
    assert [s["id"] for s in sessions] == [second, first]
    assert sessions[1]["status"] == "ended" and sessions[0]["status"] == "interrupted"
    assert sessions[1]["open_actions"] == 1 and sessions[1]["counts"]["decision"] == 1


def test_list_json_leaves_each_sessions_actions_to_full(capsys, datadir, two):
    """A listing is what a script lists sessions by; every action and follow-up status of every
    session comes with `--full` (or from `minutely actions --format json`)."""
    root = str(datadir.root)
    code, out, _ = minutely(capsys, "list", "--json", "--data-dir", root)
    assert code == 0
    listed = json.loads(out)
    code, out, _ = minutely(capsys, "list", "--json", "--full", "--data-dir", root)
    assert code == 0
    full = json.loads(out)
    summaries = {s.id: s.to_dict() for s in Index(datadir).listing().sessions}
    assert [s["id"] for s in full] == [s["id"] for s in listed]
    assert full == [summaries[s["id"]] for s in full]
    ended = next(s for s in full if s["status"] == "ended")
    assert ended["actions"] and "followup" in ended
    for lean, whole in zip(listed, full, strict=True):
        assert lean == {k: v for k, v in whole.items() if k not in ("actions", "followup")}


def test_list_of_an_empty_data_dir(capsys, datadir):
    code, out, _ = minutely(capsys, "list", "--data-dir", str(datadir.root))
    assert code == 0 and "No sessions yet" in out
    code, out, _ = minutely(capsys, "list", "--json", "--data-dir", str(datadir.root))
    assert code == 0 and json.loads(out) == []


def test_list_reports_a_damaged_session_and_lists_the_rest(capsys, datadir, two):
    first, second = two
    datadir.session_path(first).write_bytes(b'{"meta": {"1": {"sch')
    code, out, err = minutely(capsys, "list", "--json", "--data-dir", str(datadir.root))
    assert code == 0
    assert [s["id"] for s in json.loads(out)] == [second]
    assert first in err and "corrupt-" in err and "Traceback" not in err


def test_export_json(capsys, datadir, two):
    first, _ = two
    code, out, err = minutely(
        capsys, "export", first, "--format", "json", "--data-dir", str(datadir.root)
    )
    assert code == 0 and err == ""
    exported = json.loads(out)
    assert set(exported) >= {"meta", "events", "state"}
    assert exported["id"] == first and exported["meta"]["title"] == "华东区 11 月销售月会"
    assert [e["seq"] for e in exported["events"]] == list(range(1, len(exported["events"]) + 1))
    state = exported["state"]
    assert state["ended_at"] is not None
    action, decision = state["items"]
    assert (action["kind"], action["owner"], action["due"], action["criteria"]) == (
        "action",
        "张伟",
        "2026-12-05",
        "客户确认",
    )
    assert decision["text"] == "12 月不降价"
    assert state["attendance"]["王磊"]["status"] == "present"


def test_export_last_and_a_prefix(capsys, datadir, two):
    first, second = two
    code, out, _ = minutely(
        capsys, "export", "last", "--format", "json", "--data-dir", str(datadir.root)
    )
    assert code == 0 and json.loads(out)["id"] == second
    code, out, _ = minutely(
        capsys, "export", first[:13], "--format", "json", "--data-dir", str(datadir.root)
    )
    assert code == 0 and json.loads(out)["id"] == first


def test_export_last_within_the_same_minute_is_the_later_meeting(capsys, datadir, agenda, clock):
    ids = []
    for _ in range(4):
        session = Session.start(datadir, agenda, clock)
        session.end()
        session.close()
        ids.append(session.id)
        clock.advance(5)
    assert len({i[:13] for i in ids}) == 1  # one minute, four meetings
    code, out, _ = minutely(
        capsys, "export", "last", "--format", "json", "--data-dir", str(datadir.root)
    )
    assert code == 0 and json.loads(out)["id"] == ids[-1]


@pytest.mark.locale
def test_export_to_a_file_and_force(capsys, datadir, two, tmp_path):
    first, _ = two
    target = tmp_path / "out" / "m.json"
    target.parent.mkdir()
    args = ["export", first, "--format", "json", "-o", str(target), "--data-dir", str(datadir.root)]
    code, out, err = minutely(capsys, *args)
    assert code == 0 and out == "" and json.loads(target.read_text())["id"] == first
    code, _, err = minutely(capsys, *args)
    assert code == 1 and "--force" in err and len(err.strip().splitlines()) == 1
    code, _, _ = minutely(capsys, *args, "--force")
    assert code == 0


@pytest.mark.locale
@pytest.mark.parametrize("ref", ["nope", "2099", "last"])
def test_unknown_session_is_one_line(capsys, tmp_path, ref):
    code, out, err = minutely(
        capsys, "export", ref, "--format", "json", "--data-dir", str(tmp_path / "empty")
    )
    assert code == 1 and out == ""
    assert err.startswith("minutely: ") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


@pytest.mark.locale
def test_ambiguous_prefix_is_one_line(capsys, datadir, two):
    code, _, err = minutely(
        capsys, "export", "20261201", "--format", "json", "--data-dir", str(datadir.root)
    )
    assert code == 1 and "matches 2 sessions" in err and len(err.strip().splitlines()) == 1


def test_check_a_good_and_a_bad_agenda(capsys, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("meeting:\n  title: 周会\nsections:\n  - title: 回顾\n    duration: 10m\n")
    code, out, _ = minutely(capsys, "check", str(good))
    assert code == 0 and "ok" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "meeting:\n"
        "  title: 周会\n"
        "participants: [张伟]\n"
        "sections:\n"
        "  - title: 回顾\n"
        "    duration: 10m\n"
        "  - title: 目标\n"
        "    duration: tenminutes\n",
        encoding="utf-8",
    )
    code, out, err = minutely(capsys, "check", str(bad))
    assert code == 1 and "Traceback" not in err
    (line,) = err.strip().splitlines()
    assert line.startswith(f"{bad}:8: ") and "tenminutes" in line


def test_check_a_missing_file(capsys, tmp_path):
    code, _, err = minutely(capsys, "check", str(tmp_path / "none.yaml"))
    assert code == 1 and "Traceback" not in err and err.strip()


# -- end to end, as the shell runs it ------------------------------------------------------


def shell(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([MINUTELY, *args], capture_output=True, text=True, timeout=60)


@pytest.mark.locale
def test_end_to_end_list_and_export(datadir, two):
    first, second = two
    listed = shell("list", "--json", "--data-dir", str(datadir.root))
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    assert [s["id"] for s in json.loads(listed.stdout)] == [second, first]
    exported = shell("export", "last", "--format", "json", "--data-dir", str(datadir.root))
    assert exported.returncode == 0 and json.loads(exported.stdout)["id"] == second


@pytest.mark.locale
def test_end_to_end_errors_have_no_traceback(tmp_path):
    missing = shell("export", "nope", "--data-dir", str(tmp_path / "d"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert missing.stderr.startswith("minutely: ")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"meeting: [unclosed\n")
    checked = shell("check", str(bad))
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert checked.stderr.startswith(f"{bad}:")


@pytest.mark.locale
def test_output_into_a_missing_folder_is_refused_and_makes_no_folder(
    capsys, datadir, two, tmp_path
):
    target = tmp_path / "no-such-folder" / "minutes.md"
    for args in (
        ("export", "last", "-o", str(target)),
        ("actions", "-o", str(target)),
    ):
        code, out, err = minutely(capsys, *args, "--data-dir", str(datadir.root))
        assert code == 1
        assert err.strip() == f"minutely: the folder {target.parent} does not exist"
    assert not target.parent.exists()


@pytest.mark.locale
def test_actions_output_is_not_overwritten_without_force(capsys, datadir, two, tmp_path):
    target = tmp_path / "actions.csv"
    target.write_text("keep me", encoding="utf-8")
    code, _, err = minutely(
        capsys, "actions", "--format", "csv", "-o", str(target), "--data-dir", str(datadir.root)
    )
    assert code == 1 and "exists; add --force" in err
    assert target.read_text(encoding="utf-8") == "keep me"
    code, _, _ = minutely(
        capsys,
        "actions",
        "--format",
        "csv",
        "-o",
        str(target),
        "--force",
        "--data-dir",
        str(datadir.root),
    )
    assert code == 0
    written = target.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")  # the CSV, with its BOM for spreadsheets
    assert "跟进报价" in written.decode("utf-8-sig")


@pytest.mark.parametrize(
    "args",
    [("export", "last", "--format", "pdf"), ("bogus",), ("list", "--nope")],
)
def test_usage_errors_are_one_line(capsys, datadir, args):
    code, out, err = minutely(capsys, *args, "--data-dir", str(datadir.root))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("minutely: ")
    assert "--help" in lines[0]


@pytest.mark.locale
def test_errors_speak_the_language_asked_for(capsys, datadir, two, monkeypatch):
    monkeypatch.delenv("LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    code, _, err = minutely(
        capsys, "export", "nosuch", "--data-dir", str(datadir.root), "--lang", "zh"
    )
    assert (
        code == 1 and err.strip() == "minutely: 没有会议 'nosuch'；`minutely list` 可列出全部会议"
    )
    code, _, err = minutely(
        capsys, "export", "nosuch", "--data-dir", str(datadir.root), "--lang=en"
    )
    assert code == 1 and err.strip() == "minutely: no session 'nosuch'; `minutely list` shows them"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setattr("tui.cli.has_terminal", lambda: True)  # as from a terminal
    code, _, err = minutely(capsys, "run", "--data-dir", str(datadir.root))
    assert code == 1 and err.strip().startswith("minutely: 请给出议程文件或 --template 模板名")


def test_a_meeting_still_running_elsewhere_exports_as_in_progress(capsys, datadir, agenda, clock):
    live = Session.start(datadir, agenda, clock, lang="zh")
    live.submit("第一条记录")
    try:
        code, out, _ = minutely(capsys, "export", "last", "--data-dir", str(datadir.root))
        assert code == 0
        assert "本次会议仍在进行" in out and "未正常结束" not in out
    finally:
        live.close()
    code, out, _ = minutely(capsys, "export", "last", "--data-dir", str(datadir.root))
    assert code == 0 and "未正常结束" in out  # closed without /end: interrupted after all


def test_output_refusals_speak_the_language_asked_for(capsys, datadir, two, tmp_path):
    target = tmp_path / "纪要.md"
    target.write_text("keep", encoding="utf-8")
    code, _, err = minutely(
        capsys, "export", "last", "-o", str(target), "--data-dir", str(datadir.root), "--lang", "zh"
    )
    assert code == 1 and err.strip() == f"minutely: {target} 已存在；加 --force 才会覆盖"
