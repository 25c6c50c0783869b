"""The room display: it follows the meeting, moves on to the next one, and says when it ended."""

from __future__ import annotations

from dataclasses import replace

from live_meetings import SIZE
from screen_text import polls, text_of, until
from textual.widgets import Digits

from agendas.model import Section
from sessions.session import Session
from tui.app import make_app
from tui.screens.display import DisplayScreen
from tui.start import Display


def second_meeting(agenda):
    return replace(
        agenda,
        meeting=replace(agenda.meeting, title="华东区周会"),
        sections=(Section("本周客户拜访", 900), *agenda.sections[1:]),
    )


async def test_display_without_a_session_moves_on_to_the_next_meeting(datadir, clock, agenda):
    first = Session.start(datadir, agenda, clock, lang="zh")
    second = None
    try:
        app = make_app(datadir, Display(first.id, follow_latest=True), clock=clock, lang="zh")
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, DisplayScreen)
            assert text_of(app, "#display-section") == "上月例会工作追踪"

            first.end()
            first.close()
            await until(pilot, lambda: screen.has_class("-ended"))

            clock.advance(3600)
            second = Session.start(datadir, second_meeting(agenda), clock, lang="zh")
            clock.advance(2)  # the display looks for the next meeting every two seconds
            await until(pilot, lambda: screen.session_id == second.id)
            await until(pilot, lambda: text_of(app, "#display-section") == "本周客户拜访")
            assert text_of(app, "#display-meeting") == "华东区周会"
            assert not screen.has_class("-ended")
            assert (
                screen.query_one("#display-countdown", Digits).value == "14:58"
            )  # started two seconds ago
            assert datadir.is_locked(second.id)  # the display never takes the lock
    finally:
        first.close()
        if second is not None:
            second.close()


async def test_display_looks_for_the_next_meeting_at_most_every_two_seconds(
    datadir, clock, agenda, monkeypatch
):
    first = Session.start(datadir, agenda, clock, lang="zh")
    first.end()
    first.close()
    looked: list[float] = []
    session_ids = datadir.session_ids

    def counting() -> list[str]:
        looked.append(clock.monotonic())
        return session_ids()

    monkeypatch.setattr(datadir, "session_ids", counting)
    app = make_app(datadir, Display(first.id, follow_latest=True), clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(looked))
        await polls(pilot, app.screen)  # the display polls, but the (fake) clock stands still
        assert len(looked) == 1
        clock.advance(2)
        await until(pilot, lambda: len(looked) == 2)


async def test_display_of_a_named_session_stays_on_it(datadir, clock, agenda):
    first = Session.start(datadir, agenda, clock, lang="zh")
    first.end()
    first.close()
    clock.advance(3600)
    second = Session.start(datadir, second_meeting(agenda), clock, lang="zh")
    try:
        app = make_app(datadir, Display(first.id), clock=clock, lang="zh")
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            await until(pilot, lambda: screen.has_class("-ended"))
            clock.advance(10)
            await polls(pilot, screen)
            assert screen.session_id == first.id
            assert "结束" in text_of(app, "#display-section")
    finally:
        second.close()


async def test_room_display_labels_the_end(datadir, agenda, clock):
    s = Session.start(datadir, agenda, clock, lang="en")
    clock.advance(269)
    s.end()
    s.close()
    app = make_app(datadir, Display(s.id), clock=clock, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DisplayScreen)
        assert app.screen.query_one(Digits).value == "09:04"
        assert text_of(app, "#display-plan") == "Ended 09:04 · lasted 4 min 29 s · thank you all."
