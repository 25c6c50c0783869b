"""The scorecard in Markdown: the minutes' renderer draws it, so user text is escaped the same way."""

from __future__ import annotations

from sessions.minutes.layout import Block
from sessions.minutes.markdown import render_blocks
from sessions.report.layout import Chart, layout
from sessions.scorecard import Scorecard


def render(sc: Scorecard, lang: str) -> str:
    # A chart repeats figures the tables give; plain text has no room for it.
    blocks: list[Block] = [b for b in layout(sc, lang) if not isinstance(b, Chart)]
    return render_blocks(blocks, lang)
