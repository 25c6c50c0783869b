"""Quick-capture parsing: items, commands, owners, due dates and amounts, in English and Chinese."""

from __future__ import annotations

import contextlib
import dataclasses
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sessions.capture import (
    ITEM_MARKS,
    AmbiguousName,
    Capture,
    CaptureError,
    Command,
    CommandName,
    ItemKind,
    UnknownName,
    capture_line,
    normalize,
    parse_amount,
    parse_capture,
    parse_due,
    resolve_name,
)

NAMES = ("王磊", "张伟", "张小明", "陈静", "Grace Lin", "Tom", "Tomas", "tina")
TODAY = date(2026, 11, 27)  # a Friday


def parse(line: str, names: tuple[str, ...] = NAMES) -> Capture | Command | None:
    return parse_capture(line, names, TODAY)


def error_of(line: str, names: tuple[str, ...] = NAMES) -> str:
    with pytest.raises(CaptureError) as caught:
        parse(line, names)
    return str(caught.value)


# --- the public surface ------------------------------------------------------------------


def test_commands_are_the_spec_list() -> None:
    assert tuple(CommandName) == (
        "next",
        "prev",
        "pause",
        "resume",
        "extend",
        "defer",
        "speaker",
        "here",
        "late",
        "left",
        "absent",
        "target",
        "actual",
        "rate",
        "status",
        "end",
        "undo",
    )


def test_item_kinds_have_their_values() -> None:
    assert [kind.value for kind in ItemKind] == [
        "note",
        "decision",
        "action",
        "question",
        "idea",
        "parking",
        "kudos",
    ]


@pytest.mark.parametrize("kind", list(ItemKind))
def test_every_kind_has_a_single_cell_mark(kind: ItemKind) -> None:
    mark = ITEM_MARKS[kind]
    assert len(mark) == 1
    # Ambiguous-width characters are two cells wide in terminals set up for Chinese.
    assert unicodedata.east_asian_width(mark) in ("N", "Na", "H")


def test_marks_are_distinct() -> None:
    assert len(set(ITEM_MARKS.values())) == len(ItemKind)


def test_errors_are_value_errors() -> None:
    assert issubclass(CaptureError, ValueError)
    assert issubclass(UnknownName, CaptureError)
    assert issubclass(AmbiguousName, CaptureError)


def test_results_are_frozen() -> None:
    capture = Capture(ItemKind.NOTE, "x")
    command = Command("next")
    with pytest.raises(dataclasses.FrozenInstanceError):
        capture.text = "y"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        command.name = "prev"  # type: ignore[misc]


def test_capture_module_stays_headless() -> None:
    code = "import sys, sessions.capture; print('textual' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert result.stdout.strip() == "False"


# --- normalize ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("／a 报价＠张伟 due：周五 ｜ 签字", "/a 报价@张伟 due:周五 | 签字"),
        ("／target 张伟 １２０万", "/target 张伟 120万"),
        ("due:＋３d", "due:+3d"),
        ("a\u3000b", "a b"),
        ("０１２３４５６７８９", "0123456789"),
        ("plain ascii / @ : |", "plain ascii / @ : |"),
        # The whole block, as an input method in full-width mode (全角) types it.
        ("／ｄ 12 月起报价统一走新流程", "/d 12 月起报价统一走新流程"),
        ("／ｓｐｅａｋｅｒ\u3000３", "/speaker 3"),
        ("ＡＢＣ ｘｙｚ", "ABC xyz"),
        ("价格，太高！（草案）；真的？", "价格,太高!(草案);真的?"),
        ("！～", "!~"),
    ],
)
def test_normalize_makes_full_width_forms_ascii(typed: str, expected: str) -> None:
    assert normalize(typed) == expected


@pytest.mark.parametrize(
    "text",
    ["价格太高。", "《合同》【草案】", "“好的”‘行’「对」", "张伟、王磊", "——……", "￥￠"],
)
def test_normalize_leaves_other_chinese_text_alone(text: str) -> None:
    assert normalize(text) == text


@given(st.text())
def test_normalize_keeps_length(text: str) -> None:
    assert len(normalize(text)) == len(text)


def test_normalize_maps_exactly_the_full_width_ascii_block() -> None:
    block = "".join(chr(code) for code in range(0xFF01, 0xFF5F))
    assert normalize(block) == "".join(chr(code) for code in range(0x21, 0x7F))
    assert normalize("\uff00\uff5f\uff60") == "\uff00\uff5f\uff60"


