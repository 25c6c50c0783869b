"""Snapshots of the history list, a search, the session view and the actions list (fixed data, stopped fake clock, 160x48)."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from textual.widgets import Input

from sessions.session import Session
from tui.app import make_app
from tui.start import History

SIZE = (160, 48)


@pytest.fixture
def stable_ids(monkeypatch):
    """Session ids end in random hex; fixed ones keep the pictures the same from run to run."""
    counter = itertools.count(1)
    monkeypatch.setattr("secrets.token_hex", lambda n: f"{next(counter):0{2 * n}x}")


def _meeting(datadir, agenda, clock, lines, title, series):
    meeting = dataclasses.replace(agenda.meeting, title=title, series=series)
    session = Session.start(datadir, dataclasses.replace(agenda, meeting=meeting), clock)
    clock.advance(60)
    session.jump(2)
    for line in lines:
        clock.advance(45)
        session.submit(line)
    clock.advance(1800)
    session.end()
    session.close()
    clock.advance(7 * 86400)


@pytest.fixture
def app(datadir, agenda, clock, stable_ids):
    _meeting(
        datadir,
        agenda,
        clock,
        [
            "竞品 A 降价百分之五，渠道反馈强烈",
            "/a 整理客户名单 @张伟 due:2026-12-05 | 名单上传到共享盘",
            "/a 更新价格表 @陈静 due:2026-12-10",
            "/d 维持现有报价",
        ],
        "华东区 11 月销售月会",
        "east-monthly",
    )
    _meeting(
        datadir,
        agenda,
        clock,
        ["Acme wants a discount on the renewal", "/a Call the Acme buyer @Tom due:2026-12-20"],
        "Weekly sales review",
        "global-weekly",
    )
    _meeting(
        datadir,
        agenda,
        clock,
        ["渠道库存偏高，暂停压货", "/a 复盘降价影响 @张伟 due:2026-12-22 | 书面报告"],
        "华东区 12 月销售月会",
        "east-monthly",
    )
    return make_app(datadir, History(), clock=clock, lang="zh")


def test_history_list(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE)


def test_history_search(snap_compare, app):
    async def search(pilot):
        await pilot.press("slash")
        box = pilot.app.screen.query_one("#history-filter", Input)
        box.cursor_blink = False
        box.value = "?降价"
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()  # the search runs in a worker
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=search)


def test_session_view(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["down", "down", "enter"])


def test_actions_list(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["a"])
