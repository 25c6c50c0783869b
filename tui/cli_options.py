"""What every `minutely` command shares: the settings file, the data folder, --data-dir,
--lang, -o and --force.

Click is loaded by the options' decorators only: `minutely series NAME` reads its settings and
its data folder here without the command line (`tui.entry`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from sessions.i18n import use_settings_lang

if TYPE_CHECKING:
    import click


def settings() -> Any:
    """The settings file's values (no file: none set); a file that cannot be used is a ConfigError."""
    from sessions.config import load_config  # lazy: start-up

    return load_config()


def run_command(run: Callable[[], int], fail: Callable[[BaseException], NoReturn]) -> NoReturn:
    """Run a command and exit with its status: the settings file's language applies while it
    runs (when neither --lang nor the agenda says), and anything it raises but an exit is
    handed to `fail` (`tui.cli.fail_with`: one line, exit 1, never a traceback)."""
    try:
        use_settings_lang(settings().language)
        code = run()
    except SystemExit:
        raise
    except BaseException as exc:
        fail(exc)
    finally:
        use_settings_lang(None)
    sys.exit(code)


def default_data_dir() -> Path:
    """$MINUTELY_HOME, else the settings file's data_dir, else the platform's user data folder."""
    env = os.environ.get("MINUTELY_HOME")
    if env:
        return Path(env).expanduser()
    configured = settings().data_dir
    if configured is not None:
        return Path(configured)
    from platformdirs import user_data_dir  # lazy: start-up

    return Path(user_data_dir("minutely", appauthor=False))


def common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--data-dir` and `--lang`, accepted after every command's name."""
    import click  # lazy: start-up (not for the scorecard's own way in)

    func = click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default=None,
        help="Language of screens and documents (default: the agenda's, else the settings file's, else the locale's, else en).",
    )(func)
    func = click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Where sessions live (default: $MINUTELY_HOME, else the settings file's data_dir, else the user data folder).",
    )(func)
    return func


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """`-o FILE` and `--force`: documents go to a file only when asked, never over one unasked."""
    import click  # lazy: start-up

    func = click.option("--force", is_flag=True, help="Overwrite an existing output file.")(func)
    func = click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
        default=None,
        callback=_dash_is_stdout,
        help="Write to this file (a regular file) instead of standard output; - is standard output.",
    )(func)
    return func


def _dash_is_stdout(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    return None if value == Path("-") else value


def datadir_from(data_dir: Path | None) -> Any:
    from sessions.datadir import DataDir  # lazy: start-up

    return DataDir(data_dir if data_dir is not None else default_data_dir())


WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def has_terminal() -> bool:
    """Standard output is a terminal the full-screen commands can draw on."""
    # Served to a browser (`minutely serve`), the screen goes through textual-serve's pipe.
    return sys.stdout.isatty() or os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER
