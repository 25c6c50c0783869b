"""Plain-text hygiene for anything a person wrote: the one home for control characters.

It lives with the agendas, the lowest layer, so that the agenda loader can refuse them and
every session output can strip them.

C0 controls other than tab and newline, DEL and the C1 range (which includes the 8-bit
CSI a terminal obeys) are never written raw to a terminal or a file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from typing import Any

# Tab (\x09) and newline (\x0a) stay; carriage return, ESC, BEL, NUL, DEL and C1 do not.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def find_control(text: str) -> int:
    """Index of the first control character in `text`, or -1 when there is none."""
    found = _CONTROL.search(text)
    return found.start() if found else -1


def strip_control(text: str) -> str:
    """`text` without control characters (tab and newline kept)."""
    return _CONTROL.sub("", text)


def strip_control_in(data: Any) -> Any:
    """`data` (JSON-like: dicts, lists, strings, numbers) with every string, keys included, stripped."""
    if isinstance(data, str):
        return strip_control(data)
    if isinstance(data, dict):
        return {strip_control_in(key): strip_control_in(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [strip_control_in(value) for value in data]
    return data


def describe_control(ch: str) -> str:
    """A control character as a person can read it in an error message: U+001B."""
    return f"U+{ord(ch):04X}"


def closest(word: str, choices: Collection[str]) -> str | None:
    """The choice `word` was most likely meant to be (a typo's correction), or None."""
    close = difflib.get_close_matches(word.lower(), list(choices), n=1)
    return close[0] if close else None
