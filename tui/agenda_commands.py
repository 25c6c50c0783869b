"""What `minutely check`, `minutely templates` and `minutely new` do, as functions returning exit codes."""

from __future__ import annotations

from pathlib import Path

import click

from agendas.durations import format_minutes
from agendas.loader import AgendaError, load_agenda
from agendas.model import Agenda
from agendas.templates import UnknownTemplate, list_templates, template_text
from tui.session_commands import refuse_special_file


def check(path: str) -> int:
    """Validate an agenda: 0 and a one-line summary, or 1 and `file:line: message` per problem."""
    try:
        agenda = load_agenda(path)
    except AgendaError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        return 1
    minutes = round(agenda.planned_seconds / 60)
    count = len(agenda.sections)
    sections = f"{count} section" if count == 1 else f"{count} sections"
    click.echo(f"{path}: ok ({sections}, {minutes}m planned)")
    for warning in _long_sittings(agenda):
        click.echo(f"{path}: warning: {warning}", err=True)
    return 0


def _long_sittings(agenda: Agenda) -> list[str]:
    """Runs of sections between breaks that are planned longer than `break_after`."""
    limit = agenda.meeting.break_after or 0
    warnings = []
    for first, last, total in agenda.long_sittings():
        span = f"section {first} runs" if first == last else f"sections {first}-{last} run"
        warnings.append(
            f"{span} {format_minutes(total)} without a break "
            f"(break_after is {format_minutes(limit)}): add a section with kind: break"
        )
    return warnings


def templates(lang: str | None = None) -> int:
    """A table of the built-in templates, in both languages unless `lang` is given."""
    try:
        infos = list_templates(lang)
    except UnknownTemplate as exc:
        click.echo(f"minutely: {exc}", err=True)
        return 1
    width = max(len("NAME"), *(len(info.name) for info in infos))
    # The title goes last: Chinese characters are two columns wide and would
    # push any column after them out of line.
    click.echo(f"{'NAME':<{width}}  LANG  SECTIONS  PLANNED  TITLE")
    for info in infos:
        click.echo(
            f"{info.name:<{width}}  {info.language:<4}  {info.sections:>8}  "
            f"{str(info.minutes) + 'm':>7}  {info.title}"
        )
    return 0


def new(name: str, output: str, lang: str | None = "en", force: bool = False) -> int:
    """Copy a template's YAML, comments included, to `output` (`-` for standard output).

    `name` may carry the language (`monthly-sales.zh`); `lang` None means English,
    the caller having already tried the locale.
    """
    try:
        text = template_text(name, lang or "en")
    except UnknownTemplate as exc:
        click.echo(f"minutely: {exc}", err=True)
        return 1
    if output == "-":
        click.echo(text, nl=False)
        return 0
    refuse_special_file(Path(output))
    try:
        # Mode "x" refuses an existing file without a window between check and write; the
        # file gets the user's umask, as from any editor (it holds no meeting data).
        with Path(output).open("w" if force else "x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        click.echo(f"{output}: already exists: use --force to overwrite it", err=True)
        return 1
    except OSError as exc:
        click.echo(f"{output}: cannot write: {exc.strerror or exc}", err=True)
        return 1
    click.echo(f"wrote {output}: edit it, then run `minutely check {output}`")
    return 0
