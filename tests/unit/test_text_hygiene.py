"""The one home for control characters: what is found, what is stripped, what stays."""

from __future__ import annotations

import pytest
from hostile import CONTROL, FORBIDDEN_BYTES, PRINTABLE, control_free

from agendas.text import describe_control, find_control, strip_control, strip_control_in


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


def test_nested_data_is_stripped_keys_included() -> None:
    data = {"a\x1b": ["b\x9b", {"c": "d\x07e"}, 3, None, 1.5], "n": ("x\x00",)}
    assert strip_control_in(data) == {"a": ["b", {"c": "de"}, 3, None, 1.5], "n": ["x"]}
