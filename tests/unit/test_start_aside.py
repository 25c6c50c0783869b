"""A meeting's start reads its series' history in a child process while the app loads, and
starts with exactly what reading it in place gives."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest

from sessions import followup, store
from sessions.session import Session
from sessions.start import SeriesHistoryAside, read_series_history
from tui.cli import main

# Run in a process of its own: a fork copies the calling thread only, so the start forks
# only when no other thread runs (pytest's workers run some).
ASIDE = """
import json, os, sys
from datetime import datetime
from agendas.model import Agenda
from sessions import followup, start
from sessions.clock import FakeClock
from sessions.datadir import DataDir

root, agenda, wall, record, mode = sys.argv[1:]
me, real = os.getpid(), followup.series_history

def recorded(*args):
    with open(record, "a", encoding="utf-8") as out:
        out.write(f"{os.getpid()}\\n")
    if mode == "die" and os.getpid() != me:
        os._exit(3)
    return real(*args)

followup.series_history = recorded
clock = FakeClock(start=datetime.fromisoformat(wall))
aside = start.SeriesHistoryAside(DataDir(root), Agenda.from_dict(json.loads(agenda)), clock)
carried, previous, topics = aside.result()
print(json.dumps({"pid": me, "carried": [a.to_dict() for a in carried], "previous": previous,
                  "topics": [t.to_dict() for t in topics]}))
"""


def _meeting(datadir, agenda, clock, lines, *, end=True):
    carried, previous, topics = read_series_history(datadir, agenda, clock)
    session = Session.start(
        datadir, agenda, clock, carried=carried, topics=topics, previous=previous
    )
    clock.advance(60)
    session.jump(2)
    for line in lines:
        clock.advance(30)
        session.submit(line)
    if end:
        session.end()
    session.close()
    clock.advance(7 * 86400)
    return session


@pytest.fixture
def history(datadir, agenda, clock):
    _meeting(datadir, agenda, clock, ["/a 整理客户名单 @张伟 due:2026-12-05", "/p 华南渠道"])
    _meeting(datadir, agenda, clock, ["/a Call the dealer @Tom | 报价单", "/a 补签合同 @陈静"])
    return datadir


def _aside(datadir, agenda, clock, tmp_path, mode="ok"):
    record = tmp_path / "read-by.txt"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            ASIDE,
            str(datadir.root),
            json.dumps(agenda.to_dict()),
            clock.wall().isoformat(),
            str(record),
            mode,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout)
    readers = [int(pid) for pid in record.read_text(encoding="utf-8").split()]
    return found, readers


def _expected(datadir, agenda, clock):
    carried, previous, topics = read_series_history(datadir, agenda, clock)
    return {
        "carried": [a.to_dict() for a in carried],
        "previous": previous,
        "topics": [t.to_dict() for t in topics],
    }


def test_the_history_is_read_by_another_process_and_is_the_same(history, agenda, clock, tmp_path):
    # A session never indexed (the index is brought up to date by the child), still running.
    _meeting(history, agenda, clock, ["/a 更新报价 @张伟", "/p 返利政策"], end=False)
    found, readers = _aside(history, agenda, clock, tmp_path)
    assert len(readers) == 1 and readers[0] != found.pop("pid")  # read aside, once
    expected = _expected(history, agenda, clock)
    assert found == expected
    assert [a["text"] for a in found["carried"]] == [
        "整理客户名单",
        "Call the dealer",
        "补签合同",
        "更新报价",
    ]
    assert [t["text"] for t in found["topics"]][-1] == "返利政策"


def test_a_child_that_dies_leaves_the_reading_here(history, agenda, clock, tmp_path):
    found, readers = _aside(history, agenda, clock, tmp_path, mode="die")
    pid = found.pop("pid")
    assert len(readers) == 2 and readers[0] != pid and readers[1] == pid
    assert found == _expected(history, agenda, clock)


def test_an_empty_history_is_read_in_place(datadir, agenda, clock, tmp_path):
    datadir.ensure()
    found, readers = _aside(datadir, agenda, clock, tmp_path)
    assert readers == [found.pop("pid")]  # no child for nothing to read
    assert found == {"carried": [], "previous": None, "topics": []}


def test_no_fork_while_other_threads_run(history, agenda, clock, monkeypatch):
    readers: list[int] = []
    real = followup.series_history
    monkeypatch.setattr(followup, "series_history", lambda *args: readers.append(1) or real(*args))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        aside = SeriesHistoryAside(history, agenda, clock)
        assert readers == []  # nothing read yet
        assert aside.result() == read_series_history(history, agenda, clock)
        assert len(readers) == 2  # both here
    finally:
        stop.set()
        other.join()


def test_run_now_starts_with_the_series_history(history, agenda, clock, tmp_path, monkeypatch):
    """`minutely run --now`: the session's header carries what the series leaves it."""
    monkeypatch.setattr("tui.cli.has_terminal", lambda: True)
    monkeypatch.setattr("tui.launch.SystemClock", lambda: clock)
    monkeypatch.setattr("tui.launch.load", lambda path, template, lang: agenda)
    opened: list[Session] = []
    monkeypatch.setattr(
        "tui.launch._run_opened", lambda datadir, session, lang: opened.append(session) or 0
    )
    expected = _expected(history, agenda, clock)
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--template", "monthly-sales", "--now", "--data-dir", str(history.root)])
    assert exit_.value.code == 0
    [session] = opened
    session.close()
    meta = history.read(session.id).meta
    assert meta["carried"] == expected["carried"]
    assert meta["carried_topics"] == expected["topics"]
    assert meta["previous"] == expected["previous"]


def test_a_new_session_lists_no_folder(datadir, agenda, clock, monkeypatch):
    """Only a session opened again has temp files of its own to clear; listing the sessions
    folder for a new one would cost a start the size of the history."""
    Session.start(datadir, agenda, clock).close()
    listed: list[str] = []
    real = store.os.scandir

    def scandir(path):
        listed.append(str(path))
        return real(path)

    monkeypatch.setattr(store.os, "scandir", scandir)
    Session.start(datadir, agenda, clock).close()
    assert listed == []
