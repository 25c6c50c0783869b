"""The application shell driven by Pilot: home, pre-meeting check, starting, quitting, room display."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from screen_text import polls, text_of, until
from textual.widgets import Digits, OptionList

from agendas.model import SectionKind
from agendas.templates import load_template
from sessions.datadir import DataDir
from sessions.events import Event
from sessions.i18n import t
from sessions.session import Session
from sessions.state import carried_actions
from tui import launch
from tui.app import MinutelyApp, make_app
from tui.cli import UserError
from tui.screens.actions import ActionsScreen
from tui.screens.dialogs import ConfirmScreen
from tui.screens.display import DisplayScreen
from tui.screens.help import KeysHelpScreen
from tui.screens.history import HistoryScreen
from tui.screens.home import HomeScreen
from tui.screens.premeeting import PreMeetingScreen
from tui.start import Display, History, Now, PreMeeting, Resume

SIZE = (160, 48)


def events(datadir: DataDir, session_id: str) -> list[dict]:
    return datadir.read(session_id).events


# -- home ------------------------------------------------------------------------------------


async def test_home_lists_templates_and_starts_one(datadir, clock):
    app = make_app(datadir, clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        menu = app.screen.query_one("#home-menu", OptionList)
        prompts = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert any("monthly-sales" in p for p in prompts)
        assert any("daily-standup" in p for p in prompts)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, PreMeetingScreen)
        assert app.screen.agenda.source == "template:monthly-sales.en"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # Arrows and enter work as well as the number keys.
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PreMeetingScreen)
        assert app.screen.agenda.source == "template:regional-marketing.en"


async def test_home_in_chinese_offers_chinese_templates(datadir, clock):
    app = make_app(datadir, clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.agenda.source == "template:monthly-sales.zh"
        assert app.screen.lang == "zh"


async def test_home_agenda_file_errors_one_per_line(datadir, clock, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a short relative path: every key typed is a screen update
    bad = Path("bad.yaml")
    bad.write_text(
        "meeting:\n  title: x\nsections:\n  - title: a\n    duration: soon\n  - duration: 5m\n",
        encoding="utf-8",
    )
    app = make_app(datadir, clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.press(*str(bad), "enter")
        await until(pilot, lambda: bool(text_of(app, "#home-problems")))
        assert isinstance(app.screen, HomeScreen)
        lines = text_of(app, "#home-problems").splitlines()
        assert len(lines) >= 2
        assert all(line.startswith(f"{bad}:") for line in lines)
        assert any(":5:" in line and "duration" in line for line in lines)


@pytest.mark.locale
async def test_home_opens_a_good_agenda_file_in_its_own_language(
    datadir, clock, tmp_path, monkeypatch
):
    from agendas.templates import template_text

    monkeypatch.chdir(tmp_path)
    good = Path("weekly.yaml")
    good.write_text(template_text("weekly-sales", "zh"), encoding="utf-8")
    app = make_app(datadir, clock=clock)  # no --lang: the agenda's language applies
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", *str(good), "enter")
        await until(pilot, lambda: isinstance(app.screen, PreMeetingScreen))
        assert app.screen.lang == "zh"


async def test_home_resumes_an_interrupted_meeting(datadir, clock, agenda):
    session = Session.start(datadir, agenda, clock, lang="zh")
    session.submit("报价单周五前发出")
    session.interrupt("SIGHUP")
    session.close()
    clock.advance(120)
    app = make_app(datadir, clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        menu = app.screen.query_one("#home-menu", OptionList)
        assert menu.get_option(f"s:{session.id}")
        await pilot.press("r")
        await until(pilot, lambda: type(app.screen).__name__ == "LiveScreen")
        assert app.session is not None and app.session.id == session.id
        assert datadir.is_locked(session.id)
        assert events(datadir, session.id)[-1]["type"] == "app_resumed"
    assert not datadir.is_locked(session.id)  # closed with the app


async def test_home_reports_a_locked_session_and_stays(datadir, clock, agenda):
    session = Session.start(datadir, agenda, clock, lang="zh")
    session.interrupt("quit")
    session.close()
    holder = Session.resume(datadir, session.id, clock)  # another Minutely has it open
    try:
        app = make_app(datadir, clock=clock, lang="en")
        async with app.run_test(size=SIZE) as pilot:
            app.screen.resume_session(session.id)
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert "open in another Minutely" in text_of(app, "#home-problems")
    finally:
        holder.close()


async def test_home_history_and_actions_entries_answer(datadir, clock):
    app = make_app(datadir, clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        for key, screen in (("h", HistoryScreen), ("a", ActionsScreen)):
            await pilot.press(key)
            await until(pilot, lambda screen=screen: isinstance(app.screen, screen))
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, HomeScreen))


# -- pre-meeting -----------------------------------------------------------------------------


async def test_roll_call_keys_mark_and_move_on(datadir, clock, agenda):
    app = make_app(datadir, PreMeeting(agenda), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, PreMeetingScreen)
        await pilot.press("p", "l", "a")
        assert screen.marks == {
            "王磊": "present",
            "李娜": "late",
            "张伟": "absent",
            "陈静": "expected",
            "Tom Baker": "expected",
        }
        assert screen.query_one("#roll-call", OptionList).highlighted == 3
        await pilot.press("up", "up", "p")  # correct 李娜: she came on time after all
        assert screen.marks["李娜"] == "present"
        assert "2" in text_of(app, "#pre-rollcall-title")  # two of five here


async def test_checklist_space_toggles(datadir, clock, agenda):
    app = make_app(datadir, PreMeeting(agenda), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("tab", "space")
        assert screen.ticked == {0: True, 1: False}
        await pilot.press("down", "space", "up", "space")
        assert screen.ticked == {0: False, 1: True}
        checklist = screen.query_one("#checklist", OptionList)
        assert str(checklist.get_option_at_index(1).prompt).startswith("[x]")


async def test_start_records_roll_call_and_checklist_then_goes_live(datadir, clock, agenda):
    app = make_app(datadir, PreMeeting(agenda), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "l", "a", "tab", "space")
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "LiveScreen")
        session = app.session
        assert session is not None
        log = events(datadir, session.id)
        marks = {e["name"]: e["status"] for e in log if e["type"] == "attendance"}
        assert marks == {"王磊": "present", "李娜": "late", "张伟": "absent"}
        assert [(e["index"], e["done"]) for e in log if e["type"] == "checklist"] == [
            (0, True),
            (1, False),
        ]
        assert log[-1]["type"] == "started"
        assert session.state.attendance["陈静"].status == "expected"
        assert datadir.last_alive(session.id) is not None  # the first heartbeat
        # The check is gone from the stack: going back from the meeting is not possible.
        assert not any(isinstance(s, PreMeetingScreen) for s in app.screen_stack)


async def test_s_starts_too_and_only_once(datadir, clock, agenda):
    app = make_app(datadir, PreMeeting(agenda), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("p", "s")
        await until(pilot, lambda: type(app.screen).__name__ == "LiveScreen")
        screen.action_start()  # a second press must not start a second meeting
        assert len(datadir.session_ids()) == 1


async def test_open_series_actions_offer_a_followup_section(datadir, clock, agenda, monkeypatch):
    from dataclasses import replace

    no_followup = replace(
        agenda, sections=tuple(s for s in agenda.sections if s.kind is not SectionKind.FOLLOWUP)
    )
    carried = [
        {"ref": "a1", "text": "发报价", "owner": "张伟"},
        {"ref": "a2", "text": "回访客户", "owner": "陈静"},
    ]
    monkeypatch.setattr(
        "tui.screens.premeeting.read_series_history",
        lambda *_: (carried_actions(carried), "20261101-0900-abcd", []),
    )
    app = make_app(datadir, PreMeeting(no_followup), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        note = text_of(app, "#pre-followup")
        assert "2" in note and "f" in note
        await pilot.press("f")
        assert screen.agenda.sections[0].kind is SectionKind.FOLLOWUP
        assert len(screen.agenda.sections) == len(no_followup.sections) + 1
        await pilot.press("f")  # only once
        assert len(screen.agenda.sections) == len(no_followup.sections) + 1
        await pilot.press("p", "s")
        await until(pilot, lambda: app.session is not None)
        meta = datadir.read(app.session.id).meta
        assert carried_actions(meta["carried"]) == carried_actions(carried)
        assert meta["previous"] == "20261101-0900-abcd"
        assert meta["agenda"]["sections"][0]["kind"] == "followup"


async def test_planned_times_follow_the_meeting_start(datadir, clock, agenda):
    app = make_app(datadir, PreMeeting(agenda), clock=clock)
    async with app.run_test(size=SIZE):
        text = text_of(app, "#pre-agenda")
        # FakeClock: 09:00; the sections last 10+15+10+10+5 minutes.
        assert "09:00" in text and "09:25" in text and "09:45" in text
        assert "09:50" in text  # planned end


# -- starting at once, resuming, quitting ----------------------------------------------------


async def test_start_now_everyone_present(datadir, clock):
    agenda = load_template("daily-standup", "en")
    app = make_app(datadir, Now(agenda), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
        assert app.session is not None
        statuses = {a.status for a in app.session.state.attendance.values()}
        assert statuses == {"present"}
        assert datadir.is_locked(app.session.id)
    assert not datadir.is_locked(app.session.id)


@pytest.mark.locale
async def test_resume_by_id(datadir, clock, agenda):
    session = Session.start(datadir, agenda, clock, lang="zh")
    session.submit("第一条")
    session.next()
    session.close()
    app = make_app(datadir, Resume(session.id), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
        assert app.session.state.current == 1
        assert app.lang == "zh"  # the session's language


async def test_quit_during_a_meeting_asks_and_leaves_it_resumable(datadir, clock, agenda):
    app = make_app(datadir, Now(agenda), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session_id = app.session.id
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.yes == t("shell.quit_yes", app.session_lang)  # the quit wording
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    log = events(datadir, session_id)
    assert log[-1] == {**log[-1], "type": "interrupted", "reason": "quit"}
    assert not datadir.is_locked(session_id)
    assert launch.latest_interrupted(datadir) == session_id


async def test_quit_without_a_meeting_is_immediate(datadir, clock):
    app = make_app(datadir, clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_signal_on_the_loop_marks_interrupted_and_exits(datadir, clock, agenda):
    app = make_app(datadir, Now(agenda), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session_id = app.session.id
        app.handle_signal("SIGTERM", 143)
        await pilot.pause()
    assert events(datadir, session_id)[-1]["reason"] == "SIGTERM"
    assert app.signalled == "SIGTERM"


# -- the command line's errors (before any screen) -------------------------------------------


def test_resume_without_anything_to_resume(datadir):
    with pytest.raises(UserError, match="no interrupted session"):
        launch.resume(datadir, None, None)


def test_resume_of_a_locked_session_says_who_holds_it(datadir, clock, agenda):
    from sessions.disk import SessionLocked

    session = Session.start(datadir, agenda, clock, lang="zh")
    try:
        with pytest.raises(SessionLocked, match="minutely display"):
            launch.resume(datadir, None, None)  # the live one is the only candidate
    finally:
        session.close()


def test_resume_of_an_ended_session(datadir, clock, agenda):
    from sessions.session import SessionError

    session = Session.start(datadir, agenda, clock, lang="zh")
    session.end()
    session.close()
    with pytest.raises(SessionError, match="has ended"):
        launch.resume(datadir, session.id, None)


@pytest.mark.locale
def test_run_needs_one_agenda(datadir):
    with pytest.raises(UserError):
        launch.run(datadir, None, None, None, False)
    with pytest.raises(UserError, match="unknown template"):
        launch.run(datadir, None, "quarterly", None, False)


@pytest.mark.locale
def test_cli_errors_are_one_line(tmp_path, capsys, monkeypatch):
    from tui import cli
    from tui.cli import main

    monkeypatch.setattr(cli, "has_terminal", lambda: True)  # as from a terminal

    bad = tmp_path / "bad.yaml"
    bad.write_text("meeting:\n  title: x\nsections:\n  - title: a\n    duration: zz\n")
    data = str(tmp_path / "data")
    for argv, expected in (
        (["run", str(bad), "--data-dir", data], f"{bad}:5:"),
        (["resume", "--data-dir", data], "minutely: no interrupted session"),
        (["display", "--data-dir", data], "minutely: no sessions yet"),
        (["run", "--template", "nope", "--data-dir", data], "minutely: unknown template"),
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 1
        err = capsys.readouterr().err
        assert err.startswith(expected), err
        assert "Traceback" not in err


@pytest.mark.locale
def test_template_language_from_the_locale(monkeypatch):
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert launch.load(None, "weekly-sales", None).meeting.language == "zh"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert launch.load(None, "weekly-sales", None).meeting.language == "en"
    assert launch.load(None, "weekly-sales", "zh").meeting.language == "zh"


# -- room display ----------------------------------------------------------------------------


async def test_display_follows_the_session_file(datadir, clock, agenda):
    session = Session.start(datadir, agenda, clock, lang="zh")
    try:
        app = make_app(datadir, Display(session.id), clock=clock, lang="zh")
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, DisplayScreen)
            countdown = screen.query_one("#display-countdown", Digits)
            assert text_of(app, "#display-section") == "上月例会工作追踪"
            assert countdown.value == "10:00"
            assert "11 月销售回顾" in text_of(app, "#display-next")

            clock.advance(61)  # time passes with no write: the countdown keeps going
            await until(pilot, lambda: countdown.value == "08:59")

            session.next()
            await until(pilot, lambda: text_of(app, "#display-section") == "11 月销售回顾")
            assert countdown.value == "15:00"
            assert "竞品分析" in text_of(app, "#display-next")

            session.pause()
            await until(pilot, lambda: screen.has_class("-paused"))
            assert "暂停" in text_of(app, "#display-status")
            clock.advance(300)
            await polls(pilot, screen)
            assert countdown.value == "15:00"  # paused: the clock stands still

            session.resume_clock()
            clock.advance(15 * 60 + 5)
            await until(pilot, lambda: screen.has_class("-overtime"))
            assert countdown.value == "+00:05"

            session.end()
            await until(pilot, lambda: screen.has_class("-ended"))
            assert "结束" in text_of(app, "#display-section")
            # The big digits say when it ended, and the line under them says so, with its length.
            assert countdown.value == "09:21"
            assert "09:21" in text_of(app, "#display-plan") and "21 分 6 秒" in text_of(
                app, "#display-plan"
            )
        assert datadir.is_locked(session.id)  # the display never touched the lock
    finally:
        session.close()


async def test_display_shows_when_the_meeting_app_has_gone(datadir, clock, agenda):
    session = Session.start(datadir, agenda, clock, lang="en")
    session.interrupt("SIGHUP")
    session.close()
    clock.advance(600)
    app = make_app(datadir, Display(session.id), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "stopped" in text_of(app, "#display-status")
        # The clocks stand where the app left them, not where the wall clock is.
        assert app.screen.query_one("#display-countdown", Digits).value == "10:00"


def test_display_defaults_to_the_live_session(datadir, clock, agenda):
    older = Session.start(datadir, agenda, clock, lang="en")
    clock.advance(3600)
    live = Session.start(datadir, agenda, clock, lang="en")
    clock.advance(3600)
    newest = Session.start(datadir, agenda, clock, lang="en")
    newest.end()
    newest.close()
    older.close()
    try:
        assert launch.latest_for_display(datadir) == live.id
    finally:
        live.close()
    assert launch.latest_for_display(datadir) == newest.id


@pytest.mark.locale
def test_data_dir_path_is_accepted(tmp_path, clock):
    app = make_app(Path(tmp_path / "d"), clock=clock)
    assert isinstance(app.datadir, DataDir)
    assert app.datadir.root == tmp_path / "d"
    assert not app.datadir.root.exists()  # nothing is created until something is saved


async def test_lang_option_wins_over_the_sessions_language(datadir, clock, agenda):
    session = Session.start(datadir, agenda, clock, lang="zh")
    session.close()
    app = make_app(datadir, Resume(session.id), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.lang == "en"


async def test_f1_lists_the_keys_on_every_shell_screen(datadir, clock, agenda):
    from sessions.i18n import t

    app = make_app(datadir, clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, KeysHelpScreen))
        assert t("shell.key.history", "zh") in text_of(app, "#help-keys")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("1", "f1")
        assert any(n.message == t("shell.pre_keys", "zh") for n in app._notifications)


def test_shell_strings_exist_in_both_languages():
    from sessions.i18n import _shell

    assert set(_shell.STRINGS["en"]) == set(_shell.STRINGS["zh"])
    assert all(value.strip() for lang in ("en", "zh") for value in _shell.STRINGS[lang].values())


@dataclass(frozen=True, kw_only=True)
class FromTheFuture(Event):
    TYPE = "from_the_future"


async def test_display_keeps_the_last_good_state_when_the_log_cannot_be_followed(
    datadir, clock, agenda
):
    session = Session.start(datadir, agenda, clock, lang="zh")
    try:
        app = make_app(datadir, Display(session.id), clock=clock, lang="zh")
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, DisplayScreen)
            # An event this version does not know (written by a newer Minutely, say).
            session.writer.append(FromTheFuture(seq=999, at=session.now()))
            await until(pilot, lambda: "from_the_future" in text_of(app, "#display-problem"))
            assert text_of(app, "#display-section") == "上月例会工作追踪"
    finally:
        session.close()


# -- one app for every mode ------------------------------------------------------------------


async def test_history_runs_in_the_one_app_with_its_clock_and_escape_leaves(datadir, clock):
    app = make_app(datadir, History(), clock=clock, lang="en")
    assert isinstance(app, MinutelyApp)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, ActionsScreen))
        assert app.screen.clock is clock  # the app's (injected) clock, not the system's
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.press("escape")
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 0


async def test_the_app_clears_temp_files_a_dead_writer_left_once_its_first_screen_is_drawn(
    datadir, clock
):
    """A writer killed mid-write leaves `.NAME.tmp-PID-…` beside the real file (intact): the
    app removes it after showing its first screen, not before (the screen does not wait)."""
    datadir.sessions_dir.mkdir(parents=True, exist_ok=True)
    dead = 2**22 + 1  # above Linux's pid_max: no such process
    left = datadir.sessions_dir / f".20260101-0900-abcd.json.tmp-{dead}-1"
    left.write_text("{", encoding="utf-8")
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HistoryScreen)
        await until(pilot, lambda: not left.exists())
