"""The settings file: where it is, what it sets, and `file:line: message` for each problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import control_free

from sessions.config import ConfigError, config_path, describe, load_config
from tui.cli import main

THEMES = ("textual-dark", "textual-light", "nord", "gruvbox")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, themes=THEMES) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(path, themes)
    return str(caught.value).splitlines()


def test_a_good_file(tmp_path):
    path = write(
        tmp_path,
        '# my settings\nlanguage = "zh"\n\ndata_dir = "meetings"\ntheme = "nord"\ndate_style = "local"\n',
    )
    config = load_config(path, THEMES)
    assert config.found
    assert config.language == "zh"
    assert config.data_dir == tmp_path / "meetings"  # relative to the settings file
    assert config.theme == "nord"
    assert config.date_style == "local"
    assert config.lines == {"language": 2, "data_dir": 4, "theme": 5, "date_style": 6}


def test_home_is_expanded_and_every_setting_may_be_left_out(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    config = load_config(write(tmp_path, 'data_dir = "~/Minutely"\n'))
    assert config.data_dir == tmp_path / "home" / "Minutely"
    assert config.language is None and config.theme is None and config.date_style is None
    assert load_config(write(tmp_path, "")).settings == dict.fromkeys(
        ("language", "data_dir", "theme", "date_style")
    )


def test_a_missing_file_is_the_defaults(tmp_path):
    config = load_config(tmp_path / "nowhere.toml")
    assert not config.found and config.language is None


def test_the_environment_names_the_file(tmp_path, monkeypatch):
    path = write(tmp_path, 'language = "en"\n')
    monkeypatch.setenv("MINUTELY_CONFIG", str(path))
    assert config_path() == (path, True)
    config = load_config()
    assert config.path == path and config.from_env and config.language == "en"


def test_without_the_environment_it_is_in_the_platforms_config_folder():
    path, from_env = config_path({})
    assert path.name == "config.toml" and path.parent.name == "minutely" and not from_env


@pytest.mark.parametrize(
    "env",
    [
        {"HOME": "/home/wang"},
        {"HOME": "/home/wang/"},
        {"HOME": "/", "XDG_CONFIG_HOME": ""},
        {"HOME": "/home/wang", "XDG_CONFIG_HOME": "/srv/settings"},
        {"HOME": "/home/wang", "XDG_CONFIG_HOME": "relative/settings"},
        {"HOME": "/home/wang", "XDG_CONFIG_HOME": "  "},
    ],
    ids=["home", "home-slash", "root-home", "xdg", "xdg-relative", "xdg-blank"],
)
def test_the_config_folder_is_platformdirs_answer_without_loading_it(env, monkeypatch):
    """The folder is worked out without platformdirs (several ms of every start), as it says."""
    import platformdirs

    for name in ("HOME", "XDG_CONFIG_HOME", "ANDROID_DATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    path, from_env = config_path(env)
    assert path == platformdirs.user_config_path("minutely") / "config.toml" and not from_env


def test_bad_values_are_reported_with_their_lines(tmp_path):
    path = write(
        tmp_path,
        '# settings\nlanguage = "fr"\n\ntheme = "nrod"\ndate_style = 3\nlang = "zh"\n',
    )
    assert problems(path) == [
        f"{path}:2: language is one of zh, en, not 'fr'",
        f"{path}:4: unknown theme 'nrod' (did you mean 'nord'?); themes: gruvbox, nord, textual-dark, textual-light",
        f"{path}:5: date_style must be text in quotes, not a number",
        f"{path}:6: unknown setting 'lang' (did you mean 'language'?); settings: language, data_dir, theme, date_style",
    ]


def test_the_line_of_a_key_is_found_however_it_is_written(tmp_path):
    path = write(
        tmp_path,
        'note = """\n'
        'theme = "not this one"\n'
        '"""\n'
        '"date_style"  =  "us"\n'
        "language.code = 'zh'\n"
        "[data_dir]\n"
        "path = 'x'\n",
    )
    assert problems(path) == [
        f"{path}:1: unknown setting 'note'; settings: language, data_dir, theme, date_style",
        f"{path}:4: date_style is one of iso, local, not 'us'",
        f"{path}:5: language must be text in quotes, not a table",
        f"{path}:6: data_dir must be text in quotes, not a table",
    ]


