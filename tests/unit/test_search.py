"""Full-text search: Chinese and English, case-insensitive for Latin, spans for highlighting, a corpus kept fresh."""

from __future__ import annotations

import os
import sqlite3

from sessions.index import Index
from sessions.search import Searcher, search
from sessions.session import Session


def _session(datadir, agenda, clock, lines, section=2):
    session = Session.start(datadir, agenda, clock)
    clock.advance(60)
    session.jump(section)
    for line in lines:
        clock.advance(30)
        session.submit(line)
    session.end()
    session.close()
    clock.advance(86400)
    return session


def test_chinese_substring_hits_with_session_section_kind_time_and_span(datadir, agenda, clock):
    first = _session(datadir, agenda, clock, ["竞品 A 降价百分之五", "/d 维持现有报价"])
    result = search(datadir, "降价")
    assert result.total == 1 and result.sessions == 1
    hit = result.hits[0]
    assert hit.session == first.id
    assert hit.section == 2 and hit.section_title == "竞品分析"
    assert hit.kind == "note" and hit.item == 1
    assert hit.at == first.state.items[0].at
    assert hit.text == "竞品 A 降价百分之五"
    assert hit.span == (5, 7)
    assert hit.text[slice(*hit.span)] == "降价"
    assert hit.date == "2026-12-01"
    decision = search(datadir, "报价").hits[0]
    assert decision.kind == "decision" and decision.text == "维持现有报价"


def test_latin_is_case_insensitive_and_every_match_in_a_line_has_a_span(datadir, agenda, clock):
    _session(
        datadir, agenda, clock, ["Call ACME about the acme renewal", "/a Send Acme the quote @张伟"]
    )
    result = search(datadir, "Acme")
    assert result.total == 2
    note, action = sorted(result.hits, key=lambda h: h.item)
    assert note.spans == ((5, 9), (20, 24))
    assert [note.text[a:b] for a, b in note.spans] == ["ACME", "acme"]
    assert action.kind == "action" and action.span == (5, 9)


def test_newest_session_first_and_section_titles_match_too(datadir, agenda, clock):
    older = _session(datadir, agenda, clock, ["分析竞品的渠道策略"])
    newer = _session(datadir, agenda, clock, ["没有相关内容"])
    result = search(datadir, "竞品")
    by_session = [(h.session, h.kind) for h in result.hits]
    # Every session's agenda has the section "竞品分析"; the older one also has a note.
    assert by_session == [
        (newer.id, "section"),
        (older.id, "section"),
        (older.id, "note"),
    ]
    assert result.hits[0].item == 0 and result.hits[0].at is None


def test_series_filter_and_empty_query(datadir, agenda, clock):
    _session(datadir, agenda, clock, ["客户拜访计划"])
    assert search(datadir, "拜访", series="east-monthly").total == 1
    assert search(datadir, "拜访", series="west").total == 0
    assert search(datadir, "   ").hits == []


def test_undone_and_deleted_items_are_not_found(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    session.submit("保留的记录")
    session.submit("撤销的记录")
    session.undo()
    session.submit("删除的记录")
    session.delete(3)
    session.end()
    session.close()
    assert [h.text for h in search(datadir, "记录").hits] == ["保留的记录"]


def indexed_sessions(datadir) -> set[str]:
    with sqlite3.connect(datadir.index_path) as conn:
        return {
            row[0]
            for row in conn.execute(
                "SELECT s.id FROM lines l JOIN sessions s ON s.number = l.number"
            )
        }


def test_the_index_follows_changed_and_removed_sessions(datadir, agenda, clock):
    first = _session(datadir, agenda, clock, ["第一次会议的记录"])
    searcher = Searcher(datadir)
    assert searcher.search("第一次").total == 1
    assert first.id in indexed_sessions(datadir)

    # A later session appears in the same searcher without reloading everything.
    second = _session(datadir, agenda, clock, ["第二次会议的记录"])
    assert [h.session for h in searcher.search("会议的记录").hits] == [second.id, first.id]

    # A session moved away disappears from the results and from the index.
    path = datadir.session_path(first.id)
    os.replace(path, datadir.root / "moved.json")
    assert searcher.search("第一次").total == 0
    assert indexed_sessions(datadir) == {second.id}


def test_a_new_searcher_reads_the_index_instead_of_the_sessions(
    datadir, agenda, clock, monkeypatch
):
    _session(datadir, agenda, clock, ["渠道库存偏高"])
    Searcher(datadir).search("库存")
    Index(datadir).listing()

    def no_reading(*_args, **_kwargs):
        raise AssertionError("a session file was read")

    monkeypatch.setattr(type(datadir), "read", no_reading)
    assert Searcher(datadir).search("库存").total == 1


def test_highlights_stay_on_the_text_as_typed(datadir, agenda, clock):
    _session(datadir, agenda, clock, ["İstanbul ACME 签约"])
    (hit,) = search(datadir, "acme").hits
    assert hit.text[slice(*hit.span)] == "ACME"


def test_longer_chinese_words_need_their_characters_together_and_the_limit_keeps_the_newest(
    datadir, agenda, clock
):
    older = _session(datadir, agenda, clock, ["本月签下两家", "月签本月"])
    newer = _session(datadir, agenda, clock, ["/d 本月签约目标", "签下两家连锁"])
    # Every pair of 本月签 is in 月签本月, but not the three together: not a hit.
    result = search(datadir, "本月签")
    assert [(h.session, h.text) for h in result.hits] == [
        (newer.id, "本月签约目标"),
        (older.id, "本月签下两家"),
    ]
    assert (result.total, result.sessions) == (2, 2)
    assert [h.text for h in search(datadir, "签下两家").hits] == ["签下两家连锁", "本月签下两家"]
    one = search(datadir, "签", limit=1)
    assert [h.text for h in one.hits] == ["本月签约目标"] and (one.total, one.sessions) == (4, 2)


def test_a_name_finds_the_actions_it_owns_and_the_kudos_it_got(datadir, agenda, clock):
    _session(
        datadir,
        agenda,
        clock,
        [
            "/a 跟进 A 客户的年度框架报价 @张伟 due:+3d",
            "/k @张伟 主动帮新人跑客户",
            "/a 整理逾期回款清单 @陈静",
            "/a send the deck to Acme @Maria",
            "/k @Maria great demo",
            "Tom will call Maria's team",
        ],
    )
    zh = search(datadir, "张伟")
    assert sorted((h.kind, h.text) for h in zh.hits) == [
        ("action", "跟进 A 客户的年度框架报价"),
        ("kudos", "主动帮新人跑客户"),
    ]
    assert zh.total == 2
    assert [h.text for h in search(datadir, "陈静 回款").hits] == ["整理逾期回款清单"]
    en = search(datadir, "maria")
    assert sorted((h.kind, h.text) for h in en.hits) == [
        ("action", "send the deck to Acme"),
        ("kudos", "great demo"),
        ("note", "Tom will call Maria's team"),
    ]
    # A name found is not a span of the text: only what the text holds is highlighted.
    assert {h.text: h.spans for h in en.hits}["great demo"] == ()


def test_the_counts_say_how_many_lines_matched_and_in_how_many_sessions(datadir, agenda, clock):
    _session(datadir, agenda, clock, ["回款 一", "回款 二", "别的"])
    _session(datadir, agenda, clock, ["没有"])
    _session(datadir, agenda, clock, ["回款 三", "/a 催回款 @张伟", "回款 四"])
    result = search(datadir, "回款", limit=2)
    assert (result.total, result.sessions, len(result.hits)) == (5, 2, 2)
    assert search(datadir, "张伟").sessions == 1
