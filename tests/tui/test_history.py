"""The history and actions screens driven by Pilot: filter, search, open, export, delete to the trash, mark done."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading

import pytest
from rich.text import Text
from screen_text import key_event, until
from textual.widgets import DataTable, Input, Static

from sessions.actions import LedgerEntry, load_actions, read_ledger
from sessions.catalog import Catalog
from sessions.index import Index
from sessions.search import Searcher
from sessions.session import Session
from tui.app import make_app
from tui.presenters import history as rows_of
from tui.screens.actions import ActionsScreen, CommentScreen
from tui.screens.dialogs import ConfirmScreen
from tui.screens.history import HistoryScreen
from tui.screens.session_view import SessionScreen
from tui.start import History
from widgets.table import RowTable

SIZE = (120, 36)


def _meeting(datadir, agenda, clock, lines, title=None, series=None):
    meeting = dataclasses.replace(
        agenda.meeting,
        title=title or agenda.meeting.title,
        series=series if series is not None else agenda.meeting.series,
    )
    session = Session.start(datadir, dataclasses.replace(agenda, meeting=meeting), clock)
    clock.advance(60)
    session.jump(2)
    for line in lines:
        clock.advance(45)
        session.submit(line)
    clock.advance(600)
    session.end()
    session.close()
    clock.advance(7 * 86400)
    return session


@pytest.fixture
def history(datadir, agenda, clock):
    """Three ended meetings: two of the east series, one weekly English one."""
    first = _meeting(
        datadir,
        agenda,
        clock,
        ["竞品 A 降价百分之五", "/a 整理客户名单 @张伟 due:2026-12-05 | 名单上传到共享盘"],
        title="华东区 11 月销售月会",
    )
    second = _meeting(
        datadir,
        agenda,
        clock,
        ["Acme wants a discount", "/a Call the Acme buyer @Tom due:2026-12-20"],
        title="Weekly sales review",
        series="global-weekly",
    )
    third = _meeting(
        datadir,
        agenda,
        clock,
        ["渠道库存偏高，暂停压货", "/d 维持报价"],
        title="华东区 12 月销售月会",
    )
    return [first, second, third]


async def searched(pilot) -> None:
    """Let the typing reach the screen, then the note search (a worker) finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def table_of(app) -> RowTable:
    return app.screen.query_one(RowTable)


def actions_table(app) -> DataTable:
    return app.screen.query_one(DataTable)


def column(table: RowTable | DataTable, key: str) -> list[str]:
    return [str(c) for c in table.get_column(key)]


def status_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_sessions_are_listed_newest_first_with_their_figures(datadir, history, clock):
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        table = table_of(app)
        assert column(table, "title") == [
            "华东区 12 月销售月会",
            "Weekly sales review",
            "华东区 11 月销售月会",
        ]
        assert column(table, "series") == ["east-monthly", "global-weekly", "east-monthly"]
        assert column(table, "date")[2] == "2026-12-01 09:00"
        assert column(table, "duration")[0] == "12/50 min"
        assert column(table, "items") == ["2", "2", "2"]
        assert column(table, "open") == ["0", "1", "1"]
        assert "3 of 3 sessions" in status_of(app, "#history-status")


async def test_filter_by_text_and_by_series(datadir, history, clock):
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.press(*"weekly")
        await searched(pilot)  # filtered in SQL once the typing pauses
        assert column(table_of(app), "title") == ["Weekly sales review"]
        await pilot.press("escape", "escape")  # leave the box, then clear it
        await pilot.pause()
        assert len(column(table_of(app), "title")) == 3
        await pilot.press("s")  # the first series in order: east-monthly
        await pilot.pause()
        assert column(table_of(app), "series") == ["east-monthly", "east-monthly"]
        assert "east-monthly" in status_of(app, "#history-status")
        await pilot.press("s", "s")  # global-weekly, then all again
        await pilot.pause()
        assert len(column(table_of(app), "title")) == 3


