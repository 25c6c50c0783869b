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


FOLD_FROM = 6  # cells: the narrowest heading worth two lines


def folded(label: str) -> str:
    """A column heading on two lines, each as short as can be: split at the space nearest its
    middle, or, with no space (Chinese), between the characters nearest the middle cell, beside
    a Chinese character (a word of Latin letters is never cut). A heading of under six cells
    (a two-character word) stays whole."""
    label = label.strip()
    if width(label) < FOLD_FROM:
        return label
    half = width(label) / 2
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    if spaces:
        at = min(spaces, key=lambda i: abs(width(label[:i]) - half))
        return f"{label[:at]}\n{label[at + 1 :]}"
    # Without a space, a line may break beside a Chinese character, never inside a word.
    breaks = [i for i in range(1, len(label)) if width(label[i - 1 : i + 1]) > 2]
    if not breaks:
        return label
    at = min(breaks, key=lambda i: abs(width(label[:i]) - half))
    return f"{label[:at]}\n{label[at:]}"


def headings_to_fit(
    labels: Sequence[str], rows: Sequence[Sequence[str]], room: int, padding: int = 2
) -> tuple[list[str], bool]:
    """The headings of a table of `rows`, when it would be wider than `room` cells: those that
    save the most folded onto two lines (`folded`), one after another until it fits (or none is
    left wider than its column's cells); and whether any was folded (the header then takes two
    lines)."""
    cells = [
        max((width(row[i]) for row in rows if i < len(row)), default=0) for i in range(len(labels))
    ]
    shown = list(labels)

    def column(i: int) -> int:
        return max(max(width(line) for line in shown[i].split("\n")), cells[i]) + padding

    def saving(i: int) -> int:
        lines = folded(labels[i]).split("\n")
        return column(i) - (max(max(width(line) for line in lines), cells[i]) + padding)

    savings = sorted(((saving(i), i) for i in range(len(labels))), reverse=True)
    for saved, i in savings:
        if sum(column(n) for n in range(len(shown))) <= room or saved <= 0:
            break
        shown[i] = folded(labels[i])
    return shown, shown != list(labels)
