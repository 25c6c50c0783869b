"""The built-in templates and the `templates` and `new` commands."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from agendas.loader import load_agenda, load_agenda_text
from agendas.model import LANGUAGES, Agenda, SectionKind
from agendas.templates import (
    TEMPLATE_NAMES,
    TemplateInfo,
    UnknownTemplate,
    list_templates,
    load_template,
    template_text,
)
from tui import agenda_commands

ROOT = Path(__file__).parents[2]
ALL = [(name, lang) for name in TEMPLATE_NAMES for lang in LANGUAGES]


def sittings(agenda: Agenda) -> list[int]:
    """Seconds of each run of sections between breaks."""
    runs = [0]
    for section in agenda.sections:
        if section.kind is SectionKind.BREAK:
            runs.append(0)
        else:
            runs[-1] += section.duration
    return runs


def test_template_names_in_order() -> None:
    assert TEMPLATE_NAMES == (
        "monthly-sales",
        "regional-marketing",
        "weekly-sales",
        "daily-standup",
        "blank",
    )


def test_every_template_file_is_listed() -> None:
    folder = ROOT / "agendas" / "templates"
    assert sorted(p.name for p in folder.glob("*.yaml")) == sorted(
        f"{name}.{lang}.yaml" for name, lang in ALL
    )


@pytest.mark.parametrize(("name", "lang"), ALL)
def test_template_loads_and_round_trips(name: str, lang: str) -> None:
    agenda = load_template(name, lang)
    assert agenda.source == f"template:{name}.{lang}"
    assert agenda.meeting.language == lang
    assert agenda.meeting.title
    assert agenda.sections
    again = Agenda.from_dict(agenda.to_dict())
    assert again == agenda
    assert again.source == agenda.source


@pytest.mark.parametrize(("name", "lang"), ALL)
def test_template_text_is_what_load_template_reads(name: str, lang: str) -> None:
    text = template_text(name, lang)
    assert text.startswith("#"), "templates open with a comment that explains them"
    assert load_agenda_text(text, f"template:{name}.{lang}") == load_template(name, lang)


@pytest.mark.parametrize(("name", "lang"), ALL)
def test_no_sitting_runs_past_an_hour(name: str, lang: str) -> None:
    agenda = load_template(name, lang)
    limit = agenda.meeting.break_after or 3600
    assert max(sittings(agenda)) <= limit


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_zh_and_en_have_the_same_shape(name: str) -> None:
    zh, en = load_template(name, "zh"), load_template(name, "en")
    assert [(s.kind, s.duration) for s in zh.sections] == [
        (s.kind, s.duration) for s in en.sections
    ]
    assert [(p.role, p.target, p.actual) for p in zh.participants] == [
        (p.role, p.target, p.actual) for p in en.participants
    ]
    assert len(zh.checklist) == len(en.checklist)
    assert len(zh.meeting.rules) == len(en.meeting.rules)
    assert zh.meeting.break_after == en.meeting.break_after


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_zh_template_is_written_in_chinese(name: str) -> None:
    agenda = load_template(name, "zh")
    for section in agenda.sections:
        assert re.search(r"[\u4e00-\u9fff]", section.title), section.title


def test_monthly_sales_follows_the_article() -> None:
    agenda = load_template("monthly-sales", "zh")
    titles = [s.title for s in agenda.sections]
    kinds = [s.kind for s in agenda.sections]
    assert titles[0] == "上月例会工作追踪" and kinds[0] is SectionKind.FOLLOWUP
    for report in ("市场月报", "客服部月度工作总结", "销售部月度工作总结"):
        assert any(report in title for title in titles), report
    assert kinds.index(SectionKind.PERFORMANCE) < kinds.index(SectionKind.TARGETS)
    assert kinds[-1] is SectionKind.TRAINING
    assert SectionKind.BREAK in kinds
    assert agenda.meeting.break_after == 3600
    assert agenda.meeting.facilitator == "王磊" and agenda.meeting.scribe == "李娜"
    assert agenda.meeting.rules == ("不准迟到早退", "不准无故请假", "会前做好充分准备")
    assert agenda.checklist == (
        "确定召开例会的必要性",
        "确定例会的目的",
        "确定主要议题",
        "确定时间和地点并发出通知",
        "准备销售报表、月度总结、表格、投影仪、记录本",
    )
    reps = [p for p in agenda.participants if p.target is not None]
    assert {p.name for p in reps} >= {"张伟", "陈静", "刘洋", "赵敏"}
    assert all(p.actual is not None for p in reps)


def test_monthly_sales_in_english() -> None:
    agenda = load_template("monthly-sales", "en")
    assert agenda.facilitator == "Grace Lin"
    assert {"Tom Baker", "Priya Shah", "Diego Alvarez", "Mei Chen", "Sam Okoro"} <= set(
        agenda.names
    )


def test_regional_marketing_follows_the_article() -> None:
    agenda = load_template("regional-marketing", "zh")
    titled = {s.title: s.kind for s in agenda.sections}
    assert titled["上月例会布置工作的追踪"] is SectionKind.FOLLOWUP
    assert titled["月度销售工作的回顾"] is SectionKind.PERFORMANCE
    assert titled["市场竞争态势分析"] is SectionKind.DISCUSSION
    assert titled["当前市场问题探讨与下步措施"] is SectionKind.DISCUSSION
    assert titled["下月销售任务分解及工作布置"] is SectionKind.TARGETS
    assert titled["人员培训"] is SectionKind.TRAINING
    competition = next(s for s in agenda.sections if s.title == "市场竞争态势分析")
    assert any("SWOT" in goal for goal in competition.goals)


@pytest.mark.parametrize(
    ("name", "lang", "minutes"), [("weekly-sales", "zh", 45), ("daily-standup", "en", 15)]
)
def test_short_meetings(name: str, lang: str, minutes: int) -> None:
    agenda = load_template(name, lang)
    assert agenda.planned_seconds == minutes * 60
    assert SectionKind.BREAK not in {s.kind for s in agenda.sections}


def test_blank_is_minimal() -> None:
    agenda = load_template("blank", "en")
    assert len(agenda.sections) == 1 and agenda.sections[0].kind is SectionKind.DISCUSSION
    assert len(agenda.participants) == 1


def test_name_may_carry_the_language() -> None:
    assert load_template("monthly-sales.en", "zh").meeting.language == "en"
    assert template_text("blank.zh", "en") == template_text("blank", "zh")


@pytest.mark.parametrize(
    ("name", "lang", "message"),
    [
        (
            "monthly",
            "zh",
            "unknown template 'monthly' (did you mean 'monthly-sales'?): choose one of monthly-sales, regional-marketing, weekly-sales, daily-standup, blank",
        ),
        ("monthly-salse", "zh", "unknown template 'monthly-salse' (did you mean 'monthly-sales'?)"),
        ("standup", "en", "unknown template 'standup' (did you mean 'daily-standup'?)"),
        ("quarterly-review", "en", "unknown template 'quarterly-review': choose one of"),
        ("blank", "fr", "no templates in 'fr': languages are zh, en"),
        ("blank.fr", "zh", "no templates in 'fr': languages are zh, en"),
        ("../loader", "zh", "unknown template '../loader'"),
    ],
)
def test_unknown_template(name: str, lang: str, message: str) -> None:
    with pytest.raises(UnknownTemplate) as info:
        template_text(name, lang)
    assert str(info.value).startswith(message)
    assert isinstance(info.value, KeyError)
    with pytest.raises(UnknownTemplate):
        load_template(name, lang)


def test_list_templates() -> None:
    infos = list_templates()
    assert [(i.name, i.language) for i in infos] == ALL
    assert infos[0] == TemplateInfo(
        "monthly-sales", "zh", load_template("monthly-sales", "zh").meeting.title, 8, 115
    )
    assert [i.language for i in list_templates("en")] == ["en"] * len(TEMPLATE_NAMES)
    with pytest.raises(UnknownTemplate):
        list_templates("fr")


def test_nothing_is_read_at_import() -> None:
    code = (
        "import pathlib\n"
        "seen = []\n"
        "real = pathlib.Path.open\n"
        "pathlib.Path.open = lambda self, *a, **k: seen.append(self.name) or real(self, *a, **k)\n"
        "import agendas.templates\n"
        "assert seen == [], seen\n"
        "agendas.templates.template_text('blank', 'en')\n"
        "assert seen == ['blank.en.yaml'], seen\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# minutely templates


def test_templates_command_lists_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert agenda_commands.templates(None) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["NAME", "LANG", "SECTIONS", "PLANNED", "TITLE"]
    assert len(lines) == 1 + len(ALL)
    assert lines[1].split()[:4] == ["monthly-sales", "zh", "8", "115m"]
    assert lines[1].endswith(load_template("monthly-sales", "zh").meeting.title)
    assert lines[-1].split()[:4] == ["blank", "en", "1", "30m"]


def test_templates_command_in_one_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert agenda_commands.templates("zh") == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert [row.split()[1] for row in rows] == ["zh"] * len(TEMPLATE_NAMES)


def test_templates_command_unknown_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert agenda_commands.templates("fr") == 1
    out, err = capsys.readouterr()
    assert out == "" and err == "minutely: no templates in 'fr': languages are zh, en\n"


# minutely new


def test_new_copies_the_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "agenda.yaml"
    assert agenda_commands.new("monthly-sales", str(output), "zh", False) == 0
    assert output.read_text(encoding="utf-8") == template_text("monthly-sales", "zh")
    assert str(output) in capsys.readouterr().out
    assert load_agenda(output) == load_template("monthly-sales", "zh")
    assert agenda_commands.check(str(output)) == 0


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "agenda.yaml"
    output.write_text("mine", encoding="utf-8")
    assert agenda_commands.new("blank", str(output), "en", False) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{output}: already exists: use --force to overwrite it\n"
    assert output.read_text(encoding="utf-8") == "mine"


def test_new_overwrites_with_force(tmp_path: Path) -> None:
    output = tmp_path / "agenda.yaml"
    output.write_text("mine", encoding="utf-8")
    assert agenda_commands.new("blank", str(output), "en", True) == 0
    assert output.read_text(encoding="utf-8") == template_text("blank", "en")


def test_new_unknown_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "agenda.yaml"
    assert agenda_commands.new("monthly", str(output), "en", False) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    # Worded as `minutely run --template monthly` words it.
    assert err.startswith("minutely: unknown template 'monthly' (did you mean 'monthly-sales'?)")
    for name in TEMPLATE_NAMES:
        assert name in err
    assert not output.exists()


def test_new_into_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "nope" / "agenda.yaml"
    assert agenda_commands.new("blank", str(output), "en", False) == 1
    assert capsys.readouterr().err.startswith(f"{output}: cannot write: ")


def test_new_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert agenda_commands.new("daily-standup.zh", "-", "en", False) == 0
    assert capsys.readouterr().out == template_text("daily-standup", "zh")


def test_new_language_in_the_name_wins(tmp_path: Path) -> None:
    output = tmp_path / "agenda.yaml"
    assert agenda_commands.new("weekly-sales.zh", str(output), "en", False) == 0
    assert load_agenda(output).meeting.language == "zh"


def test_agenda_commands_do_not_import_textual() -> None:
    code = "import sys, tui.agenda_commands; assert 'textual' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
