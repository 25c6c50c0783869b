"""Two meetings of a series, recorded through the domain, for the opening brief's tests (unit and Pilot)."""

from __future__ import annotations

from datetime import date

from series_sessions import meeting_clock, month_agenda

from sessions.datadir import DataDir
from sessions.start import start_session

REPS = [("张伟", 1_000_000, 800_000), ("陈静", 800_000, None), ("Tom Baker", 500_000, 450_000)]


def record_two_meetings(datadir: DataDir) -> None:
    """October ends in its first section with an action for 张伟 due 10-15 and a parked topic;
    November reaches only the review, where 陈静's result comes in, and is rated at the end."""
    clock = meeting_clock(date(2026, 10, 8))
    october = start_session(datadir, month_agenda("10", REPS), clock, "zh", attendance=None)
    october.submit("/a 整理客户名单 @张伟 due:2026-10-15")
    october.submit("/a 更新价格表 due:2026-10-20")
    october.submit("/p 竞品价格")
    clock.advance(600)
    october.end()
    october.close()

    clock = meeting_clock(date(2026, 11, 5))
    november = start_session(datadir, month_agenda("11", REPS), clock, "zh", attendance=None)
    november.jump(1)
    november.submit("/actual 陈静 90万")
    clock.advance(600)
    november.end()
    november.rate({"王磊": 8, "张伟": 7}, "提前发报表")
    november.close()
