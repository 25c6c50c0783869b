"""The settings file: language, data folder, theme and date style, in TOML, with line-numbered errors.

Where it is: the file named by the environment variable `MINUTELY_CONFIG` when it is set,
else `config.toml` in the platform's config folder (`platformdirs.user_config_path`:
`~/.config/minutely/` on Linux, or `$XDG_CONFIG_HOME/minutely/`; that rule is written out
here, so that every command's start does not load platformdirs for it). A missing file is no
error: every setting has its default.

```toml
language = "zh"            # zh | en: screens and minutes when neither --lang nor the agenda says
data_dir = "~/Minutely"    # where sessions are kept; ~ is expanded, a relative path is
                           # taken from the folder of this file
theme = "nord"             # a Textual theme
date_style = "iso"         # iso: 2026-12-05 everywhere; local: as the language writes it
```

Themes belong to the application, which the session side may not import: the caller passes
the names it knows. Every problem is reported as `file:line: message`, as agenda problems
are; tomllib gives no line for a value, so the line of a key is found in the text.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from agendas.text import closest, describe_control, find_control, strip_control
from agendas.wording import Wording
from sessions.i18n import CATALOG, LANGS, t

if TYPE_CHECKING:
    from agendas.loader import Problem

CONFIG_ENV = "MINUTELY_CONFIG"
CONFIG_NAME = "config.toml"
DATE_STYLES = ("iso", "local")
KEYS = ("language", "data_dir", "theme", "date_style")


class Worded(Wording):
    """A settings file's message, worded from the catalog in either language (`Problem.text`)."""

    strings = CATALOG


def _problem(file: str, line: int | None, message: str) -> Problem:
    """One problem of a settings file, worded as an agenda's are (`file:line: message`)."""
    from agendas.loader import Problem  # lazy: start-up (YAML): only a settings file pays for it

    return Problem(file, line, message)


class ConfigError(Exception):
    """A settings file that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = list(problems)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class Config(NamedTuple):
    path: Path
    found: bool  # False: no file there, every setting is its default
    from_env: bool = False  # the path came from MINUTELY_CONFIG
    language: str | None = None
    data_dir: Path | None = None
    theme: str | None = None
    date_style: str | None = None
    lines: Mapping[str, int] = MappingProxyType({})  # where each setting is written

    @property
    def settings(self) -> dict[str, str | None]:
        """Each setting as written in the file (a folder as a path), None when not set."""
        return {
            "language": self.language,
            "data_dir": str(self.data_dir) if self.data_dir is not None else None,
            "theme": self.theme,
            "date_style": self.date_style,
        }


def config_path(environ: Mapping[str, str] | None = None) -> tuple[Path, bool]:
    """Where the settings file is, and whether `MINUTELY_CONFIG` said so."""
    env = os.environ if environ is None else environ
    named = env.get(CONFIG_ENV)
    if named:
        return Path(named).expanduser(), True
    return user_config_folder(env) / CONFIG_NAME, False


def user_config_folder(environ: Mapping[str, str]) -> Path:
    """`platformdirs.user_config_path("minutely")`: on Linux its XDG rule, read from `environ`
    ($XDG_CONFIG_HOME when absolute, else ~/.config); elsewhere, or with a HOME it would look
    up, platformdirs itself."""
    if sys.platform == "linux" and "ANDROID_DATA" not in environ:
        named = environ.get("XDG_CONFIG_HOME", "")
        if os.path.isabs(named):
            return Path(named) / "minutely"
        home = environ.get("HOME", "")
        if os.path.isabs(home):
            return Path(home) / ".config" / "minutely"
    import platformdirs  # lazy: start-up (other platforms, an unusual HOME)

    return platformdirs.user_config_path("minutely")


def load_config(path: Path | None = None, themes: Collection[str] | None = None) -> Config:
    """The settings in `path` (default: `config_path()`); raises ConfigError with every problem."""
    from_env = False
    if path is None:
        path, from_env = config_path()
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Config(path, found=False, from_env=from_env)
    except IsADirectoryError:
        raise ConfigError([_problem(name, None, Worded("config.err.is_folder"))]) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        problem = _problem(name, None, Worded("config.err.unreadable", reason=reason))
        raise ConfigError([problem]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError([_problem(name, line, Worded("config.err.not_utf8"))]) from None
    return read_config(text, path, themes)._replace(from_env=from_env)


_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column \d+\)$|\s*\(at end of document\)$")


def read_config(text: str, path: Path, themes: Collection[str] | None = None) -> Config:
    """The settings in the text of the file at `path`."""
    name = str(path)
    data = _parse_toml(text, name)
    problems: list[Problem] = []
    lines = {key: _key_line(text, key) for key in data}

    def report(key: str, message: str) -> None:
        problems.append(_problem(name, lines.get(key), message))

    values = _known_texts(data, report)
    language = values.get("language")
    if language is not None and language not in LANGS:
        report("language", _one_of("language", language, LANGS, hint=False))
    style = values.get("date_style")
    if style is not None and style not in DATE_STYLES:
        report("date_style", _one_of("date_style", style, DATE_STYLES))
    theme = values.get("theme")
    if theme is not None and themes is not None and theme not in themes:
        known = sorted(themes)
        hint = _suggest(theme, known)
        report(
            "theme", Worded("config.err.theme", value=repr(theme), hint=hint, choices=tuple(known))
        )
    folder = values.get("data_dir")
    data_dir = None
    if folder is not None:
        if not folder:
            report("data_dir", Worded("config.err.data_dir_empty"))
        else:
            data_dir = path.parent / Path(folder).expanduser()
    if problems:
        raise ConfigError(sorted(problems, key=lambda p: p.line or 0))
    return Config(
        path,
        found=True,
        language=language,
        data_dir=data_dir,
        theme=theme,
        date_style=style,
        lines={key: line for key, line in lines.items() if line is not None and key in KEYS},
    )


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    """The file's table; a syntax error is one problem on the line TOML names."""
    import tomllib  # lazy: start-up (only a settings file there is parsed)

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_WHERE.search(message)
        line: int | None = None
        if found:
            message = message[: found.start()]
            line = int(found.group(1)) if found.group(1) else text.count("\n") + 1
        problem = _problem(name, line, Worded("config.err.toml", message=message))
        raise ConfigError([problem]) from None


