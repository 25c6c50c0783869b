"""The live screen's key bar: the keys of what has focus, in the meeting's language, clickable."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from sessions.session import Session
from tui.screens.help import HelpScreen
from tui.screens.live import LiveScreen
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
