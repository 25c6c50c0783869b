"""What the live screen says back: refused lines kept for editing, confirmations, section numbers, outages."""

from __future__ import annotations

from live_meetings import enter
from rich.cells import cell_len
from screen_text import live_app, text_of
from textual.widgets import Input, Static

from sessions.session import Session


async def test_a_refused_line_is_selected_and_typing_sets_it_aside(followed_up):
    app = live_app(followed_up, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/status 9 done")
        capture = app.screen.query_one("#capture", Input)
        assert capture.value == "/status 9 done"
        assert tuple(capture.selection) == (0, len("/status 9 done"))
        await pilot.press(*"/end")  # a new line: the refused one waits
        assert capture.value == "/end"
        await pilot.press("enter")
        await pilot.pause()
        assert not followed_up.state.ended  # it would have been lost
        assert capture.value == "/status 9 done"
        await pilot.press("backspace", *"/end", "enter")
        await pilot.pause()
        assert followed_up.state.ended


async def test_after_a_refusal_end_moves_to_the_end_to_edit(followed_up):
    app = live_app(followed_up, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/extend 999")
        capture = app.screen.query_one("#capture", Input)
        await pilot.press("end", "backspace", "backspace", "enter")
        await pilot.pause()
        assert capture.value == ""
        assert followed_up.state.sections[0].extended == 9 * 60


async def test_a_key_refused_leaves_a_half_typed_line_alone(followed_up):
    app = live_app(followed_up, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        capture = app.screen.query_one("#capture", Input)
        await pilot.press(*"half")
        await pilot.press("f3")  # no section before the first: refused
        await pilot.pause()
        assert "Not done" in text_of(app, "#status-line")
        await pilot.press("x")
        assert capture.value == "halfx"


async def test_long_refusal_wraps_to_two_lines_and_placeholder_fits_100_columns(followed_up):
    app = live_app(followed_up, "zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await enter(pilot, "/a 整理名单 截止:明年某天")
        line = app.screen.query_one("#status-line", Static)
        assert line.size.height == 2
        capture = app.screen.query_one("#capture", Input)
        assert cell_len(capture.placeholder) <= capture.content_size.width
    app = live_app(followed_up, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        capture = app.screen.query_one("#capture", Input)
        assert cell_len(capture.placeholder) <= capture.content_size.width


async def test_confirmations_say_what_happened(followed_up, clock):
    app = live_app(followed_up, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/extend 5")
        assert text_of(app, "#status-line") == "+5 min for 上月例会工作追踪 (now 15 min)"
        await enter(pilot, "/pause")
        assert text_of(app, "#status-line") == "Paused at 09:00: F5 resumes"
        await enter(pilot, "/resume")
        assert text_of(app, "#status-line") == "Resumed: the clocks run again"
        await enter(pilot, "/status 1 done sent Monday")
        assert text_of(app, "#status-line") == "Action 1 marked done"
        await enter(pilot, "/here Tom")
        assert text_of(app, "#status-line") == "Tom Baker arrived 09:00"
        await enter(pilot, "/here Tom")
        assert text_of(app, "#status-line") == "Tom Baker is already here"
        clock.advance(120)
        await enter(pilot, "/left Tom")
        assert text_of(app, "#status-line") == "Tom Baker left 09:02"
        await pilot.press("f6")
        await pilot.pause()
        assert text_of(app, "#status-line") == "+1 min for 上月例会工作追踪 (now 16 min)"


async def test_confirmations_in_chinese(followed_up):
    app = live_app(followed_up, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/延长 5")
        assert text_of(app, "#status-line") == "上月例会工作追踪 延长 5 分钟（现为 15 分钟）"
        await enter(pilot, "/签到 张伟")
        await enter(pilot, "/签到 张伟")
        assert text_of(app, "#status-line") == "张伟 已在场"


async def test_section_numbers_are_the_agendas_after_a_defer(followed_up):
    app = live_app(followed_up, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("f8")  # defer section 1; section 2 runs
        await pilot.pause()
        assert text_of(app, "#countdown-title").startswith("Section 2/5  ")
        assert text_of(app, "#status-line") == "Section 1 (上月例会工作追踪) moved to the end"
        for _ in range(4):
            await pilot.press("f4")
        await pilot.pause()
        assert followed_up.state.current == 0
        assert text_of(app, "#countdown-title").startswith("Section 1/5  ")
        assert text_of(app, "#status-line") == "Now section 1: 上月例会工作追踪"


async def test_a_short_outage_is_said_in_seconds(datadir, agenda, clock):
    s = Session.start(datadir, agenda, clock, lang="en")
    s.close()
    clock.advance(21)
    resumed = Session.resume(datadir, s.id, clock)
    try:
        app = live_app(resumed, "en")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            assert "App was down for about 21 s at 09:00" in text_of(app, "#alerts")
    finally:
        resumed.close()
