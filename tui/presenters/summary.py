"""The end summary's figures: each section's time against its plan, the meeting's totals, the counts."""

from __future__ import annotations

from agendas.durations import format_clock
from sessions import timing
from sessions.capture import ItemKind
from sessions.i18n import t, tn
from sessions.numbers import duration_text
from sessions.text import strip_control
from tui.presenters.live import Moment
from widgets.rows import BoardRow, Column, natural


def _planned_text(agenda: float, extended: float, lang: str) -> str:
    # The agenda's time, and what /extend added apart, as the minutes show them.
    text = duration_text(agenda, lang)
    return f"{text} + {duration_text(extended, lang)}" if extended else text


def _diff_text(seconds: float) -> str:
    return ("+" if seconds >= 0 else "-") + format_clock(abs(seconds))


def sections(m: Moment) -> tuple[list[Column], list[BoardRow]]:
    """Each section in running order with its planned and used time, then the totals row."""
    state, now, lang = m.state, m.now, m.lang
    rows = []
    for row in timing.agenda_timings(state, now):
        extended = state.sections[row.index].extended
        planned = _planned_text(row.planned - extended, extended, lang)
        if not row.reached:
            cells = (row.title, planned, "", t("end.not_reached", lang))
            rows.append(BoardRow(cells, "$text-muted"))
            continue
        diff = round(row.used) - row.planned
        cells = (row.title, planned, format_clock(round(row.used)), _diff_text(diff))
        rows.append(BoardRow(cells, "$error" if diff > 0 else ""))
    totals = timing.totals(state, now)
    used = round(totals.in_sections)
    total = (
        t("end.total", lang),
        _planned_text(totals.planned, totals.extended, lang),
        format_clock(used),
        _diff_text(used - totals.planned - totals.extended),
    )
    rows.append(BoardRow(total, "bold"))
    # The figures' columns as wide as their widest cell; the section titles take the rest.
    labels = [t(f"end.{key}", lang) for key in ("planned", "used", "diff")]
    columns = [Column(t("end.section", lang), 0)] + [
        Column(label, natural(label, [row.cells[n] for row in rows], 24), "right")
        for n, label in enumerate(labels, start=1)
    ]
    return columns, rows


def times(m: Moment) -> list[tuple[str, str]]:
    """Each length of time with its meaning, as the minutes define them (`timing.totals`).

    Planned is the agenda's total, extensions apart; the whole meeting is end minus start,
    pauses included; time in sections is what the sections used together.
    """
    state, lang = m.state, m.lang
    totals = timing.totals(state, m.now)
    whole = duration_text(totals.elapsed, lang)
    if state.started_at is not None and state.ended_at is not None:
        start, end = m.hhmm(state.started_at), m.hhmm(state.ended_at)
        span = t("end.span", lang, duration=whole, start=start, end=end)
    else:
        span = whole
    rows = [(t("end.planned_total", lang), duration_text(totals.planned, lang))]
    if totals.extended:
        rows.append((t("end.extended", lang), "+" + duration_text(totals.extended, lang)))
    rows.append((t("end.in_sections", lang), duration_text(totals.in_sections, lang)))
    rows.append((t("end.duration", lang), span))
    if round(totals.paused) > 0:
        rows.append((t("end.paused", lang), duration_text(totals.paused, lang)))
    return rows


def counts(m: Moment) -> str:
    """`3 notes · 1 decision · 2 actions`."""
    active = m.state.active_items()
    words = (
        ("n.notes", ItemKind.NOTE),
        ("n.decisions", ItemKind.DECISION),
        ("n.actions", ItemKind.ACTION),
    )
    return " · ".join(
        tn(key, m.lang, len([i for i in active if i.kind is kind])) for key, kind in words
    )


RATING_EXAMPLE = (8, 9, 7)


def rating_example(names: list[str], lang: str) -> str:
    """The ratings line shown as an example: the first people in the room with a score each
    (`Tom Baker 8 Ann 9`), the catalog's when nobody was there."""
    shown = [strip_control(name) for name in names[: len(RATING_EXAMPLE)]]
    if not shown:
        return t("end.rate_example", lang)
    return " ".join(f"{name} {score}" for name, score in zip(shown, RATING_EXAMPLE, strict=False))
