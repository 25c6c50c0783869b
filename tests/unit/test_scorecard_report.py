"""The scorecard report: golden Markdown and HTML in zh and en, inline SVG charts, JSON with every figure, Word tables, hostile text."""

from __future__ import annotations

import io
import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hostile import CONTROL, PRINTABLE, control_free
from markdown_it import MarkdownIt
from series_sessions import SERIES, TODAY, Series, record_series

from agendas.model import Agenda, Meeting, Participant, Section, SectionKind
from sessions.clock import FakeClock
from sessions.datadir import DataDir
from sessions.minutes.docx import TEXT_WIDTH_MM
from sessions.report import REPORT_FORMATS, render_report
from sessions.scorecard import Scorecard, load_scorecard
from sessions.session import Session

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("MINUTELY_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def card(tmp_path_factory: pytest.TempPathFactory) -> Scorecard:
    datadir = DataDir(tmp_path_factory.mktemp("series") / "data")
    series: Series = record_series(datadir)
    return load_scorecard(datadir, SERIES, TODAY, results=series.results)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with MINUTELY_UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_matches_the_golden_file(card, lang, fmt):
    _golden(f"scorecard_{lang}.{fmt}", str(render_report(card, fmt, lang)))


def _rows(md: str, heading: str) -> list[list[str]]:
    start = md.index(f"{heading}\n")
    end = md.find("\n#", start + 1)
    block = md[start : end if end != -1 else len(md)]
    return [
        [c.strip().strip("*") for c in line.split("|")[1:-1]]
        for line in block.splitlines()
        if line.startswith("|")
    ]


@pytest.mark.parametrize(
    ("lang", "sales", "tied", "team", "lagging", "follow", "late_col"),
    [
        (
            "zh",
            "## 销售业绩",
            "110.0%（第 1 名）",
            "团队",
            "连续两次未达标：Tom Baker。",
            "## 待办落实",
            "迟到",
        ),
        (
            "en",
            "## Sales",
            "110.0% (#1)",
            "Team",
            "Below target two meetings running: Tom Baker.",
            "## Follow-through",
            "Late",
        ),
    ],
)
def test_the_markdown_gives_every_figure_in_its_language(
    card, lang, sales, tied, team, lagging, follow, late_col
):
    md = str(render_report(card, "md", lang))
    rows = _rows(md, sales)
    assert rows[0][1:4] == ["2026-10-08", "2026-11-05", "2026-12-03"]
    by_name = {r[0]: r for r in rows[2:]}
    assert by_name["张伟"][2] == tied and by_name["陈静"][2] == tied
    assert by_name["Tom Baker"][2].startswith("80.0%") and by_name["Tom Baker"][2].endswith("▼")
    assert by_name[team][1:4] == ["93.5%", "103.3%", "98.9%"]
    assert lagging in md
    owners = {r[0]: r[1:] for r in _rows(md, follow)[2:]}
    assert owners["陈静"] == ["2", "1", "0", "1", "1", "0", "0", "0", "0.0%"]
    assert owners["Tom Baker"] == ["1", "0", "0", "0", "1", "1", "0", "0", "0.0%"]
    assert list(owners.values())[-1] == ["6", "2", "1", "1", "4", "1", "0", "1", "33.3%"]
    assert "1,200,000" in md and "2,790,000" in md
    assert f"| {late_col} |" in md


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_html_is_one_printable_file_with_inline_charts(card, lang):
    html = str(render_report(card, "html", lang))
    page = _Page()
    page.feed(html)
    assert page.tags.count("svg") == 2  # completion by meeting, facilitator's share
    assert "polyline" in page.tags and "rect" in page.tags
    assert "script" not in page.tags
    assert not any(tag in page.tags for tag in ("link", "img", "iframe", "object"))
    assert not any(v and ("http:" in v or "https:" in v) for k, v in page.attrs if k != "xmlns")
    assert "@page { size: A4" in html
    # the meetings' table is too wide for the page: two tables, each naming the meetings
    assert page.tags.count("table") == 7


def test_json_holds_every_figure(card):
    data = json.loads(str(render_report(card, "json", "en")))
    assert data["series"] == SERIES and data["today"] == "2026-12-05"
    tom = next(r for r in data["sales"]["reps"] if r["name"] == "Tom Baker")
    assert [c["target"] for c in tom["cells"]] == [500_000, 600_000, 650_000]
    assert [c["rank"] for c in tom["cells"]] == [2, 3, 3]
    assert tom["lagging"] is True
    assert data["follow_through"]["total"]["kept"] == pytest.approx(1 / 3)
    assert [m["overrun"] for m in data["meetings"]] == [-1800.0, 1200.0, -2000.0]
    assert [m["rating"] for m in data["meetings"]] == [None, None, None]
    assert [p["absent"] for p in data["people"]] == [0, 1, 0, 0, 0]
    assert data["carried"][0]["times"] == 2


def test_word_has_real_tables(card):
    import docx

    document = docx.Document(io.BytesIO(render_report(card, "docx", "zh")))  # type: ignore[arg-type]
    # Word's wider type: the sales, follow-through, participation and meetings' tables in two
    assert len(document.tables) == 10
    sales = document.tables[0]
    assert [c.text for c in sales.rows[0].cells][:2] == ["业务员", "2026-10-08"]
    assert [c.text for c in document.tables[1].rows[0].cells] == ["业务员", "2026-12-03", "趋势"]
    assert all(sum(c.width.mm for c in t.columns) <= TEXT_WIDTH_MM + 0.5 for t in document.tables)


def test_an_unknown_format_is_refused(card):
    assert set(REPORT_FORMATS) == {"md", "html", "docx", "json"}
    with pytest.raises(ValueError, match="md, html, docx, json"):
        render_report(card, "pdf", "en")


# -- text people typed -----------------------------------------------------------------------


@pytest.fixture
def hostile_card(datadir: DataDir) -> Scorecard:
    names = [f"{text} {n}" for n, text in enumerate(PRINTABLE)]
    agenda = Agenda(
        meeting=Meeting(title=f"Hostile {CONTROL[0]}", series="hostile", facilitator=names[0]),
        participants=tuple(
            Participant(name, "sales", 100.0, 90.0 + n) for n, name in enumerate(names)
        ),
        sections=(
            Section("Review", 600, SectionKind.PERFORMANCE),
            *(Section(text, 60) for text in CONTROL),  # never reached: listed as such
        ),
    )
    clock = FakeClock()
    session = Session.start(datadir, agenda, clock, lang="en")
    for n, text in enumerate(PRINTABLE + CONTROL):
        session.submit(f"/a {text} task {n}")
    clock.advance(60)
    session.end()
    session.close()
    return load_scorecard(datadir, "hostile", TODAY)


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_user_text_is_literal_and_control_free(hostile_card, fmt):
    out = str(render_report(hostile_card, fmt, "en"))
    assert control_free(out)
    if fmt == "html":
        page = _Page()
        page.feed(out)
        assert "script" not in page.tags
        shown = "".join(page.text)
        for text in PRINTABLE:
            assert text.strip() in shown
    if fmt == "md":
        # What a Markdown viewer makes of it: the names as typed, no element of theirs.
        shown = MarkdownIt("commonmark").enable("table").render(out)
        page = _Page()
        page.feed(shown)
        assert "script" not in page.tags and "a" not in page.tags
        for text in PRINTABLE:
            assert text.strip() in "".join(page.text)
