"""History at scale as a user waits for it: whole `minutely` processes and the history screen on a real pty.

    nice .venv/bin/python bench/history.py [--sessions 200,2000,20000] [--runs 5] [--cold-runs 3]
        [--histories /tmp/minutely-bench]

For each size, a realistic history (`bench/_history.py`: 80-120 items a meeting, several
series with follow-up chains, Chinese and English) is built once into
/tmp/minutely-bench/<n> and reused. Every figure is a new process, as a user starts it:

- `minutely list --json`, `minutely actions --open --format json` and `minutely search 张伟
  --json` (n/a until `minutely search` exists), output to a file, against `minutely --help`
  (the same interpreter, click and the command line, no work): "warm" with the derived files
  (index, search corpus, series caches) left by the process before, "cold" with them deleted
  first. Time from spawn to exit and the child's peak RSS (`os.wait4`), medians; warm runs
  of each command and of `--help` alternate, so that a busy moment hurts all alike.
- Rebuild from nothing: every derived file deleted, then list, actions and search in turn
  (the first rebuilds the index, reading session files in one process per CPU): total time,
  the largest peak RSS of the three, their CPU seconds (with the reading processes), and
  the size of the index.
- The history screen: `minutely history` spawned in a 160x48 pty, timed until its first row
  (the newest session's date) is on the screen, against the bare Textual app's first frame
  in the same harness (`bench/_pty.py`), runs alternating; then one note search (`/`, then
  张伟 pasted) and the process's VmRSS/VmHWM from /proc.

The last line is for scripts: the goals of issue 10 at the largest size, `key=value` pairs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import as_installed, machine_line, verdict  # noqa: E402
from _history import (  # noqa: E402
    CACHE_ROOT,
    Plan,
    cached_history,
    delete_derived,
    derived_files,
    newest_row_date,
)
from _pty import Terminal, hello_frame, minutely_argv  # noqa: E402

from sessions.datadir import DataDir  # noqa: E402

QUERY = "张伟"
# Goals of issue 10, at 20,000 sessions.
GOAL_VS_HELP = 1.5  # list, actions, search: a new process each, against `minutely --help`
GOAL_ROWS_VS_BARE = 1.5  # history rows visible, against the bare app's first frame
GOAL_REBUILD_S = 30.0
GOAL_REBUILD_MB = 300.0
GOAL_SCREEN_MB = 150.0  # `minutely history` after opening and one search


# A small process that spawns the command and reports its time and peak RSS. The peak comes
# from `wait4`, and a child's peak starts at the RSS of the process that spawned it (the
# address space it was forked or vforked from): spawned from this script, holding parsed
# outputs, `--help` would look as large as they are. From this wrapper, the floor is ~9 MB.
WRAPPER = """
import os, sys, time
out, err, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
actions = [
    (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
    (os.POSIX_SPAWN_OPEN, 1, out, flags, 0o600),
    (os.POSIX_SPAWN_OPEN, 2, err, flags, 0o600),
]
start = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
_, status, usage = os.wait4(pid, 0)
cpu = usage.ru_utime + usage.ru_stime  # with the processes it waited for (a rebuild's readers)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status), cpu)
"""


def run_process(argv: list[str], out: Path) -> tuple[float, float]:
    """Seconds from spawn to exit and the child's peak RSS in MB; standard output to `out`."""
    seconds, mb, _ = run_process_cpu(argv, out)
    return seconds, mb


def run_process_cpu(argv: list[str], out: Path) -> tuple[float, float, float]:
    """`run_process`, and the CPU seconds (user + system) of the child and its own children:
    on a machine shared with other work, the time a rebuild would take alone is about its
    CPU seconds over the CPUs it can use."""
    err = out.with_suffix(".err")
    wrapper = [sys.executable, "-I", "-S", "-c", WRAPPER, str(out), str(err), *argv]
    report = subprocess.run(wrapper, capture_output=True, text=True, check=True).stdout
    seconds, maxrss_kb, code, cpu = report.split()
    if int(code) != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{err.read_text(errors='replace')[-800:]}")
    return float(seconds), int(maxrss_kb) / 1024, float(cpu)


def has_search_command() -> bool:
    done = subprocess.run(minutely_argv("search", "--help"), capture_output=True)
    return done.returncode == 0


def commands(datadir: DataDir, search: bool) -> dict[str, list[str]]:
    data = ("--data-dir", str(datadir.root))
    found = {
        "list": minutely_argv("list", "--json", *data),
        "actions": minutely_argv("actions", "--open", "--format", "json", *data),
    }
    if search:
        found["search"] = minutely_argv("search", QUERY, "--json", *data)
    return found


def median(values: list[float]) -> float:
    return statistics.median(values)


def measure_size(
    sessions: int, runs: int, cold_runs: int, search: bool, scratch: Path, histories: Path
) -> dict[str, float]:
    datadir = cached_history(sessions, histories)
    out = scratch / "out.json"
    argvs = commands(datadir, search)
    figures: dict[str, float] = {"sessions": sessions}

    # Rebuild from nothing, which also leaves every derived file in place for the warm runs;
    # with no cold runs asked for, the derived files as the folder holds them (warm only).
    if cold_runs:
        delete_derived(datadir)
    total, peak, cpu = 0.0, 0.0, 0.0
    for name, argv in argvs.items():
        seconds, rss, used = run_process_cpu(argv, out)
        total, peak, cpu = total + seconds, max(peak, rss), cpu + used
        if name == "list":
            listed = json.loads(out.read_text(encoding="utf-8"))
            assert len(listed) == sessions, f"listed {len(listed)} of {sessions}"
        elif name == "actions":
            figures["open_actions"] = len(json.loads(out.read_text(encoding="utf-8")))
    if cold_runs:
        figures["rebuild_s"], figures["rebuild_mb"], figures["rebuild_cpu_s"] = total, peak, cpu
        figures["index_mb"] = sum(p.stat().st_size for p in derived_files(datadir)) / 2**20
        print(
            f"  rebuild from nothing: {total:.2f} s, peak RSS {peak:.0f} MB, CPU {cpu:.1f} s"
            f" ({os.cpu_count()} CPUs), index {figures['index_mb']:.0f} MB",
            flush=True,
        )

    warm: dict[str, list[tuple[float, float]]] = {name: [] for name in ["help", *argvs]}
    for _ in range(runs):
        warm["help"].append(run_process(minutely_argv("--help"), out))
        for name, argv in argvs.items():
            warm[name].append(run_process(argv, out))
    for name, pairs in warm.items():
        figures[f"{name}_s"] = median([s for s, _ in pairs])
        figures[f"{name}_mb"] = median([m for _, m in pairs])
    for name, argv in argvs.items():
        cold = []
        for _ in range(cold_runs):
            delete_derived(datadir)
            cold.append(run_process(argv, out))
        if cold:
            figures[f"{name}_cold_s"] = median([s for s, _ in cold])
            figures[f"{name}_cold_mb"] = median([m for _, m in cold])
    # Leave the derived files in place for the screen, as any command left them.
    run_process(argvs["list"], out)
    if "search" in argvs:
        run_process(argvs["search"], out)
    for name in argvs:
        cold_text = (
            f", cold {figures[f'{name}_cold_s']:.3f} s ({figures[f'{name}_cold_mb']:.0f} MB)"
            if cold_runs
            else ""
        )
        print(
            f"  {name}: warm {figures[f'{name}_s']:.3f} s ({figures[f'{name}_mb']:.0f} MB)"
            + cold_text,
            flush=True,
        )
    print(f"  --help: {figures['help_s']:.3f} s ({figures['help_mb']:.0f} MB)", flush=True)

    row = newest_row_date(Plan(sessions))
    argv = minutely_argv("history", "--lang", "en", "--data-dir", str(datadir.root))
    bare, rows = [], []
    for _ in range(runs):
        bare.append(hello_frame())
        with Terminal(argv) as term:
            rows.append(term.wait_for(row))
    figures["bare_s"], figures["rows_s"] = median(bare), median(rows)
    with Terminal(argv) as term:
        term.wait_for(row)
        term.send("/")
        term.wait_for("▊  ?")
        began = time.perf_counter()
        term.send(f"\x1b[200~{QUERY}\x1b[201~")  # pasted: one search, not one per character
        term.wait_for(f"?{QUERY}", "matches")
        figures["screen_search_s"] = time.perf_counter() - began
        memory = term.memory()
    figures["screen_rss_mb"], figures["screen_hwm_mb"] = memory["VmRSS"], memory["VmHWM"]
    print(
        f"  history screen: rows {figures['rows_s']:.3f} s, bare app {figures['bare_s']:.3f} s; "
        f"search on screen {figures['screen_search_s']:.3f} s; "
        f"VmRSS {memory['VmRSS']:.0f} MB, VmHWM {memory['VmHWM']:.0f} MB",
        flush=True,
    )
    return figures


def goals_line(figures: dict[str, float], search: bool) -> str:
    pairs = [f"goals_at={int(figures['sessions'])}"]
    for name in ("list", "actions", "search"):
        if name == "search" and not search:
            pairs += ["search_vs_help=n/a", "search_goal=n/a"]
            continue
        ratio = figures[f"{name}_s"] / figures["help_s"]
        pairs += [f"{name}_vs_help={ratio:.2f}", f"{name}_goal={verdict(ratio <= GOAL_VS_HELP)}"]
    ratio = figures["rows_s"] / figures["bare_s"]
    pairs += [f"rows_vs_bare={ratio:.2f}", f"rows_goal={verdict(ratio <= GOAL_ROWS_VS_BARE)}"]
    if "rebuild_s" in figures:
        ok = figures["rebuild_s"] <= GOAL_REBUILD_S and figures["rebuild_mb"] <= GOAL_REBUILD_MB
        pairs += [
            f"rebuild_s={figures['rebuild_s']:.1f}",
            f"rebuild_cpu_s={figures['rebuild_cpu_s']:.1f}",
            f"rebuild_mb={figures['rebuild_mb']:.0f}",
            f"rebuild_goal={verdict(ok)}",
        ]
    else:  # --cold-runs 0: warm figures only
        pairs += ["rebuild_s=n/a", "rebuild_mb=n/a", "rebuild_goal=n/a"]
    pairs += [
        f"screen_rss_mb={figures['screen_rss_mb']:.0f}",
        f"screen_hwm_mb={figures['screen_hwm_mb']:.0f}",
        f"screen_rss_goal={verdict(figures['screen_rss_mb'] < GOAL_SCREEN_MB)}",
    ]
    return " ".join(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="200,2000", help="sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="warm runs (median)")
    parser.add_argument(
        "--cold-runs",
        type=int,
        default=3,
        help="cold runs (median); 0: warm runs only, no rebuild (the derived files kept)",
    )
    parser.add_argument(
        "--histories",
        type=Path,
        default=CACHE_ROOT,
        help="folder of the histories (<n>/sessions), built there when missing; their index"
        " files are deleted and rebuilt",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sessions.split(",")]

    print(f"machine: {machine_line()}; {as_installed()}", flush=True)
    search = has_search_command()
    if not search:
        print("`minutely search` does not exist yet: search is n/a", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="minutely-bench-out-") as tmp:
        for sessions in sizes:
            print(f"{sessions} sessions:", flush=True)
            results.append(
                measure_size(sessions, args.runs, args.cold_runs, search, Path(tmp), args.histories)
            )
    print(f"load at the end: {machine_line().rsplit('load ', 1)[1]}")
    for figures in results:
        print("history " + " ".join(f"{k}={v:.3f}".replace(".000", "") for k, v in figures.items()))
    print(goals_line(results[-1], search))


if __name__ == "__main__":
    main()
