"""The minutes as data: everything the renderers show, built from a session record in one language."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from agendas.durations import format_clock
from agendas.model import Agenda, SectionBoard, SectionKind
from sessions import participation, timing
from sessions.clock import clock_text, local_clock, to_local
from sessions.dates import overdue_text
from sessions.events import FOLLOWUP_STATES, AttendanceStatus, Ended, Event, SectionEntered, Started
from sessions.followup import CarriedTopic, topics_from_header
from sessions.i18n import role_text, t
from sessions.kinds import ItemKind, Summary
from sessions.numbers import duration_text as duration_text
from sessions.numbers import money_text, percent_text
from sessions.performance import (
    FROM_AGENDA,
    FROM_PREVIOUS,
    CarriedTargets,
    Performance,
    month_performance,
    record_targets,
)
from sessions.state import Item, SessionState, replay_record
from sessions.statuses import ActionStatus
from sessions.store import SessionRecord


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None
    role_text: str  # the role in the minutes' language when it is a common one
    status: AttendanceStatus
    status_text: str
    time_text: str
    guest: bool
    was_there: bool


@dataclass(frozen=True)
class AgendaRow:
    number: int  # the agenda's own number (index + 1), as in the notice and on the live screen
    index: int  # position in the agenda file
    title: str
    kind: SectionKind
    presenter: str | None
    planned: int  # the agenda's planned time, without extensions
    used: float
    reached: bool
    deferred: bool
    extended: int  # seconds added by /extend, shown apart from the planned time
    remark: str


@dataclass(frozen=True)
class Entry:
    """One captured item as the minutes show it."""

    id: int
    kind: ItemKind
    time: str  # HH:MM in the meeting's zone
    label: str | None  # "Decision 2", "Action #3", "Recognition for X"; None for a plain note
    text: str
    speaker: str | None
    section: int
    section_title: str


@dataclass(frozen=True)
class ActionRow:
    id: int  # the item id: the N of the reference `<session id>#N`
    ref: str  # "#N", the stable reference, in its own column
    number: int  # 1…n in these minutes
    text: str
    owner: str | None
    owner_known: bool
    owner_text: str
    due: date | None
    due_text: str
    criteria: str
    status: str
    status_text: str
    section_title: str
    time: str

    @property
    def missing(self) -> list[str]:
        """What keeps it from being a real commitment: no owner, no due date."""
        return [k for k, v in (("owner", self.owner), ("due", self.due)) if not v]


@dataclass(frozen=True)
class SectionNotes:
    number: int
    index: int
    title: str
    kind: SectionKind
    presenter: str | None
    deferred: bool
    line: str  # "09:10–09:22 · 12 min"
    entries: list[Entry]


@dataclass(frozen=True)
class FollowupRow:
    number: int
    ref: str
    text: str
    owner: str
    due: str
    set_on: str
    status: ActionStatus | None
    status_text: str
    comment: str


@dataclass(frozen=True)
class PerformanceRow:
    name: str
    target: float
    actual: float | None
    completion: float | None  # 0..n, 1.0 = 100 %
    rank: int | None
    target_text: str
    actual_text: str
    completion_text: str
    target_from: str = (
        ""  # where the target came from, once one is carried: the agenda, the meeting before
    )


@dataclass(frozen=True)
class TargetRow:
    name: str
    target: float
    previous: float | None
    target_text: str
    previous_text: str


@dataclass(frozen=True)
class TalkRow:
    name: str
    label: str  # the name, marked when it is the facilitator
    talk_time: float
    share: float
    turns: int
    talk_text: str
    share_text: str


@dataclass(frozen=True)
class Minutes:
    lang: str
    session_id: str
    title: str
    ended: bool
    warning: str | None  # shown at the top of a session that was not ended
    fields: list[tuple[str, str]]  # (label, value) under the title
    attendance: list[Person]
    attendance_summary: str
    agenda: list[AgendaRow]
    planned: int  # the agenda's planned total, as in the notice
    extended: int  # all extensions together
    in_sections: float  # the sum of the sections' times
    not_reached: list[str]
    sections: list[SectionNotes]
    decisions: list[Entry]
    actions: list[ActionRow]
    actions_by_owner: list[tuple[str, list[ActionRow]]]
    followup: list[FollowupRow] | None  # None: nothing to follow up and no follow-up section
    followup_summary: str
    carried_topics: list[str]  # "Carried from <date>: … (not reached)"
    performance: list[PerformanceRow] | None  # None: the agenda has no performance section
    performance_total: PerformanceRow | None
    next_targets: list[TargetRow] | None  # None: the agenda has no targets section
    next_targets_total: str
    talk: list[TalkRow]
    silent: list[str]
    dominated: bool
    parking: list[Entry]
    signoff: list[str]
    needs_owner_or_due: list[ActionRow] = field(default_factory=list)
    rating: float | None = None  # the meeting's average rating, 1-10; None: nobody rated it
    ratings: list[tuple[str, int]] = field(default_factory=list)  # per person, as given
    improvement: str | None = None  # what would make the next one better


# -- formatting ------------------------------------------------------------------------------


def date_text(day: date, lang: str) -> str:
    shown = f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()
    return t("min.date_value", lang, date=shown, weekday=t(f"min.weekday.{day.weekday()}", lang))


# -- building --------------------------------------------------------------------------------


def session_state(record: SessionRecord) -> tuple[Agenda, SessionState, float]:
    """The agenda, the state replayed from the log, and the moment the minutes speak of."""
    state = replay_record(record)
    return state.agenda, state, state.as_of


def build_minutes(record: SessionRecord, lang: str, live: bool = False) -> Minutes:
    """The minutes of a session in `lang`, from its event log alone."""
    agenda, state, now = session_state(record)
    offset = int(record.meta.get("utc_offset", 0))
    meeting = agenda.meeting
    fields, warning = _header(agenda, state, now, offset, lang, live)

    attendance = _attendance(agenda, state, offset, lang)

    agenda_rows = _agenda_rows(agenda, state, now, lang)
    titles = {row.index: row.title for row in agenda_rows}
    entry = _entry_maker(state, titles, offset, lang)

    active = state.active_items()
    stretches = _stretches(record.log(), now)
    sections = _section_notes(state, agenda_rows, active, entry, stretches, offset, now, lang)
    decisions = [entry(it) for it in active if it.kind.spec.summary is Summary.DECISIONS]
    day = to_local(state.started_at, offset).date() if state.started_at is not None else None
    actions = _action_rows(active, titles, day, offset, lang)
    followup = _followup(agenda, state, day, lang)
    performance, total, next_targets, next_total = _boards(state, record_targets(record), lang)
    talk_rows, silent = _talk(state, now, lang)

    return Minutes(
        lang=lang,
        session_id=record.id,
        title=meeting.title,
        ended=state.ended,
        warning=warning,
        fields=fields,
        attendance=attendance,
        attendance_summary=_attendance_summary(attendance, lang),
        agenda=agenda_rows,
        planned=agenda.planned_seconds,
        extended=sum(row.extended for row in agenda_rows),
        in_sections=sum(row.used for row in agenda_rows),
        not_reached=[row.title for row in agenda_rows if not row.reached],
        sections=sections,
        decisions=decisions,
        actions=actions,
        actions_by_owner=_by_owner(actions),
        followup=followup,
        followup_summary=_followup_summary(followup, lang),
        carried_topics=_carried_topics(topics_from_header(record.meta.get("carried_topics")), lang),
        performance=performance,
        performance_total=total,
        next_targets=next_targets,
        next_targets_total=next_total,
        talk=talk_rows,
        silent=silent,
        dominated=participation.facilitator_dominates(state, now),
        parking=[entry(it) for it in active if it.kind.spec.summary is Summary.PARKING],
        signoff=[p.name for p in attendance if p.was_there],
        needs_owner_or_due=[row for row in actions if row.missing],
        rating=state.rating,
        ratings=list(state.ratings.items()),
        improvement=state.improvement,
    )


def _header(
    agenda: Agenda, state: SessionState, now: float, offset: int, lang: str, live: bool
) -> tuple[list[tuple[str, str]], str | None]:
    """The meeting's facts, and a warning when it did not end normally."""
    meeting = agenda.meeting
    none = t("min.none", lang)
    started = state.started_at
    fields: list[tuple[str, str]] = []
    if meeting.series_name:
        fields.append((t("min.series", lang), meeting.series_name))
    if started is not None:
        fields.append((t("min.date", lang), date_text(to_local(started, offset).date(), lang)))
        if state.ended_at is not None:
            when = t(
                "min.time_range",
                lang,
                start=local_clock(started, offset),
                end=local_clock(state.ended_at, offset),
            )
        else:
            when = t(
                "min.time_open",
                lang,
                start=local_clock(started, offset),
                last=local_clock(now, offset),
            )
        fields.append((t("min.time", lang), when))
        fields += _time_fields(state, now, lang)
    fields.append((t("min.place", lang), meeting.location or none))
    fields.append((t("min.facilitator", lang), agenda.facilitator or none))
    fields.append((t("min.scribe", lang), meeting.scribe or none))
    if meeting.purpose:
        fields.append((t("min.purpose", lang), meeting.purpose))
    if meeting.next_meeting is not None:
        following = meeting.next_meeting
        shown = f"{date_text(following.date(), lang)} {clock_text(following)}"
        fields.append((t("min.next_meeting", lang), shown))
    # The app being down while the meeting went on is not the meeting's business: the minutes
    # state a stop only when the meeting itself paused (its pauses are in the times above).
    warning = None
    if not state.ended and live:
        # Still running in another Minutely: the minutes so far, not a crash.
        fields.append((t("min.status", lang), t("session.live", lang)))
        warning = t("min.in_progress", lang, time=local_clock(now, offset))
    elif not state.ended:
        fields.append((t("min.status", lang), t("session.interrupted", lang)))
        if state.interrupted_at is not None:
            warning = t("min.not_ended", lang, time=local_clock(state.interrupted_at, offset))
        else:
            warning = t("min.not_ended_live", lang, time=local_clock(now, offset))
    return fields, warning


