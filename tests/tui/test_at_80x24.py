"""Every screen at 80 columns by 24 rows, in Chinese and English, as a facilitator in tmux sees it."""

from __future__ import annotations

from screen_text import screen_text, until

from tui.app import make_app
from tui.screens.home import HomeScreen

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
