"""The digest of a meeting for chat and e-mail: per owner their open actions, the decisions, the next meeting.

A digest speaks of one session: its decisions, and the actions still open that were agreed
in it or carried into it from earlier meetings of its series. A series digest speaks of the
series' latest session and of every action of the series still open. Action statuses are
the ones `sessions.actions` works out (follow-up at later meetings and the ledger).

Two renderings of one layout: `text`, plain lines that paste into 企业微信, 钉钉, Slack or an
e-mail as they are (no table, no markup, one line per action), and `md`, Markdown drawn by
the minutes' own renderer, with user text escaped. Neither writes a control character.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from agendas.text import strip_control
from sessions.actions import ActionItem, grouped, load_actions, resolve_owner
from sessions.capture import ItemKind
from sessions.clock import to_local
from sessions.datadir import DataDir
from sessions.disk import UnknownSession
from sessions.i18n import LANGS, t, tn
from sessions.index import Index
from sessions.indexing import summarize
from sessions.minutes.layout import Block, Bullets, Heading, ListItem, Paragraph
from sessions.minutes.markdown import render_blocks
from sessions.minutes.model import date_text, session_state
from sessions.store import SessionRecord
from sessions.summary import SessionSummary


@dataclass(frozen=True)
class Digest:
    lang: str
    session_id: str
    title: str
    day: date | None  # the day the meeting was held
    decisions: list[str]
    owners: list[tuple[str | None, list[ActionItem]]]  # None: actions nobody owns yet
    next_meeting: date | None
    today: date


def session_digest(
    datadir: DataDir,
    record: SessionRecord,
    today: date,
    *,
    lang: str | None = None,
    owner: str | None = None,
    next_meeting: date | None = None,
) -> Digest:
    """The digest of one session; `owner` (any unambiguous prefix) keeps one person's actions.

    The next meeting is `next_meeting` when given, else the series' session held after this
    one when there is one.
    """
    series = record.meta.get("series")
    sessions = Index(datadir).series_sessions(series) if series else []
    if not any(s.id == record.id for s in sessions):
        sessions = [*sessions, summarize(record)]
    book = load_actions(datadir, sessions=sessions)
    carried = {c.get("ref") for c in record.meta.get("carried") or ()}
    actions = [a for a in book.actions if a.origin == record.id or a.ref in carried]
    if next_meeting is None:
        next_meeting = _held_after(record, sessions)
    return _digest(record, actions, today, lang, owner, next_meeting)


def series_digest(
    datadir: DataDir,
    series: str,
    today: date,
    *,
    lang: str | None = None,
    owner: str | None = None,
    next_meeting: date | None = None,
) -> Digest:
    """The digest of the series' latest session, with every action of the series still open."""
    sessions = Index(datadir).series_sessions(series)
    if not sessions:
        raise UnknownSession(key="err.digest_no_series", series=series)
    record = datadir.read(sessions[0].id)
    actions = load_actions(datadir, sessions=sessions).actions
    return _digest(record, actions, today, lang, owner, next_meeting)


def _held_after(record: SessionRecord, sessions: list[SessionSummary]) -> date | None:
    """The day of the series' first session started after this one, if any was."""
    this = next((s for s in sessions if s.id == record.id), None)
    started = this.started_at if this else None
    if started is None:
        return None
    later = [s for s in sessions if (s.started_at or 0.0) > started and s.date]
    if not later:
        return None
    first = min(later, key=lambda s: s.started_at or 0.0)
    return date.fromisoformat(first.date) if first.date else None


