"""The formats minutes are exported in: one registry for the command line, history and the dispatch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sessions.minutes.model import Minutes
    from sessions.store import SessionRecord


@dataclass(frozen=True)
class Format:
    name: str  # as typed after --format
    suffix: str  # of the file written
    binary: bool  # bytes: written to a file, never to the terminal
    label: str  # as people call it
    render: Callable[[SessionRecord, str, bool], str | bytes]  # (record, lang, live)


class UnknownFormat(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown minutes format {name!r}: use one of {', '.join(FORMATS)}")


# The renderers are imported when minutes are made, not when the command line starts
# (the minutes model, python-docx): each import below is marked lazy for start-up.


def _minutes(record: SessionRecord, lang: str, live: bool) -> Minutes:
    from sessions.minutes.model import build_minutes  # lazy: start-up

    return build_minutes(record, lang, live)


def _markdown(record: SessionRecord, lang: str, live: bool) -> str:
    from sessions.minutes.layout import layout  # lazy: start-up
    from sessions.minutes.markdown import render_blocks  # lazy: start-up

    return render_blocks(layout(_minutes(record, lang, live)), lang)


def _html(record: SessionRecord, lang: str, live: bool) -> str:
    from sessions.minutes.html import render_blocks  # lazy: start-up
    from sessions.minutes.layout import layout  # lazy: start-up

    minutes = _minutes(record, lang, live)
    return render_blocks(layout(minutes), lang, minutes.title)


def _docx(record: SessionRecord, lang: str, live: bool) -> bytes:
    from sessions.minutes.docx import render_blocks  # lazy: start-up
    from sessions.minutes.layout import layout  # lazy: start-up

    minutes = _minutes(record, lang, live)
    return render_blocks(layout(minutes), lang, minutes.title)


def _json(record: SessionRecord, lang: str, live: bool) -> str:
    import json  # lazy: start-up

    from agendas.text import strip_control_in  # lazy: start-up
    from sessions.export_json import export_json  # lazy: start-up

    # Escaped control characters are inert, but raw C1 ones are not: none are kept.
    data = strip_control_in(export_json(record))
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", ".md", False, "Markdown", _markdown),
        Format("html", ".html", False, "HTML", _html),
        Format("docx", ".docx", True, "Word", _docx),
        Format("json", ".json", False, "JSON", _json),
    )
}


# `minutely actions --format`: the action list as a terminal table or a file for other tools.
# (Its renderers are the command's own: tui/actions_commands.py.)
ACTION_FORMATS = ("table", "json", "csv", "ics")


def format_named(name: str) -> Format:
    """The format called `name`; anything else is refused, never written as another format."""
    found = FORMATS.get(name)
    if found is None:
        raise UnknownFormat(name)
    return found
