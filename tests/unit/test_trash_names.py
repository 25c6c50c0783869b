"""Deleting from history moves a session to the trash; a name already taken there never loses either file."""

from __future__ import annotations

import shutil

from sessions.index import Index
from sessions.session import Session


def meeting(datadir, agenda, clock, note: str, end: bool = True) -> str:
    session = Session.start(datadir, agenda, clock, lang="zh")
    session.submit(note)
    if end:
        session.end()
    session.close()
    return session.id


def test_two_deletes_under_one_trash_name_keep_both(datadir, agenda, clock):
    session_id = meeting(datadir, agenda, clock, "第一份", end=False)
    kept = datadir.root.parent / "kept.json"
    shutil.copy(datadir.session_path(session_id), kept)  # the same session, put back later
    first = Index(datadir).trash(session_id)
    shutil.copy(kept, datadir.session_path(session_id))  # restored by hand, then changed
    session = Session.resume(datadir, session_id, clock)
    session.submit("恢复后补记")
    session.close()
    second = Index(datadir).trash(session_id)
    third_copy = shutil.copy(kept, datadir.session_path(session_id))
    third = Index(datadir).trash(session_id)

    assert first == datadir.trash_dir / f"{session_id}.json"
    assert second == datadir.trash_dir / f"{session_id}-2.json"
    assert third == datadir.trash_dir / f"{session_id}-3.json"
    assert len({first, second, third}) == 3
    assert "恢复后补记" not in first.read_text(encoding="utf-8")
    assert "恢复后补记" in second.read_text(encoding="utf-8")
    assert third.read_bytes() == kept.read_bytes() and not third_copy.exists()
    assert sorted(p.name for p in datadir.trash_dir.iterdir()) == sorted(
        p.name for p in (first, second, third)
    )
    assert session_id not in datadir.session_ids()
    assert session_id not in [s["id"] for s in Index(datadir).listing().sessions]


def test_a_delete_leaves_other_sessions_in_the_trash_alone(datadir, agenda, clock):
    older = meeting(datadir, agenda, clock, "older")
    clock.advance(3600)
    newer = meeting(datadir, agenda, clock, "newer")
    moved = [Index(datadir).trash(older), Index(datadir).trash(newer)]
    assert [p.name for p in moved] == [f"{older}.json", f"{newer}.json"]
    assert all(p.is_file() for p in moved)
