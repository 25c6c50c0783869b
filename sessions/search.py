"""Full-text search over every session's notes, from a corpus file kept beside the index.

`<data>/search.json` holds, per session, its section titles and item texts joined into one
string (see `sessions.index.corpus_entry`) with the file's mtime. An entry is rebuilt when
the session file changed since (the same staleness rule as `Index.listing()`); sessions the
index has just read are not read again. A `Searcher` keeps the corpus in memory, so typing a
query only scans strings: a substring match, case-insensitive for Latin letters, which is
also what Chinese needs (no word boundaries).
"""

from __future__ import annotations

import bisect
import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sessions.index import Index, SessionStatus, SessionSummary, corpus_entry
from sessions.state import replay_record
from sessions.store import DamagedFile, DataDir, StoreError, read_json_file, write_atomic

CORPUS_NAME = "search.json"
CORPUS_VERSION = 1
MAX_HITS = 500


@dataclass(frozen=True)
class Hit:
    """One line that matched: an item's text, or a section title (kind "section", item 0)."""

    session: str
    title: str
    date: str | None
    series: str | None
    section: int
    section_title: str
    kind: str
    item: int
    at: float | None
    text: str
    spans: tuple[tuple[int, int], ...]

    @property
    def span(self) -> tuple[int, int]:
        return self.spans[0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "session": self.session,
            "title": self.title,
            "date": self.date,
            "series": self.series,
            "section": self.section,
            "section_title": self.section_title,
            "kind": self.kind,
            "item": self.item,
            "at": self.at,
            "text": self.text,
            "span": list(self.span),
            "spans": [list(s) for s in self.spans],
        }


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int  # lines matched, even past the hits returned
    sessions: int  # sessions with at least one match
    problems: list[str] = field(default_factory=list)


def fold(text: str) -> str:
    """Lower-case, one character for one character, so that offsets in the folded text are offsets in the text."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


class _Prepared:
    """One session's corpus entry, ready to scan: folded once, line starts found on first hit."""

    __slots__ = ("entry", "folded", "_starts")

    def __init__(self, entry: dict[str, Any]) -> None:
        self.entry = entry
        self.folded = fold(entry["text"])
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            starts = [0]
            text = self.entry["text"]
            pos = text.find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = text.find("\n", pos + 1)
            self._starts = starts
        return self._starts


class Searcher:
    """Search the data directory's sessions; keep one per screen so the corpus is loaded once."""

    def __init__(self, datadir: DataDir) -> None:
        self.datadir = datadir
        self.sessions: list[SessionSummary] = []  # the listing last refreshed, newest first
        self.problems: list[str] = []
        self._prepared: dict[str, _Prepared] = {}

    @property
    def path(self) -> Path:
        return self.datadir.root / CORPUS_NAME

    def _load(self) -> dict[str, Any]:
        try:
            data = read_json_file(self.path)
        except FileNotFoundError:
            return {}
        except DamagedFile:
            return {}  # a cache: rebuilt from the sessions
        if not isinstance(data, dict) or data.get("version") != CORPUS_VERSION:
            return {}
        sessions = data.get("sessions")
        return sessions if isinstance(sessions, dict) else {}

    def _save(self, entries: dict[str, Any]) -> None:
        with contextlib.suppress(StoreError):  # a cache: a full disk must not stop a search
            self.datadir.ensure()
            write_atomic(
                self.path,
                json.dumps(
                    {"version": CORPUS_VERSION, "sessions": entries},
                    ensure_ascii=False,
                    separators=(",", ":"),
                ),
            )

    def refresh(self, index: Index | None = None) -> None:
        """Bring the corpus up to date with the session files (cheap when nothing changed)."""
        index = index if index is not None else Index(self.datadir)
        listing = index.listing()
        self.sessions = listing.sessions
        self.problems = list(listing.problems)
        live = {s.id for s in listing.sessions}
        stale = [
            s
            for s in listing.sessions
            if s.id not in self._prepared or self._prepared[s.id].entry.get("mtime") != s.mtime
        ]
        gone = set(self._prepared) - live
        if not stale and not gone:
            return
        stored = self._load() if (stale or gone) else {}
        changed = bool(gone & set(stored))
        for session_id in gone:
            self._prepared.pop(session_id, None)
            stored.pop(session_id, None)
        for summary in stale:
            session_id = summary.id
            entry = stored.get(session_id)
            if entry is None or entry.get("mtime") != summary.mtime:
                entry = index.fresh_corpus.get(session_id)
                if entry is None or entry.get("mtime") != summary.mtime:
                    try:
                        entry = self._read_entry(session_id)
                    except StoreError as exc:
                        self.problems.append(str(exc))
                        continue
                    except (KeyError, TypeError, ValueError) as exc:
                        self.problems.append(f"{session_id}: cannot be read ({exc})")
                        continue
                # A live meeting changes every few seconds: keep it in memory, not on disk.
                if summary.status is not SessionStatus.LIVE:
                    stored[session_id] = entry
                    changed = True
            self._prepared[session_id] = _Prepared(entry)
        for session_id in set(stored) - live:
            del stored[session_id]
            changed = True
        if changed:
            self._save(stored)

    def _read_entry(self, session_id: str) -> dict[str, Any]:
        record = self.datadir.read(session_id)
        state = replay_record(record)
        return corpus_entry(record, state.agenda, state)

    def search(
        self,
        query: str,
        *,
        series: str | None = None,
        limit: int = MAX_HITS,
        refresh: bool = True,
    ) -> SearchResult:
        """Lines containing `query` (newest session first, then in meeting order)."""
        if refresh:
            self.refresh()
        needle = fold(" ".join(query.split()))
        hits: list[Hit] = []
        total = 0
        matched_sessions = 0
        if not needle:
            return SearchResult(hits, 0, 0, list(self.problems))
        width = len(needle)
        for summary in self.sessions:
            if series is not None and summary.series != series:
                continue
            prepared = self._prepared.get(summary.id)
            if prepared is None:
                continue
            folded = prepared.folded
            pos = folded.find(needle)
            if pos == -1:
                continue
            matched_sessions += 1
            entry = prepared.entry
            starts = prepared.starts
            text = entry["text"]
            line_spans: dict[int, list[tuple[int, int]]] = {}
            while pos != -1:
                line = bisect.bisect_right(starts, pos) - 1
                offset = pos - starts[line]
                line_spans.setdefault(line, []).append((offset, offset + width))
                pos = folded.find(needle, pos + width)
            for line, spans in line_spans.items():
                total += 1
                if len(hits) >= limit:
                    continue
                start = starts[line]
                end = starts[line + 1] - 1 if line + 1 < len(starts) else len(text)
                item, kind, section, at = entry["spots"][line]
                titles = entry.get("sections") or []
                hits.append(
                    Hit(
                        session=summary.id,
                        title=summary.title or entry.get("title") or "",
                        date=summary.date,
                        series=summary.series,
                        section=section,
                        section_title=titles[section] if 0 <= section < len(titles) else "",
                        kind=kind,
                        item=item,
                        at=at,
                        text=text[start:end],
                        spans=tuple(spans),
                    )
                )
        return SearchResult(hits, total, matched_sessions, list(self.problems))


def search(datadir: DataDir, query: str, series: str | None = None) -> SearchResult:
    """One search, for scripts and tests; screens keep a `Searcher`."""
    return Searcher(datadir).search(query, series=series)
