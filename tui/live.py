"""The live meeting screen, its help overlay, confirmations, end summary and command-palette actions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.events import Resize
from textual.fuzzy import Matcher
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from agendas.durations import format_clock, format_minutes
from agendas.model import SectionKind
from sessions import timing
from sessions.capture import ITEM_MARKS, Command, ItemKind, parse_capture, resolve_name
from sessions.events import ActionStatus, AttendanceStatus
from sessions.i18n import error_text, t, tn
from sessions.participation import facilitator_dominates, is_here, participation
from sessions.performance import performance
from sessions.session import PasteError, Session, SessionError
from sessions.state import Attendance, CarriedAction, Item, SessionState
from sessions.store import StoreError
from tui.dialogs import ConfirmScreen
from widgets.agenda_list import AgendaList, AgendaRow
from widgets.capture import CaptureBar
from widgets.cells import fit
from widgets.countdown import Countdown
from widgets.items import ItemList, ItemRow
from widgets.keybar import KeyBar
from widgets.performance import Board, BoardRow, Column, money, natural, percent
from widgets.roster import Roster, RosterRow
from widgets.text import literal

TICK_SECONDS = 0.25
NARROW_WIDTH = 130
FOLLOWUP_STYLES = {
    ActionStatus.DONE: "$success",
    ActionStatus.BLOCKED: "bold $error",
    ActionStatus.DOING: "$warning",
}
SPEAKER_KEYS = 9

# Footer and help descriptions: binding action -> catalog key.
ACTION_LABELS = {
    "help": "key.help",
    "focus_items": "key.items",
    "prev": "key.prev",
    "next": "key.next",
    "pause": "key.pause",
    "extend(1)": "key.extend1",
    "extend(5)": "key.extend5",
    "defer": "key.defer",
    "end": "key.end",
    "undo": "key.undo",
    "capture": "key.capture",
    "edit": "key.edit",
    "delete": "key.delete",
    "leave": "key.capture",
}

# When the key bar is short of room, these go first, in this order: help and end always stay
# (extending is also /extend, the items are also ↑, undo is also /undo).
KEYBAR_DROP_FIRST: tuple[str | tuple[str, ...], ...] = (
    ("extend(1)", "extend(5)"),
    "focus_items",
    "leave",
    "undo",
    "prev",
    "defer",
    "pause",
    "next",
)

# The keys shown in the help overlay, in the order a facilitator needs them.
HELP_KEYS = (
    ("F1", "key.help"),
    ("F2 / ↑", "key.items"),
    ("F3", "key.prev"),
    ("F4  ctrl+n", "key.next"),
    ("F5  ctrl+space", "key.pause"),
    ("F6", "key.extend1"),
    ("F7", "key.extend5"),
    ("F8", "key.defer"),
    ("F9", "key.end"),
    ("ctrl+z", "key.undo"),
    ("shift+F1 … F9", "key.speaker"),
    ("Tab  1 … 9", "help.keys.roster"),
    ("F10", "key.nobody"),
    ("e / d", "help.keys.items_actions"),
    ("Esc", "key.capture"),
    ("ctrl+p", "key.palette"),
)

HELP_COMMANDS = (
    "help.cmd.note",
    "help.cmd.decision",
    "help.cmd.action",
    "help.cmd.question",
    "help.cmd.idea",
    "help.cmd.parking",
    "help.cmd.kudos",
    "help.cmd.undo",
    "help.cmd.next",
    "help.cmd.pause",
    "help.cmd.extend",
    "help.cmd.defer",
    "help.cmd.speaker",
    "help.cmd.attendance",
    "help.cmd.target",
    "help.cmd.status",
    "help.cmd.end",
)

_CAPTURE_PREFIX = {
    ItemKind.DECISION: "/d ",
    ItemKind.ACTION: "/a ",
    ItemKind.QUESTION: "/q ",
    ItemKind.IDEA: "/i ",
    ItemKind.PARKING: "/p ",
    ItemKind.KUDOS: "/k ",
}


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Give this node's own bindings descriptions in `lang` (Textual's are per class, in code)."""
    table = node._bindings.key_to_bindings
    for key, bindings in list(table.items()):
        table[key] = [
            replace(b, description=t(ACTION_LABELS[b.action], lang))
            if b.action in ACTION_LABELS
            else b
            for b in bindings
        ]


@dataclass(frozen=True)
class Before:
    """What a command may change, taken just before it runs, so the confirmation can say what it did."""

    current: int | None
    extended: int
    paused: bool
    people: tuple[str, ...]
    attendance: dict[str, Attendance]

    @classmethod
    def of(cls, state: SessionState) -> Before:
        current = state.current
        return cls(
            current=current,
            extended=state.sections[current].extended if current is not None else 0,
            paused=state.paused,
            people=tuple(state.people),
            attendance={name: replace(a) for name, a in state.attendance.items()},
        )


def short_date(value: Any) -> str:
    """`MM-DD` for an ISO date (the year is this one's, or obvious); anything else as it is."""
    text = str(value or "")
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return text[5:]
    return text


