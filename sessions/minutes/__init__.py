"""The minutes of a session, always regenerated from its event log: Markdown, HTML, Word and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from agendas.text import strip_control_in
from sessions.minutes.model import Minutes, build_minutes
from sessions.store import DataDir, SessionRecord, write_atomic

FORMATS = ("md", "html", "docx", "json")

__all__ = ["FORMATS", "Minutes", "build_minutes", "render_minutes", "write_minutes"]


def render_minutes(record: SessionRecord, fmt: str, lang: str, live: bool = False) -> str | bytes:
    """The minutes in `fmt`: md, html and json give text, docx gives the bytes of a Word file.

    `live`: the meeting is still running (its writer holds it), so it is marked in progress.
    """
    if fmt == "json":
        from sessions.export_json import export_json

        # Escaped control characters are inert, but raw C1 ones are not: none are kept.
        data = strip_control_in(export_json(record))
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt not in FORMATS:
        raise ValueError(f"unknown minutes format {fmt!r}: use one of {', '.join(FORMATS)}")
    from sessions.minutes.layout import layout

    minutes = build_minutes(record, lang, live)
    blocks = layout(minutes)
    if fmt == "md":
        from sessions.minutes.markdown import render_blocks

        return render_blocks(blocks, lang)
    if fmt == "html":
        from sessions.minutes.html import render_blocks as render_html

        return render_html(blocks, lang, minutes.title)
    from sessions.minutes.docx import render_blocks as render_docx

    return render_docx(blocks, lang, minutes.title)


def write_minutes(datadir: DataDir, session_id: str, lang: str, fmt: str = "md") -> Path:
    """Write `<exports>/<id>.<fmt>` atomically (the folder private to its owner) and return its path."""
    content = render_minutes(datadir.read(session_id), fmt, lang, datadir.is_locked(session_id))
    folder = datadir.exports_dir
    datadir.ensure_folder(folder)
    path = folder / f"{session_id}.{fmt}"
    write_atomic(path, content)
    return path
