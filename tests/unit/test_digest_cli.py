"""`minutely digest` and `minutely config` from the command line."""

from __future__ import annotations

import pytest

from sessions.session import Session
from tui.cli import main


@pytest.fixture
def meeting(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock, lang="zh")
    for line in [
        "/d 报价统一上调 5%",
        "/a 整理客户名单 @张伟 | 名单上传到共享盘",
        "/a Call Acme @Tom",
    ]:
        clock.advance(20)
        session.submit(line)
    session.end()
    session.close()
    return session


def run(args, capsys):
    with pytest.raises(SystemExit) as done:
        main(args)
    out = capsys.readouterr()
    return done.value.code, out.out, out.err


def test_digest_of_the_last_meeting_for_one_owner(datadir, meeting, capsys):
    code, out, err = run(
        ["digest", "--data-dir", str(datadir.root), "--owner", "张", "--next", "2026-12-08"],
        capsys,
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "华东区 11 月销售月会 2026年12月1日（星期二）",
        "",
        "决议",
        "1. 报价统一上调 5%",
        "",
        "未完成待办",
        "张伟（1 项未完成）",
        "- 整理客户名单（未定截止日期；考核标准：名单上传到共享盘）",
        "",
        "下次会议：2026年12月8日（星期二）",
    ]


def test_digest_of_a_series_in_markdown_to_a_file(datadir, meeting, tmp_path, capsys):
    target = tmp_path / "digest.md"
    code, _out, _err = run(
        [
            "digest",
            "--series",
            "east-monthly",
            "--format",
            "md",
            "--lang",
            "en",
            "-o",
            str(target),
            "--data-dir",
            str(datadir.root),
        ],
        capsys,
    )
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# 华东区 11 月销售月会 — 2026-12-01 (Tuesday)\n\n## Decisions\n")
    assert "### Tom Baker (1 open)" in text


def test_digest_errors_are_one_line(datadir, meeting, capsys):
    code, _out, err = run(["digest", "--data-dir", str(datadir.root), "--series", "west"], capsys)
    assert code == 1 and err.startswith("minutely: no sessions in the series 'west'")
    code, _out, err = run(["digest", "--data-dir", str(datadir.root), "--owner", "nobody"], capsys)
    assert code == 1 and "nobody" in err and len(err.splitlines()) == 1
    code, _out, err = run(
        ["digest", meeting.id, "--series", "x", "--data-dir", str(datadir.root)], capsys
    )
    assert code == 1 and "not both" in err


def test_config_says_where_and_what(tmp_path, monkeypatch, capsys):
    path = tmp_path / "config.toml"
    monkeypatch.setenv("MINUTELY_CONFIG", str(path))
    code, out, _err = run(["config"], capsys)
    assert code == 0
    assert out.splitlines()[:2] == [
        f"Settings file: {path} (from MINUTELY_CONFIG)",
        "No file there yet: every setting is its default.",
    ]
    path.write_text('theme = "nord"\n', encoding="utf-8")
    code, out, _err = run(["config", "--lang", "zh"], capsys)
    assert code == 0 and "theme = nord（第 1 行）" in out
    path.write_text('language = "zh"\ntheme = "norrd"\n', encoding="utf-8")
    code, out, err = run(["config"], capsys)
    assert code == 1 and out == ""
    assert err.startswith(f"{path}:2: unknown theme 'norrd' (did you mean 'nord'?)")
