"""The live section board: follow-up actions and carried topics, targets and their totals."""

from __future__ import annotations

from live_meetings import MEETING, board_text, enter, live
from screen_text import live_app, until

from widgets.performance import Board


async def test_followup_board_wraps_the_action_and_shows_the_origin_date(followed_up):
    app = live_app(followed_up, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        board = app.screen.query_one(Board)
        lines = [line.plain for line in board._lines(board.content_size.width)]
        text = "\n".join(lines)
        assert "Tom Baker" in text and "11-27" in text and "20261127" not in text
        action = [line for line in lines if not line.startswith("Carried")]
        assert "…" not in "\n".join(action[1:])  # the action wraps instead of being cut
        assert "quote" in text and "discount" in text
    app = live_app(followed_up, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        board = app.screen.query_one(Board)
        text = "\n".join(line.plain for line in board._lines(board.content_size.width))
        assert "Ref" in text and "#1 · 11-27" in text and "revised" in text
        assert "d overdue" in text  # the due date and how late it is, beside the action


async def test_followup_shows_carried_topics_under_the_actions(followed_up):
    app = live_app(followed_up, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        board = app.screen.query_one(Board)
        text = "\n".join(line.plain for line in board._lines(board.content_size.width))
        assert "Carried from 11-27 (not reached): 竞品分析" in text
        assert "Carried from 11-27 (parking lot): CRM licences" in text


async def test_followup_board_shows_each_actions_reference_beside_its_list_number(monthly):
    app = live_app(monthly, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        lines = board_text(app).split("\n")
        assert "出处" in lines[0] and "来自" not in lines[0]
        first = next(line for line in lines if "给大客户发报价单" in line)
        second = next(line for line in lines if "整理华东区" in line)
        # The list number for /status first, the item number the minutes use beside the text.
        assert first.startswith("1 ") and "#9 · 11-27" in first
        assert second.startswith("2 ") and "#12 · 11-27" in second
        await enter(pilot, "/status 2 done")
        assert monthly.state.followup[f"{MEETING}#12"].status == "done"
    app = live_app(monthly, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = board_text(app)  # narrow: the due date goes, the reference stays under the text
        assert "#9 · 11-27" in text and "#12 · 11-27" in text


async def test_targets_section_lists_the_reps_before_any_target(followed_up):
    app = live_app(followed_up, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        followed_up.jump(3)
        live(app).refresh_view()
        await pilot.pause()
        board = app.screen.query_one(Board)
        assert [row.cells for row in board.rows] == [
            ("张伟", "1,200,000", "1,350,000", ""),
            ("陈静", "1,000,000", "800,000", ""),
            ("Tom Baker", "900,000", "910,000", ""),
            ("Total", "3,100,000", "3,060,000", ""),
        ]
        await enter(pilot, "/target 陈静 1100000")
        assert board.rows[1].cells == ("陈静", "1,000,000", "800,000", "1,100,000")
        assert board.rows[-1].cells == ("Total", "3,100,000", "3,060,000", "1,100,000")


async def test_targets_board_speaks_of_new_targets_and_totals_everything(followed_up):
    app = live_app(followed_up, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        followed_up.jump(3)
        await enter(pilot, "/target 张伟 1300000")
        board = app.screen.query_one(Board)
        assert str(board.border_title).startswith("New targets")
        total = board.rows[-1].cells
        assert total == ("Total", "3,100,000", "3,060,000", "1,300,000")


async def test_a_meeting_opened_in_a_section_without_a_board_shows_no_empty_board(followed_up):
    # Resumed (or started with --now) in a discussion section: no board, and no empty frame
    # where one would be; moving on to a board's section brings it.
    followed_up.jump(2)
    app = live_app(followed_up, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#board-pane").display
        followed_up.jump(3)
        live(app).refresh_view()
        await until(pilot, lambda: app.screen.query_one("#board-pane").display)
