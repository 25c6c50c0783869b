"""Refused lines waiting in a live meeting's capture bar, kept beside the session until dealt with.

A refused line is not an item, so the session file does not hold it. So that a crash or a quit
does not lose one (a `/target` the room dictated, typed in the wrong section), the lines waiting
and why each was refused are written, atomically, to `<data>/held/<session id>.json` whenever
they change, by the session's one writer (the live screen), and the file is removed once none
wait; resuming the meeting brings them back. Outside the sessions folder: a write there would
look to the index like a changed history.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from pathlib import Path

from agendas.text import strip_control
from sessions.datadir import DataDir
from sessions.disk import StoreError, read_json_file, write_atomic


def _path(datadir: DataDir, session_id: str) -> Path:
    return datadir.held_dir / f"{session_id}.json"


def keep_waiting(datadir: DataDir, session_id: str, lines: Sequence[tuple[str, str]]) -> None:
    """These (line, why refused) are what waits now; none: the file goes."""
    path = _path(datadir, session_id)
    if not lines:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    datadir.ensure_folder(path.parent)
    kept = [{"line": strip_control(line), "why": strip_control(why)} for line, why in lines]
    text = json.dumps(kept, ensure_ascii=False)  # no control character reaches the file
    write_atomic(path, text)


def waiting_lines(datadir: DataDir, session_id: str) -> list[tuple[str, str]]:
    """What was left waiting when the meeting was last open; [] when nothing was, or when the
    file cannot be read (a damaged one is kept aside as such)."""
    try:
        raw = read_json_file(_path(datadir, session_id))
    except (FileNotFoundError, StoreError):
        return []
    if not isinstance(raw, list):
        return []
    return [
        (entry["line"], entry["why"])
        for entry in raw
        if isinstance(entry, dict)
        and isinstance(entry.get("line"), str)
        and isinstance(entry.get("why"), str)
        and entry["line"].strip()
    ]
