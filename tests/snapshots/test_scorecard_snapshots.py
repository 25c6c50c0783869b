"""Snapshots of the series scorecard screen at 80x24 and 160x48 (three recorded meetings, a fixed clock)."""

from __future__ import annotations

import itertools

import pytest
from screen_text import until
from series_sessions import SERIES, TODAY, meeting_clock, record_series

from tui.app import make_app
from tui.start import Series


@pytest.fixture
def app(datadir, monkeypatch):
    counter = itertools.count(1)  # session ids end in random hex: fixed ones keep the pictures
    monkeypatch.setattr("secrets.token_hex", lambda n: f"{next(counter):0{2 * n}x}")
    record_series(datadir)
    return make_app(datadir, Series(SERIES, "zh"), clock=meeting_clock(TODAY))


def shown(*keys: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        await until(pilot, lambda: app.screen.complete)
        for key in keys:
            await pilot.press(key)
        await until(pilot, lambda: all(str(k.content) for k in app.screen.query(".sc-legend")))
        await pilot.pause()

    return run_before


def test_scorecard_sales_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=shown())


def test_scorecard_sales_160x48(snap_compare, app):
    assert snap_compare(app, terminal_size=(160, 48), run_before=shown())


def test_scorecard_meetings_160x48(snap_compare, app):
    assert snap_compare(app, terminal_size=(160, 48), run_before=shown("4"))
