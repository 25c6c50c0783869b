"""Plain functions behind `minutely list` and `minutely export`: they print and return an exit code."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import click

from agendas.text import strip_control
from sessions.datadir import DataDir
from sessions.disk import write_atomic
from sessions.formats import FORMATS
from sessions.i18n import resolve_lang, t
from sessions.index import Index
from tui.columns import aligned, column_widths
from tui.errors import UserError


def _minutes(seconds: float) -> str:
    return f"{round(seconds / 60)}m"


def list_sessions(datadir: DataDir, as_json: bool, lang: str | None, full: bool = False) -> int:
    if as_json:
        return list_json(datadir, full)
    listing = Index(datadir).listing(lean=True)
    for problem in listing.problems:
        click.echo(f"minutely: {problem}", err=True)
    if not listing.sessions:
        if listing.problems:  # sessions there may be, but none could be read: said above
            return 1
        click.echo("No sessions yet. Start one with: minutely run --template monthly-sales")
        return 0
    from sessions.clock import local_stamp  # lazy: start-up (`list --json` needs it not)

    language = resolve_lang(lang)
    rows: list[tuple[str, ...]] = [
        (
            s.id,
            local_stamp(s.started_at, s.utc_offset) or "-",
            t(f"session.{s.status}", language),
            f"{_minutes(s.used_seconds)}/{_minutes(s.planned_seconds)}",
            str(s.items),
            str(s.open_actions),
            s.series or "-",
            s.title or "",
        )
        for s in listing.sessions
    ]
    rows = [tuple(strip_control(cell) for cell in row) for row in rows]
    header = tuple(
        t(f"list.{column}", language)
        for column in ("id", "started", "status", "used", "items", "actions", "series", "title")
    )
    widths = column_widths([header, *rows])
    for row in [header, *rows]:
        click.echo(aligned(row, widths))
    return 0


def list_json(datadir: DataDir, full: bool) -> int:
    """`minutely list --json`: a JSON list of each session's listing (`SessionSummary.to_dict()`
    less `LEAN_LEAVES_OUT`; all of it with `full`), one session a line, written as the index
    yields it, a few hundred at a time, in bytes (no parsing, decoding or encoding again: at
    20,000 sessions that was most of the time)."""
    problems, rows = Index(datadir).stream(full)
    for problem in problems:
        click.echo(f"minutely: {problem}", err=True)
    sys.stdout.flush()
    out = sys.stdout.buffer
    head = b"[\n"
    for chunk in rows:
        # The separator written apart: `head + chunk` would copy each chunk (350 KB) once more,
        # into memory new to the process (at 20,000 sessions, 7 ms of the command's 100).
        out.write(head)
        out.write(b",\n".join(chunk))
        head = b",\n"
    out.write(b"[]\n" if head == b"[\n" else b"\n]\n")
    out.flush()
    return 0


def render(datadir: DataDir, session_id: str, fmt: str, lang: str | None) -> str | bytes:
    """The minutes of a session in the given format."""
    from sessions.minutes import render_minutes  # lazy: start-up (`list`, `actions` need it not)

    record = datadir.read(session_id)

    language = resolve_lang(lang, record.meta.get("lang"))
    return render_minutes(record, fmt, language, datadir.is_locked(session_id))


def export(
    datadir: DataDir, ref: str, fmt: str, output: Path | None, force: bool, lang: str | None
) -> int:
    session_id = datadir.resolve(ref)
    if FORMATS[fmt].binary and output is None:
        click.echo("minutely: Word minutes need a file: add -o minutes.docx", err=True)
        return 1
    if output is not None:
        check_output(output, force)
    content = render(datadir, session_id, fmt, lang)
    if output is None:
        assert isinstance(content, str)
        sys.stdout.write(content)
        return 0
    return write_output(output, content, force)


def check_output(path: Path, force: bool) -> None:
    """Refuse a file that cannot be written, before any work is done."""
    refuse_special_file(path)
    if path.exists() and not force:
        raise UserError(key="err.output_exists", path=str(path))
    if not path.parent.is_dir():
        # A typo in a path should not quietly make folders.
        raise UserError(key="err.output_folder_missing", folder=str(path.parent))


def refuse_special_file(path: Path) -> None:
    """-o writes regular files only: a device, FIFO, socket or folder is never replaced or written.

    (As root, `-o /dev/null --force` would otherwise replace /dev/null, and a FIFO would block.)
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # nothing there yet (or unreachable: the write says why)
    if not stat.S_ISREG(mode):
        raise UserError(key="err.output_not_regular", path=str(path))


def write_output(path: Path, content: str | bytes, force: bool) -> int:
    """Write a document the user asked for with -o: never over a file unasked, never half-written."""
    check_output(path, force)
    write_atomic(path, content)
    click.echo(f"{path}", err=True)
    return 0


def notice(agenda_path: Path, output: Path | None, force: bool, lang: str | None) -> int:
    """`minutely notice`: the meeting notice to standard output, or to a file never overwritten unasked.

    An agenda with problems raises them; the command line prints each as `file:line: message`.
    """
    from agendas.loader import load_agenda  # lazy: start-up
    from sessions.notice import render_notice  # lazy: start-up

    agenda = load_agenda(agenda_path)
    text = render_notice(agenda, resolve_lang(lang, agenda.meeting.language))
    if output is None:
        sys.stdout.write(text)
        return 0
    return write_output(output, text, force)
