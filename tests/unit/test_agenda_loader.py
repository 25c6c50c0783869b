"""The agenda loader: the SPEC example, every kind of problem with its line, and fuzzing."""

from __future__ import annotations

import copy
import re
import textwrap
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agendas.loader import AgendaError, Problem, load_agenda, load_agenda_text
from agendas.model import Agenda, Meeting, Participant, Section, SectionKind
from agendas.wording import STRINGS
from tui import agenda_commands

SPEC_EXAMPLE = """\
meeting:
  title: 华东区 11 月销售月会        # required
  series: east-monthly               # sessions of one series follow up each other's actions
  location: 3F 大会议室
  facilitator: 王磊
  scribe: 李娜
  purpose: 回顾 11 月业绩，分解 12 月任务
  language: zh                       # zh | en: screens and minutes
  starts: 2026-12-01 09:00           # optional; used by the notice
  break_after: 60m                   # warn when a sitting runs longer without a break
  rules: [不准迟到早退, 不准无故请假, 会前准备好材料]
participants:
  - name: 王磊
    role: facilitator
  - name: 张伟
    role: sales
    target: 1200000                  # optional: this month's target and result
    actual: 1350000
  - 陈静                             # a bare name is fine
sections:
  - title: 上月例会工作追踪
    duration: 10m                    # 90s, 10m, 1h30m, or a bare number of minutes
    kind: followup                   # filled with the series' open action items
  - title: 11 月销售回顾
    duration: 15m
    presenter: 张伟
    kind: performance                # shows targets vs results
    materials: [11 月销售报表]
    goals: [每人说明完成率与差距原因]
  - title: 竞品分析
    duration: 10m
  - title: 12 月任务分解
    duration: 10m
    kind: targets                    # capture next month's target per rep
  - title: 销售培训
    duration: 15m
checklist: [确认会议必要性与目的, 发出会议通知, 准备销售报表, 调试投影仪]
"""

SPEC_AGENDA = Agenda(
    meeting=Meeting(
        title="华东区 11 月销售月会",
        series="east-monthly",
        location="3F 大会议室",
        facilitator="王磊",
        scribe="李娜",
        purpose="回顾 11 月业绩，分解 12 月任务",
        language="zh",
        starts=datetime(2026, 12, 1, 9, 0),
        break_after=3600,
        rules=("不准迟到早退", "不准无故请假", "会前准备好材料"),
    ),
    participants=(
        Participant("王磊", "facilitator"),
        Participant("张伟", "sales", 1200000, 1350000),
        Participant("陈静"),
    ),
    sections=(
        Section("上月例会工作追踪", 600, SectionKind.FOLLOWUP),
        Section(
            "11 月销售回顾",
            900,
            SectionKind.PERFORMANCE,
            presenter="张伟",
            materials=("11 月销售报表",),
            goals=("每人说明完成率与差距原因",),
        ),
        Section("竞品分析", 600),
        Section("12 月任务分解", 600, SectionKind.TARGETS),
        Section("销售培训", 900),
    ),
    checklist=("确认会议必要性与目的", "发出会议通知", "准备销售报表", "调试投影仪"),
)

MINIMAL = """\
meeting:
  title: Weekly
sections:
  - title: Numbers
    duration: 10m
"""


def problems(text: str) -> list[tuple[int | None, str]]:
    """(line, message) of each problem the loader finds in `text`."""
    with pytest.raises(AgendaError) as info:
        load_agenda_text(textwrap.dedent(text), "agenda.yaml")
    for problem in info.value.problems:
        assert problem.file == "agenda.yaml"
    return [(p.line, p.message) for p in info.value.problems]


def only_problem(text: str) -> tuple[int | None, str]:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


# The SPEC example and what is accepted


def test_spec_example_loads_to_the_expected_agenda() -> None:
    agenda = load_agenda_text(SPEC_EXAMPLE, "agenda.yaml")
    assert agenda == SPEC_AGENDA
    assert agenda.source == "agenda.yaml"
    assert agenda.planned_seconds == 60 * 60
    assert agenda.facilitator == "王磊"


def test_spec_example_round_trips_through_dict() -> None:
    agenda = load_agenda_text(SPEC_EXAMPLE, "agenda.yaml")
    again = Agenda.from_dict(agenda.to_dict())
    assert again == agenda
    assert again.source == "agenda.yaml"


