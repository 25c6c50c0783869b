"""The minutes of a session, always regenerated from its event log: Markdown, HTML, Word and JSON."""

from __future__ import annotations

from pathlib import Path

from sessions.datadir import DataDir
from sessions.disk import write_atomic
from sessions.formats import FORMATS, format_named
from sessions.minutes.model import Minutes, build_minutes
from sessions.store import SessionRecord

__all__ = ["FORMATS", "Minutes", "build_minutes", "render_minutes", "write_minutes"]


def render_minutes(record: SessionRecord, fmt: str, lang: str, live: bool = False) -> str | bytes:
    """The minutes in `fmt` (see `FORMATS`); an unknown format is an error.

    `live`: the meeting is still running (its writer holds it), so it is marked in progress.
    """
    return format_named(fmt).render(record, lang, live)


def write_minutes(datadir: DataDir, session_id: str, lang: str, fmt: str = "md") -> Path:
    """Write `<exports>/<id>.<suffix>` atomically (the folder private to its owner) and return its path."""
    chosen = format_named(fmt)
    content = chosen.render(datadir.read(session_id), lang, datadir.is_locked(session_id))
    folder = datadir.exports_dir
    datadir.ensure_folder(folder)
    path = folder / f"{session_id}{chosen.suffix}"
    write_atomic(path, content)
    return path
