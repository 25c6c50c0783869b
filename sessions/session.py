"""The live session: facilitator commands become events, each committed to disk before the state changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from agendas.model import Agenda, SectionBoard
from sessions.capture import (
    Capture,
    CaptureError,
    Command,
    CommandName,
    parse_capture,
    resolve_name,
)
from sessions.clock import Clock, Timeline, to_local
from sessions.datadir import DataDir
from sessions.disk import StoreError
from sessions.events import (
    FOLLOWUP_STATES,
    AppResumed,
    AttendanceMarked,
    AttendanceStatus,
    ChecklistTicked,
    Deferred,
    Ended,
    Event,
    Extended,
    FollowupGiven,
    ImprovementNoted,
    Interrupted,
    ItemAdded,
    ItemDeleted,
    ItemEdited,
    ItemRestored,
    ItemUndone,
    Paused,
    RatingGiven,
    ResultSet,
    Resumed,
    SectionEntered,
    SpeakerChanged,
    Started,
    TargetSet,
    stored_value,
)
from sessions.followup import CarriedTopic, topics_from_header
from sessions.i18n import WordedError, error_text
from sessions.participation import is_here, talk_time
from sessions.performance import CarriedTargets, header_targets
from sessions.scorecard import carried_targets
from sessions.state import CarriedAction, Item, SessionState, apply, replay_record
from sessions.statuses import ActionStatus
from sessions.store import SessionRecord, SessionWriter
from sessions.text import strip_control

_ATTENDANCE = {
    CommandName.HERE: AttendanceStatus.PRESENT,
    CommandName.LATE: AttendanceStatus.LATE,
    CommandName.LEFT: AttendanceStatus.LEFT,
    CommandName.ABSENT: AttendanceStatus.ABSENT,
}

# Talk shorter than this from someone marked absent is a slip of the speaker key, not a turn.
ABSENT_SLIP_SECONDS = 15.0


class SessionError(WordedError):
    """A command that cannot be done now; the message is one line for the facilitator."""

    @classmethod
    def refusing(cls, exc: CaptureError) -> SessionError:
        """The capture parser's refusal, keeping its catalog entry for the screen's language."""
        return cls(str(exc), key=exc.key, **exc.params)


class PasteError(SessionError):
    """A line of a paste that could not be done: `number` counts from 1, `done` lines went before."""

    def __init__(self, cause: SessionError | StoreError, number: int, total: int, done: int):
        super().__init__(str(cause), key=cause.key, **cause.params)
        self.cause = cause
        self.number = number
        self.total = total
        self.done = done


@dataclass(frozen=True)
class Captured:
    """The line was an item, now added to the running section."""

    item: Item


@dataclass(frozen=True)
class Undone:
    """The line was /undo: this item's last change was taken back."""

    item: Item  # as it is now
    step: str = (
        ItemAdded.TYPE
    )  # what was taken back: the TYPE of ItemAdded, ItemDeleted or ItemEdited


@dataclass(frozen=True)
class Steered:
    """The line was a command that steers the meeting, done as parsed."""

    command: Command


# What a typed line did, for the screen to confirm: it dispatches on the type.
Outcome = Captured | Undone | Steered


