"""Fifty lines typed into a real terminal without a pause are fifty items, in order, on disk."""

from __future__ import annotations

from datetime import date

import pytest
from _terminal import Terminal, wait_for

from agendas.model import Agenda
from sessions.capture import parse_capture
from sessions.datadir import DataDir
from sessions.state import replay_record

pytestmark = pytest.mark.slow

SHAPES = (
    "price stays {n}",
    "/a send quote {n} @张伟 due:fri",
    "／ｄ 第 {n} 项：12 月主推新品组合",
    "华东区经销商要求延长账期，第{n}次",
    "family 👨\u200d👩\u200d👧 می\u200cخواهم {n}",
)
LINES = [SHAPES[n % len(SHAPES)].format(n=n) for n in range(50)]


def state_of(data: DataDir, session_id: str):
    record = data.read(session_id)
    return replay_record(record)


def test_fifty_lines_typed_without_a_pause(tmp_path):
    data = DataDir(tmp_path / "data")
    args = ("--data-dir", str(data.root))
    with Terminal("run", "--template", "weekly-sales", "--lang", "zh", "--now", *args) as term:
        session_id = wait_for(lambda: data.session_ids() and data.session_ids()[0], "a session")
        agenda = Agenda.from_dict(data.read(session_id).meta["agenda"])
        wait_for(lambda: agenda.meeting.title in term.screen_text, "the live screen")

        term.type("".join(line + "\r" for line in LINES))  # one write: no pause anywhere

        def items():
            return state_of(data, session_id).active_items()

        wait_for(lambda: len(items()) >= len(LINES), "fifty items on disk", timeout=15)
        people = list(state_of(data, session_id).people)

        def meant(line: str):
            # The date only matters to due:, which is not compared: the app runs on today's.
            parsed = parse_capture(line, people, date.today())
            return parsed.kind, parsed.text, parsed.owner

        assert [(it.kind, it.text, it.owner) for it in items()] == [meant(line) for line in LINES]
        assert "\u200d" in items()[4].text and "\u200c" in items()[4].text
