"""The formats minutes are exported in: one registry for the command line, history and the dispatch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sessions.actions import ActionItem
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


# -- `minutely actions --format` ------------------------------------------------------------


@dataclass(frozen=True)
class ActionOutput:
    """What an action list is rendered from."""

    actions: Sequence[ActionItem]
    today: date  # what is overdue
    lang: str
    stamp: float  # when the file is made (a calendar's DTSTAMP)
    ics_kind: str = "todo"  # a key of ICS_KINDS
    zone: tzinfo | None = None  # None: this machine's zone


@dataclass(frozen=True)
class ActionFormat:
    name: str  # as typed after --format
    label: str  # as people call it
    # None: the terminal table, which the command draws to the terminal's measure.
    render: Callable[[ActionOutput], bytes] | None


def _action_json(out: ActionOutput) -> bytes:
    from sessions.actions import to_json  # lazy: start-up

    return to_json(out.actions, out.today).encode("utf-8")


def _action_csv(out: ActionOutput) -> bytes:
    from sessions.actions import to_csv  # lazy: start-up

    return to_csv(out.actions, out.today, out.lang)


def _ics_todo(actions: Sequence[ActionItem], stamp: float, lang: str) -> bytes:
    from sessions.actions import to_ics  # lazy: start-up

    return to_ics(actions, stamp, lang)


def _ics_event(actions: Sequence[ActionItem], stamp: float, lang: str) -> bytes:
    from sessions.task_exports import to_ics_events  # lazy: start-up

    return to_ics_events(actions, stamp, lang)


# `--ics-kind`: a to-do per action (VTODO), or an all-day event on its due date for the
# calendars that ignore to-dos.
ICS_KINDS: dict[str, Callable[[Sequence[ActionItem], float, str], bytes]] = {
    "todo": _ics_todo,
    "event": _ics_event,
}


def _action_ics(out: ActionOutput) -> bytes:
    return ICS_KINDS[out.ics_kind](out.actions, out.stamp, out.lang)


def _taskwarrior(out: ActionOutput) -> bytes:
    from sessions.task_exports import to_taskwarrior  # lazy: start-up

    return to_taskwarrior(out.actions, out.zone)


def _todotxt(out: ActionOutput) -> bytes:
    from sessions.task_exports import to_todotxt  # lazy: start-up

    return to_todotxt(out.actions, out.zone)


def _org(out: ActionOutput) -> bytes:
    from sessions.task_exports import to_org  # lazy: start-up

    return to_org(out.actions, out.zone)


ACTION_FORMATS: dict[str, ActionFormat] = {
    f.name: f
    for f in (
        ActionFormat("table", "table", None),
        ActionFormat("json", "JSON", _action_json),
        ActionFormat("csv", "CSV", _action_csv),
        ActionFormat("ics", "iCalendar", _action_ics),
        ActionFormat("taskwarrior", "Taskwarrior", _taskwarrior),
        ActionFormat("todotxt", "todo.txt", _todotxt),
        ActionFormat("org", "Org mode", _org),
    )
}


def format_named(name: str) -> Format:
    """The format called `name`; anything else is refused, never written as another format."""
    found = FORMATS.get(name)
    if found is None:
        raise UnknownFormat(name)
    return found
