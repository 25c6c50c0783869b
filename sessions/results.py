"""A results file (CSV or Excel: name, target, actual) read into a meeting's agenda before it starts.

`minutely run AGENDA --results FILE` puts the file's figures over the agenda's `target:` and
`actual:` for that meeting. They go into the agenda the session header keeps, so the meeting's
own record says what it ran on: the board, the minutes and the scorecard read them from there
like any agenda figure, and a later `/actual` in the meeting still stands over them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from agendas.model import Agenda
from sessions.capture import CaptureError, parse_amount, resolve_name
from sessions.i18n import WordedError, error_text
from sessions.text import strip_control

# Header names, compared without case or surrounding spaces.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "姓名", "名字"),
    "target": ("target", "目标"),
    "actual": ("actual", "result", "实际", "完成"),
}


@dataclass(frozen=True)
class Figures:
    target: float | None = None
    actual: float | None = None


class ResultsProblem(WordedError):
    """One thing wrong in a results file, at its row (1 is the header)."""

    def __init__(self, path: Path, row: int, *, key: str, **params: Any) -> None:
        self.path = path
        self.row = row
        super().__init__(key=key, **params)

    def line(self, lang: str) -> str:
        return strip_control(f"{self.path}:{self.row}: {error_text(self, lang)}")


class ResultsError(Exception):
    """A results file that cannot be used, with every problem found in it."""

    def __init__(self, problems: Sequence[ResultsProblem]) -> None:
        self.problems = list(problems)
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        return "\n".join(p.line(lang) for p in self.problems)


def read_rows(path: Path) -> list[list[Any]]:
    """The file's rows as cells: .xlsx through openpyxl (its first sheet), anything else as CSV."""
    try:
        if path.suffix.lower() == ".xlsx":
            from openpyxl import load_workbook  # lazy: only a meeting with a results file needs it

            book = load_workbook(path, read_only=True, data_only=True)
            try:
                sheet = book.worksheets[0]
                return [list(row) for row in sheet.iter_rows(values_only=True)]
            finally:
                book.close()
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [row for row in csv.reader(handle)]
    except (OSError, ValueError, KeyError, UnicodeDecodeError, csv.Error) as exc:
        problem = ResultsProblem(path, 1, key="err.results_unreadable", reason=str(exc))
        raise ResultsError([problem]) from None


def _columns(path: Path, header: Sequence[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        word = str(cell or "").strip().casefold()
        for column, names in COLUMNS.items():
            if word in names and column not in found:
                found[column] = index
    if "name" not in found or len(found) < 2:
        raise ResultsError([ResultsProblem(path, 1, key="err.results_header")])
    return found


def _amount(cell: Any) -> float | None:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, bool):
        raise CaptureError(key="err.bad_amount", amount=str(cell))
    if isinstance(cell, int | float):
        if cell < 0:
            raise CaptureError(key="err.amount_not_positive", amount=str(cell))
        return float(cell)
    text = str(cell)
    return 0.0 if text.strip() == "0" else parse_amount(text)


def read_results(path: Path, names: Sequence[str]) -> dict[str, Figures]:
    """Each named participant's figures from the file; every problem is reported, each at its row."""
    rows = read_rows(path)
    if not rows:
        raise ResultsError([ResultsProblem(path, 1, key="err.results_header")])
    columns = _columns(path, rows[0])
    found: dict[str, Figures] = {}
    problems: list[ResultsProblem] = []
    for number, row in enumerate(rows[1:], start=2):

        def cell(column: str, row: Sequence[Any] = row) -> Any:
            index = columns.get(column)
            return row[index] if index is not None and index < len(row) else None

        typed = " ".join(str(cell("name") or "").split())
        if not typed:
            if any(str(c or "").strip() for c in row):
                problems.append(ResultsProblem(path, number, key="err.results_no_name"))
            continue
        try:
            name = resolve_name(typed, names)
            figures = Figures(_amount(cell("target")), _amount(cell("actual")))
        except CaptureError as exc:
            problems.append(ResultsProblem(path, number, key=exc.key or "", **exc.params))
            continue
        if name in found:
            problems.append(ResultsProblem(path, number, key="err.results_twice", name=name))
            continue
        found[name] = figures
    if problems:
        raise ResultsError(problems)
    return found


def with_results(agenda: Agenda, figures: dict[str, Figures]) -> Agenda:
    """The agenda with the file's figures over its own; an empty cell leaves the agenda's."""

    def merged(participants: Iterable[Any]) -> tuple[Any, ...]:
        out = []
        for p in participants:
            given = figures.get(p.name)
            if given is not None:
                p = replace(
                    p,
                    target=given.target if given.target is not None else p.target,
                    actual=given.actual if given.actual is not None else p.actual,
                )
            out.append(p)
        return tuple(out)

    return replace(agenda, participants=merged(agenda.participants))
