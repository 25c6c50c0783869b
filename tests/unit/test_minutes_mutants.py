"""The minutes' details a mutation pass found untested (docs/testing.md, "Mutation testing").

Line breaks however typed, exact escapes, the Word file's formatting that readers see or Word
relies on, column widths, the model's figures and which words land in which part.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta, timezone

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from markdown_it import MarkdownIt
from minutes_sessions import ZH_CARRIED, record_en

from agendas.model import Agenda, Meeting, Participant, Section, SectionKind
from sessions.clock import FakeClock
from sessions.events import AttendanceStatus
from sessions.followup import CarriedTopic
from sessions.minutes import build_minutes, render_minutes, write_minutes
from sessions.minutes.docx import (
    EAST_ASIA_FONT,
    LATIN_FONT,
    STYLES_WITH_FONT,
    TEXT_WIDTH_MM,
    column_floors,
    column_widths,
)
from sessions.minutes.docx import render_blocks as docx_blocks
from sessions.minutes.html import _short
from sessions.minutes.html import render_body as html_body
from sessions.minutes.layout import Bullets, Fields, Heading, ListItem, Paragraph, Table
from sessions.minutes.markdown import escape
from sessions.minutes.markdown import render_blocks as md_blocks
from sessions.minutes.model import percent_text
from sessions.session import Session
from sessions.state import carried_actions

# -- line breaks and escapes ----------------------------------------------------------------

BREAKS = ["one\r\ntwo", "one\rtwo", "one\ntwo"]


@pytest.mark.parametrize("text", BREAKS)
def test_every_kind_of_line_break_is_one_break_in_markdown(text):
    assert escape(text) == "one<br>two"
    # through a whole document: a lone CR is not dropped with the control characters
    assert md_blocks([Paragraph(text)], "en") == "one<br>two\n"


@pytest.mark.parametrize("text", BREAKS)
def test_every_kind_of_line_break_is_one_break_in_html(text):
    assert html_body([Paragraph(text)], "en") == "<p><bdi>one<br>two</bdi></p>"


@pytest.mark.parametrize("text", BREAKS)
def test_every_kind_of_line_break_is_one_break_in_word(text):
    document = docx.Document(io.BytesIO(docx_blocks([Paragraph(text)], "en", "T")))
    runs = document.paragraphs[-1].runs
    assert [r.text for r in runs] == ["one", "\ntwo"]  # python-docx reads a <w:br/> as "\n"
    assert len(runs[1]._r.findall(qn("w:br"))) == 1


def test_an_entity_stays_as_typed_in_the_markdown_source():
    # `&AMP;` would display the same once rendered, but the source is read too (diffs, chat)
    assert escape("&amp; &#38; & x") == "&amp;amp; &amp;#38; & x"


def test_a_heading_ending_in_a_hash_keeps_it():
    text = md_blocks([Heading(2, "Plan #")], "en")
    assert text == "## Plan \\#\n"
    assert MarkdownIt("commonmark").render(text) == "<h2>Plan #</h2>\n"


def test_a_command_to_copy_never_holds_a_backtick():
    text = md_blocks([Paragraph("Mark it done:", code="minutely `rm` x")], "en")
    assert text == "Mark it done: `minutely 'rm' x`\n"


def test_a_list_item_without_a_time_cannot_open_a_nested_block():
    items = [ListItem("1. not a list"), ListItem("- nor this"), ListItem("# nor a heading")]
    text = md_blocks([Bullets(items)], "en")
    assert text == "- 1\\. not a list\n- \\- nor this\n- \\# nor a heading\n"
    timed = md_blocks([Bullets([ListItem("- after a time", time="09:05")])], "en")
    assert timed == "- 09:05 - after a time\n"  # not at the start of the line: no escape needed


def test_a_short_alignment_string_pads_on_the_right_with_left_columns():
    table = Table("t", ["a", "b", "c"], [["1", "2", "3"]], align="r")
    assert md_blocks([table], "en").splitlines()[1] == "|---:|---|---|"
    document = docx.Document(io.BytesIO(docx_blocks([table], "en", "T")))
    aligned = [c.paragraphs[0].alignment for c in document.tables[0].rows[1].cells]
    assert aligned == [2, None, None]  # WD_ALIGN_PARAGRAPH.RIGHT is 2


def test_html_keeps_short_values_on_one_line_up_to_twelve_cells():
    assert _short("x" * 12) and _short("二" * 6) and _short("12-2026-12-0")
    assert not _short("x" * 13) and not _short("二" * 6 + "x") and not _short("a b")
    row = html_body([Table("t", ["h"], [["1234567890123"], ["123456789012"]])], "en")
    assert "<td><bdi>1234567890123</bdi></td>" in row
    assert '<td class="nw"><bdi>123456789012</bdi></td>' in row


def test_html_line_breaks_are_lower_case_br():
    assert html_body([Paragraph("a\nb\nc")], "en") == "<p><bdi>a<br>b<br>c</bdi></p>"


# -- the Word file ---------------------------------------------------------------------------

BLOCKS = [
    Heading(1, "Title"),
    Heading(2, "Part"),
    Heading(3, "Sub"),
    Paragraph("Not ended", "warning"),
    Paragraph("09:00–10:00", "muted"),
    Paragraph("Needs an owner", "strong"),
    Paragraph("plain"),
    Fields([("Place", "Room 5")]),
    Table("t", ["Name", "Sum"], [["Ann", "1,000"]], align="lr", footer=["Total", "1,000"]),
    Bullets([ListItem("call", time="09:05", label="1", note="Ann")]),
    Bullets([ListItem("first")], ordered=True),
]


def _word(lang: str) -> docx.document.Document:
    return docx.Document(io.BytesIO(docx_blocks(BLOCKS, lang, "Title")))


def _look(run) -> tuple[str, bool | None, bool | None, str | None]:
    color = run.font.color.rgb if run.font.color.type is not None else None
    return run.text, run.bold, run.italic, str(color) if color is not None else None


@pytest.mark.parametrize(
    ("lang", "word_lang", "colon", "note"),
    [
        ("en", "en-GB", ": ", " (Ann)"),
        ("zh", "zh-CN", "：", "（Ann）"),
    ],
)
def test_word_styles_carry_both_fonts_and_the_language(lang, word_lang, colon, note):
    document = _word(lang)
    assert document.core_properties.language == ("zh-CN" if lang == "zh" else "en")
    for name in STYLES_WITH_FONT:
        rpr = document.styles[name].element.rPr
        fonts = rpr.rFonts
        assert fonts.get(qn("w:ascii")) == LATIN_FONT
        assert fonts.get(qn("w:hAnsi")) == LATIN_FONT
        assert fonts.get(qn("w:eastAsia")) == EAST_ASIA_FONT
        # a theme font would win over the named ones
        assert not [k for k in fonts.attrib if k.endswith("Theme") or k.endswith("theme")]
        langs = rpr.findall(qn("w:lang"))
        assert len(langs) == 1, name
        assert langs[0].get(qn("w:val")) == word_lang
        assert langs[0].get(qn("w:eastAsia")) == "zh-CN"
    assert document.styles["Normal"].font.size == Pt(10.5)
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    margins = [section.left_margin, section.right_margin, section.top_margin, section.bottom_margin]
    assert [m.mm for m in margins] == pytest.approx([18] * 4, abs=0.1)
    paragraphs = document.paragraphs
    assert [p.style.name for p in paragraphs[:3]] == ["Title", "Heading 1", "Heading 2"]
    looks = [[_look(r) for r in p.runs] for p in paragraphs[3:]]
    assert looks[:5] == [
        [("⚠ Not ended", True, None, "C62828")],
        [("09:00–10:00", None, True, "666666")],
        [("Needs an owner", True, None, None)],
        [("plain", None, None, None)],
        [("Place" + colon, True, None, None), ("Room 5", None, None, None)],
    ]
    assert paragraphs[7].paragraph_format.space_after == 0
    bullet, number = paragraphs[-2:]
    assert (bullet.style.name, number.style.name) == ("List Bullet", "List Number")
    assert [_look(r) for r in bullet.runs] == [
        ("09:05  ", None, None, "555555"),
        ("1" + colon, True, None, None),
        ("call", None, None, None),
        (note, None, True, "666666"),
    ]
    assert all(r.text for p in paragraphs for r in p.runs)  # no empty runs


def test_word_tables_bold_their_header_and_total_and_align_numbers_right():
    table = _word("en").tables[0]
    looks = [[[_look(r) for r in c.paragraphs[0].runs] for c in row.cells] for row in table.rows]
    assert looks == [
        [[("Name", True, None, None)], [("Sum", True, None, None)]],
        [[("Ann", None, None, None)], [("1,000", None, None, None)]],
        [[("Total", True, None, None)], [("1,000", True, None, None)]],
    ]
    assert [[c.paragraphs[0].alignment for c in row.cells] for row in table.rows] == [[None, 2]] * 3
    assert not table.autofit
    # only the header repeats on a new page; no row splits across pages
    headers = [row._tr.trPr.findall(qn("w:tblHeader")) for row in table.rows]
    assert [len(h) for h in headers] == [1, 0, 0]
    assert all(h[0].get(qn("w:val")) is None for h in headers[:1])  # on: no value needed
    assert [len(row._tr.trPr.findall(qn("w:cantSplit"))) for row in table.rows] == [1, 1, 1]
    widths = column_widths(BLOCKS[8])
    assert [c.width.mm for c in table.columns] == pytest.approx(widths, abs=0.1)
    assert [c.width.mm for c in table.rows[1].cells] == pytest.approx(widths, abs=0.1)
    assert sum(widths) == pytest.approx(TEXT_WIDTH_MM)


def test_a_table_without_a_footer_has_no_bold_last_row():
    document = docx.Document(
        io.BytesIO(docx_blocks([Table("t", ["h"], [["a"], ["b"]])], "en", "T"))
    )
    bold = [row.cells[0].paragraphs[0].runs[0].bold for row in document.tables[0].rows]
    assert bold == [True, None, None]


def test_only_the_signoff_rows_below_its_header_are_tall():
    signoff = Table("signoff", ["Name", "Signature", "Date"], [["Ann", "", ""]])
    other = Table("t", ["Name", "Signature", "Date"], [["Ann", "", ""]])
    document = docx.Document(io.BytesIO(docx_blocks([signoff, other], "en", "T")))
    heights = [[row.height and round(row.height.mm, 1) for row in t.rows] for t in document.tables]
    assert heights == [[None, 12.0], [None, None]]
    assert [c.text for c in document.tables[0].rows[1].cells] == ["Ann", "", ""]


# -- column widths ---------------------------------------------------------------------------


def test_signoff_columns_are_fixed_shares_of_the_text_width():
    signoff = Table("signoff", ["Name", "Signature", "Date"], [])
    assert column_widths(signoff) == pytest.approx(
        [TEXT_WIDTH_MM * 0.35, TEXT_WIDTH_MM * 0.4, TEXT_WIDTH_MM * 0.25]
    )


def test_columns_fill_the_text_width_in_proportion_to_their_content():
    table = Table("t", ["#", "What"], [["1", "a " * 30], ["2", "b"]], align="r")
    first, second = column_widths(table)
    assert first + second == pytest.approx(TEXT_WIDTH_MM)
    # the floors: one cell for "#" and the figures; the text wraps to lines of ten cells (its
    # words are shorter), plus padding
    floors = [1 * 2.3 + 2.5, 10 * 2.3 + 2.5]
    spare = TEXT_WIDTH_MM - sum(floors)
    # the rest after the longest text: 1 cell against 40 (60 cells, capped)
    assert first == pytest.approx(floors[0] + spare * 1 / 41)
    assert second == pytest.approx(floors[1] + spare * 40 / 41)


def test_a_number_column_is_as_wide_as_its_widest_figure_and_words_set_the_floor():
    table = Table("t", ["n", "text"], [["1,234,567", "x"], ["", "ab cd 中文中文"]], align="r")
    widths = column_widths(table)
    # "1,234,567"; "ab cd 中文中文" wraps (CJK breaks anywhere), to lines of ten cells at least
    floors = [9 * 2.3 + 2.5, 10 * 2.3 + 2.5]
    wants = [9, 14]  # "ab cd 中文中文" is 14 cells: each Chinese character takes two
    spare = TEXT_WIDTH_MM - sum(floors)
    assert widths == pytest.approx([f + spare * w / 23 for f, w in zip(floors, wants, strict=True)])
    footer = Table("t", ["n", "m"], [["1", "2"]], align="rr", footer=["123456789012", "3"])
    assert column_widths(footer)[0] > column_widths(footer)[1] * 3  # the total counts too


def test_a_header_wraps_between_its_words_and_a_chinese_text_keeps_five_characters_a_line():
    table = Table(
        "t", ["Facilitator's share", "主持人发言占比", "x"], [["", "", "营销部月度销售例会"]]
    )
    floors = column_floors(table)
    # "Facilitator's" whole; a Chinese header and a Chinese title five characters a line
    assert floors == pytest.approx([13 * 2.3 + 2.5, 10 * 2.3 + 2.5, 10 * 2.3 + 2.5])
    short = Table("t", ["Open", "评分"], [["", "张伟"]])
    assert column_floors(short) == pytest.approx([4 * 2.3 + 2.5, 4 * 2.3 + 2.5])


def test_columns_too_wide_for_the_page_shrink_in_proportion():
    table = Table(
        "t", ["a", "b", "c", "d"], [["1" * 30, "2" * 24, "3" * 24, "4" * 12]], align="rrrr"
    )
    floors = [24 * 2.3 + 2.5] * 3 + [12 * 2.3 + 2.5]  # a figure counts 24 cells at most
    assert sum(floors) > TEXT_WIDTH_MM
    assert column_widths(table) == pytest.approx([f * TEXT_WIDTH_MM / sum(floors) for f in floors])


# -- the model's figures ---------------------------------------------------------------------


def _sales_meeting(datadir, clock, reps, *, actual: str = "", targets=()):
    """A meeting with a results and a targets section; two sections never reached."""
    agenda = Agenda(
        Meeting("Monthly", language="en"),
        (Participant("Ann", "facilitator"), *reps),
        (
            Section("Results", 300, SectionKind.PERFORMANCE),
            Section("Targets", 300, SectionKind.TARGETS),
            Section("Pipeline", 300),
            Section("Later", 300),
            Section("Last", 300),
        ),
    )
    session = Session.start(datadir, agenda, clock, lang="en")
    clock.advance(60)
    if actual:
        session.submit("/here Zed")
        session.submit(f"/actual Zed {actual}")
    session.next()
    for line in targets:
        session.submit(line)
    session.next()
    session.end()
    session.close()
    return datadir.read(session.id)


REPS = (
    Participant("Bo", "sales", 100, 120),
    Participant("Cy", "sales", 50, 60),
    Participant("Di", "sales", 300, 100),
    Participant("Ed", "sales", 30, None),
)


def test_performance_rows_rank_ties_alike_and_keep_exact_figures(datadir, clock):
    record = _sales_meeting(datadir, clock, REPS, actual="10")
    m = build_minutes(record, "en")
    rows = [
        (r.name, r.target, r.actual, r.completion, r.rank, r.target_text, r.actual_text)
        for r in m.performance
    ]
    assert rows == [
        ("Bo", 100, 120, pytest.approx(1.2), 1, "100", "120"),
        ("Cy", 50, 60, pytest.approx(1.2), 1, "50", "60"),
        ("Di", 300, 100, pytest.approx(1 / 3), 3, "300", "100"),
        ("Ed", 30, None, None, None, "30", ""),
        ("Zed", 0.0, 10.0, None, None, "", "10"),  # a guest's result: no target
    ]
    assert [r.completion_text for r in m.performance] == ["120.0%", "120.0%", "33.3%", "", ""]
    total = m.performance_total
    # the team's completion counts only reps with a target and a result: 280 of 450
    assert (total.name, total.target, total.actual, total.rank) == ("Total", 480, 290, None)
    assert total.completion == pytest.approx(280 / 450)
    assert (total.target_text, total.actual_text, total.completion_text) == ("480", "290", "62.2%")


@pytest.mark.parametrize(
    ("reps", "actual", "figures"),
    [
        ((Participant("Ed", "sales", 30, None),), "", (30, 0.0, "30", "0")),
        ((), "10", (0.0, 10.0, "0", "10")),
    ],
)
def test_a_missing_team_figure_totals_zero(datadir, clock, reps, actual, figures):
    total = build_minutes(
        _sales_meeting(datadir, clock, reps, actual=actual), "en"
    ).performance_total
    assert (total.target, total.actual, total.target_text, total.actual_text) == figures
    assert (total.completion, total.completion_text) == (None, "")


def test_next_targets_keep_the_previous_target_as_a_figure(datadir, clock):
    targets = ["/here Zed", "/target Bo 150", "/target Zed 40"]
    m = build_minutes(_sales_meeting(datadir, clock, REPS, targets=targets), "en")
    rows = [(r.name, r.target, r.previous, r.target_text, r.previous_text) for r in m.next_targets]
    assert rows == [("Bo", 150, 100, "150", "100"), ("Zed", 40, None, "40", "")]
    assert m.next_targets_total == "190"
    none_set = build_minutes(_sales_meeting(datadir, clock, REPS), "en")
    assert (none_set.next_targets, none_set.next_targets_total) == ([], "")


def test_percent_text_rounds_to_one_place_and_is_empty_without_a_figure():
    assert percent_text(None) == ""
    assert [percent_text(v) for v in (0.0, 2 / 3, 1.0, 0.99949, 12.345)] == [
        "0.0%",
        "66.7%",
        "100.0%",
        "99.9%",
        "1234.5%",
    ]


def test_an_action_row_holds_its_id_owner_status_section_and_time(datadir, clock):
    agenda = Agenda(
        Meeting("Weekly", language="en"), (Participant("Bo"),), (Section("Pipeline", 600),)
    )
    # the meeting's own zone, not UTC: at 07:00 in UTC+8 it is still 30 November in UTC,
    # but the action is overdue by the meeting's own date
    clock = FakeClock(start=datetime(2026, 12, 1, 7, 0, tzinfo=timezone(timedelta(hours=8))))
    session = Session.start(datadir, agenda, clock, lang="en")
    clock.advance(90)
    session.submit("note")
    session.submit("/a Call the buyer @Bo due:2026-11-28")
    session.submit("/a Ask @Zoe")
    session.submit("/a Fix the CRM")
    session.end()
    session.close()
    m = build_minutes(datadir.read(session.id), "en")
    first, second, third = m.actions
    assert (first.id, first.ref, first.number, first.owner, first.owner_known) == (
        2,
        "#2",
        1,
        "Bo",
        True,
    )
    assert (first.status, first.status_text, first.section_title) == ("open", "open", "Pipeline")
    assert first.time == "07:01"
    assert first.due_text == "2026-11-28 · 3 days overdue"
    assert (second.owner, second.owner_known, second.due_text) == ("Zoe", False, "no due date")
    zh = build_minutes(datadir.read(session.id), "zh")
    assert (third.owner, third.owner_text) == (None, "— no owner —")
    assert dict(m.fields)["Date"].startswith("2026-12-01")  # not 30 November, as in UTC
    assert (m.ended, m.warning) == (True, None)
    entries = [(e.id, e.section, e.section_title) for e in m.sections[0].entries]
    assert entries == [
        (1, 0, "Pipeline"),
        (2, 0, "Pipeline"),
        (3, 0, "Pipeline"),
        (4, 0, "Pipeline"),
    ]
    # no results or targets section: no boards, and nothing to total
    boards = (m.performance, m.performance_total, m.next_targets, m.next_targets_total)
    assert boards == (None, None, None, "")
    assert zh.actions[0].due_text == "2026-11-28 · 逾期 3 天"
    assert zh.actions[2].owner_text == "— 未指定 —"


# -- what lands where ------------------------------------------------------------------------


def test_lists_in_a_sentence_are_joined_in_each_language(datadir, clock):
    record = _sales_meeting(datadir, clock, REPS)
    en, zh = render_minutes(record, "md", "en"), render_minutes(record, "md", "zh")
    assert "\nSections not reached: Later, Last.\n" in en
    assert "\n未进行的议题：Later、Last。\n" in zh
    assert "\nDid not speak: Ann, Bo, Cy, Di, Ed.\n" in en
    assert "\n未发言：Ann、Bo、Cy、Di、Ed。\n" in zh


def test_each_part_speaks_chinese_in_chinese_minutes(datadir, clock):
    agenda = Agenda(
        Meeting("Weekly", language="zh"),
        (Participant("Bo"), Participant("Cy")),
        (
            Section("Follow-up", 300, SectionKind.FOLLOWUP),
            Section("Results", 300, SectionKind.PERFORMANCE),
            Section("Targets", 300, SectionKind.TARGETS),
            Section("Pipeline", 600),
        ),
    )
    topic = CarriedTopic("parking", "Office move", origin_date="2026-11-20")
    session = Session.start(datadir, agenda, clock, lang="zh", topics=[topic])
    for _ in range(3):
        session.next()
    session.submit("/rate Bo 8")
    session.rate({"Cy": 7}, "早点发材料")
    session.end()
    session.close()
    md = render_minutes(datadir.read(session.id), "md", "zh")
    parts = [part.strip() for part in md.split("\n\n")]
    for text in (
        "无记录。",  # a section without a board and without notes
        "本次会议未形成决议。",
        "本次会议无待办事项。",
        "上次会议没有遗留的待办事项。",
        "**延续议题**",
        "议程中没有目标与完成数据。",  # a performance section but nobody with figures
        "未分解任务。",  # a targets section where none was set
        "未记录发言时长。",
        "未发言：Bo、Cy。",
        "无暂存议题。",
        "## 会议评分",
        "平均 7.5 / 10（2 人评分）",
        "| 姓名 | 评分 |\n|---|---:|\n| Bo | 8 |\n| Cy | 7 |",
        "**下次如何开得更好**",
        "早点发材料",
    ):
        assert text in parts, text
    assert "## 会议评分\n\n平均 7.5" in md
    assert '<table class="rating">' in render_minutes(datadir.read(session.id), "html", "zh")


def test_an_unranked_rep_has_an_empty_rank_cell(datadir, clock):
    md = render_minutes(_sales_meeting(datadir, clock, REPS, actual="10"), "md", "en")
    assert "\n|  | Ed | 30 |  |  |\n|  | Zed |  | 10 |  |\n" in md
    assert "\n| 3 | Di | 300 | 100 | 33.3% |\n" in md


def test_minutes_written_while_the_meeting_runs_say_it_is_in_progress(datadir):
    agenda = Agenda(Meeting("Weekly", language="en"), (), (Section("Pipeline", 600),))
    clock = FakeClock(start=datetime(2026, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=8))))
    session = Session.start(datadir, agenda, clock, lang="en")
    session.submit("first note")
    clock.advance(600)
    session.submit("second note")
    running = write_minutes(datadir, session.id, "en").read_text(encoding="utf-8")
    assert "This meeting is still in progress" in running
    live = build_minutes(datadir.read(session.id), "zh", live=True)
    assert dict(live.fields)["状态"] == "进行中"
    assert live.warning == "本次会议仍在进行：以下为截至目前的纪要（最后记录于 09:10）。"
    # a writer that is gone without a word: the last entry is all that is known
    gone = build_minutes(datadir.read(session.id), "zh").warning
    assert gone == "本次会议未正常结束（最后记录于 09:10）。本纪要包含此前记录的全部内容。"
    clock.advance(600)
    session.close()  # the app went away without ending the meeting
    left = write_minutes(datadir, session.id, "en").read_text(encoding="utf-8")
    assert "still in progress" not in left and "This meeting was not ended" in left
    # unless told otherwise the minutes are of a meeting that is not running
    m = build_minutes(datadir.read(session.id), "en")
    assert m.warning.startswith("This meeting was not ended")
    # the section still open when the app went away runs to the last moment known
    assert m.sections[0].line == "09:00–09:10 · 10 min"
    zh = build_minutes(datadir.read(session.id), "zh")
    assert (zh.ended, dict(zh.fields)["时间"]) == (False, "09:00—（最后记录 09:10）")
    assert dict(zh.fields)["状态"] == "已中断"


def test_word_drops_the_two_non_characters_xml_cannot_hold():
    document = docx.Document(io.BytesIO(docx_blocks([Paragraph("a\ufffeb\uffffc")], "en", "T")))
    assert document.paragraphs[-1].text == "abc"


def test_a_right_aligned_duration_is_never_broken_between_its_words():
    table = Table("t", ["n", "x"], [["12 min", "y"]], align="r")
    floor = 6 * 2.3 + 2.5  # "12 min" whole, not its longest word "min"
    spare = TEXT_WIDTH_MM - floor - (1 * 2.3 + 2.5)
    assert column_widths(table)[0] == pytest.approx(floor + spare * 6 / 7)


@pytest.mark.parametrize(
    ("lang", "spoke", "dominates"),
    [
        (
            "en",
            "Everyone present spoke.",
            "> **⚠ The facilitator held over half of the talk time.**",
        ),
        ("zh", "到会人员均有发言。", "> **⚠ 主持人发言超过总发言时长的一半。**"),
    ],
)
def test_participation_says_everyone_spoke_and_warns_of_a_dominating_facilitator(
    datadir, clock, lang, spoke, dominates
):
    agenda = Agenda(
        Meeting("Weekly", language="en"),
        (Participant("Ann", "facilitator"), Participant("Bo")),
        (Section("Pipeline", 1800),),
    )
    session = Session.start(datadir, agenda, clock, lang="en")
    session.set_speaker("Ann")
    clock.advance(600)
    session.set_speaker("Bo")
    clock.advance(60)
    session.end()
    session.close()
    parts = render_minutes(datadir.read(session.id), "md", lang).split("\n\n")
    assert spoke in parts
    assert dominates in parts


def test_an_interrupted_meeting_is_said_so_in_chinese(datadir):
    record = datadir.read(record_en(datadir, end=False))
    warning = build_minutes(record, "zh").warning
    assert warning == "本次会议未正常结束：于 09:07 中断。本纪要包含中断前记录的全部内容。"


# -- the rest of the model: attendance, the agenda table, follow-up, time --------------------


def _roll_call(datadir, clock):
    agenda = Agenda(
        Meeting("Weekly", language="en"),
        (
            Participant("Ann", "facilitator"),
            Participant("Bo", "sales"),
            Participant("Cy"),
            Participant("Di"),
            Participant("Ed"),
        ),
        (Section("Pipeline", 600),),
    )
    late = AttendanceStatus.LATE
    attendance = {"Ann": AttendanceStatus.PRESENT, "Bo": late, "Cy": late, "Di": late}
    session = Session.start(datadir, agenda, clock, attendance=attendance, lang="en")
    clock.advance(120)
    session.set_attendance("Cy", "present")  # the late one comes in
    session.set_attendance("Zed", "present")  # a guest
    clock.advance(60)
    session.set_attendance("Di", "left")
    session.end()
    session.close()
    return datadir.read(session.id)


@pytest.mark.parametrize(
    ("lang", "rows"),
    [
        (
            "en",
            [
                ("Ann", "facilitator", False, "present", ""),
                ("Bo", "sales", False, "absent (announced late, did not come)", ""),
                ("Cy", None, False, "late", "arrived 09:02"),
                ("Di", None, False, "left early", "left 09:03"),
                ("Ed", None, False, "absent (not checked in)", ""),
                ("Zed", None, True, "present", ""),
            ],
        ),
        (
            "zh",
            [
                ("Ann", "facilitator", False, "出席", ""),
                ("Bo", "sales", False, "缺席（报迟到，未到场）", ""),
                ("Cy", None, False, "迟到", "09:02 到场"),
                ("Di", None, False, "早退", "09:03 离场"),
                ("Ed", None, False, "缺席（未签到）", ""),
                ("Zed", None, True, "出席", ""),
            ],
        ),
    ],
)
def test_attendance_rows_keep_role_guest_status_and_time(datadir, clock, lang, rows):
    people = build_minutes(_roll_call(datadir, clock), lang).attendance
    assert [(p.name, p.role, p.guest, p.status_text, p.time_text) for p in people] == rows


def _overrun(datadir, clock):
    agenda = Agenda(
        Meeting("Weekly", language="en"),
        (Participant("Ann", "facilitator"),),
        (Section("Intro", 300), Section("Pipeline", 300), Section("Wrap", 300)),
    )
    session = Session.start(datadir, agenda, clock, lang="en")
    clock.advance(360)  # a minute over, to the second
    session.next()
    session.extend(2)
    clock.advance(60)
    session.defer()
    clock.advance(359)  # a second short of a minute over
    session.next()
    clock.advance(60)
    session.end()
    session.close()
    return datadir.read(session.id)


@pytest.mark.parametrize(
    ("lang", "remarks"),
    [
        ("en", ["over by 1 min", "", "deferred to the end; +2 min extended"]),
        ("zh", ["超时 1 分钟", "", "已推后至最后；延长 2 分钟"]),
    ],
)
def test_agenda_remarks_count_a_minute_over_and_join_in_each_language(
    datadir, clock, lang, remarks
):
    rows = build_minutes(_overrun(datadir, clock), lang).agenda
    assert [(r.title, r.used) for r in rows] == [("Intro", 360), ("Wrap", 359), ("Pipeline", 120)]
    assert [r.remark for r in rows] == remarks


def _followed_up(datadir, clock):
    """Two of three carried actions done, a one-second pause, a section left and re-entered
    in the same instant."""
    agenda = Agenda(
        Meeting("Weekly", language="en"),
        (Participant("Ann", "facilitator"),),
        (
            Section("Follow-up", 300, SectionKind.FOLLOWUP),
            Section("Pipeline", 900),
            Section("Wrap", 300),
        ),
    )
    carried = carried_actions(ZH_CARRIED)
    session = Session.start(datadir, agenda, clock, carried=carried, lang="en")
    session.submit("/status 1 done")
    session.submit("/status 2 done")
    clock.advance(60)
    session.pause()
    clock.advance(1)
    session.resume_clock()
    session.next()
    clock.advance(300)
    session.next()
    session.prev()  # straight back: Wrap was open for no time at all
    clock.advance(300)
    session.end()
    session.close()
    return datadir.read(session.id)


def test_follow_up_summary_counts_every_action_of_a_status(datadir, clock):
    m = build_minutes(_followed_up(datadir, clock), "en")
    assert [r.status for r in m.followup] == ["done", "done", None]
    assert [r.comment for r in m.followup] == ["", "", ""]  # none given
    assert m.followup_summary == "Done 2 · in progress 0 · blocked 0 · no status 1"


def test_a_pause_of_one_second_is_shown(datadir, clock):
    fields = dict(build_minutes(_followed_up(datadir, clock), "en").fields)
    assert (fields["Duration"], fields["Time in sections"]) == ("11 min 1 s", "11 min")
    assert fields["Paused"] == "1 s"


def test_a_section_left_and_reentered_in_the_same_instant_is_one_stretch(datadir, clock):
    m = build_minutes(_followed_up(datadir, clock), "en")
    lines = [(s.number, s.index, s.title, s.line) for s in m.sections]
    assert lines == [
        (1, 0, "Follow-up", "09:00–09:01 · 1 min"),
        (2, 1, "Pipeline", "09:01–09:11 · 10 min"),  # not 09:01–09:06, 09:06–09:11
        (3, 2, "Wrap", "09:06 · 0 s"),
    ]


CARRIED = [
    {"ref": "a#1", "text": "Send the list", "owner": "Tom", "owner_known": False},
    {"ref": "a#2", "text": "Fix prices", "owner": "Bo", "due": "2026-11-20"},
    # a hand-edited header: a due date that is no date is shown as typed
    {"ref": "a#3", "text": "Call back", "due": "end of month", "origin_date": "2026-11-01"},
]


@pytest.mark.parametrize(
    ("lang", "rows"),
    [
        (
            "en",
            [
                ("Tom (not a participant)", "no due date", "", None, ""),
                ("Bo", "2026-11-20 · 11 days overdue", "", None, ""),
                ("— no owner —", "end of month", "2026-11-01", None, ""),
            ],
        ),
        (
            "zh",
            [
                ("Tom（非参会人员）", "未定完成时间", "", None, ""),
                ("Bo", "2026-11-20 · 逾期 11 天", "", None, ""),
                ("— 未指定 —", "end of month", "2026-11-01", None, ""),
            ],
        ),
    ],
)
def test_carried_actions_are_followed_up_without_a_follow_up_section(datadir, lang, rows):
    agenda = Agenda(Meeting("Weekly", language="en"), (Participant("Bo"),), (Section("Plan", 600),))
    clock = FakeClock(start=datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    carried = carried_actions(CARRIED)
    session = Session.start(datadir, agenda, clock, carried=carried, lang="en")
    session.end()
    session.close()
    m = build_minutes(datadir.read(session.id), lang)
    assert [(r.owner, r.due, r.set_on, r.status, r.comment) for r in m.followup] == rows


def test_a_follow_up_section_with_nothing_carried_has_an_empty_table(datadir, clock):
    agenda = Agenda(
        Meeting("Weekly", language="en"), (), (Section("Follow-up", 300, SectionKind.FOLLOWUP),)
    )
    session = Session.start(datadir, agenda, clock, lang="en")
    session.end()
    session.close()
    m = build_minutes(datadir.read(session.id), "en")
    assert (m.followup, m.followup_summary) == (
        [],
        "Done 0 · in progress 0 · blocked 0 · no status 0",
    )


def test_talk_rows_keep_each_speakers_figures(datadir, clock):
    agenda = Agenda(
        Meeting("Weekly", language="en"),
        (Participant("Ann", "facilitator"), Participant("Bo"), Participant("Cy")),
        (Section("Pipeline", 1800),),
    )
    session = Session.start(datadir, agenda, clock, lang="en")
    session.set_speaker("Ann")
    clock.advance(300)
    session.set_speaker("Bo")
    clock.advance(100)
    session.set_speaker("Ann")
    clock.advance(100)
    session.end()
    session.close()
    m = build_minutes(datadir.read(session.id), "en")
    rows = [(r.name, r.label, r.talk_time, r.share, r.turns, r.share_text) for r in m.talk]
    assert rows == [
        ("Ann", "Ann (facilitator)", 400, pytest.approx(0.8), 2, "80.0%"),
        ("Bo", "Bo", 100, pytest.approx(0.2), 1, "20.0%"),
        ("Cy", "Cy", 0, 0, 0, "0.0%"),
    ]


def test_a_carried_topic_without_a_date_comes_from_the_last_meeting(datadir, clock):
    agenda = Agenda(Meeting("Weekly", language="en"), (), (Section("Plan", 600),))
    topics = [
        CarriedTopic("parking", "Office move"),
        CarriedTopic("section", "Role play", origin_date="2026-11-25T09:00:00+08:00"),
    ]
    session = Session.start(datadir, agenda, clock, lang="en", topics=topics)
    session.end()
    session.close()
    record = datadir.read(session.id)
    assert build_minutes(record, "en").carried_topics == [
        "Carried from the last meeting: Office move (parking lot)",
        "Carried from 2026-11-25: Role play (not reached)",
    ]
    assert (
        build_minutes(record, "zh").carried_topics[0] == "延续自上次会议：Office move（暂存议题）"
    )
