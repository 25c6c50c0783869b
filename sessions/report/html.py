"""The scorecard as one self-contained HTML page: the minutes' blocks and styles, plus charts drawn as inline SVG.

No script and nothing fetched: the page prints on A4 as it shows on screen.
"""

from __future__ import annotations

from html import escape

from agendas.text import strip_control
from sessions.minutes import html as minutes_html
from sessions.minutes.docx import TEXT_WIDTH_MM, column_widths
from sessions.minutes.layout import Block, Table
from sessions.numbers import percent_text
from sessions.report.layout import Chart, ReportBlock, document_title, layout
from sessions.report.pages import paged
from sessions.scorecard import Scorecard

# The charts, and the tables set in the columns Word gives them (`column_widths`): a long title
# or a list of sections wraps in its own room instead of crushing the others. Word's measure is
# of 10.5 pt type with room for wider fonts; set at 9 pt, a column needs under 0.85 of it, so a
# table splits (`paged`) only where the page has no room for it at that size.
REPORT_CSS = """
figure.chart { margin: .6em 0 1.2em; break-inside: avoid; page-break-inside: avoid; }
figure.chart figcaption { font-weight: 600; font-size: 10pt; margin-bottom: .3em; }
figure.chart svg { width: 100%; max-width: 170mm; height: auto; font-size: 11px; }
figure.chart .axis { stroke: #999; stroke-width: 1; }
figure.chart .grid { stroke: #ddd; stroke-width: 1; }
figure.chart .reference { stroke: #c62828; stroke-width: 1; stroke-dasharray: 4 3; }
figure.chart text { fill: #333; }
table { table-layout: fixed; font-size: 9pt; }
th, td { padding: .2em .3em; }
@media print { figure.chart svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
""".strip()

# Told apart in print too: dark, saturated, and each line also has its own marker size.
PALETTE = ("#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#4e342e", "#37474f")
TABLE_WIDTH_MM = TEXT_WIDTH_MM / 0.85
WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 52, 150, 14, 34


def _svg_text(value: str) -> str:
    return escape(strip_control(value), quote=True)


PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


class _Plot:
    """One chart drawn as SVG: grid and axes, each series' bars or line and key, the reference."""

    def __init__(self, chart: Chart) -> None:
        self.chart = chart
        values = [v for _name, points in chart.series for v in points if v is not None]
        self.top = max([chart.reference * 1.2, *(v * 1.1 for v in values)]) or 1.0
        self.step = PLOT_W / max(1, len(chart.labels))

    def x(self, i: int) -> float:
        """The middle of a meeting's column."""
        return LEFT + self.step * (i + 0.5)

    def y(self, v: float) -> float:
        return TOP + PLOT_H * (1 - v / self.top)

    def svg(self) -> str:
        chart = self.chart
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img"'
            f' aria-label="{_svg_text(chart.title)}">',
            *self.axes(),
        ]
        for n, (name, points) in enumerate(chart.series):
            colour = PALETTE[n % len(PALETTE)]
            draw = self.bars if chart.bars else self.line
            parts += [*draw(n, name, points, colour), *self.key(n, name, colour)]
        parts += [self.reference(), "</svg>"]
        return "\n".join(parts)

    def axes(self) -> list[str]:
        """The grid at shares of the reference level, both axes, and the meetings under them."""
        parts = []
        reference = self.chart.reference
        for tick in (0.0, reference / 2, reference, reference * 1.5):
            if tick > self.top:
                continue
            parts.append(
                f'<line class="grid" x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{self.y(tick):.1f}" y2="{self.y(tick):.1f}"/>'
            )
            parts.append(
                f'<text x="{LEFT - 6}" y="{self.y(tick) + 4:.1f}" text-anchor="end">{percent_text(tick)}</text>'
            )
        parts.append(f'<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + PLOT_H}"/>')
        parts.append(
            f'<line class="axis" x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{TOP + PLOT_H}" y2="{TOP + PLOT_H}"/>'
        )
        for i, label in enumerate(self.chart.labels):
            parts.append(
                f'<text x="{self.x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{_svg_text(label)}</text>'
            )
        return parts

    def bars(self, n: int, name: str, points: list[float | None], colour: str) -> list[str]:
        """The n-th series' bars, side by side with the other series' in each meeting's column."""
        bar_w = self.step * 0.6 / max(1, len(self.chart.series))
        parts = []
        for i, v in enumerate(points):
            if v is None:
                continue
            left = self.x(i) - self.step * 0.3 + n * bar_w
            parts.append(
                f'<rect x="{left:.1f}" y="{self.y(v):.1f}" width="{bar_w:.1f}" height="{TOP + PLOT_H - self.y(v):.1f}"'
                f' fill="{colour}">{_tip(name, v)}</rect>'
            )
        return parts

    def line(self, n: int, name: str, points: list[float | None], colour: str) -> list[str]:
        """The series as a line broken where a meeting has no value, with a marker on each value."""
        parts = []
        run: list[str] = []
        for i, v in enumerate([*points, None]):
            if v is not None:
                run.append(f"{self.x(i):.1f},{self.y(v):.1f}")
                continue
            if len(run) > 1:
                parts.append(
                    f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(run)}"/>'
                )
            run = []
        for i, v in enumerate(points):
            if v is not None:
                parts.append(
                    f'<circle cx="{self.x(i):.1f}" cy="{self.y(v):.1f}" r="{3 + n % 3}" fill="{colour}">'
                    f"{_tip(name, v)}</circle>"
                )
        return parts

    def key(self, n: int, name: str, colour: str) -> list[str]:
        """The n-th series' entry in the key right of the plot."""
        key_y = TOP + 8 + 16 * n
        return [
            f'<rect x="{WIDTH - RIGHT + 12}" y="{key_y - 8}" width="10" height="10" fill="{colour}"/>',
            f'<text x="{WIDTH - RIGHT + 28}" y="{key_y + 1}">{_svg_text(name)}</text>',
        ]

    def reference(self) -> str:
        ref = self.y(self.chart.reference)
        return f'<line class="reference" x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{ref:.1f}" y2="{ref:.1f}"/>'


def _tip(name: str, v: float) -> str:
    """What a bar or a marker shows on hover: the series and its value."""
    return f"<title>{_svg_text(name)}: {percent_text(v)}</title>"


def _chart(chart: Chart) -> str:
    return (
        f'<figure class="chart {_svg_text(chart.name)}">'
        f"<figcaption>{_svg_text(chart.title)}</figcaption>\n" + _Plot(chart).svg() + "\n</figure>"
    )


def _widths(table: Table) -> list[float]:
    return column_widths(table, TABLE_WIDTH_MM)


def render(sc: Scorecard, lang: str) -> str:
    body: list[str] = []
    run: list[Block] = []
    blocks: list[ReportBlock] = paged(layout(sc, lang), TABLE_WIDTH_MM)
    for block in blocks:
        if isinstance(block, Chart):
            if run:
                body.append(minutes_html.render_body(run, lang, _widths))
                run = []
            if block.labels and any(v is not None for _n, points in block.series for v in points):
                body.append(_chart(block))
        else:
            run.append(block)
    if run:
        body.append(minutes_html.render_body(run, lang, _widths))
    css = f"{minutes_html.CSS}\n{REPORT_CSS}"
    return minutes_html.page("\n".join(body), lang, document_title(sc, lang), css)
