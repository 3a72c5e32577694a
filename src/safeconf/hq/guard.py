"""Slow or idle clients cannot take HQ down: every connection has deadlines, and each listener
a cap on how many it holds.

A listener accepts plain TCP and does TLS itself (`loop.start_tls`), so that a connection is
counted from the moment it is accepted — also while its handshake is still under way, which
is where a flood of half-open sockets sits — and released exactly once, however it ends:

- beyond `max_connections` a new connection is closed at once (before any TLS work), and so
  is one beyond `max_per_address` from one source address (0: no such limit), so that a
  single host cannot take every place;
- a TLS handshake must finish within `handshake_timeout`;
- a request's head (request line and headers) must be complete within `header_timeout` of the
  handshake, or of its first byte on a kept-alive connection (a slowloris dribbling one byte
  at a time gains nothing);
- a request must be handled and its answer taken up by the client within `request_timeout`;
- a kept-alive connection with no request is closed after `idle_timeout` (aiohttp's
  `keepalive_timeout`, which also runs from the handshake).

Closed connections are aborted (no TLS goodbye: a hostile peer need not read it).
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Awaitable, Callable

from aiohttp import web

from safeconf.hq.connection_limits import ConnectionLimits

log = logging.getLogger("safeconf.hq")


class Listener:
    """One listener's connections: the count, the cap, and the deadlines of each."""

    def __init__(self, name: str, limits: ConnectionLimits, ssl_context: ssl.SSLContext,
                 make_handler: Callable[[], asyncio.Protocol]) -> None:
        self.name = name
        self.limits = limits
        self.ssl_context = ssl_context
        self.make_handler = make_handler
        self.open = 0
        self.turned_away = 0
        self.by_address: dict[str, int] = {}
        self._by_handler: dict[asyncio.Protocol, _Watched] = {}
        self._upgrades: set[asyncio.Task[None]] = set()

    def accept(self) -> asyncio.Protocol:
        """The protocol factory for `loop.create_server` (plain TCP)."""
        return _Gate(self)

    def watched(self, handler: object) -> _Watched | None:
        return self._by_handler.get(handler)  # type: ignore[call-overload]

    def cancel_handshakes(self) -> None:
        for task in list(self._upgrades):
            task.cancel()


def middleware(listener: Listener) -> Callable[..., Awaitable[web.StreamResponse]]:
    """Marks each request's start and end on its connection, for the deadlines."""

    @web.middleware
    async def guard_middleware(request: web.Request,
                               handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
                               ) -> web.StreamResponse:
        watched = listener.watched(request.protocol)
        if watched is not None:
            watched.request_started()
        try:
            return await handler(request)
        finally:
            if watched is not None:
                watched.request_finished()

    return guard_middleware


class _Gate(asyncio.Protocol):
    """The plain TCP side of one connection: counts it and runs its TLS handshake."""

    def __init__(self, listener: Listener) -> None:
        self.listener = listener
        self.counted = False
        self.address = ""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        listener = self.listener
        assert isinstance(transport, asyncio.Transport)
        if listener.open >= listener.limits.max_connections:
            listener.turned_away += 1
            log.warning("%s listener: connection closed at once, %d connections are open "
                        "(--max-connections)", listener.name, listener.open,
                        extra={"flood_key": (listener.name, "max_connections")})
            transport.abort()
            return
        peer = transport.get_extra_info("peername")
        self.address = str(peer[0]) if isinstance(peer, tuple) and peer else "unknown"
        per_address = listener.limits.max_per_address
        if per_address and listener.by_address.get(self.address, 0) >= per_address:
            listener.turned_away += 1
            log.warning("%s listener: connection closed at once, %d connections are open from "
                        "one address (--max-connections-per-address)", listener.name,
                        per_address, extra={"flood_key": (listener.name, "per_address")})
            transport.abort()
            return
        listener.open += 1
        listener.by_address[self.address] = listener.by_address.get(self.address, 0) + 1
        self.counted = True
        transport.pause_reading()  # nothing is read before TLS takes over
        task = asyncio.get_running_loop().create_task(self._upgrade(transport))
        listener._upgrades.add(task)
        task.add_done_callback(listener._upgrades.discard)

    async def _upgrade(self, transport: asyncio.Transport) -> None:
        listener = self.listener
        watched = _Watched(self)
        try:
            tls = await asyncio.get_running_loop().start_tls(
                transport, watched, listener.ssl_context, server_side=True,
                ssl_handshake_timeout=listener.limits.handshake_timeout)
        except asyncio.CancelledError:
            transport.abort()
            self.release()
            raise
        except Exception as exc:  # whatever it was, this connection is over
            # Timeouts, refused client certificates, garbage: the client hears nothing more.
            why = (f"not finished within {listener.limits.handshake_timeout:g} s"
                   if isinstance(exc, ConnectionAbortedError | TimeoutError)
                   else type(exc).__name__)
            log.warning("%s listener: TLS handshake failed (%s)", listener.name, why,
                        extra={"flood_key": (listener.name, why)})
            transport.abort()
            self.release()
            return
        if tls is None or tls.is_closing():
            self.release()
            return
        watched.attach(listener.make_handler(), tls)

    def connection_lost(self, exc: Exception | None) -> None:
        # Only reached when the peer went away before TLS took the connection over.
        self.release()

    def release(self) -> None:
        if self.counted:
            self.counted = False
            listener = self.listener
            listener.open -= 1
            left = listener.by_address.get(self.address, 1) - 1
            if left > 0:
                listener.by_address[self.address] = left
            else:
                listener.by_address.pop(self.address, None)


