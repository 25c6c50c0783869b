"""`minutely actions --format json` writes as it reads: the same bytes as the whole list,
without holding every action (nor every follow-up status) of the history at once."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from meetings import followed_meeting

import sessions.actions
import sessions.index
from sessions.actions import (
    WHERE_CLI,
    change_status,
    iter_actions,
    load_actions,
    to_json,
    write_json,
)
from sessions.index import Index
from tui import actions_commands

TODAY = date(2026, 12, 20)


@pytest.fixture
def history(datadir, agenda, clock):
    """Three meetings, seven actions: follow-up statuses given at the later meetings, and
    changes in the ledger after them (one to an action a follow-up closed)."""
    first = followed_meeting(
        datadir,
        agenda,
        clock,
        ["/a 整理客户名单 @张伟 due:2026-12-01", "/a Call the dealer @Tom", "/a 更新价格表 @陈静"],
    )
    clock.advance(7 * 86400)
    second = followed_meeting(
        datadir,
        agenda,
        clock,
        ["/a 催回款 @张伟 | 月底前", "/a Book the venue @Tom"],
        [(1, "done", "已上传"), (2, "blocked", None)],
    )
    at = clock.wall().timestamp() + 60
    change_status(datadir, f"{first.id}#1", "reopened", "客户又要了", at, WHERE_CLI)
    change_status(datadir, f"{second.id}#2", "done", None, at + 1, WHERE_CLI)
    clock.advance(7 * 86400)
    followed_meeting(
        datadir, agenda, clock, ["/a 复盘 @陈静", "/a 无人认领"], [(1, "doing", "dealer back")]
    )
    return first


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of two: every chunk boundary of the history above is crossed."""
    monkeypatch.setattr(sessions.index, "ACTION_CHUNK", 2)
    monkeypatch.setattr(sessions.actions, "JSON_CHUNK", 2)


def test_every_action_read_in_chunks_is_the_whole_book(datadir, history, small_chunks):
    whole = load_actions(datadir).actions
    problems, streamed = iter_actions(datadir)
    assert problems == []
    assert [a.to_dict(TODAY) for a in streamed] == [a.to_dict(TODAY) for a in whole]
    assert len(whole) == 7
    assert {"open", "blocked", "done"} <= {a.status for a in whole}  # ledger and follow-ups


def test_each_chunk_holds_only_its_own_sessions_and_statuses(datadir, history, small_chunks):
    problems, chunks = Index(datadir).action_chunks()
    found = list(chunks)
    assert problems == [] and [len(c.rows) for c in found] == [2, 2, 2, 1]
    for chunk in found:
        refs = {row[0] for row in chunk.rows}
        assert {s.id for s in chunk.sessions} == {row[6] for row in chunk.rows}
        assert {mark[1] for mark in chunk.marks} <= refs
    everything = Index(datadir).action_rows()
    assert [row for c in found for row in c.rows] == everything.rows
    assert sorted(m for c in found for m in c.marks) == sorted(everything.marks)


class _Counting(io.BytesIO):
    """Standard output that notes how many actions had been made at its first write."""

    def __init__(self, made: list[int]) -> None:
        super().__init__()
        self.made = made
        self.at_first_write: int | None = None

    def write(self, data) -> int:
        if self.at_first_write is None:
            self.at_first_write = self.made[0]
        return super().write(data)


def test_the_command_writes_its_first_actions_before_it_has_made_the_last(
    datadir, history, small_chunks, monkeypatch
):
    made = [0]
    making = sessions.actions._indexed_actions

    def counted(*args):
        actions = making(*args)
        made[0] += len(actions)
        return actions

    monkeypatch.setattr(sessions.actions, "_indexed_actions", counted)
    out = _Counting(made)
    asked = actions_commands.ActionListing(fmt="json")
    assert actions_commands.list_actions(datadir, TODAY, asked, out) == 0
    assert out.at_first_write is not None and out.at_first_write <= 2
    assert made[0] == 7


@pytest.mark.parametrize(
    ("open_only", "owner", "series"),
    [
        (False, None, None),
        (True, None, None),
        (False, "张", None),
        (True, "陈", None),
        (False, None, "east-monthly"),
        (False, None, "west"),
    ],
)
def test_the_command_writes_the_bytes_of_the_whole_list(
    datadir, history, small_chunks, open_only, owner, series
):
    out = io.BytesIO()
    asked = actions_commands.ActionListing(
        open_only=open_only, owner=owner, series=series, fmt="json"
    )
    assert actions_commands.list_actions(datadir, TODAY, asked, out) == 0
    book = load_actions(datadir, open_only=open_only)
    expected = actions_commands.filtered(book, open_only, owner, series)
    assert out.getvalue() == to_json(expected, TODAY).encode("utf-8")
    assert len(json.loads(out.getvalue())) == len(expected)


@pytest.mark.parametrize("count", [0, 1, 2, 3, 7])
def test_written_in_chunks_or_whole_the_json_is_the_same(datadir, history, small_chunks, count):
    actions = load_actions(datadir).actions[:count]
    out = io.BytesIO()
    write_json(iter(actions), TODAY, out)
    assert out.getvalue() == to_json(actions, TODAY).encode("utf-8")
    assert json.loads(out.getvalue()) == [a.to_dict(TODAY) for a in actions]
    assert out.getvalue().count(b"\n") == (count + 2 if count else 1)


def test_text_that_looks_like_the_seam_between_two_actions_stays_in_its_action(datadir, history):
    seam = '},{"ref":"x#1"}\n{"ref":'
    actions = [
        action._replace(text=seam, criteria='\\"},{"ref":', owner='"},{"ref":')
        for action in load_actions(datadir).actions[:2]
    ]
    lines = to_json(actions, TODAY).splitlines()
    assert len(lines) == len(actions) + 2
    rows = [json.loads(line.rstrip(",")) for line in lines[1:-1]]
    assert rows == [a.to_dict(TODAY) for a in actions]
