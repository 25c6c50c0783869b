"""The actions screen: every agreed action grouped overdue / due today / open / done, marked done, cancelled or reopened."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Label, Static

from sessions.actions import (
    GROUPS,
    WHERE_SCREEN,
    ActionBook,
    ActionError,
    ActionItem,
    change_status,
    grouped,
    latest_session,
    load_actions,
    owners_meant,
    resolve_owner,
    select,
)
from sessions.clock import Clock, local_stamp
from sessions.datadir import DataDir
from sessions.digest import series_digest, session_digest
from sessions.disk import StoreError
from sessions.i18n import error_text, t
from sessions.statuses import status_after
from tui.screens.clipboard import copy_digest
from tui.screens.live_actions import with_bindings
from widgets.keybar import KeyBar
from widgets.text import literal, literal_text, without_control

GROUP_STYLES = {"overdue": "bold", "today": "bold", "open": "", "closed": "dim"}
# The screen's keys: (key, action, catalog label). c is Cancel here: the digest is copied
# with y, as yanked.
KEYS = (
    ("x", "change('done')", "actions.key.done"),
    ("c", "change('cancelled')", "actions.key.cancel"),
    ("r", "change('reopened')", "actions.key.reopen"),
    ("o", "owner", "actions.key.owner"),
    ("s", "series", "actions.key.series"),
    ("u", "toggle_open", "actions.key.open"),
    ("y", "copy_digest", "digest.key.copy"),
    ("escape", "back", "actions.key.close"),
)
# Short of room the key bar leaves these out first, in this order: done and back always stay.
KEYBAR_DROP_FIRST = ("series", "toggle_open", "copy_digest", "change('reopened')", "owner")


def bindings(lang: str) -> list[Binding]:
    """The screen's bindings, described in `lang`."""
    return [Binding(key, action, t(label, lang)) for key, action, label in KEYS]


