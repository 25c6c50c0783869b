"""What passes `check` runs: the pre-meeting screen and the live screen at the caps and the date limits."""

from __future__ import annotations

import pytest
from agenda_limits import agenda_yaml
from screen_text import until

from agendas.loader import MAX_PARTICIPANTS, MAX_SECTIONS, load_agenda_text
from tui.app import make_app
from tui.screens.premeeting import PreMeetingScreen
from tui.start import PreMeeting


@pytest.mark.parametrize("starts", ["2000-01-01 00:00", "2100-12-31 23:59"], ids=["first", "last"])
async def test_premeeting_and_live_screens_open_at_the_caps(datadir, clock, starts):
    agenda = load_agenda_text(
        agenda_yaml(sections=MAX_SECTIONS, participants=MAX_PARTICIPANTS, starts=starts), "a.yaml"
    )
    app = make_app(datadir, PreMeeting(agenda), clock=clock, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PreMeetingScreen))
        await pilot.press("s", "s")  # start, and yes, nobody has been checked in
        await until(pilot, lambda: app.session is not None)
        await pilot.pause()
        assert app.session.state.current == 0
        app.session.submit("/next")
        await pilot.pause()
        assert app.session.state.current == 1
