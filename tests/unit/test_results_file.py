"""`minutely run AGENDA --results FILE`: a CSV or Excel file's targets and results over the agenda's."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from sessions.clock import FakeClock
from sessions.performance import month_performance
from sessions.results import ResultsError, read_results, with_results
from sessions.session import Session
from sessions.state import replay_record
from tui.cli import main

AGENDA = """\
meeting:
  title: 华东区月会
  series: east-monthly
  facilitator: 王磊
participants:
  - name: 王磊
    role: facilitator
  - name: 张伟
    target: 1000000
    actual: 900000
  - name: 陈静
    target: 800000
  - name: Tom Baker
sections:
  - title: 业绩回顾
    duration: 15
    kind: performance
"""

NAMES = ["王磊", "张伟", "陈静", "Tom Baker"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_csv_with_chinese_headers_and_amounts_as_typed(tmp_path):
    path = write_csv(
        tmp_path / "results.csv",
        [["姓名", "目标", "完成"], ["张伟", "120万", "150万"], ["陈", "", "1.2m"], ["", "", ""]],
    )
    figures = read_results(path, NAMES)
    assert figures["张伟"].target == 1_200_000 and figures["张伟"].actual == 1_500_000
    assert figures["陈静"].target is None and figures["陈静"].actual == 1_200_000


def test_an_xlsx_with_english_headers_and_numbers(tmp_path):
    path = write_xlsx(
        tmp_path / "results.xlsx",
        [["Name", "Actual", "Target"], ["Tom", 450000, 500000], ["张伟", "１５０万", None]],
    )
    figures = read_results(path, NAMES)
    assert (figures["Tom Baker"].target, figures["Tom Baker"].actual) == (500_000, 450_000)
    assert (figures["张伟"].target, figures["张伟"].actual) == (None, 1_500_000)


def test_every_unknown_name_and_bad_amount_is_reported_at_its_row(tmp_path):
    path = write_csv(
        tmp_path / "r.csv",
        [["name", "target", "actual"], ["张伟", "1", "2"], ["Zed", "1", "2"], ["陈静", "x", "1"]],
    )
    with pytest.raises(ResultsError) as refused:
        read_results(path, NAMES)
    lines = refused.value.text("en").splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:3: ") and "Zed" in lines[0]
    assert lines[1].startswith(f"{path}:4: ") and "x" in lines[1]


def test_a_file_without_the_columns_is_refused_at_row_1(tmp_path):
    path = write_csv(tmp_path / "r.csv", [["who", "how much"], ["张伟", "1"]])
    with pytest.raises(ResultsError, match=r"r\.csv:1: the first row names the columns"):
        read_results(path, NAMES)


def test_an_empty_cell_keeps_the_agendas_figure(tmp_path):
    from agendas.loader import load_agenda

    agenda_path = tmp_path / "agenda.yaml"
    agenda_path.write_text(AGENDA, encoding="utf-8")
    agenda = load_agenda(agenda_path)
    path = write_csv(tmp_path / "r.csv", [["姓名", "目标", "实际"], ["张伟", "", "95万"]])
    merged = with_results(agenda, read_results(path, agenda.names))
    zhang = merged.participant("张伟")
    assert zhang is not None and (zhang.target, zhang.actual) == (1_000_000, 950_000)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_run_starts_the_meeting_on_the_files_figures(tmp_path, monkeypatch, suffix, capsys):
    monkeypatch.setattr("tui.cli.has_terminal", lambda: True)
    opened = []
    monkeypatch.setattr(
        "tui.launch._run_opened", lambda datadir, session, lang: opened.append(session) or 0
    )
    agenda_path = tmp_path / "agenda.yaml"
    agenda_path.write_text(AGENDA, encoding="utf-8")
    rows: list[list[object]] = [["姓名", "目标", "实际"], ["张伟", "120万", "150万"]]
    results = tmp_path / f"results.{suffix}"
    (write_csv if suffix == "csv" else write_xlsx)(results, rows)  # type: ignore[operator]
    data = tmp_path / "data"
    with pytest.raises(SystemExit) as exit_:
        main(["run", str(agenda_path), "--now", "--results", str(results), "--data-dir", str(data)])
    assert exit_.value.code == 0
    [session] = opened
    session.close()
    # Kept in the session header's agenda: the meeting's record says what it ran on.
    state = replay_record(session.writer.datadir.read(session.id))
    zhang = state.agenda.participant("张伟")
    assert zhang is not None and (zhang.target, zhang.actual) == (1_200_000, 1_500_000)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_run_refuses_unknown_names_with_file_and_row(tmp_path, monkeypatch, capsys, suffix):
    monkeypatch.setattr("tui.cli.has_terminal", lambda: True)
    agenda_path = tmp_path / "agenda.yaml"
    agenda_path.write_text(AGENDA, encoding="utf-8")
    results = tmp_path / f"results.{suffix}"
    rows: list[list[object]] = [["name", "actual"], ["张伟", "1"], ["Nobody Here", "2"]]
    (write_csv if suffix == "csv" else write_xlsx)(results, rows)  # type: ignore[operator]
    data = tmp_path / "data"
    with pytest.raises(SystemExit) as exit_:
        main(["run", str(agenda_path), "--now", "--results", str(results), "--data-dir", str(data)])
    _, err = capsys.readouterr()
    assert exit_.value.code == 1
    assert err.startswith(f"{results}:3: ") and "Nobody Here" in err
    assert not (data / "sessions").exists() or not any((data / "sessions").iterdir())


def test_imported_results_stay_with_the_session_through_resume_minutes_and_report(
    tmp_path, monkeypatch, capsys
):
    """The file is read once, before the start; the session file alone holds its figures after."""
    monkeypatch.setattr("tui.cli.has_terminal", lambda: True)
    clock = FakeClock()
    monkeypatch.setattr("tui.launch.SystemClock", lambda: clock)
    opened = []
    monkeypatch.setattr(
        "tui.launch._run_opened", lambda datadir, session, lang: opened.append(session) or 0
    )
    agenda_path = tmp_path / "agenda.yaml"
    agenda_path.write_text(AGENDA, encoding="utf-8")
    results = write_csv(
        tmp_path / "results.csv", [["姓名", "目标", "实际"], ["张伟", "120万", "150万"]]
    )
    data = tmp_path / "data"
    with pytest.raises(SystemExit):
        main(["run", str(agenda_path), "--now", "--results", str(results), "--data-dir", str(data)])
    [session] = opened
    session.close()
    results.unlink()  # nothing reads the file again

    clock.advance(600)
    resumed = Session.resume(session.writer.datadir, session.id, clock)
    try:
        figures = month_performance(resumed.state, {}, {})[0]
        zhang = next(r for r in figures.reps if r.name == "张伟")
        assert (zhang.target, zhang.actual) == (1_200_000, 1_500_000)
        resumed.end()
    finally:
        resumed.close()
    capsys.readouterr()

    def cli(*args: str) -> str:
        with pytest.raises(SystemExit) as done:
            main([*args, "--data-dir", str(data), "--lang", "en"])
        assert done.value.code == 0
        return capsys.readouterr().out

    minutes = cli("export", "last", "--format", "md")
    assert "| 1 | 张伟 | 1,200,000 | 1,500,000 | 125.0% |" in minutes
    report = json.loads(cli("report", "east-monthly", "--format", "json"))
    [cell] = next(r for r in report["sales"]["reps"] if r["name"] == "张伟")["cells"]
    assert (cell["target"], cell["actual"]) == (1_200_000, 1_500_000)
