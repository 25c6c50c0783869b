"""`minutely actions --open` reads only the actions that may still be open from the index,
and lists exactly what filtering every action would."""

from __future__ import annotations

import os
from datetime import date

import pytest
from meetings import followed_meeting

from sessions.actions import WHERE_CLI, change_status, load_actions, resolve_owner, select
from sessions.catalog import Catalog
from sessions.index import Index
from tui import actions_commands

TODAY = date(2026, 12, 20)


@pytest.fixture
def history(datadir, agenda, clock):
    """At the second meeting #1 done, #2 blocked, #3 done; #3 reopened after it in the
    ledger; #2 in progress at the third; #4 never followed up."""
    first = followed_meeting(
        datadir,
        agenda,
        clock,
        ["/a 整理客户名单 @张伟", "/a Call the dealer @Tom", "/a 更新价格表 @陈静", "/a 无人认领"],
    )
    clock.advance(7 * 86400)
    followed_meeting(
        datadir,
        agenda,
        clock,
        [],
        [(1, "done", "已上传"), (2, "blocked", None), (3, "done", None)],
    )
    at = clock.wall().timestamp() + 60
    change_status(datadir, f"{first.id}#3", "reopened", "客户又要了", at, WHERE_CLI)
    clock.advance(7 * 86400)
    followed_meeting(datadir, agenda, clock, [], [(1, "doing", "dealer back")])  # carried 1 is #2
    return first


def _same(book_actions, expected):
    assert [a.to_dict(TODAY) for a in book_actions] == [a.to_dict(TODAY) for a in expected]


def test_the_open_book_is_the_whole_book_filtered(datadir, history):
    whole = load_actions(datadir)
    book = load_actions(datadir, open_only=True)
    _same(book.actions, select(whole.actions, open_only=True))
    assert [a.ref.split("#")[1] for a in book.actions] == ["2", "3", "4"]
    assert [a.status for a in book.actions] == ["doing", "open", "open"]
    # Owners and the count still cover every action: 张伟 owns only a closed one.
    assert book.owners == whole.owners
    assert resolve_owner("张", book.owners) == "张伟"
    assert book.total == whole.total == 4


def test_the_index_leaves_out_what_a_follow_up_closed_unless_the_ledger_speaks_of_it(
    datadir, history
):
    ref = f"{history.id}#3"
    closed_by_followup = Index(datadir).action_rows(open_in=[])
    assert [row[0] for row in closed_by_followup.rows] == [f"{history.id}#2", f"{history.id}#4"]
    with_ledger = Index(datadir).action_rows(open_in=[ref])
    assert [row[0] for row in with_ledger.rows] == [
        f"{history.id}#2",
        ref,
        f"{history.id}#4",
    ]


def test_the_command_lists_the_same_in_every_format(datadir, history):
    for fmt in ("json", "csv", "table"):
        outputs = []
        for open_only in (True, False):
            asked = actions_commands.ActionListing(open_only=open_only, fmt=fmt, lang="en")
            book = load_actions(datadir, open_only=open_only)
            actions = actions_commands.filtered(book, True, "陈", None)
            outputs.append(actions_commands.listing_content(book, actions, TODAY, asked, "en"))
        assert outputs[0] == outputs[1]


def test_when_every_action_is_closed_the_table_says_none_match(datadir, agenda, clock):
    first = followed_meeting(datadir, agenda, clock, ["/a 整理客户名单 @张伟"])
    change_status(datadir, f"{first.id}#1", "done", None, clock.wall().timestamp() + 1, WHERE_CLI)
    book = load_actions(datadir, open_only=True)
    assert book.actions == [] and book.total == 1
    asked = actions_commands.ActionListing(open_only=True, lang="en")
    text = actions_commands.listing_content(book, [], TODAY, asked, "en").decode()
    assert text == actions_commands.t("actions.none_match", "en") + "\n"


def test_the_open_mark_follows_the_session_that_closed_them_and_the_query_reads_only_it(
    datadir, history
):
    index = Index(datadir)
    second = index.listing().sessions[1]
    refs = [f"{history.id}#{n}" for n in (1, 2, 3, 4)]

    def still_open() -> list[str]:
        return [row[0] for row in Index(datadir).action_rows(open_in=[]).rows]

    assert still_open() == [refs[1], refs[3]]  # #1 and #3 were done at the second meeting
    kept = index.trash(second.id)  # forgetting that meeting forgets what it closed
    assert still_open() == refs
    os.replace(kept, datadir.session_path(second.id))
    assert still_open() == [refs[1], refs[3]]

    catalog = Catalog(datadir.index_path)
    asked: list[str] = []
    catalog.conn.set_trace_callback(asked.append)
    catalog.open_actions([refs[2]])
    catalog.conn.set_trace_callback(None)
    plan = [row[3] for row in catalog.conn.execute(f"EXPLAIN QUERY PLAN {asked[-1]}")]
    catalog.close()
    # The open ones through their partial index, the ledger's by their key: no action scanned.
    assert "SCAN a USING INDEX actions_open" in plan
    assert not [
        step
        for step in plan
        if step.startswith("SCAN") and "actions_open" not in step and "json_each" not in step
    ]


def test_a_page_of_lean_summaries_reads_the_same_actions_from_the_index_tables(datadir, history):
    """The history's rows read their summaries without actions and follow-up statuses, and
    the actions of those sessions from the index's tables: the same actions, statuses and
    comments as reading them from the whole summaries."""
    index = Index(datadir)
    index.sync()  # the third meeting ended after the last reading of the index
    whole = index.page()
    lean = index.page(lean=True)
    assert [s.id for s in lean.sessions] == [s.id for s in whole.sessions]
    assert all(not s.actions and not s.followup for s in lean.sessions)
    assert any(s.actions for s in whole.sessions) and any(s.followup for s in whole.sessions)
    for kept, full in zip(lean.sessions, whole.sessions, strict=True):
        assert kept.title == full.title and kept.date == full.date and kept.items == full.items
    from_tables = load_actions(datadir, origins=lean.sessions)
    from_summaries = load_actions(datadir, sessions=whole.sessions)
    _same(
        sorted(from_tables.actions, key=lambda a: a.ref),
        sorted(from_summaries.actions, key=lambda a: a.ref),
    )
    assert {a.ref.split("#")[1]: a.status for a in from_tables.actions} == {
        "1": "done",
        "2": "doing",
        "3": "open",
        "4": "open",
    }


def test_the_follow_up_statuses_a_session_gave_are_counted_from_the_index(datadir, history):
    Index(datadir).sync()
    third, second = Index(datadir).page().sessions[:2]
    assert Index(datadir).followups_given(second.id) == 3
    assert Index(datadir).followups_given(third.id) == 1
    assert Index(datadir).followups_given(history.id) == 0
