"""The series scorecard screen: sales, follow-through, participation and the meetings, one tab each, with charts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static, TabbedContent, TabPane
from textual.widgets.tabbed_content import ContentTabs

from sessions.datadir import DataDir
from sessions.i18n import error_text, t
from sessions.scorecard import load_scorecard
from tui.columns import headings_to_fit
from tui.presenters.scorecard import PARTS, Grid, Note, Part, Plot, ScorecardView, scorecard_view
from tui.screens.keys import ScreenKey, described, help_rows, palette_entries, with_bindings
from tui.screens.screen_palette import ScreenCommands
from tui.screens.shell import shell_of
from widgets.keybar import KeyBar
from widgets.table import RowTable, fitting_column
from widgets.text import literal, literal_text

if TYPE_CHECKING:
    from textual_plotext import PlotextPlot

# The screen's keys: its key bar, its help overlay (F1) and its palette entries.
SCORECARD_KEYS = (
    ScreenKey("1 2 3 4", "sc.key.parts"),
    ScreenKey("n", "sc.key.next", "next_part"),
    ScreenKey("↑ ↓ ← → PgUp PgDn", "sc.key.scroll"),
    ScreenKey("F1", "key.help", "help"),
    ScreenKey("esc", "sc.key.back", "back"),
    ScreenKey("ctrl+p", "key.palette", foot=False),
)
SCROLL_KEYS = {
    "up": "up",
    "down": "down",
    "left": "left",
    "right": "right",
    "pageup": "page_up",
    "pagedown": "page_down",
    "home": "home",
    "end": "end",
}
SIDEWAYS = {"left": -1, "right": 1}  # columns a key scrolls the tables by
# Short of room the key bar leaves these out first, in this order; esc (back) stays.
KEYBAR_DROP_FIRST = ("part('sales')", "next_part", "help")
PARTS_KEY = "part('sales')"  # 1 stands in the key bar for 1 2 3 4
PARTS_KEY_DISPLAY = "1-4"
PART_TITLES = {
    "sales": "sc.h.sales",
    "follow": "sc.h.follow",
    "people": "sc.h.people",
    "meetings": "sc.h.meetings",
}


# The part's padding and its scrollbar: what a table may not take of the screen's width.
GRID_MARGIN = 4
# Between two batches of the scorecard's widgets: a frame's time, so that each is drawn.
BATCH_INTERVAL = 1 / 30
# After the first: the first frame a start shows is the one the terminal's size brings (Textual
# drops the one drawn before it), later than a frame's time; the next table, mounted before it,
# would be laid out and drawn first. The rest is below the fold or in the other parts.
FIRST_FRAME_WAIT = 0.15


def keybar_bindings(bindings: list[BindingType], lang: str) -> tuple[BindingType, ...]:
    """The screen's bindings described in `lang`; 1 shown as `1-4`, the keys of the parts."""
    parts = t("sc.key.parts", lang)
    return tuple(
        replace(b, description=parts, show=True, key_display=PARTS_KEY_DISPLAY)
        if isinstance(b, Binding) and b.action == PARTS_KEY
        else b
        for b in described(bindings, SCORECARD_KEYS, lang)
    )


def pane_id(part: str) -> str:
    return f"sc-part-{part}"


def open_scorecard(
    screen: Screen[Any], datadir: DataDir, series: str | None, lang: str, status: Static
) -> None:
    """Open the scorecard of `series` over `screen`; without a series, say so on `status`."""
    if series:
        screen.app.push_screen(ScorecardScreen(datadir, series, lang))
    else:
        status.update(t("sc.none_for_session", lang))


