"""HTML minutes: one self-contained page that reads on screen and prints on A4, every user text escaped."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from html import escape

from agendas.text import strip_control
from sessions.minutes.layout import Block, Bullets, Fields, Heading, ListItem, Paragraph, Table

CSS = """
:root { color-scheme: light; }
body {
  font-family: "Segoe UI", "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
    "Noto Color Emoji", sans-serif;
  font-size: 11pt; line-height: 1.5; color: #1a1a1a;
  max-width: 190mm; margin: 2em auto; padding: 0 1em;
  overflow-wrap: anywhere;
}
h1 { font-size: 18pt; margin: 0 0 .4em; border-bottom: 2px solid #333; padding-bottom: .2em; }
h2 { font-size: 13.5pt; margin: 1.4em 0 .5em; border-bottom: 1px solid #bbb; padding-bottom: .1em; }
h3 { font-size: 11.5pt; margin: 1em 0 .3em; }
p { margin: .4em 0; }
.muted { color: #666; font-size: 9.5pt; }
.strong { font-weight: 600; margin-top: .8em; }
.warning { border-left: 4px solid #c62828; background: #fdecea; padding: .5em .8em; font-weight: 600; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1.2em; margin: .6em 0 1em; }
dl.fields dt { font-weight: 600; color: #444; }
dl.fields dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: 10pt; }
th, td { border: 1px solid #999; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: 600; overflow-wrap: normal; }
td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; }
td.r, td.nw, th.nw { white-space: nowrap; }
tfoot td { font-weight: 600; background: #f6f6f6; }
table.signoff td { height: 12mm; }
table.signoff td:first-child { width: 30%; }
table.signoff td:last-child { width: 25%; }
ul, ol { margin: .3em 0 .8em; padding-left: 1.6em; }
li { margin: .15em 0; }
.time { font-variant-numeric: tabular-nums; color: #555; margin-right: .4em; }
.label { font-weight: 600; }
.note { color: #666; font-size: 9.5pt; }
@page { size: A4; margin: 18mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 10.5pt; }
  h1, h2, h3, .strong { break-after: avoid; page-break-after: avoid; }
  table { page-break-inside: auto; }
  tr, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  table.signoff, dl.fields { break-inside: avoid; page-break-inside: avoid; }
  .warning { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".strip()


def _text(value: str) -> str:
    """User text escaped, its own direction isolated (right-to-left names stay readable), line breaks kept."""
    lines = escape(value.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    return "<bdi>" + "<br>".join(lines) + "</bdi>"


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _item(item: ListItem, lang: str) -> str:
    parts = []
    if item.time:
        parts.append(f'<span class="time">{escape(item.time)}</span>')
    if item.label:
        parts.append(f'<span class="label">{escape(item.label)}</span>{_colon(lang)}')
    parts.append(_text(item.text))
    if item.note:
        parts.append(f' <span class="note">({_text(item.note)})</span>')
    return f"<li>{''.join(parts)}</li>"


def _short(text: str) -> bool:
    """A date, number, status or short name: wrapping it would only make it unreadable."""
    if any(ch.isspace() for ch in text):
        return False
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text) <= 12


def _cells(cells: list[str], align: str, tag: str) -> str:
    out = []
    for i, cell in enumerate(cells):
        classes = []
        if i < len(align) and align[i] == "r":
            classes.append("r")
        if cell and _short(cell):
            classes.append("nw")
        cls = f' class="{" ".join(classes)}"' if classes else ""
        out.append(f"<{tag}{cls}>{_text(cell) if cell else ''}</{tag}>")
    return "<tr>" + "".join(out) + "</tr>"


def _table(table: Table, widths: list[float] | None = None) -> str:
    name = escape(table.name)
    parts = [f'<table class="{name}">']
    if widths:
        cols = "".join(f'<col style="width: {100 * w / sum(widths):.1f}%">' for w in widths)
        parts.append(f"<colgroup>{cols}</colgroup>")
    parts += [
        "<thead>",
        _cells(table.header, table.align, "th"),
        "</thead>",
    ]
    if table.footer:
        parts += ["<tfoot>", _cells(table.footer, table.align, "td"), "</tfoot>"]
    parts.append("<tbody>")
    parts += [_cells(row, table.align, "td") for row in table.rows]
    parts += ["</tbody>", "</table>"]
    return "\n".join(parts)


def render_blocks(blocks: list[Block], lang: str, title: str) -> str:
    return page(render_body(blocks, lang), lang, title)


def render_body(
    blocks: list[Block], lang: str, widths: Callable[[Table], list[float]] | None = None
) -> str:
    """The blocks as the HTML inside a page's body (the scorecard report puts charts between);
    `widths` gives each table's columns their share of the page (the report's, as in Word)."""
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{_text(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            if block.code:
                continue  # a command to type: printed minutes are read, not typed from
            cls = f' class="{block.style}"' if block.style else ""
            body.append(f"<p{cls}>{_text(block.text)}</p>")
        elif isinstance(block, Fields):
            rows = "".join(
                f"<dt>{escape(label)}</dt><dd>{_text(value)}</dd>" for label, value in block.pairs
            )
            body.append(f'<dl class="fields">{rows}</dl>')
        elif isinstance(block, Table):
            body.append(_table(block, widths(block) if widths else None))
        elif isinstance(block, Bullets):
            tag = "ol" if block.ordered else "ul"
            items = "\n".join(_item(item, lang) for item in block.items)
            body.append(f"<{tag}>\n{items}\n</{tag}>")
    return "\n".join(body)


def page(body: str, lang: str, title: str, css: str = CSS) -> str:
    """A whole printable page around `body`."""
    html_lang = "zh-CN" if lang == "zh" else "en"
    # The one exit of every HTML page (minutes, notice, scorecard): no control character leaves.
    return strip_control(
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n"
        + body
        + "\n</body>\n</html>\n"
    )