def action_ref(action: CarriedAction) -> str:
    """`#9 · 11-27`: the carried action's item number in the meeting it came from, and that date.

    The item number is what identifies it in the minutes and in `minutely actions done`; the
    board's own 1..n is only what `/status N` takes.
    """
    ref = action.ref
    item = ref.rpartition("#")[2] if "#" in ref else ""
    date = short_date(action.origin_date or action.origin)
    return " · ".join(part for part in (f"#{item}" if item else "", date) if part)


def capture_line(item: Item) -> str:
    """The item written back in the capture syntax, so that editing it is re-typing it."""

    def at(name: str) -> str:
        # `@` takes one word; the first word of a name is a prefix that still finds the person.
        return "@" + name.split()[0]

    if item.kind is ItemKind.NOTE:
        return "/" + item.text if item.text.lstrip().startswith(("/", "／")) else item.text
    line = _CAPTURE_PREFIX[item.kind]
    if item.kind is ItemKind.KUDOS and item.owner:
        return f"{line}{at(item.owner)} {item.text}"
    line += item.text
    if item.kind is ItemKind.ACTION:
        if item.owner:
            line += " " + at(item.owner)
        if item.due:
            line += f" due:{item.due.isoformat()}"
        if item.criteria:
            line += f" | {item.criteria}"
    return line


class HelpScreen(ModalScreen[None]):
    """Every key and every capture command, in the meeting's language."""

    BINDINGS = [Binding("escape,f1,q", "close", show=False)]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(id="help-box") as box:
            box.border_title = t("help.title", lang)
            box.border_subtitle = t("help.close", lang)
            yield Static(t("help.keys", lang), classes="help-heading")
            yield Static(self._table((keys, t(label, lang)) for keys, label in HELP_KEYS))
            yield Static(t("help.commands", lang), classes="help-heading")
            rows = [self._split(t(key, lang)) for key in HELP_COMMANDS]
            yield Static(self._table(rows, first=max(cell_len(syntax) for syntax, _ in rows)))
            yield Static(t("help.dates", lang), classes="help-note", markup=False)

    @staticmethod
    def _split(entry: str) -> tuple[str, str]:
        syntax, _, meaning = entry.rpartition("|")
        return syntax, meaning

    @staticmethod
    def _table(rows: Iterable[tuple[str, str]], first: int = 18) -> Content:
        return Content("\n").join(
            Content.assemble((fit(left, first), "bold $accent"), " ", right) for left, right in rows
        )

    def action_close(self) -> None:
        self.dismiss(None)


