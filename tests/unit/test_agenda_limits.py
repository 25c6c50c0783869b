"""`check` refuses what the app cannot run, at its line; what passes runs (the notice here, the screen in tui/)."""

from __future__ import annotations

import pytest
from agenda_limits import agenda_yaml

from agendas.loader import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_PARTICIPANTS,
    MAX_SECTIONS,
    AgendaError,
    load_agenda_text,
)
from sessions.notice import render_notice
from tui.cli import main


def minutely(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    code = exc.value.code
    return (code if isinstance(code, int) else 1), out, err


def problems(text: str) -> list[str]:
    with pytest.raises(AgendaError) as info:
        load_agenda_text(text, "a.yaml")
    return [str(p) for p in info.value.problems]


def test_the_caps_are_sane():
    assert (MAX_SECTIONS, MAX_PARTICIPANTS, FIRST_YEAR, LAST_YEAR) == (100, 200, 2000, 2100)


def test_too_many_sections_is_refused_at_the_first_one_over():
    text = agenda_yaml(sections=MAX_SECTIONS + 1)
    line = text.splitlines().index(f"  - title: Section {MAX_SECTIONS + 1}") + 1
    assert problems(text) == [f"a.yaml:{line}: sections: 101 of them; Minutely runs at most 100"]


def test_too_many_participants_is_refused_at_the_first_one_over():
    text = agenda_yaml(participants=10_000)
    line = text.splitlines().index(f"  - Person {MAX_PARTICIPANTS + 1}") + 1
    assert problems(text) == [
        f"a.yaml:{line}: participants: 10000 of them; Minutely runs at most 200"
    ]


@pytest.mark.parametrize(
    "starts", ["9999-12-31 23:59", "1999-12-31 23:59", "2101-01-01", "0001-01-01 00:00"]
)
def test_a_start_out_of_range_is_refused(starts):
    [problem] = problems(agenda_yaml(starts=starts))
    year = int(starts[:4])
    assert problem == (
        f"a.yaml:3: meeting.starts: the year {year} is out of range: use a date from 2000 to 2100"
    )


def test_a_section_longer_than_a_day_is_refused():
    text = agenda_yaml().replace("duration: 24h", "duration: 25h")
    assert problems(text) == [
        "a.yaml:12: sections[1].duration: bad duration '25h': longer than a day"
    ]


def test_check_reports_each_problem_with_its_line(capsys, tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(agenda_yaml(sections=150, participants=300, starts="9999-12-31 23:59"))
    code, _, err = minutely(capsys, "check", str(path))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith(f"{path}:") for line in lines)


@pytest.mark.parametrize("starts", ["2000-01-01 00:00", "2100-12-31 23:59"], ids=["first", "last"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_notice_runs_at_the_caps_and_date_limits(capsys, tmp_path, starts, lang):
    text = agenda_yaml(sections=MAX_SECTIONS, participants=MAX_PARTICIPANTS, starts=starts)
    agenda = load_agenda_text(text, "a.yaml")
    notice = render_notice(agenda, lang)
    assert "Section 100" in notice
    path = tmp_path / "a.yaml"
    path.write_text(text)
    assert minutely(capsys, "check", str(path))[0] == 0
    code, out, err = minutely(capsys, "notice", str(path), "--lang", lang)
    assert code == 0 and "Section 100" in out, err