def test_load_agenda_reads_a_file_and_keeps_its_path(tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_text(SPEC_EXAMPLE, encoding="utf-8")
    assert load_agenda(path) == SPEC_AGENDA
    assert load_agenda(str(path)).source == str(path)


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_agenda(path).meeting.title == "Weekly"


def test_minimal_agenda_has_defaults() -> None:
    agenda = load_agenda_text(MINIMAL)
    assert agenda == Agenda(Meeting("Weekly"), (), (Section("Numbers", 600),), ())
    assert agenda.source == "<agenda>"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-12-01 09:00", datetime(2026, 12, 1, 9, 0)),
        ("2026-12-01T09:00", datetime(2026, 12, 1, 9, 0)),
        ("2026-12-01 09:00:00", datetime(2026, 12, 1, 9, 0)),
        ("2026-12-01", datetime(2026, 12, 1)),
        ("'2026-12-01 09:30'", datetime(2026, 12, 1, 9, 30)),
        ("2026/12/01 09:00", datetime(2026, 12, 1, 9, 0)),
    ],
)
def test_starts_forms(written: str, expected: datetime) -> None:
    text = MINIMAL.replace("title: Weekly", f"title: Weekly\n  starts: {written}")
    assert load_agenda_text(text).meeting.starts == expected


def test_starts_with_an_offset_becomes_local_naive_time() -> None:
    text = MINIMAL.replace("title: Weekly", "title: Weekly\n  starts: 2026-12-01 09:00:00+08:00")
    starts = load_agenda_text(text).meeting.starts
    assert starts is not None and starts.tzinfo is None
    expected = datetime.fromisoformat("2026-12-01T09:00:00+08:00").astimezone()
    assert starts == expected.replace(tzinfo=None)


@pytest.mark.parametrize(
    ("written", "seconds"), [("15", 900), ("90s", 90), ("1h30m", 5400), ("'20'", 1200)]
)
def test_duration_forms(written: str, seconds: int) -> None:
    text = MINIMAL.replace("duration: 10m", f"duration: {written}")
    assert load_agenda_text(text).sections[0].duration == seconds


def test_single_strings_count_as_one_item_lists() -> None:
    text = """\
    meeting:
      title: Weekly
      rules: Be on time
    sections:
      - title: Numbers
        duration: 10m
        materials: Sales report
        goals: Explain the gaps
    checklist: Send the notice
    """
    agenda = load_agenda_text(textwrap.dedent(text))
    assert agenda.meeting.rules == ("Be on time",)
    assert agenda.sections[0].materials == ("Sales report",)
    assert agenda.sections[0].goals == ("Explain the gaps",)
    assert agenda.checklist == ("Send the notice",)


def test_scalars_are_taken_as_written() -> None:
    # YAML 1.1 would turn these into a bool, an int and an int in base 60.
    text = """\
    meeting:
      title: 2026
      location: 301
      facilitator: No
      series: 1:30
    sections:
      - title: Numbers
        duration: 10m
    """
    meeting = load_agenda_text(textwrap.dedent(text)).meeting
    assert (meeting.title, meeting.location, meeting.facilitator, meeting.series) == (
        "2026",
        "301",
        "No",
        "1:30",
    )


def test_numbers_with_thousands_separators() -> None:
    text = """\
    meeting: {title: M}
    participants:
      - {name: A, target: "1,200,000", actual: 1_350_000}
      - {name: B, target: 1.5e6, actual: -20}
    sections: [{title: S, duration: 5}]
    """
    people = load_agenda_text(textwrap.dedent(text)).participants
    assert (people[0].target, people[0].actual) == (1200000, 1350000)
    assert (people[1].target, people[1].actual) == (1500000.0, -20)


def test_kind_and_language_ignore_case() -> None:
    text = MINIMAL.replace("title: Weekly", "title: Weekly\n  language: EN").replace(
        "duration: 10m", "duration: 10m\n    kind: Break"
    )
    agenda = load_agenda_text(text)
    assert agenda.meeting.language == "en"
    assert agenda.sections[0].kind is SectionKind.BREAK


def test_presenter_facilitator_and_scribe_need_not_be_participants() -> None:
    text = """\
    meeting: {title: M, facilitator: Guest, scribe: Other}
    participants: [Tom]
    sections: [{title: S, duration: 5m, presenter: Visitor}]
    """
    agenda = load_agenda_text(textwrap.dedent(text))
    assert agenda.sections[0].presenter == "Visitor"


