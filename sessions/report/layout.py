"""The scorecard laid out as a plain document, in the minutes' blocks, plus charts that only HTML draws."""

from __future__ import annotations

from dataclasses import dataclass

from sessions.blocks import Block, Fields, Heading, Paragraph, Table
from sessions.i18n import join_list, t
from sessions.numbers import duration_text, money_text, percent_text
from sessions.performance import FROM_AGENDA
from sessions.scorecard import MeetingColumn, OwnerRecord, Sales, SalesCell, Scorecard


@dataclass(frozen=True)
class Chart:
    """A small chart: one line (or bar) per series over the meetings, with a reference level."""

    name: str
    title: str
    labels: list[str]  # one per meeting
    series: list[tuple[str, list[float | None]]]  # name, value per meeting (1.0 is 100 %)
    reference: float  # drawn as a dashed line: 100 % completion, half of the talk
    bars: bool = False


ReportBlock = Block | Chart


def trend_text(value: float | None, lang: str) -> str:
    """A change of a share between the first and last meeting, in percentage points."""
    if value is None:
        return ""
    points = round(value * 100, 1)
    sign = "+" if points > 0 else "−" if points < 0 else "±"
    return t("sc.trend_points", lang, sign=sign, points=f"{abs(points):.1f}")


def signed_duration(seconds: float, lang: str) -> str:
    sign = "+" if seconds > 0 else "−" if seconds < 0 else ""
    return sign + duration_text(abs(seconds), lang)


def meeting_label(sc: Scorecard, index: int) -> str:
    """A meeting's column heading: its date, with the time it started when another meeting of
    the period was held the same day (`2026-12-01 09:00`)."""
    m = sc.meetings[index]
    if m.date is None:
        return m.id
    same_day = sum(1 for other in sc.meetings if other.date == m.date) > 1
    return f"{m.date} {m.time}" if same_day and m.time else m.date


def _cell(cell: SalesCell | None, lang: str) -> str:
    if cell is None or cell.completion is None:
        return ""
    text = percent_text(cell.completion)
    if cell.rank is not None:
        text = t("sc.cell", lang, completion=text, rank=cell.rank)
    return t("sc.lagging_mark", lang, text=text) if cell.lagging else text


def _sales(sc: Scorecard, lang: str) -> list[ReportBlock]:
    blocks: list[ReportBlock] = [Heading(2, t("sc.h.sales", lang))]
    if not sc.sales.reps:
        return [*blocks, Paragraph(t("sc.no_sales", lang))]
    labels = [meeting_label(sc, i) for i in range(len(sc.meetings))]
    return [
        *blocks,
        _sales_table(sc.sales, labels, lang),
        _lagging_note(sc.sales, lang),
        _completion_chart(sc.sales, labels, lang),
        Heading(3, t("sc.h.sales_detail", lang)),
        _sales_detail(sc.sales, labels, lang),
    ]


def _sales_table(sales: Sales, labels: list[str], lang: str) -> Table:
    """Each rep's completion per meeting and its trend, the team's in the footer."""
    return Table(
        "scorecard-sales",
        [t("sc.col.rep", lang), *labels, t("sc.col.trend", lang)],
        [
            [r.name, *(_cell(c, lang) for c in r.cells), trend_text(r.trend, lang)]
            for r in sales.reps
        ],
        align="l" + "r" * (len(labels) + 1),
        footer=[
            t("sc.team", lang),
            *(_cell(c, lang) for c in sales.team),
            trend_text(sales.trend, lang),
        ],
    )


def _lagging_note(sales: Sales, lang: str) -> Paragraph:
    lagging = [r.name for r in sales.reps if r.lagging]
    if lagging:
        return Paragraph(t("sc.lagging", lang, names=join_list(lagging, lang)), "warning")
    return Paragraph(t("sc.no_lagging", lang))


def _completion_chart(sales: Sales, labels: list[str], lang: str) -> Chart:
    return Chart(
        "completion",
        t("sc.chart.completion", lang),
        labels,
        [(r.name, [c.completion if c else None for c in r.cells]) for r in sales.reps],
        1.0,
    )


