"""The keys of the screens around a meeting (home, history), one table per screen.

Each screen's key line, help overlay (F1) and palette entries (ctrl+p) are derived from its
table: a new key is one entry (and its words in the catalog).
"""

from __future__ import annotations

from tui.screens.keys import ScreenKey

# The home screen: its help overlay and palette (its foot line is `shell.home_keys`).
HOME_KEYS = (
    ScreenKey("↑ ↓", "shell.key.choose"),
    ScreenKey("enter", "shell.key.open"),
    ScreenKey("1 … 9, 0", "shell.key.template"),
    ScreenKey("o", "shell.key.file", "open_file"),
    ScreenKey("r", "shell.key.resume", "resume_latest"),
    ScreenKey("h", "shell.key.history", "history"),
    ScreenKey("a", "shell.key.actions", "actions"),
    ScreenKey("esc", "shell.key.menu"),
    ScreenKey("F1", "key.help", "help"),
    ScreenKey("ctrl+p", "key.palette"),
    ScreenKey("q", "key.quit"),
)


# History: the key line at its foot, its help overlay and its palette.
HISTORY_KEYS = (
    ScreenKey("enter", "history.key.open", "open"),
    ScreenKey("/", "history.key.search", "search"),
    ScreenKey("f", "history.key.filter", "filter"),
    ScreenKey("s", "history.key.series", "series"),
    ScreenKey("e", "history.key.export", "export"),
    ScreenKey("c", "history.key.scorecard", "scorecard"),
    ScreenKey("d", "history.key.delete", "delete"),
    ScreenKey("a", "history.key.actions", "actions"),
    ScreenKey("F1", "key.help", "help"),
    ScreenKey("esc", "history.key.back", "back"),
    ScreenKey("tab", "history.key.tab", foot=False),
    ScreenKey("↑ ↓", "history.key.move", foot=False),
    ScreenKey("ctrl+p", "key.palette", foot=False),
)
