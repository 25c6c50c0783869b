"""A one-line key bar: the screen's shown bindings, with the descriptions the screen gave them.

Textual's `Footer` builds one widget per key and restyles each a few times as it mounts,
which costs the live screen a good part of its start; this bar is one widget that draws
the same line (keys in the key colour, the command palette's key on the right) and sends
a clicked key to the app as if it had been typed.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
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

    def __init__(self, *, id: str | None = None, palette_label: str | None = None) -> None:
        super().__init__(id=id)
        # The app's palette binding says "palette" in English; a screen gives it its own words.
        self.palette_label = palette_label
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
        seen: set[str] = set()
        palette = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None

        def add(key: str, shown: str, description: str, enabled: bool, into: Text) -> None:
            start = into.cell_len
            into.append(f" {shown} " if into is line else f"{shown} ", key_style)
            if description:
                into.append(f"{description} ", description_style)
            if not enabled:
                into.stylize(disabled_style, start)
            spots.append((start, into.cell_len, key))

        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in seen or binding.key == palette:
                continue
            seen.add(binding.action)
            add(binding.key, app.get_key_display(binding), binding.description, enabled, line)
        if palette is not None and palette in active:
            _node, binding, enabled, _tooltip = active[palette]
            right = Text(no_wrap=True, end="")
            right.append("▏", Style(dim=True))
            label = self.palette_label or binding.description
            add(binding.key, app.get_key_display(binding), label, enabled, right)
            right.rstrip()
            # Docked on the right as in Textual's footer: a narrow screen loses the left keys' tail.
            offset = max(0, self.size.width - right.cell_len)
            line.truncate(offset, pad=True)
            spots = [(a, min(b, offset), k) for a, b, k in spots[:-1] if a < offset] + [
                (offset + spots[-1][0], offset + spots[-1][1], spots[-1][2])
            ]
            line.append_text(right)
        self._spots = spots
        return line

    def on_click(self, event: Click) -> None:
        x = event.x
        for start, end, key in self._spots:
            if start <= x < end:
                self.app.simulate_key(key)
                return
