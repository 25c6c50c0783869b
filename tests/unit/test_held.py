"""Refused lines waiting in a capture bar, kept beside the session (`sessions.held`)."""

from __future__ import annotations

from hostile import CONTROL, control_free

from sessions.held import keep_waiting, waiting_lines


def test_the_lines_waiting_are_kept_and_read_back_and_go_when_none_wait(datadir):
    lines = [("/target 张伟 150万", "/target 只能在任务分解环节使用"), ("/frobnicate", "unknown")]
    keep_waiting(datadir, "20261129-0900-abcd", lines)
    assert waiting_lines(datadir, "20261129-0900-abcd") == lines
    assert waiting_lines(datadir, "20261129-0901-ffff") == []  # another session: none
    assert not list(datadir.sessions_dir.glob("*held*"))  # not in the sessions folder
    keep_waiting(datadir, "20261129-0900-abcd", [])
    assert waiting_lines(datadir, "20261129-0900-abcd") == []
    assert list(datadir.held_dir.iterdir()) == []


def test_no_control_character_reaches_the_file(datadir):
    keep_waiting(datadir, "s", [(text, text) for text in CONTROL])
    raw = (datadir.held_dir / "s.json").read_text(encoding="utf-8")
    assert control_free(raw)
    assert all(control_free(line + why) for line, why in waiting_lines(datadir, "s"))


def test_a_damaged_or_strange_file_brings_nothing_back_and_is_kept_aside(datadir):
    datadir.held_dir.mkdir(parents=True)
    (datadir.held_dir / "s.json").write_text('[{"line": "/frob', encoding="utf-8")
    assert waiting_lines(datadir, "s") == []
    assert [p.name.startswith("s.json.corrupt-") for p in datadir.held_dir.iterdir()] == [True]
    (datadir.held_dir / "t.json").write_text('{"line": "x"}', encoding="utf-8")
    assert waiting_lines(datadir, "t") == []
    (datadir.held_dir / "u.json").write_text('[{"line": "ok", "why": "w"}, 3, {"line": 1}]')
    assert waiting_lines(datadir, "u") == [("ok", "w")]


def test_a_temp_file_left_by_a_write_that_died_is_swept(datadir):
    datadir.held_dir.mkdir(parents=True)
    stale = datadir.held_dir / ".s.json.tmp-424242-abc123"  # no such process
    stale.write_text("[", encoding="utf-8")
    datadir.clean_temps()
    assert not stale.exists()
