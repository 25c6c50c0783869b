"""Text tables for a terminal: columns aligned by display width (CJK characters take two cells)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    """Terminal cells: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_widths(rows: Sequence[tuple[str, ...]]) -> list[int]:
    """The width of every column but the last (left ragged: a title may be long)."""
    return [max(width(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]


def aligned(row: tuple[str, ...], widths: list[int]) -> str:
    """One line of a table for a terminal, its columns two spaces apart."""
    cells = [row[i] + " " * (widths[i] - width(row[i])) for i in range(len(widths))]
    return "  ".join([*cells, row[-1]]).rstrip()
