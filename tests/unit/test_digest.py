"""The digest for chat and e-mail: per owner their open actions, the decisions and the next meeting, in zh and en."""

from __future__ import annotations

from datetime import date

import pytest

from sessions.actions import change_status
from sessions.digest import render_md, render_text, series_digest, session_digest
from sessions.followup import carried_for
from sessions.session import Session

TODAY = date(2026, 12, 5)
DAY = 24 * 3600


@pytest.fixture
def first(datadir, agenda, clock):
    """The monthly meeting of 1 December: two decisions, four actions; the quote was sent since."""
    session = Session.start(datadir, agenda, clock, lang="zh")
    for line in [
        "/d 12 月起报价统一上调 5%",
        "/a 整理客户名单 @张伟 due:2026-12-01 | 名单上传到共享盘",
        "/a 准备报价单 @陈静 due:2026-12-05",
        "/a Call the Acme buyer @Tom due:2026-12-12 | meeting booked",
        "/a 更新价格表 @张伟",
        "/d Weekly pipeline review on Mondays",
    ]:
        clock.advance(20)
        session.submit(line)
    session.end()
    session.close()
    change_status(datadir, f"{session.id}#3", "done", None, 1.8e9, "cli")
    return session


@pytest.fixture
def second(datadir, agenda, clock, first):
    """The next meeting of the series, a week later: it inherits what is still open."""
    clock.advance(7 * DAY)
    carried, previous = carried_for(datadir, agenda, clock.wall().date())
    session = Session.start(datadir, agenda, clock, carried=carried, previous=previous, lang="zh")
    for line in ["/d 重点跟进华东大客户", "/a 拜访 Acme 采购 @陈静 due:2026-12-10"]:
        clock.advance(20)
        session.submit(line)
    session.end()
    session.close()
    return session


def test_a_chinese_digest_of_one_meeting(datadir, first):
    digest = session_digest(datadir, datadir.read(first.id), TODAY)
    assert digest.lang == "zh"  # the meeting's language
    assert render_text(digest) == (
        "华东区 11 月销售月会 2026年12月1日（星期二）\n"
        "\n"
        "决议\n"
        "1. 12 月起报价统一上调 5%\n"
        "2. Weekly pipeline review on Mondays\n"
        "\n"
        "未完成待办\n"
        "张伟（2 项未完成）\n"
        "- 整理客户名单（截止 2026-12-01；已逾期 4 天；考核标准：名单上传到共享盘）\n"
        "- 更新价格表（未定截止日期）\n"
        "\n"
        "Tom Baker（1 项未完成）\n"
        "- Call the Acme buyer（截止 2026-12-12；考核标准：meeting booked）\n"
    )


def test_an_english_digest_marks_what_is_overdue_and_due_today(datadir, first):
    record = datadir.read(first.id)
    text = render_text(session_digest(datadir, record, date(2026, 12, 12), lang="en"))
    lines = text.splitlines()
    assert lines[0] == "华东区 11 月销售月会 — 2026-12-01 (Tuesday)"
    assert lines[2:5] == [
        "Decisions",
        "1. 12 月起报价统一上调 5%",
        "2. Weekly pipeline review on Mondays",
    ]
    assert "张伟 (2 open)" in lines
    assert (
        "- 整理客户名单 (due 2026-12-01; OVERDUE by 11 days; done when: 名单上传到共享盘)" in lines
    )
    assert "- Call the Acme buyer (due today; done when: meeting booked)" in lines
    # The quote was sent: done actions are not in anyone's digest.
    assert "准备报价单" not in text and "陈静" not in text
    one_day = render_text(session_digest(datadir, record, date(2026, 12, 2), lang="en"))
    assert "OVERDUE by 1 day;" in one_day


def test_one_owner_by_prefix(datadir, first):
    record = datadir.read(first.id)
    text = render_text(session_digest(datadir, record, TODAY, lang="en", owner="tom"))
    assert "Tom Baker (1 open)" in text
    assert "张伟" not in text and "整理客户名单" not in text
    assert "Decisions" in text  # what was decided concerns everyone
    # Someone whose actions are all done gets a digest that says so.
    done = render_text(session_digest(datadir, record, TODAY, lang="en", owner="陈"))
    assert "陈静 (0 open)\nNothing open.\n" in done


