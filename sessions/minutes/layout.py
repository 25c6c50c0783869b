"""The minutes laid out as a plain document (headings, fields, tables, lists) that every renderer draws."""

from __future__ import annotations

from collections.abc import Callable

from sessions.blocks import Block, Bullets, Fields, Heading, ListItem, Paragraph, Table
from sessions.i18n import join_list, t, tn
from sessions.minutes.model import Entry, Minutes, duration_text


def _entry_item(entry: Entry, lang: str, show_speaker: bool = True) -> ListItem:
    note = t("min.said_by", lang, name=entry.speaker) if entry.speaker and show_speaker else None
    return ListItem(text=entry.text, time=entry.time, label=entry.label, note=note)


def _section_items(entries: list[Entry], lang: str) -> list[ListItem]:
    """Items in order; the speaker is named when it changes, not on every line."""
    items = []
    speaker: str | None = None
    for entry in entries:
        items.append(_entry_item(entry, lang, entry.speaker != speaker))
        speaker = entry.speaker
    return items


def _head(m: Minutes) -> list[Block]:
    """The title, any warning and the meeting's facts."""
    blocks: list[Block] = [Heading(1, m.title)]
    if m.warning:
        blocks.append(Paragraph(m.warning, "warning"))
    blocks.append(Fields(m.fields))
    return blocks


def _attendance(m: Minutes) -> list[Block]:
    """Who was there, as a table."""
    lang = m.lang
    blocks: list[Block] = []
    blocks += [
        Heading(2, t("min.h.attendance", lang)),
        Paragraph(m.attendance_summary),
        Table(
            "attendance",
            [
                t("min.col.name", lang),
                t("min.col.role", lang),
                t("min.col.attendance", lang),
                t("min.col.time", lang),
            ],
            [[p.name, p.role_text, p.status_text, p.time_text] for p in m.attendance],
        ),
    ]
    return blocks


def _agenda(m: Minutes) -> list[Block]:
    """The agenda as planned and as run, and what was not reached."""
    lang = m.lang
    blocks: list[Block] = []
    blocks += [
        Heading(2, t("min.h.agenda", lang)),
        Table(
            "agenda",
            [
                t("min.col.number", lang),
                t("min.col.section", lang),
                t("min.col.presenter", lang),
                t("min.col.planned", lang),
                t("min.col.actual", lang),
                t("min.col.remark", lang),
            ],
            [
                [
                    str(row.number),
                    row.title,
                    row.presenter or "",
                    _dur(row.planned, lang),
                    _dur(row.used, lang) if row.reached else "",
                    row.remark,
                ]
                for row in m.agenda
            ],
            align="rllrrl",
            # The same definitions as the header: Planned, Time in sections, extensions apart.
            footer=[
                "",
                t("min.total", lang),
                "",
                _dur(m.planned, lang),
                _dur(m.in_sections, lang),
                t("min.extended", lang, time=_dur(m.extended, lang)) if m.extended else "",
            ],
        ),
    ]
    if m.not_reached:
        blocks.append(
            Paragraph(
                tn(
                    "min.not_reached_list",
                    lang,
                    len(m.not_reached),
                    titles=join_list(m.not_reached, lang),
                )
            )
        )
    return blocks


def _sections(m: Minutes) -> list[Block]:
    """Each section's notes, in agenda order."""
    lang = m.lang
    blocks: list[Block] = []
    blocks.append(Heading(2, t("min.h.sections", lang)))
    for notes in m.sections:
        title = t("min.deferred_title", lang, title=notes.title) if notes.deferred else notes.title
        blocks.append(Heading(3, f"{notes.number}. {title}"))
        line = notes.line
        if notes.presenter:
            line = f"{t('min.presented_by', lang, name=notes.presenter)} · {line}"
        blocks.append(Paragraph(line, "muted"))
        if notes.entries:
            blocks.append(Bullets(_section_items(notes.entries, lang)))
        elif notes.kind.traits.board is None:
            blocks.append(Paragraph(t("min.nothing_recorded", lang)))
        # A section with a board has its own part of the minutes: its notes point there.
        if notes.kind.traits.board is not None:
            heading = t(f"min.h.{notes.kind.traits.board.value}", lang)
            blocks.append(Paragraph(t("min.see_below", lang, heading=heading), "muted"))
    return blocks


def _decisions(m: Minutes) -> list[Block]:
    """The decisions, numbered, each with where and when it was taken."""
    lang = m.lang
    blocks: list[Block] = []
    blocks.append(Heading(2, t("min.h.decisions", lang)))
    if m.decisions:
        blocks.append(
            Bullets(
                [
                    ListItem(
                        e.text,
                        note=t("min.decision_where", lang, section=e.section_title, time=e.time),
                    )
                    for e in m.decisions
                ],
                ordered=True,
            )
        )
    else:
        blocks.append(Paragraph(t("min.no_decisions", lang)))
    return blocks


