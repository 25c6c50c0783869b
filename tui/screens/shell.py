"""What a screen may ask of the app that shows it: a typed protocol, so no screen imports the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.events import Key
    from textual.screen import Screen

    from sessions.clock import Clock
    from sessions.datadir import DataDir
    from sessions.session import Session


@runtime_checkable
class Shell(Protocol):
    """The app as the screens see it: where sessions live, the clock, and the live meeting."""

    datadir: DataDir
    clock: Clock
    lang_option: str | None  # what --lang said, so an agenda's own language can apply

    def start_live(self, session: Session) -> None:
        """Take ownership of an open session and show the live meeting."""
        ...

    def leave_meeting(self) -> None:
        """After the end summary: back to the home screen if the app began there, else quit."""
        ...

    @property
    def home_screen(self) -> Screen[Any] | None:
        """The home screen, when the app began there."""
        ...


def shell_of(node: DOMNode) -> Shell:
    """The app showing `node`, as a `Shell` (every screen runs in one)."""
    app = node.app
    assert isinstance(app, Shell), f"{type(app).__name__} is not a Minutely shell"
    return app


@runtime_checkable
class LeavesOut(Protocol):
    """A screen holding typed text not saved yet (the live meeting's refused lines), said in
    the question before quitting."""

    def not_kept(self) -> str: ...


@runtime_checkable
class TakesKeys(Protocol):
    """A screen that takes the keys typed on while it opened (the live meeting's capture bar)."""

    def take_key(self, event: Key) -> None: ...
