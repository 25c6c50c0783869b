"""Idle CPU of the live screen: a 60-minute meeting open in a real terminal, nobody typing.

Runs `minutely run --template monthly-sales --now` in a new pty at 120x36, waits for the first
frame of the live screen, lets it settle, then reads the process's CPU time (user + system,
from /proc/PID/stat) over a measuring window while the terminal output is drained. The last
line is `key=value` pairs, with the goal and whether it was met.

    python bench/idle_cpu.py [--seconds 10] [--runs 3]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import as_installed, machine_line, verdict  # noqa: E402

COLUMNS, LINES = 120, 36
TIMEOUT = 60.0
SETTLE = 1.0
GOAL_PERCENT = 5.0
MARKER = "Capture"  # the capture bar's title: the live screen is drawn
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>NOPMc78]")
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of `pid` so far (fields 14 and 15 of /proc/PID/stat)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def drain(master: int, until: float, seen: bytearray | None = None) -> None:
    """Read what the app writes until `until` (a terminal that is not read blocks the app)."""
    while (left := until - time.perf_counter()) > 0:
        if select.select([master], [], [], min(left, 0.1))[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if seen is not None:
                seen += chunk


def idle_run(minutely: str, seconds: float) -> float:
    """Percent of one CPU the live screen used over `seconds` with nothing happening."""
    data_dir = tempfile.mkdtemp(prefix="minutely-idle-")
    argv = [minutely, "run", "--template", "monthly-sales", "--now", "--lang", "en"]
    argv += ["--data-dir", data_dir]
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)}
    env.pop("TEXTUAL", None)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    try:
        seen = bytearray()
        start = time.perf_counter()
        while MARKER not in ANSI.sub("", seen.decode("utf-8", "replace")):
            if time.perf_counter() - start > TIMEOUT or proc.poll() is not None:
                tail = ANSI.sub("", seen.decode("utf-8", "replace"))[-600:]
                raise SystemExit(f"no live screen within {TIMEOUT:.0f}s:\n{tail}")
            drain(master, time.perf_counter() + 0.1, seen)
        drain(master, time.perf_counter() + SETTLE)
        cpu_before, wall_before = cpu_seconds(proc.pid), time.perf_counter()
        drain(master, wall_before + seconds)
        cpu_after, wall_after = cpu_seconds(proc.pid), time.perf_counter()
        return 100 * (cpu_after - cpu_before) / (wall_after - wall_before)
    finally:
        proc.send_signal(signal.SIGTERM)
        deadline = time.perf_counter() + 10
        while proc.poll() is None and time.perf_counter() < deadline:
            drain(master, time.perf_counter() + 0.1)
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(master)
        shutil.rmtree(data_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    minutely = shutil.which("minutely", path=str(Path(sys.executable).parent)) or "minutely"
    print(f"{machine_line()}; {as_installed()}", flush=True)
    figures = []
    for run in range(1, args.runs + 1):
        percent = idle_run(minutely, args.seconds)
        figures.append(percent)
        print(f"run {run}: {percent:.1f} % of one CPU over {args.seconds:.0f} s")
    median = sorted(figures)[len(figures) // 2]
    met = verdict(median <= GOAL_PERCENT)
    print(
        f"idle_cpu_percent={median:.1f} min={min(figures):.1f} max={max(figures):.1f} "
        f"runs={len(figures)} seconds={args.seconds:.0f} goal<={GOAL_PERCENT:.0f} goal={met}"
    )


if __name__ == "__main__":
    main()
