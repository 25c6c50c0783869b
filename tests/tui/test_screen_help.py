"""Help and palette on every screen: the home and history keys in the app's language, one quit entry,
both languages' templates on home, the live agenda's planned times in the one duration style."""

from __future__ import annotations

import pytest
from screen_text import live_app, text_of, until
from textual.command import CommandList, CommandPalette
from textual.widgets import OptionList

from agendas.templates import TEMPLATE_NAMES
from sessions.i18n import t
from sessions.numbers import duration_text
from tui.app import make_app
from tui.screens.help import KeysHelpScreen
from tui.screens.history import HistoryScreen
from tui.screens.home import HomeScreen
from tui.screens.premeeting import PreMeetingScreen
from tui.screens.shell_keys import HOME_KEYS
from tui.start import History
from widgets.agenda_list import AgendaList

SIZE = (120, 36)


async def palette_prompts(app, pilot) -> list[str]:
    """Open the command palette and read every entry it offers before anything is typed."""
    await pilot.press("ctrl+p")
    await until(pilot, lambda: CommandPalette.is_open(app))
    found = app.screen.query_one(CommandList)
    await until(pilot, lambda: found.option_count > 0)
    await pilot.pause()
    return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_quit_is_one_palette_entry_in_the_apps_language(monthly, lang):
    app = live_app(monthly, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        prompts = await palette_prompts(app, pilot)
        leave = t("palette.quit", lang)
        quits = [p for p in prompts if t("key.quit", lang) in p or leave in p]
        assert quits == [leave]  # one line, not a "quit" title over a "leave" line


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_f1_on_home_shows_its_keys_in_the_apps_language(datadir, clock, lang):
    app = make_app(datadir, clock=clock, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, KeysHelpScreen))
        shown = text_of(app, "#help-keys")
        for key in HOME_KEYS:
            assert key.keys in shown and t(key.label, lang) in shown
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_home_palette_offers_the_screens_actions_and_runs_them(datadir, clock):
    app = make_app(datadir, clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        prompts = await palette_prompts(app, pilot)
        for label in ("shell.key.history", "shell.key.actions", "shell.key.file", "key.help"):
            assert t(label, "zh") in prompts
        assert any("月度销售" in p or "销售" in p for p in prompts)  # a template by its title
        await pilot.press(*"历史会议")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))


async def test_history_has_a_help_overlay_and_a_palette_in_its_language(datadir, clock):
    app = make_app(datadir, History(), clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, KeysHelpScreen))
        shown = text_of(app, "#help-keys")
        assert t("history.key.export", "zh") in shown and t("history.key.tab", "zh") in shown
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        prompts = await palette_prompts(app, pilot)
        for label in ("history.key.search", "history.key.export", "history.key.series"):
            assert t(label, "zh") in prompts


async def test_home_lists_both_languages_templates_the_configured_one_first(datadir, clock):
    app = make_app(datadir, clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        menu = app.screen.query_one("#home-menu", OptionList)
        ids = [menu.get_option_at_index(i).id or "" for i in range(menu.option_count)]
        prompts = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        templates = [i for i in ids if i.startswith("t:")]
        assert len(templates) == 2 * len(TEMPLATE_NAMES)
        zh_heading = prompts.index(t("shell.templates_in.zh", "en").join(["  ", ""]))
        en_heading = prompts.index(t("shell.templates_in.en", "en").join(["  ", ""]))
        assert en_heading < zh_heading
        # The first Chinese template, by its key, opens in Chinese.
        await pilot.press(str(len(TEMPLATE_NAMES) + 1))
        await until(pilot, lambda: isinstance(app.screen, PreMeetingScreen))
        assert app.screen.agenda.source == f"template:{TEMPLATE_NAMES[0]}.zh"


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_live_agenda_says_planned_times_in_the_one_duration_style(monthly, lang):
    app = live_app(monthly, lang)
    async with app.run_test(size=(160, 48)) as pilot:
        agenda = app.screen.query_one(AgendaList)
        await until(pilot, lambda: bool(agenda.rows))
        shown = agenda.render().plain
        for section, row in zip(monthly.state.agenda.sections, agenda.rows, strict=True):
            assert row.planned_text == duration_text(section.duration, lang)
            assert row.planned_text in shown
        assert not any(line.rstrip().endswith("m") for line in shown.splitlines())