def _entry_maker(
    state: SessionState, titles: dict[int, str], offset: int, lang: str
) -> Callable[[Item], Entry]:
    """How each captured item reads in the minutes: its label, as its kind's spec says."""
    none = t("min.none", lang)
    # Decisions and actions are numbered 1…n in the minutes; an action's item id, the N of
    # the reference `minutely actions done <session id>#N` takes, has its own column.
    numbers: dict[int, int] = {}
    for kind in ItemKind:
        if kind.spec.numbered or kind.spec.summary is Summary.ACTIONS:
            same = [it.id for it in state.active_items() if it.kind is kind]
            numbers.update((item_id, n) for n, item_id in enumerate(same, 1))

    def entry(item: Item) -> Entry:
        spec = item.kind.spec
        key = spec.label_key
        n = numbers.get(item.id, item.id)
        label = t(key, lang, n=n, name=item.owner or none) if key else None
        text = _action_summary(item, lang) if spec.summary is Summary.ACTIONS else item.text
        return Entry(
            id=item.id,
            kind=item.kind,
            time=local_clock(item.at, offset),
            label=label,
            text=text,
            speaker=item.speaker,
            section=item.section,
            section_title=titles.get(item.section, ""),
        )

    return entry


def _attendance_summary(attendance: list[Person], lang: str) -> str:
    counts = dict.fromkeys(AttendanceStatus, 0)
    for person in attendance:
        counts[person.status if person.was_there else AttendanceStatus.ABSENT] += 1
    return t(
        "min.attendance_summary",
        lang,
        present=counts[AttendanceStatus.PRESENT],
        late=counts[AttendanceStatus.LATE],
        left=counts[AttendanceStatus.LEFT],
        absent=counts[AttendanceStatus.ABSENT],
    )


