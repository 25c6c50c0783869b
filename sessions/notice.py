"""The meeting notice sent before the meeting: time, place, theme, agenda, what to prepare, the rules."""

from __future__ import annotations

from datetime import timedelta

from agendas.model import Agenda
from sessions.clock import clock_text
from sessions.i18n import join_list, t
from sessions.minutes.layout import Block, Bullets, Fields, Heading, ListItem, Paragraph, Table
from sessions.minutes.model import date_text, duration_text

DEFAULT_RULES = (
    3  # notice.default_rule.0 .. 2: the SPEC's no lateness, no leaving early, no unexcused absence
)


def _offset(seconds: int) -> str:
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}"


def notice_blocks(agenda: Agenda, lang: str) -> list[Block]:
    """The notice as blocks: the particulars, who comes, the agenda, what to prepare, the rules."""
    blocks: list[Block] = [
        Heading(1, t("notice.title", lang, title=agenda.meeting.title)),
        Fields(_particulars(agenda, lang)),
    ]
    if agenda.participants:
        blocks += [
            Heading(2, t("notice.h.participants", lang)),
            Paragraph(join_list((p.name for p in agenda.participants), lang)),
        ]
    blocks += [Heading(2, t("notice.h.agenda", lang)), _agenda_table(agenda, lang)]
    blocks += [Heading(2, t("notice.h.materials", lang)), _materials(agenda, lang)]
    rules = list(agenda.meeting.rules) or [
        t(f"notice.default_rule.{n}", lang) for n in range(DEFAULT_RULES)
    ]
    blocks += [
        Heading(2, t("notice.h.rules", lang)),
        Bullets([ListItem(rule) for rule in rules], ordered=True),
    ]
    if agenda.checklist:
        blocks += [
            Heading(2, t("notice.h.checklist", lang)),
            Bullets([ListItem(f"☐ {item}") for item in agenda.checklist]),
        ]
    blocks.append(Paragraph(t("notice.closing", lang)))
    return blocks


def _particulars(agenda: Agenda, lang: str) -> list[tuple[str, str]]:
    """Time, place, theme and who runs it, as label and value."""
    meeting = agenda.meeting
    if meeting.starts is not None:
        when = f"{date_text(meeting.starts.date(), lang)} {clock_text(meeting.starts)}"
        end = meeting.starts + timedelta(seconds=agenda.planned_seconds)
        when += f"—{clock_text(end)}" if lang == "zh" else f"–{clock_text(end)}"
    else:
        when = t("notice.tbd", lang)
    pairs = [
        (t("notice.time", lang), when),
        (t("notice.place", lang), meeting.location or t("notice.tbd", lang)),
        (t("notice.theme", lang), meeting.title),
    ]
    if meeting.purpose:
        pairs.append((t("notice.purpose", lang), meeting.purpose))
    if agenda.facilitator:
        pairs.append((t("notice.facilitator", lang), agenda.facilitator))
    if meeting.scribe:
        pairs.append((t("notice.scribe", lang), meeting.scribe))
    pairs.append((t("notice.duration", lang), duration_text(agenda.planned_seconds, lang)))
    return pairs


def _agenda_table(agenda: Agenda, lang: str) -> Table:
    """One row per section with its time slot: clock times when the start is known, else offsets."""
    starts = agenda.meeting.starts
    rows = []
    elapsed = 0
    for number, section in enumerate(agenda.sections, start=1):
        if starts is not None:
            start = starts + timedelta(seconds=elapsed)
            end = start + timedelta(seconds=section.duration)
            slot = f"{clock_text(start)}–{clock_text(end)}"
        else:
            slot = f"{_offset(elapsed)}–{_offset(elapsed + section.duration)}"
        elapsed += section.duration
        sep = "; " if lang == "en" else "；"
        rows.append(
            [
                str(number),
                slot,
                section.title,
                duration_text(section.duration, lang),
                section.presenter or "",
                sep.join(section.goals),
            ]
        )
    return Table(
        "agenda",
        [
            t("min.col.number", lang),
            t("notice.col.time", lang),
            t("min.col.section", lang),
            t("notice.col.length", lang),
            t("min.col.presenter", lang),
            t("notice.col.goals", lang),
        ],
        rows,
        align="rlllll",
    )


def _materials(agenda: Agenda, lang: str) -> Block:
    """What each presenter brings, or a line saying nothing is to be prepared."""
    prepared = [s for s in agenda.sections if s.materials]
    if not prepared:
        return Paragraph(t("notice.no_materials", lang))
    return Bullets(
        [
            ListItem(
                join_list(s.materials, lang),
                label=s.title,
                note=t("min.presented_by", lang, name=s.presenter) if s.presenter else None,
            )
            for s in prepared
        ]
    )


def render_notice(agenda: Agenda, lang: str, fmt: str = "md") -> str:
    """The notice as Markdown (`md`) or a printable HTML page (`html`)."""
    blocks = notice_blocks(agenda, lang)
    if fmt == "md":
        from sessions.minutes.markdown import render_blocks

        return render_blocks(blocks, lang)
    if fmt == "html":
        from sessions.minutes.html import render_blocks as render_html

        return render_html(blocks, lang, t("notice.title", lang, title=agenda.meeting.title))
    raise ValueError(f"unknown notice format {fmt!r}: use md or html")
