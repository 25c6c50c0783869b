"""The kinds table and typed commands: an ItemKind is a name from the table, a Command's name is a CommandName."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import date

import pytest

from sessions.capture import Capture, Command, CommandName, capture_line, parse_capture
from sessions.kinds import ITEM_MARKS, KINDS, ItemKind, Shape

TODAY = date(2026, 12, 1)
NAMES = ["张伟", "Tom Baker"]


def test_an_item_kind_is_its_stored_name_and_one_object():
    kind = ItemKind("decision")
    assert kind is ItemKind.DECISION and kind == "decision" and kind.value == "decision"
    assert json.dumps({"kind": kind}) == '{"kind": "decision"}'
    assert copy.deepcopy(kind) is kind and pickle.loads(pickle.dumps(kind)) is kind
    assert kind.spec is KINDS["decision"] and ITEM_MARKS[kind] == "✔"
    with pytest.raises(ValueError, match="not a capture kind"):
        ItemKind("memo")


@pytest.mark.parametrize("kind", list(ItemKind))
def test_every_kind_reads_back_from_its_edit_line(kind: ItemKind):
    owner = "张伟" if kind.spec.shape is not Shape.TEXT else None
    due = TODAY if kind.spec.shape is Shape.ACTION else None
    item = Capture(kind, "跟进报价", owner=owner, due=due)
    line = capture_line(item)
    assert line.startswith(kind.spec.prefix)
    assert parse_capture(line, NAMES, TODAY) == item


def test_every_alias_of_every_kind_captures_that_kind():
    for spec in KINDS.values():
        for alias in spec.aliases:
            parsed = parse_capture(f"/{alias} @张伟 文本", NAMES, TODAY)
            assert isinstance(parsed, Capture) and parsed.kind is ItemKind(spec.name)


@pytest.mark.parametrize(
    ("line", "name"),
    [("/next", CommandName.NEXT), ("/u", CommandName.UNDO), ("/暂停", CommandName.PAUSE)],
)
def test_a_command_is_typed(line: str, name: CommandName):
    parsed = parse_capture(line, NAMES, TODAY)
    assert isinstance(parsed, Command) and parsed.name is name


def test_a_command_name_must_be_one_of_them():
    assert Command("next").name is CommandName.NEXT  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Command("reboot")  # type: ignore[arg-type]
