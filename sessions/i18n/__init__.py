"""One catalog of every string shown on screen or in the minutes, in zh and en, and the language choice."""

from __future__ import annotations

import locale
import os
from collections.abc import Iterable
from typing import Any

from sessions.i18n import (
    _agenda,
    _common,
    _config,
    _digest,
    _errors,
    _history,
    _minutes,
    _scorecard,
    _screens,
    _shell,
)

LANGS = ("zh", "en")

CATALOG: dict[str, dict[str, str]] = {
    lang: {
        **_common.STRINGS[lang],
        **_screens.STRINGS[lang],
        **_minutes.STRINGS[lang],
        **_shell.STRINGS[lang],
        **_history.STRINGS[lang],
        **_errors.STRINGS[lang],
        **_digest.STRINGS[lang],
        **_config.STRINGS[lang],
        **_scorecard.STRINGS[lang],
        **_agenda.STRINGS[lang],
    }
    for lang in LANGS
}


def t(key: str, lang: str, **values: Any) -> str:
    """The string for `key` in `lang` (falling back to English, then to the key), formatted."""
    text = CATALOG.get(lang, CATALOG["en"]).get(key) or CATALOG["en"].get(key) or key
    return text.format(**values) if values else text


def tn(key: str, lang: str, n: int, **values: Any) -> str:
    """A counted string: `key.one` when `n` is 1, else `key.other` (zh has one form in both)."""
    return t(f"{key}.one" if n == 1 else f"{key}.other", lang, n=n, **values)


def join_list(items: Iterable[str], lang: str) -> str:
    """Names or phrases as a list in running text: `a, b, c` in English, `a、b、c` in Chinese."""
    return t("list.sep", lang).join(items)


def role_text(role: str | None, lang: str) -> str:
    """A participant's role in the given language when it is a common one, else as written."""
    if not role:
        return ""
    key = f"role.{role.strip().lower()}"
    return t(key, lang) if key in CATALOG["en"] else role


class WordedError(Exception):
    """An error whose message is a catalog entry, so each screen words it in its language.

    `SomeError(key="err.x", name=...)` has the English entry as its message (logs, the command
    line); `error_text(exc, lang)` gives it in the meeting's language. A plain message still works.
    """

    key: str | None = None
    params: dict[str, Any]

    def __init__(self, message: str | None = None, /, *, key: str | None = None, **params: Any):
        self.key = key
        self.params = params
        if message is None:
            message = t(key, "en", **params) if key else ""
        super().__init__(message)


def error_text(exc: BaseException, lang: str) -> str:
    """An error's message in `lang` when it comes from the catalog, else as it was raised."""
    key = getattr(exc, "key", None)
    if key:
        return t(key, lang, **getattr(exc, "params", {}))
    return str(exc)


def locale_lang() -> str | None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    try:
        code = locale.getlocale()[0]
    except ValueError:
        code = None
    if code:
        return "zh" if code.lower().startswith("zh") else "en"
    return None


# The language the settings file names (`minutely` sets it for the command it runs): it
# comes after --lang and the agenda and before the locale, which nearly every shell sets.
_settings_lang: str | None = None


def use_settings_lang(lang: str | None) -> None:
    """Make `lang` (from the settings file; None: none) the fallback before the locale."""
    global _settings_lang
    _settings_lang = lang


def resolve_lang(option: str | None, agenda_lang: str | None = None) -> str:
    """`--lang`, else the agenda's language, else the settings file's, else the locale's, else English."""
    for candidate in (option, agenda_lang, _settings_lang, locale_lang()):
        if candidate in LANGS:
            return candidate
    return "en"
