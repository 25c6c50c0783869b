"""Snapshots of the shell's screens at 160x48: home, pre-meeting (zh, en) and the room display."""

from __future__ import annotations

from agendas.templates import load_template
from sessions.session import Session
from tui.app import make_app
from tui.start import Display, PreMeeting

SIZE = (160, 48)


def test_home(snap_compare, datadir, clock, agenda):
    interrupted = Session.start(datadir, agenda, clock, lang="zh")
    interrupted.submit("报价单周五前发出")
    interrupted.interrupt("SIGHUP")
    interrupted.close()
    assert snap_compare(make_app(datadir, clock=clock, lang="en"), terminal_size=SIZE)


def test_premeeting_zh(snap_compare, datadir, clock, agenda):
    app = make_app(datadir, PreMeeting(agenda), clock=clock)
    # Two people checked in, one late, one ticked preparation item.
    assert snap_compare(app, press=["p", "l", "tab", "space"], terminal_size=SIZE)


def test_premeeting_en(snap_compare, datadir, clock):
    app = make_app(datadir, PreMeeting(load_template("monthly-sales", "en")), clock=clock)
    assert snap_compare(app, terminal_size=SIZE)


def test_room_display(snap_compare, datadir, clock, agenda):
    session = Session.start(datadir, agenda, clock, lang="zh")
    clock.advance(9 * 60)
    session.next()
    clock.advance(13 * 60 + 30)  # 90 % of the section: the warning colour
    try:
        app = make_app(datadir, Display(session.id), clock=clock, lang="zh")
        assert snap_compare(app, terminal_size=SIZE)
    finally:
        session.close()
