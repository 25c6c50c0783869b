"""`minutely series NAME` goes straight to its screen; whatever it takes, the command line would
do the same with it, and everything else is the command line's."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from series_sessions import SERIES, record_series

from sessions.datadir import DataDir
from tui import cli, entry
from tui.start import Series


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    datadir = DataDir(tmp_path_factory.mktemp("series") / "data")
    record_series(datadir)
    return datadir


def outcome(main, args: list[str], capsys, monkeypatch, *, terminal: bool = True):
    """Exit status, output, errors and the screen opened (folder, start, --lang) of one run."""
    opened: list[tuple[Path, Series, str | None]] = []
    monkeypatch.setattr("tui.launch.has_terminal", lambda: terminal)
    monkeypatch.setattr(
        "tui.launch.run_app",
        lambda datadir, start, lang: opened.append((datadir.root, start, lang)) or 3,
    )
    with pytest.raises(SystemExit) as done:
        main(args)
    out = capsys.readouterr()
    return done.value.code, out.out, out.err, opened


def both(args: list[str], capsys, monkeypatch, **kw):
    through_entry = outcome(entry.main, args, capsys, monkeypatch, **kw)
    through_click = outcome(cli.main, args, capsys, monkeypatch, **kw)
    assert through_entry == through_click
    return through_entry


def test_the_scorecard_is_opened_as_the_command_line_opens_it(folder, capsys, monkeypatch):
    root = str(folder.root)
    for args, lang in (
        (["series", SERIES, "--data-dir", root], None),
        (["series", SERIES, "--lang", "en", "--data-dir", root], "en"),
        (["series", SERIES, "--data-dir", root, "--lang", "zh"], "zh"),
        (["series", SERIES, "--lang=en", f"--data-dir={root}"], "en"),
    ):
        assert entry.scorecard_args(args) is not None
        code, out, err, opened = both(args, capsys, monkeypatch)
        assert (code, out, err) == (3, "", "")
        assert opened == [(folder.root, Series(SERIES, "zh"), lang)]


def test_its_errors_are_the_command_lines_own_words(folder, tmp_path, capsys, monkeypatch):
    root = str(folder.root)
    code, _out, err, opened = both(
        ["series", SERIES, "--data-dir", root, "--lang", "en"], capsys, monkeypatch, terminal=False
    )
    assert (code, opened) == (1, []) and "minutely series NAME needs a terminal" in err
    code, _out, err, _opened = both(["series", "nope", "--data-dir", root], capsys, monkeypatch)
    assert code == 1 and "'nope'" in err and err.count("\n") == 1
    settings = tmp_path / "config.toml"
    settings.write_text('language = "fr"\n', encoding="utf-8")
    monkeypatch.setenv("MINUTELY_CONFIG", str(settings))
    code, _out, err, opened = both(["series", SERIES, "--data-dir", root], capsys, monkeypatch)
    assert (code, opened) == (1, []) and f"{settings}:1:" in err


def test_everything_else_is_left_to_the_command_line(folder, tmp_path, capsys, monkeypatch):
    root = str(folder.root)
    monkeypatch.chdir(tmp_path)  # `--data-dir --lang` is a folder named `--lang` to click
    a_file = tmp_path / "a-file"
    a_file.write_text("", encoding="utf-8")
    for args in (
        ["series", "--data-dir", root],  # the list of series
        ["series", SERIES, "--help"],
        ["--data-dir", root, "series", SERIES],
        ["series", SERIES, "--lang", "fr", "--data-dir", root],
        ["series", SERIES, "--data-dir", str(a_file)],
        ["series", SERIES, "--data-dir", str(tmp_path / "not-yet")],
        ["series", SERIES, "--data-dir", root, "--lang"],
        ["series", SERIES, "--data-dir", root, "--lang", "en", "--lang", "zh"],
        ["series", SERIES, "more", "--data-dir", root],
        ["series", "", "--data-dir", root],
        ["series", SERIES, "--data-dir", "--lang"],
    ):
        assert entry.scorecard_args(args) is None, args
        both(args, capsys, monkeypatch)


def test_the_scorecard_starts_without_collections(folder, capsys, monkeypatch):
    """Nothing a start makes is collected before the app runs (`launch._run` turns the
    collector on); whatever happens, it is on again once the command is over."""
    args = ["series", SERIES, "--data-dir", str(folder.root)]
    for terminal, exit_code in ((True, 3), (False, 1)):
        code, *_ = outcome(entry.main, args, capsys, monkeypatch, terminal=terminal)
        assert code == exit_code and gc.isenabled()
    collector: list[bool] = []
    monkeypatch.setattr("tui.launch.has_terminal", lambda: True)
    monkeypatch.setattr(
        "tui.launch.run_app", lambda datadir, start, lang: collector.append(gc.isenabled()) or 0
    )
    with pytest.raises(SystemExit):
        entry.main(args)
    assert collector == [False] and gc.isenabled()
