"""`minutely serve`: the room display over HTTP and a websocket, refused without the token."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time

import aiohttp
import pytest

from sessions.i18n import t
from sessions.session import Session
from tui.serve import display_command, is_loopback, url_for

TOKEN = "s3cret-token"
ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live(datadir, agenda, clock):
    session = Session.start(datadir, agenda, clock, lang="zh")
    yield session
    session.close()


@pytest.fixture
def server(datadir, live):
    """`minutely serve --port N --token T` in its own process group, stopped whatever happens."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "serve", "--port", str(port), "--token", TOKEN]
        + ["--data-dir", str(datadir.root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate(timeout=15)


async def get(http: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    async with http.get(url) as response:
        return response.status, await response.text()


async def until_up(http: aiohttp.ClientSession, base: str, process, deadline: float) -> None:
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate(timeout=5)
        try:
            await get(http, f"{base}/")
            return
        except aiohttp.ClientConnectionError:
            await asyncio.sleep(0.05)
    pytest.fail("the server did not start")


async def test_the_display_is_served_with_the_token_and_refused_without(server, live):
    base, process = server
    deadline = time.monotonic() + 60
    timeout = aiohttp.ClientTimeout(total=60)
    # A browser keeps cookies for an address like 127.0.0.1; aiohttp only when told to.
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(timeout=timeout, cookie_jar=jar) as http:
        await until_up(http, base, process, deadline)
        status, page = await get(http, f"{base}/?token={TOKEN}")
        assert status == 200
        assert "Minutely" in page
        assert f"ws://127.0.0.1:{base.rsplit(':', 1)[1]}/ws" in page
        # The page set the cookie its scripts and websocket are then let in with.
        assert (await get(http, f"{base}/static/js/textual.js"))[0] == 200

    async with aiohttp.ClientSession(timeout=timeout) as stranger:
        for path in ("/", "/?token=wrong", "/static/js/textual.js", "/ws?width=80&height=24"):
            status, text = await get(stranger, base + path)
            assert status == 403, path
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await stranger.ws_connect(f"{base}/ws?width=80&height=24")
        assert refused.value.status == 403

        title = live.state.agenda.meeting.title
        url = f"{base}/ws?token={TOKEN}&width=120&height=36"
        shown = ""
        async with stranger.ws_connect(url) as ws:
            received = b""
            while title not in shown:
                assert time.monotonic() < deadline, shown[-2000:]
                try:
                    message = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
                except TimeoutError:
                    continue
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += message.data
                    shown = ANSI.sub("", received.decode("utf-8", errors="ignore"))
                elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    pytest.fail(f"the display ended: {shown[-2000:]}")
    assert process.poll() is None  # the server serves on


def test_the_served_command_is_the_display_of_the_same_data(datadir):
    command = display_command(datadir, "20261201-0900", "zh")
    assert command.split()[2:5] == ["tui.cli", "display", "20261201-0900"]
    assert f"--data-dir {datadir.root.resolve()}" in command and command.endswith("--lang zh")
    assert "; rm" not in display_command(datadir, "x; rm -rf ~", None).replace("'x; rm", "")


def test_loopback_and_the_printed_address():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20")
    assert url_for("127.0.0.1", 8000, None) == "http://127.0.0.1:8000/"
    assert url_for("192.168.1.20", 8123, "a b") == "http://192.168.1.20:8123/?token=a%20b"
    wildcard = url_for("0.0.0.0", 8000, "t")
    assert "0.0.0.0" not in wildcard and wildcard.endswith(":8000/?token=t")


async def test_the_served_display_offers_nothing_that_opens_another_screen(datadir, live, clock):
    from tui.app import make_app
    from tui.screens.display import DisplayScreen
    from tui.start import Display

    app = make_app(datadir, Display(live.id), clock=clock, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DisplayScreen)
        # The palette holds quitting and nothing else.
        assert [c.title for c in app.get_system_commands(screen)] == [t("palette.quit", "en")]
        actions = {b.binding.action for b in screen.active_bindings.values()}
        harmless = {"app.quit", "quit", "help", "command_palette", "screen.copy_text"}
        assert actions <= harmless | {"app.focus_next", "app.focus_previous"}
        for key in ("f1", "f2", "f9", "a", "h", "n", "enter", "tab", "ctrl+s"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen and len(app.screen_stack) == 2, key


def test_a_taken_port_is_one_line_before_any_address_is_printed(datadir, live, capsys):
    from tui.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as done:
            main(["serve", "--port", str(port), "--data-dir", str(datadir.root)])
    out, err = capsys.readouterr()
    assert done.value.code == 1
    assert out == ""
    assert err.splitlines() == [
        f"minutely: cannot serve on 127.0.0.1:{port}: Address already in use"
    ]