class EndSummaryScreen(Screen[None]):
    """Time used against planned per section, what was captured, where the minutes are."""

    BINDINGS = [Binding("q,enter,escape", "quit", "Quit")]

    def __init__(self, session: Session, lang: str, minutes: Path | None, error: str | None):
        super().__init__()
        self.session = session
        self.lang = lang
        self.minutes = minutes
        self.error = error
        from tui.app import MinutelyApp

        # Started from the home screen, the summary goes back there; else it ends the app.
        app = self.app
        self.goes_home = isinstance(app, MinutelyApp) and app.home_screen is not None
        localize_bindings(self, lang)
        label = t("end.home" if self.goes_home else "end.quit", lang)
        for bindings in self._bindings.key_to_bindings.values():
            bindings[:] = [replace(b, description=label) for b in bindings]

    def compose(self) -> ComposeResult:
        lang = self.lang
        state = self.session.state
        now = self.session.now()
        with VerticalScroll(id="end-box") as box:
            box.border_title = literal(t("end.title", lang, title=state.agenda.meeting.title))
            board = Board(id="end-sections")
            yield board
            board.show(*self._sections(state, now))
            yield Static(self._times(state, now), id="end-times")
            counts = {
                kind: len([i for i in state.active_items() if i.kind is kind]) for kind in ItemKind
            }
            words = (("n.notes", ItemKind.NOTE), ("n.decisions", ItemKind.DECISION))
            words += (("n.actions", ItemKind.ACTION),)
            yield Static(
                " · ".join(tn(key, lang, counts[kind]) for key, kind in words),
                id="end-counts",
                markup=False,
            )
            if self.minutes is not None:
                yield Static(
                    t("end.minutes", lang, path=self.minutes), id="end-minutes", markup=False
                )
            else:
                yield Static(
                    t("end.minutes_failed", lang, message=self.error, id=self.session.id),
                    id="end-minutes",
                    classes="-error",
                    markup=False,
                )
            yield Static(t("end.hint_home" if self.goes_home else "end.hint", lang), id="end-hint")
        yield KeyBar(palette_label=t("key.palette", lang))

    def _times(self, state: Any, now: float) -> Content:
        """Each length of time with its meaning, as the minutes define them.

        Planned is the agenda's total, extensions apart; the whole meeting is end minus start,
        pauses included; time in sections is what the sections used together.
        """
        from sessions.minutes.model import duration_text

        lang = self.lang
        extended = sum(run.extended for run in state.sections)
        planned = duration_text(state.agenda.planned_seconds, lang)
        in_sections = sum(timing.used(state, i, now) for i in state.order)
        whole = duration_text(timing.elapsed(state, now), lang)
        if state.started_at is not None and state.ended_at is not None:
            span = t(
                "end.span",
                lang,
                duration=whole,
                start=self.hhmm(state.started_at),
                end=self.hhmm(state.ended_at),
            )
        else:
            span = whole
        rows = [(t("end.planned_total", lang), planned)]
        if extended:
            rows.append((t("end.extended", lang), "+" + duration_text(extended, lang)))
        rows.append((t("end.in_sections", lang), duration_text(in_sections, lang)))
        rows.append((t("end.duration", lang), span))
        if round(state.paused_total) > 0:
            rows.append((t("end.paused", lang), duration_text(state.paused_total, lang)))
        width = max(cell_len(label) for label, _ in rows)
        return Content("\n").join(
            Content.assemble((fit(label, width), "$text-muted"), "  ", (value, "bold"))
            for label, value in rows
        )

    def hhmm(self, at: float) -> str:
        return str(self.session.local(at).strftime("%H:%M"))

    def _sections(self, state: Any, now: float) -> tuple[list[Column], list[BoardRow]]:
        lang = self.lang
        columns = [
            Column(t("end.section", lang), 0),
            Column(t("end.planned", lang), 10, "right"),
            Column(t("end.used", lang), 8, "right"),
            Column(t("end.diff", lang), 12, "right"),
        ]

        def planned_text(agenda: float, extended: float) -> str:
            # The agenda's time, and what /extend added apart, as the minutes show them.
            text = format_minutes(agenda)
            return f"{text}+{format_minutes(extended)}" if extended else text

        rows = []
        planned_total = used_total = extended_total = 0.0
        for row in timing.agenda_timings(state, now):
            extended = state.sections[row.index].extended
            planned_total += row.planned
            used_total += round(row.used)
            extended_total += extended
            planned = planned_text(row.planned - extended, extended)
            if not row.reached:
                cells = (row.title, planned, "", t("end.not_reached", lang))
                rows.append(BoardRow(cells, "$text-muted"))
                continue
            diff = round(row.used) - row.planned
            sign = "+" if diff >= 0 else "-"
            cells = (
                row.title,
                planned,
                format_clock(round(row.used)),
                sign + format_clock(abs(diff)),
            )
            rows.append(BoardRow(cells, "$error" if diff > 0 else ""))
        diff = used_total - planned_total
        rows.append(
            BoardRow(
                (
                    t("end.total", lang),
                    planned_text(planned_total - extended_total, extended_total),
                    format_clock(used_total),
                    ("+" if diff >= 0 else "-") + format_clock(abs(diff)),
                ),
                "bold",
            )
        )
        return columns, rows

    def action_quit(self) -> None:
        from tui.app import MinutelyApp

        if isinstance(self.app, MinutelyApp):
            self.app.leave_meeting()
        else:
            self.app.exit()


class LiveCommands(Provider):
    """Every live action for the command palette (ctrl+p)."""

    def _commands(self) -> list[tuple[str, Callable[[], Any]]]:
        screen = self.screen
        if not isinstance(screen, LiveScreen):
            return []
        lang = screen.lang
        commands: list[tuple[str, Callable[[], Any]]] = [
            (t("key.next", lang), screen.action_next),
            (t("key.prev", lang), screen.action_prev),
            (t("key.pause", lang), screen.action_pause),
            (t("key.extend1", lang), partial(screen.action_extend, 1)),
            (t("key.extend5", lang), partial(screen.action_extend, 5)),
            (t("key.defer", lang), screen.action_defer),
            (t("key.undo", lang), screen.action_undo),
            (t("key.end", lang), screen.action_end),
            (t("key.help", lang), screen.action_help),
            (t("key.items", lang), screen.action_focus_items),
            (t("palette.nobody", lang), partial(screen.action_speaker, 0)),
        ]
        state = screen.session.state
        for number, name in enumerate(state.people, start=1):
            if not is_here(state.attendance[name]):
                continue
            label = t("palette.speaker", lang, n=number, name=name)
            commands.append((label, partial(screen.action_speaker, number)))
        return commands

    async def discover(self) -> Hits:
        for label, command in self._commands():
            yield DiscoveryHit(literal(label), command, text=label)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, command in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, self._highlight(matcher, label), command, text=label)

    @staticmethod
    def _highlight(matcher: Matcher, label: str) -> Content:
        # Matcher.highlight would read a participant's name as markup.
        shown = literal(label)
        _score, offsets = matcher.fuzzy_search.match(matcher.query, shown.plain)
        for offset in offsets:
            if not shown.plain[offset].isspace():
                shown = shown.stylize(matcher.match_style, offset, offset + 1)
        return shown


