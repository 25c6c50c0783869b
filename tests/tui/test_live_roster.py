"""The live roster: who counts as here, not here yet rather than silent, widths that fit."""

from __future__ import annotations

from live_meetings import enter, roster_plain
from rich.cells import cell_len
from screen_text import live_app, text_of

from sessions.events import AttendanceStatus
from sessions.i18n import CATALOG
from sessions.participation import is_here
from sessions.session import Session
from sessions.state import Attendance
from widgets.roster import Roster, RosterRow


def test_is_here_counts_only_people_in_the_room():
    assert is_here(Attendance(AttendanceStatus.PRESENT))
    assert is_here(Attendance(AttendanceStatus.LATE, arrived=100.0))
    assert not is_here(Attendance(AttendanceStatus.LATE))  # expected late, not come in yet
    for status in (AttendanceStatus.EXPECTED, AttendanceStatus.ABSENT, AttendanceStatus.LEFT):
        assert not is_here(
            Attendance(status, arrived=100.0 if status == AttendanceStatus.LEFT else None)
        )


async def test_roster_title_does_not_count_someone_still_expected_late(datadir, agenda, clock):
    marks = {name: AttendanceStatus.PRESENT for name in agenda.names}
    marks["Tom Baker"] = AttendanceStatus.LATE
    s = Session.start(datadir, agenda, clock, lang="en", attendance=marks)
    try:
        app = live_app(s, "en")
        async with app.run_test(size=(120, 36)) as pilot:
            pane = app.screen.query_one("#roster-pane")
            assert "4/5" in str(pane.border_title)
            clock.advance(300)
            await enter(pilot, "/here Tom")
            assert "5/5" in str(pane.border_title)
            assert text_of(app, "#status-line") == "Tom Baker arrived 09:05"
    finally:
        s.close()


def test_roster_gives_names_and_timed_statuses_their_width():
    rows = [
        RosterRow(1, "Grace Lee", "late 09:07", 0, 0, 0, short_status="late"),
        RosterRow(2, "Sam Okonkwo", "left 10:30", 0, 0, 0, short_status="left"),
        RosterRow(3, "张伟", "迟到 09:07", 0, 0, 0, short_status="迟到"),
    ]
    roster = Roster()
    roster.rows = rows
    name, status, bar = roster.widths(46)  # the roster pane at 160 columns
    assert name >= cell_len("Sam Okonkwo") and status >= cell_len("late 09:07") and bar >= 3
    name, status, bar = roster.widths(34)  # at 120 columns: the bar goes, attendance stays
    assert status == cell_len("迟到") and name >= 8


def test_facilitator_flag_fits_the_narrow_roster():
    for lang in ("en", "zh"):
        assert cell_len(CATALOG[lang]["live.dominates"]) <= 32


async def test_roster_says_not_here_yet_rather_than_no_talk_time(monthly, clock):
    app = live_app(monthly, "zh")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        rows = {row.name: row for row in app.screen.query_one(Roster).rows}
        assert rows["陈静"].not_here and not rows["陈静"].silent  # late, not come in yet
        assert not rows["Tom Baker"].not_here and rows["Tom Baker"].away  # absent is absent
        assert rows["张伟"].silent and not rows["张伟"].not_here
        lines = {line.split()[1]: line for line in roster_plain(app)}
        assert "未到" in lines["陈静"] and "00:00" not in lines["陈静"]
        assert "未发言" in lines["张伟"] and "未到" not in lines["张伟"]
        clock.advance(300)
        await enter(pilot, "/迟到 陈静")
        lines = {line.split()[1]: line for line in roster_plain(app)}
        assert "迟到 09:05" in lines["陈静"] and "未发言" in lines["陈静"]
        assert "未到" not in lines["陈静"]
