"""Section kinds carry their traits: the session, the minutes and the live screen ask the kind, not spell it."""

from __future__ import annotations

import dataclasses

import pytest

from agendas.model import SECTION_TRAITS, SectionBoard, SectionKind
from sessions.minutes import build_minutes
from sessions.session import Session


@pytest.fixture
def session(datadir, agenda, clock):
    live = Session.start(datadir, agenda, clock)
    yield live
    live.close()


def test_every_kind_has_traits_and_each_board_one_kind():
    assert set(SECTION_TRAITS) == set(SectionKind)
    boards = [kind.traits.board for kind in SectionKind if kind.traits.board is not None]
    assert sorted(boards) == sorted(SectionBoard)
    assert [kind for kind in SectionKind if kind.traits.takes_target] == [SectionKind.TARGETS]
    assert [kind for kind in SectionKind if kind.traits.takes_status] == [SectionKind.FOLLOWUP]
    assert [kind for kind in SectionKind if kind.traits.is_break] == [SectionKind.BREAK]
    assert not SectionKind.DISCUSSION.traits.named


def test_target_is_taken_where_the_kind_says_so(session, monkeypatch):
    # section 2 of the shared agenda is a discussion: /target is refused there ...
    session.jump(2)
    with pytest.raises(Exception, match="targets section"):
        session.submit("/target 张伟 120万")
    # ... until discussions are said to take targets: the session reads the trait
    traits = dataclasses.replace(SECTION_TRAITS[SectionKind.DISCUSSION], takes_target=True)
    monkeypatch.setitem(SECTION_TRAITS, SectionKind.DISCUSSION, traits)
    session.submit("/target 张伟 120万")
    assert session.state.targets == {"张伟": 1_200_000.0}


def test_the_minutes_give_each_board_its_part(session, datadir, monkeypatch):
    minutes = build_minutes(datadir.read(session.id), "en", live=True)
    assert minutes.performance is not None and minutes.next_targets is not None
    # without a board the performance section's outcome has no part of its own
    plain = dataclasses.replace(SECTION_TRAITS[SectionKind.PERFORMANCE], board=None)
    monkeypatch.setitem(SECTION_TRAITS, SectionKind.PERFORMANCE, plain)
    assert build_minutes(datadir.read(session.id), "en", live=True).performance is None
