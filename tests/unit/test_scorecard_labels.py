"""Two meetings of a series on one day get column headings that tell them apart."""

from __future__ import annotations

from datetime import date, datetime

from series_sessions import CST, SERIES, meeting_clock, month_agenda

from sessions.clock import FakeClock
from sessions.datadir import DataDir
from sessions.report import render_report
from sessions.report.layout import meeting_label
from sessions.scorecard import scorecard
from sessions.start import start_session
from tui.presenters.scorecard import scorecard_view
from tui.screens.scorecard_plots import _ticks


def _meeting(datadir: DataDir, clock: FakeClock, month: str) -> str:
    agenda = month_agenda(month, [("张伟", 1_000_000, 900_000)])
    session = start_session(datadir, agenda, clock, "en", attendance=None)
    session.submit("/speaker 王磊")
    clock.advance(600)
    session.end()
    session.close()
    return session.id


def test_same_day_meetings_are_headed_with_their_time(tmp_path):
    datadir = DataDir(tmp_path / "data")
    _meeting(datadir, meeting_clock(date(2026, 11, 5)), "11")
    _meeting(datadir, meeting_clock(date(2026, 12, 1)), "12")
    _meeting(datadir, FakeClock(start=datetime(2026, 12, 1, 14, 30, tzinfo=CST)), "12")
    records = [datadir.read(s) for s in datadir.session_ids()]
    card = scorecard(SERIES, records, [], date(2026, 12, 2))

    labels = [meeting_label(card, i) for i in range(len(card.meetings))]
    assert labels == ["2026-11-05", "2026-12-01 09:00", "2026-12-01 14:30"]
    markdown = str(render_report(card, "md", "en"))
    assert "| 2026-11-05 | 2026-12-01 09:00 | 2026-12-01 14:30 |" in markdown
    view = scorecard_view(card, "en")
    grids = {g.name: g for part in view.parts for g in part.grids}
    assert grids["scorecard-sales"].columns[1:4] == tuple(labels)
    assert grids["scorecard-people"].columns[1:4] == tuple(labels)
    assert [row[1] for row in grids["scorecard-meetings"].rows] == labels
    [plot, *_] = [p for part in view.parts for p in part.plots]
    assert _ticks(plot.labels)[1] == ["11-05", "12-01 09:00", "12-01 14:30"]
