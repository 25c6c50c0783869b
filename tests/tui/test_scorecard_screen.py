"""The scorecard screen: opened by `minutely series NAME` and from the history, its parts, and back."""

from __future__ import annotations

import time

import pytest
from rich.cells import cell_len
from screen_text import screen_text, text_of, until
from series_sessions import SERIES, TODAY, meeting_clock, record_series
from textual.widgets import TabbedContent

from sessions.i18n import t
from sessions.session import Session
from tui import cli
from tui.app import make_app
from tui.screens.history import HistoryScreen
from tui.screens.scorecard import BATCH_INTERVAL, FIRST_FRAME_WAIT, ScorecardScreen
from tui.start import History, Series
from widgets.keybar import KeyBar
from widgets.table import RowTable


@pytest.fixture
def series_dir(datadir):
    record_series(datadir)
    return datadir


def loaded(app) -> bool:
    return isinstance(app.screen, ScorecardScreen) and bool(
        app.screen.query("#sc-scorecard-standing")
    )


def rows(app, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(f"#{table_id}", RowTable)
    return [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_opened_from_the_start_value_shows_the_sales_first(series_dir):
    app = make_app(series_dir, Series(SERIES, "zh"), clock=meeting_clock(TODAY), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: loaded(app))
        assert text_of(app, "#sc-title") == "Scorecard: east-monthly"
        assert "3 meetings · as of 2026-12-05" in text_of(app, "#sc-period")
        standing = rows(app, "sc-scorecard-standing")
        assert [r[0] for r in standing] == ["张伟", "陈静", "Tom Baker ▼", "Team"]
        assert standing[1][3:5] == ["111.1%", "1"]
        await until(pilot, lambda: "Tom Baker ▼" in screen_text(app))  # painted
        assert "Where each rep stands" in screen_text(app)
        assert app.screen.query_one(TabbedContent).active == "sc-part-sales"
        # Nothing takes focus: the arrows and page keys scroll the part shown.
        assert app.focused is None
        body = app.screen.query_one("#sc-body-sales")
        await until(pilot, lambda: body.max_scroll_y > 1)  # laid out, taller than the screen
        await pilot.press("down")
        await until(pilot, lambda: body.scroll_y > 0)
        await pilot.press("end")
        await until(pilot, lambda: body.scroll_y == body.max_scroll_y)
        await pilot.press("home")
        await until(pilot, lambda: body.scroll_y == 0)


async def test_the_series_language_unless_lang_says(series_dir):
    app = make_app(series_dir, Series(SERIES, "zh"), clock=meeting_clock(TODAY))
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: loaded(app))
        assert text_of(app, "#sc-title") == "east-monthly 会议记分卡"
        await until(pilot, lambda: "销售业绩" in screen_text(app))


async def test_parts_switch_by_number_and_next(series_dir):
    app = make_app(series_dir, Series(SERIES), clock=meeting_clock(TODAY), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: loaded(app))
        tabs = app.screen.query_one(TabbedContent)
        await pilot.press("2")
        await until(pilot, lambda: tabs.active == "sc-part-follow")
        await until(pilot, lambda: "(no owner)" in screen_text(app))
        await pilot.press("n")
        await until(pilot, lambda: tabs.active == "sc-part-people")
        await until(
            pilot, lambda: "Each meeting's column is the person's share" in screen_text(app)
        )
        await pilot.press("4")
        await until(pilot, lambda: "华东区 11 月销售月会" in screen_text(app))
        meetings = rows(app, "sc-scorecard-meetings")
        assert [r[1] for r in meetings] == ["2026-10-08", "2026-11-05", "2026-12-03"]
        await pilot.press("n")
        await until(pilot, lambda: tabs.active == "sc-part-sales")


async def test_charts_are_drawn_in_the_theme(series_dir):
    app = make_app(series_dir, Series(SERIES), clock=meeting_clock(TODAY), lang="en")
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: loaded(app))
        await until(pilot, lambda: "Completion by meeting" in screen_text(app))
        legend = app.screen.query(".sc-legend").first()
        assert str(legend.content).startswith("■ 张伟")
        before = legend.content.spans[0].style
        app.theme = "textual-light"
        await until(pilot, lambda: legend.content.spans[0].style != before)


