"""The running section's captured items: a navigable list whose keys ask the screen to edit or delete."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sessions.kinds import KINDS, KindSpec
from widgets.rows import ItemRow
from widgets.text import literal


class Hanging(Visual):
    """A first column (time and mark) beside text that wraps under itself, not under the time."""

    def __init__(self, head: Content, body: Content) -> None:
        self.head = head
        self.body = body
        self.indent = head.cell_length

    def _lines(self, width: int) -> Content:
        room = max(4, width - self.indent)
        lines = self.body.wrap(room) or [Content("")]
        pad = Content(" " * self.indent)
        return Content("\n").join(
            (self.head if n == 0 else pad) + line for n, line in enumerate(lines)
        )

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._lines(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.indent + self.body.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.body.wrap(max(4, width - self.indent))) or 1

    def __str__(self) -> str:
        return self.head.plain + self.body.plain

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hanging) and (self.head, self.body) == (other.head, other.body)

    def __hash__(self) -> int:
        return hash((self.head.plain, self.body.plain))


def item_content(row: ItemRow) -> Hanging:
    spec = KINDS.get(row.kind) or KindSpec(row.kind, row.mark)
    head = Content.assemble((row.time, "$text-muted"), " ", (row.mark, spec.style), " ")
    parts: list[str | tuple[str, str] | Content] = [
        literal(row.text, "bold" if spec.emphasis else "")
    ]
    if row.owner:
        parts += ["  ", literal(f"@{row.owner}", "bold")]
        if not row.owner_known:
            parts += [" ", (f"! {row.unknown_owner}", "bold $warning")]
        elif row.absent_owner:
            parts += [" ", (f"! {row.absent_owner}", "bold $warning")]
    elif row.no_owner:
        parts += ["  ", (f"! {row.no_owner}", "bold $warning")]
    if row.due:
        parts += ["  ", (row.due, "$accent")]
    elif row.no_due:
        parts += ["  ", (row.no_due, "dim")]
    if row.criteria:
        parts += ["  ", literal("| " + row.criteria, "italic")]
    return Hanging(head, Content.assemble(*parts))


class ItemList(OptionList):
    """Items of one section, newest last; `e` and `d` ask for an edit or a delete."""

    BINDINGS = [
        Binding("e", "edit", "Edit item"),
        Binding("d,delete", "delete", "Delete item"),
        Binding("escape", "leave", "Back to capture"),
    ]

    @dataclass
    class EditRequested(Message):
        item_list: ItemList
        item_id: int

        @property
        def control(self) -> ItemList:
            return self.item_list

    @dataclass
    class DeleteRequested(Message):
        item_list: ItemList
        item_id: int

        @property
        def control(self) -> ItemList:
            return self.item_list

    @dataclass
    class Left(Message):
        item_list: ItemList

        @property
        def control(self) -> ItemList:
            return self.item_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[ItemRow] = []

    def show(self, rows: list[ItemRow]) -> None:
        if rows == self.rows:
            return
        kept = self.selected_id
        old = self.rows
        grew = len(rows) > len(old)
        self.rows = list(rows)
        if grew and rows[: len(old)] == old:
            # The usual case, one item just typed: add it rather than rebuild the whole list.
            self.add_options(Option(item_content(row), id=str(row.id)) for row in rows[len(old) :])
        else:
            self.set_options(Option(item_content(row), id=str(row.id)) for row in rows)
        ids = [row.id for row in rows]
        if kept in ids and not grew:
            self.highlighted = ids.index(kept)
        elif rows:
            self.highlighted = len(rows) - 1
        if rows:
            self.scroll_to_highlight()

    @property
    def selected_id(self) -> int | None:
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id is not None else None

    def action_edit(self) -> None:
        if self.selected_id is not None:
            self.post_message(self.EditRequested(self, self.selected_id))

    def action_delete(self) -> None:
        if self.selected_id is not None:
            self.post_message(self.DeleteRequested(self, self.selected_id))

    def action_leave(self) -> None:
        self.post_message(self.Left(self))
