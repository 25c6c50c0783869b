"""A session writer run as a child process by the reliability tests (imports only the core).

    python tests/reliability/_writer.py start DATA       start a session, print its id, exit
    python tests/reliability/_writer.py write DATA ID    resume ID and capture items forever,
                                                         printing each id once it is on disk
    python tests/reliability/_writer.py hold DATA ID     resume ID, print "ready", wait for stdin
    python tests/reliability/_writer.py resume DATA ID   resume ID once, print "resumed", exit
    python tests/reliability/_writer.py fork DATA ID     for each line on stdin, fork a child that
                                                         does what `write` does: print "pid PID",
                                                         let the child print its ids, and once it
                                                         has died print "exit STATUS"

`fork` imports once for many writers: a child starts in milliseconds, not in the fraction of a
second a new interpreter takes, and is as much a process of its own to kill.

A refused open prints one line on stderr and exits 1, as the command line does.
"""

from __future__ import annotations

import os
import sys
import traceback

from agendas.model import Agenda, Meeting, Participant, Section, SectionKind
from sessions.clock import SystemClock
from sessions.datadir import DataDir
from sessions.disk import StoreError
from sessions.session import Session, SessionError

LINES = (
    "{n} 华东区本月回款率 92%，比上月高 3 个点",
    "/a {n} 跟进 A 客户的年度框架报价 @张伟 due:+3d | 客户书面确认",
    "/d {n} 12 月主推新品组合，价格不降",
    "{n} Tom: the distributor in Suzhou wants a longer credit term",
    "/q {n} 竞品的返点政策到底是多少？",
    "/a {n} send the revised forecast to finance @Tom due:fri",
)


def agenda() -> Agenda:
    return Agenda(
        meeting=Meeting(title="可靠性测试 reliability run", series="reliability", language="zh"),
        participants=(
            Participant("王磊", "facilitator"),
            Participant("张伟", "sales"),
            Participant("Tom Baker", "sales"),
        ),
        sections=(Section("回顾", 600, SectionKind.DISCUSSION), Section("目标", 600)),
    )


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def fork_writers(data: str, session_id: str) -> int:
    while sys.stdin.readline():
        go_read, go_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: wait until its pid is out, then write until it is killed
            os.close(go_write)
            os.read(go_read, 1)
            try:
                code = main(["write", data, session_id])
            except BaseException:
                traceback.print_exc()
                code = 1
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        os.close(go_read)
        say(f"pid {pid}")
        os.write(go_write, b"!")
        os.close(go_write)
        _, status = os.waitpid(pid, 0)
        say(f"exit {os.waitstatus_to_exitcode(status)}")
    return 0


def main(argv: list[str]) -> int:
    if argv[0] == "fork":
        return fork_writers(argv[1], argv[2])
    mode, data = argv[0], DataDir(argv[1])
    clock = SystemClock()
    try:
        if mode == "start":
            session = Session.start(data, agenda(), clock)
            say(session.id)
            session.close()
            return 0
        session = Session.resume(data, argv[2], clock)
    except (SessionError, StoreError) as exc:
        sys.stderr.write(f"minutely: {exc}\n")
        return 1
    if mode == "resume":
        say("resumed")
        session.close()
        return 0
    if mode == "hold":
        say("ready")
        sys.stdin.read()
        session.close()
        return 0
    n = 0
    while True:
        n += 1
        outcome = session.submit(LINES[n % len(LINES)].format(n=n))
        assert outcome is not None and outcome.item is not None
        say(str(outcome.item.id))  # only now: the item is on disk


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
