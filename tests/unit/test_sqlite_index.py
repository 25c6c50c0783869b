"""The SQLite history index: brought up to date incrementally, rebuilt when lost or damaged,
shared safely by two processes, and searched in Chinese by the character."""

from __future__ import annotations

import concurrent.futures
import contextlib
import fcntl
import gc
import io
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from meetings import followed_meeting

from sessions import catalog as catalog_module
from sessions import index as index_module
from sessions import indexing as indexing_module
from sessions.catalog import (
    FILLING_SUFFIX,
    LINE_BITS,
    PAGE_SIZE,
    SCHEMA_VERSION,
    Catalog,
    indexed,
    rows_of,
)
from sessions.datadir import DataDir
from sessions.disk import write_atomic
from sessions.fts import TOKENIZER
from sessions.index import Index
from sessions.indexing import entry_of
from sessions.session import Session
from tui.cli import main


def _meeting(datadir, agenda, clock, lines, *, end=True):
    session = Session.start(datadir, agenda, clock)
    clock.advance(60)
    for line in lines:
        clock.advance(30)
        session.submit(line)
    if end:
        session.end()
    session.close()
    clock.advance(86400)
    return session


def minutely(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    code = exc.value.code
    return (code if isinstance(code, int) else 1), out, err


def rows(datadir) -> dict[str, str]:
    """Session id -> status, as the index file holds them."""
    with sqlite3.connect(datadir.index_path) as conn:
        return dict(conn.execute("SELECT id, status FROM sessions"))


def settle(datadir) -> None:
    """Date the sessions folder's last change 10 s back (as if nothing happened since), and
    bring the index up to date once: the folder as this scan left it is what it remembers."""
    folder = datadir.sessions_dir
    before = folder.stat().st_mtime_ns - 10_000_000_000
    os.utime(folder, ns=(before, before))
    Index(datadir).sync()


def search_terms(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every term the index's full-text table holds, with the number of lines that have it."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms USING fts5vocab(main, notes, row)")
    return conn.execute("SELECT term, doc FROM temp.terms ORDER BY term").fetchall()


def kept_lines(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """Every line the index holds: its rowid, text and names."""
    return [
        ((number << LINE_BITS) + n, line[5], line[6])
        for number, kept in conn.execute("SELECT number, lines FROM lines")
        for n, line in enumerate(json.loads(kept)[1])
    ]


def terms_of_lines(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """The same of a full-text table made afresh from the lines the index holds now: equal
    when no line left, changed or read again has left a term behind."""
    fresh = sqlite3.connect(":memory:")
    fresh.execute(
        f"CREATE VIRTUAL TABLE notes USING fts5(indexed, content='', detail=none, tokenize='{TOKENIZER}')"
    )
    fresh.executemany(
        "INSERT INTO notes (rowid, indexed) VALUES (?, ?)",
        [(rowid, indexed(text, names)) for rowid, text, names in kept_lines(conn)],
    )
    return search_terms(fresh)


@pytest.fixture
def looks(datadir, monkeypatch) -> list[str]:
    """Every listing of the sessions folder and every stat of a file in it, from now on."""
    seen: list[str] = []
    folder = str(datadir.sessions_dir)
    real_scandir, real_listdir, real_stat = os.scandir, os.listdir, os.stat

    def scandir(path="."):
        if str(path) == folder:
            seen.append("scandir")
        return real_scandir(path)

    def listdir(path="."):
        if str(path) == folder:
            seen.append("listdir")
        return real_listdir(path)

    def stat(path, *args, **kwargs):
        if str(path).startswith(folder + os.sep):
            seen.append(f"stat {os.path.basename(path)}")
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "listdir", listdir)
    monkeypatch.setattr(os, "stat", stat)
    return seen


@pytest.fixture
def reads(datadir, monkeypatch) -> list[str]:
    """The session files read from now on."""
    seen: list[str] = []
    real = datadir.read

    def counting(session_id):
        seen.append(session_id)
        return real(session_id)

    monkeypatch.setattr(datadir, "read", counting)
    return seen


def test_only_new_and_changed_files_are_read_and_deleted_ones_leave(datadir, agenda, clock, reads):
    first = _meeting(datadir, agenda, clock, ["第一次"])
    second = _meeting(datadir, agenda, clock, ["第二次"])
    Index(datadir).listing()
    assert sorted(reads) == sorted([first.id, second.id])
    reads.clear()

    assert len(Index(datadir).listing().sessions) == 2
    assert reads == []  # nothing changed: nothing read

    third = _meeting(datadir, agenda, clock, ["第三次"])
    assert [s.id for s in Index(datadir).listing().sessions] == [third.id, second.id, first.id]
    assert reads == [third.id]
    reads.clear()

    datadir.session_path(first.id).unlink()
    assert [s.id for s in Index(datadir).listing().sessions] == [third.id, second.id]
    assert reads == [] and first.id not in rows(datadir)
    with sqlite3.connect(datadir.index_path) as conn:
        assert len(kept_lines(conn)) == 2 * (len(agenda.sections) + 1)
        assert search_terms(conn) == terms_of_lines(conn)  # none of the first's outlives it


def test_a_live_session_is_listed_as_live_never_indexed_as_ended(datadir, agenda, clock):
    _meeting(datadir, agenda, clock, ["结束的会"])
    live = Session.start(datadir, agenda, clock)
    live.submit("进行中")
    listing = Index(datadir).listing()
    assert {s.id: s.status for s in listing.sessions}[live.id] == "live"
    assert rows(datadir)[live.id] == "live"
    live.close()  # its writer lets go without ending it
    assert {s.id: s.status for s in Index(datadir).listing().sessions}[live.id] == "interrupted"


def test_only_sessions_not_ended_are_asked_whether_a_process_holds_them(
    datadir, agenda, clock, monkeypatch
):
    ended = [_meeting(datadir, agenda, clock, [f"结束的会 {n}"]).id for n in range(3)]
    left = _meeting(datadir, agenda, clock, ["中断的会"], end=False).id
    live = Session.start(datadir, agenda, clock)
    live.submit("进行中")
    asked: list[str] = []
    real = DataDir.is_locked

    def is_locked(self, session_id: str) -> bool:
        asked.append(session_id)
        return real(self, session_id)

    monkeypatch.setattr(DataDir, "is_locked", is_locked)
    try:
        statuses = {s.id: s.status for s in Index(datadir).listing().sessions}
    finally:
        live.close()
    assert statuses == {**dict.fromkeys(ended, "ended"), left: "interrupted", live.id: "live"}
    assert sorted(asked) == sorted([left, live.id])  # each once, once read


@pytest.mark.parametrize("damage", ["deleted", "truncated", "garbage", "folder-then-fixed"])
def test_a_lost_or_damaged_index_is_rebuilt(capsys, datadir, agenda, clock, damage):
    _meeting(datadir, agenda, clock, ["/a 报价 @张伟"])
    _meeting(datadir, agenda, clock, ["客户拜访"])
    first = Index(datadir).listing().sessions
    path = datadir.index_path
    if damage == "deleted":
        path.unlink()
    elif damage == "truncated":
        size = path.stat().st_size
        with open(path, "r+b") as f:
            f.truncate(size // 2)
    elif damage == "garbage":
        path.write_bytes(os.urandom(1024) * 8)
    else:
        path.unlink()
        path.mkdir()
        code, out, err = minutely(capsys, "list", "--data-dir", str(datadir.root))
        assert code == 0 and out.count("华东区 11 月销售月会") == 2
        assert err.strip().splitlines() == [f"minutely: {path}: cannot read (Is a directory)"]
        path.rmdir()
    code, out, err = minutely(capsys, "list", "--json", "--data-dir", str(datadir.root))
    assert code == 0
    assert [s["id"] for s in json.loads(out)] == [s.id for s in first]
    said = err.strip().splitlines()
    if damage in ("deleted", "folder-then-fixed"):
        assert said == []
    else:
        assert len(said) == 1 and "rebuilt" in said[0], err
    assert Index(datadir).listing().sessions == first
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert minutely(capsys, "search", "报价", "--data-dir", str(datadir.root))[0] == 0


def test_an_index_of_the_schema_before_is_rebuilt_with_one_line(capsys, datadir, agenda, clock):
    _meeting(datadir, agenda, clock, ["/a 报价 @张伟"])
    _meeting(datadir, agenda, clock, ["客户拜访"])
    root = str(datadir.root)
    listed = minutely(capsys, "list", "--json", "--data-dir", root)[1]
    with sqlite3.connect(datadir.index_path) as conn:  # as the version before left it
        conn.execute("DROP INDEX sessions_listed")
        conn.execute("ALTER TABLE sessions DROP COLUMN lean")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    code, out, err = minutely(capsys, "list", "--json", "--data-dir", root)
    assert code == 0 and out == listed
    (said,) = err.strip().splitlines()
    assert said.endswith("not an index of this version, rebuilt")
    assert minutely(capsys, "list", "--json", "--data-dir", root) == (0, listed, "")


def _page_size(path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])


def test_an_index_of_another_version_with_small_pages_is_made_again_with_large_ones(
    capsys, datadir, agenda, clock
):
    """`list --json` reads its listings half as fast from SQLite's default 4 KiB pages: a new
    index takes `PAGE_SIZE` pages, and one an earlier version made is made again with them."""
    _meeting(datadir, agenda, clock, ["/a 报价 @张伟"])
    root = str(datadir.root)
    listed = minutely(capsys, "list", "--json", "--data-dir", root)[1]
    assert _page_size(datadir.index_path) == PAGE_SIZE > 4096
    datadir.index_path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{datadir.index_path}{suffix}").unlink(missing_ok=True)
    with contextlib.closing(sqlite3.connect(datadir.index_path)) as conn:  # an earlier version's
        conn.execute("PRAGMA page_size = 4096")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, body TEXT)")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    code, out, err = minutely(capsys, "list", "--json", "--data-dir", root)
    assert (code, out) == (0, listed)
    assert err.strip().endswith("not an index of this version, rebuilt")
    assert _page_size(datadir.index_path) == PAGE_SIZE
    with contextlib.closing(sqlite3.connect(datadir.index_path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_index_another_process_has_open_keeps_its_pages_when_made_again(
    capsys, datadir, agenda, clock
):
    """Out of WAL mode for a moment needs the file to itself: with another process reading it,
    the tables are made again in the pages it has, the mode stays WAL, nothing is lost."""
    _meeting(datadir, agenda, clock, ["/a 报价 @张伟"])
    root = str(datadir.root)
    listed = minutely(capsys, "list", "--json", "--data-dir", root)[1]
    datadir.index_path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{datadir.index_path}{suffix}").unlink(missing_ok=True)
    with contextlib.closing(sqlite3.connect(datadir.index_path)) as reader:
        reader.execute("PRAGMA page_size = 4096")
        reader.execute("PRAGMA journal_mode = WAL")
        reader.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, body TEXT)")
        reader.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
        reader.commit()
        reader.execute("SELECT count(*) FROM sqlite_master").fetchone()  # open, as a reader
        code, out, _err = minutely(capsys, "list", "--json", "--data-dir", root)
        assert (code, out) == (0, listed)
        assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert _page_size(datadir.index_path) == 4096
    assert minutely(capsys, "list", "--json", "--data-dir", root) == (0, listed, "")


def test_list_json_reads_each_listing_from_one_index_without_the_summaries(
    capsys, datadir, agenda, clock
):
    """At 20,000 sessions, taking the actions out of every stored summary was most of `list
    --json`'s time: the listing is stored as printed, and read from a covering index."""
    _meeting(datadir, agenda, clock, ["/a 报价 @张伟", "/d 下月起返利"])
    _meeting(datadir, agenda, clock, ["客户拜访"])
    code, out, _ = minutely(capsys, "list", "--json", "--data-dir", str(datadir.root))
    assert code == 0
    full = {s.id: s.to_dict() for s in Index(datadir).listing().sessions}
    for line in out.splitlines()[1:-1]:
        text = line.removesuffix(",")
        lean = {
            k: v
            for k, v in full[json.loads(text)["id"]].items()
            if k not in ("actions", "followup")
        }
        assert text == json.dumps(lean, ensure_ascii=False, separators=(",", ":"))
    statements: list[str] = []
    catalog = Catalog(datadir.index_path)
    catalog.conn.set_trace_callback(statements.append)
    assert [len(chunk) for chunk in catalog.listed_texts(500)] == [2]
    (query,) = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    plan = " ".join(row[-1] for row in catalog.conn.execute(f"EXPLAIN QUERY PLAN {query}"))
    catalog.close()
    assert "COVERING INDEX" in plan and "TEMP B-TREE" not in plan, plan


def _list_in_another_process(root: str, queue) -> None:
    try:
        listing = Index(DataDir(root)).listing()
        queue.put((len(listing.sessions), listing.problems))
    except Exception as exc:  # reported to the test, which fails on it
        queue.put((-1, [repr(exc)]))


def test_two_processes_indexing_at_once_do_not_corrupt_it(datadir, agenda, clock):
    made = [
        _meeting(datadir, agenda, clock, [f"/a 第 {n} 项 @张伟", f"记录 {n}"]) for n in range(40)
    ]
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [
        context.Process(target=_list_in_another_process, args=(str(datadir.root), queue))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    assert results == [(len(made), []), (len(made), [])]
    with sqlite3.connect(datadir.index_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == len(made)
        assert conn.execute("SELECT count(*) FROM actions").fetchone()[0] == len(made)
        assert search_terms(conn) == terms_of_lines(conn)
    assert Index(datadir).series_sessions(agenda.meeting.series)[0].id == made[-1].id


def _add_a_note_in_another_process(root: str, session_id: str, clock) -> None:
    session = Session.resume(DataDir(root), session_id, clock)
    session.submit("/d 另一个进程加的决定")
    session.end()
    session.close()


def test_nothing_changed_in_the_sessions_folder_nothing_in_it_is_listed_or_statted(
    datadir, agenda, clock, reads, looks
):
    made = [_meeting(datadir, agenda, clock, [f"第 {n} 次"]) for n in range(3)]
    settle(datadir)
    reads.clear()
    looks.clear()
    listing = Index(datadir).listing()
    assert [s.id for s in listing.sessions] == [m.id for m in reversed(made)]
    assert looks == [] and reads == [] and listing.problems == []
    # A change in the folder (a new session) is seen: it is scanned, and the new file read.
    newest = _meeting(datadir, agenda, clock, ["第四次"])
    assert Index(datadir).listing().sessions[0].id == newest.id
    assert "listdir" in looks and reads == [newest.id]


def test_a_live_session_whose_process_let_go_is_interrupted_though_no_file_changed(
    datadir, agenda, clock
):
    live = Session.start(datadir, agenda, clock)
    live.submit("进行中")
    settle(datadir)
    assert Index(datadir).listing().sessions[0].status == "live"
    live.close()
    assert Index(datadir).listing().sessions[0].status == "interrupted"


def test_a_damaged_file_kept_aside_is_said_each_time_even_when_nothing_changed(
    datadir, agenda, clock, looks
):
    _meeting(datadir, agenda, clock, ["好的会"])
    bad = _meeting(datadir, agenda, clock, ["坏的会"])
    datadir.session_path(bad.id).write_text("{not json", encoding="utf-8")
    first = Index(datadir).listing()
    assert len(first.sessions) == 1 and len(first.problems) == 1
    settle(datadir)
    looks.clear()
    again = Index(datadir).listing()
    assert looks == [] and len(again.sessions) == 1
    assert len(again.problems) == 1 and "damaged session kept aside" in again.problems[0]


def test_a_session_changed_on_disk_by_another_process_is_read_again(datadir, agenda, clock):
    session = _meeting(datadir, agenda, clock, ["第一条"], end=False)
    settle(datadir)  # remembered as it is: the change below must still be seen
    before = {s.id: s for s in Index(datadir).listing().sessions}[session.id]
    assert before.status == "interrupted" and before.counts["decision"] == 0
    worker = multiprocessing.get_context("fork").Process(
        target=_add_a_note_in_another_process, args=(str(datadir.root), session.id, clock)
    )
    worker.start()
    worker.join(timeout=60)
    assert worker.exitcode == 0
    after = {s.id: s for s in Index(datadir).listing().sessions}[session.id]
    assert after.status == "ended" and after.counts["decision"] == 1
    assert rows(datadir)[session.id] == "ended"
    hits = Index(datadir).search("决定", series=None, limit=10)[0]
    assert [f.line.text for f in hits] == ["另一个进程加的决定"]


def test_a_session_read_again_leaves_none_of_its_old_lines_or_search_terms(datadir, agenda, clock):
    """A session's lines are one range of rowids, found by its number: replaced whole when its
    file changes, nothing of the old ones left in the full-text table, and kept without an
    index of the lines by session (a cost the writer paid for every line of a rebuild)."""
    first = _meeting(datadir, agenda, clock, ["张伟本月签下两家客户", "/a 跟进报价 @王磊"])
    second = _meeting(datadir, agenda, clock, ["客户满意度回升"])
    Index(datadir).listing()
    path = datadir.session_path(first.id)
    data = json.loads(path.read_text(encoding="utf-8"))
    for event in data["events"].values():
        if event.get("text") == "张伟本月签下两家客户":
            event["text"] = "返利政策下月调整"
    write_atomic(path, json.dumps(data, ensure_ascii=False))  # as a sync replaces it

    index = Index(datadir)
    assert index.listing().problems == []  # brought up to date: the first read again
    assert index.search("签下", series=None, limit=10)[0] == []
    assert [f.session for f in index.search("返利", series=None, limit=10)[0]] == [first.id]
    assert [f.session for f in index.search("客户", series=None, limit=10)[0]] == [second.id]
    assert [f.line.names for f in index.search("王磊", series=None, limit=10)[0]] == ["王磊"]
    with sqlite3.connect(datadir.index_path) as conn:
        assert search_terms(conn) == terms_of_lines(conn)
        assert "session" not in {row[1] for row in conn.execute("PRAGMA table_info(lines)")}
        indexes = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'lines'"
        ).fetchall()
        assert indexes == []


def test_a_sessions_lines_are_kept_as_one_row_last_line_first(datadir, agenda, clock):
    session = _meeting(datadir, agenda, clock, ["客户拜访", "/a 跟进报价 @王磊"])
    entry = entry_of(datadir.read(session.id), (1, 2, 3), locked=False)
    rows = rows_of(entry)
    titles, lines = json.loads(rows.lines)
    assert titles == [agenda.sections[0].title, *(s.title for s in reversed(agenda.sections[1:]))]
    items, kinds, sections, places, ats, texts, names = zip(*lines, strict=True)
    assert items[:2] == (2, 1) and kinds[:2] == ("action", "note")
    assert texts[:2] == ("跟进报价", "客户拜访") and names[:2] == ("王磊", "")
    assert kinds[2:] == ("section",) * len(agenda.sections)
    assert texts[2:] == tuple(reversed([s.title for s in agenda.sections]))
    assert [titles[n] for n in places[2:]] == list(texts[2:])
    assert rows.cut[:2] == (indexed("跟进报价", "王磊"), indexed("客户拜访", ""))
    assert len(rows.cut) == len(lines) == len(entry.lines) and ats[0] > ats[1]
    assert sections[-1] == 0
    Index(datadir).listing()  # stored, and found again as it was read
    for word, line in (("跟进报价", entry.lines[-1]), ("客户拜访", entry.lines[-2])):
        assert [f.line for f in Index(datadir).search(word, series=None, limit=10)[0]] == [line]
    first = Index(datadir).search(agenda.sections[0].title, series=None, limit=10)[0]
    assert entry.lines[0] in [f.line for f in first]


def test_a_file_replaced_with_the_same_mtime_and_size_is_read_again(datadir, agenda, clock):
    session = _meeting(datadir, agenda, clock, ["记录"])
    Index(datadir).listing()
    path = datadir.session_path(session.id)
    st = path.stat()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["1"]["title"] = data["meta"]["1"]["title"][:-1] + "会"  # same length
    copy = path.with_name("copy.tmp")
    copy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(copy, path)  # another inode: another file
    assert Index(datadir).listing().sessions[0].title == data["meta"]["1"]["title"]


@pytest.fixture
def chinese(datadir, agenda, clock):
    east = _meeting(datadir, agenda, clock, ["张伟本月签下两家客户", "/d 返利政策下月调整"])
    later = _meeting(
        datadir, agenda, clock, ["客户满意度回升", "Acme wants a rebate", "A类客户的KPI考核"]
    )
    return east, later


@pytest.mark.parametrize(
    ("query", "texts"),
    [
        ("张伟", ["张伟本月签下两家客户"]),
        ("返利", ["返利政策下月调整"]),
        ("客", ["客户满意度回升", "A类客户的KPI考核", "张伟本月签下两家客户"]),
        ("acme REB", ["Acme wants a rebate"]),
        ("A类客户", ["A类客户的KPI考核"]),  # letters typed against Chinese, no space between
        ("kpi考核", ["A类客户的KPI考核"]),
    ],
)
def test_search_from_the_command_line_finds_short_chinese_words(
    capsys, datadir, chinese, query, texts
):
    code, out, err = minutely(capsys, "search", query, "--json", "--data-dir", str(datadir.root))
    assert code == 0, err
    found = json.loads(out)
    assert [h["text"] for h in found["hits"]] == texts
    assert found["total"] == len(texts)
    for hit in found["hits"]:
        start, end = hit["span"]
        assert hit["text"][start:end].casefold() == query.split()[0].casefold()


def test_search_options_and_nothing_found(capsys, datadir, chinese, agenda):
    east, later = chinese
    root = str(datadir.root)
    code, out, _ = minutely(capsys, "search", "客", "--json", "--limit", "1", "--data-dir", root)
    found = json.loads(out)
    assert code == 0 and found["total"] == 3 and [h["session"] for h in found["hits"]] == [later.id]
    code, out, _ = minutely(
        capsys, "search", "客", "--series", "no-such-series", "--json", "--data-dir", root
    )
    assert code == 1 and json.loads(out)["hits"] == []
    code, out, err = minutely(capsys, "search", "没有的词", "--data-dir", root)
    assert code == 1 and out == "" and "没有的词" in err
    code, out, _ = minutely(
        capsys, "search", "返利", "--series", agenda.meeting.series, "--data-dir", root
    )
    assert code == 0 and east.id in out and "返利政策下月调整" in out


def test_a_page_of_the_newest_sessions_and_how_many_match(datadir, agenda, clock):
    made = [_meeting(datadir, agenda, clock, [f"第 {n} 次"]) for n in range(3)]
    index = Index(datadir)
    index.sync()
    page = index.page(limit=2)
    assert [s.id for s in page.sessions] == [made[2].id, made[1].id] and page.total == 3
    assert index.page(text=made[0].id[-4:]).total == 1
    assert index.page(series="nobody").total == 0


def test_attendance_talk_time_and_each_reps_figures_are_tables_of_the_index(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock)
    clock.advance(60)
    session.submit("/late 陈静")
    session.submit("/speaker 张伟")
    clock.advance(90)
    session.submit("/speaker 王磊")
    clock.advance(30)
    session.submit("/speaker")
    session.end()
    session.close()
    Index(datadir).listing()
    with sqlite3.connect(datadir.index_path) as conn:
        people = conn.execute(
            "SELECT name, series, status, guest, talk_seconds, turns FROM attendance"
            " WHERE session = ? ORDER BY talk_seconds DESC, name",
            (session.id,),
        ).fetchall()
        reps = conn.execute(
            "SELECT name, target, actual, round(completion, 4), rank FROM reps WHERE session = ?"
            " ORDER BY rank",
            (session.id,),
        ).fetchall()
    series = agenda.meeting.series
    assert people[:2] == [
        ("张伟", series, "present", 0, 90.0, 1),
        ("王磊", series, "present", 0, 30.0, 1),
    ]
    assert {name: status for name, _, status, *_ in people}["陈静"] == "late"
    assert len(people) == len(agenda.participants)
    assert reps == [
        ("张伟", 1_200_000, 1_350_000, 1.125, 1),
        ("Tom Baker", 900_000, 910_000, 1.0111, 2),
        ("陈静", 1_000_000, 800_000, 0.8, 3),
    ]


def _tables(datadir) -> dict[str, list[tuple]]:
    with sqlite3.connect(datadir.index_path) as conn:
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}"), key=repr)
            for table in ("sessions", "actions", "followups", "attendance", "reps", "lines")
        }


def test_a_rebuild_read_by_one_process_per_cpu_stores_what_one_process_would(
    datadir, agenda, clock, monkeypatch
):
    for n in range(6):
        _meeting(datadir, agenda, clock, [f"/a 第 {n} 项 @张伟", f"客户拜访 {n}", "签下两家"])
    Index(datadir).listing()
    alone = _tables(datadir)
    hits = Index(datadir).search("客户", series=None, limit=100)
    datadir.index_path.unlink()

    pools: list[object] = []

    class Counted(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(indexing_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counted)
    monkeypatch.setattr(indexing_module.os, "cpu_count", lambda: 2)
    listing = Index(datadir).listing()
    assert len(pools) == 1 and listing.problems == []
    assert _tables(datadir) == alone
    assert Index(datadir).search("客户", series=None, limit=100) == hits
    with sqlite3.connect(datadir.index_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_reading_processes_stay_a_few_chunks_ahead_of_the_writer(
    datadir, agenda, clock, monkeypatch
):
    """Read faster than they are written, the rows waiting must not grow with the history."""
    for n in range(12):
        _meeting(datadir, agenda, clock, [f"客户拜访 {n}"])
    given: list[int] = []  # sessions handed to the reading processes, as each is taken back

    class Counted(concurrent.futures.ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            given.append(len(args[0]))
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(indexing_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(indexing_module, "READ_CHUNK", 1)
    monkeypatch.setattr(indexing_module, "READ_AHEAD", 2)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counted)
    monkeypatch.setattr(indexing_module.os, "cpu_count", lambda: 2)
    indexer = indexing_module.Indexer(datadir)
    ids = [path.stem for path in datadir.sessions_dir.glob("*.json")]
    files = index_module._keys(datadir.sessions_dir, ids)
    todo = [(sid, False) for sid in files]
    taken = []
    for n, (sid, rows, problem) in enumerate(indexer._read_all(todo, files), 1):
        assert rows is not None and problem == ""
        taken.append(sid)
        assert sum(given) <= n + 2 * 2  # at most READ_AHEAD chunks per process ahead
    assert taken == sorted(files) and sum(given) == 12


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_rebuild_on_a_terminal_that_takes_long_shows_a_progress_bar(
    datadir, agenda, clock, monkeypatch
):
    for n in range(3):
        _meeting(datadir, agenda, clock, [f"记录 {n}"])
    terminal = _Terminal()
    monkeypatch.setattr(indexing_module, "PROGRESS_AFTER", 0.0)
    monkeypatch.setattr(sys, "stderr", terminal)
    Index(datadir).listing()
    drawn = terminal.getvalue()
    assert drawn.endswith(f"\rminutely: indexing sessions [{'#' * 30}] 3/3\n")
    assert f"[{'#' * 10}{'.' * 20}] 1/3" in drawn
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    Index(datadir).listing()  # nothing to read: nothing drawn
    assert terminal.getvalue() == ""


def _filling(datadir) -> str:
    return f"{datadir.index_path}{FILLING_SUFFIX}"


def test_a_rebuild_fills_the_index_beside_a_marker_it_holds_and_takes_away(
    datadir, agenda, clock, monkeypatch
):
    """Unsynced while it fills: the marker says so to any process that opens the index."""
    for n in range(4):
        _meeting(datadir, agenda, clock, [f"客户拜访 {n}"])
    seen: list[tuple[bool, bool]] = []
    real = Catalog.store

    def store(self, entries):
        held = False
        fd = os.open(_filling(datadir), os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            held = True
        finally:
            os.close(fd)
        seen.append((held, self.conn.execute("PRAGMA synchronous").fetchone()[0] == 0))
        return real(self, entries)

    monkeypatch.setattr(Catalog, "store", store)
    monkeypatch.setattr(indexing_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(indexing_module.os, "cpu_count", lambda: 1)  # one process, in bulk
    listing = Index(datadir).listing()
    assert len(listing.sessions) == 4 and listing.problems == []
    assert seen and all(held and unsynced for held, unsynced in seen)
    assert not os.path.exists(_filling(datadir))
    assert sorted(os.listdir(datadir.root)) == ["index.sqlite3", "sessions"]


def _seen_by_each_batch(monkeypatch, look, *, stop_at: int = 0) -> list:
    """What `look(conn)` says as each batch of a fill in bulk (two sessions) is stored; the
    fill stopped (ctrl+c) as the `stop_at`-th is about to be."""
    seen: list = []
    real = Catalog.store

    def store(self, entries):
        seen.append(look(self.conn))
        if len(seen) == stop_at:
            raise KeyboardInterrupt
        return real(self, entries)

    monkeypatch.setattr(Catalog, "store", store)
    monkeypatch.setattr(indexing_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(indexing_module, "BULK_BATCH", 2)
    monkeypatch.setattr(indexing_module.os, "cpu_count", lambda: 1)  # one process, in bulk
    return seen


def _journal_seen_by_each_batch(monkeypatch) -> list[str]:
    return _seen_by_each_batch(
        monkeypatch, lambda conn: conn.execute("PRAGMA journal_mode").fetchone()[0]
    )


def test_a_rebuild_alone_journals_in_memory_and_leaves_the_index_in_the_log(
    datadir, agenda, clock, monkeypatch
):
    """Each page a fill makes written once, not to the log and again into the file; the
    index back in WAL (readers never wait on a writer) once it is filled."""
    for n in range(4):
        _meeting(datadir, agenda, clock, [f"客户拜访 {n}", f"/a 报价 {n} @张伟"])
    seen = _journal_seen_by_each_batch(monkeypatch)
    listing = Index(datadir).listing()
    assert len(listing.sessions) == 4 and listing.problems == []
    assert len(seen) >= 2 and set(seen) == {"memory"}
    assert sorted(os.listdir(datadir.root)) == ["index.sqlite3", "sessions"]
    with contextlib.closing(sqlite3.connect(datadir.index_path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [hit.session for hit in Index(datadir).search("报价 3", series=None, limit=10)[0]] == [
        listing.sessions[0].id
    ]


def test_a_fill_into_an_index_kept_in_memory_leaves_no_marker(datadir, agenda, clock, monkeypatch):
    """An index file that cannot be opened is kept in memory: a fill into it leaves nothing on
    disk that the next command would take for a rebuild cut short."""
    for n in range(4):
        _meeting(datadir, agenda, clock, [f"客户拜访 {n}"])
    real = Catalog._connect

    def connect(self, target):
        if target != ":memory:":
            raise sqlite3.OperationalError("unable to open database file")
        return real(self, target)

    monkeypatch.setattr(Catalog, "_connect", connect)
    seen = _journal_seen_by_each_batch(monkeypatch)
    listing = Index(datadir).listing()
    assert len(listing.sessions) == 4 and len(seen) >= 2
    assert [p for p in listing.problems if "cannot read" not in p] == []
    assert sorted(os.listdir(datadir.root)) == ["sessions"]


def test_a_rebuild_while_another_process_reads_the_index_goes_through_the_log(
    datadir, agenda, clock, monkeypatch
):
    """Out of the log, a reader would hold the writer up: with the index open elsewhere,
    the fill writes through the log as it is."""
    Index(datadir).listing()  # the index made, empty
    for n in range(4):
        _meeting(datadir, agenda, clock, [f"客户拜访 {n}"])
    seen = _journal_seen_by_each_batch(monkeypatch)
    with contextlib.closing(sqlite3.connect(datadir.index_path)) as other:
        assert other.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
        listing = Index(datadir).listing()
        assert other.execute("SELECT count(*) FROM sessions").fetchone()[0] == 4
    assert len(listing.sessions) == 4 and listing.problems == []
    assert len(seen) >= 2 and set(seen) == {"wal"}


def test_a_batch_that_fails_part_way_through_a_fill_is_rolled_back(
    datadir, agenda, clock, monkeypatch
):
    """Journalled in memory, a batch stopped after its rows went in (ctrl+c) is still taken
    back whole: the batch before it kept, the next command fills in the rest."""
    for n in range(4):
        _meeting(datadir, agenda, clock, [f"客户拜访 {n}", f"/a 报价 {n} @张伟"])
    seen = _journal_seen_by_each_batch(monkeypatch)
    real = Catalog._insert
    calls: list[int] = []

    def insert(self, rows):
        real(self, rows)
        calls.append(1)
        if len(calls) == 2:  # the second batch's rows are in, not yet committed
            raise KeyboardInterrupt

    monkeypatch.setattr(Catalog, "_insert", insert)
    with pytest.raises(KeyboardInterrupt):
        Index(datadir).listing()
    assert len(seen) >= 2 and set(seen) == {"memory"}
    with sqlite3.connect(datadir.index_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2
        numbers = {n for (n,) in conn.execute("SELECT number FROM sessions")}
        lined = {number for (number,) in conn.execute("SELECT number FROM lines")}
        assert lined == numbers
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert not os.path.exists(_filling(datadir))
    monkeypatch.setattr(Catalog, "_insert", real)
    listing = Index(datadir).listing()
    assert len(listing.sessions) == 4 and listing.problems == []
    found = {hit.session for hit in Index(datadir).search("报价", series=None, limit=10)[0]}
    assert found == {s.id for s in listing.sessions}


def _index_names(conn) -> set[str]:
    return {
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        )
    }


def _indexes_seen_by_each_batch(monkeypatch, *, stop_at: int = 0) -> list[set[str]]:
    return _seen_by_each_batch(monkeypatch, _index_names, stop_at=stop_at)


def _schema_indexes(tmp_path) -> dict[str, str]:
    with contextlib.closing(Catalog(tmp_path / "fresh.sqlite3")) as fresh:
        return dict(
            fresh.conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            )
        )


def test_a_fill_from_nothing_makes_its_indexes_at_the_end(
    datadir, agenda, clock, monkeypatch, tmp_path
):
    """Each index sorted once after the fill rather than kept up row by row; the one the fill
    reads (the follow-ups by action) kept throughout; every one there at the end."""
    for n in range(4):
        _meeting(datadir, agenda, clock, [f"客户拜访 {n}", f"/a 报价 {n} @张伟"])
    seen = _indexes_seen_by_each_batch(monkeypatch)
    listing = Index(datadir).listing()
    assert len(listing.sessions) == 4 and listing.problems == []
    assert len(seen) >= 2 and all(names == {"followups_ref"} for names in seen)
    with contextlib.closing(sqlite3.connect(datadir.index_path)) as conn:
        made = dict(
            conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            )
        )
    assert made == _schema_indexes(tmp_path)


def test_a_fill_from_nothing_stopped_part_way_still_makes_its_indexes(
    datadir, agenda, clock, monkeypatch, tmp_path
):
    for n in range(4):
        _meeting(datadir, agenda, clock, [f"客户拜访 {n}"])
    _indexes_seen_by_each_batch(monkeypatch, stop_at=2)
    with pytest.raises(KeyboardInterrupt):
        Index(datadir).listing()
    with contextlib.closing(sqlite3.connect(datadir.index_path)) as conn:
        assert _index_names(conn) == set(_schema_indexes(tmp_path))
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2


def test_a_fill_whose_end_fails_is_rebuilt_by_the_next_command(datadir, agenda, clock, monkeypatch):
    """The open marks not settled at a fill's end (a full disk, say): the index cannot be
    trusted, its marker stays, and the next command rebuilds it, saying so in one line."""
    first = _closing_history(datadir, agenda, clock)
    datadir.index_path.unlink()
    _journal_seen_by_each_batch(monkeypatch)

    def full(self):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Catalog, "_settle_all", full)
    Index(datadir).listing()
    assert os.path.exists(_filling(datadir))
    monkeypatch.undo()
    listing = Index(datadir).listing()
    assert listing.problems == [f"{datadir.index_path}: a rebuild was interrupted, rebuilt"]
    assert _open_refs(datadir) == [f"{first}#2", f"{first}#3"]
    assert not os.path.exists(_filling(datadir))


def test_a_fill_into_an_index_with_sessions_in_it_keeps_its_indexes_and_the_log(
    datadir, agenda, clock, monkeypatch, tmp_path
):
    _meeting(datadir, agenda, clock, ["客户拜访"])
    Index(datadir).listing()
    for n in range(4):
        _meeting(datadir, agenda, clock, [f"客户拜访 {n}"])
    seen = _seen_by_each_batch(
        monkeypatch,
        lambda conn: (_index_names(conn), conn.execute("PRAGMA journal_mode").fetchone()[0]),
    )
    assert len(Index(datadir).listing().sessions) == 5
    assert seen and all(names == set(_schema_indexes(tmp_path)) for names, _ in seen)
    assert {journal for _, journal in seen} == {"wal"}  # pages it had before: through the log


def _pages(datadir, name: str) -> int:
    with sqlite3.connect(datadir.index_path) as conn:
        return int(
            conn.execute("SELECT count(*) FROM dbstat WHERE name = ?", (name,)).fetchone()[0]
        )


def test_a_rebuild_leaves_the_listing_index_packed(datadir, agenda, clock, monkeypatch):
    """`list --json` reads every page of `sessions_listed`: a rebuild leaves it as full as
    an index made in its own order, not with the half-empty pages a fill in file order leaves."""
    for n in range(40):
        _meeting(datadir, agenda, clock, [f"客户拜访 {n} " + "很长的一条记录" * 10])
    monkeypatch.setattr(indexing_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(indexing_module.os, "cpu_count", lambda: 1)  # one process, in bulk
    assert len(Index(datadir).listing().sessions) == 40
    filled = _pages(datadir, "sessions_listed")
    with sqlite3.connect(datadir.index_path) as conn:
        conn.execute("REINDEX sessions_listed")
    assert filled == _pages(datadir, "sessions_listed")


def test_an_index_left_beside_a_marker_nobody_holds_is_rebuilt_with_one_line(
    capsys, datadir, agenda, clock
):
    """A power cut while a rebuild filled the index unsynced can leave pages half written:
    the marker its process left says the file cannot be trusted."""
    for n in range(3):
        _meeting(datadir, agenda, clock, [f"/a 第 {n} 项 @张伟", f"客户拜访 {n}"])
    root = str(datadir.root)
    listed = minutely(capsys, "list", "--json", "--data-dir", root)[1]
    whole = _tables(datadir)
    with sqlite3.connect(datadir.index_path) as conn:  # as a fill cut short may leave it
        conn.execute("DELETE FROM lines")
    with open(_filling(datadir), "w"):
        pass
    code, out, err = minutely(capsys, "list", "--json", "--data-dir", root)
    assert code == 0 and out == listed
    assert err.strip().splitlines() == [
        f"minutely: {datadir.index_path}: a rebuild was interrupted, rebuilt"
    ]
    assert _tables(datadir) == whole and not os.path.exists(_filling(datadir))
    assert minutely(capsys, "list", "--json", "--data-dir", root) == (0, listed, "")


def test_a_marker_another_process_holds_is_left_to_it(datadir, agenda, clock):
    _meeting(datadir, agenda, clock, ["客户拜访"])
    Index(datadir).listing()
    fd = os.open(_filling(datadir), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another process filling it now (a second description)
        catalog = Catalog(datadir.index_path)
        assert catalog.problems == [] and catalog.count() == 1
        catalog.close()
        assert os.path.exists(_filling(datadir))
    finally:
        os.close(fd)


def _niceness(_: int) -> int:
    return os.nice(0)


def _collector(_: int) -> tuple[bool, bool]:
    return gc.isenabled(), "orjson" in sys.modules


def test_reading_processes_yield_to_the_writer():
    """One reading process per CPU and the writer: ahead of them, the writer is not kept
    waiting. They read without the cycle collector, by orjson."""
    with concurrent.futures.ProcessPoolExecutor(
        1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=indexing_module._reading_process,
    ) as pool:
        theirs = pool.submit(_niceness, 0).result()
        collecting, fast_json = pool.submit(_collector, 0).result()
    assert theirs == min(os.nice(0) + indexing_module.READER_NICENESS, 19)
    assert not collecting and fast_json


def test_a_chunk_read_leaves_no_cycle_behind(datadir, agenda, clock):
    """With the collector off in a reading process, what a chunk makes in a cycle (none in
    the files read here) is collected when it is done."""
    for n in range(3):
        _meeting(datadir, agenda, clock, [f"客户拜访 {n}", f"/a 报价 {n} @张伟", "/d 定了"])
    jobs = [(datadir, path.stem, (0, 0, 0), False) for path in datadir.sessions_dir.glob("*.json")]
    gc.collect()
    gc.disable()
    try:
        indexing_module._read_chunk(jobs)
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_settling_the_open_flags_writes_only_the_actions_a_status_speaks_of(datadir, agenda, clock):
    first = _meeting(datadir, agenda, clock, ["/a 报价 @张伟", "/a 回访 @王磊"])
    Index(datadir).listing()
    refs = [f"{first.id}#{n}" for n in (1, 2)]
    catalog = Catalog(datadir.index_path)
    try:
        before = catalog.conn.total_changes
        catalog._settle_open(refs)  # neither has a follow-up status: nothing to write
        assert catalog.conn.total_changes == before
        catalog.conn.execute(
            "INSERT INTO followups VALUES ('later', ?, 'done', NULL, 1)", (refs[0],)
        )
        before = catalog.conn.total_changes
        catalog._settle_open(refs)
        assert catalog.conn.total_changes == before + 1
        assert dict(catalog.conn.execute("SELECT ref, open FROM actions")) == {
            refs[0]: 0,
            refs[1]: 1,
        }
        catalog.conn.execute("DELETE FROM followups")
        catalog._settle_open(refs)  # its status gone: open again
        assert dict(catalog.conn.execute("SELECT ref, open FROM actions")) == {
            refs[0]: 1,
            refs[1]: 1,
        }
    finally:
        catalog.close()


_UNDER_A_SCREEN = """
import os, sys
from pathlib import Path
from sessions import indexing
from sessions.datadir import DataDir
from sessions.index import Index


class Captured:
    '''What a screen puts in place of stderr while it runs (Textual's capture): no descriptor.'''

    def write(self, text):
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return True

    def fileno(self):
        return -1


indexing.PARALLEL_FROM = 2
os.cpu_count = lambda: 2
sys.stderr = Captured()
try:
    listing = Index(DataDir(Path(sys.argv[1]))).listing()
except Exception as exc:
    print(repr(exc))
    raise SystemExit(1) from None
print(len(listing.sessions), len(listing.problems))
"""


def test_a_rebuild_by_reading_processes_runs_under_a_screen_that_captures_stderr(
    datadir, agenda, clock
):
    """The history screen brings the index up to date with stderr captured by Textual, whose
    `fileno()` is -1: starting the reading processes must not fail on it (`bad value(s) in
    fds_to_keep`). A new interpreter, as a user's: the pool's helper process starts only once."""
    for n in range(3):
        _meeting(datadir, agenda, clock, [f"客户拜访 {n}"])
    done = subprocess.run(
        [sys.executable, "-c", _UNDER_A_SCREEN, str(datadir.root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout.split()) == (0, ["3", "0"])


def test_a_new_index_whose_wal_switch_finds_it_locked_asks_again(
    datadir, agenda, clock, monkeypatch
):
    """Two processes making the same new index at once: SQLite fails the second one's switch
    to WAL at once as locked, without waiting (seen as `database is locked` from `list`)."""
    _meeting(datadir, agenda, clock, ["/a 报价 @张伟"])
    refusals = [2]

    class Contended(sqlite3.Connection):
        def execute(self, sql, *args):
            if sql == "PRAGMA journal_mode = WAL" and refusals[0]:
                refusals[0] -= 1
                raise sqlite3.OperationalError("database is locked")
            return super().execute(sql, *args)

    real_connect = sqlite3.connect
    monkeypatch.setattr(
        sqlite3, "connect", lambda *a, **k: real_connect(*a, **{**k, "factory": Contended})
    )
    listing = Index(datadir).listing()
    assert refusals == [0]
    assert (len(listing.sessions), listing.problems) == (1, [])
    with contextlib.closing(real_connect(datadir.index_path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_cycle_collector_is_off_while_a_rebuild_writes_and_on_after(
    datadir, agenda, clock, monkeypatch
):
    for n in range(3):
        _meeting(datadir, agenda, clock, [f"客户拜访 {n}", f"/a 第 {n} 项 @张伟"])
    seen: list[bool] = []
    store = Catalog.store

    def watched(self, entries):
        seen.append(gc.isenabled())
        return store(self, entries)

    monkeypatch.setattr(Catalog, "store", watched)
    monkeypatch.setattr(indexing_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(indexing_module.os, "cpu_count", lambda: 1)  # read here, many files
    assert gc.isenabled()
    assert len(Index(datadir).listing().sessions) == 3
    assert seen and not any(seen)
    assert gc.isenabled()
    # A few files (brought up to date, not rebuilt): the collector is left as it is.
    seen.clear()
    _meeting(datadir, agenda, clock, ["one more"])
    monkeypatch.setattr(indexing_module, "PARALLEL_FROM", 400)
    assert len(Index(datadir).listing().sessions) == 4
    assert seen == [True]


def _closing_history(datadir, agenda, clock) -> str:
    """Five meetings of one series; at the third, the first's #1 done and #2 under way."""
    first = followed_meeting(datadir, agenda, clock, ["/a 报价 @张伟", "/a 回访 @王磊", "/a 名单"])
    clock.advance(7 * 86400)
    followed_meeting(datadir, agenda, clock, ["客户拜访"])
    clock.advance(7 * 86400)
    followed_meeting(datadir, agenda, clock, [], [(1, "done", "已签"), (2, "doing", None)])
    for n in range(2):
        clock.advance(7 * 86400)
        followed_meeting(datadir, agenda, clock, [f"第 {n} 次"])
    return first.id


def _open_refs(datadir) -> list[str]:
    with sqlite3.connect(datadir.index_path) as conn:
        return sorted(ref for (ref,) in conn.execute("SELECT ref FROM actions WHERE open = 1"))


@pytest.mark.parametrize("actions_a_slice", [1, 2, 20_000])
def test_a_rebuild_settles_which_actions_are_open_as_one_session_at_a_time_would(
    datadir, agenda, clock, monkeypatch, actions_a_slice
):
    """A fill settles the actions' open marks once, at its end, a slice of the actions a
    transaction: the same marks as stored session by session, an action a later meeting
    closed among them."""
    monkeypatch.setattr(catalog_module, "SETTLE_SLICE", actions_a_slice)
    first = _closing_history(datadir, agenda, clock)
    Index(datadir).listing()
    alone = _tables(datadir)
    assert _open_refs(datadir) == [f"{first}#2", f"{first}#3"]
    datadir.index_path.unlink()
    monkeypatch.setattr(indexing_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(indexing_module, "BULK_BATCH", 2)  # the closing meeting in a later batch
    monkeypatch.setattr(indexing_module.os, "cpu_count", lambda: 1)  # one process, in bulk
    assert Index(datadir).listing().problems == []
    assert _tables(datadir) == alone


def test_an_action_another_process_stores_during_a_fill_is_settled_at_its_end(
    datadir, agenda, clock
):
    """A fill from nothing stores its actions closed and marks the open ones at its end; one
    stored meanwhile by another process (marked open, settled as it went) is settled again at
    that end when a follow-up status speaks of it: closed by a meeting the fill stored after."""
    first = followed_meeting(datadir, agenda, clock, ["/a 报价 @张伟"])
    clock.advance(7 * 86400)
    closing = followed_meeting(datadir, agenda, clock, [], [(1, "done", "已签")])
    keys = index_module._keys(datadir.sessions_dir, [first.id, closing.id])
    rows = {s: rows_of(entry_of(datadir.read(s), keys[s], False)) for s in keys}
    for path in datadir.index_path.parent.glob(f"{datadir.index_path.name}*"):
        path.unlink()  # the meetings' starts made it: the fill is to be one from nothing
    filling, other = Catalog(datadir.index_path), Catalog(datadir.index_path)
    try:
        with filling.bulk():
            filling.store([rows[first.id]])
            other.store([rows[first.id]])  # the same session, stored by another process
            assert filling._settle_later  # from nothing
            filling.store([rows[closing.id]])
    finally:
        other.close()
        filling.close()
    assert _open_refs(datadir) == []


def test_a_rebuild_stopped_part_way_leaves_what_it_stored_settled(
    datadir, agenda, clock, monkeypatch
):
    """Stopped (ctrl+c) after the batch that closes an action, the fill settles what it
    stored before it lets go: the next command goes on from there, and lists it closed."""
    first = _closing_history(datadir, agenda, clock)
    datadir.index_path.unlink()
    monkeypatch.setattr(indexing_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(indexing_module, "BULK_BATCH", 2)
    monkeypatch.setattr(indexing_module.os, "cpu_count", lambda: 1)
    real = Catalog.store
    calls: list[int] = []

    def store(self, entries):
        calls.append(len(entries))
        if len(calls) == 3:  # after the batches of meetings 1-2 and 3-4
            raise KeyboardInterrupt
        return real(self, entries)

    monkeypatch.setattr(Catalog, "store", store)
    with pytest.raises(KeyboardInterrupt):
        Index(datadir).listing()
    assert not os.path.exists(_filling(datadir))  # settled and synced: kept, not rebuilt
    assert _open_refs(datadir) == [f"{first}#2", f"{first}#3"]
    with sqlite3.connect(datadir.index_path) as conn:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 4


def test_rows_come_back_from_a_reading_process_as_they_were_read(datadir, agenda, clock):
    """What a reading process sends (`marshal` bytes) is read back into the same rows, and a
    file that could not be read into the same problem."""
    for n in range(2):
        _meeting(datadir, agenda, clock, [f"/a 第 {n} 项 @张伟", "客户拜访", "/d 签下两家"])
    datadir.session_path("20200101-0000-dead").write_text("{not json", encoding="utf-8")
    ids = sorted(path.stem for path in datadir.sessions_dir.glob("*.json"))
    keys = index_module._keys(datadir.sessions_dir, ids)
    jobs = [(DataDir(datadir.root), sid, keys[sid], False) for sid in ids]
    sent = indexing_module._read_chunk(jobs)
    assert isinstance(sent, bytes)
    datadir.session_path("20200101-0000-dead").write_text("{not json", encoding="utf-8")
    for name in os.listdir(datadir.sessions_dir):  # put back as it was before the reading
        if ".corrupt-" in name:
            os.unlink(datadir.sessions_dir / name)
    back = indexing_module._rows_back(sent)
    here = [indexing_module._read_rows(job) for job in jobs]
    assert [sid for sid, _, _ in back] == ids
    assert [(sid, rows) for sid, rows, _ in back] == [(sid, rows) for sid, rows, _ in here]
    assert all(
        type(rows) is type(mine) for (_, rows, _), (_, mine, _) in zip(back, here, strict=True)
    )
    assert back[0][1] is None and "is damaged" in back[0][2]
    assert all(rows is not None for _, rows, _ in back[1:])