async def test_escape_leaves_when_opened_on_its_own(series_dir):
    app = make_app(series_dir, Series(SERIES), clock=meeting_clock(TODAY), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: loaded(app))
        await pilot.press("escape")
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 0


async def test_from_the_history_c_opens_the_selected_sessions_series(series_dir):
    app = make_app(series_dir, History(), clock=meeting_clock(TODAY), lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen) and app.screen.sessions)
        await pilot.press("c")
        await until(pilot, lambda: loaded(app))
        assert app.screen.series == SERIES
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        assert app.is_running


async def test_from_the_history_a_session_without_a_series_says_so(datadir, agenda, clock):
    import dataclasses

    alone = dataclasses.replace(agenda, meeting=dataclasses.replace(agenda.meeting, series=None))
    session = Session.start(datadir, alone, clock)
    session.end()
    session.close()
    app = make_app(datadir, History(), clock=clock, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen) and app.screen.sessions)
        await pilot.press("c")
        await until(pilot, lambda: "belongs to no series" in text_of(app, "#history-status"))
        assert isinstance(app.screen, HistoryScreen)


def run(args, capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(args)
    out = capsys.readouterr()
    return done.value.code, out.out, out.err


def test_series_name_opens_the_screen_in_the_series_language(series_dir, monkeypatch, capsys):
    opened = []
    monkeypatch.setattr("tui.launch.has_terminal", lambda: True)
    monkeypatch.setattr(
        "tui.launch.run_app", lambda d, start, lang: opened.append((start, lang)) or 0
    )
    code, _out, err = run(["series", SERIES, "--data-dir", str(series_dir.root)], capsys)
    assert (code, err) == (0, "")
    assert opened == [(Series(SERIES, "zh"), None)]


def test_series_name_refuses_a_pipe_and_an_unknown_series(series_dir, monkeypatch, capsys):
    where = ["--data-dir", str(series_dir.root), "--lang", "en"]
    code, _out, err = run(["series", SERIES, *where], capsys)
    assert code == 1 and "minutely series NAME needs a terminal" in err
    monkeypatch.setattr("tui.launch.has_terminal", lambda: True)
    code, _out, err = run(["series", "nope", *where], capsys)
    assert code == 1 and "no meetings of the series 'nope'" in err
    code, out, _err = run(["series", *where], capsys)
    assert code == 0 and SERIES in out


async def test_names_and_titles_are_shown_as_written(datadir):
    from hostile import MARKUP
    from series_sessions import month_agenda

    from sessions.start import start_session

    names = ["[@click=app.quit]quit[/]", "[b]bold?[/b] [red]red?[/red]", "[/]"]
    agenda = month_agenda("11", [(name, 100.0, 90.0 + n) for n, name in enumerate(names)])
    clock = meeting_clock(TODAY)
    session = start_session(datadir, agenda, clock, "en", attendance=None)
    session.end()
    session.close()
    app = make_app(datadir, Series(SERIES), clock=clock, lang="en")
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: loaded(app))
        assert [r[0] for r in rows(app, "sc-scorecard-standing")][:3] == names
        await until(pilot, lambda: "[@click=app.quit]quit[/]" in screen_text(app))
        assert "[b]bold?[/b] [red]red?[/red]" in screen_text(app)
        assert set(names) <= set(MARKUP)
        await pilot.click(
            "#sc-scorecard-standing", offset=(4, 2)
        )  # a click on the name runs nothing
        assert app.is_running


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_key_bar_drops_keys_that_do_not_fit_and_keeps_esc(series_dir, lang):
    app = make_app(series_dir, Series(SERIES, lang), clock=meeting_clock(TODAY), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: loaded(app))
        bar = app.screen.query_one(KeyBar)
        narrow = str(bar.render())
        assert f" esc {t('sc.key.back', lang)} " in narrow
        assert f" n {t('sc.key.next', lang)} " in narrow
        assert t("sc.key.parts", lang) not in narrow  # the longest goes first
        assert cell_len(narrow) <= 80 and narrow.rstrip().endswith(t("key.palette", lang))
        await pilot.resize_terminal(160, 48)
        await until(pilot, lambda: t("sc.key.parts", lang) in str(bar.render()))
        wide = str(bar.render())
        assert f" 1-4 {t('sc.key.parts', lang)} " in wide
        assert f" f1 {t('key.help', lang)} " in wide
        at = cell_len(wide[: wide.index(" n ")]) + 1
        await pilot.click(KeyBar, offset=(at, 0))  # a key is clickable
        await until(pilot, lambda: app.screen.query_one(TabbedContent).active == "sc-part-follow")


