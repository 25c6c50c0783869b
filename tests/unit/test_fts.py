"""Chinese one- and two-character queries find their hits in SQLite FTS5; English words by prefix."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sessions.catalog import indexed, searched
from sessions.fts import (
    TOKENIZER,
    _fold_one,
    _pieces,
    fold,
    highlight_spans,
    holds,
    index_text,
    long_runs,
    match_expression,
)

LINES = [
    "张伟本月签下两家连锁客户，完成率 112%",
    "苏州经销商反馈账期太短，希望延长到 60 天",
    "返利政策下月调整",
    "The Suzhou distributor wants a longer credit term",
    "Shelf coverage of the new bundle is only 40% in supermarkets",
    "ＣＲＭ 导出要修",
    "客",
    "Le café « Chez Zoë » a rappelé",
    "मौसम—हिन्दी",
    "“Quoted” words… and a dash—between",
    "A类客户要重点跟进，本季度KPI考核方案",
    "3月目标120万",
]


@pytest.fixture
def db() -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, shown UNINDEXED, tokenize='{TOKENIZER}')")
    con.executemany(
        "INSERT INTO t(rowid, body, shown) VALUES (?, ?, ?)",
        [(n, index_text(line), line) for n, line in enumerate(LINES)],
    )
    return con


def found(db: sqlite3.Connection, query: str) -> list[str]:
    expression = match_expression(query)
    assert expression is not None
    rows = db.execute("SELECT shown FROM t WHERE t MATCH ? ORDER BY rowid", (expression,))
    return [shown for (shown,) in rows]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("张伟", [0]),
        ("返利", [2]),
        ("客", [0, 6, 10]),
        ("客户", [0, 10]),
        ("户客", []),  # characters in order, not just present
        ("sup", [4]),  # a word by its prefix
        ("SUPERMARKETS", [4]),
        ("permarkets", []),  # not inside a word
        ("crm", [5]),  # full-width letters fold
        ("苏州 60", [1]),  # every piece must match
        ("suzhou credit", [3]),
        ('"quoted" OR NEAR(', []),  # operators typed are words, not syntax
        ("quoted words", [9]),  # words between quotes and dots beyond ASCII
        ("cafe", [7]),  # a Latin letter found without its accent
        ("café zoe", [7]),
        ("chez", [7]),  # a word after punctuation beyond ASCII
        ("between", [9]),
        ("हिन्दी", [8]),  # its vowel signs kept in the word, as in the query
        ("A类客户", [10]),  # letters or digits typed against Chinese: each part found
        ("KPI考核", [10]),
        ("3月目标", [11]),
        ("kpi", [10]),
    ],
)
def test_queries(db, query, expected):
    assert found(db, query) == [LINES[n] for n in expected]


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        (unicodedata.normalize("NFD", "Les cafés du Việt Nam"), "cafés"),  # accents apart
        (unicodedata.normalize("NFD", "Les cafés du Việt Nam"), "viet"),
        ("Les cafés du Việt Nam", unicodedata.normalize("NFD", "cafés")),
        ("ΟΔΟΣ ΑΘΗΝΩΝ", "οδος"),  # Greek final sigma
        ("οδος αθηνων", "ΟΔΟΣ"),
        ("İstanbul bayisi", "istanbul"),  # Turkish dotted capital I
        ("Straße 5", "strasse"),
    ],
)
def test_a_word_is_found_however_its_letters_were_composed_or_cased(typed, query):
    con = sqlite3.connect(":memory:")
    con.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, detail=none, tokenize='{TOKENIZER}')")
    con.execute("INSERT INTO t(rowid, body) VALUES (1, ?)", (index_text(typed),))
    expression = match_expression(query)
    assert con.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall() == [(1,)]
    assert highlight_spans(typed, query) != []


def test_letters_typed_against_chinese_must_stand_together_in_the_line():
    # `3月` is found as `3` and `月`: the line must hold them side by side too (`holds`).
    assert long_runs("3月 KPI考核") == ["3月", "kpi考核"]
    assert holds("3月目标120万", long_runs("3月"))
    assert not holds("12月 target 30 units", long_runs("3月"))
    assert long_runs("3 月") == []  # typed apart: found apart


def test_nothing_to_find_is_none():
    assert match_expression("  ，。!? ") is None
    assert match_expression("") is None


def test_highlights_are_offsets_in_the_text_as_typed():
    text = "张伟本月签下两家连锁客户"
    assert highlight_spans(text, "客户 张") == [(0, 1), (10, 12)]
    assert highlight_spans("ＣＲＭ 导出", "crm") == [(0, 3)]
    assert highlight_spans("Supermarkets and super", "super") == [(0, 5), (17, 22)]
    assert highlight_spans("resupply", "sup") == []
    # Letters against Chinese begin a word there, as the index cuts them.
    assert highlight_spans("A类客户的KPI考核", "kpi考核") == [(5, 10)]
    assert highlight_spans("A类客户", "a类") == [(0, 2)]
    assert highlight_spans("Café «Zoë»", "cafe zoe") == [(0, 4), (6, 9)]


def test_commands_that_neither_search_nor_index_compile_no_cjk_pattern():
    # Compiling the CJK ranges costs tens of ms a process: `list`, `actions` and `--help`
    # import the index (and this module) but should not pay for it.
    probe = (
        "import re, tui.cli, sessions.actions, sessions.index;"
        "print(sum('\\u4e00-\\u9fff' in str(key) for key in re._cache))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0"
    assert index_text("张伟本月") == " 张伟 伟本 本月 月 "  # compiled when needed


def test_folding_a_text_folds_each_character_as_typed():
    text = "ＣＲＭ Ｅｘｐｏｒｔ ﬁle Ⅻ 张伟 Straße ＡＢＣ１２３ café, «Zoë»。"
    assert fold(text) == "crm export file xii 张伟 strasse abc123 cafe,  zoe  "
    assert fold(text) == "".join(map(fold, text))
    assert fold("Plain ASCII, as typed!") == "plain ascii, as typed!"
    assert index_text("The Suzhou Distributor") == "the suzhou distributor"


def test_folding_many_distinct_characters_keeps_folding_right():
    text = "".join(map(chr, range(0x4E00, 0x4E00 + 3 * 65536 // 4))) + "ＡＢ"
    assert fold(text) == "".join(map(_fold_one, text))
    assert fold(text * 2).endswith("ab")


@given(st.text())
def test_the_index_cuts_a_text_into_the_words_a_query_is_cut_into(text):
    # One place decides where words end (`sessions.fts`): whatever was typed, the tokens the
    # index holds for it are the query's pieces of the same text (CJK runs as their pairs).
    con = sqlite3.connect(":memory:")
    con.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, detail=none, tokenize='{TOKENIZER}')")
    con.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, row)")
    con.execute("INSERT INTO t(rowid, body) VALUES (1, ?)", (index_text(text),))
    held = {term for (term,) in con.execute("SELECT term FROM v")}
    wanted = set(index_text(" ".join(_pieces(text))).split())
    assert held == wanted


@given(st.text(min_size=1))
def test_every_word_of_a_line_finds_it(text):
    con = sqlite3.connect(":memory:")
    con.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, detail=none, tokenize='{TOKENIZER}')")
    con.execute("INSERT INTO t(rowid, body) VALUES (1, ?)", (index_text(text),))
    for piece in _pieces(text):
        expression = match_expression(piece)
        assert expression is not None
        assert con.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall() == [
            (1,)
        ], piece


@pytest.mark.parametrize("names", ["", "张伟", "王磊 陈静", "Tom Baker", "ＣＲＭ 组", "Ǆoe"])
@pytest.mark.parametrize("text", [*LINES, "", "客户\n张伟", "ΣΑΣ 客户"])
def test_a_lines_names_cut_apart_from_its_text_give_the_same_indexed_copy(text, names):
    assert indexed(text, names) == index_text(searched(text, names))


@given(st.text(), st.text())
def test_any_line_and_names_cut_apart_give_the_same_indexed_copy(text, names):
    assert indexed(text, names) == index_text(searched(text, names))