class CommentScreen(ModalScreen[str | None]):
    """One line of comment for a change of status; Enter saves (empty is fine), Esc gives up."""

    DEFAULT_CSS = """
    CommentScreen { align: center middle; }
    CommentScreen > #comment-panel {
        width: 90; max-width: 95%; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, prompt: str, title: str) -> None:
        super().__init__()
        self.prompt = prompt
        self.heading = title

    def compose(self) -> ComposeResult:
        with Vertical(id="comment-panel"):
            yield Label(literal(self.heading), id="comment-title")
            yield Label(literal(self.prompt), id="comment-prompt")
            yield Input(id="comment-input")

    def on_mount(self) -> None:
        self.query_one("#comment-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ActionsScreen(Screen[None]):
    """Open, due today, overdue and done actions across every session, filtered by owner or series."""

    DEFAULT_CSS = """
    ActionsScreen #actions-title { height: 1; padding: 0 1; text-style: bold; }
    ActionsScreen #actions-owner { margin: 0 1; }
    ActionsScreen #actions-table { height: 2fr; }
    ActionsScreen #actions-history { height: 1fr; min-height: 4; padding: 0 1;
        border-top: solid $primary; }
    ActionsScreen #actions-status { height: 1; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [*bindings("en")]

    def __new__(cls, *args: Any, **kwargs: Any) -> ActionsScreen:
        if cls is ActionsScreen:  # the key bar says what each key does in the screen's language
            lang = kwargs.get("lang", args[1] if len(args) > 1 else "en")
            cls = with_bindings(cls, tuple(bindings(lang)))
        return super().__new__(cls)

    def __init__(self, datadir: DataDir, lang: str, clock: Clock) -> None:
        super().__init__()
        self.datadir = datadir
        self.lang = lang
        self.clock = clock
        self.book: ActionBook | None = None
        self.owner: str | None = None
        # While a name is typed in the owner box: everyone it may mean so far (None: no filter).
        self.owners: tuple[str, ...] | None = None
        self.series: str | None = None
        self.open_only = False
        self.rows: list[ActionItem | None] = []  # None for a group heading

    def compose(self) -> ComposeResult:
        yield Static(t("actions.title", self.lang), id="actions-title")
        yield Input(placeholder=t("actions.filter_owner", self.lang), id="actions-owner")
        table: DataTable[Any] = DataTable(id="actions-table", cursor_type="row")
        yield table
        yield Static("", id="actions-history")
        yield Static("", id="actions-status")
        yield KeyBar(palette_label=t("key.palette", self.lang), drop_first=KEYBAR_DROP_FIRST)

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#actions-table", DataTable).focus()

    # -- data ----------------------------------------------------------------------------------

    def today(self) -> date:
        return self.clock.wall().date()

    def now(self) -> float:
        return self.clock.wall().timestamp()

    def reload(self) -> None:
        self.book = load_actions(self.datadir)
        self.show()

    def shown_actions(self) -> list[ActionItem]:
        if self.book is None:
            return []
        return select(
            self.book.actions,
            open_only=self.open_only,
            owner=self.owner,
            series=self.series,
            owners=self.owners,
        )

    # -- display -------------------------------------------------------------------------------

    def show(self) -> None:
        lang = self.lang
        today = self.today()
        table = self.query_one("#actions-table", DataTable)
        keep = self.current()
        table.clear(columns=True)
        groups = grouped(self.shown_actions(), today)
        # The due column is as wide as its dates: a group's heading wraps in it, not widens it.
        dues = [a.due.isoformat() if a.due else "-" for g in GROUPS for a in groups[g]]
        due_width = max(cell_len(text) for text in [t("actions.col.due", lang), *dues])
        for key in ("due", "owner", "status", "what", "criteria", "origin", "ref"):
            width = due_width if key == "due" else None
            table.add_column(t(f"actions.col.{key}", lang), key=key, width=width)
        self.rows = []
        for group in GROUPS:
            members = groups[group]
            if not members:
                continue
            # Counted in the status line: the heading stays short enough for the due column.
            heading = Text(t(f"actions.group.{group}", lang), style="bold")
            table.add_row(heading, "", "", "", "", "", "", key=f"group:{group}", height=None)
            self.rows.append(None)
            style = GROUP_STYLES[group]
            for a in members:
                status = t(f"status.{a.status}", lang)
                late = a.days_overdue(today)
                if late:
                    status += " · " + t("actions.overdue_days", lang, days=late)
                table.add_row(
                    Text(a.due.isoformat() if a.due else "-", style=style),
                    literal_text(a.owner or "-"),
                    Text(status, style=style),
                    literal_text(a.text, style),
                    literal_text(a.criteria),
                    literal_text(f"{a.origin_date or ''} {a.origin_title}".strip()),
                    literal_text(a.ref, "dim"),
                    key=a.ref,
                )
                self.rows.append(a)
        if keep is not None and keep in self.rows:
            table.move_cursor(row=self.rows.index(keep))
        elif len(self.rows) > 1 and self.rows[0] is None:
            table.move_cursor(row=1)
        counts = {g: len(groups[g]) for g in GROUPS}
        summary = t("actions.summary", lang, **counts)
        filters = [
            f"@{self.owner}" if self.owner else "",
            "@" + "/".join(self.owners) if self.owners else "",
            self.series or t("actions.all_series", lang),
            t("actions.open_only", lang) if self.open_only else "",
        ]
        if self.book is not None and not self.book.actions:
            summary = t("actions.none", lang)
        elif not any(counts.values()):
            summary = t("actions.none_match", lang)
        self.query_one("#actions-status", Static).update(
            literal("  ·  ".join(part for part in [summary, *filters] if part))
        )
        self.show_history()

    def current(self) -> ActionItem | None:
        table = self.query_one("#actions-table", DataTable)
        row = table.cursor_row
        if 0 <= row < len(self.rows):
            return self.rows[row]
        return None

    def show_history(self) -> None:
        lang = self.lang
        action = self.current()
        panel = self.query_one("#actions-history", Static)
        if action is None:
            panel.update("")
            return
        out = Text()
        out.append(t("actions.history", lang, ref=action.ref) + "\n", style="bold")
        if action.criteria:
            out.append(f"{t('actions.col.criteria', lang)}: {action.criteria}\n")
        if not action.history:
            origin = f"{action.origin_date or ''} {action.origin_title}".strip()
            out.append(t("actions.history_none", lang, origin=origin) + "\n", style="dim")
        for change in action.history:
            where = change.where
            if where == WHERE_SCREEN:
                where = t("actions.where.screen", lang)
            elif where == "cli":
                where = t("actions.where.cli", lang)
            status = status_after(change.status)
            out.append(
                t(
                    "actions.history_row",
                    lang,
                    when=local_stamp(change.at, self._offset()),
                    status=t(f"status.{status}", lang),
                    comment=change.comment or "",
                    where=where,
                )
                + "\n"
            )
        panel.update(without_control(out))

    def _offset(self) -> int:
        offset = self.clock.wall().utcoffset()
        return int(offset.total_seconds()) if offset is not None else 0

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_history()

    # -- filters -------------------------------------------------------------------------------

    def action_owner(self) -> None:
        self.query_one("#actions-owner", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "actions-owner":
            return
        event.stop()
        self.apply_owner(event.value)
        self.query_one("#actions-table", DataTable).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """The list narrows as a name is typed, to everyone it may mean so far."""
        if event.input.id != "actions-owner":
            return
        event.stop()
        typed = event.value.strip()
        meant = owners_meant(typed, self.book.owners if self.book else []) if typed else None
        if meant is not None and len(meant) == 1:
            self.owner, self.owners = meant[0], None
        else:
            self.owner, self.owners = None, meant
        self.show()

    def apply_owner(self, typed: str) -> bool:
        """Enter in the owner box: the one owner meant, or why not (the list stays as it is)."""
        typed = typed.strip()
        if not typed:
            self.owner = None
        else:
            try:
                self.owner = resolve_owner(typed, self.book.owners if self.book else [])
            except ActionError as exc:
                self.notify(error_text(exc, self.lang), severity="error", markup=False)
                return False
        self.owners = None
        self.show()
        return True

    def action_series(self) -> None:
        names: list[str | None] = [None, *(self.book.series if self.book else [])]
        self.series = names[(names.index(self.series) + 1) % len(names)]
        self.show()

    def action_toggle_open(self) -> None:
        self.open_only = not self.open_only
        self.show()

    def action_back(self) -> None:
        box = self.query_one("#actions-owner", Input)
        if box.has_focus:
            self.query_one("#actions-table", DataTable).focus()
            return
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit(0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the owner box has focus these keys are letters being typed.
        typing = self.query_one("#actions-owner", Input).has_focus
        keys = ("change", "owner", "series", "toggle_open", "copy_digest")
        return not (typing and action in keys)

    def action_copy_digest(self) -> None:
        """The digest of the series shown (else of the latest meeting), for the owner shown."""
        today = self.today()
        try:
            if self.series is not None:
                found = series_digest(
                    self.datadir, self.series, today, lang=self.lang, owner=self.owner
                )
            else:
                latest = latest_session(self.book) if self.book else None
                if latest is None:
                    self.notify(t("digest.nothing", self.lang), markup=False)
                    return
                record = self.datadir.read(latest)
                found = session_digest(
                    self.datadir, record, today, lang=self.lang, owner=self.owner
                )
        except StoreError as exc:  # the owner has nothing there, or the session is unreadable
            self.notify(error_text(exc, self.lang), severity="error", markup=False)
            return
        copy_digest(self, found)

    # -- changes -------------------------------------------------------------------------------

    def action_change(self, status: str) -> None:
        action = self.current()
        if action is None:
            return
        shown = status_after(status)
        prompt = t("actions.comment_prompt", self.lang, status=t(f"status.{shown}", self.lang))

        def answered(comment: str | None) -> None:
            if comment is not None:
                self.record(action.ref, status, comment)

        self.app.push_screen(CommentScreen(prompt, action.text), answered)

    def record(self, ref: str, status: str, comment: str | None) -> ActionItem | None:
        """Record one change in the ledger, with the time and "actions screen"."""
        try:
            action = change_status(
                self.datadir, ref, status, comment, self.now(), WHERE_SCREEN, book=self.book
            )
        except ActionError as exc:
            self.notify(error_text(exc, self.lang), severity="error", markup=False)
            return None
        self.show()
        self.notify(
            t(
                "actions.changed",
                self.lang,
                ref=action.ref,
                status=t(f"status.{action.status}", self.lang),
            ),
            markup=False,
        )
        return action