def _digest(
    record: SessionRecord,
    actions: list[ActionItem],
    today: date,
    lang: str | None,
    owner: str | None,
    next_meeting: date | None,
) -> Digest:
    agenda, state, _now = session_state(record)
    # Asked for, else the meeting's own, else English.
    choices = (lang, record.meta.get("lang"), agenda.meeting.language)
    language = next((c for c in choices if isinstance(c, str) and c in LANGS), "en")
    wanted = None
    if owner is not None:
        wanted = resolve_owner(owner, sorted({a.owner for a in actions if a.owner}))
        actions = [a for a in actions if a.owner == wanted]
    groups = grouped([a for a in actions if a.is_open], today)
    by_owner: dict[str | None, list[ActionItem]] = {}
    if wanted is not None:
        by_owner[wanted] = []
    # Overdue first, then due today, then by due date; owners in the order they first appear.
    for a in sorted(
        groups["overdue"] + groups["today"] + groups["open"], key=lambda a: a.owner is None
    ):
        by_owner.setdefault(a.owner, []).append(a)
    started = state.started_at
    offset = int(record.meta.get("utc_offset", 0))
    return Digest(
        lang=language,
        session_id=record.id,
        title=record.meta.get("title") or agenda.meeting.title,
        day=to_local(started, offset).date() if started is not None else None,
        decisions=[it.text for it in state.active_items() if it.kind is ItemKind.DECISION],
        owners=list(by_owner.items()),
        next_meeting=next_meeting,
        today=today,
    )


# -- layout -----------------------------------------------------------------------------------


def _action_item(a: ActionItem, d: Digest) -> ListItem:
    lang = d.lang
    notes = []
    late = a.days_overdue(d.today)
    if a.due is None:
        notes.append(t("digest.no_due", lang))
    elif late:
        notes.append(t("digest.due", lang, date=a.due.isoformat()))
        notes.append(tn("digest.overdue", lang, late))
    elif a.due == d.today:
        notes.append(t("digest.due_today", lang))
    else:
        notes.append(t("digest.due", lang, date=a.due.isoformat()))
    if a.status != "open":
        notes.append(t(f"status.{a.status}", lang))
    if a.criteria:
        notes.append(t("digest.criteria", lang, criteria=a.criteria))
    if a.origin != d.session_id:
        notes.append(t("digest.from", lang, date=a.origin_date or a.origin))
    return ListItem(text=a.text, note=t("digest.sep", lang).join(notes))


def layout(d: Digest) -> list[Block]:
    lang = d.lang
    if d.day is not None:
        title = t("digest.title", lang, title=d.title, date=date_text(d.day, lang))
    else:
        title = t("digest.title_undated", lang, title=d.title)
    blocks: list[Block] = [Heading(1, title), Heading(2, t("digest.decisions", lang))]
    if d.decisions:
        blocks.append(Bullets([ListItem(text) for text in d.decisions], ordered=True))
    else:
        blocks.append(Paragraph(t("digest.no_decisions", lang)))
    blocks.append(Heading(2, t("digest.actions", lang)))
    if not d.owners:
        blocks.append(Paragraph(t("digest.nothing_open", lang)))
    for owner, actions in d.owners:
        name = owner if owner is not None else t("digest.no_owner", lang)
        blocks.append(Heading(3, tn("digest.owner", lang, len(actions), owner=name)))
        if actions:
            blocks.append(Bullets([_action_item(a, d) for a in actions]))
        else:
            blocks.append(Paragraph(t("digest.nothing_open", lang)))
    if d.next_meeting is not None:
        blocks.append(Paragraph(t("digest.next", lang, date=date_text(d.next_meeting, lang))))
    return blocks


# -- rendering --------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(strip_control(text).split())


def render_text(d: Digest) -> str:
    """Plain lines for a chat message: a blank line before each part, one line per action."""
    out: list[str] = []
    previous: Block | None = None
    for block in layout(d):
        if isinstance(block, Heading):
            # an owner's name follows "Open actions" directly; every other part stands apart
            if out and (block.level < 3 or not isinstance(previous, Heading)):
                out.append("")
            out.append(_one_line(block.text))
        elif isinstance(block, Paragraph):
            if not isinstance(previous, Heading):
                out.append("")
            out.append(_one_line(block.text))
        elif isinstance(block, Bullets):
            for n, item in enumerate(block.items, start=1):
                mark = f"{n}." if block.ordered else "-"
                line = f"{mark} {_one_line(item.text)}"
                if item.note:
                    note = _one_line(item.note)
                    line += f"（{note}）" if d.lang == "zh" else f" ({note})"
                out.append(line)
        previous = block
    return "\n".join(out) + "\n"


def render_md(d: Digest) -> str:
    return render_blocks(layout(d), d.lang)


# The `--format` choices of `minutely digest`.
FORMATS: dict[str, Callable[[Digest], str]] = {"text": render_text, "md": render_md}
