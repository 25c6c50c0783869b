"""The rows the widgets display, as plain dataclasses: presenters build them without Textual."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len


@dataclass(frozen=True)
class AgendaRow:
    number: int  # position in the agenda as written, from 1
    title: str
    state: str  # done | current | next | pending | deferred
    planned: float
    used: float
    over: bool = False
    planned_text: str = ""  # the planned time as the meeting's language says it (`5 min`, `5 分钟`)


@dataclass(frozen=True)
class RosterRow:
    number: int
    name: str
    status: str  # localized attendance
    talk: float  # seconds
    share: float  # 0..1
    turns: int
    speaking: bool = False
    silent: bool = False
    away: bool = False  # absent or left: shown dimmed
    facilitator: bool = False
    not_here: bool = False  # not in the room and never was: no talk time, share or turns to show
    short_status: str = ""  # the attendance without its time, where the roster is short of room


@dataclass(frozen=True)
class ItemRow:
    id: int
    time: str  # HH:MM
    mark: str
    kind: str
    text: str
    owner: str | None = None
    owner_known: bool = True
    due: str | None = None  # already localized ("due 12-05")
    criteria: str | None = None
    unknown_owner: str = "not on the roster"
    absent_owner: str | None = None  # set (localized) when the owner was marked absent
    no_owner: str | None = None  # set (localized) on an action nobody owns
    no_due: str | None = None  # set (localized) on an action without a due date


@dataclass(frozen=True)
class Column:
    label: str
    width: int  # 0: takes a share of the room that is left
    align: str = "left"
    wrap: bool = False  # long cells go on over more lines instead of being cut
    grow: int = 1  # this column's share of the room left, against the other flexible ones


@dataclass(frozen=True)
class BoardRow:
    cells: tuple[str, ...]
    style: str = ""
    note: bool = False  # one line of text under the table, across all its columns
    cell_styles: tuple[str, ...] = ()  # per cell, over the row's style (an overdue date); "": none


def natural(label: str, cells: Iterable[str], cap: int) -> int:
    """A column as wide as its label and its widest cell, in terminal cells, at most `cap`."""
    return min(cap, max([cell_len(label), *(cell_len(cell) for cell in cells)]))


def percent(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.0f}%"


@dataclass(frozen=True)
class CountdownView:
    title: str
    info: str
    remaining: float | None  # seconds left; negative in overtime; None outside a section
    phase: str  # ok | warning | overtime
    paused: bool


@dataclass(frozen=True)
class RosterView:
    title: str  # who is here of how many, for the pane around the roster
    rows: list[RosterRow]
    silent_label: str
    not_here_label: str
    warning: str | None


@dataclass(frozen=True)
class BoardView:
    title: str
    columns: list[Column]
    rows: list[BoardRow]
    empty: str  # shown when there are no rows
    wrap_notes: bool = True  # notes go on over lines; else one line each, cut
    focus: int | None = None  # the row just changed: the board scrolls to show it
