"""One past session, read-only: agenda, items per section, follow-up, attendance, participation."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from agendas.durations import format_clock
from agendas.model import Agenda
from sessions import timing
from sessions.capture import ITEM_MARKS
from sessions.clock import local_clock, local_stamp
from sessions.datadir import DataDir
from sessions.disk import StoreError
from sessions.events import AttendanceStatus
from sessions.i18n import error_text, t, tn
from sessions.minutes.model import duration_text, talk_clock
from sessions.participation import participation
from sessions.state import SessionState, replay_record
from sessions.store import SessionRecord
from tui.screens.export_choice import export_minutes
from tui.screens.keys import key_line
from widgets.text import literal, without_control

HEADING = "bold underline"


@dataclass
class SessionReport:
    """The read-only account of one session, part by part, as styled text."""

    session_id: str
    record: SessionRecord
    agenda: Agenda
    state: SessionState
    lang: str
    out: Text = field(default_factory=Text)

    @property
    def offset(self) -> int:
        return int(self.record.meta.get("utc_offset", 0))

    @property
    def now(self) -> float:
        return self.state.as_of

    @property
    def order(self) -> list[int]:
        """As in the minutes: the agenda's own numbers, in the order the sections ran (a
        deferred one where it was taken up again), the sections never reached last."""
        state = self.state
        ran = [i for i in state.order if state.reached(i)]
        return ran + [i for i in state.order if not state.reached(i)]

    def render(self) -> Text:
        self.header()
        self.sections()
        self.items()
        self.followup()
        self.attendance()
        self.participation()
        return self.out

    def heading(self, index: int) -> str:
        title = self.agenda.sections[index].title
        if self.state.sections[index].deferred:
            title = t("min.deferred_title", self.lang, title=title)
        return f"{index + 1}. {title}"

    def header(self) -> None:
        state, offset, m = self.state, self.offset, self.agenda.meeting
        self.out.append(f"{self.record.meta.get('title') or m.title}\n", style="bold")
        facts = [
            local_stamp(state.started_at, offset),
            local_clock(state.ended_at, offset) if state.ended_at else "",
            m.series or "",
            m.location or "",
            m.facilitator or self.agenda.facilitator or "",
            self.session_id,
        ]
        self.out.append(" · ".join(f for f in facts if f) + "\n\n", style="dim")

    def sections(self) -> None:
        lang, state, out = self.lang, self.state, self.out
        out.append(t("detail.sections", lang) + "\n", style=HEADING)
        for index in self.order:
            section = self.agenda.sections[index]
            run = state.sections[index]
            used = timing.used(state, index, self.now)
            if not state.reached(index):
                note = t("detail.not_reached", lang)
            else:
                # the agenda's planned time, an extension apart (the minutes' definitions)
                note = t(
                    "detail.planned_used",
                    lang,
                    used=format_clock(round(used)),
                    planned=format_clock(section.duration),
                )
                if run.extended:
                    note += "  " + t("min.extended", lang, time=duration_text(run.extended, lang))
            style = "bold" if used > section.duration + run.extended else ""
            out.append(f"  {self.heading(index)}  ", style=style)
            out.append(f"{note}\n", style="dim")
        out.append("\n")

    def items(self) -> None:
        out = self.out
        out.append(t("detail.items", self.lang) + "\n", style=HEADING)
        for index in self.order:
            items = self.state.active_items(index)
            if not items:
                continue
            out.append(f"  {self.heading(index)}\n", style="bold")
            for it in items:
                out.append(f"    {local_clock(it.at, self.offset)} {ITEM_MARKS[it.kind]} ")
                if it.kind.value == "action":
                    out.append(f"#{it.id} ", style="bold")
                out.append(it.text)
                extra = [
                    f"@{it.owner}" if it.owner else "",
                    it.due.isoformat() if it.due else "",
                    f"| {it.criteria}" if it.criteria else "",
                ]
                extra_text = " ".join(e for e in extra if e)
                if extra_text:
                    out.append(f"  {extra_text}", style="dim")
                out.append("\n")
        out.append("\n")

    def followup(self) -> None:
        lang, state, out = self.lang, self.state, self.out
        if not state.carried:
            return
        out.append(t("detail.followup", lang) + "\n", style=HEADING)
        for number, action in enumerate(state.carried, start=1):
            said = state.followup.get(action.ref)
            status = t(f"status.{said.status}", lang) if said else t("status.open", lang)
            comment = f" — {said.comment}" if said and said.comment else ""
            owner = f" @{action.owner}" if action.owner else ""
            out.append(f"  {number}. {action.text}{owner}: {status}{comment}\n")
        out.append("\n")

    def attendance(self) -> None:
        lang, out = self.lang, self.out
        out.append(t("detail.attendance", lang) + "\n", style=HEADING)
        for name, person in self.state.attendance.items():
            when = ""
            if person.arrived and person.status == AttendanceStatus.LATE:
                when = f" {local_clock(person.arrived, self.offset)}"
            if person.left:
                when = f" {local_clock(person.left, self.offset)}"
            out.append(f"  {name}: {t(f'att.{person.status}', lang)}{when}\n")
        out.append("\n")

    def participation(self) -> None:
        lang, out = self.lang, self.out
        out.append(t("detail.participation", lang) + "\n", style=HEADING)
        for row in participation(self.state, self.now):
            if row.silent:
                out.append(f"  {row.name}: {t('detail.silent', lang)}\n", style="dim")
                continue
            talk = tn(
                "detail.talk",
                lang,
                row.turns,
                name=row.name,
                time=talk_clock(row.talk_time),
                share=round(row.share * 100),
                turns=row.turns,
            )
            out.append(f"  {talk}\n")


class SessionScreen(Screen[None]):
    """One past session, read-only: agenda, items per section, attendance, participation, follow-up."""

    DEFAULT_CSS = """
    SessionScreen #session-body { padding: 0 2; }
    SessionScreen #session-status { height: 1; padding: 0 2; color: $text-muted; }
    """
    BINDINGS = [
        Binding("e", "export", "Export minutes"),
        Binding("escape,q", "close", "Back"),
    ]

    def __init__(self, datadir: DataDir, session_id: str, lang: str) -> None:
        super().__init__()
        self.datadir = datadir
        self.session_id = session_id
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="session-scroll"):
            yield Static(id="session-body")
        yield Static("", id="session-status")
        yield Static(
            key_line([("e", "history.key.export"), ("esc", "history.key.back")], self.lang),
            id="session-keys",
            classes="keys",
        )

    def on_mount(self) -> None:
        try:
            body = self.render_session()
        except StoreError as exc:  # deleted from another terminal, or damaged since listed
            self.query_one("#session-status", Static).update(literal(error_text(exc, self.lang)))
        except (KeyError, TypeError, ValueError) as exc:  # a log the fold cannot follow
            self.query_one("#session-status", Static).update(literal(f"{self.session_id}: {exc}"))
        else:
            self.query_one("#session-body", Static).update(without_control(body))
        self.query_one("#session-scroll").focus()

    def render_session(self) -> Text:
        record = self.datadir.read(self.session_id)
        state = replay_record(record)
        return SessionReport(self.session_id, record, state.agenda, state, self.lang).render()

    def action_export(self) -> None:
        status = self.query_one("#session-status", Static)
        export_minutes(self, self.datadir, self.session_id, self.lang, status)

    def action_close(self) -> None:
        self.dismiss(None)
