"""The live screen in the meeting's language: counted words, key bar, help and palette."""

from __future__ import annotations

import pytest
from screen_text import live_app
from textual.command import CommandInput, CommandPalette
from textual.widgets import Static

from sessions.events import AttendanceStatus
from sessions.i18n import CATALOG, t, tn
from tui.app import make_app
from tui.screens.help import HelpScreen
from tui.screens.live import LiveCommands
from tui.start import Live
from widgets.keybar import KeyBar


def test_counted_words():
    assert tn("n.decisions", "en", 1) == "1 decision"
    assert tn("n.decisions", "en", 2) == "2 decisions"
    assert tn("n.sections", "en", 1) == "1 section"
    assert tn("n.turns", "en", 0) == "0 turns"
    assert tn("n.actions", "zh", 1) == tn("n.actions", "zh", 1).replace("1", "1") == "待办 1 项"
    for key in CATALOG["en"]:
        if key.endswith(".one"):
            assert key[:-4] + ".other" in CATALOG["en"]


async def test_chinese_key_bar_help_and_palette(followed_up):
    app = make_app(
        followed_up.writer.datadir, Live(followed_up), clock=followed_up.clock, lang="zh"
    )
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        help_rows = [
            (syntax, meaning)
            for syntax, meaning in (HelpScreen._split(CATALOG["zh"]["help.cmd.attendance"]),)
        ]
        assert "/早退 /缺席)" in help_rows[0][0]
        app.push_screen(HelpScreen("zh"))
        await pilot.pause()
        shown = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "(/签到 /迟到 /早退 /缺席)" in shown
        await pilot.press("escape")
        commands = list(app.get_system_commands(app.screen))
        assert [c.title for c in commands] == [t("palette.quit", "zh")]
        provider = LiveCommands(app.screen)
        labels = [label for label, _ in provider._commands()]
        assert not any("Tom Baker" in label for label in labels)  # not checked in
        followed_up.set_attendance("Tom Baker", AttendanceStatus.PRESENT)
        labels = [label for label, _ in provider._commands()]
        assert "发言人：5 Tom Baker" in labels


async def test_command_palette_placeholder_in_the_meetings_language(monthly):
    app = make_app(monthly.writer.datadir, Live(monthly), clock=monthly.clock, lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert CommandPalette.is_open(app)
        assert app.screen.query_one(CommandInput).placeholder == "搜索操作…"
    assert CATALOG["en"]["live.palette_placeholder"] == "Search for an action…"


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_key_bar_keeps_help_and_end_at_100_columns(monthly, lang):
    app = live_app(monthly, lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = str(app.screen.query_one(KeyBar).render())
        assert len(bar) <= 100
        help_key, end_key = {"zh": ("f1 帮助", "f9 结束会议"), "en": ("f1 Help", "f9 End meeting")}[
            lang
        ]
        assert help_key in bar and end_key in bar and " f4 " in bar
        assert " ^r " in bar  # the roster is folded away at 100 columns: its key stays
        assert " f6 " not in bar and " f7 " not in bar  # extending is also /extend
        assert bar.rstrip().endswith("^p " + CATALOG[lang]["key.palette"])
    app = live_app(monthly, lang)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        bar = str(app.screen.query_one(KeyBar).render())
        assert " f6 " in bar and " f7 " in bar and " f2 " in bar  # room for every key
