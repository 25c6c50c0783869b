"""A plain document's blocks (headings, fields, tables, lists) that every renderer draws: the
minutes' (`sessions.minutes.layout`), the scorecard report's, the digest's and the notice's.

Light: the scorecard screen reads the report's blocks without loading the minutes' model.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = ""  # "" | "warning" | "muted" | "strong"
    code: str = ""  # a command to type, shown after the text as code


@dataclass(frozen=True)
class Fields:
    pairs: list[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    name: str  # what it is: attendance, agenda, actions, signoff...; renderers style by it
    header: list[str]
    rows: list[list[str]]
    align: str = ""  # one letter per column, "l" or "r"; missing letters are "l"
    footer: list[str] | None = None


@dataclass(frozen=True)
class ListItem:
    text: str
    time: str | None = None
    label: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Bullets:
    items: list[ListItem] = field(default_factory=list)
    ordered: bool = False


Block = Heading | Paragraph | Fields | Table | Bullets
