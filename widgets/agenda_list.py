"""The agenda in running order: a mark per section (done, now, next, not reached, deferred) and its times."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from agendas.durations import format_clock
from widgets.cells import fit
from widgets.rows import AgendaRow
from widgets.text import literal

# Narrow (East Asian width N) characters only, so Chinese terminals keep the columns straight.
MARKS = {"done": "✓", "current": "▸", "next": "›", "pending": " ", "deferred": "»"}
STYLES = {
    "done": "$text-muted",
    "current": "bold $accent",
    "next": "$text",
    "pending": "$text",
    "deferred": "italic $text-muted",
}


class AgendaList(Widget):
    """Renders the rows the screen hands it, fitted to its own width."""

    DEFAULT_CSS = """
    AgendaList {
        height: auto;
    }
    """

    # Fed by the screen (`data_bind`); a reactive compares, so equal rows repaint nothing.
    rows: reactive[list[AgendaRow]] = reactive(list, init=False)

    def watch_rows(self, old: list[AgendaRow], new: list[AgendaRow]) -> None:
        # A running section's time changes every second; the height only with the rows' count.
        if len(old) != len(new):
            self.refresh(layout=True)

    def show(self, rows: list[AgendaRow]) -> None:
        self.rows = list(rows)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return max(1, len(self.rows))

    def render(self) -> Content:
        width = self.content_size.width or 30
        lines = []
        # Narrow panes keep the titles and drop the times (the countdown shows the current one).
        all_times = [self._times(row) if width >= 24 else "" for row in self.rows]
        # One column, as wide as its widest entry, never more than half the pane.
        column = min(width // 2, max((cell_len(times) for times in all_times), default=0))
        for row, times in zip(self.rows, all_times, strict=True):
            times = fit(times, column, "right") if times else ""
            prefix = f"{MARKS.get(row.state, ' ')} {row.number:>2} "
            title_width = max(4, width - len(prefix) - cell_len(times) - (1 if times else 0))
            style = STYLES.get(row.state, "")
            time_style = "bold $error" if row.over else style
            lines.append(
                Content.assemble(
                    (prefix, style),
                    literal(fit(row.title, title_width), style),
                    (" " + times if times else "", time_style),
                )
            )
        return Content("\n").join(lines)

    @staticmethod
    def _times(row: AgendaRow) -> str:
        """The planned time as the presenter wrote it; with the time used, once begun."""
        if row.state in ("pending", "next") and not row.used:
            return row.planned_text
        return f"{format_clock(row.used)}/{row.planned_text}"