async def test_search_highlights_the_match_in_chinese_and_english(datadir, history, clock):
    app = make_app(datadir, History(), clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        box = app.screen.query_one("#history-filter", Input)
        assert box.has_focus and box.value == "?"
        box.value = "?降价"  # what an input method hands over in one go
        await searched(pilot)
        table = table_of(app)
        assert table.row_count == 1
        cell = table.get_row_at(0)[-1]
        assert isinstance(cell, Text)
        assert cell.plain == "竞品 A 降价百分之五"
        styled = [(s.start, s.end) for s in cell.spans if "reverse" in str(s.style)]
        assert styled == [(5, 7)]
        assert "1 处匹配" in status_of(app, "#history-status")
        box.value = "?acme"
        await searched(pilot)
        rows = [table.get_row_at(i)[-1] for i in range(table.row_count)]
        assert [r.plain for r in rows] == ["Acme wants a discount", "Call the Acme buyer"]
        assert [[(s.start, s.end) for s in r.spans] for r in rows] == [[(0, 4)], [(9, 13)]]
        box.value = "?没有的词"
        await searched(pilot)
        assert table.row_count == 0
        assert "没有记录包含" in status_of(app, "#history-status")


async def test_open_a_session_read_only_from_a_search_hit(datadir, history, clock):
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#history-filter", Input).value = "?库存"
        await searched(pilot)
        table_of(app).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session_id == history[2].id
        body = str(app.screen.query_one("#session-body", Static).render())
        assert "华东区 12 月销售月会" in body
        assert "渠道库存偏高，暂停压货" in body and "维持报价" in body
        assert "not reached" in body  # sections 2, 4 and 5 were never entered
        assert "Attendance" in body and "Tom Baker: present" in body
        assert "Participation" in body
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_export_from_the_session_screen_shows_the_path(datadir, history, clock):
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("e", "m")  # the formats offered, Markdown by its letter
        await app.workers.wait_for_complete()
        await pilot.pause()
        path = datadir.exports_dir / f"{history[2].id}.md"
        assert path.exists()
        assert str(path) in status_of(app, "#session-status")
        assert "华东区 12 月销售月会" in path.read_text(encoding="utf-8")


async def test_delete_asks_then_moves_the_file_to_the_trash(datadir, history, clock):
    newest = history[2].id
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # n (or Esc) keeps it
        await pilot.pause()
        assert datadir.session_path(newest).exists()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert not datadir.session_path(newest).exists()
        assert (datadir.trash_dir / f"{newest}.json").exists()
        assert len(column(table_of(app), "title")) == 2
        app.screen.query_one("#history-filter", Input).value = "?库存"
        await searched(pilot)
        assert table_of(app).row_count == 0
    from sessions.index import Index

    assert newest not in [s.id for s in Index(datadir).listing().sessions]


async def test_actions_screen_groups_marks_done_with_a_comment_and_shows_history(
    datadir, history, clock
):
    first, second, _third = history
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        table = actions_table(app)
        # The clock is three weeks on: 2026-12-22; both actions are overdue.
        assert str(table.get_row_at(0)[0]) == "Overdue"  # counted in the status line
        assert "2 overdue" in status_of(app, "#actions-status")
        assert column(table, "ref")[1:] == [f"{first.id}#2", f"{second.id}#2"]
        assert "17d late" in column(table, "status")[1]
        assert table.cursor_row == 1
        assert "No change since it was agreed" in status_of(app, "#actions-history")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, CommentScreen)
        app.screen.query_one("#comment-input", Input).value = "已上传"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        (change,) = read_ledger(datadir)
        assert change == LedgerEntry(
            f"{first.id}#2", "done", "已上传", clock.wall().timestamp(), "actions screen"
        )
        assert column(table, "ref") == ["", f"{second.id}#2", "", f"{first.id}#2"]
        assert str(table.get_row_at(2)[0]) == "Done / cancelled"
        await pilot.press("down", "down")
        await pilot.pause()
        history_text = status_of(app, "#actions-history")
        assert "done  已上传  (actions screen)" in history_text
        # Esc in the comment box records nothing.
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert len(read_ledger(datadir)) == 1
        await pilot.press("r", "enter")
        await pilot.pause()
        assert [c.status for c in read_ledger(datadir)] == ["done", "reopened"]
    assert load_actions(datadir).get(f"{first.id}#2").status == "open"


