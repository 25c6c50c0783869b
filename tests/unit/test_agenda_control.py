"""Control characters in agenda text are refused with the file, the line, the field and the character."""

from __future__ import annotations

import pytest
from hostile import CONTROL, PRINTABLE, control_free

from agendas.loader import AgendaError, load_agenda, load_agenda_text
from agendas.text import describe_control, find_control
from tui.cli import main

# Every text field of an agenda, each on its own line; `{field}` is where the text goes.
TEMPLATE = """\
meeting:
  title: {title}
  series: {series}
  location: {location}
  facilitator: {facilitator}
  scribe: {scribe}
  purpose: {purpose}
  rules:
    - {rule}
participants:
  - name: {name}
    role: {role}
  - {bare_name}
sections:
  - title: {section}
    duration: 10m
    presenter: {presenter}
    materials: [{material}]
    goals:
      - {goal}
checklist: [{check}]
"""

# field in the template → where the loader says it is
FIELDS = {
    "title": "meeting.title",
    "series": "meeting.series",
    "location": "meeting.location",
    "facilitator": "meeting.facilitator",
    "scribe": "meeting.scribe",
    "purpose": "meeting.purpose",
    "rule": "meeting.rules[1]",
    "name": "participants[1].name",
    "role": "participants[1].role",
    "bare_name": "participants[2]",
    "section": "sections[1].title",
    "presenter": "sections[1].presenter",
    "material": "sections[1].materials[1]",
    "goal": "sections[1].goals[1]",
    "check": "checklist[1]",
}


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, control characters written as YAML escapes."""
    out = []
    for ch in text:
        if ch in '\\"':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def agenda_text(field: str, text: str) -> str:
    values = {name: quoted(f"plain {name}") for name in FIELDS}
    values[field] = quoted(text)
    return TEMPLATE.format(**values)


def line_of(field: str) -> int:
    return next(n for n, line in enumerate(TEMPLATE.splitlines(), 1) if f"{{{field}}}" in line)


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("text", CONTROL)
def test_control_characters_are_refused_with_line_field_and_character(field, text):
    with pytest.raises(AgendaError) as refused:
        load_agenda_text(agenda_text(field, text), "agenda.yaml")
    [problem] = refused.value.problems
    character = describe_control(text[find_control(text)])
    assert problem.line == line_of(field)
    assert str(problem).startswith(
        f"agenda.yaml:{line_of(field)}: {FIELDS[field]}: contains the control character {character} "
    )
    assert control_free(str(problem))


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("text", PRINTABLE)
def test_printable_text_passes_as_written(field, text):
    agenda = load_agenda_text(agenda_text(field, text), "agenda.yaml")
    found = [
        agenda.meeting.title,
        agenda.meeting.series,
        agenda.meeting.location,
        agenda.meeting.facilitator,
        agenda.meeting.scribe,
        agenda.meeting.purpose,
        *agenda.meeting.rules,
        *(p.name for p in agenda.participants),
        *(p.role for p in agenda.participants),
        *(s.title for s in agenda.sections),
        *(s.presenter for s in agenda.sections),
        *(m for s in agenda.sections for m in s.materials),
        *(g for s in agenda.sections for g in s.goals),
        *agenda.checklist,
    ]
    assert text.strip() in found


def test_a_control_character_in_a_key_is_refused_and_not_echoed():
    text = 'meeting:\n  title: M\n  "ti\\x1b[2Jtle": x\nsections: [{title: S, duration: 5m}]\n'
    with pytest.raises(AgendaError) as refused:
        load_agenda_text(text, "agenda.yaml")
    [problem] = refused.value.problems
    assert str(problem) == (
        "agenda.yaml:3: meeting: a key: contains the control character U+001B "
        "(terminal escape sequences and other control characters are not allowed in agenda text)"
    )


def test_check_notice_and_run_exit_1_without_echoing_the_escape(
    tmp_path, capsysbinary, monkeypatch
):
    monkeypatch.setattr("tui.cli.has_terminal", lambda: True)  # run refuses a pipe first
    path = tmp_path / "agenda.yaml"
    path.write_text(agenda_text("title", CONTROL[0]), encoding="utf-8")
    data = tmp_path / "data"
    for command in (["check"], ["notice"], ["run", "--now", "--data-dir", str(data)]):
        with pytest.raises(SystemExit) as exit_:
            main([*command, str(path)])
        out, err = capsysbinary.readouterr()
        assert exit_.value.code == 1, command
        assert out == b""
        assert err.decode() == (
            f"{path}:2: meeting.title: contains the control character U+001B "
            "(terminal escape sequences and other control characters are not allowed in agenda text)\n"
        )
    assert not (data / "sessions").exists() or not any((data / "sessions").iterdir())


def test_a_file_read_from_disk_is_checked_too(tmp_path):
    path = tmp_path / "agenda.yaml"
    path.write_text(agenda_text("goal", CONTROL[2]), encoding="utf-8")
    with pytest.raises(AgendaError) as refused:
        load_agenda(path)
    assert [p.line for p in refused.value.problems] == [line_of("goal")]