def _actions(m: Minutes) -> list[Block]:
    """The action items, those that still need an owner or a date, and each owner's list."""
    lang = m.lang
    blocks: list[Block] = []
    blocks.append(Heading(2, t("min.h.actions", lang)))
    if m.actions:
        blocks.append(
            Table(
                "actions",
                [
                    t("min.col.number", lang),
                    t("min.col.what", lang),
                    t("min.col.owner", lang),
                    t("min.col.due", lang),
                    t("min.col.criteria", lang),
                    t("min.col.status", lang),
                    # What `minutely actions done` takes: the number is these minutes' own.
                    t("min.col.ref", lang),
                ],
                [
                    [
                        str(a.number),
                        a.text,
                        a.owner_text,
                        a.due_text,
                        a.criteria,
                        a.status_text,
                        a.ref,
                    ]
                    for a in m.actions
                ],
                align="rllllll",
            )
        )
        if m.needs_owner_or_due:
            blocks.append(Paragraph(t("min.needs_fix", lang), "strong"))
            blocks.append(
                Bullets(
                    [
                        ListItem(
                            a.text,
                            label=str(a.number),
                            note=join_list((t(f"min.needs.{k}", lang) for k in a.missing), lang),
                        )
                        for a in m.needs_owner_or_due
                    ]
                )
            )
        blocks.append(
            Paragraph(
                t("min.mark_done", lang),
                "muted",
                code=f"minutely actions done {m.session_id}#N",
            )
        )
        blocks += _by_owner(m)
    else:
        blocks.append(Paragraph(t("min.no_actions", lang)))
    return blocks


def _by_owner(m: Minutes) -> list[Block]:
    """Each owner's actions, for whoever reads only their own."""
    lang = m.lang
    blocks: list[Block] = [Heading(3, t("min.h.by_owner", lang))]
    for owner, rows in m.actions_by_owner:
        blocks.append(Paragraph(owner, "strong"))
        blocks.append(
            Bullets(
                [
                    ListItem(
                        t("min.by_owner_line", lang, what=a.text, due=a.due_text)
                        if a.due
                        else a.text,
                        label=t("min.action_no", lang, n=a.number),
                    )
                    for a in rows
                ]
            )
        )
    return blocks


def _followup(m: Minutes) -> list[Block]:
    """Last meeting's open actions and the topics carried over, when there are any."""
    lang = m.lang
    blocks: list[Block] = []
    if m.followup is not None or m.carried_topics:
        blocks.append(Heading(2, t("min.h.followup", lang)))
        if m.followup is None:
            pass  # only topics were carried over
        elif m.followup:
            blocks.append(Paragraph(m.followup_summary))
            blocks.append(
                Table(
                    "followup",
                    [
                        t("min.col.number", lang),
                        t("min.col.what", lang),
                        t("min.col.owner", lang),
                        t("min.col.due", lang),
                        t("min.col.from", lang),
                        t("min.col.status", lang),
                        t("min.col.comment", lang),
                        # What `minutely actions done` takes: the list number is this meeting's.
                        t("min.col.ref", lang),
                    ],
                    [
                        [
                            str(f.number),
                            f.text,
                            f.owner,
                            f.due,
                            f.set_on,
                            f.status_text,
                            f.comment,
                            f.ref,
                        ]
                        for f in m.followup
                    ],
                    align="rlllllll",
                )
            )
        else:
            blocks.append(Paragraph(t("min.no_carried", lang)))
        if m.carried_topics:
            blocks.append(Paragraph(t("min.carried_topics", lang), "strong"))
            blocks.append(Bullets([ListItem(line) for line in m.carried_topics]))
    return blocks


def _performance(m: Minutes) -> list[Block]:
    """This period's results against targets, when the agenda reviews them."""
    lang = m.lang
    blocks: list[Block] = []
    if m.performance is not None:
        blocks.append(Heading(2, t("min.h.performance", lang)))
        if m.performance:
            total = m.performance_total
            # Once a target is carried from the meeting before, a column says where each came from.
            origin = any(r.target_from for r in m.performance)
            blocks.append(
                Table(
                    "performance",
                    [
                        t("min.col.rank", lang),
                        t("min.col.name", lang),
                        t("min.col.target", lang),
                        t("min.col.result", lang),
                        t("min.col.completion", lang),
                        *([t("min.col.target_from", lang)] if origin else []),
                    ],
                    [
                        [
                            str(r.rank) if r.rank else "",
                            r.name,
                            r.target_text,
                            r.actual_text,
                            r.completion_text,
                            *([r.target_from] if origin else []),
                        ]
                        for r in m.performance
                    ],
                    align="rlrrrl" if origin else "rlrrr",
                    footer=(
                        [
                            "",
                            total.name,
                            total.target_text,
                            total.actual_text,
                            total.completion_text,
                            *([""] if origin else []),
                        ]
                        if total
                        else None
                    ),
                )
            )
        else:
            blocks.append(Paragraph(t("min.no_performance", lang)))
    return blocks


