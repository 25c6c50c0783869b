"""The `minutely` commands that reach past one meeting: search, digest, serve, series, report, config."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from agendas.text import strip_control, strip_control_in
from sessions.i18n import resolve_lang, t, tn
from sessions.report import REPORT_FORMATS
from tui.cli_options import common_options, datadir_from, output_options
from tui.columns import aligned, column_widths
from tui.errors import UserError

if TYPE_CHECKING:
    from sessions.datadir import DataDir


@click.command()
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


@click.command("config")
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


@click.command()
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


@click.command()
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
    sys.exit(
        search_notes(
            datadir_from(data_dir), query, series=series, as_json=as_json, limit=limit, lang=lang
        )
    )


def search_notes(
    datadir: DataDir, query: str, *, series: str | None, as_json: bool, limit: int, lang: str | None
) -> int:
    """`minutely search`: the matching lines, newest session first; 1 when none match."""
    from sessions.search import search  # lazy: start-up

    result = search(datadir, query, series=series, limit=limit)
    for problem in result.problems:
        click.echo(f"minutely: {problem}", err=True)
    if as_json:
        document = {
            "query": query,
            "total": result.total,
            "sessions": result.sessions,
            "hits": [hit.to_dict() for hit in result.hits],
        }
        click.echo(json.dumps(strip_control_in(document), ensure_ascii=False, indent=2))
        return 0 if result.total else 1
    language = resolve_lang(lang)
    if not result.total:
        click.echo(t("history.no_hits", language, query=strip_control(query.strip())), err=True)
        return 1
    rows: list[tuple[str, ...]] = [
        (
            hit.session,
            hit.date or "-",
            f"{hit.title} / {hit.section_title}" if hit.kind != "section" else hit.title,
            hit.text,
        )
        for hit in result.hits
    ]
    rows = [tuple(strip_control(cell) for cell in row) for row in rows]
    widths = column_widths(rows)
    for row in rows:
        click.echo(aligned(row, widths))
    found = t(
        "history.hits",
        language,
        matches=tn("history.matches", language, result.total),
        sessions=tn("history.sessions", language, result.sessions),
    )
    if result.total > len(result.hits):
        found = t("history.hits_capped", language, hits=found, shown=len(result.hits))
    click.echo(found, err=True)
    return 0


# -- series and their scorecard --------------------------------------------------------------


@click.command("series")
@click.argument("name", required=False)
@common_options
def series_(name: str | None, data_dir: Path | None, lang: str | None) -> None:
    """The meeting series (meetings, first and last, actions open); with NAME, its scorecard on screen."""
    from sessions.actions import load_actions  # lazy: start-up
    from sessions.i18n import t  # lazy: start-up
    from sessions.index import Index  # lazy: start-up
    from sessions.scorecard import series_overview  # lazy: start-up

    folder = datadir_from(data_dir)
    if name is not None:
        from tui import launch  # lazy: start-up

        sys.exit(launch.series(folder, name, lang))
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


@click.command()
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


# Added to the `minutely` group by tui.cli.
COMMANDS = (search, digest, serve, config_, series_, report)
