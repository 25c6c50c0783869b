"""What `minutely check`, `minutely templates` and `minutely new` do, as functions returning exit codes."""

from __future__ import annotations

from pathlib import Path

import click

from agendas.durations import format_minutes
from agendas.loader import AgendaError, load_agenda
from agendas.model import Agenda
from agendas.templates import UnknownTemplate, list_templates, template_text
from sessions.i18n import resolve_lang, t, tn
from sessions.text import strip_control
from tui.errors import problem_lines
from tui.session_commands import refuse_special_file


def check(path: str, lang: str | None = None) -> int:
    """Validate an agenda: 0 and a one-line summary, or 1 and `file:line: message` per problem,
    in `--lang`, else the agenda's language (as `run` chooses), else the settings' or locale's."""
    try:
        agenda = load_agenda(path)
    except AgendaError as exc:
        for line in problem_lines(exc.problems, resolve_lang(lang)):
            click.echo(line, err=True)
        return 1
    told = resolve_lang(lang, agenda.meeting.language)
    minutes = round(agenda.planned_seconds / 60)
    sections = tn("check.sections", told, len(agenda.sections))
    click.echo(strip_control(t("check.ok", told, path=path, sections=sections, minutes=minutes)))
    for warning in _long_sittings(agenda, told):
        click.echo(strip_control(t("check.warning", told, path=path, message=warning)), err=True)
    return 0


def _long_sittings(agenda: Agenda, lang: str) -> list[str]:
    """Runs of sections between breaks that are planned longer than `break_after`."""
    limit = format_minutes(agenda.meeting.break_after or 0)
    return [
        tn(
            "check.sitting",
            lang,
            1 if first == last else 2,
            first=first,
            last=last,
            total=format_minutes(total),
            limit=limit,
        )
        for first, last, total in agenda.long_sittings()
    ]


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
