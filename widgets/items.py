"""The running section's captured items: a navigable list whose keys ask the screen to edit or delete."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

KIND_STYLES = {
    "decision": "bold $success",
    "action": "bold $accent",
    "question": "$warning",
    "idea": "$secondary",
    "parking": "$text-muted",
    "kudos": "bold $success",
    "note": "",
}


@dataclass(frozen=True)
class ItemRow:
    id: int
    time: str  # HH:MM
    mark: str
    kind: str
    text: str
    owner: str | None = None
    owner_known: bool = True
    due: str | None = None  # already localized ("due 12-05")
    criteria: str | None = None
    unknown_owner: str = "not on the roster"


def item_content(row: ItemRow) -> Content:
    style = KIND_STYLES.get(row.kind, "")
    parts: list[str | tuple[str, str]] = [
        (row.time, "$text-muted"),
        " ",
        (row.mark, style),
        " ",
        (row.text, "bold" if row.kind == "decision" else ""),
    ]
    if row.owner:
        parts += ["  ", (f"@{row.owner}", "bold")]
        if not row.owner_known:
            parts += [" ", (f"! {row.unknown_owner}", "bold $warning")]
    if row.due:
        parts += ["  ", (row.due, "$accent")]
    if row.criteria:
        parts += ["  ", ("| " + row.criteria, "italic")]
    return Content.assemble(*parts)


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