def test_a_syntax_error_has_its_line(tmp_path):
    path = write(tmp_path, 'language = "zh"\ntheme = nord\n')
    (line,) = problems(path)
    assert line.startswith(f"{path}:2: TOML syntax error: ")
    assert "(at line" not in line


def test_other_problems(tmp_path):
    assert problems(write(tmp_path, 'data_dir = "  "\n')) == [
        f"{tmp_path / 'config.toml'}:1: data_dir is empty: give a folder, or leave the setting out"
    ]
    path = tmp_path / "config.toml"
    path.write_bytes(b'language = "zh"\ntheme = "\xff"\n')
    assert problems(path) == [f"{path}:2: not UTF-8 text"]
    assert problems(tmp_path) == [f"{tmp_path}: is a folder, not a settings file"]
    # Without a list of themes, any name passes: only the application knows them.
    assert load_config(write(tmp_path, 'theme = "mine"\n')).theme == "mine"


def test_a_control_character_is_refused(tmp_path):
    path = write(tmp_path, 'language = "zh"\ntheme = "a\\u001b]0;x\\u0007"\n')
    (line,) = problems(path)
    assert line == f"{path}:2: theme holds a control character (U+001B)"
    assert control_free(line)


def test_describe_says_where_and_what(tmp_path, monkeypatch):
    path = write(tmp_path, 'theme = "nord"\nlanguage = "zh"\n')
    monkeypatch.setenv("MINUTELY_CONFIG", str(path))
    assert describe(load_config(None, THEMES)) == (
        f"Settings file: {path} (from MINUTELY_CONFIG)\n"
        "language = zh (line 2)\n"
        "data_dir: not set\n"
        "theme = nord (line 1)\n"
        "date_style: not set\n"
    )
    missing = describe(load_config(tmp_path / "none.toml"), "zh")
    assert missing.splitlines() == [
        f"设置文件：{tmp_path / 'none.toml'}",
        "该文件尚不存在：所有设置均为默认值。",
        "language：未设置",
        "data_dir：未设置",
        "theme：未设置",
        "date_style：未设置",
        '要修改设置，请写入该文件，例如  language = "zh"',
    ]


def test_each_problem_is_worded_in_chinese_too_with_its_file_and_line(
    tmp_path, capsys, monkeypatch
):
    """`minutely --lang zh …` with a settings file it cannot use: one line a problem, each
    `file:line:` and in Chinese; in English the same lines as `str()` of the error."""
    path = write(
        tmp_path,
        'language = "fr"\ntheme = "nrod"\ncolour = "red"\ndata_dir = 3\ndate_style = "isso"\n',
    )
    monkeypatch.setenv("MINUTELY_CONFIG", str(path))
    outputs = {}
    for lang in ("zh", "en"):
        with pytest.raises(SystemExit) as exc:
            main(["--lang", lang, "list", "--data-dir", str(tmp_path / "data")])
        assert exc.value.code == 1
        outputs[lang] = capsys.readouterr().err.splitlines()
    zh, en = outputs["zh"], outputs["en"]
    # The theme is checked when a screen opens (Textual's themes); the rest at once.
    assert zh == [
        f"{path}:1: 错误：language 只能是 zh、en，不能是 'fr'",
        f"{path}:3: 错误：未知的设置 'colour'；可用的设置：language、data_dir、theme、date_style",
        f"{path}:4: 错误：data_dir 必须是带引号的文本，不能是数字",
        f"{path}:5: 错误：date_style 只能是 iso、local，不能是 'isso'（是不是 'iso'？）",
    ]
    assert all(control_free(line) for line in zh)
    assert [line.split(": ", 1)[0] for line in en] == [line.split(": ", 1)[0] for line in zh]
    assert en[0].endswith("language is one of zh, en, not 'fr'")
    assert en[3].endswith("date_style is one of iso, local, not 'isso' (did you mean 'iso'?)")
