"""`minutely check` speaks the language the other commands choose: --lang, else the agenda's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

BAD = "meeting:\n  titel: M\nsections:\n  - title: S\n    duration: 10x\n"
LONG = (
    "meeting: {title: M, break_after: 60m, language: zh}\n"
    "sections:\n"
    "  - {title: A, duration: 40m}\n"
    "  - {title: B, duration: 30m}\n"
)


def minutely(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


def test_check_in_chinese_keeps_file_line_and_one_line_per_problem(tmp_path: Path, capsys):
    path = tmp_path / "agenda.yaml"
    path.write_text(BAD, encoding="utf-8")
    code, out, err = minutely(capsys, "check", str(path), "--lang", "zh")
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 3
    assert lines == [
        f"{path}:1: 错误：meeting：缺少 title",
        f"{path}:2: 错误：meeting：未知的键“titel”（是不是“title”？）",
        f"{path}:5: 错误：sections[1].duration：时长 '10x' 无效：请写 90s、10m、1h30m 或分钟数",
    ]


def test_check_in_english_says_the_same_problems_in_english(tmp_path: Path, capsys):
    path = tmp_path / "agenda.yaml"
    path.write_text(BAD, encoding="utf-8")
    code, out, err = minutely(capsys, "check", str(path), "--lang", "en")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{path}:1: meeting: missing title",
        f"{path}:2: meeting: unknown key 'titel' (did you mean 'title'?)",
        f"{path}:5: sections[1].duration: bad duration '10x': use 90s, 10m, 1h30m or minutes",
    ]


MIXED = (
    "meeting: {title: M, language: fr}\n"
    "participants: [Tom, tom]\n"
    "sections:\n"
    "  - {title: A, duration: 0}\n"
    "  - {title: B, duration: 5m, goals: {a: 1}}\n"
    "  - 可能\n"
)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "zh",
            [
                ":1: 错误：meeting.language：未知的语言“fr”：请用 zh 或 en",
                ":2: 错误：participants[2]：姓名“tom”重复（第一次出现在第 2 行）",
                ":4: 错误：sections[1].duration：时长 '0' 无效：必须大于零",
                ":5: 错误：sections[2].goals：应为文字列表，而不是映射（每一项单独一行，以“- ”开头）",
                ":6: 错误：sections[3]：应为含 title 和 duration 的映射，而不是'可能'",
            ],
        ),
        (
            "en",
            [
                ":1: meeting.language: unknown language 'fr': use zh or en",
                ":2: participants[2]: duplicate name 'tom' (first at line 2)",
                ":4: sections[1].duration: bad duration '0': must be longer than zero",
                ":5: sections[2].goals: must be a list of text, not a mapping"
                " (write each item on its own line after '- ')",
                ":6: sections[3]: must be a mapping with title and duration, not '可能'",
            ],
        ),
    ],
)
def test_check_words_each_problem_in_the_chosen_language(tmp_path: Path, capsys, lang, expected):
    path = tmp_path / "agenda.yaml"
    path.write_text(MIXED, encoding="utf-8")
    code, _, err = minutely(capsys, "check", str(path), "--lang", lang)
    assert code == 1
    assert err.splitlines() == [f"{path}{line}" for line in expected]


def test_check_of_a_missing_file_in_chinese(tmp_path: Path, capsys):
    code, _, err = minutely(capsys, "check", str(tmp_path / "none.yaml"), "--lang", "zh")
    assert code == 1 and err == f"{tmp_path / 'none.yaml'}: 错误：找不到文件\n"


def test_check_follows_the_agendas_language_and_lang_wins(tmp_path: Path, capsys):
    path = tmp_path / "agenda.yaml"
    path.write_text(LONG, encoding="utf-8")
    code, out, err = minutely(capsys, "check", str(path))
    assert code == 0
    assert out == f"{path}: 没有问题（2 项议程，计划 70 分钟）\n"
    assert (
        err
        == f"{path}: 提醒：第 1-2 项议程连续 1h10m 没有休息（break_after 为 1h）：加一项 kind: break 的休息\n"
    )
    code, out, err = minutely(capsys, "check", str(path), "--lang", "en")
    assert out == f"{path}: ok (2 sections, 70m planned)\n"
    assert err.startswith(f"{path}: warning: sections 1-2 run 1h10m without a break")


def test_run_words_an_agendas_problems_as_check_does(tmp_path: Path, capsys, monkeypatch):
    """`minutely run BAD --lang zh` stops with the same lines as `check`, in Chinese, exit 1."""
    monkeypatch.setattr("tui.cli.has_terminal", lambda: True)  # as from a terminal
    path = tmp_path / "agenda.yaml"
    path.write_text(BAD, encoding="utf-8")
    _, _, checked = minutely(capsys, "check", str(path), "--lang", "zh")
    args = ["run", str(path), "--lang", "zh", "--data-dir", str(tmp_path / "data")]
    code, out, err = minutely(capsys, *args)
    assert code == 1 and out == ""
    assert err == checked
    assert f"{path}:5: 错误：sections[1].duration" in err


def test_the_choices_of_an_unknown_kind_read_as_a_list_in_each_language(tmp_path: Path, capsys):
    path = tmp_path / "agenda.yaml"
    path.write_text(
        "meeting: {title: M}\nsections:\n  - {title: S, duration: 5m, kind: perfomance}\n",
        encoding="utf-8",
    )
    _, _, zh = minutely(capsys, "check", str(path), "--lang", "zh")
    _, _, en = minutely(capsys, "check", str(path), "--lang", "en")
    assert "discussion、followup、performance、targets、training 或 break" in zh
    assert ", " not in zh.split("：", 1)[1]
    assert "discussion, followup, performance, targets, training or break" in en
