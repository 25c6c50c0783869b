"""Markdown minutes (CommonMark + GFM tables) for Git hosts and chat: user text can never break the structure."""

from __future__ import annotations

import re

from agendas.text import strip_control
from sessions.minutes.layout import Block, Bullets, Fields, Heading, ListItem, Paragraph, Table

# Characters that are Markdown (or GFM: tables, strikethrough, math) wherever they stand.
# `#` is not: it opens a heading only at the start of a block (and closes one at its end),
# and a reference like `#4` should read as typed in the plain text.
_ACTIVE = re.compile(r"([\\`*_\[\]<>|~$])")
# Entity references would be decoded: `&amp;` must stay as typed.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What makes the start of a paragraph or list item a list item, rule or setext underline.
_LINE_START = re.compile(r"^([-+=#])")
_NUMBERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def escape(text: str) -> str:
    """User text as Markdown inline content (a table cell, a heading) showing exactly what was typed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Leading spaces would make an indented code block; line breaks become <br> so that a
    # cell or list item stays on one line.
    shown = [_ENTITY.sub("&amp;", _ACTIVE.sub(r"\\\1", line.strip())) for line in lines]
    return "<br>".join(line for line in shown if line) if len(shown) > 1 else shown[0]


def escape_block(text: str) -> str:
    """User text that starts a paragraph or a list item: it must not open a nested block."""
    shown = escape(text)
    shown = _LINE_START.sub(r"\\\1", shown)
    return _NUMBERED.sub(r"\1\\\2", shown)


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _item(item: ListItem, lang: str) -> str:
    parts = []
    if item.time:
        parts.append(item.time)
    if item.label:
        parts.append(f"**{escape(item.label)}**{_colon(lang)}{escape(item.text)}")
    else:
        parts.append(escape(item.text) if parts else escape_block(item.text))
    line = " ".join(parts)
    if item.note:
        line += f" *({escape(item.note)})*" if lang == "en" else f" *（{escape(item.note)}）*"
    return line


def _row(cells: list[str], bold: bool = False) -> str:
    shown = [escape(c) for c in cells]
    if bold:
        shown = [f"**{c}**" if c else "" for c in shown]
    return "| " + " | ".join(shown) + " |"


def _table(table: Table) -> list[str]:
    width = len(table.header)
    align = table.align.ljust(width, "l")
    delimiter = "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"
    lines = [_row(table.header), delimiter]
    lines += [_row(row) for row in table.rows]
    if table.footer:
        lines.append(_row(table.footer, bold=True))
    return lines


def render_blocks(blocks: list[Block], lang: str) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            # in a heading a trailing `#` would be taken for its closing sequence
            title = escape(block.text).replace("#", "\\#")
            out.append(f"{'#' * block.level} {title}")
        elif isinstance(block, Paragraph):
            text = escape(block.text)
            if block.style == "warning":
                out.append(f"> **⚠ {text}**")
            elif block.style == "muted":
                out.append(f"*{text}*")
            elif block.style == "strong":
                out.append(f"**{text}**")
            else:
                out.append(escape_block(block.text))
            if block.code:
                # a command the reader copies: no escapes inside, so it must hold no backtick
                out[-1] += " `" + block.code.replace("`", "'") + "`"
        elif isinstance(block, Fields):
            out.append(
                "\n".join(
                    f"- **{escape(label)}**{_colon(lang)}{escape(value)}"
                    for label, value in block.pairs
                )
            )
        elif isinstance(block, Table):
            out.append("\n".join(_table(block)))
        elif isinstance(block, Bullets):
            lines = []
            for n, item in enumerate(block.items, start=1):
                mark = f"{n}." if block.ordered else "-"
                lines.append(f"{mark} {_item(item, lang)}")
            out.append("\n".join(lines))
    # The one exit of every Markdown document (minutes, notice): no control character leaves.
    return strip_control("\n\n".join(out) + "\n")