@pytest.mark.parametrize(("size", "two_lines"), [((80, 24), True), ((160, 48), False)])
async def test_the_follow_through_fits_80_columns_with_its_headings_on_two_lines(
    series_dir, size, two_lines
):
    """At 80 columns the follow-through's last column, the share kept on time, is on the
    screen: headings wider than their figures take two lines; at 160 they take one."""
    app = make_app(series_dir, Series(SERIES, "zh"), clock=meeting_clock(TODAY), lang="zh")
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: loaded(app) and app.screen.complete)
        await pilot.press("2")
        table = app.screen.query_one("#sc-scorecard-follow", RowTable)
        await until(pilot, lambda: table.size.width > 0)
        assert (table.header_height == 2) is two_lines
        assert table.virtual_size.width <= size[0] - 4
        labels = [c.label.plain for c in table.columns]
        assert ("按时\n完成率" in labels) is two_lines


async def test_at_80_columns_a_wide_table_scrolls_sideways_keeping_its_first_column(series_dir):
    """The meetings' table is wider than 80 columns: it stays within the screen with a
    scrollbar of its own, → brings its columns in one at a time up to the last, whole, the
    meetings' titles staying at the left; ← takes it back."""
    app = make_app(series_dir, Series(SERIES, "zh"), clock=meeting_clock(TODAY), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: loaded(app) and app.screen.complete)
        await pilot.press("4")
        table = app.screen.query_one("#sc-scorecard-meetings", RowTable)
        await until(pilot, lambda: table.size.width > 0 and table.max_scroll_x > 0)
        assert table.size.width <= 80 - 4 < table.virtual_size.width
        assert table.show_horizontal_scrollbar
        # The last two columns: the facilitator's share (75.0% ▼ at the second) and the rating.
        last = [line for c in table.columns[-2:] for line in c.label.plain.split("\n")]
        title = "华东区 10 月销售月会"
        assert title in screen_text(app) and "75.0% ▼" not in screen_text(app)
        for _ in table.columns:
            await pilot.press("right")
        await until(pilot, lambda: table.scroll_x == table.max_scroll_x)
        await until(pilot, lambda: "75.0% ▼" in screen_text(app))
        shown = screen_text(app)
        assert title in shown and all(line in shown for line in last)
        body = app.screen.query_one("#sc-body-meetings")
        assert body.scroll_x == 0  # the notes and titles do not move
        for _ in table.columns:
            await pilot.press("left")
        await until(pilot, lambda: table.scroll_x == 0)


async def test_the_next_table_waits_for_the_first_frame(series_dir, monkeypatch):
    """The sales part's first table is mounted with the screen; the next one not before the
    first frame a start shows (the one the terminal's size brings, later than a frame's time),
    so that the first rows are not laid out and drawn together with it."""
    mounted: list[tuple[str, float]] = []
    grid_table = ScorecardScreen.grid_table

    def recorded(self, grid):  # type: ignore[no-untyped-def]
        mounted.append((grid.name, time.monotonic()))
        return grid_table(self, grid)

    monkeypatch.setattr(ScorecardScreen, "grid_table", recorded)
    app = make_app(series_dir, Series(SERIES, "en"), clock=meeting_clock(TODAY), lang="en")
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: len(mounted) >= 2)
    (first, at), (_second, then) = mounted[:2]
    assert first == "scorecard-standing"
    assert then - at >= FIRST_FRAME_WAIT > BATCH_INTERVAL
