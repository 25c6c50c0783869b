"""The live performance board ranks a tie as the minutes do (1, 2, 2), from the same figures."""

from __future__ import annotations

from live_meetings import enter
from sample_agendas import tied_agenda
from screen_text import live_app, until

from sessions.minutes.model import build_minutes
from sessions.session import Session
from widgets.performance import Board


async def test_a_tie_ranks_the_same_on_the_board_and_in_the_minutes(datadir, clock):
    session = Session.start(datadir, tied_agenda(), clock)
    app = live_app(session, "en")
    async with app.run_test(size=(120, 36)):
        rows = app.screen.query_one(Board).rows
        on_screen = {row.cells[0]: row.cells[4] for row in rows}
    assert on_screen == {"Bo": "2", "Cy": "2", "Di": "1", "Ed": "", "Total": ""}
    minutes = build_minutes(datadir.read(session.id), "en")
    assert minutes.performance is not None
    assert {r.name: str(r.rank or "") for r in minutes.performance} == {
        k: v for k, v in on_screen.items() if k != "Total"
    }


async def test_actual_typed_in_the_meeting_shows_on_the_board_and_moves_the_ranks(datadir, clock):
    session = Session.start(datadir, tied_agenda(), clock)
    app = live_app(session, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        board = app.screen.query_one(Board)
        before = {row.cells[0]: row.cells for row in board.rows}
        await enter(pilot, "/actual Ed 1.2m")

        def ed_row() -> tuple[str, ...]:
            return next(tuple(r.cells) for r in board.rows if r.cells[0] == "Ed")

        await until(pilot, lambda: ed_row() != tuple(before["Ed"]))
        assert "1,200,000" in ed_row()[2]
    assert session.state.results == {"Ed": 1_200_000.0}
    minutes = build_minutes(datadir.read(session.id), "en")
    assert minutes.performance is not None
    assert next(r for r in minutes.performance if r.name == "Ed").actual == 1_200_000.0
