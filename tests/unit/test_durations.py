"""Duration parsing and display."""

from __future__ import annotations

import pytest

from agendas.durations import DurationError, format_clock, format_minutes, parse_duration


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("90s", 90),
        ("10m", 600),
        ("1h30m", 5400),
        ("1h", 3600),
        ("1h 5m 30s", 3930),
        ("10M", 600),
        (" 15 ", 900),
        ("15", 900),
        (15, 900),
        (15.0, 900),
        ("24h", 86400),
    ],
)
def test_parse_duration(value: object, seconds: int) -> None:
    assert parse_duration(value) == seconds


@pytest.mark.parametrize(
    "value",
    [
        "10x",
        "",
        "m",
        "1:30",
        "1.5",
        "30m1h",
        "5m5m",
        "-5",
        "0",
        "0m",
        0,
        True,
        None,
        1.5,
        [10],
        "25h",
    ],
)
def test_parse_duration_rejects(value: object) -> None:
    with pytest.raises(DurationError):
        parse_duration(value)


def test_duration_error_says_what_to_write() -> None:
    with pytest.raises(DurationError, match=r"bad duration '10x': use 90s, 10m, 1h30m or minutes"):
        parse_duration("10x")


def test_duration_error_is_a_value_error() -> None:
    assert issubclass(DurationError, ValueError)


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "00:00"),
        (65, "01:05"),
        (3599.9, "59:59"),
        (3600, "1:00:00"),
        (-30, "-00:30"),
        (-3725, "-1:02:05"),
    ],
)
def test_format_clock(seconds: float, shown: str) -> None:
    assert format_clock(seconds) == shown


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (600, "10m"),
        (5400, "1h30m"),
        (3600, "1h"),
        (90, "1m30s"),
        (150, "2m30s"),
        (45, "45s"),
        (630, "10m30s"),
        (3630, "1h00m30s"),
        (0, "0m"),
    ],
)
def test_format_minutes(seconds: float, shown: str) -> None:
    assert format_minutes(seconds) == shown


@pytest.mark.parametrize("text", ["45s", "1m30s", "10m", "1h30m", "2h", "45m", "1h00m30s"])
def test_format_minutes_reads_back(text: str) -> None:
    assert format_minutes(parse_duration(text)) == text
