"""Home and history open when one session file is malformed: it is reported, the rest is shown."""

from __future__ import annotations

import json

from screen_text import text_of, until

from sessions.session import Session
from tui.app import make_app
from tui.screens.history import HistoryScreen
from tui.start import History
from widgets.table import RowTable


async def test_home_and_history_open_with_a_malformed_session(datadir, agenda, clock):
    ids = []
    for _ in range(2):
        session = Session.start(datadir, agenda, clock)
        session.submit("/a send the deck @Tom")
        session.close()
        ids.append(session.id)
        clock.advance(3600)
    path = datadir.session_path(ids[0])
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["1"]["title"] = 123
    path.write_text(json.dumps(data), encoding="utf-8")

    app = make_app(datadir, clock=clock, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: "kept aside" in text_of(app, "#home-problems"))
    history = make_app(datadir, History(), clock=clock, lang="en")
    async with history.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(history.screen, HistoryScreen))
        await until(pilot, lambda: history.screen.query_one(RowTable).row_count == 1)
