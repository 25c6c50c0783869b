"""The series scorecard on screen: its four parts (sales, follow-through, participation, the meetings) as grids, notes and charts.

The tables are the report's (`sessions.report.layout`), so the screen and `minutely report`
show the same figures; the screen adds, at the top of the sales part, where each rep stands at
the latest meeting with a sparkline of their completion over the period.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from sessions.blocks import Heading, Paragraph, Table
from sessions.i18n import t, tn
from sessions.numbers import money_text, percent_text
from sessions.report.layout import (
    Chart,
    ReportBlock,
    layout,
    meeting_label,
    target_source,
    trend_text,
)
from sessions.report.layout import title as report_title
from sessions.scorecard import RepSales, SalesCell, Scorecard

PARTS = ("sales", "follow", "people", "meetings")
# The report's headings that open each part.
PART_HEADINGS = {
    "sc.h.sales": "sales",
    "sc.h.follow": "follow",
    "sc.h.people": "people",
    "sc.h.meetings": "meetings",
}
SPARKS = "▁▂▃▄▅▆▇█"


class Grid(NamedTuple):
    """A table of the screen: headings, cells as text, right-aligned columns, marked rows."""

    name: str
    title: str  # a heading above it; empty: none
    columns: tuple[str, ...]
    right: tuple[bool, ...]  # per column: figures, aligned right
    rows: tuple[tuple[str, ...], ...]
    flagged: tuple[bool, ...]  # per row: below target twice running, or a meeting run by one voice
    footer: tuple[str, ...] | None = None  # the totals row


class Plot(NamedTuple):
    """A chart over the meetings: one line (or bar) per series, and a reference level."""

    title: str
    labels: tuple[str, ...]
    lines: tuple[tuple[str, tuple[float | None, ...]], ...]  # name, value per meeting
    reference: float
    bars: bool


class Note(NamedTuple):
    text: str
    style: str = ""  # "" | "warning" | "muted"


class Part(NamedTuple):
    key: str  # one of PARTS
    title: str
    grids: tuple[Grid, ...]
    notes: tuple[Note, ...]
    plots: tuple[Plot, ...]


class ScorecardView(NamedTuple):
    title: str
    period: str  # "2026-10-08 to 2026-12-03 · 3 meetings · as of 2026-12-05"
    parts: tuple[Part, ...]  # empty without any meeting
    empty: str = ""  # what to say instead of the parts


def sparkline(values: Sequence[float | None]) -> str:
    """One block per value, as high as it stands between the lowest and the highest; a gap for None."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    top = len(SPARKS) - 1
    marks = []
    for v in values:
        if v is None:
            marks.append(" ")
        elif high == low:
            marks.append(SPARKS[top // 2])
        else:
            marks.append(SPARKS[round((v - low) / (high - low) * top)])
    return "".join(marks)


def _latest(rep: RepSales) -> SalesCell | None:
    return next((c for c in reversed(rep.cells) if c is not None), None)


def standing(sc: Scorecard, lang: str) -> Grid:
    """Each rep at the latest meeting they were in, their trend, and the team at the last meeting."""
    rows, flags = [], []
    for rep in sc.sales.reps:
        cell = _latest(rep)
        completions = [c.completion if c else None for c in rep.cells]
        lagging = cell is not None and cell.lagging  # now, not somewhere in the period
        name = t("sc.lagging_mark", lang, text=rep.name) if lagging else rep.name
        rows.append(
            (
                name,
                money_text(cell.target if cell else None),
                money_text(cell.actual if cell else None),
                percent_text(cell.completion if cell else None),
                str(cell.rank) if cell and cell.rank is not None else "",
                target_source(cell, lang) if cell else "",
                sparkline(completions),
                trend_text(rep.trend, lang),
            )
        )
        flags.append(lagging)
    team = next((c for c in reversed(sc.sales.team) if c is not None), None)
    footer = (
        t("sc.team", lang),
        money_text(team.target if team else None),
        money_text(team.actual if team else None),
        percent_text(team.completion if team else None),
        "",
        "",
        sparkline([c.completion if c else None for c in sc.sales.team]),
        trend_text(sc.sales.trend, lang),
    )
    heads = ("rep", "target", "actual", "completion", "rank", "target_from", "trend", "change")
    return Grid(
        "scorecard-standing",
        t("sc.screen.standing", lang),
        tuple(t(f"sc.col.{key}", lang) for key in heads),
        (False, True, True, True, True, False, False, True),
        tuple(rows),
        tuple(flags),
        footer,
    )


def _flags(sc: Scorecard, table: Table) -> tuple[bool, ...]:
    """Which rows are marked: reps below target twice running, meetings run by one voice."""
    if table.name == "scorecard-sales":
        return tuple(rep.lagging for rep in sc.sales.reps)
    if table.name == "scorecard-meetings":
        return tuple(m.dominated for m in sc.meetings)
    return (False,) * len(table.rows)


def _grid(sc: Scorecard, table: Table, title: str) -> Grid:
    align = table.align.ljust(len(table.header), "l")
    return Grid(
        table.name,
        title,
        tuple(table.header),
        tuple(letter == "r" for letter in align),
        tuple(tuple(row) for row in table.rows),
        _flags(sc, table),
        tuple(table.footer) if table.footer is not None else None,
    )


def _plot(chart: Chart) -> Plot:
    return Plot(
        chart.title,
        tuple(chart.labels),
        tuple((name, tuple(values)) for name, values in chart.series),
        chart.reference,
        chart.bars,
    )


def _part(sc: Scorecard, key: str, title: str, blocks: list[ReportBlock], lang: str) -> Part:
    grids: list[Grid] = [standing(sc, lang)] if key == "sales" and sc.sales.reps else []
    notes: list[Note] = []
    plots: list[Plot] = []
    heading = ""
    for block in blocks:
        if isinstance(block, Heading):
            heading = block.text
        elif isinstance(block, Table):
            grids.append(_grid(sc, block, heading))
            heading = ""
        elif isinstance(block, Paragraph):
            notes.append(Note(block.text, block.style))
        elif isinstance(block, Chart):
            plots.append(_plot(block))
    return Part(key, title, tuple(grids), tuple(notes), tuple(plots))


def scorecard_view(sc: Scorecard, lang: str) -> ScorecardView:
    """The screen's parts in order, each from its section of the report's layout."""
    title = report_title(sc, lang)
    if not sc.meetings:
        return ScorecardView(title, "", (), t("sc.no_meetings", lang))
    first, last = meeting_label(sc, 0), meeting_label(sc, len(sc.meetings) - 1)
    period = tn(
        "sc.screen.period",
        lang,
        len(sc.meetings),
        period=t("sc.period_value", lang, first=first, last=last),
        today=sc.today.isoformat(),
    )
    headings = {t(key, lang): part for key, part in PART_HEADINGS.items()}
    sections: dict[str, tuple[str, list[ReportBlock]]] = {}
    current: list[ReportBlock] | None = None
    for block in layout(sc, lang):
        if isinstance(block, Heading) and block.level == 2 and block.text in headings:
            current = []
            sections[headings[block.text]] = (block.text, current)
        elif current is not None:
            current.append(block)
    parts = tuple(_part(sc, key, *sections[key], lang=lang) for key in PARTS if key in sections)
    return ScorecardView(title, period, parts)