def _known_texts(data: dict[str, Any], report: Callable[[str, str], None]) -> dict[str, str]:
    """The settings Minutely knows, each plain text without control characters; the rest reported."""
    values: dict[str, str] = {}
    for key, value in data.items():
        if key not in KEYS:
            hint = _suggest(key, KEYS)
            report(key, Worded("config.err.unknown", value=repr(key), hint=hint, choices=KEYS))
            continue
        if not isinstance(value, str):
            report(key, Worded("config.err.not_text", key=key, kind=_kind(value)))
            continue
        at = find_control(value)
        if at >= 0:
            char = describe_control(value[at])
            report(key, Worded("config.err.control", key=key, char=char))
            continue
        values[key] = value.strip()
    return values


def _kind(value: Any) -> Worded:
    if isinstance(value, bool):
        return Worded("config.kind.bool")
    if isinstance(value, int | float):
        return Worded("config.kind.number")
    if isinstance(value, dict):
        return Worded("config.kind.table")
    if isinstance(value, list):
        return Worded("config.kind.list")
    return Worded("config.kind.date")


def _suggest(word: str, choices: Collection[str]) -> str:
    close = closest(word, choices)
    return Worded("config.err.hint", word=repr(close)) if close else ""


def _one_of(key: str, value: str, choices: Sequence[str], hint: bool = True) -> Worded:
    """`KEY is one of A, B, not 'x'`, with a hint when `hint` and one is close."""
    told = _suggest(value, choices) if hint else ""
    return Worded(
        "config.err.one_of", key=key, choices=tuple(choices), value=repr(value), hint=told
    )


def _key_line(text: str, key: str) -> int | None:
    """The line where a top-level key is set (`key = …`, `"key" = …`, `key.x = …`, `[key]`)."""
    name = re.escape(key)
    written = re.compile(
        rf"""^\s*(?:(?:{name}|"{name}"|'{name}')\s*[=.]|\[\[?\s*(?:{name}|"{name}"|'{name}')\s*[\].])"""
    )
    in_string: str | None = None  # the quotes of a multi-line string being read
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string is None and written.match(line):
            return number
        for quotes in ('"""', "'''"):
            if in_string in (None, quotes) and line.count(quotes) % 2:
                in_string = None if in_string == quotes else quotes
    return None


# -- what `minutely config` shows ------------------------------------------------------------


def describe(config: Config, lang: str = "en") -> str:
    """Where the settings file is and what it sets, one setting a line."""
    where = strip_control(str(config.path))
    lines = [t("config.file", lang, path=where)]
    if config.from_env:
        lines[0] += t("config.from_env", lang, env=CONFIG_ENV)
    if not config.found:
        lines.append(t("config.missing", lang))
    for key, value in config.settings.items():
        if value is None:
            lines.append(t("config.unset", lang, name=key))
        else:
            line = config.lines.get(key)
            shown = t("config.set", lang, name=key, value=strip_control(value))
            lines.append(shown + (t("config.line", lang, line=line) if line else ""))
    if not config.found:
        lines.append(t("config.example", lang))
    return "\n".join(lines) + "\n"