def _followup_summary(followup: list[FollowupRow] | None, lang: str) -> str:
    fstatus = dict.fromkeys(FOLLOWUP_STATES, 0)
    for frow in followup or ():
        if frow.status in fstatus:
            fstatus[frow.status] += 1
    return t(
        "min.followup_summary",
        lang,
        done=fstatus[ActionStatus.DONE],
        doing=fstatus[ActionStatus.DOING],
        blocked=fstatus[ActionStatus.BLOCKED],
        none=sum(1 for frow in followup or () if frow.status not in fstatus),
    )


def _boards(
    state: SessionState, carried: CarriedTargets, lang: str
) -> tuple[list[PerformanceRow] | None, PerformanceRow | None, list[TargetRow] | None, str]:
    """The performance table and its total, and next period's targets and their total, for an
    agenda that has such sections (None otherwise).

    This period's targets are the live board's and the scorecard's: `month_performance` over
    the targets the meeting carried from the one before (kept in its header).
    """
    figures, origins = month_performance(state, carried.targets, {})
    boards = {s.kind.traits.board for s in state.agenda.sections}
    performance, total = (
        _performance(figures, origins, carried, lang)
        if SectionBoard.PERFORMANCE in boards
        else (None, None)
    )
    next_targets, next_total = (
        _next_targets(state, figures) if SectionBoard.TARGETS in boards else (None, "")
    )
    return performance, total, next_targets, next_total


