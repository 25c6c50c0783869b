"""Word minutes (python-docx): real tables to sign on paper, and an East Asian font so Chinese shows."""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

from agendas.text import strip_control
from sessions.minutes.layout import Block, Bullets, Fields, Heading, ListItem, Paragraph, Table

# Word's own Chinese fonts; any Office install has them, LibreOffice substitutes its own.
EAST_ASIA_FONT = "Microsoft YaHei"
LATIN_FONT = "Calibri"
PAGE_MARGIN_MM = 18
TEXT_WIDTH_MM = 210 - 2 * PAGE_MARGIN_MM
MM_PER_CELL = 2.3  # a bold Latin character at 10.5 pt, with room for wider fallback fonts; CJK: two
CELL_PADDING_MM = 2.5
TEXT_LINE = 10  # cells: a text wraps between its words, to lines at least this wide
STYLES_WITH_FONT = (
    "Normal",
    "Title",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "List Number",
)

# Not characters in XML 1.0; control characters (which python-docx refuses) go with strip_control.
_NOT_XML = re.compile("[\ufffe\uffff]")


def _clean(text: str) -> str:
    """Every text that goes into the document passes here: line breaks kept, control characters dropped."""
    return _NOT_XML.sub("", strip_control(text.replace("\r\n", "\n").replace("\r", "\n")))


def _set_fonts(rpr: Any, lang: str) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(theme)) is not None:
            del fonts.attrib[qn(theme)]
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), "zh-CN" if lang == "zh" else "en-GB")
    lang_el.set(qn("w:eastAsia"), "zh-CN")


def _prepare(document: Any, lang: str) -> None:
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(PAGE_MARGIN_MM))
    for name in STYLES_WITH_FONT:
        style = document.styles[name]
        _set_fonts(style.element.get_or_add_rPr(), lang)
    document.styles["Normal"].font.size = Pt(10.5)


def _add_text(paragraph: Any, text: str, **style: Any) -> None:
    """Text with its line breaks, in runs that carry the given bold/italic/colour."""
    from docx.shared import RGBColor

    for n, line in enumerate(_clean(text).split("\n")):
        run = paragraph.add_run()
        if n:
            run.add_break()
        run.add_text(line)
        if style.get("bold"):
            run.bold = True
        if style.get("italic"):
            run.italic = True
        if style.get("color"):
            run.font.color.rgb = RGBColor.from_string(style["color"])


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _repeat_header(row: Any) -> None:
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = tr_pr.makeelement(qn("w:tblHeader"), {})
    tr_pr.append(header)


def _no_split(row: Any) -> None:
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:cantSplit"), {}))


