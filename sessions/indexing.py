"""Indexing session files: reading each one (replay, summary, search lines, people, reps, the
scorecard's facts) into the rows `sessions.catalog` stores, in this process or in reading processes.

`sessions.index` opens this module only when a session file must be (re)indexed: a command
that finds nothing changed never loads the replay, the events or TinyDB.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import marshal
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice

from agendas.model import Agenda
from sessions.capture import ItemKind
from sessions.catalog import Catalog, Entry, Line, Person, Rows, rows_of
from sessions.clock import local_clock
from sessions.datadir import ASIDE_SAID as _ASIDE_SAID
from sessions.datadir import DataDir
from sessions.disk import StoreError, load_fast_json
from sessions.events import AttendanceStatus
from sessions.meeting_facts import HandedOn, MeetingColumn, MeetingFacts, Presence
from sessions.participation import Participation, facilitator_dominates, participation
from sessions.performance import header_targets, record_performance, session_reps
from sessions.state import SessionState, replay_record
from sessions.statuses import FollowupMark
from sessions.store import SessionRecord
from sessions.summary import SessionStatus, SessionSummary, SummaryAction, session_date
from sessions.timing import totals


def summarize(record: SessionRecord, locked: bool = False) -> SessionSummary:
    """What listing and history need of one session, without reading it again."""
    state = replay_record(record)
    return _summary(record, state.agenda, state, locked)


def _summary(
    record: SessionRecord, agenda: Agenda, state: SessionState, locked: bool
) -> SessionSummary:
    counts = {kind.value: 0 for kind in ItemKind}
    open_actions = 0
    active = state.active_items()  # once: a hundred-odd items a session in a rebuild
    for item in active:
        counts[item.kind.value] += 1
        if item.kind is ItemKind.ACTION:
            open_actions += 1
    if state.ended_at is not None:
        status = SessionStatus.ENDED
    elif locked:
        status = SessionStatus.LIVE
    else:
        status = SessionStatus.INTERRUPTED
    started = state.started_at
    end = state.ended_at if state.ended_at is not None else state.last_at
    return SessionSummary(
        id=record.id,
        title=record.meta.get("title") or agenda.meeting.title,
        series=record.meta.get("series"),
        lang=record.meta.get("lang"),
        location=agenda.meeting.location,
        created=record.meta.get("created"),
        utc_offset=record.meta.get("utc_offset", 0),
        started_at=started,
        ended_at=state.ended_at,
        status=status,
        planned_seconds=agenda.planned_seconds,
        used_seconds=(end - started) if started is not None and end is not None else 0,
        sections=len(agenda.sections),
        items=sum(counts.values()),
        counts=counts,
        open_actions=open_actions,
        mtime=record.mtime,
        date=session_date(started, int(record.meta.get("utc_offset", 0))),
        previous=record.meta.get("previous"),
        actions=tuple(
            SummaryAction(
                ref=f"{record.id}#{it.id}",
                text=it.text,
                owner=it.owner,
                due=it.due.isoformat() if it.due else None,
                criteria=it.criteria,
                at=it.at,
                section=it.section,
            )
            for it in active
            if it.kind is ItemKind.ACTION
        ),
        followup={
            ref: FollowupMark(f.status, f.comment, f.at) for ref, f in state.followup.items()
        },
        unreached=state.unreached_titles(),
        parking=tuple(it.text for it in active if it.kind is ItemKind.PARKING),
    )


def meeting_facts(
    record: SessionRecord, state: SessionState, rows: list[Participation] | None = None
) -> MeetingFacts:
    """What the scorecard reads of one meeting (the index keeps it; `scorecard` works it out
    from records the same way). `rows`: the meeting's `participation` when already worked out."""
    kept = header_targets(record.meta)
    offset = int(record.meta.get("utc_offset", 0))
    if rows is None:
        rows = participation(state, state.as_of)
    return MeetingFacts(
        column=_column(record, state, offset, rows),
        started_at=state.started_at,
        utc_offset=offset,
        targets=dict(state.targets),
        kept_targets=dict(kept.targets) if kept is not None else None,
        reps=tuple(session_reps(state)),
        people=tuple(
            Presence(
                r.name,
                r.share,
                r.talk_time,
                r.was_there,
                r.silent,
                late=r.was_there and r.status is AttendanceStatus.LATE,
                left_early=r.status is AttendanceStatus.LEFT,
            )
            for r in rows
        ),
        handed=handed_on(record, state),
    )