def test_empty_optional_values_are_absent() -> None:
    text = """\
    meeting:
      title: M
      series:
      break_after: ~
      rules:
    participants:
    sections:
      - title: S
        duration: 5m
        kind:
        goals: []
    checklist:
    """
    agenda = load_agenda_text(textwrap.dedent(text))
    assert agenda == Agenda(Meeting("M"), (), (Section("S", 300),), ())


def test_merge_keys_share_section_settings() -> None:
    text = """\
    meeting: {title: M}
    sections:
      - &review
        title: Review
        duration: 10m
        kind: performance
      - <<: *review
        title: Second review
    """
    sections = load_agenda_text(textwrap.dedent(text)).sections
    assert sections[1] == Section("Second review", 600, SectionKind.PERFORMANCE)


@pytest.mark.parametrize(
    "meeting", ["meeting: &m {title: M, <<: *m}", "meeting: &m\n  title: M\n  <<: [*m]"]
)
def test_a_mapping_merged_into_itself_does_not_loop(meeting: str) -> None:
    agenda = load_agenda_text(meeting + "\nsections: [{title: S, duration: 5}]\n")
    assert agenda.meeting == Meeting("M")


# Problems, each with its line


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param(
            """\
            meeting:
              titel: Weekly
              title: Weekly
            sections: [{title: S, duration: 5m}]
            """,
            2,
            "meeting: unknown key 'titel' (did you mean 'title'?)",
            id="unknown-meeting-key",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections: [{title: S, duration: 5m}]
            sesions: []
            """,
            3,
            "unknown top-level key 'sesions' (did you mean 'sections'?)",
            id="unknown-top-key",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            participants:
              - name: Tom
                email: tom@example.com
            sections: [{title: S, duration: 5m}]
            """,
            4,
            "participants[1]: unknown key 'email'",
            id="unknown-participant-key",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections:
              - title: S
                duration: 5m
              - title: T
                duraton: 5m
                duration: 5m
            """,
            6,
            "sections[2]: unknown key 'duraton' (did you mean 'duration'?)",
            id="unknown-section-key",
        ),
        pytest.param(
            """\
            meeting:
              title: M
              标题: M
            sections: [{title: S, duration: 5m}]
            """,
            3,
            "meeting: unknown key '标题' (did you mean 'title'?)",
            id="chinese-key",
        ),
        pytest.param(
            """\
            meeting:
              title: M
              location: A
              location: B
            sections: [{title: S, duration: 5m}]
            """,
            4,
            "meeting.location: duplicate key (first at line 3)",
            id="duplicate-key",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections: [{title: S, duration: 5m}]
            meeting: {title: N}
            """,
            3,
            "meeting: duplicate key (first at line 1)",
            id="duplicate-top-key",
        ),
        pytest.param(
            """\
            sections: [{title: S, duration: 5m}]
            """,
            None,
            "missing 'meeting:' with at least a title",
            id="missing-meeting",
        ),
        pytest.param(
            """\
            meeting:
              location: A
            sections: [{title: S, duration: 5m}]
            """,
            1,
            "meeting: missing title",
            id="missing-title",
        ),
        pytest.param(
            """\
            meeting:
              title: "  "
            sections: [{title: S, duration: 5m}]
            """,
            2,
            "meeting.title: is empty",
            id="blank-title",
        ),
        pytest.param(
            """\
            meeting:
            sections: [{title: S, duration: 5m}]
            """,
            1,
            "meeting: is empty: add at least a title",
            id="empty-meeting",
        ),
        pytest.param(
            """\
            meeting:
              - title: M
            sections: [{title: S, duration: 5m}]
            """,
            2,
            "meeting: must be a mapping of keys and values, not a list",
            id="meeting-not-mapping",
        ),
        pytest.param(
            """\
            meeting:
              title: [a, b]
            sections: [{title: S, duration: 5m}]
            """,
            2,
            "meeting.title: must be text, not a list",
            id="title-is-list",
        ),
        pytest.param(
            """\
            meeting:
              title: M
              purpose:
                goal: sell
            sections: [{title: S, duration: 5m}]
            """,
            4,
            "meeting.purpose: must be text, not a mapping (put text that contains ': ' in quotes)",
            id="text-is-mapping",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            """,
            None,
            "no sections: add a 'sections:' list with at least one section",
            id="no-sections",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections: []
            """,
            2,
            "sections: is empty: add at least one section",
            id="empty-section-list",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections:
            """,
            2,
            "sections: is empty: add at least one section",
            id="null-sections",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections:
              title: S
              duration: 5m
            """,
            3,
            "sections: must be a list of sections, not a mapping",
            id="sections-not-list",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections:
              - title: S
                duration: 5m
              - 竞品分析
            """,
            5,
            "sections[2]: must be a mapping with title and duration, not '竞品分析'",
            id="section-is-string",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections:
              - duration: 5m
                kind: break
            """,
            3,
            "sections[1]: missing title",
            id="section-missing-title",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections:
              - title: S
            """,
            3,
            "sections[1]: missing duration",
            id="section-missing-duration",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections:
              - title: S
                duration:
            """,
            4,
            "sections[1].duration: is empty: use 90s, 10m, 1h30m or minutes",
            id="empty-duration",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections:
              - title: S
                duration: 5m
              - title: T
                duration: 10x
            """,
            6,
            "sections[2].duration: bad duration '10x': use 90s, 10m, 1h30m or minutes",
            id="bad-duration",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections:
              - title: S
                duration: 1:30
            """,
            4,
            "sections[1].duration: bad duration '1:30': use 90s, 10m, 1h30m or minutes",
            id="sexagesimal-duration",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections:
              - title: S
                duration: 0
            """,
            4,
            "sections[1].duration: bad duration '0': must be longer than zero",
            id="zero-duration",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections:
              - title: S
                duration: [10m]
            """,
            4,
            "sections[1].duration: must be a duration, not a list",
            id="duration-is-list",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections:
              - title: S
                duration: 5m
                kind: perfomance
            """,
            5,
            "sections[1].kind: unknown kind 'perfomance' (did you mean 'performance'?): "
            "use discussion, followup, performance, targets, training or break",
            id="unknown-kind",
        ),
        pytest.param(
            """\
            meeting:
              title: M
              language: fr
            sections: [{title: S, duration: 5m}]
            """,
            3,
            "meeting.language: unknown language 'fr': use zh or en",
            id="unknown-language",
        ),
        pytest.param(
            """\
            meeting:
              title: M
              language: 中文
            sections: [{title: S, duration: 5m}]
            """,
            3,
            "meeting.language: unknown language '中文' (did you mean 'zh'?): use zh or en",
            id="language-in-chinese",
        ),
        pytest.param(
            """\
            meeting:
              title: M
              starts: next monday
            sections: [{title: S, duration: 5m}]
            """,
            3,
            "meeting.starts: bad date and time 'next monday': use 2026-12-01 09:00",
            id="bad-starts",
        ),
        pytest.param(
            """\
            meeting:
              title: M
              starts: 2026-13-45
            sections: [{title: S, duration: 5m}]
            """,
            3,
            "meeting.starts: bad date and time '2026-13-45': use 2026-12-01 09:00",
            id="impossible-date",
        ),
        pytest.param(
            """\
            meeting:
              title: M
              starts: 09:00
            sections: [{title: S, duration: 5m}]
            """,
            3,
            "meeting.starts: bad date and time '09:00': use 2026-12-01 09:00",
            id="time-without-date",
        ),
        pytest.param(
            """\
            meeting:
              title: M
              break_after: an hour
            sections: [{title: S, duration: 5m}]
            """,
            3,
            "meeting.break_after: bad duration 'an hour': use 90s, 10m, 1h30m or minutes",
            id="bad-break-after",
        ),
        pytest.param(
            """\
            meeting:
              title: M
              break_after: {minutes: 60}
            sections: [{title: S, duration: 5m}]
            """,
            3,
            "meeting.break_after: must be a duration, not a mapping",
            id="break-after-mapping",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            participants:
              - Tom
              - Priya
              - tom
            sections: [{title: S, duration: 5m}]
            """,
            5,
            "participants[3]: duplicate name 'tom' (first at line 3)",
            id="duplicate-participant",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            participants:
              - name: 张伟
                role: sales
              - name: 张伟
            sections: [{title: S, duration: 5m}]
            """,
            5,
            "participants[2]: duplicate name '张伟' (first at line 3)",
            id="duplicate-participant-mapping",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            participants:
              - Tom
              - role: sales
                target: 100
            sections: [{title: S, duration: 5m}]
            """,
            4,
            "participants[2]: missing name",
            id="participant-missing-name",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            participants:
              - Tom
              -
            sections: [{title: S, duration: 5m}]
            """,
            4,
            "participants[2]: is empty",
            id="participant-empty",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            participants:
              - [Tom, sales]
            sections: [{title: S, duration: 5m}]
            """,
            3,
            "participants[1]: must be a name or a mapping with name, role, target, actual, not a list",
            id="participant-list",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            participants: Tom, Priya
            sections: [{title: S, duration: 5m}]
            """,
            2,
            "participants: must be a list of names, not 'Tom, Priya'",
            id="participants-not-list",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            participants:
              - name: Tom
                target: a lot
            sections: [{title: S, duration: 5m}]
            """,
            4,
            "participants[1].target: must be a number, e.g. 1200000, not 'a lot'",
            id="non-numeric-target",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            participants:
              - name: Tom
                actual: 120万
            sections: [{title: S, duration: 5m}]
            """,
            4,
            "participants[1].actual: must be a number, e.g. 1200000, not '120万'",
            id="non-numeric-actual",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            participants:
              - name: Tom
                actual: .nan
            sections: [{title: S, duration: 5m}]
            """,
            4,
            "participants[1].actual: must be a number, e.g. 1200000, not '.nan'",
            id="nan-actual",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            participants:
              - name: Tom
                target: yes
            sections: [{title: S, duration: 5m}]
            """,
            4,
            "participants[1].target: must be a number, e.g. 1200000, not 'yes'",
            id="bool-target",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            participants:
              - name: Tom
                target: -5
            sections: [{title: S, duration: 5m}]
            """,
            4,
            "participants[1].target: must not be negative",
            id="negative-target",
        ),
        pytest.param(
            """\
            meeting:
              title: M
              rules:
                - Be on time
                - late: never
            sections: [{title: S, duration: 5m}]
            """,
            5,
            "meeting.rules[2]: must be text, not a mapping (put text that contains ': ' in quotes)",
            id="rule-is-mapping",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections:
              - title: S
                duration: 5m
                materials:
                  - Report
                  -
            """,
            7,
            "sections[1].materials[2]: is empty",
            id="empty-material",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections:
              - title: S
                duration: 5m
                goals: {a: b}
            """,
            5,
            "sections[1].goals: must be a list of text, not a mapping "
            "(write each item on its own line after '- ')",
            id="goals-mapping",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections: [{title: S, duration: 5m}]
            checklist:
              - [a, b]
            """,
            4,
            "checklist[1]: must be text, not a list",
            id="checklist-nested-list",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections:
              - title: !!binary aGVsbG8=
                duration: 5m
            """,
            3,
            "sections[1].title: unsupported YAML tag 'tag:yaml.org,2002:binary'",
            id="binary-tag",
        ),
        pytest.param(
            """\
            meeting:
              title: !!python/object/apply:os.system ["echo hi"]
            sections: [{title: S, duration: 5m}]
            """,
            2,
            "meeting.title: must be text, not a list tagged "
            "'tag:yaml.org,2002:python/object/apply:os.system'",
            id="python-tag",
        ),
        pytest.param(
            """\
            meeting: !!set {title: M}
            sections: [{title: S, duration: 5m}]
            """,
            1,
            "meeting: must be a mapping of keys and values, not a mapping tagged "
            "'tag:yaml.org,2002:set'",
            id="set-tag",
        ),
        pytest.param(
            """\
            meeting:
              title: !shout M
            sections: [{title: S, duration: 5m}]
            """,
            2,
            "meeting.title: unsupported YAML tag '!shout'",
            id="custom-tag",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections: [{title: S, duration: 5m}]
            ? [a, b]
            : c
            """,
            3,
            "the agenda: keys must be plain names",
            id="complex-key",
        ),
        pytest.param(
            """\
            - meeting: {title: M}
            """,
            1,
            "the agenda: must be a mapping of keys and values, not a list",
            id="root-list",
        ),
        pytest.param(
            """\
            just some words
            """,
            1,
            "the agenda: must be a mapping of keys and values, not 'just some words'",
            id="root-scalar",
        ),
        pytest.param(
            """\
            meeting:
              title: M
              location: 3F: big room
            sections: [{title: S, duration: 5m}]
            """,
            3,
            "YAML syntax error: mapping values are not allowed here (put a value that contains ': ' in quotes)",
            id="syntax-colon-in-value",
        ),
        pytest.param(
            """\
            meeting:
              title: M
            sections:
              - title: [S
                duration: 5m
            """,
            5,
            "YAML syntax error: expected ',' or ']', but got ':'",
            id="syntax-unclosed-bracket",
        ),
        pytest.param(
            "meeting:\n\ttitle: M\nsections: [{title: S, duration: 5m}]\n",
            2,
            "YAML syntax error: found character '\\t' that cannot start any token (indent with spaces, not tabs)",
            id="syntax-tab",
        ),
        pytest.param(
            """\
            meeting:
              title：M
              location: 3F
            sections: [{title: S, duration: 5m}]
            """,
            3,
            "YAML syntax error: mapping values are not allowed here "
            "(put a value that contains ': ' in quotes)",
            id="syntax-full-width-colon-before-key",
        ),
        pytest.param(
            """\
            meeting:
              title：M
            sections: [{title: S, duration: 5m}]
            """,
            2,
            "meeting: must be a mapping of keys and values, not 'title：M' "
            "(a full-width '：' is not a key separator: use ':' followed by a space)",
            id="full-width-colon",
        ),
        pytest.param(
            """\
            meeting: {title: *name}
            sections: [{title: S, duration: 5m}]
            """,
            1,
            "YAML syntax error: found undefined alias 'name'",
            id="undefined-alias",
        ),
        pytest.param(
            """\
            meeting: {title: M}
            sections: [{title: S, duration: 5m}]
            ---
            meeting: {title: N}
            """,
            3,
            "YAML syntax error: expected a single document in the stream, but found another document",
            id="two-documents",
        ),
        pytest.param(
            "meeting: {title: M\x07}\nsections: [{title: S, duration: 5m}]\n",
            1,
            "YAML syntax error: the character U+0007 is not allowed in YAML text",
            id="control-character",
        ),
        pytest.param(
            "meeting: {title: M}\nsections: [{title: S, duration: 5m}]\nchecklist: [\n  a,\n  b\x07]\n",
            5,
            "YAML syntax error: the character U+0007 is not allowed in YAML text",
            id="control-character-later",
        ),
        pytest.param(
            "",
            None,
            "the agenda is empty: it needs a meeting title and sections "
            "(start from `minutely new blank -o FILE`)",
            id="empty-text",
        ),
        pytest.param(
            "# only a comment\n\n",
            None,
            "the agenda is empty: it needs a meeting title and sections "
            "(start from `minutely new blank -o FILE`)",
            id="only-comments",
        ),
        pytest.param(
            "~\n",
            None,
            "the agenda is empty: it needs a meeting title and sections "
            "(start from `minutely new blank -o FILE`)",
            id="null-document",
        ),
    ],
)
def test_problem_line_and_message(text: str, line: int | None, message: str) -> None:
    assert only_problem(text) == (line, message)


def test_every_problem_is_reported_in_line_order() -> None:
    text = """\
    meeting:
      titel: x
      title:
      language: fr
      starts: tomorrow
      break_after: 10x
      rules: {a: b}
      title: y
    participants:
      - name: Tom
        target: abc
        email: t@x
      - tom
      - [a]
      -
      - role: x
    sections:
      - title: A
        duration: 1:30
        kind: perfomance
      - 竞品分析
      - title: B
        duration:
        goals: [a, "", {b: c}]
      - duration: 5m
    checklist: 准备
    extra: 1
    """
    found = problems(text)
    assert [line for line, _ in found] == [
        2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16, 19, 20, 21, 23, 24, 24, 25, 27,
    ]  # fmt: skip
    assert found[0][1] == "meeting: unknown key 'titel' (did you mean 'title'?)"
    assert found[-1][1] == "unknown top-level key 'extra'"


def test_missing_meeting_and_sections_are_both_reported() -> None:
    assert problems("participants: [Tom]\n") == [
        (None, "missing 'meeting:' with at least a title"),
        (None, "no sections: add a 'sections:' list with at least one section"),
    ]


# Problem and AgendaError


def test_problem_str() -> None:
    assert str(Problem("agenda.yaml", 12, "bad")) == "agenda.yaml:12: bad"
    assert str(Problem("agenda.yaml", None, "bad")) == "agenda.yaml: bad"


def test_agenda_error_str_lists_one_problem_per_line() -> None:
    error = AgendaError([Problem("a.yaml", 1, "one"), Problem("a.yaml", None, "two")])
    assert str(error) == "a.yaml:1: one\na.yaml: two"
    assert error.problems == [Problem("a.yaml", 1, "one"), Problem("a.yaml", None, "two")]


def test_problems_name_the_file_given(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("meeting: {title: M}\n", encoding="utf-8")
    with pytest.raises(AgendaError) as info:
        load_agenda(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}: no sections: add a 'sections:' list with at least one section"
    ]


# Files


def missing(folder: Path) -> Path:
    return folder / "missing.yaml"


def gbk(folder: Path) -> Path:
    path = folder / "gbk.yaml"
    path.write_bytes(MINIMAL.replace("Weekly", "销售周会").encode("gbk"))
    return path


def empty(folder: Path) -> Path:
    path = folder / "empty.yaml"
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(missing, "file not found", id="file-not-found"),
        pytest.param(lambda folder: folder, "is a directory, not an agenda file", id="directory"),
        pytest.param(gbk, "not UTF-8 text: save the file with UTF-8 encoding", id="non-utf8"),
        pytest.param(
            empty,
            "the agenda is empty: it needs a meeting title and sections"
            " (start from `minutely new blank -o FILE`)",
            id="empty-file",
        ),
    ],
)
def test_a_file_that_is_no_agenda_is_one_problem_without_a_line(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(AgendaError) as info:
        load_agenda(path)
    assert info.value.problems == [Problem(str(path), None, message)]


def test_only_the_safe_loader_is_used(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"meeting: !!python/object/apply:os.system ['touch {marker}']\nsections: []\n"
    with pytest.raises(AgendaError):
        load_agenda_text(text)
    assert not marker.exists()


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    text = "meeting: {title: M}\nsections: [{title: S, duration: 5m}]\nchecklist: " + "[" * 5000
    with pytest.raises(AgendaError):
        load_agenda_text(text)


def test_exponential_aliases_stay_cheap() -> None:
    lines = ["a0: &a0 {title: M}"]
    lines += [f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}]}}" for i in range(1, 40)]
    lines += ["meeting: {<<: *a39}", "sections: [{title: S, duration: 5m}]"]
    with pytest.raises(AgendaError) as info:
        load_agenda_text("\n".join(lines))
    # Only the 40 made-up top-level keys are wrong; the merged meeting is fine.
    assert len(info.value.problems) == 40


# Any text at all: an Agenda or an AgendaError, nothing else

FRAGMENTS = [
    "meeting:",
    "  title: M",
    "  title:",
    "sections:",
    "participants:",
    "checklist:",
    "  - ",
    "- ",
    "  - title: S",
    "    duration: 10m",
    "    duration: 1:30",
    "    duration: 0",
    "    kind: break",
    "    kind: nope",
    "  language: zh",
    "  starts: 2026-12-01 09:00",
    "  starts: 2026-13-45",
    "  break_after: 60m",
    "  rules: [a, b]",
    "    target: 1e400",
    "    actual: .inf",
    "  - name: Tom",
    "  - Tom",
    "&a",
    "*a",
    "<<: *a",
    "  <<: [*a, *a]",
    "!!int x",
    "!!timestamp x",
    "!!float x",
    "!!binary ===",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!custom",
    "? [a]",
    ": b",
    "{",
    "}",
    "[",
    "]",
    ",",
    '"',
    "'",
    "|",
    ">",
    "---",
    "...",
    "%YAML 1.1",
    "#",
    "\t",
    "：",
    "~",
    "null",
    "yes",
    "",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_loads_or_raises_agenda_error(text: str) -> None:
    try:
        agenda = load_agenda_text(text)
    except AgendaError as exc:
        assert exc.problems
    else:
        assert isinstance(agenda, Agenda)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "  ", "    ", "      "]),
            st.lists(st.sampled_from(FRAGMENTS), max_size=3),
        ),
        max_size=14,
    )
)
def test_yaml_ish_text_loads_or_raises_agenda_error(lines: list[tuple[str, list[str]]]) -> None:
    text = "\n".join(indent + " ".join(parts) for indent, parts in lines)
    try:
        agenda = load_agenda_text(text)
    except AgendaError as exc:
        assert exc.problems
    else:
        assert isinstance(agenda, Agenda)
        assert agenda.meeting.title and agenda.sections


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SPEC_EXAMPLE.splitlines()), st.sampled_from(FRAGMENTS), st.data())
def test_damaged_spec_example_loads_or_raises_agenda_error(
    line: str, fragment: str, data: st.DataObject
) -> None:
    lines = SPEC_EXAMPLE.splitlines()
    at = data.draw(st.integers(0, len(lines)))
    lines.insert(at, line.replace(line.strip(), fragment) if fragment else line)
    try:
        load_agenda_text("\n".join(lines))
    except AgendaError as exc:
        assert all(p.line is None or 1 <= p.line <= len(lines) + 1 for p in exc.problems)


# minutely check


def test_check_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_text(SPEC_EXAMPLE, encoding="utf-8")
    assert agenda_commands.check(str(path), "en") == 0
    out, err = capsys.readouterr()
    assert out == f"{path}: ok (5 sections, 60m planned)\n"
    assert err == ""
    # Without --lang, the agenda's language, as `minutely run` chooses
    assert agenda_commands.check(str(path)) == 0
    assert capsys.readouterr().out == f"{path}: 没有问题（5 项议程，计划 60 分钟）\n"


def test_check_counts_one_section_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_text("meeting:\n  title: x\nsections:\n  - title: a\n    duration: 5m\n")
    assert agenda_commands.check(str(path)) == 0
    assert capsys.readouterr().out == f"{path}: ok (1 section, 5m planned)\n"


def test_check_reports_each_problem_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_text(
        "meeting:\n  titel: M\nsections:\n  - title: S\n    duration: 10x\n", encoding="utf-8"
    )
    assert agenda_commands.check(str(path)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{path}:1: meeting: missing title",
        f"{path}:2: meeting: unknown key 'titel' (did you mean 'title'?)",
        f"{path}:5: sections[1].duration: bad duration '10x': use 90s, 10m, 1h30m or minutes",
    ]


def test_check_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nope.yaml"
    assert agenda_commands.check(str(path)) == 1
    assert capsys.readouterr().err == f"{path}: file not found\n"


def test_check_warns_about_a_long_sitting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_text(
        "meeting: {title: M, break_after: 60m}\n"
        "sections:\n"
        "  - {title: A, duration: 40m}\n"
        "  - {title: B, duration: 30m}\n"
        "  - {title: Break, duration: 10m, kind: break}\n"
        "  - {title: C, duration: 70m}\n",
        encoding="utf-8",
    )
    assert agenda_commands.check(str(path)) == 0
    out, err = capsys.readouterr()
    assert out == f"{path}: ok (4 sections, 150m planned)\n"
    assert err.splitlines() == [
        f"{path}: warning: sections 1-2 run 1h10m without a break (break_after is 1h): "
        "add a section with kind: break",
        f"{path}: warning: section 4 runs 1h10m without a break (break_after is 1h): "
        "add a section with kind: break",
    ]


def test_numbers_where_names_and_list_entries_belong_are_reported():
    text = (
        "meeting:\n"
        "  title: x\n"
        "  location: 301\n"  # a room number is text as written
        "  rules: 7\n"
        "checklist: 3\n"
        "participants:\n"
        "  - 42\n"
        "  - name: 43\n"
        "  - Tom\n"
        "  - '44'\n"  # quoted: a name after all
        "sections:\n"
        "  - title: a\n"
        "    duration: 10m\n"
        "    materials: 5\n"
        "    goals: [ok, 2]\n"
    )
    with pytest.raises(AgendaError) as exc:
        load_agenda_text(text, "types.yaml")
    assert [(p.line, p.message.split(":")[0]) for p in exc.value.problems] == [
        (4, "meeting.rules"),
        (5, "checklist"),
        (7, "participants[1]"),
        (8, "participants[2].name"),
        (14, "sections[1].materials"),
        (15, "sections[1].goals[2]"),
    ]
    assert str(exc.value.problems[0]) == (
        "types.yaml:4: meeting.rules: must be text, not '7' (put it in quotes if it is meant as text)"
    )


def test_each_problem_can_be_worded_in_chinese_and_stays_english_as_text():
    with pytest.raises(AgendaError) as info:
        load_agenda_text(
            "meeting: {title: M}\nsections:\n  - {title: A, duration: 25h}\n", "a.yaml"
        )
    (problem,) = info.value.problems
    assert str(problem) == "a.yaml:3: sections[1].duration: bad duration '25h': longer than a day"
    assert problem.text("zh") == "sections[1].duration：时长 '25h' 无效：超过一天"
    assert problem.text("en") == problem.message
    assert Problem("a.yaml", 1, "plain").text("zh") == "plain"
    copied = copy.deepcopy(problem)
    assert copied == problem and copied.text("zh") == problem.text("zh")


def test_every_message_key_the_loader_uses_is_worded_in_both_languages():
    used = set()
    for name in ("loader.py", "durations.py"):
        source = (Path(__file__).resolve().parents[2] / "agendas" / name).read_text("utf-8")
        used |= set(re.findall(r'Wording\(f?"(agenda\.[a-z0-9_.]+)', source))
    assert len(used) > 30
    prefixes = {key for key in used if key.endswith(".") or key.endswith("_")}
    for lang in ("en", "zh"):
        assert sorted(used - prefixes - set(STRINGS[lang])) == []
        for prefix in prefixes:
            assert any(key.startswith(prefix) for key in STRINGS[lang])
