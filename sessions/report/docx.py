"""The scorecard as a Word document with real tables, drawn by the minutes' Word renderer."""

from __future__ import annotations

from sessions.minutes.docx import render_blocks
from sessions.minutes.layout import Block
from sessions.report.layout import Chart, document_title, layout
from sessions.report.pages import paged
from sessions.scorecard import Scorecard


def render(sc: Scorecard, lang: str) -> bytes:
    blocks: list[Block] = [b for b in paged(layout(sc, lang)) if not isinstance(b, Chart)]
    return render_blocks(blocks, lang, document_title(sc, lang))
