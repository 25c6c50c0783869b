"""The opening brief of a series meeting: how the last one went and what is still hanging.

Shown on the pre-meeting screen: the last meeting's rating and improvement note, the open
actions past their due date grouped by owner, the reps below target at the last meeting,
and the topics handed on from meeting to meeting two or more times. Worked out from the
series' previous session records (the rating, the figures, the topics carried) and the open
actions the new meeting inherits; the sales figures are `sessions.performance`'s and the
carried counts `sessions.scorecard.carried_items`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from agendas.model import Agenda
from sessions.datadir import DataDir
from sessions.disk import StoreError
from sessions.followup import CarriedTopic, carried_topics
from sessions.i18n import join_list, t
from sessions.index import Index
from sessions.performance import RepResult, month_performance, record_targets
from sessions.scorecard import CarriedItem, carried_items
from sessions.state import CarriedAction, SessionState, replay_record
from sessions.store import SessionRecord
from sessions.summary import session_date

# How far back the brief reads: enough to count topics carried month after month.
BRIEF_MEETINGS = 12
REPEATED = 2  # a topic carried this many times or more is named


@dataclass(frozen=True)
class Brief:
    last_date: str | None  # the previous meeting's local ISO date
    rating: float | None  # its average rating, 1-10
    improvement: str | None
    overdue: tuple[tuple[str | None, tuple[CarriedAction, ...]], ...]  # by owner; None: nobody's
    below_target: tuple[RepResult, ...]  # at the previous meeting, lowest completion first
    topics: tuple[CarriedItem, ...]  # times: meetings that inherited it, this one included

    @property
    def empty(self) -> bool:
        return (
            self.rating is None
            and not self.improvement
            and not self.overdue
            and not self.below_target
            and not self.topics
        )


def brief(
    records: Sequence[SessionRecord],
    carried: Sequence[CarriedAction],
    topics: Sequence[CarriedTopic],
) -> Brief:
    """The brief from the series' previous records (any order), the open actions the new meeting
    inherits (with their days overdue) and the topics it inherits."""
    replayed = [(r, replay_record(r)) for r in records]
    replayed = [(r, s) for r, s in replayed if s.started_at is not None]
    replayed.sort(key=lambda pair: pair[1].started_at or 0.0)
    last: tuple[SessionRecord, SessionState] | None = replayed[-1] if replayed else None
    return Brief(
        last_date=_date(*last) if last else None,
        rating=last[1].rating if last else None,
        improvement=last[1].improvement if last else None,
        overdue=_overdue(carried),
        below_target=_below_target(*last) if last else (),
        topics=_repeated_topics(replayed, topics),
    )


def _date(record: SessionRecord, state: SessionState) -> str | None:
    return session_date(state.started_at, int(record.meta.get("utc_offset", 0)))


def _overdue(
    carried: Sequence[CarriedAction],
) -> tuple[tuple[str | None, tuple[CarriedAction, ...]], ...]:
    late = [a for a in carried if a.days_overdue]
    owners = sorted({a.owner for a in late if a.owner})
    groups: list[tuple[str | None, tuple[CarriedAction, ...]]] = [
        (o, tuple(a for a in late if a.owner == o)) for o in owners
    ]
    nobody = tuple(a for a in late if not a.owner)
    if nobody:
        groups.append((None, nobody))
    return tuple(groups)


def _below_target(record: SessionRecord, state: SessionState) -> tuple[RepResult, ...]:
    """The reps below target in that meeting, on the targets its board and minutes showed."""
    figures, _origins = month_performance(state, record_targets(record).targets, {})
    reps = [r for r in figures.reps if r.completion is not None]
    return tuple(
        sorted((r for r in reps if (r.completion or 0) < 1.0), key=lambda r: r.completion or 0)
    )


def _repeated_topics(
    replayed: Sequence[tuple[SessionRecord, SessionState]], topics: Sequence[CarriedTopic]
) -> tuple[CarriedItem, ...]:
    """The topics the new meeting inherits, with how many meetings inherited them, it included."""
    before = {
        (c.kind, c.text): c.times
        for c in carried_items([r for r, _ in replayed], [s for _, s in replayed])
        if c.kind != "action"
    }
    found = []
    for topic in topics:
        times = before.get((topic.kind, topic.text), 0) + 1
        if times >= REPEATED:
            found.append(CarriedItem(topic.kind, topic.text, None, times))
    return tuple(sorted(found, key=lambda c: -c.times))


def series_brief(
    datadir: DataDir, agenda: Agenda, carried: Sequence[CarriedAction]
) -> Brief | None:
    """The brief of a series meeting about to start, given the open actions it inherits; None
    outside a series or before its first meeting."""
    series = agenda.meeting.series
    if not series:
        return None
    records = []
    for summary in Index(datadir).series_sessions(series)[:BRIEF_MEETINGS]:
        try:
            records.append(datadir.read(summary.id))
        except StoreError:
            continue  # a file that cannot be read is left out, as the listing leaves it out
    if not records:
        return None
    return brief(records, carried, carried_topics(datadir, agenda))


def brief_lines(found: Brief | None, lang: str) -> list[str]:
    """The brief's panel, one line per point; none without a brief."""
    lines: list[str] = []
    if found is None:
        return lines
    if found.last_date is not None and (found.rating is not None or found.improvement):
        if found.rating is not None:
            lines.append(
                t("brief.rating", lang, date=found.last_date, rating=f"{found.rating:.1f}")
            )
        else:
            lines.append(t("brief.unrated", lang, date=found.last_date))
    if found.improvement:
        lines.append(t("brief.improvement", lang, text=found.improvement))
    for owner, actions in found.overdue:
        items = join_list(
            (t("brief.overdue_item", lang, text=a.text, days=a.days_overdue) for a in actions),
            lang,
        )
        lines.append(t("brief.overdue", lang, owner=owner or t("brief.nobody", lang), items=items))
    if found.below_target:
        reps = join_list((f"{r.name} {r.completion or 0:.0%}" for r in found.below_target), lang)
        lines.append(t("brief.below", lang, reps=reps))
    lines += [t("brief.carried", lang, n=c.times, text=c.text) for c in found.topics]
    return lines