class LiveScreen(Screen[None]):
    """The screen the facilitator lives in: every value is recomputed from the session on each tick."""

    COMMANDS = {LiveCommands}

    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("f2", "focus_items", "Items"),
        Binding("up", "focus_items", "Items", show=False),
        Binding("f3", "prev", "Previous section"),
        Binding("f4,ctrl+n", "next", "Next section"),
        Binding("f5,ctrl+@", "pause", "Pause/resume"),
        Binding("f6", "extend(1)", "+1 min"),
        Binding("f7", "extend(5)", "+5 min"),
        Binding("f8", "defer", "Defer section"),
        Binding("f9", "end", "End meeting"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("escape", "capture", "Back to capture", show=False),
        # Textual reads alt+digit as macOS option characters (alt+3 is "£"), so the speaker
        # keys are shift+F1..F9, which arrive intact through tmux and common terminals.
        *(
            Binding(f"shift+f{n}", f"speaker({n})", f"Speaker {n}", show=False)
            for n in range(1, SPEAKER_KEYS + 1)
        ),
        Binding("f10,shift+f10", "speaker(0)", "Nobody speaking", show=False),
    ]

    def __init__(self, session: Session, lang: str) -> None:
        super().__init__(classes="live")
        self.session = session
        self.lang = lang
        self.editing: int | None = None
        self._draft = ""
        self._timer: Timer | None = None
        self._finished = False
        localize_bindings(self, lang)

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Horizontal(id="top-bar"):
            yield Static(literal(self.session.agenda.meeting.title), id="meeting-title")
            yield Static(id="meeting-clock", markup=False)
            yield Static(id="paused-badge", markup=False)
        yield Static(id="alerts", markup=False)
        with Horizontal(id="live-body"):
            with VerticalScroll(id="agenda-pane", can_focus=False) as agenda_pane:
                agenda_pane.border_title = t("live.agenda", lang)
                yield AgendaList(id="agenda")
            with Vertical(id="centre"):
                yield Countdown(id="countdown")
                yield Board(id="board")
                items = ItemList(id="items")
                items.border_title = t("live.items", lang)
                yield items
                yield Static(t("live.items_empty", lang), id="items-empty", markup=False)
                yield Static(id="status-line", markup=False)
                capture = CaptureBar(
                    placeholder=t("live.capture_placeholder", lang),
                    id="capture",
                    select_on_focus=False,
                )
                capture.border_title = t("live.capture", lang)
                yield capture
            with VerticalScroll(id="roster-pane", can_focus=False):
                yield Roster(id="roster")
        yield KeyBar(palette_label=t("key.palette", lang), drop_first=KEYBAR_DROP_FIRST)

    def on_mount(self) -> None:
        localize_bindings(self.query_one(ItemList), self.lang)
        self._timer = self.set_interval(TICK_SECONDS, self._tick)
        self.refresh_view()
        self.query_one("#capture", Input).focus()

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        self.refresh_view()

    def _tick(self) -> None:
        self.refresh_view()

    # -- what is shown -----------------------------------------------------------------------

    def hhmm(self, t_: float) -> str:
        return str(self.session.local(t_).strftime("%H:%M"))

    def length(self, seconds: float) -> str:
        """`21 s` under a minute, `3 min` from one: a short outage is not a minute long."""
        if seconds < 59.5:
            return t("live.seconds", self.lang, n=max(1, round(seconds)))
        return t("live.minutes", self.lang, n=round(seconds / 60))

    def refresh_view(self) -> None:
        """Recompute every displayed value from the session state and the session clock."""
        session = self.session
        state = session.state
        now = session.now()
        lang = self.lang
        self._show_top(state, now)
        self._show_countdown(state, now)
        self.query_one(AgendaList).show(self._agenda_rows(state, now))
        self._show_items(state)
        self._show_board(state)
        rows = self._roster_rows(state, now)
        here = len([a for a in state.attendance.values() if is_here(a)])
        self.query_one("#roster-pane").border_title = t(
            "live.roster", lang, here=here, total=len(rows)
        )
        warning = t("live.dominates", lang) if facilitator_dominates(state, now) else None
        self.query_one(Roster).show(
            rows,
            silent_label=t("live.silent", lang),
            not_here_label=t("live.not_here", lang),
            warning=warning,
        )

    def _show_top(self, state: Any, now: float) -> None:
        lang = self.lang
        planned_end = timing.planned_end(state)
        projected = timing.projected_end(state, now)
        parts = [t("live.elapsed", lang, time=format_clock(timing.elapsed(state, now)))]
        if planned_end is not None:
            parts.append(t("live.planned_end", lang, time=self.hhmm(planned_end)))
        if projected is not None:
            parts.append(t("live.projected_end", lang, time=self.hhmm(projected)))
        clock_line = self.query_one("#meeting-clock", Static)
        clock_line.update("  ·  ".join(parts))
        late = projected is not None and planned_end is not None and projected > planned_end + 59
        clock_line.set_class(late, "-late")
        badge = self.query_one("#paused-badge", Static)
        badge.update(t("live.paused", lang) if state.paused else "")
        badge.display = state.paused
        alerts = []
        if state.paused and state.paused_at is not None:
            alerts.append(
                t("live.paused_since", lang, time=self.hhmm(state.paused_at), shortcut="F5")
            )
        if timing.break_due(state, now):
            minutes = int(timing.sitting(state, now) // 60)
            alerts.append(t("live.break_due", lang, minutes=minutes))
        if state.downtimes:
            down = state.downtimes[-1]
            alerts.append(
                t(
                    "live.downtime",
                    lang,
                    duration=self.length(down.seconds),
                    time=self.hhmm(down.since),
                )
            )
        if state.ended:
            alerts.append(t("live.ended", lang))
        alert_line = self.query_one("#alerts", Static)
        alert_line.update("   ".join(alerts))
        alert_line.display = bool(alerts)
        alert_line.set_class(timing.break_due(state, now) or state.paused, "-urgent")

    def _show_countdown(self, state: Any, now: float) -> None:
        lang = self.lang
        countdown = self.query_one(Countdown)
        current = state.current
        if current is None:
            countdown.show(
                title=t("live.no_section", lang),
                info="",
                remaining=None,
                phase="ok",
                paused=state.paused,
            )
            return
        section = state.agenda.sections[current]
        # The agenda's own number, as in the agenda pane and the notice: a deferred section keeps it.
        number = t("live.section_of", lang, n=current + 1, total=len(state.agenda.sections))
        title = f"{number}  {section.title}"
        if section.kind is not SectionKind.DISCUSSION:
            title += f"  ({t('section.' + section.kind.value, lang)})"
        info = []
        if section.presenter:
            info.append(t("live.presenter", lang, name=section.presenter))
        info.append(t("live.planned", lang, time=format_minutes(section.duration)))
        extended = state.sections[current].extended
        if extended:
            info.append(t("live.extended", lang, minutes=extended // 60))
        following = state.next_section
        if following is None:
            info.append(t("live.last_section", lang))
        else:
            info.append(t("live.next", lang, title=state.agenda.sections[following].title))
        phase = timing.phase(state, now)
        countdown.show(
            title=title,
            info="  ·  ".join(info),
            remaining=timing.remaining(state, now),
            phase=phase,
            paused=state.paused,
        )

    def _agenda_rows(self, state: Any, now: float) -> list[AgendaRow]:
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
                )
            )
        return rows

    def _item_row(self, item: Item) -> ItemRow:
        lang = self.lang
        action = item.kind is ItemKind.ACTION
        person = self.session.state.attendance.get(item.owner) if item.owner else None
        absent = action and person is not None and person.status == AttendanceStatus.ABSENT
        return ItemRow(
            id=item.id,
            time=self.hhmm(item.at),
            mark=ITEM_MARKS[item.kind],
            kind=item.kind.value,
            text=item.text,
            owner=item.owner,
            owner_known=item.owner_known,
            due=t("live.due", lang, date=item.due.strftime("%m-%d")) if item.due else None,
            criteria=item.criteria,
            unknown_owner=t("live.unknown_owner", lang),
            absent_owner=t("live.absent_owner", lang) if absent else None,
            no_owner=t("live.no_owner", lang) if action and not item.owner else None,
            no_due=t("live.no_due", lang) if action and not item.due else None,
        )

    def _show_items(self, state: Any) -> None:
        items = [] if state.current is None else state.active_items(state.current)
        self.query_one(ItemList).show([self._item_row(item) for item in items])
        self.query_one("#items-empty").display = not items

    def _roster_rows(self, state: Any, now: float) -> list[RosterRow]:
        lang = self.lang
        rows = []
        for number, p in enumerate(participation(state, now), start=1):
            # Short words, so that the time fits beside them (`late 09:07`, `left 10:30`).
            status = t(f"roster.{p.status}", lang)
            person = state.attendance[p.name]
            if p.status == AttendanceStatus.LATE and person.arrived is not None:
                status += " " + self.hhmm(person.arrived)
            elif p.status == AttendanceStatus.LEFT and person.left is not None:
                status += " " + self.hhmm(person.left)
            here = is_here(person)
            rows.append(
                RosterRow(
                    number=number,
                    name=p.name,
                    status=status,
                    talk=p.talk_time,
                    share=p.share,
                    turns=p.turns,
                    speaking=p.speaking,
                    silent=p.silent and here,
                    away=p.status in (AttendanceStatus.ABSENT, AttendanceStatus.LEFT),
                    facilitator=p.facilitator,
                    # `late 00:00` read as "arrived at midnight": no talk time for someone not in.
                    not_here=not here and p.status != AttendanceStatus.LEFT and not p.turns,
                )
            )
        return rows

    def _show_board(self, state: Any) -> None:
        board = self.query_one(Board)
        kind = None if state.current is None else state.agenda.sections[state.current].kind
        builders = {
            SectionKind.PERFORMANCE: self._performance_board,
            SectionKind.TARGETS: self._targets_board,
            SectionKind.FOLLOWUP: self._followup_board,
        }
        build = builders.get(kind) if kind is not None else None
        board.display = build is not None
        if build is None:
            return
        title, columns, rows, empty = build(state)
        board.border_title = title
        board.show(columns, rows, empty=empty)

    def _reps(self, state: Any) -> list[Any]:
        agenda = state.agenda
        reps = [p for p in agenda.participants if p.target is not None or p.actual is not None]
        return reps

    def _performance_board(self, state: Any) -> tuple[str, list[Column], list[BoardRow], str]:
        lang = self.lang
        figures = performance(state.agenda.participants)
        money_width = 9 if self.narrow else 12
        columns = [
            Column(t("board.rep", lang), 0),
            Column(t("board.target", lang), money_width, "right"),
            Column(t("board.actual", lang), money_width, "right"),
            Column(t("board.completion", lang), 5 if self.narrow else 7, "right"),
            Column(t("board.rank", lang), 3 if self.narrow else 5, "right"),
        ]
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
            )
            rows.append(BoardRow(cells, style))
        if len(figures.reps) > 1:
            total = (money(figures.target), money(figures.actual), percent(figures.completion))
            rows.append(BoardRow((t("board.total", lang), *total, ""), "bold"))
        return t("board.performance", lang), columns, rows, t("board.no_reps", lang)

    def _targets_board(self, state: Any) -> tuple[str, list[Column], list[BoardRow], str]:
        lang = self.lang
        names = [p.name for p in self._reps(state)]
        names += [name for name in state.targets if name not in names]
        if not names:
            names = [name for name in state.people if name != state.agenda.facilitator]
        money_width = 9 if self.narrow else 12
        columns = [
            Column(t("board.rep", lang), 0),
            Column(t("board.target", lang), money_width, "right"),
            Column(t("board.actual", lang), money_width, "right"),
            Column(t("board.next_target", lang), money_width + 2, "right"),
        ]
        rows = []
        for name in names:
            p = state.agenda.participant(name)
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
            people = [state.agenda.participant(name) for name in names]
            targets = [p.target for p in people if p is not None and p.target is not None]
            actuals = [p.actual for p in people if p is not None and p.actual is not None]
            new = [state.targets[name] for name in names if name in state.targets]
            rows.append(
                BoardRow(
                    (
                        t("board.total", lang),
                        money(sum(targets)) if targets else "",
                        money(sum(actuals)) if actuals else "",
                        money(sum(new)) if new else "",
                    ),
                    "bold",
                )
            )
        return t("board.targets", lang), columns, rows, t("board.no_reps", lang)

    def _followup_board(self, state: Any) -> tuple[str, list[Column], list[BoardRow], str]:
        lang = self.lang
        rows = []
        for number, action in enumerate(state.carried, start=1):
            recorded = state.followup.get(action.ref)
            status = t(f"status.{recorded.status}", lang) if recorded else t("board.not_set", lang)
            style = FOLLOWUP_STYLES[recorded.status] if recorded else "$text-muted"
            cells = (
                str(number),
                action.text,
                action.owner or "",
                short_date(action.due),
                action_ref(action),
                status,
                (recorded.comment or "") if recorded else "",
            )
            rows.append(BoardRow(cells, style))
        cells: list[tuple[str, ...]] = [tuple(row.cells[i] for row in rows) for i in range(7)]
        owner = Column(t("board.owner", lang), natural(t("board.owner", lang), cells[2], 12))
        status_column = Column(
            t("board.status", lang), natural(t("board.status", lang), cells[5], 12)
        )
        number = Column("#", natural("#", cells[0], 3), "right")
        if self.narrow:
            # No room for seven columns: the action wraps, its reference and comment under it;
            # the due date goes. The reference stays: it is what the minutes call the action.
            rows = [
                replace(
                    row,
                    cells=(
                        n,
                        "\n".join(part for part in (text, ref, comment and f"» {comment}") if part),
                        who,
                        status,
                    ),
                )
                for row in rows
                for n, text, who, _due, ref, status, comment in [row.cells]
            ]
            columns = [number, Column(t("board.action", lang), 0, wrap=True), owner, status_column]
        else:
            columns = [
                number,
                Column(t("board.action", lang), 0, wrap=True, grow=2),
                owner,
                Column(t("board.due", lang), natural(t("board.due", lang), cells[3], 10)),
                Column(t("board.origin", lang), natural(t("board.origin", lang), cells[4], 12)),
                status_column,
                # Room for comments once there are some; until then the action takes it.
                Column(
                    t("board.comment", lang),
                    0 if any(cells[6]) else cell_len(t("board.comment", lang)),
                    wrap=True,
                ),
            ]
        for topic in self.session.meta.get("carried_topics") or ():
            kind = "section" if topic.get("kind") == "section" else "parking"
            date = short_date(topic.get("origin_date")) or "?"
            note = t(f"shell.carried_{kind}", lang, date=date, text=topic.get("text") or "")
            rows.append(BoardRow((note,), "italic $text-muted", note=True))
        self.query_one(Board).wrap_notes = not self.narrow
        return t("board.followup", lang), columns, rows, t("board.none_carried", lang)

    # -- doing things ------------------------------------------------------------------------

    def _status(self, message: str, error: bool = False) -> None:
        line = self.query_one("#status-line", Static)
        line.update(literal(message))
        line.set_class(error, "-error")

    def _refused(self, exc: SessionError | StoreError) -> None:
        """Say in the meeting's language why nothing was done, in the status line."""
        message = t("live.error", self.lang, message=error_text(exc, self.lang))
        self._status(message, error=True)
        if isinstance(exc, StoreError):  # the disk: worth a toast even over the roster
            self.notify(message, severity="error", timeout=4, markup=False)
        else:
            # Not a toast: each Enter on a refused line would stack one more over the roster.
            self.app.bell()

    def _run(self, command: Callable[[], Any]) -> Any:
        """Run a session command; a refusal or a disk error becomes the status line, never a crash."""
        try:
            result = command()
        except (SessionError, StoreError) as exc:
            self._refused(exc)
            return None
        self._status("")
        self.refresh_view()
        if self.session.state.ended:
            self._finish()
        return result

    @on(CaptureBar.Submitted, "#capture")
    def capture_submitted(self, event: CaptureBar.Submitted) -> None:
        event.stop()
        capture = event.capture_bar
        line = event.line  # the bar is already empty: anything in it now was typed since
        if self.editing is not None:
            item_id = self.editing
            if self._run(partial(self.session.edit_line, item_id, line)) is not None:
                self._stop_editing(saved=True)
                self._status(t("live.edited", self.lang, n=item_id))
            else:
                capture.give_back(line)
            return
        if not line.strip():
            return
        before = Before.of(self.session.state)
        try:
            outcome = self.session.submit(line)
        except (SessionError, StoreError) as exc:
            self._refused(exc)
            # The refused line comes back, selected: typing replaces it, an arrow key or End edits it.
            capture.give_back(line)
            return
        self._status(self._confirmation(outcome, line, before))
        self.refresh_view()
        if self.session.state.ended:
            self._finish()

    @on(CaptureBar.Pasted, "#capture")
    def capture_pasted(self, event: CaptureBar.Pasted) -> None:
        """Each pasted line captured as if typed; the status line says what the paste made."""
        event.stop()
        lang = self.lang
        if self.editing is not None:  # an item is one line: the paste would not be what is edited
            self._status(t("live.paste_while_editing", lang, lines=len(event.lines)), error=True)
            self.app.bell()
            return
        try:
            outcomes = self.session.submit_lines(event.lines)
        except PasteError as exc:
            self._refused(exc.cause)
            message = error_text(exc.cause, lang)
            key = "live.paste_stopped" if exc.done else "live.paste_refused"
            self._status(
                t(key, lang, line=exc.number, done=exc.done, lines=exc.total, message=message),
                error=True,
            )
            self.refresh_view()
            if self.session.state.ended:
                self._finish()
            return
        items = sum(1 for outcome in outcomes if outcome is not None and outcome.action == "item")
        self._status(tn("n.pasted", lang, items, lines=len(event.lines)))
        self.refresh_view()
        if self.session.state.ended:
            self._finish()

    def _confirmation(self, outcome: Any, line: str, before: Before) -> str:
        lang = self.lang
        if outcome is None:
            return ""
        if outcome.action == "item" and outcome.item is not None:
            kind = t(f"kind.{outcome.item.kind.value}", lang)
            return t("live.saved", lang, kind=kind, time=self.hhmm(outcome.item.at))
        if outcome.action == "undo" and outcome.item is not None:
            return t("live.undone", lang, text=outcome.item.text)
        try:  # the line was just accepted; read again, it says which person, number, status
            command = parse_capture(line, list(before.people), self.session.today())
        except ValueError:
            command = None
        return self._said(outcome.action, before, command if isinstance(command, Command) else None)

    def _said(self, name: str, before: Before, command: Command | None = None) -> str:
        """What a steering command did, in the facilitator's words (never just "done")."""
        lang = self.lang
        state = self.session.state
        sections = state.agenda.sections
        if name in ("next", "prev") and state.current is not None:
            index = state.current
            return t("live.section_now", lang, n=index + 1, title=sections[index].title)
        if name == "pause" and state.paused_at is not None:
            return t("live.paused_now", lang, time=self.hhmm(state.paused_at))
        if name == "resume":
            return t("live.resumed", lang)
        if name == "extend" and before.current is not None:
            index = before.current
            added = (state.sections[index].extended - before.extended) // 60
            return t(
                "live.extended_now",
                lang,
                minutes=added,
                title=sections[index].title,
                planned=format_minutes(timing.planned(state, index)),
            )
        if name == "defer" and before.current is not None:
            index = before.current
            return t("live.deferred_now", lang, n=index + 1, title=sections[index].title)
        if name == "speaker":
            if state.speaker is None:
                return t("live.speaker_none", lang)
            return t("live.speaker_now", lang, name=state.speaker)
        if name in ("here", "late", "left", "absent") and command is not None:
            return self._said_attendance(name, before, command)
        if name == "target" and command is not None:
            who = self._who(command)
            amount = state.targets.get(who)
            return t("live.target_set", lang, name=who, amount=money(amount))
        if name == "status" and command is not None:
            status = t(f"status.{command.status}", lang)
            return t("live.status_set", lang, n=command.number, status=status)
        if name == "end":
            return ""
        return t("live.done_command", lang, name=name)

    def _who(self, command: Command) -> str:
        typed = (command.who or "").strip()
        try:
            return resolve_name(typed, self.session.state.people)
        except ValueError:
            return typed

    def _said_attendance(self, name: str, before: Before, command: Command) -> str:
        lang = self.lang
        who = self._who(command)
        person = self.session.state.attendance.get(who)
        was = before.attendance.get(who)
        if person is None:
            return t("live.done_command", lang, name=name)
        # /here for someone in the room, or /late for someone who came in late: nothing new.
        if (
            was is not None
            and is_here(was)
            and (name == "here" or (name, was.status) == ("late", AttendanceStatus.LATE))
        ):
            return t("live.already_here", lang, name=who)
        if name == "here" and person.arrived is not None:
            return t("live.arrived", lang, name=who, time=self.hhmm(person.arrived))
        if name == "late" and person.arrived is not None:
            return t("live.arrived_late", lang, name=who, time=self.hhmm(person.arrived))
        if name == "left" and person.left is not None:
            return t("live.left_now", lang, name=who, time=self.hhmm(person.left))
        return t("live.absent_now", lang, name=who)

    def _stop_editing(self, saved: bool = False) -> None:
        """Back to capturing: the half-typed draft returns, unless the bar got new text since Enter."""
        capture = self.query_one("#capture", Input)
        self.editing = None
        if not (saved and capture.value):
            capture.value = self._draft
        self._draft = ""
        capture.border_title = t("live.capture", self.lang)
        capture.remove_class("-editing")
        capture.focus()

    @on(ItemList.EditRequested)
    def edit_item(self, event: ItemList.EditRequested) -> None:
        item = self.session.state.item(event.item_id)
        if item is None or not item.active:
            return
        capture = self.query_one("#capture", Input)
        if self.editing is None:
            self._draft = capture.value  # whatever was half-typed comes back after the edit
        self.editing = item.id
        capture.value = capture_line(item)
        capture.border_title = t("live.editing", self.lang, n=item.id)
        capture.add_class("-editing")
        capture.focus()
        capture.cursor_position = len(capture.value)

    @on(ItemList.DeleteRequested)
    def delete_item(self, event: ItemList.DeleteRequested) -> None:
        item = self.session.state.item(event.item_id)
        if item is None or not item.active:
            return

        def answered(yes: bool | None) -> None:
            if yes and self._run(partial(self.session.delete, item.id)) is not None:
                self._status(t("live.deleted", self.lang, text=item.text))
            self.query_one(ItemList).focus()

        self.app.push_screen(
            ConfirmScreen(t("live.confirm_delete", self.lang), item.text, self.lang), answered
        )

    @on(Roster.SpeakerChosen)
    def speaker_chosen(self, event: Roster.SpeakerChosen) -> None:
        self.action_speaker(event.number)

    @on(Roster.Typed)
    def roster_typed(self, event: Roster.Typed) -> None:
        capture = self.query_one("#capture", Input)
        capture.focus()
        capture.insert_text_at_cursor(event.character)

    @on(ItemList.Left)
    def items_left(self, event: ItemList.Left) -> None:
        self.action_capture()

    def action_capture(self) -> None:
        if self.editing is not None:
            self._stop_editing()
        self.query_one("#capture", Input).focus()

    def action_focus_items(self) -> None:
        items = self.query_one(ItemList)
        if items.option_count:
            items.focus()
            if items.highlighted is None:
                items.highlighted = items.option_count - 1

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.lang))

    def _steer(self, name: str, command: Callable[[], Any]) -> None:
        """Run a key's command and say what it did, as a typed command would."""
        before = Before.of(self.session.state)
        try:
            command()
        except (SessionError, StoreError) as exc:
            self._refused(exc)
            return
        self.refresh_view()
        self._status(self._said(name, before))
        if self.session.state.ended:
            self._finish()

    def action_next(self) -> None:
        self._steer("next", self.session.next)

    def action_prev(self) -> None:
        self._steer("prev", self.session.prev)

    def action_pause(self) -> None:
        name = "resume" if self.session.state.paused else "pause"
        self._steer(name, self.session.toggle_pause)

    def action_extend(self, minutes: int) -> None:
        self._steer("extend", partial(self.session.extend, minutes))

    def action_defer(self) -> None:
        self._steer("defer", self.session.defer)

    def action_undo(self) -> None:
        item = self._run(self.session.undo)
        if item is not None:
            self._status(t("live.undone", self.lang, text=item.text))

    def action_speaker(self, number: int) -> None:
        if number == 0:
            self._steer("speaker", partial(self.session.set_speaker, None))
        else:
            self._steer("speaker", partial(self.session.speaker_number, number))

    def action_end(self) -> None:
        if self.session.state.ended:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(self.session.end)
            else:
                self.query_one("#capture", Input).focus()

        self.app.push_screen(
            ConfirmScreen(t("live.confirm_end", self.lang), "", self.lang), answered
        )

    def _finish(self) -> None:
        """The session has ended: write the minutes and show the summary."""
        if self._finished:
            return
        self._finished = True
        if self._timer is not None:
            self._timer.stop()
        path: Path | None = None
        error: str | None = None
        try:
            from sessions.minutes import write_minutes

            path = write_minutes(self.session.writer.datadir, self.session.id, self.lang)
        except Exception as exc:  # the session is safe on disk; only the document failed
            error = error_text(exc, self.lang) or exc.__class__.__name__
        self.app.push_screen(EndSummaryScreen(self.session, self.lang, path, error))