def _cells_wide(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _longest_word(text: str) -> int:
    """Cells of the longest run that may not wrap (dates, numbers, Latin words)."""
    words = re.split(r"[\s\u3000-\u9fff\uff00-\uffef]+", text)
    return max((_cells_wide(w) for w in words), default=0)


def _text_line(text: str) -> int:
    """Cells of the narrowest line a text may wrap to: its longest word, and never under
    `TEXT_LINE` (a Chinese title or header, which may break anywhere, keeps five characters)."""
    return min(_cells_wide(text), max(_longest_word(text), TEXT_LINE))


def _sample(table: Table) -> list[list[str]]:
    """The rows a table's columns are measured by: the first 200 and the footer."""
    return [*table.rows[:200], *([table.footer] if table.footer else [])]


def column_floors(table: Table) -> list[float]:
    """Millimetres each column cannot do without: its longest unbreakable word (a figure or a
    duration whole), and its header and its texts wrapped between words (`_text_line`)."""
    sample = _sample(table)
    floors = []
    align = table.align.ljust(len(table.header), "l")
    for c, head in enumerate(table.header):
        cells = [row[c] for row in sample if c < len(row)]
        # numbers and durations (right-aligned) stay on one line, prose wraps between words
        unbreakable = _cells_wide if align[c] == "r" else _text_line
        word = max([_text_line(head), *(unbreakable(x) for x in cells)])
        floors.append(min(word, 24) * MM_PER_CELL + CELL_PADDING_MM)
    return floors


def column_widths(table: Table, total_mm: float = TEXT_WIDTH_MM) -> list[float]:
    """Millimetres per column: each column's floor (`column_floors`), the rest shared after the
    longest text (capped, so prose columns share fairly)."""
    if table.name == "signoff":
        return [total_mm * 0.35, total_mm * 0.4, total_mm * 0.25]
    sample = _sample(table)
    floors = column_floors(table)
    wants = [
        min(max([_cells_wide(head), *(_cells_wide(row[c]) for row in sample if c < len(row))]), 40)
        for c, head in enumerate(table.header)
    ]
    spare = total_mm - sum(floors)
    if spare <= 0:
        return [f * total_mm / sum(floors) for f in floors]
    return [f + spare * w / sum(wants) for f, w in zip(floors, wants, strict=True)]


def _table(document: Any, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    width = len(table.header)
    body = [*table.rows, *([table.footer] if table.footer else [])]
    grid = document.add_table(rows=1 + len(body), cols=width)
    grid.style = document.styles["Table Grid"]
    grid.autofit = False
    widths = [Mm(w) for w in column_widths(table)]
    for column, w in zip(grid.columns, widths, strict=True):
        column.width = w
    align = table.align.ljust(width, "l")
    rows = grid.rows
    for r, (row, values) in enumerate(zip(rows, [table.header, *body], strict=True)):
        bold = r == 0 or (table.footer is not None and r == len(body))
        for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[c]  # Word reads the cells' widths, LibreOffice the grid's
            paragraph = cell.paragraphs[0]
            if align[c] == "r":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if value:
                _add_text(paragraph, value, bold=bold)
        _no_split(row)
        if table.name == "signoff" and r:
            row.height = Mm(12)
    _repeat_header(rows[0])
    document.add_paragraph()


def render_blocks(blocks: list[Block], lang: str, title: str) -> bytes:
    import docx

    document = docx.Document()
    _prepare(document, lang)
    document.core_properties.title = _clean(title)
    document.core_properties.language = "zh-CN" if lang == "zh" else "en"
    list_styles = {
        False: document.styles["List Bullet"].style_id,
        True: document.styles["List Number"].style_id,
    }
    for block in blocks:
        if isinstance(block, Heading):
            heading = document.add_heading(level=0 if block.level == 1 else block.level - 1)
            _add_text(heading, block.text)
        elif isinstance(block, Paragraph):
            if block.code:
                continue  # a command to type: printed minutes are read, not typed from
            paragraph = document.add_paragraph()
            if block.style == "warning":
                _add_text(paragraph, "⚠ " + block.text, bold=True, color="C62828")
            elif block.style == "muted":
                _add_text(paragraph, block.text, italic=True, color="666666")
            elif block.style == "strong":
                _add_text(paragraph, block.text, bold=True)
            else:
                _add_text(paragraph, block.text)
        elif isinstance(block, Fields):
            for label, value in block.pairs:
                paragraph = document.add_paragraph()
                paragraph.paragraph_format.space_after = 0
                _add_text(paragraph, label + _colon(lang), bold=True)
                _add_text(paragraph, value)
            document.add_paragraph()
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Bullets):
            style_id = list_styles[block.ordered]
            for item in block.items:
                paragraph = document.add_paragraph()
                # by id: python-docx looks a style name up by scanning every style, each time
                paragraph._p.style = style_id
                _item(paragraph, item, lang)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _item(paragraph: Any, item: ListItem, lang: str) -> None:
    if item.time:
        _add_text(paragraph, item.time + "  ", color="555555")
    if item.label:
        _add_text(paragraph, item.label + _colon(lang), bold=True)
    _add_text(paragraph, item.text)
    if item.note:
        note = f" ({item.note})" if lang == "en" else f"（{item.note}）"
        _add_text(paragraph, note, italic=True, color="666666")
