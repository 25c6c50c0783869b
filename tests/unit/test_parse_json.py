"""Session files are parsed by orjson where it reads them as `json` does (`sessions.disk.parse_json`):
the same value, of the same types, and the same errors, whatever the text; what the index
keeps is written by it where it writes the text `json` writes (`compact_json`)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sessions.disk import compact_json, load_fast_json, parse_json

_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def _exactly(value: object) -> object:
    """A value with every number's type kept (1 and 1.0, 0.0 and -0.0 told apart), NaN
    equal to itself."""
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else value.hex())
    if isinstance(value, bool | int):
        return (type(value).__name__, value)
    if isinstance(value, list):
        return [_exactly(one) for one in value]
    if isinstance(value, dict):
        return {key: _exactly(one) for key, one in value.items()}
    return value


def _as_json_reads(raw: bytes) -> tuple[str, object]:
    try:
        return "value", _exactly(json.loads(raw.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        return type(exc).__name__, str(exc)


def _as(loaded: bool, make, *args):
    """`make(*args)` in a process that has loaded orjson (a rebuild's reading process) or not."""
    load_fast_json()
    with mock.patch.dict(sys.modules):
        if not loaded:
            del sys.modules["orjson"]
        return make(*args)


def _as_parsed(raw: bytes, loaded: bool = True) -> tuple[str, object]:
    try:
        return "value", _exactly(_as(loaded, parse_json, raw))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        return type(exc).__name__, str(exc)


_LOADED = pytest.mark.parametrize("loaded", [True, False], ids=["orjson", "json"])


@_LOADED
@given(value=_values, ascii_only=st.booleans())
def test_any_json_text_is_read_as_json_reads_it(loaded, value, ascii_only):
    raw = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    assert _as_parsed(raw, loaded) == _as_json_reads(raw)


@_LOADED
@given(raw=st.binary(max_size=40))
def test_any_bytes_are_read_or_refused_as_json_does(loaded, raw):
    assert _as_parsed(raw, loaded) == _as_json_reads(raw)


@pytest.mark.parametrize(
    "raw",
    [
        b'{"target": 18446744073709551616}',  # past 64 bits: orjson would give a float
        b"[-9223372036854775809, 9223372036854775808]",
        b"[123456789012345678901234567890]",
        b'{"a": 1, "a": 2}',
        b'["\\ud800", NaN, -Infinity, 1e400]',
        b'"\xed\xa0\x80"',  # a surrogate in UTF-8: not UTF-8
        b"\xef\xbb\xbf{}",
        b'{"title": "\xe5\xae\xa2\xe6\x88\xb7", "at": 1.5',
        b"[" * 5000 + b"]" * 5000,
        b"",
    ],
)
def test_the_edges_where_orjson_and_json_differ_read_as_json_reads_them(raw):
    """(orjson loaded, as in a rebuild's reading process)"""
    assert _as_parsed(raw) == _as_json_reads(raw)


_finite = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.floats(min_value=-1e-3, max_value=1e-3)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(), inner, max_size=4)
    ),
    max_leaves=20,
)


@_LOADED
@given(value=_finite)
def test_compact_json_writes_what_json_writes(loaded, value):
    """Every finite value (lone surrogates, integers past 64 bits, tiny floats among them)."""
    written = _as(loaded, compact_json, value)
    assert written == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize(
    "value",
    [
        {"talk_seconds": 1e-05, "share": 2.5e-07, "at": 1732912345.125},
        [18446744073709551616, -9223372036854775809],
        {"text": "\ud800 alone", "owner": None},
        {"text": 'a\x00b\x1f"\\\u2028', "n": 1e16},
    ],
)
def test_compact_json_where_orjson_writes_otherwise(value):
    assert _as(True, compact_json, value) == json.dumps(
        value, ensure_ascii=False, separators=(",", ":")
    )


def test_a_process_that_reads_one_file_does_not_load_orjson(tmp_path):
    """A resume reads one session file: 25 ms of loading would be all it got from orjson."""
    path = tmp_path / "one.json"
    path.write_text('{"meta": {"1": {"schema": 1}}}')
    code = (
        "import sys; from sessions.disk import compact_json, read_json_file; "
        f"read_json_file(__import__('pathlib').Path({str(path)!r})); compact_json([1]); "
        "print('orjson' in sys.modules)"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "False"
