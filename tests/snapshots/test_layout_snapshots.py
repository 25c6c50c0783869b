"""The live meeting (a performance section with reps and items) and the pre-meeting check at
every common terminal size, in both languages: nothing cut, nothing overlapping."""

from __future__ import annotations

import pytest
from screen_text import live_app
from textual.widgets import Input

from sessions.session import Session
from tui.app import make_app
from tui.start import PreMeeting

SIZES = [(80, 24), (100, 30), (120, 40), (200, 50)]
LANGS = ["zh", "en"]


@pytest.fixture
def performance(datadir, agenda, clock):
    """A meeting in its performance section: someone late, someone speaking, two items."""
    opened: list[Session] = []

    def start(lang: str) -> Session:
        session = Session.start(datadir, agenda, clock, lang=lang)
        opened.append(session)
        session.submit("/late 陈静")
        session.next()
        session.speaker_number(3)
        clock.advance(90)
        session.submit("/here 陈静")
        session.submit("张伟完成率 112%，华东第一" if lang == "zh" else "Zhang Wei at 112%, first")
        session.submit("/a 陈静提交差距分析 @陈静 due:2026-12-05 | 部门经理确认")
        session.speaker_number(4)
        clock.advance(45)
        return session

    yield start
    for session in opened:
        session.close()


async def still(pilot) -> None:
    """No cursor blink, the clock as it was: the picture is the same on every run."""
    pilot.app.screen.query_one("#capture", Input).cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_live_performance(snap_compare, performance, size, lang):
    session = performance(lang)
    assert snap_compare(live_app(session, lang), terminal_size=size, run_before=still)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_premeeting(snap_compare, datadir, agenda, clock, size, lang):
    app = make_app(datadir, PreMeeting(agenda), clock=clock, lang=lang)
    # One present, one late, then the checklist focused.
    assert snap_compare(app, press=["p", "l", "tab"], terminal_size=size)