def _next_targets(state: SessionState, figures: Performance) -> tuple[list[TargetRow], str]:
    """Next period's targets as set in the meeting, beside this period's, and their total."""
    current = {r.name: r.target for r in figures.reps}
    rows = [
        TargetRow(
            name=name,
            target=amount,
            previous=current.get(name),
            target_text=money_text(amount),
            previous_text=money_text(current.get(name)),
        )
        for name, amount in state.targets.items()
    ]
    return rows, money_text(sum(r.target for r in rows)) if rows else ""


def _time_fields(state: SessionState, now: float, lang: str) -> list[tuple[str, str]]:
    """One meaning for each length of time, the same as the agenda table's total row.

    Planned is the agenda's total (as in the notice), extensions apart; Duration is end minus
    start, pauses included; Time in sections is the sum of the sections' times.
    """
    totals = timing.totals(state, now)
    planned = duration_text(totals.planned, lang)
    if totals.extended:
        extended = duration_text(totals.extended, lang)
        planned = t("min.planned_extended", lang, planned=planned, extended=extended)
    fields = [
        (t("min.planned", lang), planned),
        (t("min.duration", lang), duration_text(totals.elapsed, lang)),
        (t("min.in_sections", lang), duration_text(totals.in_sections, lang)),
    ]
    if round(totals.paused) > 0:
        fields.append((t("min.paused", lang), duration_text(totals.paused, lang)))
    return fields


def _attendance(agenda: Agenda, state: SessionState, offset: int, lang: str) -> list[Person]:
    rows = []
    for name, person in state.attendance.items():
        participant = agenda.participant(name)
        status = person.status
        if status == AttendanceStatus.EXPECTED:
            status_text = t("min.not_checked_in", lang)
        else:
            status_text = t(f"att.{status}", lang)
        arrived = status != AttendanceStatus.LATE or person.arrived is not None
        if not arrived:
            # announced late at roll-call and never came in
            status_text = t("min.late_never", lang)
            time_text = ""
        elif status == AttendanceStatus.LATE:
            time_text = t("min.arrived_at", lang, time=local_clock(person.arrived, offset))
        elif status == AttendanceStatus.LEFT:
            time_text = (
                t("min.left_at", lang, time=local_clock(person.left, offset))
                if person.left is not None
                else t("min.time_unknown", lang)
            )
        else:
            time_text = ""
        role = participant.role if participant else None
        rows.append(
            Person(
                name=name,
                role=role,
                role_text=role_text(role, lang) if participant else t("min.guest", lang),
                status=status,
                status_text=status_text,
                time_text=time_text,
                guest=person.guest,
                was_there=participation.was_there(person),
            )
        )
    return rows


def _agenda_rows(agenda: Agenda, state: SessionState, now: float, lang: str) -> list[AgendaRow]:
    rows = []
    timings = timing.agenda_timings(state, now)
    # In the order they ran (a deferred section where it was taken up again), then the
    # sections never reached; each keeps its agenda number.
    timings = [x for x in timings if x.reached] + [x for x in timings if not x.reached]
    for timed in timings:
        section = agenda.sections[timed.index]
        extended = state.sections[timed.index].extended
        remarks = []
        if not timed.reached:
            remarks.append(t("min.not_reached", lang))
        if timed.deferred:
            remarks.append(t("min.deferred", lang))
        if extended:
            remarks.append(t("min.extended", lang, time=duration_text(extended, lang)))
        # Over the time it was given, extension included: an extension is a granted minute.
        over = timed.used - timed.planned
        if timed.reached and over >= 60:
            remarks.append(t("min.overtime", lang, time=duration_text(over, lang)))
        rows.append(
            AgendaRow(
                number=timed.index + 1,
                index=timed.index,
                title=timed.title,
                kind=section.kind,
                presenter=section.presenter,
                planned=section.duration,
                used=timed.used,
                reached=timed.reached,
                deferred=timed.deferred,
                extended=extended,
                remark=("; " if lang == "en" else "；").join(remarks),
            )
        )
    return rows


