"""The live meeting's performance board: a target set with /target in the meeting before, and where it came from."""

from __future__ import annotations

from datetime import date

from screen_text import live_app, until
from series_sessions import meeting_clock, month_agenda

from sessions.datadir import DataDir
from sessions.start import start_session
from widgets.performance import Board


async def test_the_live_board_shows_the_carried_target_and_its_origin(tmp_path):
    datadir = DataDir(tmp_path / "data")
    clock = meeting_clock(date(2026, 10, 8))
    october = start_session(
        datadir, month_agenda("10", [("张伟", 1_000_000, 900_000)]), clock, "en", attendance=None
    )
    october.jump(2)  # the targets section
    october.submit("/target 张伟 1200000")
    october.end()
    october.close()
    clock = meeting_clock(date(2026, 11, 5))
    november = start_session(
        datadir, month_agenda("11", [("张伟", None, 1_320_000)]), clock, "en", attendance=None
    )
    november.jump(1)  # the performance section
    app = live_app(november, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        board = app.screen.query_one(Board)
        await until(pilot, lambda: bool(board.rows))
        zhang = next(tuple(r.cells) for r in board.rows if r.cells[0] == "张伟")
    november.close()
    assert zhang == ("张伟", "1,200,000", "1,320,000", "110%", "1", "meeting of 10-08")
