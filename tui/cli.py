"""The `minutely` command line: every command parses its options here and imports its work lazily."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from typing import NoReturn

import click

from agendas.text import strip_control
from sessions.formats import ACTION_FORMATS, FORMATS, ICS_KINDS
from sessions.i18n import error_text, resolve_lang
from tui.cli_options import (
    common_options,
    datadir_from,
    default_data_dir,
    has_terminal,
    output_options,
    run_command,
)
from tui.cli_reach import COMMANDS
from tui.errors import UserError, problem_lines

__all__ = ["UserError", "cli", "default_data_dir", "main"]


def need_terminal(command: str) -> None:
    """Full-screen commands draw on a terminal: into a pipe or a file they would never end."""
    if not has_terminal():
        raise UserError(key="err.needs_terminal", command=command)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@common_options
@click.version_option(package_name="minutely")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None, lang: str | None) -> None:
    """Minutely: run a meeting from the terminal — agenda timers, quick capture, attendance, minutes.

    Without a command it opens the home screen.
    """
    if ctx.invoked_subcommand is None:
        need_terminal("minutely")
        from tui.launch import home  # lazy: start-up (the app and Textual load only for screens)

        home(datadir_from(data_dir), lang)


for _command in COMMANDS:
    cli.add_command(_command)


# -- agendas ---------------------------------------------------------------------------------


@cli.command()
@click.argument("agenda", type=click.Path(dir_okay=False, path_type=Path))
@common_options
def check(agenda: Path, data_dir: Path | None, lang: str | None) -> None:
    """Validate an agenda file: exit 0, or 1 with `file:line: message` for each problem."""
    from tui import agenda_commands  # lazy: start-up

    sys.exit(agenda_commands.check(str(agenda), lang))


@cli.command()
@common_options
def templates(data_dir: Path | None, lang: str | None) -> None:
    """List the built-in meeting templates."""
    from tui import agenda_commands  # lazy: start-up

    sys.exit(agenda_commands.templates(lang))


@cli.command()
@click.argument("name")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write."
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@common_options
def new(name: str, output: str, force: bool, data_dir: Path | None, lang: str | None) -> None:
    """Copy a built-in template to a file to edit (`minutely templates` lists them)."""
    from tui import agenda_commands  # lazy: start-up

    sys.exit(agenda_commands.new(name, output, resolve_lang(lang), force))


@cli.command()
@click.argument("agenda", type=click.Path(dir_okay=False, path_type=Path))
@output_options
@common_options
def notice(
    agenda: Path, output: Path | None, force: bool, data_dir: Path | None, lang: str | None
) -> None:
    """The meeting notice (time, place, theme, agenda, materials, rules) as Markdown."""
    from tui import session_commands  # lazy: start-up

    sys.exit(session_commands.notice(agenda, output, force, lang))


# -- sessions --------------------------------------------------------------------------------


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--full",
    is_flag=True,
    help="With --json: each session's actions and follow-up statuses too.",
)
@common_options
def list_(as_json: bool, full: bool, data_dir: Path | None, lang: str | None) -> None:
    """Past sessions, newest first."""
    from tui import session_commands  # lazy: start-up

    sys.exit(session_commands.list_sessions(datadir_from(data_dir), as_json, lang, full))


@cli.command()
@click.argument("session")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="md",
    show_default=True,
)
@output_options
@common_options
def export(
    session: str,
    fmt: str,
    output: Path | None,
    force: bool,
    data_dir: Path | None,
    lang: str | None,
) -> None:
    """The minutes of SESSION (an id, or `last`); text formats go to standard output without -o."""
    from tui import session_commands  # lazy: start-up

    sys.exit(session_commands.export(datadir_from(data_dir), session, fmt, output, force, lang))


# -- meetings --------------------------------------------------------------------------------


@cli.command()
@click.argument("agenda", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--template", "template", default=None, help="A built-in template instead of a file.")
@click.option("--now", is_flag=True, help="Start at once, everyone present (no pre-meeting check).")
@click.option(
    "--results",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A .csv or .xlsx of name, target, actual (姓名, 目标, 实际) over the agenda's figures.",
)
@common_options
def run(
    agenda: Path | None,
    template: str | None,
    now: bool,
    results: Path | None,
    data_dir: Path | None,
    lang: str | None,
) -> None:
    """Run a meeting: the pre-meeting check (roll-call, checklist), then the live meeting."""
    need_terminal("minutely run")
    from tui import launch  # lazy: start-up

    sys.exit(launch.run(datadir_from(data_dir), agenda, template, lang, now, results=results))


@cli.command()
@click.argument("session", required=False)
@common_options
def resume(session: str | None, data_dir: Path | None, lang: str | None) -> None:
    """Continue an interrupted meeting (default: the latest) with its clocks and notes."""
    need_terminal("minutely resume")
    from tui import launch  # lazy: start-up

    sys.exit(launch.resume(datadir_from(data_dir), session, lang))


@cli.command()
@click.argument("session", required=False)
@common_options
def display(session: str | None, data_dir: Path | None, lang: str | None) -> None:
    """Read-only room view that follows a live meeting (default: the latest live one)."""
    need_terminal("minutely display")
    from tui import launch  # lazy: start-up

    sys.exit(launch.display(datadir_from(data_dir), session, lang))


# -- history and follow-up -------------------------------------------------------------------


@cli.command()
@common_options
def history(data_dir: Path | None, lang: str | None) -> None:
    """Browse and search past sessions in the terminal."""
    need_terminal("minutely history")
    from tui import launch  # lazy: start-up

    sys.exit(launch.history(datadir_from(data_dir), resolve_lang(lang)))


@cli.group(invoke_without_command=True)
@click.option("--open", "open_only", is_flag=True, help="Only actions still open.")
@click.option("--owner", default=None, help="Only this owner's (any unambiguous prefix).")
@click.option("--series", default=None, help="Only actions agreed in this series.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(ACTION_FORMATS)),
    default="table",
    show_default=True,
    help="table for the terminal; json, csv; ics (see --ics-kind); taskwarrior (task import), todotxt, org.",
)
@click.option(
    "--ics-kind",
    type=click.Choice(list(ICS_KINDS)),
    default=None,
    help="With --format ics: todo (one to-do per action, the default) or event (an all-day event on the due date).",
)
@output_options
@common_options
@click.pass_context
def actions(
    ctx: click.Context,
    open_only: bool,
    owner: str | None,
    series: str | None,
    fmt: str,
    ics_kind: str | None,
    output: Path | None,
    force: bool,
    data_dir: Path | None,
    lang: str | None,
) -> None:
    """Action items across all sessions; `actions done|cancel|reopen|doing|blocked REF` records a change."""
    ctx.obj = {"data_dir": data_dir, "lang": lang}
    if ctx.invoked_subcommand is not None:
        return
    if ics_kind is not None and fmt != "ics":
        raise click.UsageError("--ics-kind goes with --format ics")
    from tui import actions_commands  # lazy: start-up

    asked = actions_commands.ActionListing(
        open_only=open_only,
        owner=owner,
        series=series,
        fmt=fmt,
        lang=lang,
        output=output,
        force=force,
        stamp=time.time(),
        ics_kind=ics_kind or "todo",
    )
    sys.exit(actions_commands.list_actions(datadir_from(data_dir), date.today(), asked))


def _action_change(verb: str, summary: str) -> None:
    @actions.command(verb, help=summary)
    @click.argument("ref")
    @click.option("--comment", "-m", default=None, help="Why, or what is left.")
    @common_options
    @click.pass_context
    def command(
        ctx: click.Context, ref: str, comment: str | None, data_dir: Path | None, lang: str | None
    ) -> None:
        from tui import actions_commands  # lazy: start-up

        parent = ctx.obj or {}
        folder = data_dir if data_dir is not None else parent.get("data_dir")
        asked = actions_commands.StatusChange(ref, verb, comment, time.time())
        sys.exit(actions_commands.change(datadir_from(folder), asked, lang or parent.get("lang")))


for _verb, _summary in (
    ("done", "Mark action REF (SESSION#N, any unambiguous session prefix) done."),
    ("cancel", "Cancel action REF: it is no longer followed up."),
    ("reopen", "Open action REF again after it was done or cancelled."),
    ("doing", "Mark action REF in progress."),
    ("blocked", "Mark action REF blocked."),
):
    _action_change(_verb, _summary)


def _fail(message: str) -> NoReturn:
    # A message may quote what was typed or stored: no escape sequence reaches the terminal.
    click.echo(f"minutely: {strip_control(message)}", err=True)
    sys.exit(1)


def _lang_option(argv: list[str] | None) -> str | None:
    """What --lang said on the command line, for wording an error that stopped the command."""
    args = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _known_error(exc: Exception, argv: list[str] | None) -> None:
    """Say an error Minutely words itself (agenda, settings, results, session, files) as its
    one line and exit 1; return for any other. Its classes are imported here, once an error
    happened: a command that succeeds does not load YAML or TinyDB for them."""
    from agendas.loader import AgendaError  # lazy: start-up (YAML)
    from sessions.config import ConfigError  # lazy: start-up
    from sessions.disk import StoreError  # lazy: start-up
    from sessions.results import ResultsError  # lazy: start-up
    from sessions.session import SessionError  # lazy: start-up (TinyDB)

    if isinstance(exc, (AgendaError, ConfigError)):
        for line in problem_lines(exc.problems, resolve_lang(_lang_option(argv))):
            click.echo(line, err=True)
        sys.exit(1)
    if isinstance(exc, ResultsError):  # `file:row: message`, one line per problem
        click.echo(exc.text(resolve_lang(_lang_option(argv))), err=True)
        sys.exit(1)
    if isinstance(exc, (UserError, SessionError, StoreError)):
        _fail(error_text(exc, resolve_lang(_lang_option(argv))))


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point: known errors are one line and exit 1; nothing prints a traceback."""

    def command_line() -> int:
        cli.main(args=argv, prog_name="minutely", standalone_mode=False)
        return 0

    run_command(command_line, lambda exc: fail_with(exc, argv))


def fail_with(exc: BaseException, argv: list[str] | None) -> NoReturn:
    """Say what stopped a command as one line and exit 1 (`tui.entry`'s way in too)."""
    if isinstance(exc, click.exceptions.Abort):
        _fail("aborted")
    if isinstance(exc, click.UsageError):
        # One line, as every other error; the command's --help has the rest.
        where = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
        _fail(f"{exc.format_message()}{where}")
    if isinstance(exc, click.ClickException):
        _fail(exc.format_message())
    if isinstance(exc, KeyboardInterrupt):
        _fail("interrupted")
    if not isinstance(exc, Exception):
        raise exc
    _known_error(exc, argv)
    # a bug: still one line, never a traceback
    _fail(f"unexpected error: {exc.__class__.__name__}: {exc}")


if __name__ == "__main__":
    main()