# --- typed with a full-width input method (全角) -----------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "／ｄ 12 月起报价统一走新流程",
            Capture(ItemKind.DECISION, "12 月起报价统一走新流程"),
        ),
        (
            "／ｄ１２月起报价统一走新流程",
            Capture(ItemKind.DECISION, "１２月起报价统一走新流程"),
        ),
        (
            "／ａ 跟进报价 ＠陈静 ｄｕｅ：周五 ｜ 客户签字确认",
            Capture(ItemKind.ACTION, "跟进报价", "陈静", True, date(2026, 12, 4), "客户签字确认"),
        ),
        (
            "／ａ 给ＡＢＣ客户发报价，＠张伟 ｄｕｅ：１２－０５",
            Capture(ItemKind.ACTION, "给ＡＢＣ客户发报价，", "张伟", True, date(2026, 12, 5)),
        ),
        ("／ｑ Ｑ３ 目标怎么定？", Capture(ItemKind.QUESTION, "Ｑ３ 目标怎么定？")),
        ("／ｋ ＠ｔｏｍ 拿下ＡＢＣ大单！", Capture(ItemKind.KUDOS, "拿下ＡＢＣ大单！", "Tom")),
        ("／ＤＥＣＩＳＩＯＮ 价格不变", Capture(ItemKind.DECISION, "价格不变")),
        ("／ｎｅｘｔ", Command("next")),
        ("／ｕ", Command("undo")),
        ("／ｓｐｅａｋｅｒ\u3000３", Command("speaker", who="张小明", number=3)),
        ("／ｓｐｅａｋｅｒ ＧＲＡＣＥ", Command("speaker", who="Grace Lin")),
        ("／ｅｘｔｅｎｄ １０ｍｉｎ", Command("extend", number=10)),
        ("／ｌａｔｅ ＠张伟", Command("late", who="张伟")),
        ("／ｔａｒｇｅｔ 张伟 １，２００，０００", Command("target", who="张伟", amount=1_200_000)),
        (
            "／ｓｔａｔｕｓ ２ ｉｎ－ｐｒｏｇｒｅｓｓ 等客户回复（周五）",
            Command("status", number=2, status="doing", comment="等客户回复（周五）"),
        ),
    ],
)
def test_full_width_input_method(line: str, expected: Capture | Command) -> None:
    assert parse(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "ＡＢＣ客户：价格太高！（再谈）",
        "Ｑ３ ｒｅｖｅｎｕｅ ｕｐ １２％",
        "ｅｍａｉｌ ｔｏｍ＠ａｃｍｅ．ｃｏｍ",
    ],
)
def test_full_width_note_stays_as_typed(line: str) -> None:
    assert parse(line) == Capture(ItemKind.NOTE, line)


@pytest.mark.parametrize(
    ("line", "text", "criteria"),
    [
        ("/a 发报价 @张伟 | ＡＢＣ criteria", "发报价", "ＡＢＣ criteria"),
        ("／ａ 发报价 ＠张伟 ｜ ＡＢＣ客户签字（Ｑ３）", "发报价", "ＡＢＣ客户签字（Ｑ３）"),
        (
            "／ａ ＡＢＣ报价１２％ ｄｕｅ：周五 ｜ ｅｍａｉｌ＠ａｃｍｅ．ｃｏｍ 确认",
            "ＡＢＣ报价１２％",
            "ｅｍａｉｌ＠ａｃｍｅ．ｃｏｍ 确认",
        ),
    ],
)
def test_full_width_action_text_and_criteria_stay_as_typed(
    line: str, text: str, criteria: str
) -> None:
    """Full-width forms steer the syntax; what the person wrote is kept exactly as typed."""
    parsed = parse(line)
    assert isinstance(parsed, Capture)
    assert (parsed.text, parsed.criteria) == (text, criteria)


def test_full_width_unknown_command_is_reported_in_ascii() -> None:
    assert "unknown command /xyz" in error_of("／ｘｙｚ 价格")


def test_full_width_roster_name_is_found() -> None:
    assert resolve_name("abc", ["ＡＢＣ", "王磊"]) == "ＡＢＣ"


# --- blank lines and notes ---------------------------------------------------------------


@pytest.mark.parametrize("line", ["", " ", "   \t ", "\u3000", " \u3000 "])
def test_blank_line_is_nothing(line: str) -> None:
    assert parse(line) is None


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("Customer wants a discount", "Customer wants a discount"),
        ("  客户希望打折  ", "客户希望打折"),
        ("客户说：价格太高｜要再谈", "客户说：价格太高｜要再谈"),
        ("email tom@acme.com about due:fri", "email tom@acme.com about due:fri"),
        ("Q3 revenue   up 12%", "Q3 revenue up 12%"),
        ("１２月目标", "１２月目标"),
        ("//etc/hosts is wrong", "/etc/hosts is wrong"),
        ("  // 斜杠开头", "/ 斜杠开头"),
        ("//", "/"),
        ("///", "//"),
        ("／／注释", "／注释"),
        ("//a not an action", "/a not an action"),
        ("1/2 of the team", "1/2 of the team"),
    ],
)
def test_plain_text_is_a_note(line: str, text: str) -> None:
    assert parse(line) == Capture(ItemKind.NOTE, text)


# --- item kinds --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind", "text"),
    [
        ("/d Price stays", ItemKind.DECISION, "Price stays"),
        ("/decision Price stays", ItemKind.DECISION, "Price stays"),
        ("/D Price stays", ItemKind.DECISION, "Price stays"),
        ("/DECISION Price stays", ItemKind.DECISION, "Price stays"),
        ("／d 价格不变", ItemKind.DECISION, "价格不变"),
        ("/d价格不变", ItemKind.DECISION, "价格不变"),
        ("/决定 价格不变", ItemKind.DECISION, "价格不变"),
        ("/决议价格不变", ItemKind.DECISION, "价格不变"),
        ("/d\u3000价格不变", ItemKind.DECISION, "价格不变"),
        ("  /d   spaced    out  ", ItemKind.DECISION, "spaced out"),
        ("/q pricing?", ItemKind.QUESTION, "pricing?"),
        ("/question pricing?", ItemKind.QUESTION, "pricing?"),
        ("/问题 定价？", ItemKind.QUESTION, "定价？"),
        ("/i Bundle the service", ItemKind.IDEA, "Bundle the service"),
        ("/idea Bundle the service", ItemKind.IDEA, "Bundle the service"),
        ("/想法 捆绑销售", ItemKind.IDEA, "捆绑销售"),
        ("/p Office move", ItemKind.PARKING, "Office move"),
        ("/park Office move", ItemKind.PARKING, "Office move"),
        ("/parking Office move", ItemKind.PARKING, "Office move"),
        ("/搁置 搬办公室", ItemKind.PARKING, "搬办公室"),
        # Only actions and kudos read owners and dates; elsewhere they are plain words.
        ("/q pricing? @Tom", ItemKind.QUESTION, "pricing? @Tom"),
        ("/d ship due:fri @张伟 | ok", ItemKind.DECISION, "ship due:fri @张伟 | ok"),
        ("/i 客户说：可以＠张伟", ItemKind.IDEA, "客户说：可以＠张伟"),
    ],
)
def test_item_kinds(line: str, kind: ItemKind, text: str) -> None:
    assert parse(line) == Capture(kind, text)


