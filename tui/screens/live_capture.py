"""The live screen's capture bar: typed and pasted lines to the session, editing and deleting items.

A plain object the live screen owns and forwards the bar's and the item list's messages to
(Textual routes `@on` handlers of the screen's own class; the screen keeps those, one line each).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from functools import partial, wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from textual.screen import Screen
from textual.widgets import Static

from sessions.capture import CaptureError, Command, CommandName, capture_line, parse_capture
from sessions.disk import StoreError
from sessions.held import keep_waiting, waiting_lines
from sessions.i18n import error_text, t, tn
from sessions.session import Captured, PasteError, Session, SessionError
from tui.presenters.live import Moment
from tui.presenters.said import Before, confirmation
from tui.screens.dialogs import ConfirmScreen
from widgets.capture import CaptureBar
from widgets.items import ItemList
from widgets.text import literal

P = ParamSpec("P")
R = TypeVar("R")


def _then_kept(
    method: Callable[Concatenate[LiveCapture, P], R],
) -> Callable[Concatenate[LiveCapture, P], R]:
    """What the refused lines waiting are is put on disk after the method (`LiveCapture.keep`)."""

    @wraps(method)
    def run(self: LiveCapture, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        finally:
            self.keep()

    return run


class LiveCapture:
    """What a line in the capture bar does, the edit it may stand for, and the status line it ends in."""

    def __init__(
        self,
        screen: Screen[None],
        session: Session,
        lang: str,
        changed: Callable[[], None],
        moment: Callable[[], Moment],
    ) -> None:
        self.screen = screen
        self.session = session
        self.lang = lang
        self._changed = changed  # after a command: show the new state, finish if it ended
        self._moment = moment
        self.editing: int | None = None  # the item the bar edits, or None while capturing
        self._draft = ""
        # Refused lines waiting for the bar to be empty, with why each was refused: typed on
        # before the refusal came, the bar holds a newer line, and no typed line is dropped.
        self._held: deque[tuple[str, str]] = deque()
        self._shown: str | None = None  # why the refused line given back (in the bar) was refused
        self._kept: list[tuple[str, str]] = []  # what `sessions.held` has on disk now

    @property
    def bar(self) -> CaptureBar:
        return self.screen.query_one("#capture", CaptureBar)

    # -- the status line ---------------------------------------------------------------------

    def status(self, message: str, error: bool = False) -> None:
        line = self.screen.query_one("#status-line", Static)
        line.update(literal(message))
        line.set_class(error, "-error")

    def refused(self, exc: SessionError | StoreError) -> None:
        """Say in the meeting's language why nothing was done, in the status line."""
        message = t("live.error", self.lang, message=error_text(exc, self.lang))
        self.status(message, error=True)
        if isinstance(exc, StoreError):  # the disk: worth a toast even over the roster
            self.screen.notify(message, severity="error", timeout=4, markup=False)
        else:
            # Not a toast: each Enter on a refused line would stack one more over the roster.
            self.screen.app.bell()

    @_then_kept
    def run(self, command: Callable[[], Any]) -> Any:
        """Run a session command; a refusal or a disk error becomes the status line, never a crash."""
        try:
            result = command()
        except (SessionError, StoreError) as exc:
            self.refused(exc)
            return None
        self.status("")
        self._changed()
        return result

    # -- lines -------------------------------------------------------------------------------

    @_then_kept
    def submitted(self, line: str, bar: CaptureBar) -> None:
        """Enter in the bar (already empty: anything in it now was typed since)."""
        if self.editing is not None:
            item_id = self.editing
            if self.run(partial(self.session.edit_line, item_id, line)) is not None:
                self.stop_editing(saved=True)
                self._said(t("live.edited", self.lang, n=item_id), bar)
            else:
                bar.give_back(line, kept=False)
            return
        if not line.strip():
            self._bring_back(bar)
            return
        waiting = len(self._held) + (bar.given_back is not None)
        if waiting and self._ends(line):
            # Not held itself: it would stand in the way of the next /end.
            message = t("live.end_waiting", self.lang, n=waiting)
            self._bring_back(bar)
            self.status(t("live.error", self.lang, message=message), error=True)
            self.screen.app.bell()
            return
        before = Before.of(self.session.state)
        try:
            outcome = self.session.submit(line)
        except (SessionError, StoreError) as exc:
            self.refused(exc)
            self._hold(line, error_text(exc, self.lang), bar)
            return
        said = confirmation(self._moment(), outcome, before)
        self.status(said)
        self._changed()
        self._said(said, bar)

    def _said(self, said: str, bar: CaptureBar) -> None:
        """What a line did, in the status line; with a refused line's reason when one is in the
        bar (back now, or typed past), or how many wait."""
        if self._bring_back(bar) or (bar.given_back is not None and self._shown is not None):
            self.status(f"{said} · {t('live.error', self.lang, message=self._shown)}", error=True)
        elif self._held:
            self.status(tn("live.waiting", self.lang, len(self._held), said=said), error=True)
        else:
            self.status(said)

    def _hold(self, line: str, message: str, bar: CaptureBar) -> None:
        """A refused line waits for the bar to be empty (now, if it is), with why."""
        self._held.append((line, message))
        if not self._bring_back(bar):
            self.status(t("live.held", self.lang, message=message), error=True)

    def _ends(self, line: str) -> bool:
        """Whether the line is `/end` (refused while refused lines wait: they would be lost)."""
        try:
            parsed = parse_capture(line, self.session.state.people, self.session.today())
        except CaptureError:
            return False
        return isinstance(parsed, Command) and parsed.name is CommandName.END

    def _bring_back(self, bar: CaptureBar) -> bool:
        """The oldest refused line back in the bar once it is empty, selected (typing sets it
        aside again, a deleting key drops it, an arrow key or End edits it), and why it was
        refused in the status line."""
        if not self._held or bar.value:
            return False
        line, message = self._held.popleft()
        bar.give_back(line)
        self._shown = message
        self.status(t("live.error", self.lang, message=message), error=True)
        return True

    def waiting(self) -> list[str]:
        """The refused lines not captured yet: the one given back in the bar, those waiting."""
        return [line for line, _ in self._waiting()]

    def _waiting(self) -> list[tuple[str, str]]:
        given = self.bar.given_back
        back = [(given, self._shown or "")] if given is not None else []
        return [*back, *self._held]

    def keep(self) -> None:
        """The refused lines waiting, on disk as they are now (`sessions.held`): a crash or a
        quit does not lose them; a disk error is said, the lines stay on screen."""
        now = self._waiting() if not self.session.state.ended else []
        if now == self._kept:
            return
        try:
            keep_waiting(self.session.writer.datadir, self.session.id, now)
        except StoreError as exc:
            self.refused(exc)
            return
        self._kept = now

    def bring_back_kept(self) -> None:
        """Refused lines left waiting when the meeting was last open, back in turn (a resume)."""
        kept = waiting_lines(self.session.writer.datadir, self.session.id)
        if not kept:
            return
        self._kept = kept
        self._held.extend(kept)
        bar = self.bar
        if self._bring_back(bar):
            message = tn("live.kept_back", self.lang, len(kept), why=self._shown or "")
            self.status(message, error=True)

    @_then_kept
    def set_aside(self, line: str) -> None:
        """Typing began over the refused line given back: it waits again, first in turn."""
        message = self._shown or ""
        self._shown = None
        self._held.appendleft((line, message))
        self.status(t("live.held", self.lang, message=message), error=True)

    @_then_kept
    def dropped(self, line: str) -> None:
        """The refused line given back was deleted on purpose (the next one waiting comes back
        after the next Enter, as any)."""
        self._shown = None
        said = t("live.dropped", self.lang, text=line)
        self.status(
            tn("live.waiting", self.lang, len(self._held), said=said) if self._held else said
        )

    @_then_kept
    def pasted(self, lines: Sequence[str]) -> None:
        """Each pasted line captured as if typed; the status line says what the paste made."""
        lang = self.lang
        if self.editing is not None:  # an item is one line: the paste would not be what is edited
            self.status(t("live.paste_while_editing", lang, lines=len(lines)), error=True)
            self.screen.app.bell()
            return
        try:
            outcomes = self.session.submit_lines(lines)
        except PasteError as exc:
            self.refused(exc.cause)
            message = error_text(exc.cause, lang)
            key = "live.paste_stopped" if exc.done else "live.paste_refused"
            said = t(key, lang, line=exc.number, done=exc.done, lines=exc.total, message=message)
            if exc.done:  # part saved: the refused line and those after it wait, as typed ones
                rest = t("live.paste_rest", lang, line=exc.number)
                for n, line in enumerate(lines[exc.number - 1 :]):
                    self._held.append((line, rest if n else message))
                self._bring_back(self.bar)
            self.status(said, error=True)
            self._changed()
            return
        items = sum(1 for outcome in outcomes if isinstance(outcome, Captured))
        self.status(tn("n.pasted", lang, items, lines=len(lines)))
        self._changed()

    # -- items -------------------------------------------------------------------------------

    @_then_kept
    def edit(self, item_id: int) -> None:
        """The item's line in the bar to be edited; what was half-typed is kept for after."""
        item = self.session.state.item(item_id)
        if item is None or not item.active:
            return
        bar = self.bar
        if self.editing is None:
            given = bar.given_back
            if given is not None:  # a refused line waits again, back after the edit
                self.set_aside(given)
                bar.value = ""
            self._draft = bar.value  # whatever was half-typed comes back after the edit
        self.editing = item.id
        bar.value = capture_line(item)
        bar.border_title = t("live.editing", self.lang, n=item.id)
        bar.add_class("-editing")
        bar.focus()
        bar.cursor_position = len(bar.value)

    @_then_kept
    def stop_editing(self, saved: bool = False) -> None:
        """Back to capturing: the half-typed draft returns, unless the bar got new text since Enter."""
        bar = self.bar
        self.editing = None
        if not (saved and bar.value):
            bar.value = self._draft
        self._draft = ""
        bar.border_title = t("live.capture", self.lang)
        bar.remove_class("-editing")
        bar.focus()
        if not saved:
            self._bring_back(bar)  # a refused line set aside for the edit (saved: `_said` does)

    def delete(self, item_id: int) -> None:
        """Ask first; a yes deletes the item (undo brings it back)."""
        item = self.session.state.item(item_id)
        if item is None or not item.active:
            return

        def answered(yes: bool | None) -> None:
            if yes and self.run(partial(self.session.delete, item.id)) is not None:
                self.status(t("live.deleted", self.lang, text=item.text))
            self.screen.query_one(ItemList).focus()

        self.screen.app.push_screen(
            ConfirmScreen(t("live.confirm_delete", self.lang), item.text, self.lang), answered
        )
