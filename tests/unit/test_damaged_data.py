"""Damaged and unusual data on disk: malformed session files and index, folders not ours, locks and permissions."""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from sessions import datadir as datadir_module
from sessions import disk
from sessions.datadir import DataDir
from sessions.disk import SessionLocked
from sessions.session import Session
from tui.cli import main


def minutely(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    code = exc.value.code
    return (code if isinstance(code, int) else 1), out, err


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def two(datadir, agenda, clock) -> tuple[str, str]:
    """Two sessions with an open action each: the first gets damaged, the second must still show."""
    ids = []
    for text in ("/a 跟进报价 @张伟 | 客户确认", "/a send the deck @Tom"):
        session = Session.start(datadir, agenda, clock)
        session.submit(text)
        session.close()
        ids.append(session.id)
        clock.advance(3600)
    return ids[0], ids[1]


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _events_a_list(data):
    data["events"] = [1, 2]


def _title_a_number(data):
    data["meta"]["1"]["title"] = 123


def _agenda_title_a_list(data):
    data["meta"]["1"]["agenda"]["meeting"]["title"] = ["x"]


def _item_text_a_number(data):
    last = max(data["events"], key=int)
    data["events"][last]["text"] = 42


def _event_a_string(data):
    data["events"]["1"] = "started"


def _section_kind_unknown(data):
    data["meta"]["1"]["agenda"]["sections"][0]["kind"] = "karaoke"


def _carried_targets_a_list(data):
    data["meta"]["1"]["carried_targets"] = [1]


DAMAGE = {
    "events a list": _events_a_list,
    "title a number": _title_a_number,
    "agenda title a list": _agenda_title_a_list,
    "item text a number": _item_text_a_number,
    "event a string": _event_a_string,
    "unknown section kind": _section_kind_unknown,
    "carried targets a list": _carried_targets_a_list,
}


def _damage(path: Path, how: str) -> None:
    if how == "deep nesting":
        path.write_text("[" * 200_000 + "]" * 200_000)
    else:
        _edit(path, DAMAGE[how])


@pytest.mark.parametrize("how", [*DAMAGE, "deep nesting"])
def test_a_malformed_session_is_kept_aside_and_the_rest_still_lists(capsys, datadir, two, how):
    bad, good = two
    path = datadir.session_path(bad)
    _damage(path, how)
    root = str(datadir.root)

    code, out, err = minutely(capsys, "list", "--data-dir", root)
    assert code == 0, err
    assert good in out and bad not in out
    assert "Traceback" not in err and "unexpected error" not in err
    assert f"{bad}.json" in err and "kept aside" in err
    assert len(err.strip().splitlines()) == 1, err  # said once, with its cause
    assert not path.exists()
    [aside] = datadir.corrupt_files()
    assert aside.name.startswith(f"{bad}.json.corrupt-")

    code, out, err = minutely(capsys, "actions", "--data-dir", root)
    assert code == 0, err
    assert "send the deck" in out and "跟进报价" not in out
    assert "unexpected error" not in err and "damaged session kept aside" in err

    code, out, _ = minutely(capsys, "list", "--json", "--data-dir", root)
    assert code == 0 and [s["id"] for s in json.loads(out)] == [good]


def test_a_malformed_session_a_writer_holds_is_reported_and_left_in_place(capsys, datadir, two):
    bad, good = two
    path = datadir.session_path(bad)
    _damage(path, "events a list")
    fd = datadir.acquire_lock(bad)
    try:
        code, out, err = minutely(capsys, "list", "--data-dir", str(datadir.root))
    finally:
        os.close(fd)
    assert code == 0 and good in out
    assert f"{bad}.json" in err and "kept aside" not in err
    assert path.exists() and datadir.corrupt_files() == []


def test_an_index_with_wrong_field_types_is_rebuilt(capsys, datadir, two):
    root = str(datadir.root)
    assert minutely(capsys, "list", "--data-dir", root)[0] == 0

    with sqlite3.connect(datadir.index_path) as conn:
        # The summary and the listing `minutely list` reads, both written by something else.
        rows = conn.execute("SELECT id, body, lean FROM sessions").fetchall()
        for sid, body, lean in rows:
            entry, listed = json.loads(body), json.loads(lean)
            entry["title"] = listed["title"] = ["not", "text"]
            entry["items"] = listed["items"] = "many"
            entry["actions"] = [7]
            conn.execute(
                "UPDATE sessions SET body = ?, lean = ? WHERE id = ?",
                (json.dumps(entry), json.dumps(listed), sid),
            )
    code, out, err = minutely(capsys, "list", "--data-dir", root)
    assert code == 0, err
    assert out.count("华东区 11 月销售月会") == 2
    code, out, err = minutely(capsys, "actions", "--data-dir", root)
    assert code == 0 and "send the deck" in out, err
    with sqlite3.connect(datadir.index_path) as conn:
        titles = {
            json.loads(body)["title"] for (body,) in conn.execute("SELECT body FROM sessions")
        }
    assert titles == {"华东区 11 月销售月会"}


def test_a_summary_damaged_behind_a_sound_listing_is_rebuilt_when_read(capsys, datadir, two):
    """`minutely list` reads only the listings; what reads the whole summaries (the series'
    overview) finds the damage there and rebuilds the index from the session files."""
    root = str(datadir.root)
    assert minutely(capsys, "list", "--data-dir", root)[0] == 0
    with sqlite3.connect(datadir.index_path) as conn:
        conn.execute("UPDATE sessions SET body = json_set(body, '$.items', 'many')")
    code, out, err = minutely(capsys, "list", "--data-dir", root)
    assert code == 0 and out.count("华东区 11 月销售月会") == 2, err
    code, out, err = minutely(capsys, "series", "--data-dir", root)
    assert code == 0, err
    with sqlite3.connect(datadir.index_path) as conn:
        items = {
            row[0] for row in conn.execute("SELECT json_extract(body, '$.items') FROM sessions")
        }
    assert items == {1}


def test_an_index_nested_too_deep_is_rebuilt(capsys, datadir, two):
    datadir.index_path.write_text("[" * 200_000 + "]" * 200_000)
    code, out, err = minutely(capsys, "list", "--data-dir", str(datadir.root))
    assert code == 0 and out.count("华东区 11 月销售月会") == 2, err
    assert "rebuilt" in err and len(err.strip().splitlines()) == 1
    with sqlite3.connect(datadir.index_path) as conn:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2


def test_an_index_path_that_is_a_folder_is_reported_in_one_line(capsys, datadir, two):
    bad, good = two
    datadir.index_path.mkdir()
    for command in ("list", "actions"):
        code, out, err = minutely(capsys, command, "--data-dir", str(datadir.root))
        assert code == 0, err
        assert good in out or "send the deck" in out
        assert err.strip().splitlines() == [
            f"minutely: {datadir.index_path}: cannot read (Is a directory)"
        ]


# -- folders: only the ones Minutely makes are made private ------------------------------------


def test_an_existing_shared_folder_keeps_its_mode_and_sticky_bit(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(datadir_module, "_WARNED_OPEN", set())
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    code, _, err = minutely(capsys, "list", "--data-dir", str(shared))
    assert code == 0
    DataDir(shared).ensure()
    DataDir(shared).ensure()
    assert mode(shared) == 0o1777
    assert mode(shared / "sessions") == 0o700  # made by Minutely
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert warnings == [
        f"minutely: warning: {shared} can be read by other users (mode 1777); "
        "the session files in it stay private (0600)"
    ]


def test_list_leaves_an_existing_folder_alone(capsys, datadir, two, monkeypatch):
    monkeypatch.setattr(datadir_module, "_WARNED_OPEN", set())
    datadir.root.chmod(0o750)
    datadir.index_path.unlink(missing_ok=True)  # the listing writes the index
    assert minutely(capsys, "list", "--data-dir", str(datadir.root))[0] == 0
    assert mode(datadir.root) == 0o750


def test_folders_minutely_makes_are_private_parents_included(tmp_path, capsys):
    os.umask(0o022)
    root = tmp_path / "a" / "b" / "data"
    DataDir(root).ensure()
    for folder in (tmp_path / "a", tmp_path / "a" / "b", root, root / "sessions"):
        assert mode(folder) == 0o700, folder
    assert "warning" not in capsys.readouterr().err


# -- locks and permissions ---------------------------------------------------------------------


def _hold(datadir: DataDir, session_id: str, content: bytes) -> int:
    """Another program holding the session's lock, having written `content` in the lock file."""
    fd = os.open(datadir.lock_path(session_id), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.ftruncate(fd, 0)
    os.pwrite(fd, content, 0)
    return fd


@pytest.mark.parametrize("content", [b"", b"\n", b"vim swap\n", b"-5 12.0\n"])
def test_a_lock_held_without_a_pid_says_another_program(datadir, two, clock, content):
    bad, _ = two
    fd = _hold(datadir, bad, content)
    try:
        with pytest.raises(SessionLocked) as info:
            Session.resume(datadir, bad, clock)
    finally:
        os.close(fd)
    message = str(info.value)
    assert f"session {bad} is open in another program;" in message
    assert "process" not in message and "?" not in message


def test_a_lock_held_with_a_pid_names_it(datadir, two, clock):
    bad, _ = two
    fd = _hold(datadir, bad, b"4242 1796115600.000\n")
    try:
        with pytest.raises(SessionLocked, match=r"another Minutely \(process 4242\)"):
            Session.resume(datadir, bad, clock)
    finally:
        os.close(fd)


def _deny(monkeypatch, denied: Path) -> None:
    """Reading `denied` fails as for a user without permission (tests run as root, where mode 000 does not stop reads)."""
    real = disk.read_file

    def read_file(path: Path) -> tuple[bytes, os.stat_result]:
        if path == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(disk, "read_file", read_file)


def test_an_unreadable_session_is_reported_not_an_empty_history(
    capsys, datadir, agenda, clock, monkeypatch
):
    session = Session.start(datadir, agenda, clock)
    session.close()
    path = datadir.session_path(session.id)
    _deny(monkeypatch, path)
    code, out, err = minutely(capsys, "list", "--data-dir", str(datadir.root))
    assert code == 1
    assert "No sessions yet" not in out
    assert err.strip() == f"minutely: {path}: cannot read (Permission denied)"
    assert path.exists() and datadir.corrupt_files() == []  # unreadable is not damaged


def test_an_unreadable_sessions_folder_is_reported_not_an_empty_history(
    capsys, datadir, two, monkeypatch
):
    real_listdir, real_scandir = os.listdir, os.scandir

    def refused(real):
        def call(path="."):
            if Path(path) == datadir.sessions_dir:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        return call

    monkeypatch.setattr(os, "listdir", refused(real_listdir))
    monkeypatch.setattr(os, "scandir", refused(real_scandir))
    code, out, err = minutely(capsys, "list", "--data-dir", str(datadir.root))
    assert code == 1 and "No sessions yet" not in out
    assert f"{datadir.sessions_dir}: cannot read (Permission denied)" in err
    code, _, err = minutely(capsys, "export", "last", "--data-dir", str(datadir.root))
    assert code == 1 and "cannot read (Permission denied)" in err
