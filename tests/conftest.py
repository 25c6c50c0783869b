"""Shared fixtures: a pinned locale, a hand-driven clock, a throwaway data directory and a small bilingual agenda."""

from __future__ import annotations

import pytest

from agendas.model import Agenda, Meeting, Participant, Section, SectionKind
from sessions.clock import FakeClock
from sessions.datadir import DataDir

# What `sessions.i18n.locale_lang` reads. LC_ALL wins over the others (there and in the C
# library of a subprocess); LC_MESSAGES is removed so that the machine's value cannot show
# through in a test that removes LC_ALL to set LANG.
LOCALE_PINNED = ("LC_ALL", "LANG", "LANGUAGE")
LOCALE_REMOVED = ("LC_MESSAGES",)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "locale: reads the locale (the language falls back to it); CI runs these again in Chinese",
    )


@pytest.fixture(autouse=True)
def pinned_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in the C locale, whatever the machine runs in.

    The CLI falls back to the locale's language, so a contributor whose machine runs in
    Chinese saw English assertions fail. A test about the locale sets these itself (the
    autouse fixture runs first) and carries the `locale` mark, so that CI runs it again
    under LANG=zh_CN.UTF-8 (subprocesses inherit the pinned environment too).
    """
    for name in LOCALE_PINNED:
        monkeypatch.setenv(name, "C.UTF-8")
    for name in LOCALE_REMOVED:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def no_settings_file(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads the settings file of the machine it runs on; a test about one names its own."""
    missing = tmp_path_factory.mktemp("settings") / "config.toml"
    monkeypatch.setenv("MINUTELY_CONFIG", str(missing))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def datadir(tmp_path) -> DataDir:
    return DataDir(tmp_path / "data")


@pytest.fixture
def agenda() -> Agenda:
    """A short monthly sales meeting: follow-up, performance, discussion, targets, a break."""
    return Agenda(
        meeting=Meeting(
            title="华东区 11 月销售月会",
            series="east-monthly",
            location="3F 大会议室",
            facilitator="王磊",
            scribe="李娜",
            purpose="回顾 11 月业绩，分解 12 月任务",
            language="zh",
            break_after=3600,
            rules=("不准迟到早退",),
        ),
        participants=(
            Participant("王磊", "facilitator"),
            Participant("李娜", "scribe"),
            Participant("张伟", "sales", 1_200_000, 1_350_000),
            Participant("陈静", "sales", 1_000_000, 800_000),
            Participant("Tom Baker", "sales", 900_000, 910_000),
        ),
        sections=(
            Section("上月例会工作追踪", 600, SectionKind.FOLLOWUP),
            Section("11 月销售回顾", 900, SectionKind.PERFORMANCE, presenter="张伟"),
            Section("竞品分析", 600),
            Section("12 月任务分解", 600, SectionKind.TARGETS),
            Section("休息", 300, SectionKind.BREAK),
        ),
        checklist=("发出会议通知", "准备销售报表"),
    )
