"""Full-text search over every session's notes, through the index's FTS5 table.

The index (`sessions.catalog`) keeps every section title and item text with a copy folded
for FTS5 by `sessions.fts` (each Chinese character a token, so one- and two-character
words are found); a query is turned into an FTS5 expression there too: a Chinese run as a
phrase, any other word as a prefix, all of them required. Spans to highlight are worked out
on the original text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sessions.datadir import DataDir
from sessions.fts import highlight_spans
from sessions.index import Index

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
    utc_offset: int = 0  # of its session, to show `at` in local time

    @property
    def span(self) -> tuple[int, int]:
        return self.spans[0] if self.spans else (0, 0)

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


class Searcher:
    """Search the data directory's sessions; a screen keeps one for its index connection."""

    def __init__(self, datadir: DataDir) -> None:
        self.datadir = datadir
        self.index = Index(datadir)
        self.problems: list[str] = []

    def refresh(self) -> None:
        """Bring the index up to date with the session files (cheap when nothing changed)."""
        self.problems = [*self.index.sync(), *self.index.problems]
        self.index.problems = []

    def search(
        self,
        query: str,
        *,
        series: str | None = None,
        limit: int = MAX_HITS,
        refresh: bool = True,
    ) -> SearchResult:
        """Lines holding every word of `query` (newest session first, then in meeting order)."""
        if refresh:
            self.refresh()
        found, total, sessions = self.index.search(query, series=series, limit=limit)
        hits = [
            Hit(
                session=f.session,
                title=f.title,
                date=f.date,
                series=f.series,
                section=f.line.section,
                section_title=f.line.section_title,
                kind=f.line.kind,
                item=f.line.item,
                at=f.line.at,
                text=f.line.text,
                spans=tuple(highlight_spans(f.line.text, query)),
                utc_offset=f.utc_offset,
            )
            for f in found
        ]
        return SearchResult(hits, total, sessions, list(self.problems))


def search(
    datadir: DataDir, query: str, series: str | None = None, limit: int = MAX_HITS
) -> SearchResult:
    """One search, for scripts, the command line and tests; screens keep a `Searcher`."""
    return Searcher(datadir).search(query, series=series, limit=limit)
