"""Snapshots of the live meeting screen: on time, past 80 %, over time, narrow, and the help overlay."""

from __future__ import annotations

from pathlib import Path

import pytest
from screen_text import live_app
from textual.widgets import Input

from sessions.session import Session
from sessions.state import carried_actions

TCSS = Path(__file__).resolve().parents[2] / "tui" / "app.tcss"

CARRIED = [
    {
        "ref": "s0#1",
        "text": "整理华东客户名单",
        "owner": "张伟",
        "due": "2026-11-20",
        "origin": "10 月例会",
    },
]


@pytest.fixture
def meeting(datadir, agenda, clock):
    opened: list[Session] = []

    def start(lang: str) -> Session:
        session = Session.start(datadir, agenda, clock, lang=lang, carried=carried_actions(CARRIED))
        opened.append(session)
        return session

    yield start
    for session in opened:
        session.close()


def settle(clock, seconds: float):
    """A `run_before` that stops the cursor blinking and shows the clock moved by `seconds`."""

    async def run_before(pilot) -> None:
        capture = pilot.app.screen.query_one("#capture", Input)
        capture.cursor_blink = False
        clock.advance(seconds)
        pilot.app.screen.refresh_view()
        await pilot.pause()

    return run_before


def test_live_on_time_zh(snap_compare, meeting, clock):
    session = meeting("zh")
    session.submit("/status 1 done 已发给市场部")
    session.speaker_number(3)
    clock.advance(60)
    session.submit("华东区 A 类客户 120 家，名单已全部整理")
    session.submit("/d 12 月价格不变")
    session.submit("/a 给苏州客户发报价 @张伟 截止:12-05 | 客户确认收到")
    session.submit("/a 核算物流成本 @Kevin")
    session.speaker_number(1)
    assert snap_compare(
        live_app(session, "zh"), terminal_size=(160, 48), run_before=settle(clock, 60)
    )


def test_live_past_80_percent_en(snap_compare, meeting, clock):
    session = meeting("en")
    session.next()
    session.submit("Tom is 1% over target; Chen Jing 20% under")
    session.submit("/k @Tom best month this year")
    session.speaker_number(5)
    assert snap_compare(
        live_app(session, "en"), terminal_size=(160, 48), run_before=settle(clock, 750)
    )


def test_live_overtime_zh(snap_compare, meeting, clock):
    session = meeting("zh")
    session.jump(2)
    session.submit("/q 竞品降价 10%，我们跟不跟？")
    session.speaker_number(1)
    clock.advance(500)
    session.speaker_number(2)
    assert snap_compare(
        live_app(session, "zh"), terminal_size=(160, 48), run_before=settle(clock, 200)
    )


def test_live_paused_targets_en(snap_compare, meeting, clock):
    session = meeting("en")
    session.jump(3)
    session.submit("/target Tom 1.2m")
    session.submit("/target 张伟 150万")
    session.pause()
    assert snap_compare(
        live_app(session, "en"), terminal_size=(160, 48), run_before=settle(clock, 30)
    )


def test_live_narrow_zh(snap_compare, meeting, clock):
    session = meeting("zh")
    session.next()
    session.submit("/d 12 月价格不变")
    assert snap_compare(
        live_app(session, "zh"), terminal_size=(100, 30), run_before=settle(clock, 30)
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_overlay(snap_compare, meeting, clock, lang):
    session = meeting(lang)
    assert snap_compare(
        live_app(session, lang), press=["f1"], terminal_size=(160, 48), run_before=settle(clock, 0)
    )
