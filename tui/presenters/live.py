"""What the live screen shows, computed from the session state, the time and the language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from agendas.durations import format_clock
from sessions import timing
from sessions.capture import ITEM_MARKS, ItemKind
from sessions.clock import clock_text
from sessions.dates import due_label
from sessions.events import AttendanceStatus
from sessions.i18n import t
from sessions.numbers import duration_text
from sessions.participation import facilitator_dominates, is_here, participation
from sessions.state import Downtime, Item, SessionState
from widgets.rows import AgendaRow, CountdownView, ItemRow, RosterRow, RosterView

# Seconds the top line says the app was down after it came back, unless a line is captured first.
DOWNTIME_SHOWN = 60


@dataclass(frozen=True)
class Moment:
    """One instant of a session as the screen shows it: its state, the time, the language."""

    state: SessionState
    now: float
    lang: str
    local: Callable[[float], datetime]  # session time to the meeting's wall clock

    def hhmm(self, at: float) -> str:
        return clock_text(self.local(at))


@dataclass(frozen=True)
class TopLine:
    clock: str  # elapsed · planned end · projected end
    late: bool  # projected past the planned end
    paused: str  # the badge; empty when running
    alerts: str  # paused since, break due, downtime, ended; empty when none
    urgent: bool


def recent_downtime(state: SessionState, now: float) -> Downtime | None:
    """The last time the app was down, while it is news: for `DOWNTIME_SHOWN` seconds after
    the resume and until the next line is captured (the minutes and the log keep it)."""
    if not state.downtimes:
        return None
    down = state.downtimes[-1]
    if now - down.until >= DOWNTIME_SHOWN:
        return None
    if state.items and state.items[-1].at >= down.until:  # items are kept in the order typed
        return None
    return down


def top_line(m: Moment, short: bool = False) -> TopLine:
    """The top line; `short` (a narrow terminal) leaves out the planned end, keeping the title."""
    state, now, lang = m.state, m.now, m.lang
    planned_end = timing.planned_end(state)
    projected = timing.projected_end(state, now)
    parts = [t("live.elapsed", lang, time=format_clock(timing.elapsed(state, now)))]
    if planned_end is not None and not short:
        parts.append(t("live.planned_end", lang, time=m.hhmm(planned_end)))
    if projected is not None:
        parts.append(t("live.projected_end", lang, time=m.hhmm(projected)))
    late = projected is not None and planned_end is not None and projected > planned_end + 59
    alerts = []
    if state.paused and state.paused_at is not None:
        alerts.append(t("live.paused_since", lang, time=m.hhmm(state.paused_at), shortcut="F5"))
    break_due = timing.break_due(state, now)
    if break_due:
        minutes = int(timing.sitting(state, now) // 60)
        alerts.append(t("live.break_due", lang, minutes=minutes))
    down = recent_downtime(state, now)
    if down is not None:
        alerts.append(
            t(
                "live.downtime",
                lang,
                duration=duration_text(max(1.0, down.seconds), lang),
                time=m.hhmm(down.since),
            )
        )
    if state.ended:
        alerts.append(t("live.ended", lang))
    return TopLine(
        clock="  ·  ".join(parts),
        late=late,
        paused=t("live.paused", lang) if state.paused else "",
        alerts="   ".join(alerts),
        urgent=break_due or state.paused,
    )


def countdown(m: Moment) -> CountdownView:
    state, lang = m.state, m.lang
    current = state.current
    if current is None:
        return CountdownView(t("live.no_section", lang), "", None, "ok", state.paused)
    section = state.agenda.sections[current]
    # The agenda's own number, as in the agenda pane and the notice: a deferred section keeps it.
    number = t("live.section_of", lang, n=current + 1, total=len(state.agenda.sections))
    title = f"{number}  {section.title}"
    if section.kind.traits.named:
        title += f"  ({t('section.' + section.kind.value, lang)})"
    # Who speaks comes first: with the roster folded away it is only shown here.
    speaker = state.speaker
    info = [t("live.speaker_now", lang, name=speaker)] if speaker else []
    if section.presenter:
        info.append(t("live.presenter", lang, name=section.presenter))
    info.append(t("live.planned", lang, time=duration_text(section.duration, lang)))
    extended = state.sections[current].extended
    if extended:
        info.append(t("live.extended", lang, minutes=extended // 60))
    following = state.next_section
    if following is None:
        info.append(t("live.last_section", lang))
    else:
        info.append(t("live.next", lang, title=state.agenda.sections[following].title))
    return CountdownView(
        title=title,
        info="  ·  ".join(info),
        remaining=timing.remaining(state, m.now),
        phase=timing.phase(state, m.now),
        paused=state.paused,
    )


def agenda_rows(state: SessionState, now: float, lang: str) -> list[AgendaRow]:
    """The agenda in running order, each planned time in the one duration style of `lang`."""
    position = state.position
    rows = []
    for pos, row in enumerate(timing.agenda_timings(state, now)):
        if row.current:
            mark = "current"
        elif position is not None and pos == position + 1:
            mark = "next"
        elif row.deferred and (position is None or pos > position):
            mark = "deferred"
        elif row.reached:
            mark = "done"
        else:
            mark = "pending"
        rows.append(
            AgendaRow(
                number=row.index + 1,
                title=row.title,
                state=mark,
                planned=row.planned,
                used=row.used,
                over=row.reached and row.used > row.planned,
                planned_text=duration_text(row.planned, lang),
            )
        )
    return rows


def item_row(m: Moment, item: Item) -> ItemRow:
    lang = m.lang
    action = item.kind is ItemKind.ACTION
    person = m.state.attendance.get(item.owner) if item.owner else None
    absent = action and person is not None and person.status == AttendanceStatus.ABSENT
    return ItemRow(
        id=item.id,
        time=m.hhmm(item.at),
        mark=ITEM_MARKS[item.kind],
        kind=item.kind.value,
        text=item.text,
        owner=item.owner,
        owner_known=item.owner_known,
        due=due_label(item.due, m.local(m.now).date(), lang) if item.due else None,
        criteria=item.criteria,
        unknown_owner=t("live.unknown_owner", lang),
        absent_owner=t("live.absent_owner", lang) if absent else None,
        no_owner=t("live.no_owner", lang) if action and not item.owner else None,
        no_due=t("live.no_due", lang) if action and not item.due else None,
    )


def item_rows(m: Moment) -> list[ItemRow]:
    """The running section's items, oldest first."""
    state = m.state
    items = [] if state.current is None else state.active_items(state.current)
    return [item_row(m, item) for item in items]


