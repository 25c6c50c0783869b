"""The one home for control characters: what is found, what is stripped, what stays."""

from __future__ import annotations

import pytest
from hostile import CONTROL, FORBIDDEN_BYTES, PRINTABLE, control_free

from sessions.text import describe_control, find_control, strip_control


@pytest.mark.parametrize("text", CONTROL)
def test_control_strings_are_found_and_stripped(text: str) -> None:
    assert find_control(text) >= 0
    cleaned = strip_control(text)
    assert control_free(cleaned)
    assert cleaned[0] == text[0] and cleaned[-1] == text[-1]


@pytest.mark.parametrize("text", PRINTABLE)
def test_printable_strings_pass_unchanged(text: str) -> None:
    assert find_control(text) == -1
    assert strip_control(text) == text


def test_tab_and_newline_stay_every_other_control_goes() -> None:
    assert strip_control("a\tb\nc") == "a\tb\nc"
    assert strip_control("".join(FORBIDDEN_BYTES)) == ""
    assert describe_control("\x1b") == "U+001B"