class _Watched(asyncio.Protocol):
    """The TLS side: hands everything to aiohttp's handler and keeps the deadlines."""

    def __init__(self, gate: _Gate) -> None:
        self.gate = gate
        self.handler: asyncio.Protocol | None = None
        self.transport: asyncio.Transport | None = None
        self.busy = False
        self._head_timer: asyncio.TimerHandle | None = None
        self._request_timer: asyncio.TimerHandle | None = None
        # TLS may hand over the first bytes before start_tls has returned to the gate.
        self._early: list[bytes] = []

    def attach(self, handler: asyncio.Protocol, transport: asyncio.Transport) -> None:
        self.handler = handler
        self.transport = transport
        self.gate.listener._by_handler[handler] = self
        handler.connection_made(transport)
        self._arm_head()
        early, self._early = self._early, []
        for data in early:
            handler.data_received(data)

    def _arm_head(self) -> None:
        limit = self.gate.listener.limits.header_timeout
        self._head_timer = asyncio.get_running_loop().call_later(
            limit, self._expire, f"no complete request head within {limit:g} s")

    def _cancel(self) -> None:
        for timer in (self._head_timer, self._request_timer):
            if timer is not None:
                timer.cancel()
        self._head_timer = self._request_timer = None

    def _expire(self, why: str) -> None:
        if self.transport is not None and not self.transport.is_closing():
            log.warning("%s listener: connection closed: %s", self.gate.listener.name, why,
                        extra={"flood_key": (self.gate.listener.name, why)})
            self.transport.abort()

    def _request_deadline(self) -> None:
        self._request_timer = None
        transport = self.transport
        # Still handling, or the answer is still waiting for a client that does not read.
        if transport is not None and (self.busy or transport.get_write_buffer_size() > 0):
            self._expire("request not finished within "
                         f"{self.gate.listener.limits.request_timeout:g} s")

    def request_started(self) -> None:
        self.busy = True
        self._cancel()
        self._request_timer = asyncio.get_running_loop().call_later(
            self.gate.listener.limits.request_timeout, self._request_deadline)

    def request_finished(self) -> None:
        self.busy = False  # the request timer stays: the answer must still be taken up

    def data_received(self, data: bytes) -> None:
        if self.handler is None:
            self._early.append(data)
            return
        if not self.busy and self._head_timer is None:
            self._arm_head()  # the first byte of a new request starts its head's deadline
        self.handler.data_received(data)

    def eof_received(self) -> bool | None:
        return self.handler.eof_received() if self.handler is not None else None

    def pause_writing(self) -> None:
        if self.handler is not None:
            self.handler.pause_writing()

    def resume_writing(self) -> None:
        if self.handler is not None:
            self.handler.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel()
        self.gate.release()
        if self.handler is not None:
            self.gate.listener._by_handler.pop(self.handler, None)
            self.handler.connection_lost(exc)
            self.handler = None


class GuardedSite(web.BaseSite):
    """A TCP site whose connections go through a `Listener` (see the module docstring)."""

    def __init__(self, runner: web.BaseRunner, host: str, port: int,
                 listener: Listener, backlog: int = 128) -> None:
        super().__init__(runner, backlog=backlog)
        self._host = host
        self._port = port
        self.listener = listener

    @property
    def name(self) -> str:
        return f"https://{self._host}:{self._port}"

    async def start(self) -> None:
        await super().start()
        self._server = await asyncio.get_running_loop().create_server(
            self.listener.accept, self._host, self._port, backlog=self._backlog,
            reuse_address=True)

    async def stop(self) -> None:
        await super().stop()
        self.listener.cancel_handshakes()
