"""What the benchmarks share besides the history: the machine they ran on, the lines they capture."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PACKAGES = ("agendas", "sessions", "tui", "widgets")

# One of each kind of capture line, as a facilitator types them (mixed languages, owners, dues).
CAPTURE_LINES = (
    "华东区本月回款率 92%，比上月高 3 个点",
    "/a 跟进 A 客户的年度框架报价 @张伟 due:+3d | 客户书面确认",
    "/d 12 月主推新品组合，价格不降",
    "Tom: the Suzhou distributor wants a longer credit term",
    "/q 竞品的返点政策到底是多少？",
    "/a 整理逾期回款清单 @陈静 due:周五",
    "新品在商超渠道的铺货率只有 63%",
    "/i 试试在公众号做一次限时团购",
    "/k @刘洋 主动帮新人跑客户",
    "/p 年会场地下次再议",
)


def verdict(ok: bool) -> str:
    """A goal on a benchmark's last line: one `key=value` word, `met` or `not_met`."""
    return "met" if ok else "not_met"


def machine() -> dict[str, str]:
    """The facts a figure needs beside it: kernel, CPUs, Python, and the load right now."""
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    uname = subprocess.run(["uname", "-a"], capture_output=True, text=True).stdout.strip()
    return {
        "uname": uname or platform.platform(),
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def machine_line(host: dict[str, str] | None = None) -> str:
    """The machine facts on one line, as docs/performance.md quotes them."""
    host = host or machine()
    return (
        f"{host['uname']}; nproc={host['nproc']}; CPU: {host['cpu']}; "
        f"Python {host['python']}; load {host['load']}"
    )


def as_installed() -> str:
    """Make the `minutely` processes a benchmark starts run as a user's install does.

    An install has the project's modules byte-compiled (`.pyc`); an editable checkout run with
    `PYTHONDONTWRITEBYTECODE=1` (as some machines set it) compiles every module from source in
    every process, which the user never pays. So: byte-compile the project once, and take the
    variable out of the environment the child processes inherit. Returns what was done, for
    the report's header.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", *PACKAGES], cwd=PROJECT, check=True)
    dropped = os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None
    return "project byte-compiled" + ("; PYTHONDONTWRITEBYTECODE removed" if dropped else "")