async def test_actions_screen_filters_by_owner_prefix_series_and_open(datadir, history, clock):
    first, second, _third = history
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        await pilot.press("o")
        await pilot.press(*"tom")  # the list narrows as the name is typed, before Enter
        await until(
            pilot, lambda: [r for r in column(actions_table(app), "ref") if r] == [f"{second.id}#2"]
        )
        await pilot.press("enter")
        await pilot.pause()
        assert screen.owner == "Tom Baker"
        assert [r for r in column(actions_table(app), "ref") if r] == [f"{second.id}#2"]
        assert screen.apply_owner("nobody") is False  # refused, the filter stays
        assert screen.owner == "Tom Baker"
        screen.apply_owner("")
        await pilot.press("s")  # east-monthly
        await pilot.pause()
        assert [r for r in column(actions_table(app), "ref") if r] == [f"{first.id}#2"]
        screen.record(f"{first.id}#2", "cancelled", None)
        await pilot.press("u")  # open only: the cancelled one goes
        await pilot.pause()
        assert [r for r in column(actions_table(app), "ref") if r] == []
        assert "No action items match." in status_of(app, "#actions-status")


async def test_slash_then_typing_searches_the_notes(datadir, history, clock):
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        box = app.screen.query_one("#history-filter", Input)
        # the `?` stays: the cursor is after it, nothing is selected
        assert box.value == "?" and box.selection.is_empty and box.cursor_position == 1
        await pilot.press(*"acme")
        await searched(pilot)
        assert box.value == "?acme"
        assert app.screen._mode == "hits"
        assert "2 matches in 1 session" in status_of(app, "#history-status")


async def test_printable_keys_go_into_the_filter_box_from_anywhere(datadir, history, clock):
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#history-filter", Input)
        app.screen.set_focus(None)
        await pilot.pause()
        await pilot.press(*"?acme")
        await searched(pilot)
        assert box.has_focus and box.value == "?acme"
        assert table_of(app).row_count == 2
        await pilot.press("escape", "escape")  # leave the box, clear it
        await pilot.pause()
        assert table_of(app).has_focus and box.value == ""
        await pilot.press(*"?库存")  # from the table too
        await searched(pilot)
        assert box.value == "?库存" and table_of(app).row_count == 1
        assert "1 match in 1 session" in status_of(app, "#history-status")
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("s")  # a bound key keeps its meaning
        await pilot.pause()
        assert box.value == "" and app.screen.series == "east-monthly"


@pytest.mark.parametrize(
    "typed", ["?acme", "?cafe desk", "?dd", "/cafe", "fall", "weekly", "?acmf\x7fe", "wex\x7fekly"]
)
async def test_keys_typed_in_one_burst_all_go_into_the_filter_box(datadir, history, clock, typed):
    """A terminal hands the app a burst of keys at once: the first printable one moves the focus
    to the box, and the keys after it (bound ones among them: `c`, `a`, `f`, `e`, `d`) reach the
    screen before the focus has moved. They are typed into the box, in order; none is taken as
    the list's key (`d` would ask to delete the session under the cursor)."""
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#history-filter", Input)
        assert table_of(app).has_focus
        for char in typed:
            app.post_message(key_event(char))
        await searched(pilot)
        assert isinstance(app.screen, HistoryScreen)
        meant = (
            typed.replace("/", "?", 1).removeprefix("f").replace("f\x7f", "").replace("x\x7f", "")
        )
        assert box.has_focus and box.value == meant  # Backspace in its turn
        await pilot.press("down")  # back on the list, its keys are its own again
        await pilot.press("s")
        await pilot.pause()
        assert table_of(app).has_focus and app.screen.series is not None


@pytest.mark.parametrize(
    ("typed", "meant"), [("wex\x7fekly", "weekly"), ("?cafx\x7fe zoe", "?cafe zoe")]
)
async def test_a_correction_typed_in_one_burst_in_the_box_takes_effect_in_its_turn(
    datadir, history, clock, typed, meant
):
    """Backspace typed in a burst into the filter box deletes the character before it, not the
    last one typed: as the box's binding it ran once it had bubbled up to the app."""
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#history-filter", Input)
        box.focus()
        await pilot.pause()
        for char in typed:
            app.post_message(key_event(char))
        await searched(pilot)
        assert box.value == meant


