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
    assert lines[0] == f"{path}:1: 错误：meeting: missing title"
    assert all(line.startswith(f"{path}:") and "错误：" in line for line in lines)


def test_check_of_a_missing_file_in_chinese(tmp_path: Path, capsys):
    code, _, err = minutely(capsys, "check", str(tmp_path / "none.yaml"), "--lang", "zh")
    assert code == 1 and err == f"{tmp_path / 'none.yaml'}: 错误：file not found\n"


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
