"""The scorecard's charts drawn by textual-plotext, in the colours of the app's theme."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.color import Color

from agendas.text import strip_control
from tui.presenters.scorecard import Plot

if TYPE_CHECKING:
    from textual_plotext import PlotextPlot

# The theme's colours the lines take in turn; the reference level is drawn in the muted text's.
LINE_COLOURS = ("primary", "secondary", "accent", "success", "warning", "error")
MAX_TICKS = 8  # meeting labels under a chart; between them, the marks go unlabelled


def _rgb(theme: dict[str, str], name: str) -> tuple[int, int, int]:
    return Color.parse(theme.get(name) or theme.get("foreground") or "#888888").rgb


def _ticks(labels: tuple[str, ...]) -> tuple[list[int], list[str]]:
    step = max(1, -(-len(labels) // MAX_TICKS))
    at = list(range(1, len(labels) + 1, step))
    return at, [_tick(strip_control(labels[i - 1])) for i in at]


def _tick(label: str) -> str:
    """`12-01` of an ISO date (`12-01 09:00` with the time that tells one meeting from another)."""
    return label[5:] if label[:4].isdigit() and label[4:5] == "-" else label[-5:]


def colour_of(theme: dict[str, str], n: int) -> tuple[int, int, int]:
    """The colour of the chart's `n`th line."""
    return _rgb(theme, LINE_COLOURS[n % len(LINE_COLOURS)])


def legend(plot: Plot, theme: dict[str, str]) -> Text:
    """Under the chart, each line's name in its colour (plotext's own legend miscounts CJK widths)."""
    shown = Text(end="")
    for n, (name, _values) in enumerate(plot.lines):
        r, g, b = colour_of(theme, n)
        shown.append("■ ", style=f"rgb({r},{g},{b})")
        shown.append(strip_control(name) + "  ")
    return shown


def draw(widget: PlotextPlot, plot: Plot, theme: dict[str, str]) -> None:
    """Draw `plot` on the widget: percentages over the meetings, the reference as a line."""
    plt: Any = widget.plt
    plt.clear_data()
    plt.clear_figure()
    plt.title(strip_control(plot.title))
    count = len(plot.labels)
    for n, (_name, values) in enumerate(plot.lines):
        colour = colour_of(theme, n)
        points = [(i + 1, v * 100) for i, v in enumerate(values) if v is not None]
        if not points:
            continue
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        if plot.bars:
            plt.bar(xs, ys, color=colour, width=0.4)
        else:
            plt.plot(xs, ys, color=colour, marker="braille")
    plt.hline(plot.reference * 100, _rgb(theme, "foreground-muted"))
    if count:
        plt.xlim(0.5, count + 0.5)
        plt.xticks(*_ticks(plot.labels))
    plt.ylabel("%")
    widget.refresh()