def handed_on(record: SessionRecord, state: SessionState) -> tuple[HandedOn, ...]:
    """What the meeting inherited: the series' open actions, then the topics its header kept."""
    handed = [HandedOn("action", a.ref, a.text, a.owner) for a in state.carried]
    for topic in record.meta.get("carried_topics") or ():
        kind, text = str(topic.get("kind") or "section"), str(topic.get("text") or "")
        handed.append(HandedOn(kind, text, text, None))
    return tuple(handed)


def _column(
    record: SessionRecord, state: SessionState, offset: int, people: list[Participation]
) -> MeetingColumn:
    now = state.as_of
    spent = totals(state, now)
    facilitator = state.agenda.facilitator
    rows = {row.name: row for row in people}
    spoken = any(row.talk_time for row in rows.values())
    lead = rows.get(facilitator) if facilitator else None
    return MeetingColumn(
        id=record.id,
        title=str(record.meta.get("title") or state.agenda.meeting.title),
        date=session_date(state.started_at, offset),
        planned=spent.planned,
        extended=spent.extended,
        elapsed=spent.elapsed,
        in_sections=spent.in_sections,
        unreached=state.unreached_titles(),
        carried_actions=len(state.carried),
        carried_topics=len(record.meta.get("carried_topics") or ()),
        actions=sum(1 for it in state.active_items() if it.kind is ItemKind.ACTION),
        facilitator=facilitator,
        facilitator_share=lead.share if lead is not None and spoken else None,
        dominated=facilitator_dominates(state, now),
        ended=state.ended,
        rating=state.rating,
        time=local_clock(state.started_at, offset) or None,
    )


def search_lines(agenda: Agenda, state: SessionState) -> list[Line]:
    """What full-text search needs of one session: its section titles, then every active item, one line each."""
    titles = [s.title for s in agenda.sections]
    lines = [Line(0, "section", i, title, None, _one_line(title)) for i, title in enumerate(titles)]
    lines.extend(
        Line(
            it.id,
            it.kind.value,
            it.section,
            titles[it.section] if 0 <= it.section < len(titles) else "",
            it.at,
            _one_line(it.text),
            _names(it.owner, it.speaker),
        )
        for it in state.active_items()
    )
    return lines


def _names(owner: str | None, speaker: str | None) -> str:
    """Who a line is about, for search (`Line.names`): its owner or person, its speaker."""
    if owner and speaker and speaker != owner:
        return f"{owner} {speaker}"
    return owner or speaker or ""


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


# What replaying a well-formed session file may raise when the fold cannot follow it (say, an
# event type from a newer version): that session is reported and skipped, never the listing.
CANNOT_FOLLOW = (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError)

# Sessions read between two writes to the index while bringing it up to date.
BATCH = 200
# From this many sessions to read, they are read by one process per CPU (this one writes).
PARALLEL_FROM = 400
BULK_BATCH = 400  # sessions a transaction then
READ_CHUNK = 32  # sessions a reading process is given at a time
READ_AHEAD = 4  # chunks given out per reading process before the writer has taken the first
READER_NICENESS = 3  # how much lower the reading processes' priority is than the writer's
# A rebuild that takes longer than this shows its progress on a terminal's stderr.
PROGRESS_AFTER = 1.0


def entry_of(
    record: SessionRecord, key: tuple[int, int, int], locked: bool | Callable[[], bool]
) -> Entry:
    """What the index stores of one session record. `locked`: whether a process holds the
    session, or how to ask, asked only when the session has not ended (when it has, its lock
    says nothing: a rebuild asks of a handful of 20,000)."""
    state = replay_record(record)
    if callable(locked):
        locked = state.ended_at is None and locked()
    summary = _summary(record, state.agenda, state, locked)
    attendance = participation(state, state.as_of)
    people = [
        Person(p.name, p.status.value, state.attendance[p.name].guest, p.talk_time, p.turns)
        for p in attendance
    ]
    reps = record_performance(record, state).reps
    lines = search_lines(state.agenda, state)
    facts = meeting_facts(record, state, attendance).to_json()
    return Entry(record.id, key, summary.to_dict(), lines, people, reps, facts)


