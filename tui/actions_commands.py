"""Plain functions behind `minutely actions`: list, export and change action items; they print and return an exit code."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, NamedTuple

import click

from agendas.text import strip_control
from sessions.actions import (
    GROUPS,
    ActionBook,
    ActionItem,
    change_status,
    grouped,
    iter_actions,
    load_actions,
    resolve_owner,
    select,
    selected,
    write_json,
)
from sessions.datadir import DataDir
from sessions.formats import ACTION_FORMATS, ActionOutput
from sessions.i18n import resolve_lang, t
from sessions.index import Index
from sessions.statuses import ActionStatus
from tui.session_commands import aligned, column_widths, write_output

CHANGES = {
    "done": ActionStatus.DONE,
    "cancel": ActionStatus.CANCELLED,
    "reopen": ActionStatus.REOPENED,
    "doing": ActionStatus.DOING,
    "blocked": ActionStatus.BLOCKED,
}


def status_label(action: ActionItem, today: date, lang: str) -> str:
    label = t(f"status.{action.status}", lang)
    late = action.days_overdue(today)
    if late:
        label += " · " + t("actions.overdue_days", lang, days=late)
    return label


def table_rows(actions: list[ActionItem], today: date, lang: str) -> list[tuple[str, ...]]:
    """The table's cells, printed as they are: control characters are dropped here."""
    rows = [
        (
            a.ref,
            a.due.isoformat() if a.due else "-",
            a.owner or "-",
            status_label(a, today, lang),
            a.text,
            a.criteria or "",
            f"{a.origin_date or ''} {a.origin_title}".strip(),
        )
        for a in actions
    ]
    return [tuple(strip_control(cell) for cell in row) for row in rows]


def render_table(actions: list[ActionItem], today: date, lang: str) -> str:
    """The actions in their groups (overdue, due today, open, done or cancelled), aligned for a terminal."""
    groups = grouped(actions, today)
    header = tuple(
        t(f"actions.col.{c}", lang)
        for c in ("ref", "due", "owner", "status", "what", "criteria", "origin")
    )
    widths = column_widths([header, *table_rows(actions, today, lang)])
    out: list[str] = []
    for group in GROUPS:
        members = groups[group]
        if not members:
            continue
        if out:
            out.append("")
        out.append(f"{t(f'actions.group.{group}', lang)} ({len(members)})")
        out.append(aligned(header, widths))
        out.extend(aligned(row, widths) for row in table_rows(members, today, lang))
    return "\n".join(out) + "\n"


def filtered(
    book: ActionBook, open_only: bool, owner: str | None, series: str | None
) -> list[ActionItem]:
    who = resolve_owner(owner, book.owners) if owner else None
    return select(book.actions, open_only=open_only, owner=who, series=series)


class ActionListing(NamedTuple):
    """What `minutely actions` was asked for: which actions, in which format, to where (a
    NamedTuple: made at import, a dataclass would take several times as long)."""

    open_only: bool = False
    owner: str | None = None
    series: str | None = None
    fmt: str = "table"
    lang: str | None = None
    output: Path | None = None
    force: bool = False
    stamp: float = 0.0  # when the calendar (ics) was made
    ics_kind: str = "todo"  # with fmt "ics": to-dos, or all-day events on the due dates


def list_actions(
    datadir: DataDir,
    today: date,
    asked: ActionListing | None = None,
    out: IO[bytes] | None = None,
) -> int:
    """`minutely actions`: every action with origin, owner, due, criteria and status."""
    asked = asked or ActionListing()
    if asked.fmt == "json" and asked.output is None:
        return json_out(datadir, today, asked, out)
    language = resolve_lang(asked.lang)
    book = load_actions(datadir, open_only=asked.open_only)
    for problem in book.problems:
        click.echo(f"minutely: {problem}", err=True)
    actions = filtered(book, asked.open_only, asked.owner, asked.series)
    content = listing_content(book, actions, today, asked, language)
    if asked.output is not None:
        return write_output(asked.output, content, asked.force)
    stream = out if out is not None else sys.stdout.buffer
    stream.write(content)
    stream.flush()
    return 0


def json_out(
    datadir: DataDir, today: date, asked: ActionListing, out: IO[bytes] | None = None
) -> int:
    """`minutely actions --format json` to standard output: the bytes of `to_json`, written a
    few hundred actions at a time (`write_json`); every action (not `--open`) is also read so
    (`iter_actions`), so that memory does not grow with the history (at 20,000 sessions:
    388,000 actions, 172 MB written)."""
    actions: Iterable[ActionItem]
    if asked.open_only:
        book = load_actions(datadir, open_only=True)
        problems, actions = book.problems, filtered(book, True, asked.owner, asked.series)
    else:
        problems, every = iter_actions(datadir)
        who = resolve_owner(asked.owner, Index(datadir).action_owners()) if asked.owner else None
        actions = selected(every, owner=who, series=asked.series)
    for problem in problems:
        click.echo(f"minutely: {problem}", err=True)
    stream = out if out is not None else sys.stdout.buffer
    write_json(actions, today, stream)
    stream.flush()
    return 0


def listing_content(
    book: ActionBook, actions: list[ActionItem], today: date, asked: ActionListing, language: str
) -> bytes:
    """The listing in the format asked for."""
    chosen = ACTION_FORMATS.get(asked.fmt)
    if chosen is None:
        raise click.UsageError(f"format is one of {', '.join(ACTION_FORMATS)}")
    if chosen.render is not None:
        return chosen.render(
            ActionOutput(actions, today, language, asked.stamp, ics_kind=asked.ics_kind)
        )
    if actions:
        data = render_table(actions, today, language)
    elif not book.total:
        data = t("actions.none", language) + "\n"
    else:
        data = t("actions.none_match", language) + "\n"
    return data.encode("utf-8")


class StatusChange(NamedTuple):
    """`minutely actions VERB REF [-m COMMENT]`, made at `at` (seconds since the epoch)."""

    ref: str
    verb: str  # a key of CHANGES
    comment: str | None
    at: float


def change(datadir: DataDir, asked: StatusChange, lang: str | None = None) -> int:
    """`minutely actions done|cancel|reopen|doing|blocked REF`: one change, recorded in the ledger."""
    language = resolve_lang(lang)
    action = change_status(
        datadir, asked.ref, CHANGES[asked.verb], asked.comment, asked.at, where="cli"
    )
    click.echo(
        t(
            "actions.changed",
            language,
            ref=action.ref,
            status=t(f"status.{action.status}", language),
        )
    )
    return 0
