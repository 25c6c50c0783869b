"""The scorecard report on an A4 page: wide tables split with their key columns, columns set
in widths that fit, headers wrapping between words, and the series' own name as its title."""

from __future__ import annotations

import io
import re
from datetime import date

import docx
import pytest

from sessions.blocks import Table
from sessions.meeting_facts import MeetingColumn
from sessions.minutes.docx import TEXT_WIDTH_MM, column_floors
from sessions.report import render_report
from sessions.report.html import TABLE_WIDTH_MM
from sessions.report.layout import _meetings_table
from sessions.report.pages import split_to_page
from sessions.scorecard import FollowThrough, OwnerRecord, Sales, Scorecard

TITLE = "营销部月度销售例会"
UNREACHED = ("市场部市场月报", "客服部月度工作总结", "销售部月度工作总结", "营销副总点评销售业绩")


def _meeting(n: int, title: str = TITLE) -> MeetingColumn:
    return MeetingColumn(
        id=f"20261129-20{19 + n}-aaaa",
        title=title,
        date="2026-11-29",
        planned=6900,
        extended=0,
        elapsed=90.0 + n,
        in_sections=60.0,
        unreached=UNREACHED if n else (),
        carried_actions=3,
        carried_topics=1,
        actions=5,
        facilitator="王磊",
        facilitator_share=0.001,
        dominated=False,
        ended=True,
        rating=8.0,
        time=f"20:{19 + n}",
    )


def _card(*meetings: MeetingColumn) -> Scorecard:
    nobody = OwnerRecord(None, 0, 0, 0, 0, 0, 0, 0, 0)
    return Scorecard(
        series="sales-monthly",
        today=date(2026, 11, 29),
        meetings=meetings,
        sales=Sales(reps=(), team=(), trend=None),
        follow_through=FollowThrough(owners=(), total=nobody, no_owner=0, no_due=0),
        people=(),
        carried=(),
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_meetings_table_splits_into_parts_that_each_fit_the_page(lang):
    table = _meetings_table(_card(_meeting(0), _meeting(1)), lang)
    assert sum(column_floors(table)) > TEXT_WIDTH_MM  # eleven columns do not fit A4
    parts = split_to_page(table)
    assert len(parts) > 1
    for part in parts:
        assert sum(column_floors(part)) <= TEXT_WIDTH_MM
        # each part names its meetings: the title and the date, on every row
        assert part.header[:2] == table.header[:2]
        assert [row[:2] for row in part.rows] == [row[:2] for row in table.rows]
        assert part.name == table.name
    # every other column once, in the order the table has them, with its alignment
    rest = [h for part in parts for h in part.header[2:]]
    assert rest == table.header[2:]
    align = "".join(part.align[2:] for part in parts)
    assert align == table.align[2:]
    cells = [[c for part in parts for c in part.rows[r][2:]] for r in range(2)]
    assert cells == [row[2:] for row in table.rows]


def test_a_table_that_fits_stays_whole_and_parts_share_the_columns_evenly():
    narrow = Table("t", ["Rep", "Done"], [["Tom", "1"]], align="lr")
    assert split_to_page(narrow) == [narrow]
    wide = Table(
        "w",
        ["Rep", *(f"2026-{m:02}-01" for m in range(1, 13)), "Trend"],
        [["Tom", *["112.5% (#1)"] * 12, "+1.0 pts"]],
        align="l" + "r" * 13,
        footer=["Team", *["100.0%"] * 12, "+0.5 pts"],
    )
    parts = split_to_page(wide)
    counts = [len(p.header) - 1 for p in parts]
    assert max(counts) - min(counts) <= 1 and sum(counts) == 13
    assert all(p.header[0] == "Rep" and p.footer and p.footer[0] == "Team" for p in parts)
    assert [c for p in parts for c in (p.footer or [])[1:]] == (wide.footer or [])[1:]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_html_sets_each_table_in_columns_that_fit_and_headers_wrap_between_words(lang):
    html = str(render_report(_card(_meeting(0), _meeting(1)), "html", lang))
    # the long headers may wrap, never inside a word; figures in the cells stay whole
    assert re.search(r"\bth \{[^}]*overflow-wrap: normal", html)
    assert not re.search(r"th\.r[^{]*\{[^}]*nowrap", html)
    assert "table { table-layout: fixed;" in html
    tables = re.findall(r'<table class="([^"]+)">\n<colgroup>(.*?)</colgroup>', html)
    assert [name for name, _ in tables].count("scorecard-meetings") >= 2
    for _name, cols in tables:
        shares = [float(w) for w in re.findall(r"width: ([\d.]+)%", cols)]
        assert sum(shares) == pytest.approx(100, abs=0.5)
    assert html.count("<table") == len(tables)
    # the parts split where a page at the tables' type size has no room (its own measure)
    assert TABLE_WIDTH_MM > TEXT_WIDTH_MM


def test_a_chinese_title_keeps_five_characters_a_line_in_its_column():
    part = split_to_page(_meetings_table(_card(_meeting(0), _meeting(1)), "zh"))[0]
    assert column_floors(part)[0] >= 10 * 2.3  # not two characters a line


@pytest.mark.parametrize(
    ("lang", "heading"), [("zh", f"{TITLE} 会议记分卡"), ("en", f"Scorecard: {TITLE}")]
)
def test_the_report_is_titled_with_the_series_own_name(lang, heading):
    card = _card(_meeting(0), _meeting(1))
    md = str(render_report(card, "md", lang))
    assert md.startswith(f"# {heading}\n")
    assert "sales-monthly" in md.split("\n## ")[0]  # the id, among the fields under the title
    html = str(render_report(card, "html", lang))
    assert f"<title>{heading}</title>" in html and f"<h1><bdi>{heading}</bdi></h1>" in html
    document = docx.Document(io.BytesIO(render_report(card, "docx", lang)))  # type: ignore[arg-type]
    assert document.core_properties.title == heading
    assert document.paragraphs[0].text == heading


def test_meetings_with_titles_of_their_own_leave_the_series_id_as_the_title():
    card = _card(_meeting(0, "华东区 11 月销售月会"), _meeting(1, "华东区 12 月销售月会"))
    assert str(render_report(card, "md", "zh")).startswith("# sales-monthly 会议记分卡\n")
