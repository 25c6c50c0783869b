"""Every screen at 80 columns by 24 rows, in Chinese and English, as a facilitator in tmux sees it."""

from __future__ import annotations

from rich.cells import cell_len
from screen_text import screen_text, until

from sessions.i18n import t
from sessions.session import Session
from tui.app import make_app
from tui.screens.home import HomeScreen
from tui.start import History

SIZE = (80, 24)


async def test_home_cuts_a_long_template_line_rather_than_wrap_it(datadir, clock):
    app = make_app(datadir, clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause()
        lines = screen_text(app).splitlines()
        long_one = next(line for line in lines if "East Region Monthly Marketing Meeting" in line)
        assert long_one.rstrip(" │").endswith("…")
        # no line of the menu starts with the tail of the one above
        assert not any(line.lstrip("│ ").startswith("项议程") for line in lines)
        assert any(
            " 8  Weekly Sales Meeting  weekly-sales · 5 项议程 · 45 分钟" in line for line in lines
        )


def _long_meeting(datadir, agenda, clock) -> None:
    session = Session.start(datadir, agenda, clock, lang="zh")
    session.jump(2)
    clock.advance(45)
    session.submit(REBATE_NOTE)
    clock.advance(600)
    session.end()
    session.close()


REBATE_NOTE = (
    "讨论了返利政策，返利比例需要与回款率挂钩，并在季度末统一结算，避免月度波动带来的财务压力"
)


async def test_history_in_chinese_says_minutes_and_keeps_the_status_column(datadir, agenda, clock):
    _long_meeting(datadir, agenda, clock)
    app = make_app(datadir, History(), clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "状态" in screen_text(app))
        screen = screen_text(app)
        row = next(line for line in screen.splitlines() if "华东区" in line)
        assert "分钟" in row and " min" not in screen
        assert row.rstrip().endswith(t("session.ended", "zh"))


async def test_history_search_fits_the_note_column_to_80_with_an_ellipsis(datadir, agenda, clock):
    _long_meeting(datadir, agenda, clock)
    app = make_app(datadir, History(), clock=clock, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("?", *"返利")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await until(pilot, lambda: "讨论了返利" in screen_text(app))
        row = next(line for line in screen_text(app).splitlines() if "讨论了返利" in line)
        note = row[row.index("讨论了返利") :].rstrip()
        assert note.endswith("…") and cell_len(note) >= 24
        assert cell_len(row.rstrip()) <= 80
