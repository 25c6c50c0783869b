"""A one-line key bar: the screen's shown bindings, with the descriptions the screen gave them.

Textual's `Footer` builds one widget per key and restyles each a few times as it mounts,
which costs the live screen a good part of its start; this bar is one widget that draws
the same line (keys in the key colour, the command palette's key on the right) and sends
a clicked key to the app as if it had been typed.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    """The keys of whatever has focus and of the screen, redrawn when the bindings change."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--disabled"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keybar--disabled {
            text-style: dim;
        }
    }
    """

    def __init__(
        self,
        *,
        id: str | None = None,
        palette_label: str | None = None,
        drop_first: tuple[str | tuple[str, ...], ...] = (),
    ) -> None:
        super().__init__(id=id)
        # The app's palette binding says "palette" in English; a screen gives it its own words.
        self.palette_label = palette_label
        # Actions to leave out, in this order (a tuple: together), when the line is too short for
        # every key, so that the keys that matter most stay rather than fall off the right end.
        self.drop_first = drop_first
        # Where each key was drawn, for clicks: (first column, past the last, key).
        self._spots: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        disabled_style = self.get_component_rich_style("keybar--disabled", partial=True)
        app = self.app
        active = self.screen.active_bindings
        line = Text(no_wrap=True, overflow="crop", end="")
        spots: list[tuple[int, int, str]] = []
        palette = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None

        def add(key: str, shown: str, description: str, enabled: bool, into: Text) -> None:
            start = into.cell_len
            into.append(f" {shown} " if into is line else f"{shown} ", key_style)
            if description:
                into.append(f"{description} ", description_style)
            if not enabled:
                into.stylize(disabled_style, start)
            spots.append((start, into.cell_len, key))

        keys: list[tuple[Binding, bool]] = []
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in seen or binding.key == palette:
                continue
            seen.add(binding.action)
            keys.append((binding, enabled))
        right = Text(no_wrap=True, end="")
        if palette is not None and palette in active:
            _node, binding, enabled, _tooltip = active[palette]
            right.append("▏", Style(dim=True))
            label = self.palette_label or binding.description
            add(binding.key, app.get_key_display(binding), label, enabled, right)
            right.rstrip()
        palette_spot = spots[:]
        spots.clear()
        for binding, enabled in self._fitting(keys, self.size.width - right.cell_len):
            add(binding.key, app.get_key_display(binding), binding.description, enabled, line)
        if palette_spot:
            # Docked on the right as in Textual's footer: a narrow screen loses the left keys' tail.
            offset = max(0, self.size.width - right.cell_len)
            line.truncate(offset, pad=True)
            start, end, key = palette_spot[0]
            spots = [(a, min(b, offset), k) for a, b, k in spots if a < offset]
            spots.append((offset + start, offset + end, key))
            line.append_text(right)
        self._spots = spots
        return line

    def _fitting(self, keys: list[tuple[Binding, bool]], room: int) -> list[tuple[Binding, bool]]:
        """The keys that fit in `room` cells, leaving out the `drop_first` actions in their order."""

        def width(binding: Binding) -> int:
            description = binding.description
            shown = cell_len(self.app.get_key_display(binding)) + 2
            return shown + (cell_len(description) + 1 if description else 0)

        kept = list(keys)
        for actions in self.drop_first:
            if sum(width(binding) for binding, _ in kept) <= room:
                break
            dropped = (actions,) if isinstance(actions, str) else actions
            kept = [
                (binding, enabled) for binding, enabled in kept if binding.action not in dropped
            ]
        return kept

    def on_click(self, event: Click) -> None:
        x = event.x
        for start, end, key in self._spots:
            if start <= x < end:
                self.app.simulate_key(key)
                return
