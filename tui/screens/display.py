"""The room display: a read-only, large view of a session that follows its file as it is written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Static

from agendas.durations import format_clock
from agendas.model import Agenda
from sessions.clock import Timeline, local_clock
from sessions.disk import StoreError, file_key
from sessions.i18n import error_text, t
from sessions.numbers import duration_text
from sessions.state import SessionState, replay_record
from sessions.timing import phase, planned, planned_end, projected_end, remaining
from widgets.text import literal

if TYPE_CHECKING:
    from sessions.clock import Clock
    from sessions.datadir import DataDir
    from sessions.store import SessionRecord

# The file is checked this often; a change shows within one tick, well under a second.
POLL_SECONDS = 0.25
LOCK_CHECK_TICKS = 4  # whether the writer is still there: once a second is plenty
# With no session named, an ended meeting gives way to the next one: looked for this often.
NEXT_MEETING_SECONDS = 2.0


class DisplayScreen(Screen[None]):
    """Current section, a big countdown, what comes next and when the meeting will end.

    It never takes the session's lock: the session file is only ever replaced whole, so
    reading it while another process writes is safe. It is re-read only when it changed
    (a new inode, size or mtime), and the countdown is computed from the replayed state
    and the wall clock, so that it keeps time between writes.
    """

    CSS_PATH = "display.tcss"  # read when the screen is first shown

    BINDINGS = [
        Binding("q,escape", "app.quit", show=False),
        Binding("f1", "help", show=False),
    ]

    def __init__(
        self,
        datadir: DataDir,
        session_id: str,
        clock: Clock,
        lang: str,
        *,
        follow_latest: bool = False,
    ) -> None:
        super().__init__()
        self.datadir = datadir
        self.session_id = session_id
        # No session named on the command line: on a projector all day, the room display
        # moves on to the next meeting once this one is over.
        self.follow_latest = follow_latest
        self.looked_for_next: float | None = None
        self.clock = clock
        self.timeline = Timeline(clock)
        self.lang = lang
        self.state: SessionState | None = None
        self.record: SessionRecord | None = None
        self.agenda: Agenda | None = None
        self.signature: tuple[int, int, int] | None = None
        self.locked = True
        self.last_alive: float | None = None
        self.problem: str | None = None
        self._ticks = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="display"):
            yield Static(id="display-meeting", markup=False)
            yield Static(id="display-status", markup=False)
            yield Static(id="display-section", markup=False)
            with Center(id="display-clock"):
                yield Digits("", id="display-countdown")
            yield Static(id="display-plan", markup=False)
            yield Static(id="display-next", markup=False)
            yield Static(id="display-ends", markup=False)
            yield Static(id="display-problem", markup=False)
        yield Static(t("shell.display_keys", self.lang), id="display-keys", classes="keys")

    def on_mount(self) -> None:
        self.poll()
        self.set_interval(POLL_SECONDS, self.poll)

    def action_help(self) -> None:
        self.notify(t("shell.display_keys", self.lang), title=t("shell.help", self.lang))

    # -- following the file ------------------------------------------------------------------

    def poll(self) -> None:
        """Re-read the session if its file changed, then redraw the clocks."""
        self._ticks += 1
        signature = file_key(self.datadir.session_path(self.session_id))
        if signature is None:
            self.problem = t("shell.display_missing", self.lang, id=self.session_id)
        elif signature != self.signature:
            self.reload(signature)
        if self._ticks % LOCK_CHECK_TICKS == 1:
            self.check_writer()
        if self.follow_latest and self.is_over():
            self.look_for_next_meeting()
        self.show()

    def is_over(self) -> bool:
        """The shown meeting has ended, or nobody is running it any more."""
        state = self.state
        return state is not None and (state.ended or not self.locked)

    def look_for_next_meeting(self) -> None:
        """Switch to a newer session that someone is running, at most every few seconds."""
        now = self.clock.monotonic()
        if self.looked_for_next is not None and now - self.looked_for_next < NEXT_MEETING_SECONDS:
            return
        self.looked_for_next = now
        # Newest first: only the sessions started after the shown one are candidates.
        for session_id in self.datadir.session_ids():
            if session_id == self.session_id:
                return
            if self.datadir.is_locked(session_id):
                self.switch_to(session_id)
                return

    def switch_to(self, session_id: str) -> None:
        self.session_id = session_id
        self.state = self.record = self.agenda = None
        self.signature = None
        self.locked = True
        self.last_alive = None
        self.problem = None
        signature = file_key(self.datadir.session_path(session_id))
        if signature is None:
            return  # gone again: the next poll says so
        self.reload(signature)

    def reload(self, signature: tuple[int, int, int]) -> None:
        try:
            record = self.datadir.read(self.session_id)
        except StoreError as exc:  # shown; the last good state stays on screen
            self.problem = error_text(exc, self.lang)
            return
        try:
            agenda = self.agenda
            if agenda is None or self.record is None or record.meta != self.record.meta:
                agenda = record.agenda()
            state = replay_record(record, agenda)
        except (KeyError, TypeError, ValueError) as exc:
            # Say, an event from a newer Minutely: keep showing the last good state.
            self.problem = f"{self.session_id}: {exc.__class__.__name__}: {exc}"
            return
        self.agenda, self.record, self.state = agenda, record, state
        self.signature = signature
        self.problem = None
        self.check_writer()

    def check_writer(self) -> None:
        self.locked = self.datadir.is_locked(self.session_id)
        if not self.locked:
            self.last_alive = self.datadir.last_alive(self.session_id)

    # -- drawing -----------------------------------------------------------------------------

    def now(self) -> float:
        """The time the clocks show: now, or when the app running the meeting went away."""
        now = self.timeline.now()
        state = self.state
        if state is None or self.locked or state.ended:
            return now
        stopped = state.interrupted_at
        if stopped is None:
            stopped = max(x for x in (state.last_at, self.last_alive, 0.0) if x is not None)
        return min(now, stopped) if stopped else now

    def local(self, at: float) -> str:
        offset = int(self.record.meta.get("utc_offset", 0)) if self.record else 0
        return local_clock(at, offset)

    def show(self) -> None:
        problem = self.query_one("#display-problem", Static)
        problem.update(literal(self.problem))
        state = self.state
        if state is None or self.record is None:
            return
        now = self.now()
        meeting = self.record.meta.get("title") or state.agenda.meeting.title
        self.query_one("#display-meeting", Static).update(literal(meeting))
        current_phase = self.show_section(state, now)
        self.show_next(state)
        self.show_ends(state, now)
        self.set_class(current_phase == "warning", "-warning")
        self.set_class(current_phase == "overtime", "-overtime")
        self.set_class(state.paused, "-paused")
        self.set_class(state.ended, "-ended")

    def show_section(self, state: SessionState, now: float) -> str:
        """The status line, the section, the big countdown and its plan; returns the phase."""
        lang = self.lang
        status = self.query_one("#display-status", Static)
        section = self.query_one("#display-section", Static)
        countdown = self.query_one("#display-countdown", Digits)
        plan = self.query_one("#display-plan", Static)
        if state.started_at is None:
            status.update("")
            section.update(t("shell.display_waiting", lang))
            countdown.update("")
            plan.update("")
            return "ok"
        if state.ended_at is not None:
            # The big digits are the time it ended, said so underneath with how long it lasted.
            status.update("")
            section.update(t("shell.display_ended", lang))
            countdown.update(self.local(state.ended_at))
            lasted = duration_text(state.ended_at - state.started_at, lang)
            plan.update(
                t("shell.display_ended_plan", lang, end=self.local(state.ended_at), duration=lasted)
            )
            return "ok"
        if state.paused:
            status.update(t("shell.display_paused", lang))
        elif not self.locked:
            status.update(t("shell.display_stopped", lang))
        else:
            status.update("")
        index = state.current
        assert index is not None
        section.update(literal(state.agenda.sections[index].title))
        left = remaining(state, now) or 0.0
        countdown.update(format_clock(left) if left >= 0 else "+" + format_clock(-left))
        # The agenda's own number, as on the live screen and in the notice.
        plan.update(
            t(
                "shell.display_plan",
                lang,
                n=index + 1,
                total=len(state.agenda.sections),
                planned=duration_text(planned(state, index), lang),
            )
        )
        return phase(state, now)

    def show_next(self, state: SessionState) -> None:
        lang = self.lang
        following = self.query_one("#display-next", Static)
        nxt = state.next_section if state.ended_at is None else None
        if nxt is not None:
            after = state.agenda.sections[nxt]
            planned_next = duration_text(planned(state, nxt), lang)
            following.update(
                literal(t("shell.display_next", lang, title=after.title, planned=planned_next))
            )
        elif state.started_at is not None and state.ended_at is None:
            following.update(t("shell.display_last", lang))
        else:
            following.update("")

    def show_ends(self, state: SessionState, now: float) -> None:
        ends = self.query_one("#display-ends", Static)
        plan_end = planned_end(state)
        projected = projected_end(state, now)
        if plan_end is not None and projected is not None and state.ended_at is None:
            ends.update(
                t(
                    "shell.display_ends",
                    self.lang,
                    planned=self.local(plan_end),
                    projected=self.local(projected),
                )
            )
        else:
            ends.update("")