# A session file to read: its folder, id and key, and whether a process holds it (None: to be
# asked once read, if it has not ended).
Job = tuple[DataDir, str, tuple[int, int, int], "bool | None"]


def _read_rows(job: Job) -> tuple[str, Rows | None, str]:
    """One session file read into its rows, or the problem that kept it out (in any process)."""
    datadir, session_id, key, locked = job
    held = functools.partial(datadir.is_locked, session_id) if locked is None else locked
    try:
        return session_id, rows_of(entry_of(datadir.read(session_id), key, held)), ""
    except StoreError as exc:
        return session_id, None, str(exc)
    except CANNOT_FOLLOW as exc:
        # A well-formed file the fold cannot follow (say, a newer event type): report it,
        # leave the file alone, and still list the rest.
        name = datadir.session_path(session_id).name
        return session_id, None, f"{name}: cannot be read ({exc.__class__.__name__}: {exc})"


def _read_chunk(jobs: list[Job]) -> bytes:
    """`_read_rows` of each job, in a reading process: one round trip for a few dozen files,
    as `marshal` bytes (`_rows_back`). The rows are tuples, lists, text and numbers alone,
    which `marshal` writes and reads back in a third of the time `pickle` takes over the
    `Rows` they are (its class looked up for each): 0.3 ms a session less in all, reading
    processes and writer, at 20,000 sessions a twelfth of a rebuild. Only ever read back by
    the process that started this one.

    Then the youngest objects are collected: in a reading process the cycle collector is
    off (`_reading_process`), and what little a chunk might leave in a cycle goes with it."""
    sent = marshal.dumps(
        [
            (sid, None if rows is None else tuple(rows), problem)
            for sid, rows, problem in map(_read_rows, jobs)
        ]
    )
    gc.collect(0)
    return sent


def _rows_back(chunk: bytes) -> list[tuple[str, Rows | None, str]]:
    """What `_read_chunk` sent, as it was."""
    return [
        (sid, None if rows is None else Rows._make(rows), problem)
        for sid, rows, problem in marshal.loads(chunk)
    ]


def _reading_process() -> None:
    """A rebuild's reading process: the cycle collector off. Each session read makes
    thousands of short-lived containers, each freed as it is done with: reading 2,000
    sessions leaves no cycle behind, yet their count set the collector off again and again
    (even a hundred times less often than by default, a twentieth of the reading time). A
    chunk read, its youngest objects are collected once (`_read_chunk`). It reads and writes
    JSON by orjson (`load_fast_json`).

    It also yields to the writer (`READER_NICENESS`): one reading process per CPU and the
    writer are one process more than there are CPUs, and shared evenly the one writer got two
    thirds of a CPU and was what the rebuild waited for, while the readers, kept at most
    `READ_AHEAD` chunks ahead, waited for it in turn. Ahead of them, it has a CPU to itself
    whenever it has rows to write, and the readers have the rest."""
    gc.disable()
    load_fast_json()
    with contextlib.suppress(OSError):
        os.nice(READER_NICENESS)


@contextlib.contextmanager
def _collector_off(off: bool) -> Iterator[None]:
    """The cycle collector off while a rebuild writes (`off`): the rows that come back from the
    reading processes, hundreds of thousands of tuples, hold no cycle (nor does reading a
    session in this process), but the collector would look at each in turn (0.25 s of the
    writing process's 3 s at 2,000 sessions); each is freed as its batch is written. On again
    after."""
    if not off or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _tracker_with_real_stderr() -> None:
    """Start multiprocessing's resource tracker (which the first reading process would start)
    with the process's real stderr in place: it hands its process `sys.stderr.fileno()`, and
    under a screen `sys.stderr` is Textual's capture, whose descriptor is -1, which ended the
    history screen with `ValueError: bad value(s) in fds_to_keep`."""
    from multiprocessing import resource_tracker  # lazy: start-up

    try:
        captured = sys.stderr.fileno() < 0
    except (AttributeError, OSError, ValueError):
        captured = False  # no descriptor at all: the tracker leaves it out itself
    if not captured:
        return
    screen_stderr = sys.stderr
    sys.stderr = sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = screen_stderr


