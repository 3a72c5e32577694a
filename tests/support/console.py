"""HQ's web console for tests: the real application on a real TLS listener (HQ's own server
certificate, on localhost), in a thread of this process, and a client that keeps cookies and
sends each form's CSRF token as a browser would.

`ConsoleClient.sign_in_as(name)` opens a session the way a completed sign-in does
(`console.sessions.new_session`), for tests of what a signed-in person may see and do; the
sign-in ceremonies themselves (passkeys, TOTP, recovery codes) are tested through their pages.
"""

from __future__ import annotations

import asyncio
import re
import socket
import ssl
import threading
from datetime import datetime, timedelta
from typing import Any

import httpx
from aiohttp import web

from safeconf.hq import clock
from safeconf.hq.console import app as console_app
from safeconf.hq.console import sessions
from safeconf.hq.console import web as cweb
from safeconf.hq.server import server_context

CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ConsoleServer:
    """The console of `hq` (tests/hq/hq_harness.HQ) served until `stop()`. `advance(dt)`
    moves the console's clock forward (session idle timeouts, re-authentication)."""

    def __init__(self, hq: Any) -> None:
        self.hq = hq
        self.port = free_port()
        self.origin = f"https://localhost:{self.port}"
        self.offset = timedelta()
        self.settings = cweb.Settings.for_origin(self.origin, now=self.now)
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def now(self) -> datetime:
        return clock.now() + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta

    def start(self) -> ConsoleServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=30)
        return self

    async def _start(self) -> None:
        app = console_app.make_app(self.hq.db, self.settings, data_dir=self.hq.data)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        ctx = server_context(self.hq.data, False)
        await web.TCPSite(self._runner, "127.0.0.1", self.port, ssl_context=ctx).start()

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop.close()

    def client(self) -> ConsoleClient:
        return ConsoleClient(self)


class ConsoleClient:
    """A browser without a screen: cookies kept, redirects not followed (tests look at them),
    and `submit` fetches the form's page first for its CSRF token."""

    def __init__(self, server: ConsoleServer) -> None:
        self.server = server
        trust = ssl.create_default_context(cafile=str(server.hq.data.ca_cert))
        self.http = httpx.Client(base_url=server.origin, verify=trust, follow_redirects=False,
                                 timeout=30)

    def close(self) -> None:
        self.http.close()

    def sign_in_as(self, name: str) -> ConsoleClient:
        made = sessions.new_session(self.server.hq.db, self.server.now(), name)
        # http.cookiejar files a dotless host as HOST.local, as it does cookies set by the server
        self.http.cookies.set(sessions.COOKIE, made.token, domain="localhost.local")
        return self

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.get(path, **kwargs)

    def csrf(self, page: str) -> str:
        answer = self.get(page)
        found = CSRF_RE.search(answer.text)
        assert found, f"no CSRF token on {page} ({answer.status_code})"
        return found.group(1)

    def post(self, path: str, data: dict[str, Any] | None = None, *, csrf: str | None,
             **kwargs: Any) -> httpx.Response:
        fields = dict(data or {})
        if csrf is not None:
            fields["csrf"] = csrf
        return self.http.post(path, data=fields, **kwargs)

    def submit(self, page: str, action: str, data: dict[str, Any] | None = None,
               **kwargs: Any) -> httpx.Response:
        """Open `page`, then send its form to `action` with `data`, as a person would."""
        return self.post(action, data, csrf=self.csrf(page), **kwargs)

    def follow(self, answer: httpx.Response) -> httpx.Response:
        """The page a redirect leads to."""
        assert answer.status_code in (302, 303), answer.status_code
        return self.get(answer.headers["location"])
