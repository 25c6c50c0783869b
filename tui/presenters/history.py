"""The history screen's sessions: a page of the newest that match from the index, their open actions, and the line that counts them."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from sessions.actions import load_actions
from sessions.datadir import DataDir
from sessions.i18n import t, tn
from sessions.index import PAGE, Index, Page
from sessions.search import MAX_HITS, SearchResult
from sessions.summary import SessionSummary

# Rows shown at most at first (as many as the screen has lines), and more each time the cursor
# reaches the last one shown.
FIRST_ROWS = 100


def first_page(datadir: DataDir, lines: int) -> Page:
    """The newest sessions as the index holds them now, not brought up to date: as many as a
    screen of `lines` lines can show (at most `FIRST_ROWS`), the rest as the cursor goes down."""
    return Index(datadir).page(limit=max(1, min(lines, FIRST_ROWS, PAGE)), lean=True)


def open_actions_of(datadir: DataDir, page: Page) -> dict[str, int]:
    """How many actions agreed in each session of the page are still open."""
    counts: dict[str, int] = {}
    for action in load_actions(datadir, origins=page.sessions).actions:
        if action.is_open:
            counts[action.origin] = counts.get(action.origin, 0) + 1
    return counts


def sessions_page(
    datadir: DataDir, text: str, series: str | None, limit: int | None = None
) -> tuple[Page, dict[str, int]]:
    """The newest sessions (`PAGE` unless `limit`) whose title, series or id holds `text`
    (SQL), with their open actions."""
    page = Index(datadir).page(
        series=series, text=text, limit=PAGE if limit is None else limit, lean=True
    )
    return page, open_actions_of(datadir, page)


@dataclass(frozen=True)
class Refreshed:
    """The index brought up to date: what it ran into, the series, how many sessions in all,
    and the page asked for as it is now."""

    problems: list[str]
    series_names: list[str]
    total: int
    page: Page
    open_counts: dict[str, int]


def synced(datadir: DataDir, sync: bool = True) -> tuple[list[str], list[str], int]:
    """Bring the index up to date with the session files (every file's key read) unless not
    `sync`: what that ran into, the series, and how many sessions there are."""
    index = Index(datadir)
    problems = index.sync() if sync else []
    names, total = index.series_names(), index.page(limit=0).total
    return [*index.problems, *problems], names, total


def refreshed(
    datadir: DataDir, text: str, series: str | None, limit: int, sync: bool = True
) -> Refreshed:
    """`synced`, then the newest `limit` sessions that match, as they are now."""
    problems, names, total = synced(datadir, sync)
    page, counts = sessions_page(datadir, text, series, limit)
    return Refreshed(problems, names, total, page, counts)


def count_line(page: Page, total: int, lang: str) -> str:
    """How many sessions there are, and how many of the matches are shown."""
    if not total:
        return t("history.none", lang)
    # Past a page, the rest of the matches are counted, not shown: filter to reach them.
    shown = len(page.sessions)
    counted = page.total if page.total > shown else total
    return tn("history.count", lang, counted, shown=shown, total=counted)


def hits_line(query: str, result: SearchResult, lang: str) -> str:
    """How many lines matched the note search, in how many sessions, and how many are shown."""
    if not result.total:
        return t("history.no_hits", lang, query=query.strip())
    found = t(
        "history.hits",
        lang,
        matches=tn("history.matches", lang, result.total),
        sessions=tn("history.sessions", lang, result.sessions),
    )
    if result.total > len(result.hits) or len(result.hits) >= MAX_HITS:
        found = t("history.hits_capped", lang, hits=found, shown=len(result.hits))
    return found


def duration_cell(s: SessionSummary, lang: str) -> Text:
    """Minutes used of those planned (`7/50 min`, `7/50 分钟`), in bold when the meeting ran over."""
    used, planned = s.used_seconds, s.planned_seconds
    cell = Text(
        t("history.used_of_planned", lang, used=round(used / 60), planned=round(planned / 60))
    )
    if planned and used > planned:
        cell.stylize("bold")
    return cell