@pytest.mark.parametrize(
    "line",
    [
        "/d",
        "/d   ",
        "/decision",
        "/q",
        "/i\u3000",
        "/p",
        "/park",
        "／决定",
        "/a",
        "/a @Tom due:fri",
    ],
)
def test_empty_items_are_refused(line: str) -> None:
    assert "empty" in error_of(line)


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("/xyz", "/xyz"),
        ("/xyz and more", "/xyz"),
        ("/EXTENDED", "/EXTENDED"),
        ("/extend10", "/extend10"),
        ("/d:", "/d:"),
        ("/etc/hosts", "/etc/hosts"),
        ("/3", "/3"),
        ("/价格", "/价格"),
        ("/dé", "/dé"),
    ],
)
def test_unknown_commands_are_refused(line: str, shown: str) -> None:
    message = error_of(line)
    assert f"unknown command {shown} " in message
    assert "F1" in message


@pytest.mark.parametrize("line", ["/", "/ something", "／", "  /  "])
def test_slash_alone_asks_for_a_command(line: str) -> None:
    assert "F1" in error_of(line)


# --- actions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "text", "owner", "known", "due", "criteria"),
    [
        (
            "/a Send the quote @Tom due:2026-12-05 | signed by the client",
            "Send the quote",
            "Tom",
            True,
            date(2026, 12, 5),
            "signed by the client",
        ),
        ("/action Send the quote", "Send the quote", None, True, None, None),
        ("/A Send the quote @tom", "Send the quote", "Tom", True, None, None),
        (
            "/a due:fri Send @Grace the quote",
            "Send the quote",
            "Grace Lin",
            True,
            date(2026, 12, 4),
            None,
        ),
        ("/a @Tom due:+3d Send the quote", "Send the quote", "Tom", True, date(2026, 11, 30), None),
        ("/a Send the quote @Bob", "Send the quote", "Bob", False, None, None),
        ("/a Send the quote |", "Send the quote", None, True, None, None),
        ("/a Send the quote |   ", "Send the quote", None, True, None, None),
        ("/a Send | first | second", "Send", None, True, None, "first | second"),
        (
            "/a Send | done when @Tom says so due:fri",
            "Send",
            None,
            True,
            None,
            "done when @Tom says so due:fri",
        ),
        ("/a Send deck @Tom.", "Send deck.", "Tom", True, None, None),
        ("/a Call @Tom, then email", "Call, then email", "Tom", True, None, None),
        ("/a Send deck due:fri.", "Send deck.", None, True, date(2026, 12, 4), None),
        ("/a Send deck DUE:fri", "Send deck", None, True, date(2026, 12, 4), None),
        ("/a Send deck due: fri", "Send deck", None, True, date(2026, 12, 4), None),
        ("/a email tom@acme.com today", "email tom@acme.com today", None, True, None, None),
        ("/a meet @ 3pm", "meet @ 3pm", None, True, None, None),
        ("/a@Tom call the client", "call the client", "Tom", True, None, None),
        ("/a call @Tom due:fri|signed", "call", "Tom", True, date(2026, 12, 4), "signed"),
        ("/a overdue:fri stays", "overdue:fri stays", None, True, None, None),
        # Chinese, typed with and without spaces, half- and full-width.
        (
            "/a 跟进报价 @张伟 due:12-05 | 客户签字确认",
            "跟进报价",
            "张伟",
            True,
            date(2026, 12, 5),
            "客户签字确认",
        ),
        (
            "／a 跟进报价＠张伟 截止：周五｜客户签字",
            "跟进报价",
            "张伟",
            True,
            date(2026, 12, 4),
            "客户签字",
        ),
        ("/a跟进报价@张伟截止:下周一", "跟进报价", "张伟", True, date(2026, 11, 30), None),
        ("/a 跟进报价截止:周五@张伟", "跟进报价", "张伟", True, date(2026, 12, 4), None),
        ("/a 感谢@王 推进合同", "感谢推进合同", "王磊", True, None, None),
        ("/a 发给client @张伟 明天", "发给client 明天", "张伟", True, None, None),
        ("/a 报价\u3000＠张小\u3000due：＋２ｗ", "报价", "张小明", True, date(2026, 12, 11), None),
        ("/a 报价 @李四", "报价", "李四", False, None, None),
        ("/a 报价 @张伟。", "报价。", "张伟", True, None, None),
        ("/行动 跟进报价 @陈 截止:明天", "跟进报价", "陈静", True, date(2026, 11, 28), None),
        ("/待办跟进报价", "跟进报价", None, True, None, None),
        ("/a 报价 截止:2026/12/31 ｜ 含税价", "报价", None, True, date(2026, 12, 31), "含税价"),
        ("/a 客户说：可以 @张伟", "客户说：可以", "张伟", True, None, None),
    ],
)
def test_actions(
    line: str, text: str, owner: str | None, known: bool, due: date | None, criteria: str | None
) -> None:
    assert parse(line) == Capture(ItemKind.ACTION, text, owner, known, due, criteria)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("/a 报价 @张", ["张伟", "张小明"]),
        ("/a call @to", ["Tom, Tomas:"]),
        ("/a call @Tom @Grace", ["one owner"]),
        ("/a 报价 @张伟@王磊", ["one owner"]),
        ("/a call due:fri due:mon", ["one due date"]),
        ("/a call due:", ["due: needs a date"]),
        ("/a call due: | ok", ["due: needs a date"]),
        ("/a call due:someday", ["someday"]),
        ("/a call due:2026-02-30", ["no such date", "2026-02-30"]),
        ("/a call due:13-01", ["no such date"]),
    ],
)
def test_action_errors(line: str, words: list[str]) -> None:
    message = error_of(line)
    for word in words:
        assert word in message


