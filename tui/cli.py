"""The `minutely` command line: every command parses its options here and imports its work lazily."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click

from agendas.text import strip_control
from sessions.formats import ACTION_FORMATS, FORMATS, ICS_KINDS
from sessions.i18n import error_text, resolve_lang, use_settings_lang
from sessions.report import REPORT_FORMATS
from tui.errors import UserError

__all__ = ["UserError", "cli", "main"]


def settings() -> Any:
    """The settings file's values (no file: none set); a file that cannot be used is a ConfigError."""
    from sessions.config import load_config  # lazy: start-up

    return load_config()


def default_data_dir() -> Path:
    """$MINUTELY_HOME, else the settings file's data_dir, else the platform's user data folder."""
    env = os.environ.get("MINUTELY_HOME")
    if env:
        return Path(env).expanduser()
    configured = settings().data_dir
    if configured is not None:
        return Path(configured)
    from platformdirs import user_data_dir  # lazy: start-up

    return Path(user_data_dir("minutely", appauthor=False))


def common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--data-dir` and `--lang`, accepted after every command's name."""
    func = click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default=None,
        help="Language of screens and documents (default: the agenda's, else the settings file's, else the locale's, else en).",
    )(func)
    func = click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Where sessions live (default: $MINUTELY_HOME, else the settings file's data_dir, else the user data folder).",
    )(func)
    return func


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """`-o FILE` and `--force`: documents go to a file only when asked, never over one unasked."""
    func = click.option("--force", is_flag=True, help="Overwrite an existing output file.")(func)
    func = click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
        default=None,
        callback=_dash_is_stdout,
        help="Write to this file (a regular file) instead of standard output; - is standard output.",
    )(func)
    return func


def _dash_is_stdout(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    return None if value == Path("-") else value


WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def has_terminal() -> bool:
    # Served to a browser (`minutely serve`), the screen goes through textual-serve's pipe.
    return sys.stdout.isatty() or os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER


def need_terminal(command: str) -> None:
    """Full-screen commands draw on a terminal: into a pipe or a file they would never end."""
    if not has_terminal():
        raise UserError(key="err.needs_terminal", command=command)


def datadir_from(data_dir: Path | None) -> Any:
    from sessions.store import DataDir  # lazy: start-up (TinyDB)

    return DataDir(data_dir if data_dir is not None else default_data_dir())


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


# -- agendas ---------------------------------------------------------------------------------


@cli.command()
@click.argument("agenda", type=click.Path(dir_okay=False, path_type=Path))
@common_options
def check(agenda: Path, data_dir: Path | None, lang: str | None) -> None:
    """Validate an agenda file: exit 0, or 1 with `file:line: message` for each problem."""
    from tui import agenda_commands  # lazy: start-up

    sys.exit(agenda_commands.check(str(agenda)))


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
@common_options
def list_(as_json: bool, data_dir: Path | None, lang: str | None) -> None:
    """Past sessions, newest first."""
    from tui import session_commands  # lazy: start-up

    sys.exit(session_commands.list_sessions(datadir_from(data_dir), as_json, lang))


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


@cli.command()
@click.argument("session", required=False)
@click.option("--series", default=None, help="The series' latest meeting and all its open actions.")
@click.option("--owner", default=None, help="Only this owner's actions (any unambiguous prefix).")
@click.option("--next", "next_meeting", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "md"]), default="text", show_default=True
)
@output_options
@common_options
def digest(
    session: str | None,
    series: str | None,
    owner: str | None,
    next_meeting: Any,
    fmt: str,
    output: Path | None,
    force: bool,
    data_dir: Path | None,
    lang: str | None,
) -> None:
    """Per owner, their open actions, the decisions and the next meeting of SESSION (default: last), for chat and e-mail."""
    from sessions import digest as digests  # lazy: start-up

    if session and series:
        raise click.UsageError("give a SESSION or --series, not both")
    folder = datadir_from(data_dir)
    options = {"lang": lang, "owner": owner, "next_meeting": next_meeting and next_meeting.date()}
    if series:
        found = digests.series_digest(folder, series, date.today(), **options)
    else:
        record = folder.read(folder.resolve(session or "last"))
        found = digests.session_digest(folder, record, date.today(), **options)
    text = digests.FORMATS[fmt](found)
    if output is not None:
        from tui.session_commands import write_output  # lazy: start-up

        sys.exit(write_output(output, text, force))
    sys.stdout.write(text)


@cli.command("config")
@common_options
def config_(data_dir: Path | None, lang: str | None) -> None:
    """Where the settings file is ($MINUTELY_CONFIG, else the user config folder) and what it sets."""
    from textual.theme import BUILTIN_THEMES  # lazy: start-up

    from sessions.config import ConfigError, describe, load_config  # lazy: start-up

    try:
        found = load_config(None, BUILTIN_THEMES)
    except ConfigError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    sys.stdout.write(describe(found, resolve_lang(lang)))


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


@cli.command()
@click.argument("session", required=False)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 lets the room's browsers in (a token is then required).",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--token",
    default=None,
    help="The token the address must carry (default: none on loopback, a random one otherwise).",
)
@common_options
def serve(
    session: str | None,
    host: str,
    port: int,
    token: str | None,
    data_dir: Path | None,
    lang: str | None,
) -> None:
    """The read-only room display (`minutely display`) in a web browser, for a projector or a tablet."""
    from tui import serve as serving  # lazy: start-up (aiohttp, textual-serve)

    if token is not None and not token.strip():
        raise click.UsageError("--token is empty")
    asked = serving.Served(session, host, port, token, lang)
    sys.exit(serving.serve(datadir_from(data_dir), asked))


# -- history and follow-up -------------------------------------------------------------------


@cli.command()
@click.argument("query")
@click.option("--series", default=None, help="Only sessions of this series.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="At most this many matching lines.",
)
@common_options
def search(
    query: str,
    series: str | None,
    as_json: bool,
    limit: int,
    data_dir: Path | None,
    lang: str | None,
) -> None:
    """Search every note, decision, action and section title (Chinese by the character).

    Exits with 1 when nothing matches, as grep does.
    """
    from tui import session_commands  # lazy: start-up

    sys.exit(
        session_commands.search_notes(
            datadir_from(data_dir), query, series=series, as_json=as_json, limit=limit, lang=lang
        )
    )


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


# -- series and their scorecard --------------------------------------------------------------


@cli.command("series")
@common_options
def series_(data_dir: Path | None, lang: str | None) -> None:
    """The meeting series: how many meetings, the first and the last, the actions still open."""
    from sessions.actions import load_actions  # lazy: start-up
    from sessions.i18n import t  # lazy: start-up
    from sessions.index import Index  # lazy: start-up
    from sessions.scorecard import series_overview  # lazy: start-up

    folder = datadir_from(data_dir)
    sessions = Index(folder).listing().sessions
    lines = series_overview(sessions, load_actions(folder, sessions=sessions).actions)
    language = resolve_lang(lang)
    if not lines:
        click.echo(t("sc.list.none", language))
        return
    heads = ("sc.list.series", "sc.list.meetings", "sc.list.first", "sc.list.last", "sc.list.open")
    click.echo("\t".join(t(key, language) for key in heads))
    for line in lines:
        cells = (line.name, line.meetings, line.first or "", line.last or "", line.open_actions)
        click.echo(strip_control("\t".join(str(cell) for cell in cells)))


@cli.command()
@click.argument("name")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option("--format", "fmt", type=click.Choice(list(REPORT_FORMATS)), default="md")
@output_options
@common_options
def report(
    name: str,
    start: Any,
    end: Any,
    fmt: str,
    output: Path | None,
    force: bool,
    data_dir: Path | None,
    lang: str | None,
) -> None:
    """The scorecard of series NAME: sales, follow-through, participation and the meetings."""
    from sessions.index import Index  # lazy: start-up
    from sessions.report import render_report  # lazy: start-up
    from sessions.scorecard import load_scorecard  # lazy: start-up
    from tui.session_commands import check_output, write_output  # lazy: start-up

    folder = datadir_from(data_dir)
    latest = Index(folder).series_sessions(name)
    if not latest:
        raise UserError(key="err.report_no_series", series=name)
    if REPORT_FORMATS[fmt].binary and output is None:
        raise UserError(key="err.report_needs_file", file=f"{name}{REPORT_FORMATS[fmt].suffix}")
    if output is not None:
        check_output(output, force)
    card = load_scorecard(
        folder, name, date.today(), start=start and start.date(), end=end and end.date()
    )
    content = render_report(card, fmt, resolve_lang(lang, latest[0].lang))
    if output is not None:
        sys.exit(write_output(output, content, force))
    assert isinstance(content, str)
    sys.stdout.write(content)


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


def main(argv: list[str] | None = None) -> None:
    """Entry point: known errors are one line and exit 1; nothing prints a traceback."""
    from agendas.loader import AgendaError  # lazy: start-up (YAML)
    from sessions.config import ConfigError  # lazy: start-up
    from sessions.results import ResultsError  # lazy: start-up
    from sessions.session import SessionError  # lazy: start-up (TinyDB)
    from sessions.store import StoreError  # lazy: start-up (TinyDB)

    try:
        # The settings file's language applies when neither --lang nor the agenda says.
        use_settings_lang(settings().language)
        cli.main(args=argv, prog_name="minutely", standalone_mode=False)
    except click.exceptions.Abort:
        _fail("aborted")
    except click.UsageError as exc:
        # One line, as every other error; the command's --help has the rest.
        where = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
        _fail(f"{exc.format_message()}{where}")
    except click.ClickException as exc:
        _fail(exc.format_message())
    except (AgendaError, ConfigError) as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    except ResultsError as exc:  # `file:row: message`, one line per problem
        click.echo(exc.text(resolve_lang(_lang_option(argv))), err=True)
        sys.exit(1)
    except (UserError, SessionError, StoreError) as exc:
        _fail(error_text(exc, resolve_lang(_lang_option(argv))))
    except KeyboardInterrupt:
        _fail("interrupted")
    except SystemExit:
        raise
    except Exception as exc:  # a bug: still one line, never a traceback
        _fail(f"unexpected error: {exc.__class__.__name__}: {exc}")
    finally:
        use_settings_lang(None)
    sys.exit(0)


if __name__ == "__main__":
    main()