class ScorecardScreen(Screen[None]):
    """One series' scorecard: worked out off the UI thread, then shown part by part."""

    DEFAULT_CSS = """
    ScorecardScreen #sc-title { height: 1; padding: 0 1; text-style: bold; }
    ScorecardScreen #sc-period { height: 1; padding: 0 1; color: $text-muted; }
    ScorecardScreen #sc-parts { height: 1fr; }
    ScorecardScreen TabPane { padding: 0; }
    ScorecardScreen .sc-body { height: 1fr; padding: 0 1; overflow-x: hidden; }
    ScorecardScreen .sc-subtitle { margin-top: 1; text-style: bold; }
    ScorecardScreen .sc-grid { width: auto; max-width: 100%; height: auto; max-height: 1000; }
    ScorecardScreen .sc-note { margin-top: 1; }
    ScorecardScreen .sc-note.-warning { color: $warning; text-style: bold; }
    ScorecardScreen .sc-note.-muted { color: $text-muted; }
    ScorecardScreen .sc-plot { height: 14; margin-top: 1; }
    ScorecardScreen .sc-legend { height: auto; padding: 0 2; }
    """
    BINDINGS = [
        Binding("1", "part('sales')", show=False),
        Binding("2", "part('follow')", show=False),
        Binding("3", "part('people')", show=False),
        Binding("4", "part('meetings')", show=False),
        Binding("n", "next_part", "Next part"),
        *(
            Binding(key, f"scroll('{direction}')", show=False)
            for key, direction in SCROLL_KEYS.items()
        ),
        Binding("f1", "help", "Help"),
        Binding("escape", "back", "Back"),
    ]
    COMMANDS = {ScreenCommands}
    # Nothing takes focus: the keys are the screen's. ("" rather than None, which would take
    # the app's: the tabs focused, then let go of, each restyling and redrawing them.)
    AUTO_FOCUS = ""

    def __new__(cls, *args: Any, **kwargs: Any) -> ScorecardScreen:
        if cls is ScorecardScreen:  # the key bar in the screen's language
            lang = kwargs.get("lang", args[2] if len(args) > 2 else "en")
            cls = with_bindings(cls, keybar_bindings(cls.BINDINGS, lang))
        return super().__new__(cls)

    def __init__(self, datadir: DataDir, series: str, lang: str) -> None:
        super().__init__()
        self.datadir = datadir
        self.series = series
        self.lang = lang
        self.view: ScorecardView | None = None
        self.complete = False  # every part mounted and its charts drawn
        self._plots: list[tuple[PlotextPlot, Static, Plot]] = []
        self._pending: list[tuple[ScrollableContainer, Callable[[], list[Widget]]]] = []
        self._ready: ScorecardView | str | None = None  # worked out before the screen was shown

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(literal(t("sc.title", lang, series=self.series)), id="sc-title")
        yield Static(t("sc.screen.loading", lang), id="sc-period")
        with TabbedContent(id="sc-parts"):
            for part in PARTS:
                with TabPane(t(PART_TITLES[part], lang), id=pane_id(part)):
                    yield ScrollableContainer(
                        classes="sc-body", id=f"sc-body-{part}", can_focus=False
                    )
        yield KeyBar(palette_label=t("key.palette", lang), drop_first=KEYBAR_DROP_FIRST)

    def on_mount(self) -> None:
        # Nothing takes focus: the keys are the screen's (the tabs would take ← → for themselves).
        self.query_one(ContentTabs).can_focus = False
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.redraw_plots())
        if self._ready is None:
            self.load()
        else:
            self._show(self._ready)

    # -- data ----------------------------------------------------------------------------------

    def work_out(self, today: date) -> None:
        """Work the scorecard out now, before the screen is shown: opened on its own (`minutely
        series NAME`) it has nothing else to show, and its first frame then holds the figures
        (worked out in a worker instead, they would take turns with drawing an empty screen)."""
        self._ready = self._worked_out(today)

    def _worked_out(self, today: date) -> ScorecardView | str:
        """The scorecard as `today` sees it, or what kept it from being worked out."""
        try:
            card = load_scorecard(self.datadir, self.series, today)
        except Exception as exc:  # a damaged index or ledger: say so on the screen
            return error_text(exc, self.lang)
        return scorecard_view(card, self.lang)

    @work(thread=True, exclusive=True, group="scorecard", exit_on_error=False)
    def load(self) -> None:
        """Read the series and work the scorecard out off the UI thread, then show it."""
        found = self._worked_out(shell_of(self).clock.wall().date())
        self.app.call_from_thread(self._show, found)

    def _show(self, found: ScorecardView | str) -> None:
        if isinstance(found, str):
            self.show_problem(found)
        else:
            self.show_view(found)

    def show_problem(self, message: str) -> None:
        self.query_one("#sc-period", Static).update(literal(message))

    # -- display -------------------------------------------------------------------------------

    def show_view(self, view: ScorecardView) -> None:
        """Title and period at once; then the parts a table at a time, the sales' first table first."""
        self.view = view
        self.query_one("#sc-title", Static).update(literal(view.title))
        self.query_one("#sc-period", Static).update(literal(view.period or view.empty))
        self._pending = [
            (self.query_one(f"#sc-body-{part.key}", ScrollableContainer), batch)
            for part in view.parts
            for batch in self.part_batches(part)
        ]
        self.mount_next(FIRST_FRAME_WAIT)

    def mount_next(self, wait: float = BATCH_INTERVAL) -> None:
        # One table (or the notes, or the charts) per frame: the first rows show without
        # waiting for hundreds of others, in parts not even on screen yet, to be laid out;
        # `wait` before the next batch.
        if not self._pending:
            self.complete = True
            return
        body, batch = self._pending.pop(0)
        body.mount_all(batch())
        # Not `call_after_refresh`: that runs before the frame is drawn, and every batch would be.
        self.set_timer(wait, self.mount_next)

    def part_batches(self, part: Part) -> list[Callable[[], list[Widget]]]:
        """What the part shows, in the order it is mounted: each grid, its notes, its charts."""
        batches: list[Callable[[], list[Widget]]] = [
            partial(self.grid_widgets, grid) for grid in part.grids
        ]
        if part.notes:
            batches.append(lambda: [self.note(note) for note in part.notes])
        if part.plots:
            batches.append(partial(self.plot_widgets, part))
        return batches

    def grid_widgets(self, grid: Grid) -> list[Widget]:
        title = [Static(literal(grid.title), classes="sc-subtitle")] if grid.title else []
        return [*title, self.grid_table(grid)]

    def plot_widgets(self, part: Part) -> list[Widget]:
        from textual_plotext import PlotextPlot  # lazy: start-up (the first rows come first)

        shown: list[Widget] = []
        for plot in part.plots:
            widget, key = PlotextPlot(classes="sc-plot"), Static("", classes="sc-legend")
            self._plots.append((widget, key, plot))
            shown += [widget, key]
        self.redraw_plots()  # the data now; each chart takes its size when it is drawn
        return shown

    def note(self, note: Note) -> Static:
        return Static(literal(note.text), classes=f"sc-note -{note.style or 'plain'}")

    def grid_table(self, grid: Grid) -> RowTable:
        """A row table of the grid, its rows drawn in its first frame: user text literal, marked
        rows in the theme's warning colour, the totals in bold; wider than the screen, it scrolls
        sideways with its first column (who or which meeting) kept in view."""
        table = RowTable(cursor=False, fixed_columns=1, id=f"sc-{grid.name}", classes="sc-grid")
        table.can_focus = False  # the screen's keys scroll the part; a table would take them
        # Short of width (80 columns), headings wider than their figures take two lines.
        rows = [*grid.rows, *([grid.footer] if grid.footer is not None else [])]
        labels, _two_lines = headings_to_fit(grid.columns, rows, self.app.size.width - GRID_MARGIN)
        warning = self.app.theme_variables.get("warning", "yellow")
        styles = [f"bold {warning}" if flagged else "" for flagged in grid.flagged]
        styles += ["bold"] * (len(rows) - len(grid.rows))
        cells = [self.cells(grid, row, style) for row, style in zip(rows, styles, strict=False)]
        columns = [
            fitting_column(str(n), literal_text(label), (row[n] for row in cells))
            for n, label in enumerate(labels)
        ]
        table.show_rows(columns, [(str(n), row) for n, row in enumerate(cells)])
        return table

    @staticmethod
    def cells(grid: Grid, row: tuple[str, ...], style: str) -> list[Text]:
        shown = []
        for text, right in zip(row, grid.right, strict=False):
            cell = literal_text(text, style)
            cell.justify = "right" if right else "left"
            shown.append(cell)
        return shown

    def redraw_plots(self) -> None:
        from tui.screens.scorecard_plots import draw, legend  # lazy: start-up (plotext)

        theme = self.app.theme_variables
        for widget, key, plot in self._plots:
            draw(widget, plot, theme)
            key.update(legend(plot, theme))

    # -- actions -------------------------------------------------------------------------------

    def action_part(self, part: str) -> None:
        self.query_one("#sc-parts", TabbedContent).active = pane_id(part)

    def action_next_part(self) -> None:
        tabs = self.query_one("#sc-parts", TabbedContent)
        at = next((i for i, p in enumerate(PARTS) if pane_id(p) == tabs.active), -1)
        tabs.active = pane_id(PARTS[(at + 1) % len(PARTS)])

    def action_scroll(self, direction: str) -> None:
        """The arrows and page keys scroll the part shown (nothing on this screen takes focus);
        ← → its tables sideways a column at a time, their first column staying."""
        active = self.query_one("#sc-parts", TabbedContent).active
        body = self.query_one(f"#sc-body-{active.removeprefix('sc-part-')}", ScrollableContainer)
        if direction in SIDEWAYS:
            for table in body.query(RowTable):
                table.scroll_columns(SIDEWAYS[direction])
        else:
            getattr(body, f"scroll_{direction}")(animate=False)

    def action_help(self) -> None:
        from tui.screens.help import KeysHelpScreen  # lazy: start-up (its first frame needs it not)

        rows = help_rows(SCORECARD_KEYS, self.lang)
        self.app.push_screen(
            KeysHelpScreen(t("sc.title", self.lang, series=self.series), rows, self.lang)
        )

    def palette_entries(self) -> list[tuple[str, str]]:
        """The palette's entries (ctrl+p): the screen's keys, in its language."""
        return palette_entries(SCORECARD_KEYS, self.lang)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit(0)
