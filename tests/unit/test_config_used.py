"""The settings file as a fallback: --data-dir, then $MINUTELY_HOME, then the file, then the default; the same for the language; a broken file stops every command."""

from __future__ import annotations

import json

import pytest

from sessions import i18n
from sessions.datadir import DataDir
from sessions.i18n import resolve_lang, use_settings_lang
from sessions.session import Session
from tui.cli import default_data_dir, main


def minutely(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    path = tmp_path / "settings" / "config.toml"
    path.parent.mkdir()
    monkeypatch.setenv("MINUTELY_CONFIG", str(path))
    monkeypatch.delenv("MINUTELY_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return path


def one_meeting(datadir: DataDir, agenda, clock) -> str:
    session = Session.start(datadir, agenda, clock, lang="en")
    session.close()
    clock.advance(60)
    return session.id


def listed(capsys, *args: str) -> list[str]:
    code, out, err = minutely(capsys, "list", "--json", *args)
    assert code == 0, err
    return [entry["id"] for entry in json.loads(out)]


def test_the_data_folder_comes_from_the_settings_file_after_the_option_and_the_environment(
    capsys, settings_file, monkeypatch, tmp_path, agenda, clock
):
    settings_file.write_text('data_dir = "meetings"\n', encoding="utf-8")
    configured = DataDir(settings_file.parent / "meetings")  # relative to the file's folder
    in_env = DataDir(tmp_path / "env-home")
    asked = DataDir(tmp_path / "asked")
    ids = {
        name: one_meeting(d, agenda, clock)
        for name, d in (("configured", configured), ("env", in_env), ("asked", asked))
    }
    assert default_data_dir() == configured.root
    assert listed(capsys) == [ids["configured"]]
    monkeypatch.setenv("MINUTELY_HOME", str(in_env.root))
    assert listed(capsys) == [ids["env"]]
    assert listed(capsys, "--data-dir", str(asked.root)) == [ids["asked"]]
    settings_file.unlink()
    monkeypatch.delenv("MINUTELY_HOME")
    assert default_data_dir() == tmp_path / "xdg" / "minutely"


def test_the_language_comes_from_the_settings_file_unless_the_option_says(capsys, settings_file):
    settings_file.write_text('language = "zh"\n', encoding="utf-8")
    code, out, _ = minutely(capsys, "config")
    assert code == 0
    assert out.startswith("设置文件")
    code, out, _ = minutely(capsys, "config", "--lang", "en")
    assert out.startswith("Settings file")
    # The fallback lasts as long as the command: nothing else in the process sees it.
    assert i18n._settings_lang is None


def test_the_agenda_language_comes_before_the_settings_file_and_the_locale_after(monkeypatch):
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    use_settings_lang("zh")
    try:
        assert resolve_lang(None) == "zh"
        assert resolve_lang(None, "en") == "en"
        assert resolve_lang("en", "zh") == "en"
    finally:
        use_settings_lang(None)
    assert resolve_lang(None) == "en"


def test_a_broken_settings_file_stops_the_command_with_its_lines(capsys, settings_file):
    settings_file.write_text('language = "fr"\ndata_dir = 3\n', encoding="utf-8")
    code, out, err = minutely(capsys, "list")
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        f"{settings_file}:1: language is one of zh, en, not 'fr'",
        f"{settings_file}:2: data_dir must be text in quotes, not a number",
    ]
    assert "Traceback" not in err