def test_exact_owner_beats_a_longer_name_it_prefixes() -> None:
    names = ("张伟", "张伟伟", "张小明")
    assert parse("/a 报价 @张伟", names) == Capture(ItemKind.ACTION, "报价", "张伟")
    assert parse("/a 报价 @张伟伟", names) == Capture(ItemKind.ACTION, "报价", "张伟伟")
    assert "张伟, 张伟伟, 张小明" in error_of("/a 报价 @张", names)


def test_owner_without_roster_is_flagged() -> None:
    assert parse("/a call @Tom", ()) == Capture(ItemKind.ACTION, "call", "Tom", False)


FULL_NAMES = ("Sam Okoro", "Sam Lee", "Tom", "Tom Baker", "Mary Ann de Souza", "Al Ray Jr.", "张伟")


@pytest.mark.parametrize(
    ("line", "text", "owner"),
    [
        ("/a @Sam Okoro ship the deck", "ship the deck", "Sam Okoro"),
        ("/a @sam okoro ship the deck", "ship the deck", "Sam Okoro"),
        ("/a ship the deck @Sam Okoro", "ship the deck", "Sam Okoro"),
        ("/a ship the deck @Sam Okoro, then call", "ship the deck, then call", "Sam Okoro"),
        ("/a ship the deck @Sam Okoro.", "ship the deck.", "Sam Okoro"),
        ("/a @Sam   Okoro ship due:fri", "ship", "Sam Okoro"),
        ("/a @Sam Lee ship", "ship", "Sam Lee"),
        # The longest whole name wins over a shorter one that is also on the roster.
        ("/a @Tom Baker ship", "ship", "Tom Baker"),
        ("/a @Tom ship", "ship", "Tom"),
        ("/a @Mary Ann de Souza ship", "ship", "Mary Ann de Souza"),
        ("/a @Mary Ann ship", "Ann ship", "Mary Ann de Souza"),  # a prefix is one word
        ("/a ＠Sam\u3000Okoro ship", "ship", "Sam Okoro"),
        ("/a ship @Al Ray Jr.", "ship", "Al Ray Jr."),
        ("/a @Tom, Baker ship", ", Baker ship", "Tom"),  # punctuation ends the name
    ],
)
def test_owner_takes_the_words_of_a_whole_roster_name(line: str, text: str, owner: str) -> None:
    parsed = parse(line, FULL_NAMES)
    assert isinstance(parsed, Capture)
    assert (parsed.text, parsed.owner, parsed.owner_known) == (text, owner, True)


def test_a_name_off_the_roster_still_takes_one_word() -> None:
    assert parse("/a @Bob Smith ship", FULL_NAMES) == Capture(
        ItemKind.ACTION, "Smith ship", "Bob", False
    )
    assert parse("/a @Sam Okoro ship", ()) == Capture(ItemKind.ACTION, "Okoro ship", "Sam", False)


@pytest.mark.parametrize(
    ("line", "text", "owner"),
    [
        ("/a @Tom due:fri Baker ship", "Baker ship", "Tom"),
        ("/a @Tom 截止:周五 Baker ship", "Baker ship", "Tom"),
    ],
)
def test_a_due_date_between_two_words_ends_the_name(line: str, text: str, owner: str) -> None:
    """A word after the date is not the owner's: it stays in the text, once."""
    parsed = parse(line, FULL_NAMES)
    assert isinstance(parsed, Capture)
    assert (parsed.text, parsed.owner, parsed.due) == (text, owner, date(2026, 12, 4))


def test_two_whole_names_are_two_owners() -> None:
    assert "Sam Okoro, Tom Baker" in error_of("/a ship @Sam Okoro @Tom Baker", FULL_NAMES)


def test_kudos_owner_takes_a_whole_roster_name() -> None:
    assert parse("/k @Sam Okoro closed Acme", FULL_NAMES) == Capture(
        ItemKind.KUDOS, "closed Acme", "Sam Okoro"
    )
    assert parse("/k @sam lee for helping @Tom Baker", FULL_NAMES) == Capture(
        ItemKind.KUDOS, "for helping @Tom Baker", "Sam Lee"
    )


def test_an_edit_line_names_the_whole_owner() -> None:
    for owner in ("Sam Okoro", "Sam Lee", "Tom", "张伟"):
        for kind in (ItemKind.ACTION, ItemKind.KUDOS):
            item = Capture(
                kind, "ship the deck", owner, due=TODAY if kind is ItemKind.ACTION else None
            )
            assert parse(capture_line(item), FULL_NAMES) == item