def _sales_detail(sales: Sales, labels: list[str], lang: str) -> Table:
    """Per meeting, each rep then the team: target, actual, completion, rank, target's source."""
    rows: list[list[str]] = []
    for i, label in enumerate(labels):
        cells = [(r.name, r.cells[i]) for r in sales.reps]
        rows += [_rep_row(label, name, cell, lang) for name, cell in cells if cell is not None]
        team = sales.team[i]
        if team is not None:
            rows.append(_team_row(label, team, lang))
    return Table(
        "scorecard-sales-detail",
        [
            t("sc.col.meeting", lang),
            t("sc.col.rep", lang),
            t("sc.col.target", lang),
            t("sc.col.actual", lang),
            t("sc.col.completion", lang),
            t("sc.col.rank", lang),
            t("sc.col.target_from", lang),
        ],
        rows,
        align="llrrrrl",
    )


def _rep_row(label: str, name: str, cell: SalesCell, lang: str) -> list[str]:
    return [
        label,
        name,
        money_text(cell.target),
        money_text(cell.actual),
        percent_text(cell.completion),
        str(cell.rank) if cell.rank is not None else "",
        target_source(cell, lang),
    ]


def _team_row(label: str, team: SalesCell, lang: str) -> list[str]:
    return [
        label,
        t("sc.team", lang),
        money_text(team.target),
        money_text(team.actual),
        percent_text(team.completion),
        "",
        "",
    ]


def target_source(cell: SalesCell, lang: str) -> str:
    """Where the rep's target came from: the agenda or the meeting before; empty without one."""
    if cell.target_from is None:
        return ""
    return t("sc.from.agenda" if cell.target_from == FROM_AGENDA else "sc.from.previous", lang)


def _owner_row(row: OwnerRecord, name: str) -> list[str]:
    return [
        name,
        str(row.assigned),
        str(row.done),
        str(row.on_time),
        str(row.late),
        str(row.open),
        str(row.overdue),
        str(row.cancelled),
        str(row.no_due),
        percent_text(row.kept),
    ]


def _follow(sc: Scorecard, lang: str) -> list[ReportBlock]:
    follow = sc.follow_through
    blocks: list[ReportBlock] = [Heading(2, t("sc.h.follow", lang))]
    if not follow.total.assigned:
        return [*blocks, Paragraph(t("sc.no_actions", lang))]
    blocks.append(
        Table(
            "scorecard-follow",
            [
                t("sc.col.owner", lang),
                t("sc.col.assigned", lang),
                t("sc.col.done", lang),
                t("sc.col.on_time", lang),
                t("sc.col.late", lang),
                t("sc.col.open", lang),
                t("sc.col.overdue", lang),
                t("sc.col.cancelled", lang),
                t("sc.col.no_due", lang),
                t("sc.col.kept", lang),
            ],
            [_owner_row(r, r.owner or t("sc.no_owner", lang)) for r in follow.owners],
            align="lrrrrrrrrr",
            footer=_owner_row(follow.total, t("sc.total", lang)),
        )
    )
    blocks.append(Paragraph(t("sc.follow_gaps", lang, owners=follow.no_owner, dues=follow.no_due)))
    return blocks


def _people(sc: Scorecard, lang: str) -> list[ReportBlock]:
    blocks: list[ReportBlock] = [Heading(2, t("sc.h.people", lang))]
    labels = [meeting_label(sc, i) for i in range(len(sc.meetings))]
    blocks.append(
        Table(
            "scorecard-people",
            [
                t("sc.col.name", lang),
                *labels,
                t("sc.col.trend", lang),
                t("sc.col.silent", lang),
                t("sc.col.arrived_late", lang),
                t("sc.col.left", lang),
                t("sc.col.absent", lang),
            ],
            [
                [
                    p.name,
                    *(t("sc.not_there", lang) if s is None else percent_text(s) for s in p.shares),
                    trend_text(p.trend, lang),
                    str(p.silent),
                    str(p.late),
                    str(p.left_early),
                    str(p.absent),
                ]
                for p in sc.people
            ],
            align="l" + "r" * (len(labels) + 5),
        )
    )
    blocks.append(Paragraph(t("sc.people_note", lang), "muted"))
    return blocks


def _meetings(sc: Scorecard, lang: str) -> list[ReportBlock]:
    return [
        Heading(2, t("sc.h.meetings", lang)),
        _meetings_table(sc, lang),
        *_dominated_note(sc, lang),
        _facilitator_chart(sc, lang),
        Heading(3, t("sc.h.carried", lang)),
        _carried(sc, lang),
    ]


