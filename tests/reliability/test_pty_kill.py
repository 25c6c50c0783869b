"""Kill -9 the app in a real terminal mid-meeting; `minutely resume` shows every item and the right section."""

from __future__ import annotations

import signal

import pytest
from _terminal import Terminal, wait_for

from agendas.model import Agenda
from sessions.datadir import DataDir
from sessions.state import replay_record

pytestmark = pytest.mark.slow

FIRST = ("上月回款率 92%，比目标高 2 个点", "/d 12 月主推新品组合")
SECOND = (
    "华东区经销商要求延长账期",
    "/a send the revised forecast @王磊 due:fri | finance signs off",
    "Tom: competitor cut prices by 5%",
    "/q 竞品返点政策是多少？",
)


def state_of(data: DataDir, session_id: str):
    record = data.read(session_id)
    return replay_record(record)


def squeeze(text: str) -> str:
    """Screen text without spaces: wide characters and cell padding do not split words then."""
    return "".join(text.split())


def test_sigkill_then_resume_shows_everything(tmp_path):
    data = DataDir(tmp_path / "data")
    args = ("--data-dir", str(data.root))
    with Terminal("run", "--template", "weekly-sales", "--lang", "zh", "--now", *args) as term:
        session_id = wait_for(lambda: data.session_ids() and data.session_ids()[0], "a session")
        agenda = Agenda.from_dict(data.read(session_id).meta["agenda"])
        wait_for(lambda: data.last_alive(session_id), "the first heartbeat")
        wait_for(lambda: agenda.meeting.title in term.screen_text, "the live screen")

        def items() -> list[str]:
            return [it.text for it in state_of(data, session_id).active_items()]

        def capture(line: str) -> None:
            expected = len(items()) + 1
            term.line(line)
            wait_for(lambda: len(items()) == expected, f"{line!r} on disk")

        for line in FIRST:
            capture(line)
        term.line("/next")
        wait_for(lambda: state_of(data, session_id).current == 1, "the second section")
        term.line("/speaker 1")
        wait_for(lambda: state_of(data, session_id).speaker is not None, "a speaker")
        for line in SECOND:
            capture(line)

        term.signal(signal.SIGKILL)
        assert term.wait(timeout=5) == -signal.SIGKILL
        assert data.read(session_id).events[-1]["type"] == "item"  # nothing got to say goodbye

    before = state_of(data, session_id)
    shown = [it.text for it in before.active_items(1)]
    assert len(shown) == len(SECOND)

    with Terminal("resume", *args) as term:
        wait_for(lambda: data.last_alive(session_id), "the resumed app's heartbeat")
        section = squeeze(agenda.sections[1].title)

        def everything_shown() -> bool:
            screen = squeeze(term.screen_text)
            return section in screen and all(squeeze(text) in screen for text in shown)

        wait_for(everything_shown, "every item of the current section on the resumed screen")
        after = state_of(data, session_id)
        assert after.current == 1
        assert [it.text for it in after.active_items()] == [it.text for it in before.active_items()]
        assert data.read(session_id).events[-1]["type"] == "app_resumed"
        term.signal(signal.SIGTERM)
        term.wait(timeout=10)
    assert data.read(session_id).events[-1]["reason"] == "SIGTERM"