# --- kudos -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "owner", "known", "text"),
    [
        ("/k @Tom closed the Acme deal", "Tom", True, "closed the Acme deal"),
        ("/kudos @grace best month", "Grace Lin", True, "best month"),
        ("/K Closed the deal @Tom!", "Tom", True, "Closed the deal!"),
        ("/k @Tom for helping @Tomas", "Tom", True, "for helping @Tomas"),
        ("/k @Bob great demo", "Bob", False, "great demo"),
        ("/k 感谢@张伟 拿下大单", "张伟", True, "感谢拿下大单"),
        ("／k＠王 带新人", "王磊", True, "带新人"),
        ("/k@张小明 超额完成 | 130%", "张小明", True, "超额完成 | 130%"),
        ("/表扬 @陈静 客户满意度第一", "陈静", True, "客户满意度第一"),
        ("/k @Tom due:fri stays text", "Tom", True, "due:fri stays text"),
    ],
)
def test_kudos(line: str, owner: str, known: bool, text: str) -> None:
    assert parse(line) == Capture(ItemKind.KUDOS, text, owner, known)


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ("/k great job", "@name"),
        ("/k", "@name"),
        ("/k email tom@acme.com", "@name"),
        ("/k @Tom", "Tom"),
        ("/k @Tom  ", "Tom"),
        ("/k @张 干得好", "张伟, 张小明"),
    ],
)
def test_kudos_errors(line: str, word: str) -> None:
    assert word in error_of(line)


# --- due dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-05", date(2026, 12, 5)),
        ("2026/12/05", date(2026, 12, 5)),
        ("2026.12.05", date(2026, 12, 5)),
        ("2027-1-5", date(2027, 1, 5)),
        ("2025-01-01", date(2025, 1, 1)),
        ("２０２６－１２－０５", date(2026, 12, 5)),
        ("2026／12／05", date(2026, 12, 5)),
        ("12-05", date(2026, 12, 5)),
        ("12/05", date(2026, 12, 5)),
        ("11-27", date(2026, 11, 27)),  # today is not past
        ("11-26", date(2026, 11, 26)),  # yesterday: the nearest 11-26, flagged as past
        ("01-15", date(2027, 1, 15)),
        ("１２－０５", date(2026, 12, 5)),
        ("ｆｒｉ", date(2026, 12, 4)),
        ("＋２ｗ", date(2026, 12, 11)),
        ("12月5日", date(2026, 12, 5)),
        ("1月15号", date(2027, 1, 15)),
        ("2027年3月1日", date(2027, 3, 1)),
        ("+0d", date(2026, 11, 27)),
        ("+3d", date(2026, 11, 30)),
        ("+3", date(2026, 11, 30)),
        ("+2w", date(2026, 12, 11)),
        ("+2W", date(2026, 12, 11)),
        ("＋３d", date(2026, 11, 30)),
        ("+5天", date(2026, 12, 2)),
        ("+1周", date(2026, 12, 4)),
        ("today", date(2026, 11, 27)),
        ("Today", date(2026, 11, 27)),
        ("今天", date(2026, 11, 27)),
        ("tomorrow", date(2026, 11, 28)),
        ("明天", date(2026, 11, 28)),
        ("后天", date(2026, 11, 29)),
        # Weekdays from Friday 2026-11-27: strictly after today.
        ("fri", date(2026, 12, 4)),
        ("friday", date(2026, 12, 4)),
        ("FRI", date(2026, 12, 4)),
        ("sat", date(2026, 11, 28)),
        ("sun", date(2026, 11, 29)),
        ("sunday", date(2026, 11, 29)),
        ("mon", date(2026, 11, 30)),
        ("monday", date(2026, 11, 30)),
        ("tue", date(2026, 12, 1)),
        ("tuesday", date(2026, 12, 1)),
        ("wed", date(2026, 12, 2)),
        ("wednesday", date(2026, 12, 2)),
        ("thu", date(2026, 12, 3)),
        ("thursday", date(2026, 12, 3)),
        ("saturday", date(2026, 11, 28)),
        ("周一", date(2026, 11, 30)),
        ("周二", date(2026, 12, 1)),
        ("周三", date(2026, 12, 2)),
        ("周四", date(2026, 12, 3)),
        ("周五", date(2026, 12, 4)),
        ("周六", date(2026, 11, 28)),
        ("周日", date(2026, 11, 29)),
        ("周天", date(2026, 11, 29)),
        ("星期一", date(2026, 11, 30)),
        ("星期五", date(2026, 12, 4)),
        ("星期日", date(2026, 11, 29)),
        ("星期天", date(2026, 11, 29)),
        # Next week's day: the week starting Monday 2026-11-30.
        ("下周一", date(2026, 11, 30)),
        ("下周三", date(2026, 12, 2)),
        ("下周五", date(2026, 12, 4)),
        ("下周日", date(2026, 12, 6)),
        ("下星期二", date(2026, 12, 1)),
        ("  fri  ", date(2026, 12, 4)),
    ],
)
def test_due_dates(text: str, expected: date) -> None:
    assert parse_due(text, TODAY) == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2026, 11, 23), "mon", date(2026, 11, 30)),  # Monday: a week away
        (date(2026, 11, 23), "周三", date(2026, 11, 25)),
        (date(2026, 11, 23), "下周一", date(2026, 11, 30)),
        (date(2026, 11, 23), "下周三", date(2026, 12, 2)),
        (date(2026, 11, 29), "下周一", date(2026, 11, 30)),  # Sunday
        (date(2026, 11, 29), "mon", date(2026, 11, 30)),
        (date(2026, 12, 31), "01-02", date(2027, 1, 2)),
        (date(2026, 12, 31), "+1d", date(2027, 1, 1)),
        (date(2028, 1, 10), "02-29", date(2028, 2, 29)),
    ],
)
def test_due_dates_depend_on_today(today: date, text: str, expected: date) -> None:
    assert parse_due(text, today) == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("2026-02-30", "no such date"),
        ("2026-13-01", "no such date"),
        ("0000-01-01", "no such date"),
        ("02-29", "no such date"),  # 2026 is no leap year
        ("00-10", "no such date"),
        ("someday", "can't read"),
        ("", "can't read"),
        ("下周八", "can't read"),
        ("fri day", "can't read"),
        ("+d", "can't read"),
        ("+99999d", "can't read"),
        ("-3d", "can't read"),
        ("12-05-2026", "can't read"),
    ],
)
def test_bad_due_dates(text: str, word: str) -> None:
    with pytest.raises(CaptureError, match=word):
        parse_due(text, TODAY)


