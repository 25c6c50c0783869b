"""-o writes regular files only: devices, FIFOs, sockets and folders are refused, `-o -` is standard output."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from sessions.session import Session
from tui.cli import main


def minutely(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    code = exc.value.code
    return (code if isinstance(code, int) else 1), out, err


AGENDA = "meeting:\n  title: Weekly review\nsections:\n  - title: Numbers\n    duration: 10m\n"


@pytest.fixture
def ended(datadir, agenda, clock) -> str:
    session = Session.start(datadir, agenda, clock)
    session.submit("/a send the deck @Tom")
    clock.advance(600)
    session.end()
    session.close()
    return session.id


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _device(path: Path) -> Path:
    """A character device like /dev/null (its own node: the real one is never at risk here)."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    return path


@pytest.fixture
def special(tmp_path, request):
    kind = request.param
    if kind == "fifo":
        yield _fifo(tmp_path / "pipe")
    elif kind == "device":
        yield _device(tmp_path / "null")
    else:
        path = tmp_path / "sock"
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        try:
            yield path
        finally:
            server.close()


def _same_kind(path: Path, before: int) -> None:
    assert stat.S_IFMT(os.lstat(path).st_mode) == before, "the node was replaced"


COMMANDS = {
    "export": lambda root, sid, agenda: ["export", sid, "--data-dir", root],
    "export html": lambda root, sid, agenda: [
        "export",
        sid,
        "--format",
        "html",
        "--data-dir",
        root,
    ],
    "actions csv": lambda root, sid, agenda: ["actions", "--format", "csv", "--data-dir", root],
    "notice": lambda root, sid, agenda: ["notice", agenda],
}


@pytest.mark.parametrize("special", ["fifo", "device", "socket"], indirect=True)
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("force", [False, True])
def test_o_refuses_a_file_that_is_not_regular(
    capsys, tmp_path, datadir, ended, special, command, force
):
    agenda = tmp_path / "agenda.yaml"
    agenda.write_text(AGENDA, encoding="utf-8")
    before = stat.S_IFMT(os.lstat(special).st_mode)
    args = COMMANDS[command](str(datadir.root), ended, str(agenda))
    code, out, err = minutely(capsys, *args, "-o", str(special), *(["--force"] if force else []))
    assert code == 1
    assert err.strip().splitlines() == [
        f"minutely: {special} is not a regular file; -o writes regular files only"
    ]
    _same_kind(special, before)
    assert [p.name for p in special.parent.iterdir() if ".tmp-" in p.name] == []


@pytest.mark.parametrize("special", ["fifo", "device", "socket"], indirect=True)
def test_new_refuses_a_file_that_is_not_regular(capsys, special):
    before = stat.S_IFMT(before_mode := os.lstat(special).st_mode)
    # A reader on the FIFO, so that a writer would not block but write (and the test fail).
    reader = os.open(special, os.O_RDONLY | os.O_NONBLOCK) if stat.S_ISFIFO(before_mode) else None
    try:
        code, _, err = minutely(capsys, "new", "blank", "-o", str(special), "--force")
    finally:
        if reader is not None:
            os.close(reader)
    assert code == 1
    assert err.strip() == f"minutely: {special} is not a regular file; -o writes regular files only"
    _same_kind(special, before)


def test_o_a_folder_is_refused_in_one_line(capsys, tmp_path, datadir, ended):
    code, _, err = minutely(
        capsys, "export", ended, "--data-dir", str(datadir.root), "-o", str(tmp_path), "--force"
    )
    assert code == 1 and len(err.strip().splitlines()) == 1 and "directory" in err


def test_o_dash_is_standard_output(capsys, tmp_path, datadir, ended, monkeypatch):
    monkeypatch.chdir(tmp_path)
    agenda = tmp_path / "agenda.yaml"
    agenda.write_text(AGENDA, encoding="utf-8")
    code, out, _ = minutely(capsys, "export", ended, "--data-dir", str(datadir.root), "-o", "-")
    assert code == 0 and "send the deck" in out
    code, out, _ = minutely(
        capsys, "actions", "--format", "json", "--data-dir", str(datadir.root), "-o", "-"
    )
    assert code == 0 and "send the deck" in out
    code, out, _ = minutely(capsys, "notice", str(agenda), "-o", "-")
    assert code == 0 and "Weekly review" in out
    assert not (tmp_path / "-").exists()


def test_modes_documents_private_agenda_copies_by_umask(capsys, tmp_path, datadir, ended):
    old = os.umask(0o027)
    try:
        minutes = tmp_path / "minutes.md"
        assert (
            minutely(capsys, "export", ended, "--data-dir", str(datadir.root), "-o", str(minutes))[
                0
            ]
            == 0
        )
        agenda = tmp_path / "agenda.yaml"
        assert minutely(capsys, "new", "blank", "-o", str(agenda))[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(minutes).st_mode) == 0o600  # meeting data: private as the sessions
    assert stat.S_IMODE(os.stat(agenda).st_mode) == 0o640  # an agenda to share: the user's umask
