"""A plain document's blocks (headings, fields, tables, lists) that every renderer draws: the
minutes' (`sessions.minutes.layout`), the scorecard report's, the digest's and the notice's.

Light: the scorecard screen reads the report's blocks without loading the minutes' model.
NamedTuples, not dataclasses: each of those takes a few tenths of a millisecond to make at import,
paid by the scorecard's first frame. Renderers tell them apart with `isinstance`.
"""

from __future__ import annotations

from typing import NamedTuple


class Heading(NamedTuple):
    level: int
    text: str


class Paragraph(NamedTuple):
    text: str
    style: str = ""  # "" | "warning" | "muted" | "strong"
    code: str = ""  # a command to type, shown after the text as code


class Fields(NamedTuple):
    pairs: list[tuple[str, str]]


class Table(NamedTuple):
    name: str  # what it is: attendance, agenda, actions, signoff...; renderers style by it
    header: list[str]
    rows: list[list[str]]
    align: str = ""  # one letter per column, "l" or "r"; missing letters are "l"
    footer: list[str] | None = None


class ListItem(NamedTuple):
    text: str
    time: str | None = None
    label: str | None = None
    note: str | None = None


class Bullets(NamedTuple):
    items: list[ListItem]
    ordered: bool = False


Block = Heading | Paragraph | Fields | Table | Bullets
