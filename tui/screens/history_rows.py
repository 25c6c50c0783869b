"""The history list's rows as the index has them: a screenful at once, brought up to date off the UI thread, more of them as the cursor reaches the last one or the screen grows taller; its columns fitted to the screen's width."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.events import Resize
from textual.screen import Screen

from sessions.datadir import DataDir
from sessions.index import PAGE, Page
from sessions.summary import SessionSummary
from tui.presenters import history as rows_of
from widgets.cells import fit_columns
from widgets.table import Column, RowTable

SEARCH_MARK = "?"


def title_filter(typed: str) -> str:
    """What the filter box holds as a filter of titles, series and ids: nothing while it holds
    a search of the notes (`?word`)."""
    return "" if typed.startswith(SEARCH_MARK) else typed


SCROLLBAR = 2  # the table's vertical scrollbar, in cells


class Columns:
    """What the table shows, kept to fit it again to a new width: (key, heading) per column,
    (key, cells) per row, and the (column, floor) pairs that give up cells first when short
    (a floor of 0: the width of the column's cells, its heading cut)."""

    def __init__(
        self,
        headings: list[tuple[str, str]],
        rows: list[tuple[str, list[Text]]],
        shrink: tuple[tuple[int, int], ...],
    ) -> None:
        self.headings, self.rows, self.shrink = headings, rows, shrink
        self.width = 0  # the width the table was last filled for

    def fill(self, table: RowTable, width: int) -> None:
        """Show these rows in `table`, in columns that fit in `width` cells, cut with "…"."""
        self.width = width
        labels = [Text(label) for _key, label in self.headings]
        natural = [
            max([label.cell_len, *(cells[n].cell_len for _key, cells in self.rows)])
            for n, label in enumerate(labels)
        ]
        room = width - SCROLLBAR - 2 * table.cell_padding * len(labels)
        # A floor of 0: as wide as the column's widest cell (its heading alone may be cut).
        widest = [
            max([0, *(cells[n].cell_len for _key, cells in self.rows)]) for n in range(len(labels))
        ]
        shrink = tuple((n, floor or widest[n]) for n, floor in self.shrink)
        widths = fit_columns(natural, room, shrink)
        columns = []
        for (key, _label), label, cells in zip(self.headings, labels, widths, strict=True):
            label.truncate(cells, overflow="ellipsis")
            columns.append(Column(key, label, cells))
        rows = []
        for key, row in self.rows:
            fitted = [cell.copy() for cell in row]
            for cell, cells in zip(fitted, widths, strict=True):
                cell.truncate(cells, overflow="ellipsis")
            rows.append((key, fitted))
        table.show_rows(columns, rows)


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
    _columns: Columns | None = None
    _lines = 0  # the screen's height the rows shown were read for (a screenful at first)

    def show_sessions(
        self, page: Page, open_counts: dict[str, int], keep_cursor: bool = False
    ) -> None:
        raise NotImplementedError

    def _status(self, message: str) -> None:
        raise NotImplementedError

    def show_first_rows(self) -> bool:
        """The newest sessions as indexed, at once; the index is brought up to date (a scan of
        every file) after, off the UI thread. False when the index holds none (first run, or
        deleted): it has to be built first. From now on, rows scrolled to their end bring more."""
        self.watch(self.query_one("#history-table", RowTable), "scroll_y", self._scrolled, False)
        self._lines = self.app.size.height
        first = rows_of.first_page(self.datadir, self._lines)
        if not first.total:
            return False
        self.total = first.total
        self.show_sessions(first, rows_of.open_actions_of(self.datadir, first))
        # Once those rows are drawn: a worker started now would take turns with drawing them.
        self.call_after_refresh(self.refresh_rows, len(first.sessions), sync=True)
        return True

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def refresh_rows(self, limit: int, sync: bool) -> None:
        """Read `limit` rows again (after bringing the index up to date, with `sync`), then show
        them if anything in them changed."""
        asked = (self.query_text, self.series)
        now = rows_of.refreshed(self.datadir, title_filter(asked[0]), asked[1], limit, sync)
        self.app.call_from_thread(self._refreshed, asked, now)

    def _refreshed(self, asked: tuple[str, str | None], now: rows_of.Refreshed) -> None:
        self.series_names, self.total = now.series_names, now.total
        self.problems = list(dict.fromkeys([*self.problems, *now.problems]))
        if self._mode != "list" or asked != (self.query_text, self.series):
            return  # a search or another filter is on the screen, and brings its own rows
        if len(now.page.sessions) < min(len(self.sessions), now.page.total):
            # Read for fewer rows than are shown now (more were read meanwhile: the screen grew
            # taller, the cursor went down): read again for as many.
            self.refresh_rows(len(self.sessions), sync=False)
            return
        shown = (self.sessions, self.matching, self.open_counts)
        if (now.page.sessions, now.page.total, now.open_counts) != shown:
            self.show_sessions(now.page, now.open_counts, keep_cursor=True)
        else:
            self._status(rows_of.count_line(now.page, self.total, self.lang))

    def show_columns(self, columns: Columns) -> None:
        """Fill the table with `columns`, fitted to its width (again whenever that changes)."""
        self._columns = columns
        table = self.query_one("#history-table", RowTable)
        columns.fill(table, table.size.width or self.app.size.width)

    def on_resize(self, event: Resize) -> None:
        if self._columns is not None and self._columns.width != event.size.width:
            table = self.query_one("#history-table", RowTable)
            row = table.cursor_row
            self._columns.fill(table, event.size.width)
            table.move_cursor(row=row)
        if event.size.height > self._lines:  # a taller screen: rows to fill it, if there are more
            self._lines = event.size.height
            if self._more_to_show():
                self.refresh_rows(min(max(len(self.sessions), self._lines), PAGE), sync=False)

    def on_row_table_row_highlighted(self, event: RowTable.RowHighlighted) -> None:
        if event.cursor_row == len(self.sessions) - 1:
            self._more_rows()

    def _scrolled(self, scroll_y: float) -> None:
        """The rows scrolled to their end without the cursor (a mouse wheel): more of them."""
        if scroll_y >= self.query_one("#history-table", RowTable).max_scroll_y:
            self._more_rows()

    def _more_rows(self) -> None:
        """The last row shown reached: the next rows, if more sessions match."""
        if self._more_to_show():
            self.refresh_rows(min(len(self.sessions) + rows_of.FIRST_ROWS, PAGE), sync=False)

    def _more_to_show(self) -> bool:
        """Whether the list (not a search's hits) has fewer rows than match, up to a page."""
        return self._mode == "list" and len(self.sessions) < min(self.matching, PAGE)
