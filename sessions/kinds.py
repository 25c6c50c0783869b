"""Capture kinds in one table: how each is typed, marked, styled, written back and placed in the minutes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import ClassVar


class Shape(Enum):
    """What the parser reads after a kind's command word."""

    TEXT = "text"  # free text
    ACTION = "action"  # text, one @owner, one due:date, then | done-when criteria
    KUDOS = "kudos"  # @person first, then what they are praised for


class Summary(Enum):
    """The part of the minutes that gathers a kind besides its section, if any."""

    DECISIONS = "decisions"
    ACTIONS = "actions"
    PARKING = "parking"  # off-topic by definition: only there, never under a section


@dataclass(frozen=True)
class KindSpec:
    """One capture kind. Its catalog entries are `kind.<name>`, for text kinds `err.empty.<name>`, and `help.cmd.<name>`."""

    name: str  # as stored in session files
    # One cell of East Asian width N or Na: ambiguous-width ones (·, →, ★) take two cells in
    # terminals set up for Chinese and would break the alignment of item lists.
    mark: str
    # What follows "/" to capture one; the first is written back when an item is edited.
    # Chinese ones are matched as a prefix of the word (Chinese is typed without spaces).
    aliases: tuple[str, ...] = ()
    shape: Shape = Shape.TEXT
    style: str = ""  # the mark's style on screen (Textual theme variables)
    emphasis: bool = False  # the text itself is bold on screen
    summary: Summary | None = None
    # The label in the minutes: a catalog key given `n` and `name`; "" for none, None for `kind.<name>`.
    minutes_label: str | None = None
    numbered: bool = False  # `n` counts the kind in the minutes, else it is the item's id

    @property
    def prefix(self) -> str:
        """What starts the line when an item of this kind is edited ("" for a plain note)."""
        return f"/{self.aliases[0]} " if self.aliases else ""

    @property
    def label_key(self) -> str | None:
        if self.minutes_label is None:
            return f"kind.{self.name}"
        return self.minutes_label or None

    @property
    def empty_key(self) -> str:
        return f"err.empty.{self.name}"

    @property
    def help_key(self) -> str:
        """Its line in the help overlay, `syntax|meaning`; without one, help makes one from the entry."""
        return f"help.cmd.{self.name}"

    @property
    def in_sections(self) -> bool:
        return self.summary is not Summary.PARKING


NOTE = "note"

# The table. A new kind is one entry here plus its catalog strings in zh and en.
KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec(NOTE, "∙", minutes_label=""),
        KindSpec(
            "decision",
            "✔",
            ("d", "decision", "决定", "决议"),
            style="bold $success",
            emphasis=True,
            summary=Summary.DECISIONS,
            minutes_label="min.decision_no",
            numbered=True,
        ),
        KindSpec(
            "action",
            "➜",
            ("a", "action", "行动", "待办"),
            Shape.ACTION,
            style="bold $accent",
            summary=Summary.ACTIONS,
            minutes_label="min.action_no",
        ),
        KindSpec("question", "?", ("q", "question", "问题"), style="$warning"),
        KindSpec("idea", "✦", ("i", "idea", "想法", "点子"), style="$secondary"),
        KindSpec(
            "parking",
            "P",
            ("p", "park", "parking", "搁置"),
            style="$text-muted",
            summary=Summary.PARKING,
        ),
        KindSpec(
            "kudos",
            "✪",
            ("k", "kudos", "表扬"),
            Shape.KUDOS,
            style="bold $success",
            minutes_label="min.kudos_for",
        ),
    )
}


class _KindType(type):
    """Iterating `ItemKind` gives the kinds of the table, in its order."""

    def __iter__(cls) -> Iterator[ItemKind]:
        return (ItemKind(name) for name in list(KINDS))

    def __len__(cls) -> int:
        return len(KINDS)


class ItemKind(str, metaclass=_KindType):
    """A capture kind's name, as stored; only names in `KINDS` make one, each a single object.

    A string like the `StrEnum` it replaces (`kind == "note"`, `kind.value`, `kind is
    ItemKind.NOTE`), but open: a kind added to the table is a kind everywhere.
    """

    _made: ClassVar[dict[str, ItemKind]] = {}

    NOTE: ClassVar[ItemKind]
    DECISION: ClassVar[ItemKind]
    ACTION: ClassVar[ItemKind]
    QUESTION: ClassVar[ItemKind]
    IDEA: ClassVar[ItemKind]
    PARKING: ClassVar[ItemKind]
    KUDOS: ClassVar[ItemKind]

    def __new__(cls, name: str) -> ItemKind:
        name = str(name)
        if name not in KINDS:
            raise ValueError(f"{name!r} is not a capture kind")
        made = cls._made.get(name)
        if made is None:
            made = cls._made[name] = super().__new__(cls, name)
        return made

    @property
    def value(self) -> str:
        return str.__str__(self)

    @property
    def spec(self) -> KindSpec:
        return KINDS[self]

    def __repr__(self) -> str:
        return f"ItemKind({self.value!r})"

    def __copy__(self) -> ItemKind:
        return self

    def __deepcopy__(self, memo: object) -> ItemKind:
        return self

    def __reduce__(self) -> tuple[type[ItemKind], tuple[str]]:
        return ItemKind, (self.value,)


ItemKind.NOTE = ItemKind(NOTE)
ItemKind.DECISION = ItemKind("decision")
ItemKind.ACTION = ItemKind("action")
ItemKind.QUESTION = ItemKind("question")
ItemKind.IDEA = ItemKind("idea")
ItemKind.PARKING = ItemKind("parking")
ItemKind.KUDOS = ItemKind("kudos")


class _Marks(Mapping[str, str]):
    """Each kind's mark, read from the table as it is now."""

    def __getitem__(self, kind: str) -> str:
        return KINDS[kind].mark

    def __iter__(self) -> Iterator[str]:
        return iter(ItemKind)

    def __len__(self) -> int:
        return len(KINDS)


ITEM_MARKS: Mapping[str, str] = _Marks()


# The specs it was read from are kept, so that their ids cannot be reused while it is.
_aliases: tuple[tuple[KindSpec, ...], tuple[int, ...], dict[str, ItemKind]] = ((), (), {})


def kind_aliases() -> dict[str, ItemKind]:
    """Every command word that captures an item, to its kind (read again when the table changes)."""
    global _aliases
    table = tuple(map(id, KINDS.values()))
    if _aliases[1] != table:
        specs = tuple(KINDS.values())
        found = {alias: ItemKind(spec.name) for spec in specs for alias in spec.aliases}
        _aliases = (specs, table, found)
    return _aliases[2]