def roster(m: Moment) -> RosterView:
    state, now, lang = m.state, m.now, m.lang
    rows = []
    for number, p in enumerate(participation(state, now), start=1):
        # Short words, so that the time fits beside them (`late 09:07`, `left 10:30`).
        status = short_status = t(f"roster.{p.status}", lang)
        person = state.attendance[p.name]
        here = is_here(person)
        if p.status == AttendanceStatus.LATE and person.arrived is not None:
            status += " " + m.hhmm(person.arrived)
        elif p.status == AttendanceStatus.LEFT and person.left is not None:
            status += " " + m.hhmm(person.left)
        # `late 00:00` read as "arrived at midnight": no talk time for someone not in.
        # Absent is absent (the status says so), not someone still expected.
        not_here = (
            not here
            and p.status not in (AttendanceStatus.LEFT, AttendanceStatus.ABSENT)
            and not p.turns
        )
        if not_here and p.status == AttendanceStatus.EXPECTED:
            status = short_status = ""  # "not here yet" says it (not "not in yet not here yet")
        rows.append(
            RosterRow(
                number=number,
                name=p.name,
                status=status,
                short_status=short_status,
                talk=p.talk_time,
                share=p.share,
                turns=p.turns,
                speaking=p.speaking,
                silent=p.silent and here,
                away=p.status in (AttendanceStatus.ABSENT, AttendanceStatus.LEFT),
                facilitator=p.facilitator,
                not_here=not_here,
            )
        )
    here_count = len([a for a in state.attendance.values() if is_here(a)])
    return RosterView(
        title=t("live.roster", lang, here=here_count, total=len(rows)),
        rows=rows,
        silent_label=t("live.silent", lang),
        not_here_label=t("live.not_here", lang),
        warning=t("live.dominates", lang) if facilitator_dominates(state, now) else None,
    )
