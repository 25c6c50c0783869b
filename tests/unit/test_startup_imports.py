"""What a screen's start-up loads: only what its first frame needs (checked in a clean interpreter).

Every module imported before the first frame is paid for by every start of that screen; the
rest is imported when it is used (marked `# lazy: start-up`).
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from series_sessions import SERIES, Series, record_series

from sessions.datadir import DataDir
from sessions.disk import write_atomic
from sessions.index import Index
from sessions.session import Session

# Loaded only by what uses them: YAML (agendas), the screens of other commands, the charts.
NOT_AT_START = (
    "yaml",
    "tui.screens.home",
    "tui.screens.premeeting",
    "tui.screens.live",
    "tui.screens.scorecard",
    "sessions.start",
    "sessions.session",
    "textual_plotext",
)


def loaded(code: str) -> set[str]:
    program = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    return set(out.stdout.split())


@pytest.mark.parametrize(
    "code",
    [
        # `minutely history`: the command line, the app, the history screen.
        "import tui.cli, tui.launch, tui.screens.history\n"
        "from tui.app import make_app\nfrom tui.start import History\n"
        "import tempfile\nmake_app(tempfile.mkdtemp(), History(), lang='en')",
        # Any command that succeeds, such as `minutely --help`.
        "import contextlib, io, tui.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    tui.cli.main(['--help'])",
    ],
    ids=["history", "command-line"],
)
def test_a_start_loads_nothing_its_first_frame_does_not_need(code: str) -> None:
    assert sorted(loaded(code) & set(NOT_AT_START)) == []


def test_the_live_meeting_still_loads_what_it_needs() -> None:
    """The check above means something: the same names are loaded by a meeting's start."""
    code = (
        "import tempfile\nfrom agendas.templates import load_template\n"
        "from tui.app import make_app\nfrom tui.start import Now\n"
        "make_app(tempfile.mkdtemp(), Now(load_template('monthly-sales', 'en')), lang='en')\n"
        "import tui.screens.live"
    )
    assert {"yaml", "sessions.start", "sessions.session", "tui.screens.live"} <= loaded(code)


# What indexing a session file needs (reading it, replaying it): a command that reads the index
# while no session file changed loads none of it.
INDEXING = ("tinydb", "sessions.events", "sessions.store", "sessions.indexing", "sessions.state")
# Each with what its output holds when it read the index: a hit, an open action, a listing.
READING_COMMANDS = (
    (("search", "客户", "--json"), "客户拜访三家"),
    (("actions", "--open", "--format", "json"), "整理客户名单"),
    (("list", "--json"), "华东区 11 月销售月会"),
)


