"""History: past sessions newest first, filtered or searched, each opened read-only, exported or moved to the trash."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from sessions.clock import local_clock, local_stamp
from sessions.datadir import DataDir
from sessions.disk import StoreError
from sessions.i18n import error_text, t, tn
from sessions.index import Index, Page
from sessions.search import Searcher, SearchResult
from sessions.summary import SessionSummary
from tui.presenters import history as rows_of
from tui.screens.history_box import FilterBox
from tui.screens.history_rows import SEARCH_MARK, Columns, IndexedRows, title_filter
from tui.screens.keys import described, help_rows, palette_entries
from tui.screens.live_actions import with_bindings
from tui.screens.screen_palette import ScreenCommands
from tui.screens.shell import shell_of
from tui.screens.shell_keys import HISTORY_KEYS
from widgets.capture import InTurnInput
from widgets.keybar import KeyBar
from widgets.table import RowTable
from widgets.text import literal, literal_text, without_control

# Screens opened from the list are imported when opened: the list shows first.
HIGHLIGHT = "bold reverse"
SEARCH_DEBOUNCE = 0.15  # seconds without a keystroke before the notes are searched
# Short of width, the columns that give up cells first, (column, floor) in order: the headings
# of the figures, the series and the title; in a search the title and section, to keep the note.
LIST_SHRINK = ((5, 5), (4, 4), (3, 0), (2, 8), (1, 10), (6, 0))
HITS_SHRINK = ((1, 10), (2, 8), (4, 16))
# Short of room the key bar leaves these out first; open, search, help and back stay.
KEYBAR_DROP_FIRST = ("series", "filter", "actions", "delete", "export")


def highlighted(text: str, spans: tuple[tuple[int, int], ...] | list[Any]) -> Text:
    """The text, literal, with every matched span stood out."""
    shown = Text(text)
    for start, end in spans:
        shown.stylize(HIGHLIGHT, start, end)
    return without_control(shown)


class HistoryScreen(FilterBox, IndexedRows):
    """Sessions newest first; type to filter, `?word` (or `/`) to search every note."""

    DEFAULT_CSS = """
    HistoryScreen #history-head { height: 1; padding: 0 1; }
    HistoryScreen #history-title { width: auto; text-style: bold; }
    HistoryScreen #history-filter { margin: 0 1; }
    HistoryScreen #history-table { height: 1fr; width: 100%; }
    HistoryScreen #history-status { height: 1; padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("slash", "search", "Search notes"),
        Binding("f", "filter", "Filter"),
        Binding("s", "series", "Series"),
        Binding("e", "export", "Export minutes"),
        Binding("d,delete", "delete", "Delete"),
        Binding("a", "actions", "Actions"),
        Binding("c", "scorecard", "Series scorecard"),
        Binding("f1", "help", "Help"),
        Binding("escape", "back", "Back"),
    ]
    COMMANDS = {ScreenCommands}
    # The list has the focus from the first frame: focused after it, the table would be drawn
    # twice before the first frame shows (once unfocused, once with the focused cursor).
    AUTO_FOCUS = "#history-table"

    def __new__(cls, *args: Any, **kwargs: Any) -> HistoryScreen:
        if cls is HistoryScreen:  # the key bar in the screen's language
            lang = kwargs.get("lang", args[1] if len(args) > 1 else "en")
            cls = with_bindings(cls, described(cls.BINDINGS, HISTORY_KEYS, lang))
        return super().__new__(cls)

    def __init__(self, datadir: DataDir, lang: str) -> None:
        super().__init__()
        self.datadir = datadir
        self.lang = lang
        self.sessions: list[SessionSummary] = []  # the rows shown: a page of the newest that match
        self.matching = 0  # how many sessions match the filter, shown or not
        self.total = 0  # how many sessions there are
        self.series_names: list[str] = []
        self.open_counts: dict[str, int] = {}
        self.series: str | None = None
        self.query_text = ""
        self.problems: list[str] = []
        self._searcher: Searcher | None = None
        self._search_lock = threading.Lock()
        self._row_sessions: list[str] = []
        self._mode = "list"
        self._shown_once = False  # on_mount has just loaded what the first resume would

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(t("history.title", lang), id="history-title")
        # Not select_on_focus: `/` puts `?` in the box and the next key must follow it, not
        # replace it (which would turn a note search into a title filter).
        yield InTurnInput(
            placeholder=t("history.filter", lang), id="history-filter", select_on_focus=False
        )
        yield RowTable(id="history-table")
        yield Static("", id="history-status")
        yield KeyBar(palette_label=t("key.palette", lang), drop_first=KEYBAR_DROP_FIRST)

    def on_mount(self) -> None:
        if not self.show_first_rows():
            self.reload()

    def on_screen_resume(self) -> None:
        if self._shown_once:  # back from a session or the actions: something may have changed
            self.reload()
        self._shown_once = True

    # -- data ----------------------------------------------------------------------------------

    @property
    def searcher(self) -> Searcher:
        if self._searcher is None:
            self._searcher = Searcher(self.datadir)
        return self._searcher

    def reload(self) -> None:
        """Bring the index up to date with the session files, then show the newest page."""
        self.problems, self.series_names, self.total = rows_of.synced(self.datadir)
        self.show()

    def sessions_page(self, text: str, series: str | None) -> tuple[Page, dict[str, int]]:
        """The newest sessions whose title, series or id holds `text`, with their open actions."""
        return rows_of.sessions_page(self.datadir, title_filter(text), series)

    # -- display -------------------------------------------------------------------------------

    def show(self, typed: bool = False) -> None:
        """The sessions that pass the filter, or the notes searched for; typing waits for a pause."""
        text = self.query_text
        query = text[len(SEARCH_MARK) :]
        if text.startswith(SEARCH_MARK) and query.strip():
            self.search_notes(query, self.series, SEARCH_DEBOUNCE if typed else 0)
        elif typed and text.strip():
            self.filter_sessions(text, self.series, SEARCH_DEBOUNCE)
        else:
            self.workers.cancel_group(self, "search")  # a search still running is no longer wanted
            self.show_sessions(*self.sessions_page(text, self.series))

    @work(exclusive=True, group="search")
    async def search_notes(self, query: str, series: str | None, delay: float) -> None:
        """Search off the UI thread; a newer search cancels this one, so the newest is shown."""
        if delay:
            await asyncio.sleep(delay)
        result = await asyncio.to_thread(self.search_corpus, query, series)
        # Filled from the screen's own message loop, not the worker's task: filled from the
        # task, the table sometimes kept its columns as wide as their headings.
        self.call_later(self.show_hits, query, result)

    @work(exclusive=True, group="search")
    async def filter_sessions(self, text: str, series: str | None, delay: float) -> None:
        """Filter in SQL off the UI thread, once the typing pauses."""
        if delay:
            await asyncio.sleep(delay)
        page, counts = await asyncio.to_thread(self.sessions_page, text, series)
        self.show_sessions(page, counts)

    def search_corpus(self, query: str, series: str | None) -> SearchResult:
        with self._search_lock:  # a cancelled search may still be running in its thread
            return self.searcher.search(query, series=series)

    def _status(self, message: str) -> None:
        series = self.series or t("history.series_all", self.lang)
        problems = f"  ·  {self.problems[0]}" if self.problems else ""
        status = literal(f"{message}  ·  {series}{problems}")
        self.query_one("#history-status", Static).update(status)

    def show_sessions(
        self, page: Page, open_counts: dict[str, int], keep_cursor: bool = False
    ) -> None:
        lang = self.lang
        table = self.query_one("#history-table", RowTable)
        # A row the user moved to stays chosen; left on the newest, the cursor stays on top.
        chosen = self.selected_session() if keep_cursor and table.cursor_row > 0 else None
        self._mode = "list"
        self.sessions, self.matching, self.open_counts = page.sessions, page.total, open_counts
        self.problems = list(dict.fromkeys([*self.problems, *page.problems]))
        keys = ("date", "title", "series", "duration", "items", "open", "status")
        rows = []
        for s in page.sessions:
            open_count = self.open_counts.get(s.id, 0)
            cells = [
                Text(local_stamp(s.started_at, s.utc_offset)),
                literal_text(s.title),
                literal_text(s.series or "-"),
                rows_of.duration_cell(s, lang),
                Text(str(s.items)),
                Text(str(open_count), style="bold" if open_count else "dim"),
                Text(t(f"session.{s.status}", lang)),
            ]
            rows.append((s.id, cells))
        self._row_sessions = [key for key, _cells in rows]
        headings = [(key, t(f"history.col.{key}", lang)) for key in keys]
        self.show_columns(Columns(headings, rows, LIST_SHRINK))
        if chosen in self._row_sessions:
            table.move_cursor(row=self._row_sessions.index(chosen))
        self._status(rows_of.count_line(page, self.total, lang))

    def show_hits(self, query: str, result: SearchResult) -> None:
        lang = self.lang
        self._mode = "hits"
        headings = [
            ("date", t("history.col.date", lang)),
            ("title", t("history.col.title", lang)),
            ("section", t("detail.sections", lang)),
            ("kind", ""),
            ("text", t("detail.items", lang)),
        ]
        rows = []
        for n, hit in enumerate(result.hits):
            when = f"{hit.date or ''} {local_clock(hit.at, hit.utc_offset)}".strip()
            kind = t(f"kind.{hit.kind}", lang) if hit.kind != "section" else "§"
            cells = [Text(when), literal_text(hit.title), literal_text(hit.section_title)]
            cells += [Text(kind), highlighted(hit.text, hit.spans)]
            rows.append((f"{n}:{hit.session}", cells))
        self._row_sessions = [hit.session for hit in result.hits]
        self.show_columns(Columns(headings, rows, HITS_SHRINK))
        self.problems = list(result.problems)
        self._status(rows_of.hits_line(query, result, lang))

    # -- events --------------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.show(typed=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#history-table", RowTable).focus()

    def palette_entries(self) -> list[tuple[str, str]]:
        """The palette's entries (ctrl+p): every action of the key table, in the screen's language."""
        return palette_entries(HISTORY_KEYS, self.lang)

    def on_row_table_row_selected(self, event: RowTable.RowSelected) -> None:
        event.stop()
        self.open_row(event.cursor_row)

    def selected_session(self) -> str | None:
        table = self.query_one("#history-table", RowTable)
        row = table.cursor_row
        if not self._row_sessions or not 0 <= row < len(self._row_sessions):
            return None
        return self._row_sessions[row]

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self._row_sessions):
            from tui.screens.session_view import SessionScreen  # lazy: start-up

            self.app.push_screen(SessionScreen(self.datadir, self._row_sessions[row], self.lang))

    # -- actions -------------------------------------------------------------------------------

    def action_open(self) -> None:
        table = self.query_one("#history-table", RowTable)
        self.open_row(table.cursor_row)

    def action_series(self) -> None:
        names = [None, *self.series_names]
        self.series = names[(names.index(self.series) + 1) % len(names)]
        self.show()

    def action_back(self) -> None:
        box = self.query_one("#history-filter", Input)
        if box.has_focus:
            self.query_one("#history-table", RowTable).focus()
            return
        if box.value:
            box.value = ""
            return
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit(0)

    def action_actions(self) -> None:
        from tui.screens.actions import ActionsScreen  # lazy: start-up

        self.app.push_screen(ActionsScreen(self.datadir, self.lang, shell_of(self).clock))

    def action_scorecard(self) -> None:
        from tui.screens.scorecard import open_scorecard  # lazy: start-up (charts, plotext)

        found = [s.series for s in self.sessions if s.id == self.selected_session()]
        status = self.query_one("#history-status", Static)
        open_scorecard(self, self.datadir, found[0] if found else None, self.lang, status)

    def action_help(self) -> None:
        rows = help_rows(HISTORY_KEYS, self.lang)
        from tui.screens.help import KeysHelpScreen  # lazy: start-up

        self.app.push_screen(KeysHelpScreen(t("history.help_title", self.lang), rows, self.lang))

    def action_export(self) -> None:
        status = self.query_one("#history-status", Static)
        session_id = self.selected_session()
        if session_id is None:
            status.update(t("history.export_none", self.lang))
            return
        from tui.screens.export_choice import export_minutes  # lazy: start-up

        export_minutes(self, self.datadir, session_id, self.lang, status)

    def action_delete(self) -> None:
        session_id = self.selected_session()
        if session_id is None:
            return
        entry = next((s for s in self.sessions if s.id == session_id), None)
        title = (entry.title or "") if entry is not None else ""
        question = t("history.delete_confirm", self.lang, id=session_id, title=title)
        followed = Index(self.datadir).followups_given(session_id)
        if followed:
            # The statuses given in this meeting go with it: those actions count as open again.
            question += "\n" + tn("history.delete_followup", self.lang, followed)

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete_session(session_id)

        from tui.screens.dialogs import ConfirmScreen  # lazy: start-up

        self.app.push_screen(ConfirmScreen(question, "", self.lang), answered)

    def delete_session(self, session_id: str) -> Path | None:
        try:
            path = Index(self.datadir).trash(session_id)
        except StoreError as exc:
            self.notify(error_text(exc, self.lang), severity="error", markup=False)
            return None
        self.reload()
        self.notify(t("history.deleted", self.lang, path=str(path)), markup=False)
        return path

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the filter box has focus these keys are letters being typed.
        typing = self.query_one("#history-filter", Input).has_focus
        letters = ("delete", "series", "actions", "search", "filter", "export", "scorecard")
        return not (typing and action in letters)
