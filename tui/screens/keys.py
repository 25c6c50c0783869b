"""A screen's keys: the line at the foot of the screen, its help overlay and its palette entries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TypeVar

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from sessions.i18n import t


@dataclass(frozen=True)
class ScreenKey:
    """One key of a screen (home, history): how it is written, what it does, what it runs."""

    keys: str  # as the key line and the help overlay write it
    label: str  # catalog key of its description
    action: str = ""  # what the palette runs; empty: a key the palette does not offer
    foot: bool = True  # in the line of keys at the foot of the screen


Node = TypeVar("Node", bound=DOMNode)


@cache
def with_bindings(cls: type[Node], bindings: tuple[Binding, ...]) -> type[Node]:
    """`cls` with these bindings in place of its own for the same keys.

    Textual's bindings are per class, written in code; a subclass (same name, so that CSS and
    tests see the same type) gives them other words through the public `BINDINGS`.
    """
    made = type(cls.__name__, (cls,), {"BINDINGS": list(bindings)})
    made.__qualname__ = cls.__qualname__
    made.__module__ = cls.__module__
    return made


def key_line(keys: list[tuple[str, str]], lang: str) -> str:
    """The screen's keys in the screen's language (a Footer would show the English descriptions)."""
    return "  ".join(f"[b]{key}[/] {t(label, lang)}" for key, label in keys)


def help_rows(keys: tuple[ScreenKey, ...], lang: str) -> list[tuple[str, str]]:
    """Every key of the screen for its help overlay, described in `lang`."""
    return [(key.keys, t(key.label, lang)) for key in keys]


def palette_entries(keys: tuple[ScreenKey, ...], lang: str) -> list[tuple[str, str]]:
    """(label in `lang`, action) for every key the command palette offers."""
    return [(t(key.label, lang), key.action) for key in keys if key.action]


def described(
    bindings: Sequence[BindingType], keys: tuple[ScreenKey, ...], lang: str
) -> tuple[BindingType, ...]:
    """The screen's bindings, each described in `lang` by its key in the table and shown in
    the key bar when the table puts it at the foot of the screen."""
    labels = {key.action: key for key in keys if key.action}
    made = []
    for binding in bindings:
        key = labels.get(binding.action) if isinstance(binding, Binding) else None
        if isinstance(binding, Binding) and key is not None:
            binding = replace(binding, description=t(key.label, lang), show=key.foot)
        made.append(binding)
    return tuple(made)