def _stretches(events: list[Event], now: float) -> dict[int, list[tuple[float, float]]]:
    """When each section was the running one: a deferred section has two stretches or more."""
    out: dict[int, list[tuple[float, float]]] = {}
    current: int | None = None
    since = 0.0

    def close(at: float) -> None:
        if current is None:
            return
        runs = out.setdefault(current, [])
        if runs and runs[-1][1] == since:  # re-entered without leaving: one stretch
            runs[-1] = (runs[-1][0], at)
        else:
            runs.append((since, at))

    for event in events:
        at = event.at
        if isinstance(event, Started):
            current, since = 0, at  # the first section of the agenda opens the meeting
        elif isinstance(event, SectionEntered):
            close(at)
            current, since = event.index, at
        elif isinstance(event, Ended):
            close(at)
            current = None
    close(now)
    return out


def _span_text(start: str, end: str, lang: str) -> str:
    # a stretch inside one minute (a section opened and deferred at once) is one time
    return start if start == end else t("min.time_range", lang, start=start, end=end)


def _section_notes(
    state: SessionState,
    rows: list[AgendaRow],
    active: list[Item],
    entry: Callable[[Item], Entry],
    stretches: dict[int, list[tuple[float, float]]],
    offset: int,
    now: float,
    lang: str,
) -> list[SectionNotes]:
    by_section: dict[int, list[Item]] = {}
    for item in active:
        # in the order captured; parking-lot items are off-topic: only in the parking lot
        if item.kind.spec.in_sections:
            by_section.setdefault(item.section, []).append(item)
    notes = []
    for row in rows:
        items = by_section.get(row.index, [])
        if not row.reached and not items:
            continue
        if row.kind.traits.is_break and not items:
            continue
        run = state.sections[row.index]
        left = run.last_left if run.last_left is not None else now
        spans = stretches.get(row.index) or [(run.first_entered or now, left)]
        line = t(
            "min.section_line",
            lang,
            times=(", " if lang == "en" else "，").join(
                _span_text(local_clock(a, offset), local_clock(b, offset), lang) for a, b in spans
            ),
            used=duration_text(row.used, lang),
        )
        notes.append(
            SectionNotes(
                number=row.number,
                index=row.index,
                title=row.title,
                kind=row.kind,
                presenter=row.presenter,
                deferred=row.deferred,
                line=line,
                entries=[entry(it) for it in items],
            )
        )
    return notes


def _action_summary(item: Item, lang: str) -> str:
    owner = _owner_text(item.owner, item.owner_known, lang)
    due = item.due.isoformat() if item.due else t("min.no_due", lang)
    parts = [item.text, owner, due]
    if item.criteria:
        parts.append(item.criteria)
    return " · ".join(parts)


def _owner_text(owner: str | None, known: bool, lang: str) -> str:
    if not owner:
        return t("min.no_owner", lang)
    return owner if known else t("min.owner_unknown", lang, name=owner)


def _action_rows(
    active: list[Item], titles: dict[int, str], day: date | None, offset: int, lang: str
) -> list[ActionRow]:
    """The meeting's actions, numbered in the order they were agreed."""
    agreed = (it for it in active if it.kind.spec.summary is Summary.ACTIONS)
    return [
        _action_row(it, number, titles.get(it.section, ""), day, offset, lang)
        for number, it in enumerate(agreed, start=1)
    ]


def _by_owner(actions: list[ActionRow]) -> list[tuple[str, list[ActionRow]]]:
    """The actions grouped by owner, owners in the order they first appear."""
    by_owner: dict[str, list[ActionRow]] = {}
    for row in actions:
        by_owner.setdefault(row.owner_text, []).append(row)
    return list(by_owner.items())


