"""`minutely export`: formats, standard output, -o, --force, `last`, and the errors."""

from __future__ import annotations

import io
import json

import docx
import pytest
from minutes_sessions import record_en, record_zh

from sessions.minutes import render_minutes
from tui.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_.value.code or 0), out, err


@pytest.fixture
def sessions(datadir):
    zh = record_zh(datadir)
    en = record_en(datadir)  # started a day later: the latest
    return datadir, zh, en


def test_export_markdown_to_stdout_in_the_meetings_language(capsys, sessions):
    datadir, zh, en = sessions
    code, out, err = run(capsys, "export", zh, "--data-dir", str(datadir.root))
    assert code == 0 and err == ""
    assert out == render_minutes(datadir.read(zh), "md", "zh")
    assert out.startswith("# 华东区 11 月销售月会")


def test_export_last_and_lang_option(capsys, sessions):
    datadir, _, en = sessions
    code, out, _ = run(capsys, "export", "last", "--data-dir", str(datadir.root), "--lang", "zh")
    assert code == 0
    assert out == render_minutes(datadir.read(en), "md", "zh")
    assert "## 出席情况" in out


def test_export_html_and_json_to_stdout(capsys, sessions):
    datadir, zh, _ = sessions
    code, out, _ = run(capsys, "export", zh, "--format", "html", "--data-dir", str(datadir.root))
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    code, out, _ = run(capsys, "export", zh, "--format", "json", "--data-dir", str(datadir.root))
    assert code == 0
    data = json.loads(out)
    assert data["id"] == zh and data["meta"]["title"] == "华东区 11 月销售月会"


@pytest.mark.locale
def test_export_to_a_file_never_overwrites_without_force(capsys, sessions, tmp_path):
    datadir, zh, _ = sessions
    target = tmp_path / "out" / "minutes.md"
    target.parent.mkdir()
    code, out, err = run(capsys, "export", zh, "-o", str(target), "--data-dir", str(datadir.root))
    assert code == 0 and out == ""
    assert str(target) in err
    assert target.read_text(encoding="utf-8") == render_minutes(datadir.read(zh), "md", "zh")
    target.write_text("keep me", encoding="utf-8")
    code, out, err = run(capsys, "export", zh, "-o", str(target), "--data-dir", str(datadir.root))
    assert code == 1
    assert "exists; add --force" in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run(
        capsys, "export", zh, "-o", str(target), "--force", "--data-dir", str(datadir.root)
    )
    assert code == 0 and target.read_text(encoding="utf-8").startswith("# 华东区")


def test_export_word_needs_a_file(capsys, sessions, tmp_path):
    datadir, zh, _ = sessions
    code, out, err = run(capsys, "export", zh, "--format", "docx", "--data-dir", str(datadir.root))
    assert code == 1 and out == ""
    assert "-o minutes.docx" in err
    target = tmp_path / "m.docx"
    code, _, _ = run(
        capsys, "export", zh, "--format", "docx", "-o", str(target), "--data-dir", str(datadir.root)
    )
    assert code == 0
    document = docx.Document(io.BytesIO(target.read_bytes()))
    assert document.paragraphs[0].text == "华东区 11 月销售月会"


@pytest.mark.locale
def test_export_errors_are_one_line(capsys, datadir, tmp_path):
    code, out, err = run(capsys, "export", "last", "--data-dir", str(datadir.root))
    assert code == 1 and out == ""
    assert err.startswith("minutely: no sessions yet") and err.count("\n") == 1
    record_zh(datadir)
    code, _, err = run(capsys, "export", "nope", "--data-dir", str(datadir.root))
    assert code == 1 and "no session 'nope'" in err and "Traceback" not in err
    code, _, err = run(capsys, "export", "last", "--format", "pdf", "--data-dir", str(datadir.root))
    assert code == 1 and "pdf" in err


def test_export_of_an_interrupted_session(capsys, datadir):
    session_id = record_en(datadir, end=False)
    code, out, _ = run(capsys, "export", session_id, "--data-dir", str(datadir.root))
    assert code == 0
    assert "This meeting was not ended" in out
