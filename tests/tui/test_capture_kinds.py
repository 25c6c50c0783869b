"""A capture kind is one entry in the kinds table: a new one is parsed, stored, shown, edited and in the minutes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from screen_text import live_app, text_of, until
from textual.widgets import Input, Static

from sessions.capture import Capture, CaptureError, ItemKind, parse_capture
from sessions.i18n import CATALOG, error_text
from sessions.kinds import KINDS, KindSpec
from sessions.minutes import render_minutes
from sessions.session import Captured, Session
from tui.screens.help import HelpScreen
from widgets.items import ItemList

TODAY = date(2026, 12, 1)


@pytest.fixture
def risk(monkeypatch: pytest.MonkeyPatch) -> Iterator[ItemKind]:
    """`/r` for a risk: one table entry and its catalog strings, taken away after the test."""
    monkeypatch.setitem(
        KINDS, "risk", KindSpec("risk", "!", ("r", "risk", "风险"), style="bold $error")
    )
    for lang, label, empty in (
        ("en", "Risk", "the risk is empty: type it after /{command}"),
        ("zh", "风险", "风险内容为空：在 /{command} 后面写上风险"),
    ):
        monkeypatch.setitem(CATALOG[lang], "kind.risk", label)
        monkeypatch.setitem(CATALOG[lang], "err.empty.risk", empty)
    yield ItemKind("risk")


def test_a_registered_kind_is_parsed_from_its_aliases(risk: ItemKind) -> None:
    assert parse_capture("/r 供应商可能延期", [], TODAY) == Capture(risk, "供应商可能延期")
    assert parse_capture("/RISK late parts", [], TODAY) == Capture(risk, "late parts")
    # Chinese aliases are typed without a space, as the built-in ones are
    assert parse_capture("/风险供应商可能延期", [], TODAY) == Capture(risk, "供应商可能延期")
    with pytest.raises(CaptureError) as refused:
        parse_capture("/r   ", [], TODAY)
    assert error_text(refused.value, "zh") == "风险内容为空：在 /r 后面写上风险"
    assert risk in list(ItemKind) and ItemKind("risk") is risk


def test_a_kind_taken_out_of_the_table_is_no_longer_one() -> None:
    assert "risk" not in KINDS
    with pytest.raises(CaptureError):
        parse_capture("/r 供应商可能延期", [], TODAY)
    with pytest.raises(ValueError):
        ItemKind("risk")


async def test_a_registered_kind_is_stored_shown_edited_and_in_the_minutes(
    risk: ItemKind, datadir, agenda, clock
) -> None:
    session = Session.start(datadir, agenda, clock, lang="en")
    try:
        app = live_app(session, "en")
        async with app.run_test(size=(160, 48)) as pilot:
            capture = app.screen.query_one("#capture", Input)
            capture.value = "/r supplier may slip"
            await pilot.press("enter")
            items = app.screen.query_one(ItemList)
            await until(pilot, lambda: items.option_count == 1)
            # stored with its kind, on disk before the screen confirms it
            stored = datadir.read(session.id).events[-1]
            assert (stored["kind"], stored["text"]) == ("risk", "supplier may slip")
            assert "Risk" in text_of(app, "#status-line")
            # shown with its mark from the table
            assert str(items.get_option_at_index(0).prompt).endswith("! supplier may slip")
            # `e` puts the line back with the kind's own prefix
            await pilot.press("f2", "e")
            assert capture.value == "/r supplier may slip"
            capture.value = "/r supplier will slip"
            await pilot.press("enter")
            await until(pilot, lambda: session.state.items[0].text == "supplier will slip")
            assert session.state.items[0].kind is risk
            # the help overlay lists it among the capture lines, made from its table entry
            await pilot.press("f1")
            await until(pilot, lambda: isinstance(app.screen, HelpScreen))
            shown = "\n".join(str(s.render()) for s in app.screen.query(Static))
            assert re.search(r"^/r …  \(/risk /风险\) +Risk$", shown, re.MULTILINE)
            assert shown.index("recognition") < shown.index("Risk") < shown.index("undo the last")
            await pilot.press("escape")
        minutes = render_minutes(datadir.read(session.id), "md", "en", live=True)
        assert isinstance(minutes, str)
        assert "**Risk**" in minutes and "supplier will slip" in minutes
    finally:
        session.close()


def test_a_registered_kind_is_captured_by_the_session(risk: ItemKind, datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock, lang="zh")
    try:
        outcome = session.submit("/风险 交付延期")
        assert isinstance(outcome, Captured) and outcome.item.kind is risk
    finally:
        session.close()
