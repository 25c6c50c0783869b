"""Where the data lives when no `--data-dir` is given: `$MINUTELY_HOME`, else the user data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessions.datadir import DataDir
from sessions.session import Session
from tui.cli import default_data_dir, main


def minutely(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, _ = capsys.readouterr()
    code = exc.value.code
    return (code if isinstance(code, int) else 1), out


@pytest.fixture
def homes(tmp_path, monkeypatch, agenda, clock) -> tuple[DataDir, DataDir]:
    """One meeting under $MINUTELY_HOME, another under the user data folder."""
    home = DataDir(tmp_path / "minutely-home")
    user = DataDir(tmp_path / "xdg" / "minutely")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("MINUTELY_HOME", str(home.root))
    for datadir, note in ((home, "from MINUTELY_HOME"), (user, "from the user data folder")):
        session = Session.start(datadir, agenda, clock, lang="en")
        session.submit(note)
        session.close()
        clock.advance(60)
    return home, user


def listed(capsys, *args: str) -> list[str]:
    code, out = minutely(capsys, "list", "--json", *args)
    assert code == 0
    return [entry["id"] for entry in json.loads(out)]


def test_minutely_home_is_the_data_folder_without_data_dir(capsys, homes):
    home, user = homes
    assert home.session_ids() != user.session_ids()
    assert listed(capsys) == home.session_ids()


def test_data_dir_wins_over_minutely_home(capsys, homes):
    home, user = homes
    assert listed(capsys, "--data-dir", str(user.root)) == user.session_ids()


def test_without_minutely_home_the_user_data_folder_is_used(capsys, homes, monkeypatch):
    home, user = homes
    monkeypatch.delenv("MINUTELY_HOME")
    assert listed(capsys) == user.session_ids()
    monkeypatch.setenv("MINUTELY_HOME", "")  # set but empty counts as not set
    assert listed(capsys) == user.session_ids()


def test_minutely_home_may_start_with_a_tilde(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("MINUTELY_HOME", "~/meetings")
    assert default_data_dir() == tmp_path / "meetings"


def test_a_new_meeting_is_written_under_minutely_home(monkeypatch, tmp_path, agenda, clock):
    monkeypatch.setenv("MINUTELY_HOME", str(tmp_path / "here"))
    datadir = DataDir(default_data_dir())
    session = Session.start(datadir, agenda, clock)
    session.close()
    assert Path(tmp_path / "here" / "sessions" / f"{session.id}.json").is_file()
