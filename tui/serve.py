"""`minutely serve`: the read-only room display in a web browser, behind a token off this machine.

textual-serve runs `minutely display` in a child process for every browser that connects
and relays its terminal over a websocket. Only that command is served: the display has no
key and no palette entry that opens another screen or writes anything.

Every request (the page, its scripts and fonts, the websocket) needs the token when there
is one: in the address (`?token=…`), or in the cookie the page sets once it was opened with
it. The cookie is needed because the page's script builds the websocket address itself and
adds its own query (`?width=…&height=…`), where a token would not survive.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import shlex
import socket
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

import click
from aiohttp import web
from textual_serve.server import Server

from agendas.text import strip_control
from sessions.datadir import DataDir
from sessions.i18n import resolve_lang, t
from tui.launch import latest_for_display

COOKIE = "minutely_token"
LOOPBACK_NAMES = ("localhost", "ip6-localhost")


@dataclass(frozen=True)
class Served:
    """What `minutely serve` was asked for."""

    session: str | None  # None: the latest live session, followed as the display does
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    lang: str | None = None


def is_loopback(host: str) -> bool:
    """Only this machine can reach an address on the loopback interface."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def display_command(datadir: DataDir, session: str | None, lang: str | None) -> str:
    """The shell command textual-serve runs per browser: the room display of the same data."""
    args = [sys.executable, "-m", "tui.cli", "display"]
    if session is not None:
        args.append(session)
    args += ["--data-dir", str(Path(datadir.root).resolve())]
    if lang is not None:
        args += ["--lang", lang]
    return shlex.join(args)


def token_check(token: str) -> Callable[..., Awaitable[web.StreamResponse]]:
    """A middleware that refuses (403) every request without the token."""

    @web.middleware
    async def require_token(
        request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        given = request.query.get("token") or request.cookies.get(COOKIE) or ""
        if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
            raise web.HTTPForbidden(text="minutely: this display needs its token in the address\n")
        response = await handler(request)
        if request.path == "/" and not response.prepared:
            response.set_cookie(COOKIE, token, httponly=True, samesite="Strict")
        return response

    return require_token


class DisplayServer(Server):
    """textual-serve's server with the token check and addresses as the browser reached it."""

    def __init__(self, command: str, host: str, port: int, token: str | None, title: str) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.token = token
        self.announce: Callable[[], None] = lambda: None

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        if self.token is not None:
            app.middlewares.append(token_check(self.token))
        return app

    async def handle_index(self, request: web.Request) -> Any:
        # The page names the websocket by an absolute address: the one the browser used, not
        # the address listened on (0.0.0.0 is nowhere a projector's browser can go).
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    async def on_startup(self, app: web.Application) -> None:
        self.announce()


def reachable_address(host: str) -> str:
    """An address others on the network can use for `host` (a wildcard gives this machine's)."""
    if host not in ("0.0.0.0", "::", ""):
        return host
    family = socket.AF_INET6 if host == "::" else socket.AF_INET
    probe = "2001:db8::1" if family == socket.AF_INET6 else "192.0.2.1"
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            s.connect((probe, 9))  # no packet is sent: this picks the outgoing interface
            return str(s.getsockname()[0])
    except OSError:
        return socket.gethostname()


def url_for(host: str, port: int, token: str | None) -> str:
    address = reachable_address(host)
    if ":" in address:
        address = f"[{address}]"
    query = f"/?token={quote(token)}" if token else "/"
    return f"http://{address}:{port}{query}"


def check_free(host: str, port: int) -> None:
    """Say now, before any address is printed, that the port is taken or the address is not ours."""
    try:
        found = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM)
        family, kind, proto, _name, where = found[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(where)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise click.ClickException(f"cannot serve on {host}:{port}: {reason}") from None


def print_qr(url: str, out: TextIO) -> None:
    """The address as a QR code drawn with block characters, for a phone or a tablet."""
    import qrcode  # lazy: start-up

    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_L)
    code.add_data(url)
    code.make(fit=True)
    code.print_ascii(out=out, invert=True)


def serve(datadir: DataDir, asked: Served, out: TextIO | None = None) -> int:
    """Serve the room display until interrupted; prints the address (and a QR code off loopback)."""
    out = out if out is not None else sys.stdout
    # Problems show here, in the terminal, rather than in a browser that cannot reconnect.
    session_id = datadir.resolve(asked.session) if asked.session else latest_for_display(datadir)
    language = resolve_lang(asked.lang, datadir.read(session_id).meta.get("lang"))
    check_free(asked.host, asked.port)
    local = is_loopback(asked.host)
    token = asked.token or (None if local else secrets.token_urlsafe(16))
    url = url_for(asked.host, asked.port, token)
    command = display_command(datadir, asked.session, asked.lang)
    server = DisplayServer(command, asked.host, asked.port, token, t("serve.title", language))

    def announce() -> None:
        out.write(t("serve.url", language, url=strip_control(url)) + "\n")
        if not local:
            print_qr(url, out)
        out.write(t("serve.stop", language) + "\n")
        out.flush()

    server.announce = announce
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not this machine's
        reason = exc.strerror or str(exc)
        raise click.ClickException(f"cannot serve on {asked.host}:{asked.port}: {reason}") from None
    return 0