def _rating(m: Minutes) -> list[Block]:
    """How the people in the room rated the meeting, and what would make the next one better."""
    lang = m.lang
    if m.rating is None and not m.improvement:
        return []
    blocks: list[Block] = [Heading(2, t("min.h.rating", lang))]
    if m.rating is not None:
        blocks.append(
            Paragraph(tn("min.rating_average", lang, len(m.ratings), average=f"{m.rating:.1f}"))
        )
        blocks.append(
            Table(
                "rating",
                [t("min.col.name", lang), t("min.col.rating", lang)],
                [[name, str(score)] for name, score in m.ratings],
                align="lr",
            )
        )
    if m.improvement:
        blocks.append(Paragraph(t("min.improvement", lang), "strong"))
        blocks.append(Paragraph(m.improvement))
    return blocks


def _targets(m: Minutes) -> list[Block]:
    """Next period's targets, when the agenda sets them."""
    lang = m.lang
    blocks: list[Block] = []
    if m.next_targets is not None:
        blocks.append(Heading(2, t("min.h.targets", lang)))
        if m.next_targets:
            blocks.append(
                Table(
                    "targets",
                    [
                        t("min.col.name", lang),
                        t("min.col.previous_target", lang),
                        t("min.col.next_target", lang),
                    ],
                    [[r.name, r.previous_text, r.target_text] for r in m.next_targets],
                    align="lrr",
                    footer=[t("min.total", lang), "", m.next_targets_total],
                )
            )
        else:
            blocks.append(Paragraph(t("min.no_targets", lang)))
    return blocks


def _participation(m: Minutes) -> list[Block]:
    """Talk time, who did not speak, and whether the facilitator dominated."""
    lang = m.lang
    blocks: list[Block] = []
    blocks.append(Heading(2, t("min.h.participation", lang)))
    if any(r.turns for r in m.talk):
        blocks.append(
            Table(
                "participation",
                [
                    t("min.col.name", lang),
                    t("min.col.talk", lang),
                    t("min.col.share", lang),
                    t("min.col.turns", lang),
                ],
                [[r.label, r.talk_text, r.share_text, str(r.turns)] for r in m.talk],
                align="lrrr",
            )
        )
    else:
        blocks.append(Paragraph(t("min.no_talk", lang)))
    if m.silent:
        blocks.append(Paragraph(t("min.silent", lang, names=join_list(m.silent, lang))))
    elif any(r.turns for r in m.talk):
        blocks.append(Paragraph(t("min.all_spoke", lang)))
    if m.dominated:
        blocks.append(Paragraph(t("min.dominates", lang), "warning"))
    return blocks


def _parking(m: Minutes) -> list[Block]:
    """The parking lot."""
    lang = m.lang
    blocks: list[Block] = []
    blocks.append(Heading(2, t("min.h.parking", lang)))
    if m.parking:
        blocks.append(
            Bullets(
                [ListItem(e.text, time=e.time, note=e.section_title or None) for e in m.parking]
            )
        )
    else:
        blocks.append(Paragraph(t("min.no_parking", lang)))
    return blocks


def _signoff(m: Minutes) -> list[Block]:
    """The sign-off table and the generated-by line."""
    lang = m.lang
    blocks: list[Block] = []
    blocks += [
        Heading(2, t("min.h.signoff", lang)),
        Paragraph(t("min.signoff_text", lang)),
        Table(
            "signoff",
            [t("min.col.name", lang), t("min.col.signature", lang), t("min.col.date", lang)],
            [[name, "", ""] for name in m.signoff],
        ),
        # The scribe signs the minutes and the facilitator approves them.
        Fields([(t("min.scribe_signature", lang), ""), (t("min.facilitator_approval", lang), "")]),
        Paragraph(t("min.generated", lang), "muted"),
    ]
    return blocks


# The parts of the minutes, in order: a new part is one function and one entry here.
PARTS: tuple[Callable[[Minutes], list[Block]], ...] = (
    _head,
    _attendance,
    _agenda,
    _sections,
    _decisions,
    _actions,
    _followup,
    _performance,
    _targets,
    _participation,
    _rating,
    _parking,
    _signoff,
)


def layout(m: Minutes) -> list[Block]:
    """The minutes as blocks, part after part, for every renderer."""
    return [block for part in PARTS for block in part(m)]


def _dur(seconds: float, lang: str) -> str:
    return duration_text(seconds, lang)
