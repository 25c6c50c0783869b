"""Meetings the screen tests start, and the few moves they share: type a line, read the board or roster."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input

from sessions.events import AttendanceStatus
from sessions.followup import topics_from_header
from sessions.session import Session
from sessions.state import carried_actions
from tui.screens.live import LiveScreen
from widgets.performance import Board
from widgets.roster import Roster

SIZE = (160, 48)

CARRIED = [
    {
        "ref": "s0#1",
        "text": "Send Acme one more revised quote with the volume discount",
        "owner": "Tom Baker",
        "due": "2026-11-20",
        "origin": "20261127-0900-abcd",
        "origin_date": "2026-11-27",
    },
]
TOPICS = [
    {"kind": "section", "text": "竞品分析", "origin": "x", "origin_date": "2026-11-27"},
    {"kind": "parking", "text": "CRM licences", "origin": "x", "origin_date": "2026-11-27"},
]

MEETING = "20261127-0603-b36d"
CARRIED_REFS = [
    {
        "ref": f"{MEETING}#9",
        "text": "给大客户发报价单",
        "owner": "张伟",
        "due": "2026-12-05",
        "origin": MEETING,
        "origin_date": "2026-11-27",
    },
    {
        "ref": f"{MEETING}#12",
        "text": "整理华东区 A 类客户名单",
        "owner": "陈静",
        "due": "2026-12-05",
        "origin": MEETING,
        "origin_date": "2026-11-27",
    },
]


def start_followed_up(datadir, agenda, clock) -> Session:  # type: ignore[no-untyped-def]
    """An en meeting with one action and two topics carried over; Tom Baker not checked in."""
    marks = {name: AttendanceStatus.PRESENT for name in agenda.names}
    marks["Tom Baker"] = AttendanceStatus.EXPECTED
    return Session.start(
        datadir,
        agenda,
        clock,
        lang="en",
        carried=carried_actions(CARRIED),
        topics=topics_from_header(TOPICS),
        attendance=marks,
    )


def start_monthly(datadir, agenda, clock) -> Session:  # type: ignore[no-untyped-def]
    """A zh meeting: 陈静 announced late, Tom Baker absent, two actions carried from #9 and #12."""
    marks = {name: AttendanceStatus.PRESENT for name in agenda.names}
    marks["陈静"] = AttendanceStatus.LATE
    marks["Tom Baker"] = AttendanceStatus.ABSENT
    return Session.start(
        datadir, agenda, clock, lang="zh", carried=carried_actions(CARRIED_REFS), attendance=marks
    )


def live(app: App) -> LiveScreen:
    assert isinstance(app.screen, LiveScreen)
    return app.screen


async def enter(pilot, line: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one("#capture", Input).value = line
    await pilot.press("enter")
    await pilot.pause()


def board_text(app: App) -> str:
    board = app.screen.query_one(Board)
    return "\n".join(line.plain for line in board._lines(board.content_size.width))


def roster_plain(app: App) -> list[str]:
    return str(app.screen.query_one(Roster).render()).split("\n")
