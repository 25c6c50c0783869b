"""Hostile text in notes, names and titles renders safely in every format."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import docx
import pytest
from markdown_it import MarkdownIt

from agendas.model import Agenda, Meeting, Participant, Section, SectionKind
from sessions.minutes import render_minutes
from sessions.minutes.markdown import escape, escape_block
from sessions.session import Session
from sessions.state import carried_actions

SCRIPT = "<script>alert(1)</script>"
HOSTILE = [
    SCRIPT,
    "a | b || c \\| d",
    "first line\nsecond line\r\n# third line starts a heading\n- and this a list",
    "x" * 10_240,
    "emoji 🎉👍🏽 and 中文",
    "RTL: שלום עולם مرحبا بالعالم",
    "**not bold** __nor this__ *nor* _this_",
    "# not a heading",
    "1. not a list",
    "- not a list either",
    "> not a quote",
    "``` not code ``` and `inline`",
    "[link](javascript:alert(1)) ![img](x.png) <https://example.com>",
    "&amp; &lt;b&gt; $x$ ~~strike~~",
    "bell\x07 and nul-ish \x0b characters",
    "=====",
    "---",
    "    indented code?",
]


def _agenda() -> Agenda:
    return Agenda(
        meeting=Meeting(
            title="Plan <b>|</b> # 1",
            location="Room | 5 <i>",
            facilitator="Ann *Lee*",
            scribe="Bo\nRow",
            purpose=SCRIPT,
            language="en",
        ),
        participants=(
            Participant("Ann *Lee*", "facilitator"),
            Participant("Bo | Row", "sales", 100.0, 50.0),
            Participant("<img src=x onerror=alert(1)>", "sales"),
            Participant("דוד", "sales"),
        ),
        sections=(
            Section("Follow | up", 300, SectionKind.FOLLOWUP),
            Section("# Results <script>", 300, SectionKind.PERFORMANCE, presenter="Bo | Row"),
            Section("Targets `x`", 300, SectionKind.TARGETS),
        ),
    )


@pytest.fixture
def record(datadir, clock):
    carried = [{"ref": "x#1", "text": "old | task\n# h", "owner": "<b>Zed</b>", "due": None}]
    s = Session.start(datadir, _agenda(), clock, carried=carried_actions(carried), lang="en")
    s.set_speaker("Bo")
    s.set_followup(1, "blocked", "because | <script>x</script>\nnext")
    s.next()
    for text in HOSTILE:
        clock.advance(5)
        s.submit("placeholder")
        s.edit(s.state.items[-1].id, text=text)
    s.submit("/a do | this @Ann due:2026-12-05 | criteria | with pipes <script>")
    s.edit(s.state.items[-1].id, criteria="crit | <script>\n# x", owner="Bo | Row")
    s.submit("/a unknown owner @<script> due:2026-12-06")
    s.submit("/d decided | <script> **bold**")
    s.submit("/k @דוד great RTL work")
    s.submit("/p parked | # x")
    s.next()
    s.submit("/target Bo 120")
    s.end()
    s.close()
    return datadir.read(s.id)


def _plain(inline) -> str:
    return "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline"))


def _md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_structure_survives(record, lang):
    text = render_minutes(record, "md", lang)
    tokens = _md().parse(text)
    # Only our own headings: the title and the fixed sections, and one per section reached.
    headings = [_plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "Plan <b>|</b> # 1"
    assert len(headings) == len(re.findall(r"^#{1,3} ", text, flags=re.M))
    assert not any(h.startswith(("not a heading", "third line")) for h in headings)
    # No HTML from users: the only raw HTML is our own <br>.
    for token in tokens:
        if token.type == "inline":
            for child in token.children or ():
                if child.type == "html_inline":
                    assert child.content == "<br>"
        assert token.type not in ("html_block", "code_block", "fence", "blockquote_open"), token
    # Every table row has as many cells as its header.
    widths = []
    for token in tokens:
        if token.type == "tr_open":
            widths.append(0)
        elif token.type in ("th_open", "td_open"):
            widths[-1] += 1
        elif token.type == "table_open":
            widths.append(-1)
    header = None
    for w in widths:
        if w == -1:
            header = None
        elif header is None:
            header = w
        else:
            assert w == header
    # Rows written = rows parsed: count the raw lines too.
    for line in text.splitlines():
        if line.startswith("|"):
            assert len(re.findall(r"(?<!\\)(?:\\\\)*\|", line)) >= 2


def test_markdown_shows_the_text_as_typed(record):
    html = _md().render(render_minutes(record, "md", "en"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html
    assert "**not bold** __nor this__ *nor* _this_" in html
    assert "a | b || c \\| d" in html
    assert "1. not a list" in html
    assert "x" * 10_240 in html
    assert "RTL: שלום עולם مرحبا بالعالم" in html
    assert "&amp;amp; &amp;lt;b&amp;gt; $x$ ~~strike~~" in html
    assert "<strong>not" not in html and "<em>nor" not in html and "<del>" not in html
    assert "<a href" not in html and "<img" not in html and "<h1>not" not in html


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_escapes_everything(record, lang):
    text = render_minutes(record, "html", lang)
    assert "<script" not in text.lower()
    assert "<img" not in text.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<bdi>RTL: שלום עולם مرحبا بالعالم</bdi>" in text

    class Balance(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack = []

        def handle_starttag(self, tag, attrs):
            if tag not in ("meta", "br"):
                self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
            self.stack.pop()

    parser = Balance()
    parser.feed(text)
    assert parser.stack == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_word_file_opens_and_holds_the_text(record, lang):
    document = docx.Document(io.BytesIO(render_minutes(record, "docx", lang)))
    body = "\n".join(p.text for p in document.paragraphs)
    assert SCRIPT in body
    assert "x" * 10_240 in body
    assert "bell and nul-ish  characters" in body  # control characters dropped, not fatal
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Bo | Row" in cells
    assert "crit | <script>\n# x" in cells


def test_escape_functions():
    assert escape("a|b") == "a\\|b"
    assert escape("a\nb") == "a<br>b"
    assert escape("<b>") == "\\<b\\>"
    assert escape("\\|") == "\\\\\\|"
    assert escape_block("# h") == "\\# h"
    assert escape_block("- x") == "\\- x"
    assert escape_block("12. x") == "12\\. x"
    assert escape_block("12.5% done") == "12.5% done"
    assert escape("    code") == "code"
