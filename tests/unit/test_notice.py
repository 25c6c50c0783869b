"""The meeting notice: `render_notice` and `minutely notice`."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from agendas.model import Agenda, Meeting, Participant, Section, SectionKind
from sessions.notice import render_notice
from tui.cli import main

AGENDA_YAML = """\
meeting:
  title: 华东区 11 月销售月会
  series: east-monthly
  location: 3F 大会议室
  facilitator: 王磊
  scribe: 李娜
  purpose: 回顾 11 月业绩，分解 12 月任务
  language: zh
  starts: 2026-12-01 09:00
  rules: [不准迟到早退, 不准无故请假, 会前准备好材料]
participants:
  - name: 王磊
    role: facilitator
  - name: 张伟
    role: sales
  - 陈静
sections:
  - title: 上月例会工作追踪
    duration: 10m
    kind: followup
  - title: 11 月销售回顾
    duration: 15m
    presenter: 张伟
    kind: performance
    materials: [11 月销售报表, 个人月度总结]
    goals: [每人说明完成率与差距原因]
  - title: 竞品分析
    duration: 1h
checklist: [发出会议通知, 调试投影仪]
"""


def _agenda(**meeting) -> Agenda:
    return Agenda(
        meeting=Meeting("Weekly sales | review", language="en", **meeting),
        participants=(Participant("Ann", "facilitator"), Participant("Ben")),
        sections=(
            Section("Pipeline", 900, presenter="Ben", materials=("CRM export",)),
            Section("Break", 300, SectionKind.BREAK),
            Section("Role play", 1200, SectionKind.TRAINING),
        ),
        checklist=("Book the room",),
    )


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_.value.code or 0), out, err


def test_notice_with_a_start_time_gives_each_sections_clock_times():
    text = render_notice(_agenda(starts=datetime(2026, 12, 7, 14, 0), location="Room 2"), "en")
    assert text.startswith("# Meeting notice: Weekly sales \\| review\n")
    assert "- **Time**: 2026-12-07 (Monday) 14:00–14:40" in text
    assert "- **Place**: Room 2" in text
    assert "| 1 | 14:00–14:15 | Pipeline | 15 min | Ben |  |" in text
    assert "| 2 | 14:15–14:20 | Break | 5 min |  |  |" in text
    assert "| 3 | 14:20–14:40 | Role play | 20 min |  |  |" in text
    assert "- **Pipeline**: CRM export *(Presenter: Ben)*" in text
    assert "- ☐ Book the room" in text


def test_notice_without_a_start_time_counts_from_zero_and_says_tbd():
    text = render_notice(_agenda(), "en")
    assert "- **Time**: to be announced" in text
    assert "- **Place**: to be announced" in text
    assert "| 3 | 0:20–0:40 | Role play |" in text


def test_default_rules_are_the_specs_three():
    text = render_notice(_agenda(), "en")
    rules = re.search(r"## Meeting rules\n\n(.*?)\n\n", text, re.S)
    assert rules is not None
    assert rules.group(1).splitlines() == [
        "1. Be on time: no lateness.",
        "2. Stay to the end: no leaving early.",
        "3. No absence without a reason given in advance.",
    ]
    zh = render_notice(_agenda(), "zh")
    assert "1. 不准迟到。\n2. 不准早退。\n3. 不准无故请假。" in zh


def test_notice_html_is_escaped():
    html = render_notice(_agenda(purpose="<script>x</script>"), "en", "html")
    assert "<script" not in html and "&lt;script&gt;" in html
    with pytest.raises(ValueError):
        render_notice(_agenda(), "en", "docx")


def test_notice_command_prints_in_the_agendas_language(capsys, tmp_path):
    path = tmp_path / "月会.yaml"
    path.write_text(AGENDA_YAML, encoding="utf-8")
    code, out, err = run(capsys, "notice", str(path))
    assert code == 0 and err == ""
    assert out.startswith("# 会议通知：华东区 11 月销售月会\n")
    assert "- **时间**：2026年12月1日（星期二） 09:00—10:25" in out
    assert "- **地点**：3F 大会议室" in out
    assert "- **主题**：华东区 11 月销售月会" in out
    assert "| 2 | 09:10–09:25 | 11 月销售回顾 | 15 分钟 | 张伟 | 每人说明完成率与差距原因 |" in out
    assert "| 3 | 09:25–10:25 | 竞品分析 | 1 小时 |  |  |" in out
    assert "- **11 月销售回顾**：11 月销售报表、个人月度总结 *（汇报人：张伟）*" in out
    assert "1. 不准迟到早退\n2. 不准无故请假\n3. 会前准备好材料" in out
    assert "- ☐ 发出会议通知\n- ☐ 调试投影仪" in out
    code, out, _ = run(capsys, "notice", str(path), "--lang", "en")
    assert code == 0 and out.startswith("# Meeting notice: 华东区 11 月销售月会")


@pytest.mark.locale
def test_notice_to_a_file_needs_force_to_overwrite(capsys, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(AGENDA_YAML, encoding="utf-8")
    target = tmp_path / "notice.md"
    code, out, _ = run(capsys, "notice", str(path), "-o", str(target))
    assert code == 0 and out == ""
    first = target.read_text(encoding="utf-8")
    assert first.startswith("# 会议通知")
    target.write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "notice", str(path), "-o", str(target))
    assert code == 1 and "exists; add --force" in err
    assert target.read_text(encoding="utf-8") == "mine"
    code, _, _ = run(capsys, "notice", str(path), "-o", str(target), "--force")
    assert code == 0 and target.read_text(encoding="utf-8") == first


def test_notice_of_a_bad_agenda_gives_file_line_messages(capsys, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("meeting:\n  titel: x\nsections:\n  - title: A\n    duration: soon\n", "utf-8")
    code, out, err = run(capsys, "notice", str(path))
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert lines and all(re.match(rf"{re.escape(str(path))}:\d+: ", line) for line in lines)
    assert "Traceback" not in err
    code, _, err = run(capsys, "notice", str(tmp_path / "missing.yaml"))
    assert code == 1 and "missing.yaml: file not found" in err
