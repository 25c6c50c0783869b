"""The home screen lists every interrupted meeting; choosing one from the list (not `r`) resumes that one."""

from __future__ import annotations

from screen_text import until
from textual.widgets import OptionList

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
