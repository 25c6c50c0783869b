"""`minutely series` and `minutely report` from the command line."""

from __future__ import annotations

import json

import pytest
from series_sessions import SERIES, record_series

from sessions.datadir import DataDir
from tui.cli import main


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    datadir = DataDir(tmp_path_factory.mktemp("series") / "data")
    record_series(datadir)
    return datadir


def run(args, capsys):
    with pytest.raises(SystemExit) as done:
        main(args)
    out = capsys.readouterr()
    return done.value.code, out.out, out.err


def test_series_lists_meetings_dates_and_open_actions(folder, capsys):
    code, out, err = run(["series", "--data-dir", str(folder.root), "--lang", "en"], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Series\tMeetings\tFirst\tLast\tOpen actions",
        f"{SERIES}\t3\t2026-10-08\t2026-12-03\t4",
    ]


def test_series_says_when_there_is_none(datadir, capsys):
    code, out, _err = run(["series", "--data-dir", str(datadir.root), "--lang", "zh"], capsys)
    assert code == 0 and "还没有属于某个系列的会议" in out


def test_report_in_markdown_in_the_series_language(folder, capsys):
    code, out, err = run(["report", SERIES, "--data-dir", str(folder.root)], capsys)
    assert (code, err) == (0, "")
    assert out.startswith(f"# {SERIES} 会议记分卡\n")  # the meetings were held in Chinese
    assert "| 2026-10-08 | 2026-11-05 | 2026-12-03 |" in out


def test_report_over_a_period_as_json(folder, capsys):
    args = ["report", SERIES, "--data-dir", str(folder.root), "--format", "json"]
    code, out, _err = run([*args, "--from", "2026-11-01", "--to", "2026-11-30"], capsys)
    data = json.loads(out)
    assert code == 0 and [m["date"] for m in data["meetings"]] == ["2026-11-05"]
    zhang = next(r for r in data["sales"]["reps"] if r["name"] == "张伟")
    assert zhang["cells"][0]["target"] == 1_200_000  # carried from October, outside the period


def test_report_files_are_never_overwritten_unasked(folder, tmp_path, capsys):
    path = tmp_path / "card.html"
    args = ["report", SERIES, "--data-dir", str(folder.root), "--format", "html", "-o", str(path)]
    assert run(args, capsys)[0] == 0
    assert "<svg" in path.read_text(encoding="utf-8")
    code, _out, err = run(args, capsys)
    assert code == 1 and "--force" in err
    assert run([*args, "--force"], capsys)[0] == 0


def test_word_needs_a_file(folder, tmp_path, capsys):
    args = ["report", SERIES, "--data-dir", str(folder.root), "--format", "docx", "--lang", "en"]
    code, out, err = run(args, capsys)
    assert (code, out) == (1, "") and "add -o east-monthly.docx" in err
    path = tmp_path / "card.docx"
    assert run([*args, "-o", str(path)], capsys)[0] == 0
    assert path.read_bytes()[:2] == b"PK"


def test_an_unknown_series_is_one_line_in_the_asked_language(folder, capsys):
    code, out, err = run(["report", "west", "--data-dir", str(folder.root), "--lang", "zh"], capsys)
    assert (code, out) == (1, "")
    assert err == "minutely: 系列 'west' 没有会议；`minutely series` 可列出所有系列\n"
