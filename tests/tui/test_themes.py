"""Themes: the settings file picks one, and the countdown warns in the theme's own colours in every built-in theme."""

from __future__ import annotations

import pytest
from screen_text import live_app, until
from textual.color import Color
from textual.theme import BUILTIN_THEMES
from textual.widgets import Digits

from sessions.config import ConfigError
from sessions.session import Session
from tui.app import make_app
from tui.start import History
from widgets.countdown import Countdown


@pytest.fixture
def session(datadir, agenda, clock):
    s = Session.start(datadir, agenda, clock, lang="en")
    yield s
    s.close()


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    monkeypatch.setenv("MINUTELY_CONFIG", str(path))
    return path


async def test_the_settings_file_chooses_the_theme(settings_file, datadir, clock):
    settings_file.write_text('theme = "nord"\n', encoding="utf-8")
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        assert app.get_css_variables()["primary"] == BUILTIN_THEMES["nord"].primary


def test_an_unknown_theme_stops_the_app_before_anything_opens(settings_file, datadir, clock):
    settings_file.write_text('\ntheme = "nordic"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as found:
        make_app(datadir, History(), clock=clock, lang="en")
    assert str(found.value).startswith(f"{settings_file}:2: unknown theme 'nordic'")
    assert not datadir.root.exists()


def colour_of(app, phase: str) -> Color:
    countdown = app.screen.query_one(Countdown)
    assert countdown.has_class(f"-{phase}")
    return countdown.query_one(Digits).styles.color


async def test_the_countdown_warns_in_every_themes_warning_and_error_colours(session, clock):
    app = live_app(session, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        first = session.state.agenda.sections[0].duration
        for phase, seconds, variable in (
            ("warning", first * 0.85, "warning"),
            ("overtime", first * 0.3, "error"),
        ):
            clock.advance(seconds)
            app.screen._tick()
            await until(pilot, lambda p=phase: app.screen.query_one(Countdown).has_class(f"-{p}"))
            for name in BUILTIN_THEMES:
                app.theme = name
                await pilot.pause()
                expected = Color.parse(app.get_css_variables()[variable])
                assert colour_of(app, phase) == expected, (name, phase)