def run_command(args: tuple[str, ...], data: Path) -> tuple[str, set[str]]:
    """A command's output and the modules it loaded, in a clean interpreter."""
    program = (
        "import sys, tui.cli\n"
        "try:\n    tui.cli.main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "sys.stdout.flush()\nsys.stderr.write('\\n'.join(sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", program, *args, "--data-dir", str(data)],
        capture_output=True,
        check=True,
    )
    return out.stdout.decode(), set(out.stderr.decode().split())


@pytest.fixture
def indexed(datadir, agenda, clock) -> DataDir:
    """Two ended meetings with notes and actions, indexed, the folder settled (its mtime well
    in the past, as it is a few seconds after the last change)."""
    for lines in (["客户拜访三家", "/a 整理客户名单 @张伟"], ["/a 更新价格表 @陈静"]):
        session = Session.start(datadir, agenda, clock)
        for line in lines:
            clock.advance(30)
            session.submit(line)
        session.end()
        session.close()
        clock.advance(86400)
    hour_ago = time.time() - 3600
    os.utime(datadir.sessions_dir, (hour_ago, hour_ago))
    assert Index(datadir).sync() == []
    return datadir


@pytest.mark.parametrize(("args", "shown"), READING_COMMANDS, ids=["search", "actions", "list"])
def test_a_reading_command_loads_no_indexing_when_nothing_changed(indexed, args, shown) -> None:
    out, modules = run_command(args, indexed.root)
    assert shown in out
    assert sorted(modules & set(INDEXING)) == []


# Besides the indexing, what `list --json` and `actions --open --format json` do without (at
# 20,000 sessions each is held to 1.5 times `minutely --help`): the listing is written as the
# index keeps it, so no summary is made, checked or dated; the actions' dates need no clock,
# and the sessions they were agreed in are read in brief (no summary made of them).
NOT_FOR_LISTING = ("sessions.summary", "sessions.statuses", "sessions.shape", "sessions.clock")
NOT_FOR_ACTIONS = ("sessions.clock", "sessions.capture", "sessions.summary", "sessions.shape")


@pytest.mark.parametrize(
    ("args", "shown", "unused"),
    [
        (("list", "--json"), "华东区 11 月销售月会", NOT_FOR_LISTING),
        (("actions", "--open", "--format", "json"), "整理客户名单", NOT_FOR_ACTIONS),
    ],
    ids=["list", "actions"],
)
def test_a_listing_command_loads_only_what_it_writes_with(indexed, args, shown, unused) -> None:
    out, modules = run_command(args, indexed.root)
    assert shown in out
    assert sorted(modules & set(unused)) == []


def test_the_table_of_sessions_still_loads_the_summaries_and_the_clock(indexed) -> None:
    """The check above means something: `minutely list` (its table) reads summaries, dated."""
    out, modules = run_command(("list",), indexed.root)
    assert "华东区 11 月销售月会" in out
    assert set(NOT_FOR_LISTING) <= modules


# The modules of those two commands make their records as NamedTuples: at import a dataclass
# takes several times as long to make (each one a few tenths of a millisecond of every start).
LISTING_MODULES = (
    "sessions.index",
    "sessions.catalog",
    "sessions.summary",
    "sessions.statuses",
    "sessions.actions",
    "tui.actions_commands",
)


# The same on the scorecard's way to its first rows: the settings, the card, what the index
# keeps of each meeting, the report's blocks and the screen's grids.
SCORECARD_MODULES = (
    "sessions.config",
    "sessions.meeting_facts",
    "sessions.scorecard",
    "sessions.blocks",
    "tui.presenters.scorecard",
)


@pytest.mark.parametrize("name", LISTING_MODULES + SCORECARD_MODULES)
def test_the_modules_on_the_way_of_a_quick_command_make_no_dataclass(name: str) -> None:
    module = importlib.import_module(name)
    made = [
        value.__name__
        for value in vars(module).values()
        if dataclasses.is_dataclass(value) and value.__module__ == name
    ]
    assert made == []


def test_a_changed_session_is_indexed_through_the_lazy_door(indexed, agenda, clock) -> None:
    """The check above means something: a session file written since is read again."""
    session = Session.start(indexed, agenda, clock)
    session.submit("/a 新客户回访 @王芳")
    session.end()
    session.close()
    out, modules = run_command(("actions", "--open", "--format", "json"), indexed.root)
    assert "新客户回访" in out
    assert {"sessions.indexing", "sessions.store", "tinydb"} <= modules


# What the scorecard's first frame does without: besides the indexing, the capture parser and
# the talk maths (each meeting's facts are read from the index), the minutes' model, the help
# overlay and the live screen's actions, the charts.
NOT_FOR_THE_SCORECARD = (
    *INDEXING,
    "sessions.capture",
    "sessions.participation",
    "sessions.timing",
    "sessions.minutes.model",
    "tui.screens.help",
    "tui.screens.live_actions",
    "textual_plotext",
)


def scorecard_start(data: Path) -> tuple[int, set[str]]:
    """What `minutely series NAME` loads before its first frame (the app and the scorecard
    worked out), and how many meetings the scorecard has, in a clean interpreter."""
    program = (
        "import sys\nfrom datetime import date\nfrom tui.app import make_app\n"
        "from tui.start import Series\n"
        f"make_app(sys.argv[1], Series({SERIES!r}), lang='en')\nloaded = set(sys.modules)\n"
        "from sessions.datadir import DataDir\nfrom sessions.scorecard import load_scorecard\n"
        f"card = load_scorecard(DataDir(sys.argv[1]), {SERIES!r}, date(2026, 12, 5))\n"
        "print(len(card.meetings))\nprint('\\n'.join(loaded))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", program, str(data)], capture_output=True, text=True, check=True
    )
    count, *modules = out.stdout.split()
    return int(count), set(modules)


@pytest.fixture
def series_indexed(datadir) -> tuple[DataDir, Series]:
    """Three meetings of a series, indexed, the folder settled."""
    series = record_series(datadir)
    hour_ago = time.time() - 3600
    os.utime(datadir.sessions_dir, (hour_ago, hour_ago))
    assert Index(datadir).sync() == []
    return datadir, series


def test_the_scorecard_reads_its_series_from_the_index(series_indexed) -> None:
    datadir, series = series_indexed
    meetings, modules = scorecard_start(datadir.root)
    assert meetings == len(series.ids)
    assert sorted(modules & set(NOT_FOR_THE_SCORECARD)) == []


def test_a_changed_session_of_the_series_is_read_again_for_its_scorecard(series_indexed) -> None:
    """The check above means something: a session file written since is read again."""
    datadir, series = series_indexed
    path = datadir.session_path(series.ids[0])
    write_atomic(path, path.read_bytes())
    meetings, modules = scorecard_start(datadir.root)
    assert meetings == len(series.ids)
    assert {"sessions.indexing", "sessions.capture", "tinydb"} <= modules


# What the console script's way to the scorecard does without, besides what its screen does
# without: the command line (click, every command defined) and the settings file's reading when
# there is none (platformdirs for its folder, tomllib).
NOT_FOR_THE_SCORECARD_COMMAND = ("click", "tui.cli", "tui.cli_reach", "platformdirs", "tomllib")


def console_script(args: tuple[str, ...], home: Path) -> tuple[str, set[str]]:
    """What `minutely ARGS` prints and loads, in a clean interpreter with no settings file under
    `home`; the screen it would run is a line saying which."""
    program = (
        "import sys, tui.launch\ntui.launch.has_terminal = lambda: True\n"
        "tui.launch.run_app = lambda datadir, start, lang: print('screen', start.name) or 0\n"
        "from tui.entry import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "sys.stdout.flush()\nsys.stderr.write('\\n'.join(sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("MINUTELY_CONFIG", "XDG_CONFIG_HOME")}
    out = subprocess.run(
        [sys.executable, "-c", program, *args],
        capture_output=True,
        check=True,
        env=env | {"HOME": str(home)},
    )
    return out.stdout.decode(), set(out.stderr.decode().split())


def test_the_scorecard_command_loads_no_command_line(series_indexed, tmp_path) -> None:
    datadir, _series = series_indexed
    out, modules = console_script(("series", SERIES, "--data-dir", str(datadir.root)), tmp_path)
    assert out.split() == ["screen", SERIES]
    assert sorted(modules & set(NOT_FOR_THE_SCORECARD_COMMAND)) == []


def test_the_list_of_series_is_the_command_lines(series_indexed, tmp_path) -> None:
    """The check above means something: `minutely series` without NAME loads them."""
    datadir, _series = series_indexed
    out, modules = console_script(("series", "--data-dir", str(datadir.root)), tmp_path)
    assert SERIES in out and "screen" not in out
    assert {"click", "tui.cli"} <= modules


def test_the_history_first_rows_load_no_indexing_when_nothing_changed(indexed) -> None:
    """The history's first rows are the index's listings, checked for their shape: that check
    is no reason to load TinyDB and the events (about 20 ms before the first frame)."""
    program = (
        "import sys\nfrom sessions.datadir import DataDir\n"
        "from tui.presenters import history as rows_of\n"
        "datadir = DataDir(sys.argv[1])\npage = rows_of.first_page(datadir, 48)\n"
        "print(len(page.sessions), sum(rows_of.open_actions_of(datadir, page).values()))\n"
        "sys.stderr.write('\\n'.join(sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", program, str(indexed.root)], capture_output=True, check=True
    )
    assert out.stdout.decode().split() == ["2", "2"]  # two sessions, an open action each
    assert sorted(set(out.stderr.decode().split()) & set(INDEXING)) == []