def test_due_date_error_gives_examples() -> None:
    with pytest.raises(CaptureError, match="12-05, \\+3d"):
        parse_due("soon", TODAY)


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("王磊", "王磊"),
        ("王", "王磊"),
        ("陈", "陈静"),
        ("张伟", "张伟"),
        ("张小", "张小明"),
        ("Tom", "Tom"),
        ("tom", "Tom"),
        ("TOM", "Tom"),
        ("Toma", "Tomas"),
        ("tomas", "Tomas"),
        ("tin", "tina"),
        ("Grace", "Grace Lin"),
        ("grace lin", "Grace Lin"),
        ("Grace  Lin", "Grace Lin"),
        ("  Grace Lin ", "Grace Lin"),
        ("Grace L", "Grace Lin"),
    ],
)
def test_resolve_name(typed: str, expected: str) -> None:
    assert resolve_name(typed, NAMES) == expected


@pytest.mark.parametrize(
    ("typed", "candidates"),
    [
        ("张", ["张伟", "张小明"]),
        ("T", ["Tom", "Tomas", "tina"]),
        ("to", ["Tom", "Tomas"]),
    ],
)
def test_ambiguous_names_list_the_candidates(typed: str, candidates: list[str]) -> None:
    with pytest.raises(AmbiguousName) as caught:
        resolve_name(typed, NAMES)
    assert list(caught.value.candidates) == candidates
    assert ", ".join(candidates) in str(caught.value)


def test_same_name_in_two_cases_is_ambiguous_unless_typed_exactly() -> None:
    names = ("Tom", "TOM")
    assert resolve_name("TOM", names) == "TOM"
    with pytest.raises(AmbiguousName):
        resolve_name("tom", names)


@pytest.mark.parametrize("typed", ["李四", "Bob", "Grace Lim", "王磊磊"])
def test_unknown_names_list_the_roster(typed: str) -> None:
    with pytest.raises(UnknownName) as caught:
        resolve_name(typed, NAMES)
    assert typed in str(caught.value)
    assert "王磊, 张伟" in str(caught.value)


@pytest.mark.parametrize("typed", ["", "   ", "\u3000"])
def test_empty_name_is_unknown(typed: str) -> None:
    with pytest.raises(UnknownName):
        resolve_name(typed, NAMES)


def test_long_rosters_are_shortened_in_messages() -> None:
    names = [f"Rep {number}" for number in range(30)]
    with pytest.raises(UnknownName) as caught:
        resolve_name("Nobody", names)
    assert "Rep 7" in str(caught.value)
    assert "Rep 20" not in str(caught.value)
    assert "…" in str(caught.value)


def test_empty_roster_says_so() -> None:
    with pytest.raises(UnknownName, match="roster is empty"):
        resolve_name("Tom", [])


# --- amounts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1200000", 1_200_000),
        ("1,200,000", 1_200_000),
        ("1，200，000", 1_200_000),
        ("120万", 1_200_000),
        ("120 万", 1_200_000),
        ("120W", 1_200_000),
        ("120万元", 1_200_000),
        ("1.2m", 1_200_000),
        ("1.2M", 1_200_000),
        ("1.1m", 1_100_000),
        ("800k", 800_000),
        ("800K", 800_000),
        ("8千", 8_000),
        ("1.5亿", 150_000_000),
        ("3百万", 3_000_000),
        ("１２０万", 1_200_000),
        ("１．５亿", 150_000_000),
        ("８００ｋ", 800_000),
        ("¥1,200,000", 1_200_000),
        ("￥800k", 800_000),
        ("$1.5m", 1_500_000),
        ("0.5", 0.5),
        (".5k", 500),
        ("1,200,000.50", 1_200_000.5),
        (" 42 ", 42),
    ],
)
def test_amounts(text: str, expected: float) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("0", "more than zero"),
        ("0k", "more than zero"),
        ("0.0", "more than zero"),
        ("-5", "can't read"),
        ("1,5", "can't read"),
        ("12,00,000", "can't read"),
        ("abc", "can't read"),
        ("", "can't read"),
        ("万", "can't read"),
        ("1.2.3", "can't read"),
        ("120万万", "can't read"),
        ("1e6", "can't read"),
        ("9" * 400, "too large"),
    ],
)
def test_bad_amounts(text: str, word: str) -> None:
    with pytest.raises(CaptureError, match=word):
        parse_amount(text)


# --- commands ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("/next", "next"),
        ("/NEXT", "next"),
        ("  /next  ", "next"),
        ("／next", "next"),
        ("/下一节", "next"),
        ("/prev", "prev"),
        ("/previous", "prev"),
        ("/上一节", "prev"),
        ("/pause", "pause"),
        ("/Pause", "pause"),
        ("/暂停", "pause"),
        ("/resume", "resume"),
        ("/继续", "resume"),
        ("/defer", "defer"),
        ("/推后", "defer"),
        ("/end", "end"),
        ("/End", "end"),
        ("/结束", "end"),
        ("/u", "undo"),
        ("/U", "undo"),
        ("/undo", "undo"),
        ("/撤销", "undo"),
        ("／u\u3000", "undo"),
    ],
)
def test_commands_without_arguments(line: str, name: str) -> None:
    assert parse(line) == Command(name)


@pytest.mark.parametrize("line", ["/next please", "/end meeting", "/u 2", "/pause 5"])
def test_commands_without_arguments_refuse_extra_words(line: str) -> None:
    assert "takes nothing" in error_of(line)


