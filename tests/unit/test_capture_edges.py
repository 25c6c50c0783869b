"""Quick capture's edges found by the mutation pass: what a refused line says, amounts, long names and numbers."""

from __future__ import annotations

from datetime import date

import pytest

from sessions.capture import Capture, CaptureError, Command, parse_amount, parse_capture
from sessions.i18n import error_text

NAMES = ("王磊", "张伟", "陈静", "Tom Baker", "Tom Hanks")
TODAY = date(2026, 11, 27)


def parse(line: str) -> Capture | Command | None:
    return parse_capture(line, NAMES, TODAY)


def refusal(line: str) -> tuple[str, str]:
    """What the capture bar says, in English and in Chinese, when `line` is refused."""
    with pytest.raises(CaptureError) as refused:
        parse(line)
    return str(refused.value), error_text(refused.value, "zh")


@pytest.mark.parametrize(
    ("line", "english", "chinese"),
    [
        (
            "/a 跟进报价 @张伟 @陈静",
            "an action has one owner, not 张伟, 陈静: keep one @name",
            "一项待办只能有一个负责人，不能是 张伟, 陈静：只保留一个 @姓名",
        ),
        (
            "/a @张伟",
            "the action is empty: type what is to be done after /a",
            "待办为空：在 /a 后面写上要做的事",
        ),
        ("/next now", "/next takes nothing after it", "/next 后面不需要再写内容"),
        ("/late", "/late needs a name", "/late 后面要写人名"),
        (
            "/extend 500",
            "/extend takes 1 to 120 minutes, not 500",
            "/extend 只能延长 1 到 120 分钟，不能是 500",
        ),
        (
            "/speaker Tom",
            "Tom could be Tom Baker, Tom Hanks: type more of the name",
            "“Tom”可能是 Tom Baker, Tom Hanks：请多输入几个字",
        ),
    ],
)
def test_a_refused_line_says_what_was_typed(line, english, chinese):
    assert refusal(line) == (english, chinese)


@pytest.mark.parametrize(
    ("typed", "english"),
    [
        ("abc", "can't read the amount abc: "),
        ("", "can't read the amount (empty): "),
        ("0", "the amount must be more than zero, not 0"),
        ("9" * 400 + "亿", f"the amount {'9' * 400}亿 is too large"),
        ("X5", "can't read the amount X5: "),
    ],
)
def test_an_amount_refused_says_which(typed, english):
    with pytest.raises(CaptureError) as refused:
        parse_amount(typed)
    assert str(refused.value).startswith(english)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("1 200 000", 1_200_000), ("¥1,200", 1200), ("$800k", 800_000), ("120万元", 1_200_000)],
)
def test_amounts_as_people_type_them(typed, amount):
    assert parse_amount(typed) == amount


def test_a_target_for_a_name_of_several_words():
    assert parse("/target Tom Baker 900k") == Command("target", who="Tom Baker", amount=900_000.0)


def test_a_huge_speaker_number_is_refused_not_a_crash():
    # Past 4300 digits int() itself refuses; the line must still get a worded answer.
    english, _ = refusal("/speaker " + "9" * 5000)
    assert english.startswith("no participant number 9999") and english.endswith("the roster has 5")


def test_words_around_an_owner_keep_their_spacing():
    captured = parse("/a 跟进客户A @张伟 报价单")
    assert isinstance(captured, Capture)
    assert captured.text == "跟进客户A 报价单" and captured.owner == "张伟"


@pytest.mark.parametrize(
    ("line", "names", "english"),
    [
        ("/target @ 100", NAMES, "a name is missing"),
        ("/left Tom", (), "nobody called Tom: the roster is empty"),
        ("/speaker TOM", ("Tom", "tom"), "TOM could be Tom, tom: type more of the name"),
        ("/xyz foo", NAMES, "unknown command /xyz — F1 lists them (// starts a note)"),
    ],
)
def test_names_and_commands_refused_say_which(line, names, english):
    with pytest.raises(CaptureError) as refused:
        parse_capture(line, names, TODAY)
    assert str(refused.value) == english


def test_the_roster_shown_for_an_unknown_name_stops_at_eight():
    eight = tuple(f"P{n}" for n in range(1, 9))
    with pytest.raises(CaptureError) as refused:
        parse_capture("/left Zoe", eight, TODAY)
    assert str(refused.value) == "nobody called Zoe — participants: P1, P2, P3, P4, P5, P6, P7, P8"
    with pytest.raises(CaptureError) as refused:
        parse_capture("/left Zoe", (*eight, "P9"), TODAY)
    assert str(refused.value).endswith("participants: P1, P2, P3, P4, P5, P6, P7, P8, …")


def test_an_at_sign_alone_names_no_owner():
    captured = parse("/a 报价 @, 周五")
    assert isinstance(captured, Capture)
    assert (captured.text, captured.owner, captured.owner_known) == ("报价 @, 周五", None, True)


@pytest.mark.parametrize(
    ("line", "english"),
    [
        ("/d", "the decision is empty: type it after /d"),
        ("/decision  ", "the decision is empty: type it after /decision"),
        ("/q", "the question is empty: type it after /q"),
    ],
)
def test_an_empty_item_says_which_command_was_typed(line, english):
    with pytest.raises(CaptureError) as refused:
        parse(line)
    assert str(refused.value) == english
