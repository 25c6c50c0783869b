"""Start-up as a facilitator waits for it: the live screen's first frame at 0, 2,000 and 20,000 past sessions.

    nice .venv/bin/python bench/startup.py [--sessions 0,2000,20000] [--runs 7] [--cache DIR]

Each run is `minutely run --template monthly-sales --lang zh --now --data-dir D` spawned in a
fresh 160x48 pty (`bench/_pty.py`), timed until the meeting's title is on the screen, then
stopped with SIGTERM. D is the realistic history of `bench/_history.py` (built once into
/tmp/minutely-bench/<n>), whose `sales-monthly` series the new meeting follows up; at 0
sessions, an empty folder. Before the runs, each folder's derived files (index, series
caches) are brought up to date and saved; after each run the session it created is removed
and any derived file it changed is put back, so that every run starts from the same state:
the day after the last meeting. Runs of the sizes and of the bare Textual app alternate.
The last line is for scripts: medians, the ratio of each size to 0 sessions, and the goal
of issue 10 (the largest size ≤ 1.1× the same at 0 sessions).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import as_installed, machine_line, verdict  # noqa: E402
from _history import CACHE_ROOT, cached_history, derived_files  # noqa: E402
from _pty import first_frame, hello_frame, minutely_argv  # noqa: E402

from agendas.templates import load_template  # noqa: E402
from sessions.datadir import DataDir  # noqa: E402

TEMPLATE, LANG = "monthly-sales", "zh"
# The derived files brought up to date, as the last command before the meeting left them.
PRIME = f"""
import sys
from agendas.templates import load_template
from sessions.datadir import DataDir
from sessions.index import Index

index = Index(DataDir(sys.argv[1]))
index.listing()
index.series_sessions(load_template({TEMPLATE!r}, {LANG!r}).meeting.series or "")
"""
GOAL_VS_EMPTY = 1.1


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_mtime_ns, stat.st_size


class Baseline:
    """A data folder's state before a run (session files, derived files), put back after it."""

    def __init__(self, datadir: DataDir, keep: Path) -> None:
        self.datadir, self.keep = datadir, keep
        # In a child process: this one stays small, so spawning the runs costs the same at
        # every size.
        subprocess.run([sys.executable, "-c", PRIME, str(datadir.root)], check=True)
        self.sessions = set(datadir.sessions_dir.iterdir())
        self.saved: dict[Path, Path] = {}
        for path in derived_files(datadir):
            copy = keep / path.name
            if path.is_dir():
                shutil.copytree(path, copy)
            else:
                shutil.copy2(path, copy)
            self.saved[path] = copy
        self.stamps = {p: _signature(p) for p in self._watched()}

    def _watched(self) -> list[Path]:
        paths = list(self.saved)
        for folder in [p for p in self.saved if p.is_dir()]:
            paths += list(folder.iterdir())
        return paths

    def restore(self) -> None:
        for path in set(self.datadir.sessions_dir.iterdir()) - self.sessions:
            path.unlink()
        for path in derived_files(self.datadir):
            if path not in self.saved:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        changed = any(_signature(p) != stamp for p, stamp in self.stamps.items())
        changed = changed or len(self._watched()) != len(self.stamps)
        if not changed:
            return
        for path, copy in self.saved.items():
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
                shutil.copytree(copy, path)
            else:
                shutil.copy2(copy, path)
        self.stamps = {p: _signature(p) for p in self._watched()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="0,2000,20000", help="sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--cache", type=Path, default=CACHE_ROOT, help="where the histories are built and kept"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sessions.split(",")]
    if 0 not in sizes:
        sizes.insert(0, 0)

    print(f"machine: {machine_line()}; {as_installed()}", flush=True)
    title = load_template(TEMPLATE, LANG).meeting.title
    with tempfile.TemporaryDirectory(prefix="minutely-startup-") as tmp:
        baselines = {}
        for n in sizes:
            datadir = DataDir(Path(tmp) / "empty") if n == 0 else cached_history(n, args.cache)
            datadir.ensure()
            keep = Path(tmp) / f"keep-{n}"
            keep.mkdir()
            baselines[n] = Baseline(datadir, keep)
        runs: dict[str, list[float]] = {"bare": [], **{str(n): [] for n in sizes}}
        for n in sizes:  # one run each first: the file cache warm for all
            first_frame(live_argv(baselines[n].datadir), title)
            baselines[n].restore()
        for round_ in range(args.runs):
            runs["bare"].append(hello_frame())
            for n in sizes:
                runs[str(n)].append(first_frame(live_argv(baselines[n].datadir), title))
                baselines[n].restore()
            print(
                f"run {round_ + 1}: "
                + "  ".join(f"{name} {times[-1]:.3f}s" for name, times in runs.items()),
                flush=True,
            )
    medians = {name: statistics.median(times) for name, times in runs.items()}
    print(f"load at the end: {machine_line().rsplit('load ', 1)[1]}")
    pairs = [f"bare_s={medians['bare']:.3f}"]
    for n in sizes:
        pairs.append(f"live_{n}_s={medians[str(n)]:.3f}")
        if n:
            pairs.append(f"ratio_{n}={medians[str(n)] / medians['0']:.2f}")
    largest = sizes[-1]
    ratio = medians[str(largest)] / medians["0"]
    pairs.append(f"goal_at={largest} goal={verdict(ratio <= GOAL_VS_EMPTY)}")
    print("startup " + " ".join(pairs))


def live_argv(datadir: DataDir) -> list[str]:
    return minutely_argv(
        "run", "--template", TEMPLATE, "--lang", LANG, "--now", "--data-dir", str(datadir.root)
    )


if __name__ == "__main__":
    main()
