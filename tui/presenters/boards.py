"""The boards of performance, targets and follow-up sections: columns and rows from the state."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from rich.cells import cell_len

from agendas.model import SectionBoard
from sessions.actions import OPEN_STATUSES
from sessions.dates import as_date, days_overdue, short_date
from sessions.followup import CarriedTopic
from sessions.i18n import t
from sessions.numbers import money_text as money
from sessions.performance import (
    FROM_AGENDA,
    FROM_PREVIOUS,
    NO_CARRIED_TARGETS,
    CarriedTargets,
    month_performance,
    session_reps,
)
from sessions.state import CarriedAction, SessionState
from sessions.statuses import ActionStatus
from widgets.rows import BoardRow, BoardView, Column, natural, percent

FOLLOWUP_STYLES = {
    ActionStatus.DONE: "$success",
    ActionStatus.BLOCKED: "bold $error",
    ActionStatus.DOING: "$warning",
}


def action_ref(action: CarriedAction, today: date) -> str:
    """`#9 · 11-27`: the carried action's item number in the meeting it came from, and that date
    (with its year when that is not this one).

    The item number is what identifies it in the minutes and in `minutely actions done`; the
    board's own 1..n is only what `/status N` takes.
    """
    ref = action.ref
    item = ref.rpartition("#")[2] if "#" in ref else ""
    day = short_date(action.origin_date or action.origin, today)
    return " · ".join(part for part in (f"#{item}" if item else "", day) if part)


def board(
    state: SessionState,
    lang: str,
    narrow: bool,
    today: date,
    carried_topics: Sequence[CarriedTopic] = (),
    carried_targets: CarriedTargets = NO_CARRIED_TARGETS,
) -> BoardView | None:
    """The board of the running section's kind; None when that kind has none.

    `today` (the meeting's date) marks carried actions past their due date, and says which
    dates need their year; `carried_targets` are the previous meeting's `/target`s, this
    one's where the agenda gives none.
    """
    kind = None if state.current is None else state.agenda.sections[state.current].kind
    builders: dict[SectionBoard, Callable[[], BoardView]] = {
        SectionBoard.PERFORMANCE: lambda: performance_board(
            state, lang, narrow, carried_targets, today
        ),
        SectionBoard.TARGETS: lambda: targets_board(state, lang, narrow),
        SectionBoard.FOLLOWUP: lambda: followup_board(state, lang, narrow, today, carried_topics),
    }
    build = builders.get(kind.traits.board) if kind is not None and kind.traits.board else None
    return None if build is None else build()


def target_origin(
    origin: str | None, carried: CarriedTargets, lang: str, today: date | None = None
) -> str:
    """Where a rep's target came from: the agenda, or the meeting before (with its date, and
    its year when that is not `today`'s)."""
    if origin == FROM_PREVIOUS:
        day = short_date(carried.date, today or as_date(carried.date) or date.min)
        return t("board.from_previous", lang, date=day or "?")
    return t("board.from_agenda", lang) if origin == FROM_AGENDA else ""


def performance_board(
    state: SessionState,
    lang: str,
    narrow: bool,
    carried: CarriedTargets = NO_CARRIED_TARGETS,
    today: date | None = None,
) -> BoardView:
    """Each rep's target, result, completion and rank; once a target is carried from the
    meeting before, a column says where each target came from."""
    figures, origins = month_performance(state, carried.targets, {})
    money_width = 9 if narrow else 12
    columns = [
        Column(t("board.rep", lang), 0),
        Column(t("board.target", lang), money_width, "right"),
        Column(t("board.actual", lang), money_width, "right"),
        Column(t("board.completion", lang), 6 if narrow else 7, "right"),
        Column(t("board.rank", lang), 4 if narrow else 5, "right"),
    ]
    sources = {
        rep.name: target_origin(origins.get(rep.name), carried, lang, today) for rep in figures.reps
    }
    shows_origin = FROM_PREVIOUS in origins.values()
    if shows_origin:
        columns.append(
            Column(
                t("board.target_from", lang),
                natural(t("board.target_from", lang), sources.values(), 14),
            )
        )
    rows = []
    for rep in figures.reps:
        style = ""
        if rep.rank == 1:
            style = "bold $success"
        elif rep.completion is not None and rep.completion < 1:
            style = "$warning"
        cells = (
            rep.name,
            money(rep.target),
            money(rep.actual),
            percent(rep.completion),
            str(rep.rank or ""),
            *((sources[rep.name],) if shows_origin else ()),
        )
        rows.append(BoardRow(cells, style))
    if len(figures.reps) > 1:
        total = (money(figures.target), money(figures.actual), percent(figures.completion))
        rest = ("", "") if shows_origin else ("",)
        rows.append(BoardRow((t("board.total", lang), *total, *rest), "bold"))
    return BoardView(t("board.performance", lang), columns, rows, t("board.no_reps", lang))


def targets_board(state: SessionState, lang: str, narrow: bool) -> BoardView:
    agenda = state.agenda
    # This period's figures as the meeting has them: a result given with /actual included.
    reps = {p.name: p for p in session_reps(state)}
    names = [p.name for p in reps.values() if p.target is not None or p.actual is not None]
    names += [name for name in state.targets if name not in names]
    if not names:
        names = [name for name in state.people if name != agenda.facilitator]
    money_width = 9 if narrow else 12
    columns = [
        Column(t("board.rep", lang), 0),
        Column(t("board.target", lang), money_width, "right"),
        Column(t("board.actual", lang), money_width, "right"),
        Column(t("board.next_target", lang), money_width + 2, "right"),
    ]
    rows = []
    for name in names:
        p = reps.get(name)
        next_target = state.targets.get(name)
        cells = (
            name,
            money(p.target if p else None),
            money(p.actual if p else None),
            # Empty until `/target NAME AMOUNT` fills it: the column is what is still to set.
            money(next_target) if next_target is not None else "",
        )
        rows.append(BoardRow(cells, "bold" if next_target is not None else "$text-muted"))
    if len(names) > 1 or state.targets:
        people = [reps.get(name) for name in names]
        targets = [p.target for p in people if p is not None and p.target is not None]
        actuals = [p.actual for p in people if p is not None and p.actual is not None]
        new = [state.targets[name] for name in names if name in state.targets]
        total = (
            t("board.total", lang),
            money(sum(targets)) if targets else "",
            money(sum(actuals)) if actuals else "",
            money(sum(new)) if new else "",
        )
        rows.append(BoardRow(total, "bold"))
    return BoardView(t("board.targets", lang), columns, rows, t("board.no_reps", lang))


OVERDUE_STYLE = "bold $error"
DUE = 3  # the due date's place among a carried row's cells


def _carried_cells(state: SessionState, lang: str, today: date) -> list[BoardRow]:
    """One row per action carried from earlier meetings, with the status set in this one."""
    rows = []
    for number, action in enumerate(state.carried, start=1):
        recorded = state.followup.get(action.ref)
        status = t(f"status.{recorded.status}", lang) if recorded else t("board.not_set", lang)
        style = FOLLOWUP_STYLES.get(recorded.status, "") if recorded else "$text-muted"
        due = short_date(action.due, today)
        still_open = (recorded.status if recorded else ActionStatus.OPEN) in OPEN_STATUSES
        late = days_overdue(action.due, today) if still_open else 0
        if late:
            due = f"{due}\n{t('board.overdue', lang, n=late)}"  # the date, then how late
        cells = (
            str(number),
            action.text,
            action.owner or "",
            due,
            action_ref(action, today),
            status,
            (recorded.comment or "") if recorded else "",
        )
        cell_styles = tuple(OVERDUE_STYLE if late and i == DUE else "" for i in range(7))
        rows.append(BoardRow(cells, style, cell_styles=cell_styles))
    return rows


def _last_changed(state: SessionState) -> int | None:
    """The row of the carried action whose status was given last (the board shows it)."""
    marks = [
        (mark.at, n) for n, a in enumerate(state.carried) if (mark := state.followup.get(a.ref))
    ]
    return max(marks)[1] if marks else None


def _folded(row: BoardRow) -> BoardRow:
    """A follow-up row in four columns: reference and comment under the action, due under the owner."""
    n, text, who, due, ref, status, comment = row.cells
    return replace(
        row,
        cells=(
            n,
            "\n".join(part for part in (text, ref, comment and f"» {comment}") if part),
            "\n".join(part for part in (who, due) if part),
            status,
        ),
        cell_styles=("", "", row.cell_styles[DUE], ""),
    )


def _topic_notes(carried_topics: Sequence[CarriedTopic], lang: str, today: date) -> list[BoardRow]:
    """A line under the board for each topic left over from an earlier meeting."""
    notes = []
    for topic in carried_topics:
        day = short_date(topic.origin_date, today) or "?"
        note = t(f"shell.carried_{topic.kind}", lang, date=day, text=topic.text)
        notes.append(BoardRow((note,), "italic $text-muted", note=True))
    return notes


def followup_board(
    state: SessionState,
    lang: str,
    narrow: bool,
    today: date,
    carried_topics: Sequence[CarriedTopic] = (),
) -> BoardView:
    rows = _carried_cells(state, lang, today)
    cells: list[tuple[str, ...]] = [tuple(row.cells[i] for row in rows) for i in range(7)]
    owner = Column(t("board.owner", lang), natural(t("board.owner", lang), cells[2], 12))
    status_column = Column(t("board.status", lang), natural(t("board.status", lang), cells[5], 12))
    number = Column("#", natural("#", cells[0], 3), "right")
    if narrow:
        # No room for seven columns: the action wraps, its reference and comment under it;
        # the due date (and how overdue) goes under the owner. The reference stays: it is
        # what the minutes call the action.
        rows = [_folded(row) for row in rows]
        lines = [line for cell in (*cells[2], *cells[3]) for line in cell.split("\n")]
        owner = replace(owner, width=natural(owner.label, lines, 14), wrap=True)
        columns = [number, Column(t("board.action", lang), 0, wrap=True), owner, status_column]
    else:
        columns = [
            number,
            Column(t("board.action", lang), 0, wrap=True, grow=2),
            owner,
            Column(
                t("board.due", lang),
                natural(t("board.due", lang), [n for c in cells[3] for n in c.split("\n")], 14),
                wrap=True,
            ),
            Column(t("board.origin", lang), natural(t("board.origin", lang), cells[4], 12)),
            status_column,
            # Room for comments once there are some; until then the action takes it.
            Column(
                t("board.comment", lang),
                0 if any(cells[6]) else cell_len(t("board.comment", lang)),
                wrap=True,
            ),
        ]
    rows += _topic_notes(carried_topics, lang, today)
    return BoardView(
        t("board.followup", lang),
        columns,
        rows,
        t("board.none_carried", lang),
        not narrow,
        focus=_last_changed(state),
    )
