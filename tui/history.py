"""History: past sessions newest first, filtered or searched, each opened read-only, exported or moved to the trash."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Label, Static

from sessions.events import AttendanceStatus
from sessions.i18n import error_text, t, tn
from sessions.index import SessionSummary
from sessions.store import DataDir, StoreError
from widgets.text import literal, literal_text, without_control

HIGHLIGHT = "bold reverse"
SEARCH_MARK = "?"


def local_time(at: float | None, utc_offset: int, fmt: str = "%H:%M") -> str:
    if at is None:
        return ""
    return datetime.fromtimestamp(at, timezone(timedelta(seconds=utc_offset))).strftime(fmt)


def minutes(seconds: float | None) -> str:
    return f"{round((seconds or 0) / 60)}"


def highlighted(text: str, spans: tuple[tuple[int, int], ...] | list[Any]) -> Text:
    """The text, literal, with every matched span stood out."""
    shown = Text(text)
    for start, end in spans:
        shown.stylize(HIGHLIGHT, start, end)
    return without_control(shown)


def key_line(keys: list[tuple[str, str]], lang: str) -> str:
    """The screen's keys in the screen's language (a Footer would show the English descriptions)."""
    return "  ".join(f"[b]{key}[/] {t(label, lang)}" for key, label in keys)


def fold(text: str) -> str:
    return text.casefold()


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y confirms, any other key says no."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > #confirm-panel {
        width: 80; max-width: 100%; height: auto; padding: 1 2;
        border: thick $error; background: $surface;
    }
    /* a Label is as wide as its text by default: it would run over the panel's border */
    ConfirmScreen #confirm-text { width: 100%; }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-panel"):
            yield Label(literal(self.question), id="confirm-text")

    def on_key(self, event: Any) -> None:
        event.stop()
        self.dismiss(event.key == "y")


class SessionScreen(Screen[None]):
    """One past session, read-only: agenda, items per section, attendance, participation, follow-up."""

    DEFAULT_CSS = """
    SessionScreen #session-body { padding: 0 2; }
    SessionScreen #session-status { height: 1; padding: 0 2; color: $text-muted; }
    """
    BINDINGS = [
        Binding("e", "export", "Export minutes"),
        Binding("escape,q", "close", "Back"),
    ]

    def __init__(self, datadir: DataDir, session_id: str, lang: str) -> None:
        super().__init__()
        self.datadir = datadir
        self.session_id = session_id
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="session-scroll"):
            yield Static(id="session-body")
        yield Static("", id="session-status")
        yield Static(
            key_line([("e", "history.key.export"), ("esc", "history.key.back")], self.lang),
            id="session-keys",
            classes="keys",
        )

    def on_mount(self) -> None:
        try:
            body = self.render_session()
        except StoreError as exc:  # deleted from another terminal, or damaged since listed
            self.query_one("#session-status", Static).update(literal(error_text(exc, self.lang)))
        except (KeyError, TypeError, ValueError) as exc:  # a log the fold cannot follow
            self.query_one("#session-status", Static).update(literal(f"{self.session_id}: {exc}"))
        else:
            self.query_one("#session-body", Static).update(without_control(body))
        self.query_one("#session-scroll").focus()

    def render_session(self) -> Text:
        from agendas.durations import format_clock
        from sessions.capture import ITEM_MARKS
        from sessions.minutes.model import duration_text, talk_clock
        from sessions.participation import participation
        from sessions.state import replay_record

        lang = self.lang
        record = self.datadir.read(self.session_id)
        state = replay_record(record)
        agenda = state.agenda
        offset = int(record.meta.get("utc_offset", 0))
        now = state.as_of
        m = agenda.meeting
        out = Text()
        out.append(f"{record.meta.get('title') or m.title}\n", style="bold")
        facts = [
            local_time(state.started_at, offset, "%Y-%m-%d %H:%M"),
            local_time(state.ended_at, offset) if state.ended_at else "",
            m.series or "",
            m.location or "",
            m.facilitator or agenda.facilitator or "",
            self.session_id,
        ]
        out.append(" · ".join(f for f in facts if f) + "\n\n", style="dim")

        # As in the minutes: the agenda's own numbers, in the order the sections ran (a
        # deferred one where it was taken up again), the sections never reached last.
        order = [i for i in state.order if state.reached(i)]
        order += [i for i in state.order if not state.reached(i)]

        def heading(index: int) -> str:
            title = agenda.sections[index].title
            if state.sections[index].deferred:
                title = t("min.deferred_title", lang, title=title)
            return f"{index + 1}. {title}"

        out.append(t("detail.sections", lang) + "\n", style="bold underline")
        for index in order:
            section = agenda.sections[index]
            run = state.sections[index]
            used = run.used + (max(0.0, now - run.open_since) if run.open_since else 0.0)
            if not state.reached(index):
                note = t("detail.not_reached", lang)
            else:
                # the agenda's planned time, an extension apart (the minutes' definitions)
                note = t(
                    "detail.planned_used",
                    lang,
                    used=format_clock(round(used)),
                    planned=format_clock(section.duration),
                )
                if run.extended:
                    note += "  " + t("min.extended", lang, time=duration_text(run.extended, lang))
            style = "bold" if used > section.duration + run.extended else ""
            out.append(f"  {heading(index)}  ", style=style)
            out.append(f"{note}\n", style="dim")
        out.append("\n")

        out.append(t("detail.items", lang) + "\n", style="bold underline")
        for index in order:
            items = state.active_items(index)
            if not items:
                continue
            out.append(f"  {heading(index)}\n", style="bold")
            for it in items:
                out.append(f"    {local_time(it.at, offset)} {ITEM_MARKS[it.kind]} ")
                if it.kind.value == "action":
                    out.append(f"#{it.id} ", style="bold")
                out.append(it.text)
                extra = [
                    f"@{it.owner}" if it.owner else "",
                    it.due.isoformat() if it.due else "",
                    f"| {it.criteria}" if it.criteria else "",
                ]
                extra_text = " ".join(e for e in extra if e)
                if extra_text:
                    out.append(f"  {extra_text}", style="dim")
                out.append("\n")
        out.append("\n")

        if state.carried:
            out.append(t("detail.followup", lang) + "\n", style="bold underline")
            for number, action in enumerate(state.carried, start=1):
                said = state.followup.get(action.ref)
                status = t(f"status.{said.status}", lang) if said else t("status.open", lang)
                comment = f" — {said.comment}" if said and said.comment else ""
                owner = f" @{action.owner}" if action.owner else ""
                out.append(f"  {number}. {action.text}{owner}: {status}{comment}\n")
            out.append("\n")

        out.append(t("detail.attendance", lang) + "\n", style="bold underline")
        for name, person in state.attendance.items():
            when = ""
            if person.arrived and person.status == AttendanceStatus.LATE:
                when = f" {local_time(person.arrived, offset)}"
            if person.left:
                when = f" {local_time(person.left, offset)}"
            out.append(f"  {name}: {t(f'att.{person.status}', lang)}{when}\n")
        out.append("\n")

        out.append(t("detail.participation", lang) + "\n", style="bold underline")
        for row in participation(state, now):
            if row.silent:
                out.append(f"  {row.name}: {t('detail.silent', lang)}\n", style="dim")
            else:
                out.append(
                    "  "
                    + tn(
                        "detail.talk",
                        lang,
                        row.turns,
                        name=row.name,
                        time=talk_clock(row.talk_time),
                        share=round(row.share * 100),
                        turns=row.turns,
                    )
                    + "\n"
                )
        return out

    def action_export(self) -> None:
        self.export_minutes()

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export_minutes(self) -> None:
        status = self.query_one("#session-status", Static)
        try:
            from sessions.minutes import write_minutes
        except ImportError:
            self.app.call_from_thread(status.update, t("history.export_missing", self.lang))
            return
        try:
            path = write_minutes(self.datadir, self.session_id, self.lang, "md")
        except Exception as exc:  # shown on the screen, one line
            self.app.call_from_thread(status.update, literal(error_text(exc, self.lang)))
            return
        message = t("history.exported", self.lang, path=str(path))
        self.app.call_from_thread(status.update, literal(message))
        self.app.call_from_thread(partial(self.notify, message, markup=False))

    def action_close(self) -> None:
        self.dismiss(None)


class HistoryScreen(Screen[None]):
    """Sessions newest first; type to filter, `?word` (or `/`) to search every note."""

    DEFAULT_CSS = """
    HistoryScreen #history-head { height: 1; padding: 0 1; }
    HistoryScreen #history-title { width: auto; text-style: bold; }
    HistoryScreen #history-filter { margin: 0 1; }
    HistoryScreen #history-table { height: 1fr; }
    HistoryScreen #history-status { height: 1; padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("slash", "search", "Search notes"),
        Binding("f", "filter", "Filter"),
        Binding("s", "series", "Series"),
        Binding("d,delete", "delete", "Delete"),
        Binding("a", "actions", "Actions"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, datadir: DataDir, lang: str) -> None:
        super().__init__()
        self.datadir = datadir
        self.lang = lang
        self.sessions: list[SessionSummary] = []
        self.open_counts: dict[str, int] = {}
        self.series: str | None = None
        self.query_text = ""
        self.problems: list[str] = []
        self._searcher: Any = None
        self._row_sessions: list[str] = []
        self._mode = "list"

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(t("history.title", lang), id="history-title")
        # Not select_on_focus: `/` puts `?` in the box and the next key must follow it, not
        # replace it (which would turn a note search into a title filter).
        yield Input(
            placeholder=t("history.filter", lang), id="history-filter", select_on_focus=False
        )
        table: DataTable[Any] = DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="history-status")
        yield Static(
            key_line(
                [
                    ("enter", "history.key.open"),
                    ("/", "history.key.search"),
                    ("f", "history.key.filter"),
                    ("s", "history.key.series"),
                    ("d", "history.key.delete"),
                    ("a", "history.key.actions"),
                    ("esc", "history.key.back"),
                ],
                lang,
            ),
            id="history-keys",
            classes="keys",
        )

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#history-table", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    # -- data ----------------------------------------------------------------------------------

    @property
    def searcher(self) -> Any:
        if self._searcher is None:
            from sessions.search import Searcher

            self._searcher = Searcher(self.datadir)
        return self._searcher

    def reload(self) -> None:
        from sessions.actions import load_actions
        from sessions.index import Index

        listing = Index(self.datadir).listing()
        self.sessions = listing.sessions
        self.problems = list(listing.problems)
        book = load_actions(self.datadir)
        counts: dict[str, int] = {}
        for action in book.actions:
            if action.is_open:
                counts[action.origin] = counts.get(action.origin, 0) + 1
        self.open_counts = counts
        self.show()

    @property
    def series_names(self) -> list[str]:
        return sorted({s.series for s in self.sessions if s.series})

    def visible_sessions(self) -> list[SessionSummary]:
        text = self.query_text
        wanted = "" if text.startswith(SEARCH_MARK) else fold(text.strip())
        return [
            s
            for s in self.sessions
            if (self.series is None or s.series == self.series)
            and (
                not wanted
                or wanted in fold(s.title or "")
                or wanted in fold(s.series or "")
                or wanted in s.id
            )
        ]

    # -- display -------------------------------------------------------------------------------

    def show(self) -> None:
        text = self.query_text
        if text.startswith(SEARCH_MARK) and text[len(SEARCH_MARK) :].strip():
            self.show_hits(text[len(SEARCH_MARK) :])
        else:
            self.show_sessions()

    def _status(self, message: str) -> None:
        series = self.series or t("history.series_all", self.lang)
        problems = f"  ·  {self.problems[0]}" if self.problems else ""
        status = literal(f"{message}  ·  {series}{problems}")
        self.query_one("#history-status", Static).update(status)

    def show_sessions(self) -> None:
        lang = self.lang
        table = self.query_one("#history-table", DataTable)
        self._mode = "list"
        table.clear(columns=True)
        for key in ("date", "title", "series", "duration", "items", "open", "status"):
            table.add_column(t(f"history.col.{key}", lang), key=key)
        rows = self.visible_sessions()
        self._row_sessions = []
        for s in rows:
            used, planned = s.used_seconds, s.planned_seconds
            duration = Text(f"{minutes(used)}/{minutes(planned)} min")
            if planned and used > planned:
                duration.stylize("bold")
            open_count = self.open_counts.get(s.id, 0)
            table.add_row(
                local_time(s.started_at, s.utc_offset, "%Y-%m-%d %H:%M"),
                literal_text(s.title),
                literal_text(s.series or "-"),
                duration,
                str(s.items),
                Text(str(open_count), style="bold" if open_count else "dim"),
                t(f"session.{s.status}", lang),
                key=s.id,
            )
            self._row_sessions.append(s.id)
        if not self.sessions:
            self._status(t("history.none", lang))
        else:
            self._status(
                tn(
                    "history.count",
                    lang,
                    len(self.sessions),
                    shown=len(rows),
                    total=len(self.sessions),
                )
            )

    def show_hits(self, query: str) -> None:
        from sessions.search import MAX_HITS

        lang = self.lang
        result = self.searcher.search(query, series=self.series)
        table = self.query_one("#history-table", DataTable)
        self._mode = "hits"
        table.clear(columns=True)
        for key, label in (
            ("date", t("history.col.date", lang)),
            ("title", t("history.col.title", lang)),
            ("section", t("detail.sections", lang)),
            ("kind", ""),
            ("text", t("detail.items", lang)),
        ):
            table.add_column(label, key=key)
        self._row_sessions = []
        offsets = {s.id: s.utc_offset for s in self.sessions}
        for n, hit in enumerate(result.hits):
            offset = offsets.get(hit.session, 0)
            when = f"{hit.date or ''} {local_time(hit.at, offset)}".strip()
            kind = t(f"kind.{hit.kind}", lang) if hit.kind != "section" else "§"
            table.add_row(
                when,
                literal_text(hit.title),
                literal_text(hit.section_title),
                kind,
                highlighted(hit.text, hit.spans),
                key=f"{n}:{hit.session}",
            )
            self._row_sessions.append(hit.session)
        self.problems = list(result.problems)
        if not result.total:
            self._status(t("history.no_hits", lang, query=query.strip()))
        else:
            found = t(
                "history.hits",
                lang,
                matches=tn("history.matches", lang, result.total),
                sessions=tn("history.sessions", lang, result.sessions),
            )
            if result.total > len(result.hits) or len(result.hits) >= MAX_HITS:
                found = t("history.hits_capped", lang, hits=found, shown=len(result.hits))
            self._status(found)

    # -- events --------------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#history-table", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_row(event.cursor_row)

    def selected_session(self) -> str | None:
        table = self.query_one("#history-table", DataTable)
        row = table.cursor_row
        if not self._row_sessions or not 0 <= row < len(self._row_sessions):
            return None
        return self._row_sessions[row]

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self._row_sessions):
            self.app.push_screen(SessionScreen(self.datadir, self._row_sessions[row], self.lang))

    # -- actions -------------------------------------------------------------------------------

    def action_open(self) -> None:
        table = self.query_one("#history-table", DataTable)
        self.open_row(table.cursor_row)

    def action_search(self) -> None:
        box = self.query_one("#history-filter", Input)
        if not box.value.startswith(SEARCH_MARK):
            box.value = SEARCH_MARK + box.value
        box.focus()
        box.cursor_position = len(box.value)

    def action_filter(self) -> None:
        self.query_one("#history-filter", Input).focus()

    def on_key(self, event: Any) -> None:
        # A printable key no binding took (`?`, a letter of a title) starts typing in the box,
        # whatever had the focus: nobody has to find the box first.
        box = self.query_one("#history-filter", Input)
        if box.has_focus or not event.is_printable or not event.character:
            return
        if event.key in self.active_bindings:
            return  # `/`, f, s, d, a keep their meaning (bindings are looked up after this)
        event.stop()
        event.prevent_default()
        box.focus()
        box.insert_text_at_cursor(event.character)

    def action_series(self) -> None:
        names = [None, *self.series_names]
        self.series = names[(names.index(self.series) + 1) % len(names)]
        self.show()

    def action_back(self) -> None:
        box = self.query_one("#history-filter", Input)
        if box.has_focus:
            self.query_one("#history-table", DataTable).focus()
            return
        if box.value:
            box.value = ""
            return
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit(0)

    def action_actions(self) -> None:
        from sessions.clock import SystemClock
        from tui.actions import ActionsScreen

        clock = getattr(self.app, "clock", None) or SystemClock()
        self.app.push_screen(ActionsScreen(self.datadir, self.lang, clock))

    def action_delete(self) -> None:
        session_id = self.selected_session()
        if session_id is None:
            return
        entry = next((s for s in self.sessions if s.id == session_id), None)
        title = (entry.title or "") if entry is not None else ""
        question = t("history.delete_confirm", self.lang, id=session_id, title=title)
        followed = len(entry.followup) if entry is not None else 0
        if followed:
            # The statuses given in this meeting go with it: those actions count as open again.
            question += "\n" + tn("history.delete_followup", self.lang, followed)

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete_session(session_id)

        self.app.push_screen(ConfirmScreen(question), answered)

    def delete_session(self, session_id: str) -> Path | None:
        from sessions.index import Index
        from sessions.store import StoreError

        try:
            path = Index(self.datadir).trash(session_id)
        except StoreError as exc:
            self.notify(error_text(exc, self.lang), severity="error", markup=False)
            return None
        self._searcher = None  # the corpus forgets it on the next search
        self.reload()
        self.notify(t("history.deleted", self.lang, path=str(path)), markup=False)
        return path

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the filter box has focus these keys are letters being typed.
        typing = self.query_one("#history-filter", Input).has_focus
        return not (typing and action in ("delete", "series", "actions", "search", "filter"))


class HistoryApp(App[int]):
    """`minutely history` on its own: the history screen, then quit."""

    TITLE = "Minutely"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(self, datadir: DataDir, lang: str, clock: Any = None) -> None:
        stylesheet = Path(__file__).with_name("app.tcss")
        super().__init__(css_path=str(stylesheet) if stylesheet.exists() else None)
        from sessions.clock import SystemClock

        self.datadir = datadir
        self.lang = lang
        self.clock = clock if clock is not None else SystemClock()

    def on_mount(self) -> None:
        self.push_screen(HistoryScreen(self.datadir, self.lang))


def run_history(datadir: DataDir, lang: str) -> int:
    HistoryApp(datadir, lang).run()
    return 0
