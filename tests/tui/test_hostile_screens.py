"""Every string a person wrote is shown as literal text on every screen.

Meetings whose every field holds a hostile string (markup, RTL, emoji, formula-looking text
and, for objects built without the loader, control characters) are opened on every screen
of the real app. The literal text must be on screen, no markup action may fire (not even
when the text is clicked), nothing may crash on a markup error and no control character
may reach the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import cycle
from typing import Any

import pytest
from hostile import CONTROL, PRINTABLE, control_free
from screen_text import find_on_screen, screen_text, until
from textual.command import CommandPalette

from agendas.model import Agenda, Meeting, Participant, Section, SectionKind
from sessions.actions import change_status, load_actions
from sessions.capture import Capture, ItemKind
from sessions.session import Session
from sessions.text import strip_control
from tui.app import make_app
from tui.screens.actions import ActionsScreen, CommentScreen
from tui.screens.dialogs import ConfirmScreen
from tui.screens.display import DisplayScreen
from tui.screens.end_summary import EndSummaryScreen
from tui.screens.help import HelpScreen
from tui.screens.history import HistoryScreen
from tui.screens.home import HomeScreen
from tui.screens.live import LiveScreen
from tui.screens.premeeting import PreMeetingScreen
from tui.screens.session_view import SessionScreen
from tui.start import Display, PreMeeting

SIZE = (200, 60)
CATALOGUE = PRINTABLE + CONTROL
GROUPS = 3  # one meeting per few strings: every string is in some field of some meeting
DAY = 86400


@dataclass
class Hostile:
    """One meeting's worth of hostile fields, and the agenda that holds them."""

    fields: dict[str, str]
    names: list[str]
    agenda: Agenda

    def __getattr__(self, name: str) -> str:
        try:
            return self.fields[name]
        except KeyError:
            raise AttributeError(name) from None


# In this order each group's markup strings land on the first fields and its control strings
# (last) on the action and the talk title; the names get both kinds.
FIELDS = [
    "title",
    "series",
    "location",
    "purpose",
    "rule",
    "followup_title",
    "presenter",
    "action",
    "talk_title",
    "material",
    "goal",
    "performance_title",
    "check",
    "role",
    "note",
    "decision",
    "criteria",
    "parking",
    "kudos",
    "comment",
    "board_comment",
    "live_note",
    "live_criteria",
]


def hostile(strings: list[str]) -> Hostile:
    pick = cycle(strings)
    fields = {name: next(pick) for name in FIELDS}
    # Names are told apart by their number; the rest of each is hostile (markup, then control).
    names = [f"{n}. {strings[n - 1]}" for n in (1, 2)] + [f"3. {strings[-1]}"]
    agenda = Agenda(
        meeting=Meeting(
            title=fields["title"],
            series=fields["series"],
            location=fields["location"],
            facilitator=names[0],
            scribe=names[1],
            purpose=fields["purpose"],
            language="en",
            rules=(fields["rule"],),
        ),
        participants=(
            Participant(names[0], fields["role"]),
            Participant(names[1]),
            Participant(names[2], "sales", 1000, 1200),
        ),
        sections=(
            Section(fields["followup_title"], 600, SectionKind.FOLLOWUP),
            Section(
                fields["talk_title"],
                600,
                presenter=fields["presenter"],
                materials=(fields["material"],),
                goals=(fields["goal"],),
            ),
            Section(fields["performance_title"], 600, SectionKind.PERFORMANCE),
        ),
        checklist=(fields["check"],),
    )
    return Hostile(fields, names, agenda)


GROUPED = [CATALOGUE[n::GROUPS] for n in range(GROUPS)]


@pytest.fixture(params=range(GROUPS), ids=[f"strings{n}" for n in range(GROUPS)])
def meeting(request, datadir, clock) -> tuple[Hostile, str, str]:
    """A series with an interrupted meeting and an ended one whose action is still open."""
    h = hostile(GROUPED[request.param])
    interrupted = Session.start(datadir, h.agenda, clock, lang="en")
    interrupted.interrupt("quit")
    interrupted.close()
    clock.advance(DAY)
    ended = Session.start(datadir, h.agenda, clock, lang="en")
    ended.add(Capture(ItemKind.NOTE, f"zebra {h.note}"))
    ended.add(Capture(ItemKind.DECISION, h.decision))
    ended.add(Capture(ItemKind.ACTION, h.action, owner=h.names[2], criteria=h.criteria))
    ended.add(Capture(ItemKind.PARKING, h.parking))
    ended.add(Capture(ItemKind.KUDOS, h.kudos, owner=h.names[1]))
    ended.set_speaker(h.names[1])
    clock.advance(120)
    ended.end()
    ended.close()
    ref = load_actions(datadir).actions[0].ref
    change_status(datadir, ref, "blocked", h.comment, clock.wall().timestamp(), "cli")
    clock.advance(DAY)
    return h, interrupted.id, ended.id