@pytest.mark.parametrize(
    ("line", "minutes"),
    [
        ("/extend", 5),
        ("/extend 10", 10),
        ("/extend +1", 1),
        ("/extend 10m", 10),
        ("/extend 10 min", 10),
        ("/extend 15minutes", 15),
        ("/extend 120", 120),
        ("/EXTEND 3", 3),
        ("/extend １０", 10),
        ("/延长 10分钟", 10),
        ("/延长 5分", 5),
    ],
)
def test_extend(line: str, minutes: int) -> None:
    assert parse(line) == Command("extend", number=minutes)


@pytest.mark.parametrize(
    "line",
    ["/extend 0", "/extend 121", "/extend -5", "/extend five", "/extend 5 10", "/extend 1.5"],
)
def test_extend_refuses_bad_minutes(line: str) -> None:
    assert "1 to 120" in error_of(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/speaker", Command("speaker")),
        ("/speaker 0", Command("speaker")),  # nobody, as 0 in the roster
        ("/speaker 00", Command("speaker")),
        ("/发言 ０", Command("speaker")),
        ("/speaker   ", Command("speaker")),
        ("/speaker 1", Command("speaker", who="王磊", number=1)),
        ("/speaker 2", Command("speaker", who="张伟", number=2)),
        ("/speaker ８", Command("speaker", who="tina", number=8)),
        ("/speaker Tom", Command("speaker", who="Tom")),
        ("/speaker tomas", Command("speaker", who="Tomas")),
        ("/speaker Grace", Command("speaker", who="Grace Lin")),
        ("/speaker grace lin", Command("speaker", who="Grace Lin")),
        ("/speaker @张伟", Command("speaker", who="张伟")),
        ("/speaker 张小", Command("speaker", who="张小明")),
        ("/发言 王", Command("speaker", who="王磊")),
    ],
)
def test_speaker(line: str, expected: Command) -> None:
    assert parse(line) == expected


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ("/speaker 9", "roster has 8"),
        ("/speaker 99999999999", "no participant number"),
        ("/speaker 张", "张伟, 张小明"),
        ("/speaker Bob", "nobody called Bob"),
    ],
)
def test_speaker_errors(line: str, word: str) -> None:
    assert word in error_of(line)


def test_speaker_number_needs_a_roster() -> None:
    assert "roster has 0" in error_of("/speaker 1", ())


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/here Tom", Command("here", who="Tom")),
        ("/here grace", Command("here", who="Grace Lin")),
        ("/here 陈", Command("here", who="陈静")),
        ("/签到 陈静", Command("here", who="陈静")),
        ("/here Bob Smith", Command("here", who="Bob Smith", who_known=False)),
        ("/here 李四", Command("here", who="李四", who_known=False)),
        ("/here  李\u3000四 ", Command("here", who="李 四", who_known=False)),
        ("/late Tom", Command("late", who="Tom")),
        ("/late 王", Command("late", who="王磊")),
        ("/迟到 王磊", Command("late", who="王磊")),
        ("/late 李四", Command("late", who="李四", who_known=False)),
        ("/left tomas", Command("left", who="Tomas")),
        ("/left Grace Lin", Command("left", who="Grace Lin")),
        ("/早退 张伟", Command("left", who="张伟")),
        ("/离开 张伟", Command("left", who="张伟")),
        ("/absent 陈静", Command("absent", who="陈静")),
        ("/缺席 陈", Command("absent", who="陈静")),
        ("/ABSENT tina", Command("absent", who="tina")),
    ],
)
def test_attendance(line: str, expected: Command) -> None:
    assert parse(line) == expected


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ("/here", "needs a name"),
        ("/late   ", "needs a name"),
        ("/left", "needs a name"),
        ("/absent", "needs a name"),
        ("/here 张", "张伟, 张小明"),
        ("/late T", "Tom, Tomas, tina"),
        ("/left 李四", "nobody called 李四"),
        ("/absent Bob", "nobody called Bob"),
        ("/left 张", "张伟, 张小明"),
    ],
)
def test_attendance_errors(line: str, word: str) -> None:
    assert word in error_of(line)


@pytest.mark.parametrize(
    ("line", "who", "amount"),
    [
        ("/target 张伟 1200000", "张伟", 1_200_000),
        ("/target 张伟 1,200,000", "张伟", 1_200_000),
        ("/target 张伟 120万", "张伟", 1_200_000),
        ("/target 张伟 120 万", "张伟", 1_200_000),
        ("/target 张小 1.5亿", "张小明", 150_000_000),
        ("/target Grace Lin 800k", "Grace Lin", 800_000),
        ("/target Grace 1.2m", "Grace Lin", 1_200_000),
        ("/target grace lin 1.2 m", "Grace Lin", 1_200_000),
        ("/target tom 5000", "Tom", 5_000),
        ("/TARGET @Tom 5000", "Tom", 5_000),
        ("／target　张伟　１２０万", "张伟", 1_200_000),
        ("/目标 王 90万", "王磊", 900_000),
    ],
)
def test_target(line: str, who: str, amount: float) -> None:
    assert parse(line) == Command("target", who=who, amount=amount)


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ("/target", "/target NAME AMOUNT"),
        ("/target 张伟", "/target NAME AMOUNT"),
        ("/target 120万", "/target NAME AMOUNT"),
        ("/target 张伟 0", "more than zero"),
        ("/target 张伟 lots", "can't read the amount"),
        ("/target 张伟 1,5", "can't read the amount"),
        ("/target 张 120万", "张伟, 张小明"),
        ("/target 李四 120万", "nobody called 李四"),
    ],
)
def test_target_errors(line: str, word: str) -> None:
    assert word in error_of(line)


