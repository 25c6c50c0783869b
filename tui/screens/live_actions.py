"""Every live action in one table: its keys, words, key-bar place, help line and palette entry.

The screen's bindings, the item list's bindings, the help overlay, the key bar's drop order and
the command palette are all derived from `LIVE_ACTIONS`: a new key is one entry (and its words
in the catalog).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from sessions.i18n import t
from tui.screens.keys import Node, with_bindings

SPEAKER_KEYS = 9


@dataclass(frozen=True)
class LiveAction:
    """One thing the facilitator can do by key on the live screen."""

    name: str  # the action as Textual runs it (`next`, `extend(1)`); empty: a help line only
    keys: str = ""  # the keys bound to it, comma-separated
    label: str = ""  # catalog key of its description (key bar, help overlay, palette)
    show: bool = True  # in the key bar
    drop: int = 0  # when the key bar is short of room, lower numbers go first; 0: always stays
    help: str | None = None  # the keys as the help overlay writes them; None: not in the help
    palette: str | None = None  # catalog key of its palette entry; None: not in the palette
    rank: int = 0  # its place in the palette: steering first, then the rest
    target: str = "screen"  # whose binding it is: `screen`, or `items` (the item list)
    hidden_keys: str = ""  # more keys for it, not shown in the key bar (↑ for the items)


# In the order the help overlay lists them, which is also the key bar's order.
LIVE_ACTIONS: tuple[LiveAction, ...] = (
    LiveAction("help", "f1", "key.help", help="F1", palette="key.help", rank=9),
    LiveAction(
        "focus_items",
        "f2",
        "key.items",
        drop=3,
        help="F2 / ↑",
        palette="key.items",
        rank=10,
        hidden_keys="up",
    ),
    LiveAction("prev", "f3", "key.prev", drop=6, help="F3", palette="key.prev", rank=2),
    LiveAction(
        "next", "f4,ctrl+n", "key.next", drop=11, help="F4  ctrl+n", palette="key.next", rank=1
    ),
    LiveAction(
        "pause",
        "f5,ctrl+@",
        "key.pause",
        drop=8,
        help="F5  ctrl+space",
        palette="key.pause",
        rank=3,
    ),
    LiveAction("extend(1)", "f6", "key.extend1", drop=1, help="F6", palette="key.extend1", rank=4),
    LiveAction("extend(5)", "f7", "key.extend5", drop=1, help="F7", palette="key.extend5", rank=5),
    LiveAction("defer", "f8", "key.defer", drop=7, help="F8", palette="key.defer", rank=6),
    LiveAction("end", "f9", "key.end", help="F9", palette="key.end", rank=8),
    LiveAction("undo", "ctrl+z", "key.undo", drop=5, help="ctrl+z", palette="key.undo", rank=7),
    # Textual reads alt+digit as macOS option characters (alt+3 is "£"), so the speaker keys
    # are shift+F1..F9, which arrive intact through tmux and common terminals. The palette
    # lists the people in the room by name instead.
    *(
        LiveAction(
            f"speaker({n})",
            f"shift+f{n}",
            "key.speaker",
            show=False,
            help="shift+F1 … F9" if n == 1 else None,
        )
        for n in range(1, SPEAKER_KEYS + 1)
    ),
    LiveAction("", label="help.keys.roster", help="Tab  1 … 9"),
    # Where the side panes fold away (under 110 columns), these bring one back; wider, the
    # panes are there and so the keys are not (see `LiveScreen.check_action`).
    LiveAction(
        "toggle_roster",
        "ctrl+r",
        "key.roster",
        drop=10,
        palette="palette.roster",
        rank=12,
    ),
    LiveAction(
        "toggle_agenda",
        "ctrl+g",
        "key.agenda",
        drop=2,
        palette="palette.agenda",
        rank=13,
    ),
    LiveAction("", label="help.keys.panes", help="ctrl+r / ctrl+g"),
    LiveAction(
        "speaker(0)",
        "f10,shift+f10",
        "key.nobody",
        show=False,
        help="F10",
        palette="palette.nobody",
        rank=11,
    ),
    LiveAction("edit", "e", "key.edit", target="items"),
    LiveAction("delete", "d,delete", "key.delete", target="items"),
    LiveAction("", label="help.keys.items_actions", help="e / d"),
    LiveAction("leave", "escape", "key.capture", drop=4, target="items"),
    LiveAction("capture", "escape", "key.capture", show=False, help="Esc"),
    LiveAction("", label="key.palette", help="ctrl+p"),
)


def help_keys() -> list[tuple[str, str]]:
    """The help overlay's key lines: (keys as written, catalog key)."""
    return [(a.help, a.label) for a in LIVE_ACTIONS if a.help is not None]


def keybar_drop_first() -> tuple[str | tuple[str, ...], ...]:
    """The actions the key bar leaves out first when short of room (a tuple: together).

    Help and end always stay; extending is also /extend, the items are also ↑, undo is /undo.
    """
    groups: dict[int, list[str]] = {}
    for action in LIVE_ACTIONS:
        if action.keys and action.drop:
            groups.setdefault(action.drop, []).append(action.name)
    return tuple(
        names[0] if len(names) == 1 else tuple(names) for _drop, names in sorted(groups.items())
    )


def bindings(lang: str, target: str = "screen") -> list[Binding]:
    """The bindings of `target`'s actions, described in `lang`."""
    made = []
    for action in LIVE_ACTIONS:
        if not action.keys or action.target != target:
            continue
        description = t(action.label, lang)
        made.append(Binding(action.keys, action.name, description, show=action.show))
        if action.hidden_keys:
            made.append(Binding(action.hidden_keys, action.name, description, show=False))
    return made


def palette_entries(lang: str) -> list[tuple[str, str]]:
    """(label in `lang`, action) for every action the command palette offers."""
    offered = sorted((a for a in LIVE_ACTIONS if a.palette and a.keys), key=lambda a: a.rank)
    return [(t(a.palette or "", lang), a.name) for a in offered]


def localized(cls: type[Node], lang: str, target: str = "screen") -> type[Node]:
    """`cls` with the bindings of `target`'s actions described in `lang`."""
    return with_bindings(cls, tuple(bindings(lang, target)))
