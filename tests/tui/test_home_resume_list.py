"""The home screen lists every interrupted meeting; choosing one from the list (not `r`) resumes that one."""

from __future__ import annotations

import subprocess
import sys

from screen_text import key_event, until
from textual.widgets import OptionList

from sessions.disk import TMP_MARK
from sessions.session import Session
from tui.app import make_app
from tui.screens.home import HomeScreen
from tui.start import Home

SIZE = (160, 48)


def interrupted(datadir, agenda, clock, note: str) -> str:
    session = Session.start(datadir, agenda, clock, lang="en")
    session.submit(note)
    session.interrupt("SIGHUP")
    session.close()
    return session.id


async def test_choosing_an_older_meeting_in_the_list_resumes_it(datadir, agenda, clock):
    older = interrupted(datadir, agenda, clock, "the older meeting's note")
    clock.advance(3600)
    newer = interrupted(datadir, agenda, clock, "the newer meeting's note")
    clock.advance(120)
    app = make_app(datadir, Home(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        menu = app.screen.query_one("#home-menu", OptionList)
        listed = [
            str(menu.get_option_at_index(i).id)
            for i in range(menu.option_count)
            if str(menu.get_option_at_index(i).id).startswith("s:")
        ]
        assert listed == [f"s:{newer}", f"s:{older}"]  # newest first, `r` is the newer
        target = menu.get_option_index(f"s:{older}")
        for _ in range(menu.option_count):
            if menu.highlighted == target:
                break
            await pilot.press("down")
        assert menu.highlighted == target
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "LiveScreen")
        assert app.session is not None and app.session.id == older
        assert [it.text for it in app.session.state.active_items()] == ["the older meeting's note"]
        assert datadir.is_locked(older) and not datadir.is_locked(newer)
        assert datadir.read(older).events[-1]["type"] == "app_resumed"
        assert datadir.read(newer).events[-1]["type"] != "app_resumed"
    assert not datadir.is_locked(older)  # closed with the app


async def test_a_dead_writers_temp_files_are_removed_once_the_app_is_up(datadir, clock):
    """Every start of the app clears what writers that died mid-write left in each folder
    (their real files are intact), after the first screen rather than before it."""
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    pid = int(dead.stdout)
    datadir.sessions_dir.mkdir(parents=True, exist_ok=True)
    stale = [
        datadir.sessions_dir / f".20261201-0900-0001.json{TMP_MARK}{pid}-abc123",
        datadir.root / f".index.sqlite3{TMP_MARK}{pid}-abc123",
    ]
    for path in stale:
        path.write_bytes(b'{"half a fi')
    alive = datadir.sessions_dir / f".20261201-0900-0002.json{TMP_MARK}1-abc123"  # pid 1 lives
    alive.write_bytes(b"{")
    app = make_app(datadir, Home(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: not any(path.exists() for path in stale))
        assert alive.exists()


async def test_lines_typed_at_once_after_r_resumes_the_meeting_are_captured(datadir, agenda, clock):
    """`r` and typing on: the keys that reach the home screen before the meeting's screen is up
    go into its capture bar, in order; none opens anything from the home screen's keys."""
    sid = interrupted(datadir, agenda, clock, "before the break")
    clock.advance(120)
    app = make_app(datadir, Home(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        for char in "rafter the break\rhello again\r":
            app.post_message(key_event(char))
        await until(
            pilot, lambda: app.session is not None and len(app.session.state.active_items()) == 3
        )
        assert app.session.id == sid
        assert [it.text for it in app.session.state.active_items()] == [
            "before the break",
            "after the break",
            "hello again",
        ]
        assert type(app.screen).__name__ == "LiveScreen"
