"""The live screen's command palette: every action of the table, and each person in the room."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from sessions.i18n import t
from sessions.participation import is_here
from sessions.session import Session
from tui.screens.live_actions import palette_entries
from tui.screens.screen_palette import highlighted
from widgets.text import literal


@runtime_checkable
class Steered(Protocol):
    """A screen that steers a session: what the palette needs of the live screen."""

    lang: str
    session: Session

    def run_action(self, action: str) -> Awaitable[Any]: ...


class LiveCommands(Provider):
    """Every live action for the command palette (ctrl+p), and each person in the room."""

    def _commands(self) -> list[tuple[str, Callable[[], Any]]]:
        screen = self.screen
        if not isinstance(screen, Steered):
            return []
        lang = screen.lang
        commands: list[tuple[str, Callable[[], Any]]] = [
            (label, partial(screen.run_action, action)) for label, action in palette_entries(lang)
        ]
        state = screen.session.state
        for number, name in enumerate(state.people, start=1):
            if is_here(state.attendance[name]):
                label = t("palette.speaker", lang, n=number, name=name)
                commands.append((label, partial(screen.run_action, f"speaker({number})")))
        return commands

    async def discover(self) -> Hits:
        for label, command in self._commands():
            yield DiscoveryHit(literal(label), command, text=label)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, command in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, highlighted(matcher, label), command, text=label)
