"""What a screen's start-up loads: only what its first frame needs (checked in a clean interpreter).

Every module imported before the first frame is paid for by every start of that screen; the
rest is imported when it is used (marked `# lazy: start-up`).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

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
