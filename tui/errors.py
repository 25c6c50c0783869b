"""The errors the command line and the screens report to the person at the keyboard."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from agendas.text import strip_control
from sessions.i18n import WordedError, t

if TYPE_CHECKING:
    from agendas.loader import Problem


class UserError(WordedError):
    """An error for the person at the keyboard: printed as one line, exit status 1."""


def problem_lines(problems: Iterable[Problem], lang: str) -> list[str]:
    """Each problem of an agenda or a settings file as `file:line: message`, in `lang`."""
    lines = []
    for problem in problems:
        where = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
        lines.append(
            strip_control(t("check.problem", lang, where=where, message=problem.text(lang)))
        )
    return lines
