"""The `minutely` console script: `series NAME` opens its scorecard without the command line.

Loading click and defining every command (`tui.cli`) is ~15-20 ms of a start, a tenth of the
scorecard's first rows. `minutely series NAME`, with `--lang` and `--data-dir` after it in any
order, is read here when it is written exactly so and its options are ones click would take as
they are; anything else (help, an option it does not know, a value click would refuse or
convert, the options before the command) goes to `tui.cli.main`, as does an error, so that
every message is the command line's own.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import NamedTuple, NoReturn

from tui.cli_options import datadir_from, run_command

LANG_CHOICES = ("zh", "en")  # as `common_options` offers them


class ScorecardArgs(NamedTuple):
    """`minutely series NAME [--lang L] [--data-dir D]`, as click would have read it."""

    name: str
    lang: str | None
    data_dir: Path | None


def scorecard_args(args: list[str]) -> ScorecardArgs | None:
    """The scorecard's arguments, or None when click must read them."""
    if len(args) < 2 or args[0] != "series" or not args[1] or args[1].startswith("-"):
        return None
    options: dict[str, str] = {}
    rest = args[2:]
    while rest:
        option, equals, value = rest[0].partition("=")
        if option not in ("--lang", "--data-dir") or option in options:
            return None
        if not equals:
            if len(rest) < 2:
                return None
            value = rest[1]
        if not value or value.startswith("-"):
            return None
        options[option] = value
        rest = rest[1:] if equals else rest[2:]
    lang = options.get("--lang")
    if lang is not None and lang not in LANG_CHOICES:
        return None
    folder = options.get("--data-dir")
    # click's Path(file_okay=False) refuses a file and an unreadable folder: left to it.
    if folder is not None and not (os.path.isdir(folder) and os.access(folder, os.R_OK)):
        return None
    return ScorecardArgs(args[1], lang, Path(folder) if folder is not None else None)


def main(argv: list[str] | None = None) -> NoReturn:
    """`minutely`: the scorecard straight away when asked for exactly, else the command line."""
    asked = scorecard_args(list(sys.argv[1:] if argv is None else argv))
    if asked is None:
        from tui.cli import main as command_line  # lazy: start-up (click, every command)

        command_line(argv)  # it always exits
    _scorecard(asked, argv)


def _scorecard(asked: ScorecardArgs, argv: list[str] | None) -> NoReturn:
    # No collection until the app runs (`launch._run` freezes what is loaded, then turns the
    # collector on): a start makes hundreds of thousands of objects (modules, Textual's
    # classes, the card) and hardly any garbage, and collecting them took ~20-30 ms of it.
    gc.disable()

    def scorecard() -> int:
        from tui import launch  # lazy: start-up (the index, then the app)

        return launch.series(datadir_from(asked.data_dir), asked.name, asked.lang)

    def fail(exc: BaseException) -> NoReturn:
        from tui.cli import fail_with  # lazy: start-up (an error is worded by the command line)

        fail_with(exc, argv)

    try:
        run_command(scorecard, fail)
    finally:
        gc.enable()


if __name__ == "__main__":
    main()
