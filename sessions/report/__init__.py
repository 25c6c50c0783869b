"""The series scorecard as a report: Markdown, HTML (with charts), Word and JSON, in zh and en."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sessions.scorecard import Scorecard


@dataclass(frozen=True)
class ReportFormat:
    name: str  # as typed after --format
    suffix: str
    binary: bool  # bytes: written to a file, never to the terminal
    render: Callable[[Scorecard, str], str | bytes]  # (scorecard, lang)


# The command line reads the names at start-up: the scorecard and its renderers are imported
# only when a report is made (each import below is marked lazy for start-up).


def _markdown(sc: Scorecard, lang: str) -> str:
    from sessions.report.markdown import render  # lazy: start-up

    return render(sc, lang)


def _html(sc: Scorecard, lang: str) -> str:
    from sessions.report.html import render  # lazy: start-up

    return render(sc, lang)


def _docx(sc: Scorecard, lang: str) -> bytes:
    from sessions.report.docx import render  # lazy: start-up

    return render(sc, lang)


def _json(sc: Scorecard, lang: str) -> str:
    from sessions.report.json import render  # lazy: start-up

    return render(sc, lang)


REPORT_FORMATS: dict[str, ReportFormat] = {
    f.name: f
    for f in (
        ReportFormat("md", ".md", False, _markdown),
        ReportFormat("html", ".html", False, _html),
        ReportFormat("docx", ".docx", True, _docx),
        ReportFormat("json", ".json", False, _json),
    )
}


def render_report(sc: Scorecard, fmt: str, lang: str) -> str | bytes:
    """The scorecard in `fmt` (one of `REPORT_FORMATS`); an unknown format is a ValueError."""
    chosen = REPORT_FORMATS.get(fmt)
    if chosen is None:
        raise ValueError(f"unknown report format {fmt!r}: use one of {', '.join(REPORT_FORMATS)}")
    return chosen.render(sc, lang)
