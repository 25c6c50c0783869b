"""Plain functions behind `minutely actions`: list, export and change action items; they print and return an exit code."""

from __future__ import annotations

import sys
import unicodedata
from datetime import date
from pathlib import Path
from typing import IO

import click

from agendas.text import strip_control
from sessions.actions import (
    GROUPS,
    ActionBook,
    ActionItem,
    change_status,
    grouped,
    load_actions,
    resolve_owner,
    select,
    to_csv,
    to_ics,
    to_json,
)
from sessions.events import ActionStatus
from sessions.i18n import resolve_lang, t
from sessions.store import DataDir

FORMATS = ("table", "json", "csv", "ics")
CHANGES = {
    "done": ActionStatus.DONE,
    "cancel": ActionStatus.CANCELLED,
    "reopen": ActionStatus.REOPENED,
    "doing": ActionStatus.DOING,
    "blocked": ActionStatus.BLOCKED,
}


def width(text: str) -> int:
    """Terminal cells: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


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
    all_rows = [header, *table_rows(actions, today, lang)]
    widths = [max(width(r[i]) for r in all_rows) for i in range(len(header) - 1)]

    def line(row: tuple[str, ...]) -> str:
        cells = [row[i] + " " * (widths[i] - width(row[i])) for i in range(len(widths))]
        return "  ".join([*cells, row[-1]]).rstrip()

    out: list[str] = []
    for group in GROUPS:
        members = groups[group]
        if not members:
            continue
        if out:
            out.append("")
        out.append(f"{t(f'actions.group.{group}', lang)} ({len(members)})")
        out.append(line(header))
        out.extend(line(row) for row in table_rows(members, today, lang))
    return "\n".join(out) + "\n"


def filtered(
    book: ActionBook, open_only: bool, owner: str | None, series: str | None
) -> list[ActionItem]:
    who = resolve_owner(owner, book.owners) if owner else None
    return select(book.actions, open_only=open_only, owner=who, series=series)


def list_actions(
    datadir: DataDir,
    today: date,
    *,
    open_only: bool = False,
    owner: str | None = None,
    series: str | None = None,
    fmt: str = "table",
    lang: str | None = None,
    output: Path | None = None,
    force: bool = False,
    stamp: float = 0.0,
    out: IO[bytes] | None = None,
) -> int:
    """`minutely actions`: every action with origin, owner, due, criteria and status."""
    language = resolve_lang(lang)
    book = load_actions(datadir)
    for problem in book.problems:
        click.echo(f"minutely: {problem}", err=True)
    actions = filtered(book, open_only, owner, series)
    if fmt == "table":
        if not book.actions:
            data = t("actions.none", language) + "\n"
        elif not actions:
            data = t("actions.none_match", language) + "\n"
        else:
            data = render_table(actions, today, language)
        content = data.encode("utf-8")
    elif fmt == "json":
        content = to_json(actions, today).encode("utf-8")
    elif fmt == "csv":
        content = to_csv(actions, today, language)
    elif fmt == "ics":
        content = to_ics(actions, stamp)
    else:
        raise click.UsageError(f"format is one of {', '.join(FORMATS)}")
    if output is not None:
        from tui.session_commands import write_output

        return write_output(output, content, force)
    stream = out if out is not None else sys.stdout.buffer
    stream.write(content)
    stream.flush()
    return 0


def change(
    datadir: DataDir,
    ref: str,
    verb: str,
    comment: str | None,
    at: float,
    lang: str | None = None,
    where: str = "cli",
) -> int:
    """`minutely actions done|cancel|reopen|doing|blocked REF`: one change, recorded in the ledger."""
    language = resolve_lang(lang)
    action = change_status(datadir, ref, CHANGES[verb], comment, at, where)
    click.echo(
        t(
            "actions.changed",
            language,
            ref=action.ref,
            status=t(f"status.{action.status}", language),
        )
    )
    return 0