@pytest.mark.parametrize(
    ("line", "number", "status", "comment"),
    [
        ("/status 1 done", 1, "done", None),
        ("/status 2 doing", 2, "doing", None),
        ("/status 3 blocked waiting for legal", 3, "blocked", "waiting for legal"),
        ("/status 3 BLOCKED   waiting   for legal  ", 3, "blocked", "waiting for legal"),
        ("/status 4 in-progress", 4, "doing", None),
        ("/status 4 progress half way", 4, "doing", "half way"),
        ("/status 12 Done", 12, "done", None),
        ("/status 1 完成", 1, "done", None),
        ("/status 1 已完成 客户已签字", 1, "done", "客户已签字"),
        ("/status 2 进行中", 2, "doing", None),
        ("/status 3 受阻 等法务：合同｜条款", 3, "blocked", "等法务：合同｜条款"),
        ("/status 3 阻塞", 3, "blocked", None),
        ("/status 3完成", 3, "done", None),
        ("／status　２　done", 2, "done", None),
        ("/状态 1 完成", 1, "done", None),
        ("/status 5 done | with notes", 5, "done", "| with notes"),
    ],
)
def test_status(line: str, number: int, status: str, comment: str | None) -> None:
    assert parse(line) == Command("status", number=number, status=status, comment=comment)


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ("/status", "/status N done|doing|blocked"),
        ("/status 3", "/status N done|doing|blocked"),
        ("/status done", "/status N done|doing|blocked"),
        ("/status -1 done", "/status N done|doing|blocked"),
        ("/status 1.5 done", "/status N done|doing|blocked"),
        ("/status 0 done", "numbered from 1"),
        ("/status 1 finished", "unknown status finished"),
        ("/status 1 未知", "unknown status 未知"),
    ],
)
def test_status_errors(line: str, word: str) -> None:
    assert word in error_of(line)


# --- nothing but CaptureError ------------------------------------------------------------

FRAGMENTS = [
    "/",
    "／",
    "//",
    "/a",
    "/a ",
    "/k",
    "/d",
    "/u",
    "/target",
    "/status",
    "/speaker",
    "/extend",
    "/here",
    "/left",
    "/决定",
    "/表扬",
    "@",
    "＠",
    "@Tom",
    "@张",
    "@张伟",
    "due:",
    "due：",
    "截止:",
    "截止：",
    "|",
    "｜",
    " ",
    "\u3000",
    "+",
    "＋",
    "3",
    "１２",
    "99999999999999999999",
    "d",
    "w",
    "k",
    "m",
    "万",
    "亿",
    ",",
    ".",
    "-",
    "2026-12-05",
    "12-05",
    "02-30",
    "fri",
    "周五",
    "下周",
    "星期",
    "done",
    "完成",
    "王磊",
    "Grace Lin",
    "张",
    "\n",
    "\t",
    "İ",
    "ß",
    "²",
    "٣",
]


@settings(max_examples=400)
@given(st.text())
def test_any_text_parses_or_raises_capture_error(line: str) -> None:
    try:
        result = parse(line)
    except CaptureError as error:
        assert str(error)
        assert "\n" not in str(error)
        return
    assert result is None or isinstance(result, Capture | Command)
    if isinstance(result, Capture):
        assert result.text


@settings(max_examples=600)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=10).map("".join), st.sampled_from([NAMES, ()]))
def test_fragment_soup_parses_or_raises_capture_error(line: str, names: tuple[str, ...]) -> None:
    try:
        result = parse_capture(line, names, TODAY)
    except CaptureError:
        return
    assert result is None or isinstance(result, Capture | Command)
    if isinstance(result, Command):
        assert isinstance(result.name, CommandName)


@given(st.text(), st.dates())
def test_parse_due_raises_only_capture_error(text: str, today: date) -> None:
    with contextlib.suppress(CaptureError):
        assert isinstance(parse_due(text, today), date)


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=6).map("".join), st.dates())
def test_parse_due_fragments_raise_only_capture_error(text: str, today: date) -> None:
    with contextlib.suppress(CaptureError):
        assert isinstance(parse_due(text, today), date)


@given(st.text())
def test_parse_amount_raises_only_capture_error(text: str) -> None:
    with contextlib.suppress(CaptureError):
        assert parse_amount(text) > 0


@given(st.text(), st.lists(st.text(), max_size=5))
def test_resolve_name_returns_a_roster_name_or_raises(typed: str, names: list[str]) -> None:
    with contextlib.suppress(CaptureError):
        assert resolve_name(typed, names) in names


@pytest.mark.parametrize(
    ("word", "today", "expected"),
    [
        ("本周五", date(2026, 11, 27), date(2026, 11, 27)),  # this week's Friday is today
        ("这周三", date(2026, 11, 27), date(2026, 11, 25)),
        ("本星期日", date(2026, 11, 23), date(2026, 11, 29)),
        ("下周一", date(2026, 11, 27), date(2026, 11, 30)),
        ("下下周一", date(2026, 11, 27), date(2026, 12, 7)),
        ("月底", date(2026, 11, 27), date(2026, 11, 30)),
        ("本月底", date(2026, 2, 3), date(2026, 2, 28)),
        ("下月底", date(2026, 11, 27), date(2026, 12, 31)),
        ("下个月底", date(2026, 12, 10), date(2027, 1, 31)),
    ],
)
def test_chinese_week_and_month_end_words(word: str, today: date, expected: date) -> None:
    assert parse_due(word, today) == expected
    line = f"/a 提交报价 @张伟 截止:{word} | 客户签回"
    parsed = parse_capture(line, ["张伟"], today)
    assert isinstance(parsed, Capture) and parsed.due == expected and parsed.text == "提交报价"
