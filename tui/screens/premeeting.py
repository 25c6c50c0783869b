"""The pre-meeting check: purpose, agenda with planned times, the checklist, a quick roll-call, then start."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from agendas.model import Agenda, Section, SectionKind
from sessions.brief import brief_lines, series_brief
from sessions.clock import Clock, clock_text
from sessions.datadir import DataDir
from sessions.events import AttendanceStatus
from sessions.followup import CarriedTopic
from sessions.i18n import error_text, role_text, t
from sessions.numbers import duration_text
from sessions.participation import is_here
from sessions.session import open_session_error
from sessions.start import read_series_history, start_session
from sessions.state import Attendance, CarriedAction
from tui.screens.shell import Shell, shell_of
from widgets.checklist import Checklist, RollCall
from widgets.text import literal, literal_text

FOLLOWUP_MINUTES = 10
# Under these sizes (terminal cells) the agenda and the roll-call take turns (g switches) and
# the agenda table keeps its time, title and minutes only.
COMPACT_WIDTH = 96
COMPACT_HEIGHT = 26
SLIM_AGENDA = 64
MARKS = {
    AttendanceStatus.EXPECTED: "·",
    AttendanceStatus.PRESENT: "✓",
    AttendanceStatus.LATE: "◷",
    AttendanceStatus.ABSENT: "✗",
}


class PreMeetingScreen(Screen[None]):
    """What the facilitator checks before the room starts: nothing here is saved until start."""

    CSS_PATH = "premeeting.tcss"  # read when the screen is first shown

    AUTO_FOCUS = "#roll-call"
    # All taken first, in the order typed: Enter (which starts the meeting) has to be, and a
    # key that waited to bubble up from the roll-call would come in after it, at the meeting's
    # screen (a mark `p` typed just before Enter landed in the first line typed after it).
    BINDINGS = [
        Binding("p", "mark('present')", show=False, priority=True),
        Binding("l", "mark('late')", show=False, priority=True),
        Binding("a", "mark('absent')", show=False, priority=True),
        Binding("e", "mark('expected')", show=False, priority=True),
        Binding("f", "add_followup", show=False, priority=True),
        Binding("g", "toggle_agenda", show=False, priority=True),
        Binding("enter,s", "start", show=False, priority=True),
        Binding("escape", "back", show=False, priority=True),
        Binding("f1", "help", show=False, priority=True),
    ]

    def __init__(self, agenda: Agenda, datadir: DataDir, clock: Clock, lang: str) -> None:
        super().__init__()
        self.agenda = agenda
        self.datadir = datadir
        self.clock = clock
        self.lang = lang
        self.marks: dict[str, AttendanceStatus] = dict.fromkeys(
            agenda.names, AttendanceStatus.EXPECTED
        )
        self.ticked: dict[int, bool] = dict.fromkeys(range(len(agenda.checklist)), False)
        self.carried: list[CarriedAction] = []
        self.brief: list[str] = []  # the opening brief's lines
        self.topics: list[CarriedTopic] = []
        self.previous: str | None = None
        self.starting = False

    @property
    def minutely(self) -> Shell:
        return shell_of(self)

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="premeeting"):
            yield Static(id="pre-title")
            yield Static(id="pre-meta")
            with Horizontal(id="pre-top"):
                with VerticalScroll(id="pre-agenda-pane", can_focus=False):
                    yield Static(id="pre-agenda")
                with Vertical(id="pre-people"):
                    yield Static(id="pre-rollcall-title", classes="pre-heading")
                    yield RollCall(id="roll-call")
            with Horizontal(id="pre-bottom"):
                with Vertical(id="pre-check"):
                    yield Static(t("shell.checklist", lang), classes="pre-heading")
                    yield Checklist(id="checklist")
                with Vertical(id="pre-side"):
                    yield Static(id="pre-brief")
                    yield Static(id="pre-followup")
                    yield Static(id="pre-rules")
            yield Static("", id="pre-warnings")
            yield Static("", id="pre-problems")
        yield Static(t("shell.pre_keys_roll", lang), id="pre-keys", classes="keys")

    def on_mount(self) -> None:
        try:
            history = read_series_history(self.datadir, self.agenda, self.clock)
            self.carried, self.previous, self.topics = history
            found = series_brief(self.datadir, self.agenda, self.carried)
            self.brief = brief_lines(found, self.lang)
        except Exception as exc:  # follow-up is a help, not a condition for the meeting
            self.show_problem(error_text(exc, self.lang))
        self.render_all()
        self.render_keys()  # the g key names the brief when there is one
        if self.agenda.meeting.starts is None:
            # The planned times are counted from now: keep them true while people arrive.
            self.set_interval(30, self.render_agenda)

    # -- rendering ---------------------------------------------------------------------------

    def render_all(self) -> None:
        lang = self.lang
        meeting = self.agenda.meeting
        self.query_one("#pre-title", Static).update(
            literal(f"{meeting.title}  ·  {t('shell.premeeting', lang)}", "bold")
        )
        who = [
            f"{t(key, lang)}: {value}"
            for key, value in (
                ("shell.location", meeting.location),
                ("shell.facilitator", self.agenda.facilitator),
                ("shell.scribe", meeting.scribe),
                ("shell.series", meeting.series),
            )
            if value
        ]
        lines = [f"{t('shell.purpose', lang)}: {meeting.purpose}"] if meeting.purpose else []
        lines.append("  ·  ".join(who))
        self.query_one("#pre-meta", Static).update(literal("\n".join(lines)))
        self.render_agenda()
        self.render_rollcall()
        self.render_checklist()
        self.render_side()
        self.render_warnings()

    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        self.set_class(width < COMPACT_WIDTH or height < COMPACT_HEIGHT, "-compact")
        self.render_keys()
        if self.is_mounted:
            self.call_after_refresh(self.render_agenda)  # the table's columns follow its width

    def action_toggle_agenda(self) -> None:
        """At compact sizes, the agenda (and carried items, rules) in place of the roll-call."""
        self.toggle_class("-show-agenda")
        self.render_agenda()
        if not self.has_class("-show-agenda"):  # back to the roll-call, ready for the next mark
            self.call_after_refresh(self.query_one("#roll-call", RollCall).focus)

    def render_keys(self) -> None:
        # The key line follows the focus (roll-call keys, or the checklist's) and the width.
        key = (
            "shell.pre_keys_check" if isinstance(self.focused, Checklist) else "shell.pre_keys_roll"
        )
        # Compact, g shows the agenda in place of the roll-call, and the opening brief with it.
        shows = t("shell.key_brief_agenda" if self.brief else "shell.key_agenda", self.lang)
        if self.has_class("-compact"):
            key += "_short"
        self.query_one("#pre-keys", Static).update(t(key, self.lang, shows=shows))

    def render_warnings(self) -> None:
        """What starting now risks: preparation left unticked, a sitting planned past
        `break_after` without a break."""
        lang, limit = self.lang, self.agenda.meeting.break_after or 0
        unticked = sum(1 for ticked in self.ticked.values() if not ticked)
        lines = [t("shell.unticked", lang, n=unticked)] if unticked else []
        if self.nobody_in:  # said before Enter: Enter always starts, so typing on is never lost
            lines.insert(0, t("shell.nobody_checked_in", lang))
        lines += [
            t(
                "shell.long_sitting",
                lang,
                first=first,
                last=last,
                total=duration_text(total, lang),
                limit=duration_text(limit, lang),
            )
            for first, last, total in self.agenda.long_sittings()
        ]
        block = self.query_one("#pre-warnings", Static)
        block.update(literal("\n".join(lines)))
        block.display = bool(lines)

    def start_time(self) -> datetime:
        return self.agenda.meeting.starts or self.clock.wall()

    def render_agenda(self) -> None:
        lang = self.lang
        table = Table(
            title=t("shell.agenda", lang),
            title_justify="left",
            title_style="bold",
            expand=True,
            box=None,
            padding=(0, 1),
        )
        # Narrow, the kind and presenter go: the title keeps the room (it wrapped a word a line).
        slim = 0 < self.query_one("#pre-agenda").content_size.width < SLIM_AGENDA
        table.add_column(t("shell.col_time", lang), no_wrap=True)
        table.add_column(t("shell.col_section", lang), ratio=1, min_width=12)
        table.add_column(t("shell.col_minutes", lang), justify="right", no_wrap=True)
        if not slim:
            table.add_column(t("shell.col_kind", lang), no_wrap=True)
            table.add_column(t("shell.col_presenter", lang), no_wrap=True)
        at = self.start_time()
        for section in self.agenda.sections:
            cells: list[str | Text] = [
                clock_text(at),
                literal_text(section.title),
                duration_text(section.duration, lang),
                t(f"section.{section.kind.value}", lang),
                literal_text(section.presenter),
            ]
            table.add_row(*cells[: 3 if slim else 5])
            at += timedelta(seconds=section.duration)
        total = duration_text(self.agenda.planned_seconds, lang)
        ends = Text(t("shell.planned_end", lang, end=clock_text(at), total=total), style="bold")
        self.query_one("#pre-agenda", Static).update(Group(table, Text(""), ends))

    def render_rollcall(self) -> None:
        lang = self.lang
        roll = self.query_one("#roll-call", RollCall)
        highlighted = roll.highlighted
        options = []
        for n, person in enumerate(self.agenda.participants, start=1):
            status = self.marks[person.name]
            style = _status_style(status)
            role = role_text(person.role, self.lang)
            line = Content.assemble(
                (f"{n:>2}", "dim"),
                " ",
                (MARKS[status], f"bold {style}"),
                " ",
                literal(person.name, "bold"),
                "  " if role else "",
                literal(role, "dim"),
                "  ",
                (t(f"att.{status}", lang), style),
            )
            options.append(Option(line, id=person.name))
        roll.clear_options()
        roll.add_options(options)
        if options:
            roll.highlighted = min(highlighted or 0, len(options) - 1)
        # Late at roll-call means expected late: not here until they arrive, in the meeting.
        here = sum(1 for s in self.marks.values() if is_here(Attendance(status=s)))
        self.query_one("#pre-rollcall-title", Static).update(
            Text(t("shell.rollcall", lang, here=here, total=len(self.marks)), style="bold")
        )

    def render_checklist(self) -> None:
        checklist = self.query_one("#checklist", Checklist)
        highlighted = checklist.highlighted
        options = [
            Option(literal(f"{'[x]' if self.ticked[i] else '[ ]'} {text}"), id=str(i))
            for i, text in enumerate(self.agenda.checklist)
        ]
        checklist.clear_options()
        if options:
            checklist.add_options(options)
            checklist.highlighted = min(highlighted or 0, len(options) - 1)
        else:
            checklist.add_option(Option(t("shell.checklist_empty", self.lang), disabled=True))

    def render_side(self) -> None:
        lang = self.lang
        brief = self.query_one("#pre-brief", Static)  # a series meeting's opening brief
        brief.display, brief.border_title = bool(self.brief), t("brief.title", lang)
        brief.update(literal("\n".join(self.brief)))
        followup = self.query_one("#pre-followup", Static)
        followup.display = bool(self.carried or self.topics)
        if followup.display:
            lines = []
            if self.carried:
                lines.append(t("shell.open_actions", lang, n=len(self.carried)))
                if not self.has_followup:
                    lines.append(t("shell.add_followup_hint", lang))
            for topic in self.topics:
                day = topic.origin_date or "?"
                lines.append(t(f"shell.carried_{topic.kind}", lang, date=day, text=topic.text))
            followup.update(literal("\n".join(lines)))
        rules = self.agenda.meeting.rules
        block = self.query_one("#pre-rules", Static)
        block.update(
            literal(t("shell.rules", lang) + "\n" + "\n".join(f"• {rule}" for rule in rules))
        )
        block.display = bool(rules)

    @property
    def nobody_in(self) -> bool:
        """Whether the roll-call has no one checked in yet (a roster of nobody has no one to check)."""
        return bool(self.marks) and all(s == AttendanceStatus.EXPECTED for s in self.marks.values())

    @property
    def has_followup(self) -> bool:
        return any(s.kind.traits.takes_status for s in self.agenda.sections)

    def show_problem(self, message: str) -> None:
        self.query_one("#pre-problems", Static).update(literal(message, "bold"))

    # -- keys --------------------------------------------------------------------------------

    def action_mark(self, status: str) -> None:
        roll = self.query_one("#roll-call", RollCall)
        index = roll.highlighted
        if index is None or not self.agenda.participants:
            return
        self.marks[self.agenda.participants[index].name] = AttendanceStatus(status)
        self.render_rollcall()
        self.render_warnings()
        # As in a quick check-in: mark someone, go to the next person.
        roll.highlighted = min(index + 1, len(self.agenda.participants) - 1)

    def on_checklist_toggled(self, event: Checklist.Toggled) -> None:
        index = int(event.option_id or 0)
        self.ticked[index] = not self.ticked[index]
        self.render_checklist()
        self.render_warnings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # enter starts the meeting (a screen binding); a click selects nothing

    def on_descendant_focus(self) -> None:
        self.render_keys()

    def action_add_followup(self) -> None:
        if self.has_followup:
            self.show_problem(t("shell.followup_exists", self.lang))
            return
        if not self.carried:
            self.show_problem(t("shell.nothing_carried", self.lang))
            return
        section = Section(
            t("shell.followup_section", self.lang), FOLLOWUP_MINUTES * 60, SectionKind.FOLLOWUP
        )
        self.agenda = replace(self.agenda, sections=(section, *self.agenda.sections))
        self.render_agenda()
        self.render_side()

    def action_help(self) -> None:
        self.notify(t("shell.pre_keys", self.lang), title=t("shell.help", self.lang), timeout=10)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()

    def action_start(self) -> None:
        if self.starting:
            return
        app = self.minutely
        try:
            session = start_session(
                self.datadir,
                self.agenda,
                self.clock,
                self.lang,
                attendance=dict(self.marks),
                checklist=dict(self.ticked),
                carried=self.carried,
                topics=self.topics,
                previous=self.previous,
            )
        except Exception as exc:  # locked, disk full: one line, and the check stays as it was
            message = open_session_error(exc, self.lang)
            self.show_problem(message)
            self.notify(message, severity="error", markup=False)
            return
        self.starting = True
        app.start_live(session)


def _status_style(status: str) -> str:
    styles: dict[str, str] = {
        AttendanceStatus.PRESENT: "$success",
        AttendanceStatus.LATE: "$warning",
        AttendanceStatus.ABSENT: "$error",
    }
    return styles.get(status, "$foreground")
