"""Durations as agendas write them (90s, 10m, 1h30m, bare minutes) and as screens show them."""

from __future__ import annotations

import re

from agendas.wording import Wording

_PART = re.compile(r"(\d+)\s*(h|m|s)", re.IGNORECASE)
_WHOLE = re.compile(r"^\s*(?:\d+\s*[hms]\s*)+$", re.IGNORECASE)


class DurationError(ValueError):
    pass


def parse_duration(value: object) -> int:
    """Seconds from `90s`, `10m`, `1h30m`, `15` (minutes) or an int (minutes)."""
    if isinstance(value, bool):
        raise DurationError(Wording("agenda.bad_duration", value=repr(value)))
    if isinstance(value, int):
        seconds = value * 60
    elif isinstance(value, float) and value.is_integer():
        seconds = int(value) * 60
    elif isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            seconds = int(text) * 60
        elif _WHOLE.match(text):
            units = {"h": 3600, "m": 60, "s": 1}
            parts = _PART.findall(text)
            seen = [u.lower() for _, u in parts]
            if len(set(seen)) != len(seen) or seen != sorted(seen, key="hms".index):
                raise DurationError(Wording("agenda.bad_duration", value=repr(value)))
            seconds = sum(int(n) * units[u.lower()] for n, u in parts)
        else:
            raise DurationError(Wording("agenda.bad_duration", value=repr(value)))
    else:
        raise DurationError(Wording("agenda.bad_duration", value=repr(value)))
    if seconds <= 0:
        raise DurationError(Wording("agenda.duration_zero", value=repr(value)))
    if seconds > 24 * 3600:
        raise DurationError(Wording("agenda.duration_long", value=repr(value)))
    return seconds


def format_clock(seconds: float) -> str:
    """`MM:SS`, or `H:MM:SS` from an hour; negative values get a leading minus."""
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    if h:
        return f"{sign}{h}:{m:02d}:{s:02d}"
    return f"{sign}{m:02d}:{s:02d}"


def format_minutes(seconds: float) -> str:
    """Planned times in agenda lists, in the agenda's own notation: `10m`, `1h30m`, `2m30s`, `45s`."""
    total = int(round(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    if h:
        text = f"{h}h{m:02d}m" if m or s else f"{h}h"
        return f"{text}{s:02d}s" if s else text
    if s:
        return f"{m}m{s:02d}s" if m else f"{s}s"
    return f"{m}m"
