"""Opening a meeting: the series' open actions and left-over topics, then the session file."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading

from agendas.model import Agenda
from sessions import followup
from sessions.clock import Clock
from sessions.datadir import DataDir
from sessions.disk import StoreError
from sessions.session import Session
from sessions.state import CarriedAction

# What reading the series' history may run into: an unreadable or damaged file, or a cache
# or ledger written by something else. The history helps the meeting; it is no condition
# for holding it.
SERIES_HISTORY_ERRORS = (StoreError, OSError, KeyError, TypeError, ValueError)


def start_session(
    datadir: DataDir,
    agenda: Agenda,
    clock: Clock,
    lang: str,
    *,
    attendance: dict[str, str] | None,
    checklist: dict[int, bool] | None = None,
    carried: list[CarriedAction] | None = None,
    topics: list[followup.CarriedTopic] | None = None,
    previous: str | None = None,
) -> Session:
    """Start a meeting, carrying the series' open actions and left-over topics unless given already.

    `attendance=None` means everyone is here. A series history that cannot be read starts the
    meeting without it.
    """
    if carried is None and topics is None:  # both from one reading of the series
        carried, previous, topics = read_series_history(datadir, agenda, clock)
    return Session.start(
        datadir,
        agenda,
        clock,
        attendance=attendance,
        checklist=checklist,
        carried=carried,
        topics=topics,
        lang=lang,
        previous=previous,
    )


# Where a fork of this process is safe to run Python in (macOS system libraries are not).
FORKS = sys.platform.startswith("linux") and hasattr(os, "fork")

SeriesHistory = tuple[list[CarriedAction], str | None, list[followup.CarriedTopic]]


def read_series_history(datadir: DataDir, agenda: Agenda, clock: Clock) -> SeriesHistory:
    """What a new meeting of the agenda's series inherits (`followup.series_history`), as of
    today; a history that cannot be read is no history."""
    try:
        return followup.series_history(datadir, agenda, clock.wall().date())
    except SERIES_HISTORY_ERRORS:
        return [], None, []


class SeriesHistoryAside:
    """The series' history read by a child process while this one goes on (say, importing the
    app), so that bringing the index up to date is off the way to the first screen.

    The child is a fork: it starts at once, sharing what is loaded, and runs on another CPU
    (a thread would wait for this one's interpreter lock). It computes exactly what
    `read_series_history` does here and sends it back in the header's own shape
    (`to_dict`). Where there is no fork (`FORKS`), or threads run (a fork copies only the
    calling one), or the child fails, `result()` reads the history here instead: the same
    answer, later.
    """

    def __init__(self, datadir: DataDir, agenda: Agenda, clock: Clock) -> None:
        self.datadir, self.agenda, self.clock = datadir, agenda, clock
        self._child: tuple[int, int] | None = None  # pid, the pipe's end to read
        if agenda.meeting.series and FORKS and threading.active_count() == 1 and _any(datadir):
            self._child = self._fork()

    def _fork(self) -> tuple[int, int] | None:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the child: never returns to the caller
            code = 1
            try:
                os.close(read_end)
                carried, previous, topics = read_series_history(
                    self.datadir, self.agenda, self.clock
                )
                sent = {
                    "carried": [action.to_dict() for action in carried],
                    "previous": previous,
                    "topics": [topic.to_dict() for topic in topics],
                }
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(json.dumps(sent).encode())
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        return pid, read_end

    def result(self) -> SeriesHistory:
        """The series' history: the child's, or read here when the child gave none."""
        if self._child is None:
            return read_series_history(self.datadir, self.agenda, self.clock)
        pid, read_end = self._child
        self._child = None
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            return read_series_history(self.datadir, self.agenda, self.clock)
        sent = json.loads(data)
        return (
            [CarriedAction.from_dict(raw) for raw in sent["carried"]],
            sent["previous"],
            followup.topics_from_header(sent["topics"]),
        )

    def close(self) -> None:
        """Leave the child's answer unread (the start did not get that far)."""
        if self._child is not None:
            pid, read_end = self._child
            self._child = None
            os.close(read_end)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _any(datadir: DataDir) -> bool:
    """Whether the sessions folder holds anything (its first name only: never the whole
    folder). An empty one has no history to read aside."""
    try:
        with os.scandir(datadir.sessions_dir) as names:
            return next(names, None) is not None
    except OSError:
        return False