def test_an_owner_with_no_action_is_refused(datadir, first):
    from sessions.actions import ActionError

    with pytest.raises(ActionError, match="王磊|Tom Baker"):
        session_digest(datadir, datadir.read(first.id), TODAY, owner="王")


def test_the_next_meeting_and_the_carried_actions(datadir, first, second):
    text = render_text(session_digest(datadir, datadir.read(first.id), TODAY, lang="en"))
    assert text.endswith("\nNext meeting: 2026-12-08 (Tuesday)\n")
    later = session_digest(datadir, datadir.read(second.id), date(2026, 12, 8))
    text = render_text(later)
    assert text.startswith(
        "华东区 11 月销售月会 2026年12月8日（星期二）\n\n决议\n1. 重点跟进华东大客户\n"
    )
    assert (
        "- 整理客户名单（截止 2026-12-01；已逾期 7 天；考核标准：名单上传到共享盘；2026-12-01 会议提出）"
        in text
    )
    assert "陈静（1 项未完成）\n- 拜访 Acme 采购（截止 2026-12-10）\n" in text
    assert "下次会议" not in text  # nothing known yet
    given = session_digest(
        datadir, datadir.read(second.id), date(2026, 12, 8), next_meeting=date(2027, 1, 5)
    )
    assert render_text(given).endswith("\n下次会议：2027年1月5日（星期二）\n")


def test_a_series_digest_has_every_open_action_of_the_series(datadir, first, second):
    digest = series_digest(datadir, "east-monthly", date(2026, 12, 8), lang="en")
    assert digest.session_id == second.id
    owners = {owner: [a.text for a in actions] for owner, actions in digest.owners}
    assert owners == {
        "张伟": ["整理客户名单", "更新价格表"],
        "Tom Baker": ["Call the Acme buyer"],
        "陈静": ["拜访 Acme 采购"],
    }
    from sessions.disk import UnknownSession

    with pytest.raises(UnknownSession, match="west"):
        series_digest(datadir, "west", TODAY)


def test_a_digest_holds_no_table_and_fits_a_chat_message(datadir, first, second):
    for lang in ("zh", "en"):
        digest = series_digest(datadir, "east-monthly", date(2026, 12, 8), lang=lang)
        text = render_text(digest)
        assert "|" not in text and "---" not in text and "+-" not in text
        assert not any(line.startswith(("#", "*", ">")) for line in text.splitlines())
        # 企业微信's group robot takes 2048 bytes of text: a meeting's digest fits easily.
        assert len(text.encode("utf-8")) < 2048


def test_markdown_digest_escapes_what_people_typed(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock, lang="en")
    session.submit("/d **not bold** [link](x) <b>")
    session.submit("/a # not a heading @张伟 due:2026-12-01 | `x`")
    session.end()
    session.close()
    md = render_md(session_digest(datadir, datadir.read(session.id), TODAY))
    assert "1. \\*\\*not bold\\*\\* \\[link\\](x) \\<b\\>" in md
    assert "### 张伟 (1 open)" in md
    assert "- \\# not a heading *(due 2026-12-01; OVERDUE by 4 days; done when: \\`x\\`)*" in md


def test_no_control_character_leaves_a_digest(datadir, agenda, clock):
    from hostile import CONTROL, control_free

    session = Session.start(datadir, agenda, clock, lang="en")
    session.submit("/d placeholder")
    session.end()
    session.close()
    record = datadir.read(session.id)
    for event in record.events:
        if event.get("text") == "placeholder":
            event["text"] = CONTROL[0] + CONTROL[3]
    record.meta["title"] = CONTROL[2]
    digest = session_digest(datadir, record, TODAY)
    for render in (render_text, render_md):
        out = render(digest)
        assert control_free(out)
        assert "0;TITLE" in out and "31m H" in out  # the rest of the text is kept