def _action_row(
    item: Item, number: int, section: str, day: date | None, offset: int, lang: str
) -> ActionRow:
    due = item.due.isoformat() if item.due else t("min.no_due", lang)
    # Agreed with a date already gone by: said so, as on the live screen.
    late = overdue_text(item.due, day, lang) if day is not None else ""
    return ActionRow(
        id=item.id,
        ref=f"#{item.id}",
        number=number,
        text=item.text,
        owner=item.owner,
        owner_known=item.owner_known,
        owner_text=_owner_text(item.owner, item.owner_known, lang),
        due=item.due,
        due_text=f"{due} · {late}" if late else due,
        criteria=item.criteria or "",
        status="open",
        status_text=t("status.open", lang),
        section_title=section,
        time=local_clock(item.at, offset),
    )


def _followup(
    agenda: Agenda, state: SessionState, day: date | None, lang: str
) -> list[FollowupRow] | None:
    has_section = any(s.kind.traits.board is SectionBoard.FOLLOWUP for s in agenda.sections)
    if not state.carried and not has_section:
        return None
    rows = []
    for number, carried in enumerate(state.carried, start=1):
        ref = carried.ref
        given = state.followup.get(ref)
        due = carried.due or t("min.no_due", lang)
        closed = given is not None and given.status in (ActionStatus.DONE, ActionStatus.CANCELLED)
        late = ""
        if day is not None and carried.due and not closed:
            with contextlib.suppress(ValueError):
                late = overdue_text(date.fromisoformat(carried.due[:10]), day, lang)
        rows.append(
            FollowupRow(
                number=number,
                ref=ref,
                text=carried.text,
                owner=_owner_text(carried.owner, carried.owner_known, lang),
                due=f"{due} · {late}" if late else due,
                set_on=(carried.origin_date or "")[:10],
                status=given.status if given else None,
                status_text=t(f"status.{given.status}", lang)
                if given
                else t("min.no_status", lang),
                comment=(given.comment or "") if given else "",
            )
        )
    return rows


def _carried_topics(topics: list[CarriedTopic], lang: str) -> list[str]:
    """What the last meeting of the series left over, as chosen before this one started."""
    lines = []
    for topic in topics:
        why = t("min.topic_parking" if topic.kind == "parking" else "min.topic_section", lang)
        day = (topic.origin_date or "")[:10]
        key = "min.carried_topic" if day else "min.carried_topic_undated"
        lines.append(t(key, lang, date=day, text=topic.text, why=why))
    return lines


def _target_from(origin: str | None, carried: CarriedTargets, lang: str) -> str:
    if origin == FROM_PREVIOUS:
        return t("min.target_carried", lang, date=carried.date or "?")
    return t("min.target_agenda", lang) if origin == FROM_AGENDA else ""


def _performance(
    figures: Performance, origins: dict[str, str], carried: CarriedTargets, lang: str
) -> tuple[list[PerformanceRow], PerformanceRow | None]:
    shows_origin = FROM_PREVIOUS in origins.values()
    rows = [
        PerformanceRow(
            name=r.name,
            target=r.target or 0.0,
            actual=r.actual,
            completion=r.completion,
            rank=r.rank,
            target_text=money_text(r.target),
            actual_text=money_text(r.actual),
            completion_text=percent_text(r.completion),
            target_from=_target_from(origins.get(r.name), carried, lang) if shows_origin else "",
        )
        for r in figures.by_rank()
    ]
    if not rows:
        return rows, None
    total = PerformanceRow(
        name=t("min.total", lang),
        target=figures.target or 0.0,
        actual=figures.actual or 0.0,
        completion=figures.completion,
        rank=None,
        target_text=money_text(figures.target or 0.0),
        actual_text=money_text(figures.actual or 0.0),
        completion_text=percent_text(figures.completion),
    )
    return rows, total


def _talk(state: SessionState, now: float, lang: str) -> tuple[list[TalkRow], list[str]]:
    rows = []
    silent = []
    for p in participation.participation(state, now):
        if p.silent:
            silent.append(p.name)
        if not participation.was_there(state.attendance[p.name]) and not p.turns:
            continue
        rows.append(
            TalkRow(
                name=p.name,
                label=t("min.facilitator_mark", lang, name=p.name) if p.facilitator else p.name,
                talk_time=p.talk_time,
                share=p.share,
                turns=p.turns,
                talk_text=talk_clock(p.talk_time),
                share_text=percent_text(p.share),
            )
        )
    return rows, silent


def talk_clock(seconds: float) -> str:
    """Talk time as `MM:SS`, rounded to the second: the minutes and the history show the same."""
    return format_clock(round(seconds))
