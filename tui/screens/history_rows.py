"""The history list's rows as the index has them: shown at once, brought up to date off the UI thread, more of them as the cursor reaches the last one."""

from __future__ import annotations

from textual import work
from textual.screen import Screen
from textual.widgets import DataTable

from sessions.index import PAGE, Page, SessionSummary
from sessions.store import DataDir
from tui.presenters import history as rows_of

SEARCH_MARK = "?"


class IndexedRows(Screen[None]):
    """The part of `HistoryScreen` that keeps its list of sessions in step with the index."""

    datadir: DataDir
    lang: str
    sessions: list[SessionSummary]  # the rows shown: the newest that match
    matching: int  # how many sessions match the filter, shown or not
    total: int  # how many sessions there are
    series_names: list[str]
    open_counts: dict[str, int]
    problems: list[str]
    query_text: str
    series: str | None
    _mode: str

    def show_sessions(
        self, page: Page, open_counts: dict[str, int], keep_cursor: bool = False
    ) -> None:
        raise NotImplementedError

    def _status(self, message: str) -> None:
        raise NotImplementedError

    def show_first_rows(self) -> bool:
        """The newest sessions as indexed, at once; the index is brought up to date (a scan of
        every file) after, off the UI thread. False when the index holds none (first run, or
        deleted): it has to be built first."""
        first = rows_of.first_page(self.datadir)
        if not first.total:
            return False
        self.total = first.total
        self.show_sessions(first, rows_of.open_actions_of(self.datadir, first))
        self.refresh_rows(len(first.sessions), sync=True)
        return True

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def refresh_rows(self, limit: int, sync: bool) -> None:
        """Read `limit` rows again (after bringing the index up to date, with `sync`), then show
        them if anything in them changed."""
        asked = (self.query_text, self.series)
        wanted = "" if asked[0].startswith(SEARCH_MARK) else asked[0]
        now = rows_of.refreshed(self.datadir, wanted, asked[1], limit, sync)
        self.app.call_from_thread(self._refreshed, asked, now)

    def _refreshed(self, asked: tuple[str, str | None], now: rows_of.Refreshed) -> None:
        self.series_names, self.total = now.series_names, now.total
        self.problems = list(dict.fromkeys([*self.problems, *now.problems]))
        if self._mode != "list" or asked != (self.query_text, self.series):
            return  # a search or another filter is on the screen, and brings its own rows
        shown = (self.sessions, self.matching, self.open_counts)
        if (now.page.sessions, now.page.total, now.open_counts) != shown:
            self.show_sessions(now.page, now.open_counts, keep_cursor=True)
        else:
            self._status(rows_of.count_line(now.page, self.total, self.lang))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        shown = len(self.sessions)
        if self._mode == "list" and event.cursor_row == shown - 1 < min(self.matching, PAGE) - 1:
            self.refresh_rows(min(shown + rows_of.FIRST_ROWS, PAGE), sync=False)
