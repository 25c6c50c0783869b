"""The Word minutes, opened again with python-docx: real tables cell by cell, Chinese fonts set."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn
from minutes_sessions import record_en, record_zh

from sessions.minutes import render_minutes
from sessions.minutes.docx import EAST_ASIA_FONT


@pytest.fixture
def zh_doc(datadir):
    data = render_minutes(datadir.read(record_zh(datadir)), "docx", "zh")
    return docx.Document(io.BytesIO(data))


def _cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _table(document, first_header: str, second_header: str):
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[:2] == [first_header, second_header]:
            return table
    raise AssertionError(f"no table starting {first_header}, {second_header}")


def test_attendance_table(zh_doc):
    table = _table(zh_doc, "姓名", "角色")
    assert _cells(table) == [
        ["姓名", "角色", "出席", "时间"],
        ["王磊", "主持人", "出席", ""],
        ["李娜", "记录人", "出席", ""],
        ["张伟", "销售", "迟到", "09:09 到场"],
        ["陈静", "销售", "早退", "09:33 离场"],
        ["Tom Baker", "销售", "缺席", ""],
        ["赵敏", "列席", "出席", ""],
    ]
    assert table.style.name == "Table Grid"


def test_actions_table(zh_doc):
    (table,) = [
        t for t in zh_doc.tables if [c.text for c in t.rows[0].cells][-2:] == ["状态", "编号"]
    ]
    assert _cells(table) == [
        ["序号", "事项", "责任人", "完成时间", "考核标准", "状态", "编号"],
        [
            "1",
            "整理 12 月重点客户拜访计划",
            "张伟",
            "2026-12-05",
            "计划表上传共享盘并经主管确认",
            "未完成",
            "#10",
        ],
        [
            "2",
            "联系物流确认春节前发货安排",
            "小李（非参会人员）",
            "2026-12-10",
            "",
            "未完成",
            "#11",
        ],
        ["3", "准备竞品价格对比表", "陈静", "未定完成时间", "", "未完成", "#12"],
    ]
    assert table.style.name == "Table Grid"


def test_the_command_line_is_not_in_the_word_minutes(zh_doc):
    text = "\n".join(p.text for p in zh_doc.paragraphs)
    assert "minutely actions done" not in text and "标记完成" not in text


def test_signoff_table_has_blank_signature_and_date_cells(zh_doc):
    table = _table(zh_doc, "姓名", "签字")
    assert _cells(table) == [
        ["姓名", "签字", "日期"],
        *[[name, "", ""] for name in ("王磊", "李娜", "张伟", "陈静", "赵敏")],
    ]
    assert table.style.name == "Table Grid"
    assert all(row.height is not None and row.height.mm >= 10 for row in table.rows[1:])


def test_header_rows_repeat_on_each_page_and_rows_do_not_split(zh_doc):
    for table in zh_doc.tables:
        tr_pr = table.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


def test_east_asian_font_is_set_on_body_and_heading_styles(zh_doc):
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        fonts = zh_doc.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == EAST_ASIA_FONT, name
        # a theme font would win over the named one in Word
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name


def test_page_is_a4_and_headings_are_real_headings(zh_doc):
    section = zh_doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    headings = [p.text for p in zh_doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "华东区 11 月销售月会"
    for expected in ("出席情况", "会议议程", "决议事项", "待办事项", "签字确认"):
        assert expected in headings
    assert zh_doc.core_properties.title == "华东区 11 月销售月会"


def test_decisions_and_notes_are_in_the_text(zh_doc):
    text = "\n".join(p.text for p in zh_doc.paragraphs)
    assert "12 月区域目标 325 万，按上表分解" in text
    assert "表扬 张伟：连续三个月全区第一" in text
    assert "打错的一条" not in text


def test_english_word_minutes(datadir):
    data = render_minutes(datadir.read(record_en(datadir)), "docx", "en")
    document = docx.Document(io.BytesIO(data))
    table = _table(document, "Name", "Signature")
    assert [r[0] for r in _cells(table)[1:]] == [
        "Alice Chen",
        "Bob Smith",
        "Carol Jones",
        "Dan Brown",
    ]
    assert document.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == EAST_ASIA_FONT