async def test_keys_sent_to_the_list_before_the_box_took_the_focus_are_typed_there(
    datadir, history, clock
):
    """The keys of a burst after `?` were handed to the list while the focus was moving: they
    reach the screen once the box has it, and are typed into it in their turn (`d`, bound on
    the list, among them), not dropped."""
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#history-filter", Input)
        for char in "?acdme zoe":
            table_of(app).post_message(key_event(char))
        await searched(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert box.has_focus and box.value == "?acdme zoe"


async def test_counts_read_singular_for_one(datadir, agenda, clock):
    _meeting(datadir, agenda, clock, ["Acme wants a discount"], title="Weekly sales review")
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "1 of 1 session " in status_of(app, "#history-status") + " "
        app.screen.query_one("#history-filter", Input).value = "?acme"
        await searched(pilot)
        assert "1 match in 1 session" in status_of(app, "#history-status")


async def test_session_view_numbers_sections_as_the_agenda_in_the_order_they_ran(
    datadir, agenda, clock
):
    session = Session.start(datadir, agenda, clock, lang="en")
    session.set_speaker("张伟")
    clock.advance(58.6)  # rounds to 00:59, as in the minutes
    session.set_speaker(None)
    session.submit("/next")
    session.defer()  # 2 goes to the end
    clock.advance(30)
    session.submit("/a 整理客户名单 @张伟")
    session.jump(1)
    clock.advance(30)
    session.submit("回到销售回顾")
    session.end()
    session.close()
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        body = str(app.screen.query_one("#session-body", Static).render())
        agenda_part = body[body.index("Agenda") : body.index("Notes")]
        numbers = [line.split(".")[0].strip() for line in agenda_part.splitlines()[1:] if line]
        assert numbers == ["1", "3", "2", "4", "5"]
        assert "2. 11 月销售回顾 (deferred)" in agenda_part
        notes = body[body.index("Notes") :]
        assert notes.index("3. 竞品分析") < notes.index("2. 11 月销售回顾 (deferred)")
        assert "#1 整理客户名单" in notes  # the N of `minutely actions done <id>#N`
        assert "张伟: 00:59" in body and ", 1 turn\n" in body


@pytest.mark.parametrize("size", [(160, 48), (100, 30)])
@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_delete_dialog_text_stays_inside_its_border(datadir, history, clock, size, lang):
    app = make_app(datadir, History(), clock=clock, lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        panel = app.screen.query_one("#confirm-box")
        text = app.screen.query_one("#confirm-question")
        inside = panel.content_region
        assert text.region.x >= inside.x and text.region.right <= inside.right
        assert text.region.bottom <= inside.bottom
        assert panel.region.right <= size[0]


async def test_a_session_deleted_from_another_terminal_opens_as_a_message(datadir, history, clock):
    from sessions.index import Index

    app = make_app(datadir, History(), clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gone = history[0].id
        Index(datadir).trash(gone)  # another terminal deletes it while this list is shown
        app.push_screen(SessionScreen(datadir, gone, "zh"))
        await pilot.pause()
        status = str(app.screen.query_one("#session-status", Static).render())
        assert gone in status and "没有会议" in status
        assert str(app.screen.query_one("#session-body", Static).render()) == ""


async def test_delete_warns_when_the_meeting_recorded_follow_up_statuses(datadir, agenda, clock):
    first = Session.start(datadir, agenda, clock, lang="zh")
    first.submit("/a 整理竞品价格表 @陈静")
    first.submit("/a 跟进大客户续约 @张伟")
    first.end()
    first.close()
    clock.advance(30 * 86400)
    from sessions.followup import carried_for

    carried, previous = carried_for(datadir, agenda, clock.wall().date())
    second = Session.start(datadir, agenda, clock, lang="zh", carried=carried, previous=previous)
    second.submit("/status 1 done 已完成")  # the agenda opens on its follow-up section
    second.submit("/status 2 blocked 等法务")
    second.end()
    second.close()

    app = make_app(datadir, History(), clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table_of(app).focus()
        await pilot.press("d")  # the newest, the second meeting, is selected first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "这次会议记录了此前 2 项待办的进展" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        table_of(app).action_cursor_down()
        await pilot.press("d")  # the first meeting recorded no statuses
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "待办的进展" not in app.screen.question


async def test_typed_search_waits_for_the_typing_and_runs_off_the_ui_thread(
    datadir, history, clock, monkeypatch
):
    searched_for: list[tuple[str, bool]] = []
    search = Searcher.search

    def watched(self, query, series=None):
        searched_for.append((query, threading.current_thread() is threading.main_thread()))
        return search(self, query, series=series)

    monkeypatch.setattr(Searcher, "search", watched)
    # A pause far longer than the keys take: every key but the last cancels the search before.
    monkeypatch.setattr("tui.screens.history.SEARCH_DEBOUNCE", 2.0)
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"?acme")
        await searched(pilot)
        assert searched_for == [("acme", False)]  # once, the newest, in a thread
        assert table_of(app).row_count == 2
        assert "2 matches in 1 session" in status_of(app, "#history-status")
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await searched(pilot)
        assert len(column(table_of(app), "title")) == 3  # `?` alone lists the sessions
        assert len(searched_for) == 1


async def test_a_long_history_shows_the_newest_page_and_filters_in_sql(
    datadir, history, clock, monkeypatch
):
    monkeypatch.setattr("tui.presenters.history.PAGE", 2)
    added: list[int] = []
    real_show_rows = RowTable.show_rows

    def show_rows(self, columns, rows):
        added.append(len(rows))
        return real_show_rows(self, columns, rows)

    monkeypatch.setattr(RowTable, "show_rows", show_rows)
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert column(table_of(app), "title") == ["华东区 12 月销售月会", "Weekly sales review"]
        assert "2 of 3 sessions" in status_of(app, "#history-status")
        assert sum(added) == 2  # one page, not every session
        await pilot.press("f", *"11 月")  # the oldest, past the page: found by the filter
        await searched(pilot)
        assert column(table_of(app), "title") == ["华东区 11 月销售月会"]
        assert "1 of 3 sessions" in status_of(app, "#history-status")


async def test_rows_the_index_holds_show_at_once_and_new_sessions_follow_its_update(
    datadir, agenda, history, clock, monkeypatch
):
    Index(datadir).sync()  # the three meetings indexed, as the last command left them
    _meeting(datadir, agenda, clock, ["新客户"], title="华东区 1 月销售月会")  # not indexed yet
    scanning = threading.Event()
    real_sync = Index.sync

    def slow_sync(self):
        scanning.wait(timeout=5)  # a history of thousands of files, on a busy disk
        return real_sync(self)

    monkeypatch.setattr(Index, "sync", slow_sync)
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert column(table_of(app), "title") == [
            "华东区 12 月销售月会",
            "Weekly sales review",
            "华东区 11 月销售月会",
        ]
        scanning.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert column(table_of(app), "title")[:2] == ["华东区 1 月销售月会", "华东区 12 月销售月会"]
        assert "4 sessions" in status_of(app, "#history-status")
        assert table_of(app).cursor_row == 0


async def test_the_first_rows_are_as_many_as_the_screen_has_lines(
    datadir, history, clock, monkeypatch
):
    """The first rows are read before anything is drawn: a screenful (the rest follow as the
    cursor goes down), not a hundred whatever the terminal's height."""
    Index(datadir).sync()
    asked = []
    first_page = rows_of.first_page

    def spy(datadir, lines):
        page = first_page(datadir, lines)
        asked.append((lines, len(page.sessions), page.total))
        return page

    monkeypatch.setattr(rows_of, "first_page", spy)
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert asked == [(24, 3, 3)] and len(column(table_of(app), "title")) == 3
    assert (len(first_page(datadir, 2).sessions), first_page(datadir, 2).total) == (2, 3)
    assert len(first_page(datadir, 0).sessions) == 1  # never none while there are some


async def test_more_rows_follow_as_the_cursor_reaches_the_last_one(
    datadir, history, clock, monkeypatch
):
    monkeypatch.setattr("tui.presenters.history.FIRST_ROWS", 2)
    Index(datadir).sync()
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert column(table_of(app), "title") == ["华东区 12 月销售月会", "Weekly sales review"]
        assert "2 of 3 sessions" in status_of(app, "#history-status")
        table_of(app).focus()
        await pilot.press("down")
        await until(pilot, lambda: table_of(app).row_count == 3)
        assert column(table_of(app), "title")[2] == "华东区 11 月销售月会"
        assert table_of(app).cursor_row == 1  # the cursor stays where the user put it
        assert "3 sessions" in status_of(app, "#history-status")


async def _quiet(app, pilot, times: int = 1) -> None:
    """Every worker done and the screen updated, `times` over (a worker may start another)."""
    for _ in range(times):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def test_a_taller_screen_is_filled_with_more_rows(datadir, history, clock, monkeypatch):
    monkeypatch.setattr("tui.presenters.history.FIRST_ROWS", 2)
    Index(datadir).sync()
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _quiet(app, pilot)
        assert table_of(app).row_count == 2
        await pilot.resize_terminal(80, 20)  # shorter: nothing more to read
        await _quiet(app, pilot)
        assert table_of(app).row_count == 2
        await pilot.resize_terminal(100, 40)
        await until(pilot, lambda: table_of(app).row_count == 3)
        assert table_of(app).cursor_row == 0 and "3 sessions" in status_of(app, "#history-status")


async def test_rows_read_for_a_taller_screen_stay_when_the_first_scan_ends(
    datadir, history, clock, monkeypatch
):
    """The scan that follows the first rows was asked for as many as they were: the rows read
    meanwhile for a taller screen are not taken back when it ends."""
    monkeypatch.setattr("tui.presenters.history.FIRST_ROWS", 2)
    Index(datadir).sync()
    scanning = threading.Event()
    sync = Index.sync

    def slow_sync(self):
        scanning.wait(timeout=5)  # the scan of a large history
        return sync(self)

    monkeypatch.setattr(Index, "sync", slow_sync)
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(100, 40)
        await until(pilot, lambda: table_of(app).row_count == 3)
        scanning.set()
        await _quiet(app, pilot, times=2)
        assert table_of(app).row_count == 3 and "3 sessions" in status_of(app, "#history-status")


async def test_rows_scrolled_to_their_end_by_the_wheel_bring_more(
    datadir, agenda, history, clock, monkeypatch
):
    for n in range(6):
        _meeting(datadir, agenda, clock, [f"客户拜访 {n}"], title=f"晨会 {n}")
    monkeypatch.setattr("tui.presenters.history.FIRST_ROWS", 8)
    Index(datadir).sync()
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=(80, 12)) as pilot:
        await _quiet(app, pilot)
        table = table_of(app)
        assert table.row_count == 8 and table.max_scroll_y > 0 and table.cursor_row == 0
        table.scroll_end(animate=False)
        await until(pilot, lambda: table_of(app).row_count == 9)
        assert table.cursor_row == 0  # the cursor stays where it was


async def test_delete_asks_even_when_the_index_is_busy(datadir, history, clock, monkeypatch):
    """Counting the follow-up statuses a meeting gave reads the index on the spot; an index
    locked by another process just leaves that line out of the question."""

    def busy(self, session_id):
        raise sqlite3.OperationalError("database is locked")

    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table_of(app).focus()
        monkeypatch.setattr(Catalog, "followups_given", busy)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert app.screen.question.endswith("to the trash?")
        await pilot.press("n")


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_at_80_columns_every_column_fits_the_screen_and_the_status_is_whole(
    datadir, history, clock, lang
):
    """The columns are fitted to the table's own width, which is the screen's: fitted to two
    cells more than the table had, the last column was cut (`已结`) behind a sideways scroll."""
    app = make_app(datadir, History(), clock=clock, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = table_of(app)
        assert table.size.width == 80
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert table.max_scroll_x == 0
        ended = "已结束" if lang == "zh" else "ended"
        assert column(table, "status") == [ended] * 3