def watch(app: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The actions a markup `@click` or link in user text would run, recorded instead of run."""
    fired: list[str] = []
    for name in ("action_screenshot", "action_quit", "open_url"):
        monkeypatch.setattr(app, name, lambda *a, _name=name, **k: fired.append(_name))
    return fired


def expect(app: Any, texts: list[str], wrapped: tuple[str, ...] = ()) -> None:
    """Each text is on screen as written (control characters apart) and no control byte is.

    A `wrapped` text may go on over lines in a narrow column: each of its words is on screen.
    """
    shown = screen_text(app)
    assert control_free(shown.replace("\n", "")), [
        line for line in shown.splitlines() if not control_free(line)
    ]
    missing = [text for text in texts if strip_control(text) not in shown]
    missing += [
        text for text in wrapped if any(w not in shown for w in strip_control(text).split())
    ]
    assert not missing, f"not on {type(app.screen).__name__}: {missing}\n{shown}"


async def click_on(pilot: Any, app: Any, text: str) -> None:
    """Click the first cell of `text` on screen, where markup in it would make an action."""
    spot = find_on_screen(app, strip_control(text))
    assert spot is not None, text
    await pilot.click(offset=spot)
    await pilot.pause()


async def test_home_history_and_actions_show_user_text_literally(
    meeting, datadir, clock, monkeypatch
):
    h, _interrupted, _ended = meeting
    app = make_app(datadir, clock=clock, lang="en")
    fired = watch(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        expect(app, [h.title])  # the interrupted meeting, offered to resume

        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        expect(app, [h.title, h.series])
        await click_on(pilot, app, h.title)
        await click_on(pilot, app, h.series)
        if isinstance(app.screen, SessionScreen):  # a click on the chosen row opens it
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, HistoryScreen))

        await pilot.press("slash", *"zebra")  # a search of every note
        # the search (a worker) is done and its rows drawn
        await until(
            pilot,
            lambda: (
                app.screen._mode == "hits" and strip_control(f"zebra {h.note}") in screen_text(app)
            ),
        )
        expect(app, [h.title, h.followup_title, f"zebra {h.note}"])
        await pilot.press("escape", "escape")

        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        expect(
            app,
            [
                h.title,
                h.series,
                h.location,
                h.followup_title,
                h.talk_title,
                h.decision,
                h.action,
                h.criteria,
                h.parking,
                h.kudos,
                *h.names,
            ],
        )
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))

        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        expect(app, [h.title])
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))

        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, ActionsScreen))
        expect(app, [h.action, h.names[2], h.criteria, h.title, h.comment])
        for text in (h.action, h.names[2], h.criteria, h.title):
            await click_on(pilot, app, text)
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, CommentScreen))
        expect(app, [h.action])
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ActionsScreen))
        assert fired == []


async def test_premeeting_live_and_end_show_user_text_literally(
    meeting, datadir, clock, monkeypatch
):
    h, _interrupted, _ended = meeting
    app = make_app(datadir, PreMeeting(h.agenda), clock=clock, lang="en")
    fired = watch(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PreMeetingScreen))
        expect(
            app,
            [
                h.title,
                h.series,
                h.location,
                h.purpose,
                h.rule,
                h.followup_title,
                h.talk_title,
                h.performance_title,
                h.presenter,
                h.check,
                h.parking,  # left over from the last meeting of the series
                *h.names,
            ],
        )
        for text in (h.talk_title, h.presenter, h.names[0]):
            await click_on(pilot, app, text)
        assert isinstance(app.screen, PreMeetingScreen)

        await pilot.press("p", "p", "p", "enter")
        await until(pilot, lambda: isinstance(app.screen, LiveScreen))
        session = app.session
        assert session is not None
        session.add(Capture(ItemKind.NOTE, h.live_note))
        session.add(Capture(ItemKind.ACTION, h.action, owner=h.names[2], criteria=h.live_criteria))
        session.set_followup(1, "doing", h.board_comment)
        app.screen.refresh_view()
        await pilot.pause()
        # The follow-up board: the action carried from the last meeting, its comment now.
        expect(app, [h.title, h.followup_title, h.talk_title, h.action], wrapped=(h.board_comment,))
        expect(app, [h.live_note, h.live_criteria])

        await pilot.press("ctrl+p")
        await until(pilot, lambda: CommandPalette.is_open(app))
        await until(pilot, lambda: strip_control(h.names[2]) in screen_text(app))
        expect(app, h.names)  # speaker entries
        await pilot.press(*"speaker")
        await pilot.pause()
        expect(app, h.names)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LiveScreen))

        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        expect(app, [])
        await pilot.press("escape")

        await pilot.press("f2", "d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        expect(app, [h.action])
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, LiveScreen))

        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, EndSummaryScreen))
        expect(app, [h.title, h.followup_title, h.talk_title, h.performance_title])
        assert fired == []


async def test_room_display_shows_user_text_literally(meeting, datadir, clock, monkeypatch):
    h, interrupted, _ended = meeting
    app = make_app(datadir, Display(interrupted), clock=clock, lang="en")
    fired = watch(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DisplayScreen))
        await until(pilot, lambda: strip_control(h.followup_title) in screen_text(app))
        expect(app, [h.title, h.followup_title, h.talk_title])
        await click_on(pilot, app, h.title)
        assert fired == []
