"""The live screen's key bar: the keys of what has focus, in the meeting's language, clickable."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from sessions.i18n import CATALOG, t
from sessions.session import Session
from tui.screens import live_actions
from tui.screens.help import HelpScreen
from tui.screens.live import LiveCommands, LiveScreen
from tui.screens.live_actions import LIVE_ACTIONS, LiveAction
from widgets.items import ItemList
from widgets.keybar import KeyBar

TCSS = Path(__file__).resolve().parents[2] / "tui" / "app.tcss"


class LiveApp(App[None]):
    CSS_PATH = TCSS

    def __init__(self, session: Session, lang: str) -> None:
        super().__init__()
        self.session = session
        self.lang = lang

    def on_mount(self) -> None:
        self.push_screen(LiveScreen(self.session, self.lang))


@pytest.fixture
def session(datadir, agenda, clock):
    s = Session.start(datadir, agenda, clock, lang="zh")
    s.submit("华东区回款率 92%")
    yield s
    s.close()


def bar_text(app: App) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_shows_the_screens_keys_in_the_meeting_language(session):
    app = LiveApp(session, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert " f1 帮助 " in text and " f9 结束会议 " in text
        assert text.rstrip().endswith("^p 全部操作")  # the palette key in the meeting language too
        assert len(text) <= 160
        # the items list has focus: its own keys join the screen's
        app.screen.query_one(ItemList).focus()
        await pilot.pause()
        assert bar_text(app).startswith(" e 修改  d 删除 ")


async def test_a_click_on_a_key_presses_it(session):
    app = LiveApp(session, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.click(KeyBar, offset=(2, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def test_the_screens_bindings_are_the_tables_in_the_meetings_language(session):
    zh, en = type(LiveScreen(session, "zh")), type(LiveScreen(session, "en"))
    assert zh.__name__ == en.__name__ == "LiveScreen" and issubclass(zh, LiveScreen)
    bound = {(b.key, b.action): b.description for b in zh.BINDINGS}
    for action in LIVE_ACTIONS:
        if action.keys and action.target == "screen":
            assert bound[(action.keys, action.name)] == t(action.label, "zh")
            method = "action_" + action.name.partition("(")[0]
            assert callable(getattr(LiveScreen, method)), method
        elif action.keys:
            assert callable(getattr(ItemList, "action_" + action.name))
    # The class in another language keeps its own words: nothing is rewritten in place.
    assert {b.description for b in en.BINDINGS if b.action == "end"} == {t("key.end", "en")}


@pytest.fixture
def extend_ten(monkeypatch):
    """A new key, registered the way the table says: one entry and its words."""
    entry = LiveAction(
        "extend(10)", "f11", "key.extend10", drop=1, help="F11", palette="key.extend10"
    )
    monkeypatch.setattr(live_actions, "LIVE_ACTIONS", (*LIVE_ACTIONS, entry))
    monkeypatch.setitem(CATALOG["en"], "key.extend10", "+10 min")
    monkeypatch.setitem(CATALOG["zh"], "key.extend10", "延长 10 分钟")
    live_actions.with_bindings.cache_clear()
    yield entry
    live_actions.with_bindings.cache_clear()


async def test_one_entry_makes_a_key_its_key_bar_label_help_line_and_palette_command(
    session, extend_ten
):
    app = LiveApp(session, "en")
    async with app.run_test(size=(200, 48)) as pilot:
        await pilot.pause()
        assert " f11 +10 min " in bar_text(app)
        await pilot.press("f11")
        await pilot.pause()
        assert session.state.sections[0].extended == 600
        commands = dict(LiveCommands(app.screen)._commands())
        await commands["+10 min"]()  # what the palette runs when it is chosen
        assert session.state.sections[0].extended == 1200
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(str(s.render()) for s in app.screen.query("Static"))
        assert "F11" in shown and "+10 min" in shown
    assert live_actions.keybar_drop_first()[0] == ("extend(1)", "extend(5)", "extend(10)")