class Session:
    def __init__(self, writer: SessionWriter, record: SessionRecord, clock: Clock) -> None:
        self.writer = writer
        self.id = record.id
        self.meta = record.meta
        self.clock = clock
        self.timeline = Timeline(clock)
        self.agenda = record.agenda()
        self.utc_offset = int(record.meta.get("utc_offset", 0))
        self.state: SessionState = replay_record(record, self.agenda)
        self.carried_topics = topics_from_header(record.meta.get("carried_topics"))
        # What /target set in the series' meeting before: this one's targets where the agenda
        # has none. Kept in the header at the start; a session started before headers kept
        # them reads the meeting before once, here.
        self.carried_targets: CarriedTargets = header_targets(record.meta) or carried_targets(
            writer.datadir, record.meta.get("previous")
        )

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        datadir: DataDir,
        agenda: Agenda,
        clock: Clock,
        *,
        attendance: dict[str, str] | None = None,
        checklist: dict[int, bool] | None = None,
        carried: list[CarriedAction] | None = None,
        topics: list[CarriedTopic] | None = None,
        lang: str = "en",
        previous: str | None = None,
    ) -> Session:
        """Create the session file and start the meeting. `attendance=None` means everyone is here."""
        # Checked before the file exists: a refused start must not leave a half-made session.
        marks = (
            {name: _attendance_status(status) for name, status in attendance.items()}
            if attendance is not None
            else dict.fromkeys(agenda.names, AttendanceStatus.PRESENT)
        )
        timeline = Timeline(clock)
        started = clock.wall()
        session_id = datadir.new_id(started)
        events = _opening_events(marks, checklist or {}, round(timeline.now(), 3))
        targets = carried_targets(datadir, previous)
        writer = datadir.open_writer(session_id)
        try:
            # Header and opening events in one write: a start either happened or left nothing.
            writer.create(
                {
                    "id": session_id,
                    "title": agenda.meeting.title,
                    "series": agenda.meeting.series,
                    "lang": lang,
                    "created": started.isoformat(timespec="seconds"),
                    "utc_offset": timeline.utc_offset(),
                    "agenda": agenda.to_dict(),
                    "carried": [action.to_dict() for action in carried or ()],
                    "carried_topics": [topic.to_dict() for topic in topics or ()],
                    "previous": previous,
                    "carried_targets": targets.to_dict(),
                },
                events,
            )
            session = cls(writer, writer.read(), clock)
            session.timeline = timeline
        except BaseException:
            writer.discard_if_unborn()
            raise
        return session

    @classmethod
    def resume(cls, datadir: DataDir, session_id: str, clock: Clock) -> Session:
        """Open an interrupted session for writing again; the time it was away is recorded."""
        last_alive = datadir.last_alive(session_id)
        writer = datadir.open_writer(session_id)
        try:
            record = writer.read()
            session = cls(writer, record, clock)
            if session.state.ended:
                raise SessionError(key="err.session_ended", session=session_id)
            if session.state.started_at is None:
                # the app died between creating the file and starting the meeting
                session._append(Started)
                return session
            since = max(t for t in (session.state.last_at, last_alive) if t is not None)
            session._append(AppResumed, down_since=min(since, session.now()))
        except BaseException:
            writer.release()
            raise
        return session

    def close(self) -> None:
        self.writer.release()

    @property
    def closed(self) -> bool:
        """Released here: another process may hold it now, so nothing more is written from here."""
        return not self.writer.held

    # -- time --------------------------------------------------------------------------------

    def now(self) -> float:
        return self.timeline.now()

    def local(self, t: float) -> Any:
        return to_local(t, self.utc_offset)

    def today(self) -> date:
        return self.local(self.now()).date()

    def heartbeat(self) -> None:
        self.writer.heartbeat(self.now())

    # -- the log -----------------------------------------------------------------------------

    def _append(self, event_type: type[Event], /, **payload: Any) -> Event:
        return self._append_all((event_type, payload))[0]

    def _append_all(self, *steps: tuple[type[Event], dict[str, Any]]) -> list[Event]:
        """Commit the events of one command in one write, then fold them into the state."""
        at = round(self.now(), 3)
        events = [
            kind(seq=self.state.seq + n, at=at, **payload)
            for n, (kind, payload) in enumerate(steps, 1)
        ]
        self.writer.append(*events)  # on disk first; only then does the state change
        for event in events:
            apply(self.state, event)
        return events

    def _require_live(self) -> None:
        if self.state.ended:
            raise SessionError(key="err.meeting_ended")
        if self.state.started_at is None:
            raise SessionError(key="err.meeting_not_started")

    # -- capture -----------------------------------------------------------------------------

    def submit(self, line: str) -> Outcome | None:
        """Handle one line from the capture bar: an item, or a steering command."""
        try:
            parsed = parse_capture(line, self.state.people, self.today())
        except CaptureError as exc:
            raise SessionError.refusing(exc) from exc
        if parsed is None:
            return None
        if isinstance(parsed, Capture):
            return Captured(self.add(parsed))
        return self.command(parsed)

    def submit_lines(self, lines: Sequence[str]) -> list[Outcome | None]:
        """Several lines at once (a paste): each handled as if typed and entered, in order.

        Every line is read before any is done, so a line the parser refuses refuses the whole
        paste. What only doing can refuse (a full disk, `/next` past the end) stops the paste
        there; the error says which line, and how many were done before it.
        """
        for number, line in enumerate(lines, start=1):
            try:
                parse_capture(line, self.state.people, self.today())
            except CaptureError as exc:
                raise PasteError(SessionError.refusing(exc), number, len(lines), 0) from exc
        outcomes: list[Outcome | None] = []
        for number, line in enumerate(lines, start=1):
            try:
                outcomes.append(self.submit(line))
            except (SessionError, StoreError) as exc:
                raise PasteError(exc, number, len(lines), len(outcomes)) from exc
        return outcomes

    def add(self, capture: Capture) -> Item:
        self._require_live()
        if self.state.current is None:
            raise SessionError(key="err.no_section_running")
        ids = [it.id for it in self.state.items]
        item_id = (max(ids) if ids else 0) + 1
        self._append(
            ItemAdded,
            id=item_id,
            kind=capture.kind,
            text=capture.text,
            section=self.state.current,
            owner=capture.owner,
            owner_known=capture.owner_known,
            due=capture.due,
            criteria=capture.criteria,
            speaker=self.state.speaker,
        )
        return self.state.items[-1]

    def undo(self) -> Item:
        """Take back the last thing done to an item: a capture, a delete or an edit."""
        return self.take_back().item

    def take_back(self) -> Undone:
        """`undo`, saying which of the three it took back."""
        self._require_live()
        if not self.state.undoable:
            raise SessionError(key="err.nothing_to_undo")
        kind, item_id, before = self.state.undoable[-1]
        item = self.state.item(item_id)
        if item is None:
            raise SessionError(key="err.nothing_to_undo")
        if kind == ItemAdded.TYPE:
            self._append(ItemUndone, id=item_id)
        elif kind == ItemDeleted.TYPE:
            self._append(ItemRestored, id=item_id)
        else:
            self._append(ItemEdited, id=item_id, changes=before, undo=True)
        return Undone(self.state.item(item_id) or item, kind)

    def edit(self, item_id: int, **changes: Any) -> Item:
        item = self.state.item(item_id)
        if item is None or item.deleted:
            raise SessionError(key="err.no_item", number=item_id)
        allowed = {"text", "owner", "owner_known", "due", "criteria", "kind"}
        unknown = set(changes) - allowed
        if unknown:
            raise SessionError(key="err.cannot_change", fields=", ".join(sorted(unknown)))
        if "text" in changes and not str(changes["text"]).strip():
            raise SessionError(key="err.item_needs_text")
        changes = {key: stored_value(value) for key, value in changes.items()}
        before = {key: stored_value(getattr(item, key)) for key in changes}
        self._append(ItemEdited, id=item_id, changes=changes, before=before)
        return item

    def edit_line(self, item_id: int, line: str) -> Item:
        """Re-type an item with the capture syntax (`/a … @owner due:… | …`)."""
        item = self.state.item(item_id)
        if item is None or item.deleted:
            raise SessionError(key="err.no_item", number=item_id)
        try:
            parsed = parse_capture(line, self.state.people, self.today())
        except CaptureError as exc:
            raise SessionError.refusing(exc) from exc
        if not isinstance(parsed, Capture):
            raise SessionError(key="err.item_needs_text")
        return self.edit(
            item_id,
            kind=parsed.kind,
            text=parsed.text,
            owner=parsed.owner,
            owner_known=parsed.owner_known,
            due=parsed.due,
            criteria=parsed.criteria,
        )

    def delete(self, item_id: int) -> Item:
        item = self.state.item(item_id)
        if item is None or item.deleted:
            raise SessionError(key="err.no_item", number=item_id)
        self._append(ItemDeleted, id=item_id)
        return item

    # -- steering ----------------------------------------------------------------------------

    def command(self, cmd: Command) -> Undone | Steered:
        match cmd.name:
            case CommandName.UNDO:
                return self.take_back()
            case CommandName.NEXT:
                self.next()
            case CommandName.PREV:
                self.prev()
            case CommandName.PAUSE:
                self.pause()
            case CommandName.RESUME:
                self.resume_clock()
            case CommandName.EXTEND:
                self.extend(cmd.number or 5)
            case CommandName.DEFER:
                self.defer()
            case CommandName.SPEAKER if cmd.number is not None:
                self.speaker_number(cmd.number)
            case CommandName.SPEAKER:
                self.set_speaker(cmd.who)
            case CommandName.HERE | CommandName.LATE | CommandName.LEFT | CommandName.ABSENT:
                self.set_attendance(cmd.who or "", _ATTENDANCE[cmd.name])
            case CommandName.TARGET:
                self.set_target(cmd.who or "", cmd.amount or 0.0)
            case CommandName.ACTUAL:
                self.set_result(cmd.who or "", cmd.amount or 0.0)
            case CommandName.RATE:
                self.rate({cmd.who or "": cmd.number or 0})
            case CommandName.STATUS:
                self.set_followup(cmd.number or 0, cmd.status or "", cmd.comment)
            case CommandName.END:
                self.end()
        return Steered(cmd)

    def jump(self, index: int) -> None:
        self._require_live()
        if not 0 <= index < len(self.agenda.sections):
            raise SessionError(key="err.no_section", number=index + 1)
        if index != self.state.current:
            self._append(SectionEntered, index=index)

    def next(self) -> None:
        self._require_live()
        following = self.state.next_section
        if following is None:
            raise SessionError(key="err.last_section")
        self._append(SectionEntered, index=following)

    def prev(self) -> None:
        self._require_live()
        pos = self.state.position
        if not pos:
            raise SessionError(key="err.first_section")
        self._append(SectionEntered, index=self.state.order[pos - 1])

    def pause(self) -> None:
        self._require_live()
        if self.state.paused:
            raise SessionError(key="err.already_paused")
        self._append(Paused)

    def resume_clock(self) -> None:
        self._require_live()
        if not self.state.paused:
            raise SessionError(key="err.not_paused")
        self._append(Resumed)

    def toggle_pause(self) -> None:
        if self.state.paused:
            self.resume_clock()
        else:
            self.pause()

    def extend(self, minutes: int) -> None:
        self._require_live()
        if self.state.current is None:
            raise SessionError(key="err.no_section_running")
        if not 0 < minutes <= 120:
            raise SessionError(key="err.extend_by")
        self._append(Extended, index=self.state.current, seconds=minutes * 60)

    def defer(self) -> None:
        """Move the running section to the end of the agenda and go on with the next one."""
        self._require_live()
        current = self.state.current
        following = self.state.next_section
        if current is None or following is None:
            raise SessionError(key="err.nothing_after")
        self._append_all((Deferred, {"index": current}), (SectionEntered, {"index": following}))

    def resolve(self, typed: str) -> str:
        try:
            return resolve_name(typed, self.state.people)
        except CaptureError as exc:
            raise SessionError.refusing(exc) from exc

    def set_speaker(self, name: str | None) -> None:
        self._require_live()
        steps: list[tuple[type[Event], dict[str, Any]]] = []
        if name is not None:
            name = self.resolve(name)
            # Whoever speaks is in the room: not yet checked in or late, they have arrived now.
            if not is_here(self.state.attendance[name]):
                steps.append(
                    (
                        AttendanceMarked,
                        {"name": name, "status": AttendanceStatus.PRESENT, "arrived": True},
                    )
                )
        if name != self.state.speaker:
            steps.append((SpeakerChanged, {"name": name}))
        if steps:
            self._append_all(*steps)

    def speaker_number(self, number: int) -> None:
        people = self.state.people
        if not 1 <= number <= len(people):
            raise SessionError(key="err.no_one_number", number=number, count=len(people))
        name = people[number - 1]
        self.set_speaker(None if self.state.speaker == name else name)

    def set_attendance(self, name: str, status: str) -> None:
        self._require_live()
        marked = _attendance_status(status)
        try:
            name = resolve_name(name, self.state.people)
        except CaptureError:
            if marked not in (AttendanceStatus.PRESENT, AttendanceStatus.LATE) or not name.strip():
                raise SessionError(key="err.not_on_roster", name=name) from None
            name = name.strip()  # a guest joins the roster
        if (
            marked == AttendanceStatus.ABSENT
            and talk_time(self.state, name, self.now()) >= ABSENT_SLIP_SECONDS
        ):
            # Absent would erase someone who took part; leaving early is what happened.
            raise SessionError(key="err.absent_has_spoken", name=name)
        self._append(AttendanceMarked, name=name, status=marked, arrived=True)

    def set_target(self, name: str, amount: float) -> None:
        self._require_live()
        if (
            self.state.current is None
            or not self.agenda.sections[self.state.current].kind.traits.takes_target
        ):
            raise SessionError(key="err.target_section")
        if amount <= 0:
            raise SessionError(key="err.target_positive")
        self._append(TargetSet, name=self.resolve(name), amount=amount)

    def set_result(self, name: str, amount: float) -> None:
        """A rep's result for the period, given in a performance section (`/actual`)."""
        self._require_live()
        if (
            self.state.current is None
            or self.agenda.sections[self.state.current].kind.traits.board
            is not SectionBoard.PERFORMANCE
        ):
            raise SessionError(key="err.actual_section")
        if amount <= 0:
            raise SessionError(key="err.target_positive")
        self._append(ResultSet, name=self.resolve(name), amount=amount)

    def rate(self, ratings: Mapping[str, int], improvement: str | None = None) -> None:
        """Ratings of the meeting (1-10 per person) and what would make the next one better.

        Taken during the meeting (`/rate`) and on the end summary, after `/end`: the summary
        holds the session open, so they go into the same log in one write.
        """
        if self.state.started_at is None:
            raise SessionError(key="err.rate_not_started")
        steps: list[tuple[type[Event], dict[str, Any]]] = []
        for typed, score in ratings.items():
            if not 1 <= score <= 10:
                raise SessionError(key="err.rate_range", score=score)
            steps.append((RatingGiven, {"name": self.resolve(typed), "score": score}))
        note = " ".join(strip_control(improvement or "").split())
        if note:
            steps.append((ImprovementNoted, {"text": note}))
        if steps:
            self._append_all(*steps)

    def set_followup(self, number: int, status: str, comment: str | None) -> None:
        self._require_live()
        if (
            self.state.current is None
            or not self.agenda.sections[self.state.current].kind.traits.takes_status
        ):
            raise SessionError(key="err.status_section")
        if status not in FOLLOWUP_STATES:
            raise SessionError(key="err.status_one_of", states=", ".join(FOLLOWUP_STATES))
        if not 1 <= number <= len(self.state.carried):
            raise SessionError(
                key="err.no_open_action", number=number, count=len(self.state.carried)
            )
        ref = self.state.carried[number - 1].ref
        self._append(FollowupGiven, ref=ref, status=ActionStatus(status), comment=comment)

    def interrupt(self, reason: str) -> None:
        """Mark the session interrupted (a closed terminal); `resume` picks it up."""
        if not self.state.ended:
            self._append(Interrupted, reason=reason)

    def end(self) -> None:
        self._require_live()
        self._append(Ended)


def _opening_events(
    marks: dict[str, AttendanceStatus], checklist: dict[int, bool], at: float
) -> list[Event]:
    """The roll-call and the checklist as they stood before the start, then the start."""
    steps: list[tuple[type[Event], dict[str, Any]]] = [
        (
            AttendanceMarked,
            {"name": name, "status": status, "arrived": status != AttendanceStatus.LATE},
        )
        for name, status in marks.items()
        if status != AttendanceStatus.EXPECTED
    ]
    steps += [
        (ChecklistTicked, {"index": i, "done": done}) for i, done in sorted(checklist.items())
    ]
    steps.append((Started, {}))
    return [kind(seq=n, at=at, **payload) for n, (kind, payload) in enumerate(steps, 1)]


def _attendance_status(status: str) -> AttendanceStatus:
    try:
        return AttendanceStatus(status)
    except ValueError:
        raise SessionError(key="err.unknown_attendance", status=status) from None


def open_session_error(exc: Exception, lang: str = "en") -> str:
    """One line for any error from opening or writing a session, in `lang` where it can be."""
    if isinstance(exc, SessionError | StoreError):
        return error_text(exc, lang)
    return f"{exc.__class__.__name__}: {exc}"
