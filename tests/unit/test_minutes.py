"""The minutes: what they say about a recorded meeting, golden Markdown and HTML, JSON round trip."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest
from minutes_sessions import record_en, record_zh

from sessions.datadir import DataDir
from sessions.export_json import export_json
from sessions.followup import CarriedTopic
from sessions.i18n import _minutes
from sessions.minutes import build_minutes, render_minutes, write_minutes
from sessions.store import SessionRecord

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("MINUTELY_UPDATE_GOLDEN") == "1"


@pytest.fixture
def zh_record(datadir: DataDir) -> SessionRecord:
    return datadir.read(record_zh(datadir))


@pytest.fixture
def en_record(datadir: DataDir) -> SessionRecord:
    return datadir.read(record_en(datadir))


def _golden(name: str, text: str, session_id: str) -> None:
    # Session ids end in random digits: the golden files hold a stand-in.
    text = text.replace(session_id, "SESSION-ID")
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with MINUTELY_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from the golden file"


def _section(md: str, heading: str) -> str:
    """The Markdown between `## heading` and the next `## `."""
    start = md.index(f"## {heading}\n")
    end = md.find("\n## ", start + 1)
    return md[start : end if end != -1 else len(md)]


def _rows(block: str) -> list[list[str]]:
    """Cells of the table rows in a Markdown block (header and delimiter rows included)."""
    rows = []
    for line in block.splitlines():
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
            rows.append([c.strip() for c in cells])
    return rows


# -- golden files ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_zh_minutes_match_the_golden_file(zh_record, fmt):
    _golden(f"minutes_zh.{fmt}", render_minutes(zh_record, fmt, "zh"), zh_record.id)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_en_minutes_match_the_golden_file(en_record, fmt):
    _golden(f"minutes_en.{fmt}", render_minutes(en_record, fmt, "en"), en_record.id)


def test_the_session_id_is_shown_once_where_actions_are_marked_done(zh_record):
    md = render_minutes(zh_record, "md", "zh")
    html = render_minutes(zh_record, "html", "zh")
    # the command line is for the Markdown minutes only: printed minutes are read, not typed from
    assert md.count(zh_record.id) == 1 and html.count(zh_record.id) == 0
    assert "minutely actions done" not in html
    assert f"`minutely actions done {zh_record.id}#N`" in _section(md, "待办事项")


# -- content ---------------------------------------------------------------------------------


def test_header_gives_date_times_in_the_meeting_zone_place_and_people(zh_record):
    md = render_minutes(zh_record, "md", "zh")
    assert md.startswith("# 华东区 11 月销售月会\n")
    # FakeClock started at 09:00 +08:00: the minutes show local time, not UTC
    assert "- **日期**：2026年12月1日（星期二）" in md
    assert "- **时间**：09:00—09:48" in md
    assert "- **地点**：3F 大会议室" in md
    assert "- **主持人**：王磊" in md
    assert "- **记录人**：李娜" in md
    assert "- **会议系列**：east-monthly" in md
    assert "未正常结束" not in md


def test_attendance_lists_late_left_absent_and_guests_with_times(zh_record):
    rows = _rows(_section(render_minutes(zh_record, "md", "zh"), "出席情况"))
    assert rows[0] == ["姓名", "角色", "出席", "时间"]
    people = {r[0]: r[1:] for r in rows[2:]}
    assert people["王磊"] == ["主持人", "出席", ""]
    assert people["张伟"] == ["销售", "迟到", "09:09 到场"]
    assert people["陈静"] == ["销售", "早退", "09:33 离场"]
    assert people["Tom Baker"] == ["销售", "缺席", ""]
    assert people["赵敏"] == ["列席", "出席", ""]


def test_not_checked_in_and_never_arrived_count_as_absent(en_record):
    minutes = build_minutes(en_record, "en")
    by_name = {p.name: p for p in minutes.attendance}
    assert by_name["Eve Adams"].status_text == "absent (not checked in)"
    assert by_name["Frank Li"].status_text == "absent (announced late, did not come)"
    assert not by_name["Eve Adams"].was_there and not by_name["Frank Li"].was_there
    assert minutes.attendance_summary == "Present 3 · late 0 · left early 1 · absent 2"
    assert "Eve Adams" not in minutes.signoff and "Frank Li" not in minutes.signoff


def test_agenda_shows_planned_actual_deferred_and_not_reached(zh_record):
    md = render_minutes(zh_record, "md", "zh")
    rows = _rows(_section(md, "会议议程"))
    assert rows[0] == ["序号", "议题", "汇报人", "计划用时", "实际用时", "备注"]
    by_title = {r[1]: r for r in rows[2:]}
    # the agenda's planned time, the extension apart
    assert by_title["11 月销售回顾"][3:] == ["15 分钟", "20 分 40 秒", "延长 5 分钟"]
    assert by_title["竞品分析"][5] == "已推后至最后"
    assert by_title["销售培训"][4:] == ["", "未进行"]
    assert "未进行的议题：销售培训。" in md


def test_sections_keep_their_agenda_numbers_in_the_order_they_ran(zh_record, en_record):
    md = render_minutes(zh_record, "md", "zh")
    rows = _rows(_section(md, "会议议程"))
    # 竞品分析 (agenda 3) was deferred and taken up last; 销售培训 never reached
    assert [r[0] for r in rows[2:-1]] == ["1", "2", "4", "5", "3", "6"]
    notes = _section(md, "分议题记录")
    headings = re.findall(r"^### (.*)$", notes, flags=re.M)
    assert headings == [
        "1. 上月例会工作追踪",
        "2. 11 月销售回顾",
        "4. 12 月任务分解",
        "3. 竞品分析（已推后）",
    ]
    en = render_minutes(en_record, "md", "en")
    assert "### 3. Competitor analysis (deferred)" in en
    assert [s.number for s in build_minutes(en_record, "en").sections] == [1, 2, 4, 5, 3]


def test_one_meaning_for_each_length_of_time(zh_record, en_record):
    md = render_minutes(zh_record, "md", "zh")
    # planned as in the notice (65 min), the /extend 5 apart; duration = end - start with
    # the 5-minute pause; time in sections = the agenda table's total
    assert "- **计划时长**：1 小时 5 分（另延长 5 分钟）\n" in md
    assert "- **实际时长**：48 分 40 秒\n" in md
    assert "- **议题用时合计**：43 分 40 秒\n" in md
    assert "- **暂停**：5 分钟\n" in md
    total = _rows(_section(md, "会议议程"))[-1]
    assert total == ["", "**合计**", "", "**1 小时 5 分**", "**43 分 40 秒**", "**延长 5 分钟**"]
    minutes = build_minutes(zh_record, "zh")
    assert minutes.planned == 65 * 60 and minutes.extended == 300
    assert minutes.in_sections == sum(r.used for r in minutes.agenda)
    en = render_minutes(en_record, "md", "en")
    assert (
        "- **Planned**: 55 min\n- **Duration**: 42 min 5 s\n- **Time in sections**: 42 min 5 s\n"
        in en
    )
    assert "Paused" not in en  # no pause, no line
    assert "| 2 | Results vs targets | Carol Jones | 10 min | 12 min | over by 2 min |" in en


def test_an_extension_reads_plus_minutes_extended_in_english(datadir, clock):
    from agendas.model import Agenda, Meeting, Section
    from sessions.session import Session

    agenda = Agenda(Meeting("Weekly", language="en"), (), (Section("Pipeline", 360),))
    session = Session.start(datadir, agenda, clock, lang="en")
    session.extend(2)
    clock.advance(269)
    session.end()
    session.close()
    md = render_minutes(datadir.read(session.id), "md", "en")
    assert "- **Planned**: 6 min (+2 min extended)\n" in md
    assert "- **Duration**: 4 min 29 s\n" in md
    assert "| 1 | Pipeline |  | 6 min | 4 min 29 s | +2 min extended |" in md
    assert "| **Total** |  | **6 min** | **4 min 29 s** | **+2 min extended** |" in md


def test_sections_hold_their_items_in_order_without_undone_or_deleted(zh_record):
    minutes = build_minutes(zh_record, "zh")
    review = next(s for s in minutes.sections if s.title == "11 月销售回顾")
    assert [(e.kind.value, e.text) for e in review.entries] == [
        ("note", "张伟：11 月完成 135 万，完成率 112.5%"),
        ("kudos", "连续三个月全区第一"),
        ("question", "陈静 区域差距的主要原因是什么？"),
        ("note", "陈静：大客户订单推迟到 12 月"),
    ]
    assert review.entries[1].label == "表扬 张伟"
    md = render_minutes(zh_record, "md", "zh")
    assert "打错的一条" not in md and "删除的一条" not in md
    assert "11 月价格保持不变，12 月再议" in md  # the edited text, not the typed one
    assert "年会场地预订" not in _section(md, "分议题记录")  # parking only in the parking lot
    assert "- 09:33 年会场地预订 *（12 月任务分解）*" in _section(md, "暂存议题")


def test_decisions_are_numbered(zh_record):
    block = _section(render_minutes(zh_record, "md", "zh"), "决议事项")
    assert "1. 12 月区域目标 325 万，按上表分解 *（12 月任务分解，09:33）*" in block
    assert "2. 11 月价格保持不变，12 月再议 *（12 月任务分解，09:33）*" in block


def test_actions_with_owner_due_criteria_status_and_unknown_owner_flagged(zh_record):
    block = _section(render_minutes(zh_record, "md", "zh"), "待办事项")
    rows = _rows(block)
    assert rows[0] == ["序号", "事项", "责任人", "完成时间", "考核标准", "状态", "编号"]
    assert rows[2] == [
        "1",
        "整理 12 月重点客户拜访计划",
        "张伟",
        "2026-12-05",
        "计划表上传共享盘并经主管确认",
        "未完成",
        "#10",
    ]
    assert rows[3][2] == "小李（非参会人员）"
    assert rows[4][3] == "未定完成时间"
    assert "### 按责任人" in block
    assert "**陈静**\n\n- **待办 3**：准备竞品价格对比表" in block


def test_actions_show_the_ref_minutely_actions_takes(datadir, zh_record):
    from sessions.actions import load_actions

    md = render_minutes(zh_record, "md", "zh")
    block = _section(md, "待办事项")
    # numbered 1…n in the minutes, the stable reference in its own column
    assert [r[0] for r in _rows(block)[2:]] == ["1", "2", "3"]
    refs = [r[-1] for r in _rows(block)[2:]]
    assert refs == ["#10", "#11", "#12"]
    # the same numbers as `minutely actions`, whose refs are <session id>#<item id>
    book = load_actions(datadir)
    assert sorted(a.ref for a in book.actions) == sorted(f"{zh_record.id}{r}" for r in refs)
    assert f"*标记完成（N 为编号）：* `minutely actions done {zh_record.id}#N`" in block
    assert "- 09:33 **待办 1**：整理 12 月重点客户拜访计划" in _section(md, "分议题记录")
    en = render_minutes(datadir.read(zh_record.id), "md", "en")
    assert "| 1 | 整理 12 月重点客户拜访计划 |" in en and "| #10 |" in en
    assert (
        f"*Mark an action done with (N is its Ref):* `minutely actions done {zh_record.id}#N`" in en
    )


def test_actions_without_owner_or_due_date_are_flagged_and_listed(datadir, clock):
    from agendas.model import Agenda, Meeting, Participant, Section
    from sessions.session import Session

    agenda = Agenda(
        Meeting("Weekly", language="en"), (Participant("Ann"),), (Section("Pipeline", 600),)
    )
    session = Session.start(datadir, agenda, clock, lang="en")
    session.submit("/a Call the buyer @Ann due:2026-12-04")
    session.submit("/a Book a room due:2026-12-04")
    session.submit("/a Fix the CRM")
    session.submit("/a Send the quote @Ann")
    session.end()
    session.close()
    md = render_minutes(datadir.read(session.id), "md", "en")
    block = _section(md, "Action items")
    rows = {r[1]: r for r in _rows(block)[2:]}
    assert rows["Book a room"][2:4] == ["— no owner —", "2026-12-04"]
    assert rows["Fix the CRM"][2:4] == ["— no owner —", "no due date"]
    assert rows["Send the quote"][2:4] == ["Ann", "no due date"]
    note = block[block.index("**Needs an owner / due date:**") :]
    assert note.splitlines()[2:5] == [
        "- **2**: Book a room *(no owner)*",
        "- **3**: Fix the CRM *(no owner, no due date)*",
        "- **4**: Send the quote *(no due date)*",
    ]
    assert "Call the buyer" not in note.split("*Mark an action")[0]
    zh = render_minutes(datadir.read(session.id), "md", "zh")
    assert "**需补充责任人或完成时间：**" in zh
    assert "- **3**：Fix the CRM *（缺责任人、缺完成时间）*" in zh


def test_a_downtime_of_the_app_is_not_the_meetings_business(datadir, clock):
    from agendas.model import Agenda, Meeting, Section
    from sessions.session import Session

    agenda = Agenda(Meeting("Weekly", language="en"), (), (Section("Pipeline", 600),))
    session = Session.start(datadir, agenda, clock, lang="en")
    clock.advance(60)
    session.submit("first note")
    session.close()  # the app goes away; the meeting goes on
    clock.advance(21)
    session = Session.resume(datadir, session.id, clock)
    clock.advance(60)
    session.end()
    session.close()
    record = datadir.read(session.id)
    for lang in ("en", "zh"):
        md = render_minutes(record, "md", lang)
        assert "down" not in md and "中断" not in md and "went on" not in md


def test_carried_topics_are_listed_in_the_followup_part(en_record, datadir, clock):
    block = _section(
        render_minutes(en_record, "md", "en"), "Follow-up of the last meeting's actions"
    )
    assert (
        "**Topics carried over**\n\n"
        "- Carried from 2026-11-25: Role play (not reached)\n"
        "- Carried from 2026-11-25: Trade fair budget (parking lot)"
    ) in block
    zh = render_minutes(en_record, "md", "zh")
    assert "- 延续自 2026-11-25：Role play（上次未进行）" in zh
    assert "- 延续自 2026-11-25：Trade fair budget（暂存议题）" in zh

    # topics alone (no follow-up section, no carried actions) still get the part
    from agendas.model import Agenda, Meeting, Section
    from sessions.session import Session

    agenda = Agenda(Meeting("Stand-up", language="en"), (), (Section("Today", 300),))
    topic = CarriedTopic("parking", "Office move", origin_date="2026-11-20")
    session = Session.start(datadir, agenda, clock, topics=[topic], lang="en")
    session.end()
    session.close()
    md = render_minutes(datadir.read(session.id), "md", "en")
    assert "- Carried from 2026-11-20: Office move (parking lot)" in md
    assert "No open actions were carried over" not in md


def test_followup_shows_the_status_given_or_says_none_was(zh_record):
    block = _section(render_minutes(zh_record, "md", "zh"), "上次会议待办追踪")
    rows = _rows(block)
    # The last column is the reference `minutely actions done` takes.
    refs = [c["ref"] for c in zh_record.meta["carried"]]
    assert rows[0][-1] == "编号" and [row[-1] for row in rows[2:]] == refs
    assert rows[2][1:-1] == [
        "整理重点客户名单",
        "张伟",
        "2026-11-20",
        "2026-11-01",
        "已完成",
        "已上传共享盘",
    ]
    assert rows[3][5:-1] == ["未说明进展", ""]
    assert rows[4][5:-1] == ["受阻", "等待财务确认价格"]
    assert "已完成 1 项 · 进行中 0 项 · 受阻 1 项 · 未说明 1 项" in block


def test_targets_vs_results_ranked_and_next_months_targets(zh_record):
    md = render_minutes(zh_record, "md", "zh")
    perf = _rows(_section(md, "业绩回顾（目标与完成）"))
    assert perf[2] == ["1", "张伟", "1,200,000", "1,350,000", "112.5%"]
    assert perf[4] == ["3", "陈静", "1,000,000", "800,000", "80.0%"]
    assert perf[5] == ["", "**合计**", "**3,100,000**", "**3,060,000**", "**98.7%**"]
    targets = _rows(_section(md, "新目标"))
    assert targets[0] == ["姓名", "本期目标", "新目标"]
    assert targets[2:] == [
        ["张伟", "1,200,000", "1,300,000"],
        ["陈静", "1,000,000", "1,000,000"],
        ["Tom Baker", "900,000", "950,000"],
        ["**合计**", "", "**3,250,000**"],
    ]


def test_participation_gives_talk_share_turns_and_who_did_not_speak(zh_record):
    block = _section(render_minutes(zh_record, "md", "zh"), "发言情况")
    rows = _rows(block)
    # his turn in the deferred section ended with it: the 30 s in section 4 before 李娜 are not his
    assert rows[2] == ["王磊（主持人）", "10:00", "23.2%", "3"]
    assert ["张伟", "04:00", "9.3%", "1"] in rows
    assert "Tom Baker" not in block  # absent people are not listed
    assert "未发言：赵敏。" in block


def test_signoff_has_one_blank_row_per_attendee_who_was_there(zh_record):
    rows = _rows(_section(render_minutes(zh_record, "md", "zh"), "签字确认"))
    assert rows[0] == ["姓名", "签字", "日期"]
    assert rows[2:] == [[n, "", ""] for n in ("王磊", "李娜", "张伟", "陈静", "赵敏")]


def test_an_interrupted_session_exports_marked_as_such(datadir):
    record = datadir.read(record_en(datadir, end=False))
    md = render_minutes(record, "md", "en")
    assert "> **⚠ This meeting was not ended: it was interrupted at 09:07." in md
    assert "- **Time**: 08:30– (last entry 09:07)" in md
    assert "- **Status**: interrupted" in md
    minutes = build_minutes(record, "en")
    assert not minutes.ended
    assert "Competitor analysis" in [r.title for r in minutes.agenda]


def test_a_session_without_followup_or_performance_sections_leaves_them_out(datadir, clock):
    from agendas.model import Agenda, Meeting, Participant, Section
    from sessions.session import Session

    agenda = Agenda(
        Meeting("Stand-up", language="en"),
        (Participant("Ann"), Participant("Ben")),
        (Section("Yesterday", 300), Section("Today", 300)),
    )
    session = Session.start(datadir, agenda, clock, lang="en")
    clock.advance(30)
    session.submit("All good")
    session.end()
    session.close()
    md = render_minutes(datadir.read(session.id), "md", "en")
    for absent in ("Follow-up of the last", "Targets vs results", "New targets"):
        assert absent not in md
    assert "No resolutions recorded." in md and "No action items." in md
    assert "Nothing was parked." in md
    assert "- **Place**: —" in md


# -- API -------------------------------------------------------------------------------------


def test_json_export_rebuilds_the_same_minutes(zh_record, tmp_path):
    exported = json.loads(render_minutes(zh_record, "json", "zh"))
    assert exported == json.loads(json.dumps(export_json(zh_record), ensure_ascii=False))
    rebuilt = SessionRecord(
        exported["id"], exported["meta"], exported["events"], tmp_path / "x.json", 0.0
    )
    for fmt in ("md", "html"):
        assert render_minutes(rebuilt, fmt, "zh") == render_minutes(zh_record, fmt, "zh")


def test_unknown_format_is_a_value_error(zh_record):
    with pytest.raises(ValueError, match="pdf"):
        render_minutes(zh_record, "pdf", "zh")


def test_render_types(zh_record):
    assert isinstance(render_minutes(zh_record, "md", "zh"), str)
    assert isinstance(render_minutes(zh_record, "html", "zh"), str)
    assert isinstance(render_minutes(zh_record, "json", "zh"), str)
    assert render_minutes(zh_record, "docx", "zh")[:2] == b"PK"


def test_write_minutes_writes_the_export_folder_privately(datadir):
    session_id = record_zh(datadir)
    path = write_minutes(datadir, session_id, "zh")
    assert path == datadir.exports_dir / f"{session_id}.md"
    assert path.read_text(encoding="utf-8") == render_minutes(datadir.read(session_id), "md", "zh")
    assert stat.S_IMODE(datadir.exports_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = write_minutes(datadir, session_id, "en", "html")
    assert again.suffix == ".html" and again.read_text(encoding="utf-8").startswith("<!DOCTYPE")
    docx = write_minutes(datadir, session_id, "zh", "docx")
    assert docx.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in datadir.exports_dir.iterdir()) == sorted(
        [f"{session_id}.md", f"{session_id}.html", f"{session_id}.docx"]
    )


def test_minutes_in_the_other_language_use_its_catalog(zh_record):
    md = render_minutes(zh_record, "md", "en")
    assert "## Attendance" in md and "## Sign-off" in md
    assert "| Zhang" not in md  # names are never translated
    assert "| 张伟 | sales | late | arrived 09:09 |" in md


def test_minutes_catalog_has_the_same_keys_in_both_languages():
    assert set(_minutes.STRINGS["en"]) == set(_minutes.STRINGS["zh"])
    for lang in ("en", "zh"):
        for key, text in _minutes.STRINGS[lang].items():
            assert text.strip(), key


def test_html_is_one_printable_self_contained_file(zh_record):
    html = render_minutes(zh_record, "html", "zh")
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert "@page { size: A4; margin: 18mm; }" in html
    assert "thead { display: table-header-group; }" in html
    assert "Microsoft YaHei" in html and "Noto Sans CJK SC" in html
    assert "<link" not in html and "<script" not in html and "src=" not in html
    assert '<table class="signoff">' in html


def test_targets_are_worded_for_any_period(en_record):
    # a weekly meeting: no "month" in the minutes' own words (the agenda's titles are its own)
    md = render_minutes(en_record, "md", "en")
    block = _section(md, "New targets")
    assert _rows(block)[0] == ["Name", "Current target", "New target"]
    assert "This month" not in md and "## Next month" not in md
    assert "*See “New targets” below.*" in md


def test_english_counts_are_singular_for_one(en_record):
    md = render_minutes(en_record, "md", "en")
    assert "Section not reached: Role play." in md


def test_talk_time_is_rounded_once_the_same_way_as_history(datadir, clock):
    from agendas.model import Agenda, Meeting, Participant, Section
    from sessions.minutes.model import talk_clock
    from sessions.session import Session

    agenda = Agenda(
        Meeting("Weekly", language="en"), (Participant("Sam"),), (Section("Pipeline", 600),)
    )
    session = Session.start(datadir, agenda, clock, lang="en")
    session.set_speaker("Sam")
    clock.advance(58.6)
    session.set_speaker(None)
    session.end()
    session.close()
    rows = _rows(_section(render_minutes(datadir.read(session.id), "md", "en"), "Participation"))
    assert rows[2][:2] == ["Sam", "00:59"]
    assert talk_clock(58.6) == "00:59" and talk_clock(58.4) == "00:58"


def test_a_deferred_section_gives_each_stretch_it_ran(zh_record, en_record):
    zh = _section(render_minutes(zh_record, "md", "zh"), "分议题记录")
    assert "### 3. 竞品分析（已推后）\n\n*09:30—09:31，09:42—09:48 · 7 分钟*" in zh
    en = _section(render_minutes(en_record, "md", "en"), "Notes by section")
    # opened and deferred within the same minute: one time, not 08:46–08:46
    assert "### 3. Competitor analysis (deferred)\n\n*08:46, 09:06–09:12 · 6 min*" in en
    assert "*Presenter: Dan Brown · 08:46–09:03 · 16 min 40 s*" in en
