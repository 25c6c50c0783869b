"""The command palette of the screens around a meeting (home, history): each of their actions."""

from __future__ import annotations

from collections.abc import Awaitable
from functools import partial
from typing import Any, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from widgets.text import literal


def highlighted(matcher: Matcher, label: str) -> Content:
    """The label as written, its matched characters stood out.

    Matcher.highlight would read a title or a participant's name as markup.
    """
    shown = literal(label)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, shown.plain)
    for offset in offsets:
        if not shown.plain[offset].isspace():
            shown = shown.stylize(matcher.match_style, offset, offset + 1)
    return shown


@runtime_checkable
class Commanded(Protocol):
    """A screen whose actions the palette offers, in its own language."""

    lang: str

    def palette_entries(self) -> list[tuple[str, str]]:
        """(label in the screen's language, action) for each entry."""
        ...

    def run_action(self, action: str) -> Awaitable[Any]: ...


class ScreenCommands(Provider):
    """The screen's actions for the command palette (ctrl+p)."""

    def _entries(self) -> list[tuple[str, str]]:
        screen = self.screen
        return screen.palette_entries() if isinstance(screen, Commanded) else []

    async def discover(self) -> Hits:
        for label, action in self._entries():
            yield DiscoveryHit(literal(label), partial(self.screen.run_action, action), text=label)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, action in self._entries():
            score = matcher.match(label)
            if score > 0:
                command = partial(self.screen.run_action, action)
                yield Hit(score, highlighted(matcher, label), command, text=label)