def _meetings_table(sc: Scorecard, lang: str) -> Table:
    return Table(
        "scorecard-meetings",
        [
            t("sc.col.meeting", lang),
            t("sc.col.date", lang),
            t("sc.col.planned", lang),
            t("sc.col.used", lang),
            t("sc.col.over", lang),
            t("sc.col.unreached", lang),
            t("sc.col.carried_actions", lang),
            t("sc.col.carried_topics", lang),
            t("sc.col.actions", lang),
            t("sc.col.facilitator", lang),
            t("sc.col.rating", lang),
        ],
        [_meeting_row(m, meeting_label(sc, i), lang) for i, m in enumerate(sc.meetings)],
        align="llrrrlrrrrr",
    )


def _meeting_row(m: MeetingColumn, label: str, lang: str) -> list[str]:
    share = percent_text(m.facilitator_share)
    return [
        m.title,
        label if m.date else "",
        duration_text(m.planned, lang),
        duration_text(m.elapsed, lang),
        signed_duration(m.overrun, lang),
        join_list(m.unreached, lang),
        str(m.carried_actions),
        str(m.carried_topics),
        str(m.actions),
        t("sc.lagging_mark", lang, text=share) if m.dominated else share,
        "" if m.rating is None else f"{m.rating:.1f}",
    ]


def _dominated_note(sc: Scorecard, lang: str) -> list[ReportBlock]:
    """A warning naming the meetings whose facilitator held over half of the talk, if any."""
    dominated = [meeting_label(sc, i) for i, m in enumerate(sc.meetings) if m.dominated]
    if not dominated:
        return []
    meetings = join_list(dominated, lang)
    return [Paragraph(t("sc.dominated", lang, meetings=meetings), "warning")]


def _facilitator_chart(sc: Scorecard, lang: str) -> Chart:
    return Chart(
        "facilitator",
        t("sc.chart.facilitator", lang),
        [meeting_label(sc, i) for i in range(len(sc.meetings))],
        [(t("sc.col.facilitator", lang), [m.facilitator_share for m in sc.meetings])],
        0.5,
        bars=True,
    )


def _carried(sc: Scorecard, lang: str) -> Table | Paragraph:
    """The items carried from meeting to meeting, most often carried first."""
    if not sc.carried:
        return Paragraph(t("sc.nothing_carried", lang))
    return Table(
        "scorecard-carried",
        [
            t("sc.col.item", lang),
            t("sc.col.kind", lang),
            t("sc.col.owner", lang),
            t("sc.col.times", lang),
        ],
        [[c.text, t(f"sc.kind.{c.kind}", lang), c.owner or "", str(c.times)] for c in sc.carried],
        align="lllr",
    )


def title(sc: Scorecard, lang: str) -> str:
    """The scorecard named by its series' id, as `minutely series NAME` opens it."""
    return t("sc.title", lang, series=sc.series)


def series_name(sc: Scorecard) -> str:
    """What the series' people call it: the title every meeting of the period had; its id
    when they differ (`11 月销售月会`, `12 月销售月会`: each names one meeting, not the series)."""
    titles = {m.title.strip() for m in sc.meetings}
    return titles.pop() if len(titles) == 1 and "" not in titles else sc.series


def document_title(sc: Scorecard, lang: str) -> str:
    """The report's title: the series' own name (its id is among the fields under it)."""
    return t("sc.title", lang, series=series_name(sc))


def layout(sc: Scorecard, lang: str) -> list[ReportBlock]:
    blocks: list[ReportBlock] = [Heading(1, document_title(sc, lang))]
    if not sc.meetings:
        return [*blocks, Paragraph(t("sc.no_meetings", lang))]
    first, last = meeting_label(sc, 0), meeting_label(sc, len(sc.meetings) - 1)
    blocks.append(
        Fields(
            [
                (t("sc.list.series", lang), sc.series),
                (t("sc.period", lang), t("sc.period_value", lang, first=first, last=last)),
                (t("sc.meetings_count", lang), str(len(sc.meetings))),
                (t("sc.as_of", lang), sc.today.isoformat()),
            ]
        )
    )
    return [
        *blocks,
        *_sales(sc, lang),
        *_follow(sc, lang),
        *_people(sc, lang),
        *_meetings(sc, lang),
    ]