class _Progress:
    """A progress bar on stderr while a long rebuild runs, when stderr is a terminal:
    `minutely: indexing sessions [#########...........]  9000/20000`, redrawn in place."""

    WIDTH = 30

    def __init__(self, total: int) -> None:
        self.total = total
        self.began = time.monotonic()
        self.shown = False
        self.tty = total > 0 and sys.stderr.isatty()

    def show(self, n: int) -> None:
        if not self.tty or (not self.shown and time.monotonic() - self.began < PROGRESS_AFTER):
            return
        if self.shown and n % 50 and n != self.total:
            return
        self.shown = True
        filled = self.WIDTH * n // self.total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        count = f"{n:>{len(str(self.total))}}/{self.total}"
        sys.stderr.write(f"\rminutely: indexing sessions [{bar}] {count}")
        sys.stderr.flush()

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


class Indexer:
    """Brings the index up to date for the session files found changed (`Index._update`)."""

    def __init__(self, datadir: DataDir) -> None:
        self.datadir = datadir

    def update(
        self,
        catalog: Catalog,
        disk: dict[str, tuple[int, int, int]],
        stored: dict[str, tuple[int, int, int, str]],
        aside: list[str],
    ) -> list[str]:
        """Read again the files of `disk` whose key differs from the one `stored`."""
        problems: list[str] = []
        todo: list[tuple[str, bool | None]] = []
        for session_id, key in disk.items():
            old = stored.get(session_id)
            if old is None or old[:3] != key:
                todo.append((session_id, None))  # whether it is held: asked once read (`Job`)
                continue
            if old[3] == SessionStatus.ENDED:
                continue  # an ended session cannot change while its file does not
            locked = self.datadir.is_locked(session_id)
            if (old[3] == SessionStatus.LIVE) != locked:
                todo.append((session_id, locked))
        progress = _Progress(len(todo))
        batch: list[Rows] = []
        failed: list[str] = []
        many = len(todo) >= PARALLEL_FROM
        with catalog.bulk() if many else contextlib.nullcontext(), _collector_off(many):
            for n, (session_id, rows, problem) in enumerate(self._read_all(todo, disk), 1):
                if rows is not None:
                    batch.append(rows)
                else:
                    problems.append(problem)
                    failed.append(session_id)
                if len(batch) >= (BULK_BATCH if many else BATCH):
                    catalog.store(batch)
                    batch = []
                progress.show(n)
            catalog.store(batch)
        catalog.forget(sid for sid in failed if sid in stored)
        progress.done()
        problems.extend(
            f"{name}{_ASIDE_SAID}"
            for name in aside
            if not any(name in problem for problem in problems)  # just said, with its cause
        )
        return problems

    def _read_all(
        self, todo: list[tuple[str, bool | None]], disk: dict[str, tuple[int, int, int]]
    ) -> Iterator[tuple[str, Rows | None, str]]:
        """Each session's rows (or what kept it out), oldest id first: read here, or by one
        process per CPU when there are many (the rows come back in order, this one writes).

        The reading processes are kept at most `READ_AHEAD` chunks ahead of the writer: read
        faster than written, the rows waiting would otherwise grow with the history (at
        20,000 sessions, a hundred MB more)."""
        workers = min(os.cpu_count() or 1, 8)
        if len(todo) < PARALLEL_FROM or workers < 2:
            yield from (_read_rows((self.datadir, sid, disk[sid], lk)) for sid, lk in sorted(todo))
            return
        plain = DataDir(self.datadir.root)  # what a worker gets: the folder, nothing patched
        jobs = [(plain, sid, disk[sid], locked) for sid, locked in sorted(todo)]
        chunks = (jobs[at : at + READ_CHUNK] for at in range(0, len(jobs), READ_CHUNK))
        from concurrent.futures import Future, ProcessPoolExecutor  # lazy: start-up
        from multiprocessing import get_context  # lazy: start-up

        # "spawn": a fresh interpreter, never a fork of a process that may run threads (a screen).
        spawn = get_context("spawn")
        _tracker_with_real_stderr()
        with ProcessPoolExecutor(workers, mp_context=spawn, initializer=_reading_process) as pool:
            ahead: deque[Future[bytes]] = deque(
                pool.submit(_read_chunk, chunk) for chunk in islice(chunks, READ_AHEAD * workers)
            )
            while ahead:
                done = _rows_back(ahead.popleft().result())
                following = next(chunks, None)
                if following is not None:
                    ahead.append(pool.submit(_read_chunk, following))
                yield from done
