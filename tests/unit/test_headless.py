"""The core packages must import without Textual (checked in a clean interpreter)."""

import subprocess
import sys


def test_core_imports_without_textual():
    code = (
        "import sys, importlib, pkgutil\n"
        "import agendas, sessions\n"
        "for pkg in (agendas, sessions):\n"
        "    for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(mod.name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'tui', 'widgets')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
