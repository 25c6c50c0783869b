"""What a screen does before its first frame: drawn once, with what it will keep showing.

Every pass of the layout and render before the first frame is time the user waits (the start
of `minutely history` and `minutely series`, measured in bench/); these tests keep the passes
that were taken out from coming back, whatever the figures of one machine say.
"""

from __future__ import annotations

import dataclasses

import pytest
from screen_text import until
from textual.widgets import DataTable

from sessions.session import Session
from tui.app import make_app
from tui.start import History

SIZE = (120, 36)


def _ended(datadir, agenda, clock, title: str) -> None:
    meeting = dataclasses.replace(agenda.meeting, title=title)
    session = Session.start(datadir, dataclasses.replace(agenda, meeting=meeting), clock)
    clock.advance(600)
    session.end()
    session.close()
    clock.advance(86400)


@pytest.fixture
def drawn(monkeypatch):
    """Each DataTable drawn, with whether it had the focus then."""
    seen: list[tuple[str | None, bool]] = []
    render_lines = DataTable.render_lines

    def recorded(self, crop):  # type: ignore[no-untyped-def]
        seen.append((self.id, self.has_focus))
        return render_lines(self, crop)

    monkeypatch.setattr(DataTable, "render_lines", recorded)
    return seen


async def test_the_history_list_is_drawn_focused_from_its_first_frame(
    datadir, agenda, clock, drawn
):
    """Focused only after it was drawn, the list (every row through Rich) was drawn twice
    before the first frame: once plain, once with the focused cursor."""
    for n in range(3):
        _ended(datadir, agenda, clock, f"Weekly review {n}")
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#history-table", DataTable)
        await until(pilot, lambda: table.row_count == 3)
        await pilot.pause()
        assert app.screen.focused is table
        history_draws = [focused for name, focused in drawn if name == "history-table"]
        assert history_draws and all(history_draws)
