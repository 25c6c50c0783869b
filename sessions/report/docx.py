"""The scorecard as a Word document with real tables, drawn by the minutes' Word renderer."""

from __future__ import annotations

from sessions.minutes.docx import render_blocks
from sessions.minutes.layout import Block
from sessions.report.layout import Chart, layout, title
from sessions.scorecard import Scorecard


def render(sc: Scorecard, lang: str) -> bytes:
    blocks: list[Block] = [b for b in layout(sc, lang) if not isinstance(b, Chart)]
    return render_blocks(blocks, lang, title(sc, lang))
