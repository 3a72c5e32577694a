"""The HQ server (aiohttp): the mutual-TLS sync listener and the server-auth enrollment listener.

aiohttp is used because it hands the verified client certificate to the application; the
device is looked up by that certificate's fingerprint on every request, so any number of
server processes can share one database and a revocation takes effect on the next request.
Database work runs in a thread pool; the server keeps no session state.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
import os
import ssl
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from aiohttp import web

from safeconf.hq import body as bodies
from safeconf.hq import clock, guard, logflood
from safeconf.hq.connection_limits import (
    DEFAULT_ENROLL_MAX_CONNECTIONS,
    DEFAULT_ENROLL_MAX_PER_ADDRESS,
    ConnectionLimits,
)
from safeconf.hq.datadir import DataDir
from safeconf.hq.db import Database
from safeconf.hq.errors import HQError, bad_request
from safeconf.hq.pki import devices, enrollment, escrow_store, peercert
from safeconf.hq.pki.ca import (
    CertificateAuthority,
    CertificateRequestInvalid,
    cert_pem,
    fingerprint_der,
    load_csr,
)
from safeconf.hq.pki.devices import Device
from safeconf.hq.sync import pull, push, pushparse, seen

if TYPE_CHECKING:
    from safeconf.hq.notify_cli import NotifierSettings

log = logging.getLogger("safeconf.hq")

MAX_BODY = 8 * 1024 * 1024  # decompressed, and compressed too (docs/sync-protocol.md §1)
ENROLL_MAX_BODY = 64 * 1024
T = TypeVar("T")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# Test-only fault injection: "phase:n" makes this process exit abruptly at `phase` of its
# n-th push (phases: received, before_commit, after_commit). Never set it in production.
CRASH_ENV = "SAFECONF_HQ_TEST_CRASH"
CRASH_PHASES = ("received", "before_commit", "after_commit")


@dataclass
class HQ:
    db: Database
    ca: CertificateAuthority
    retention: timedelta
    executor: ThreadPoolExecutor
    enroll_rate_limit: int = enrollment.RATE_LIMIT
    crash_at: tuple[str, int] | None = None
    pushes_seen: int = field(default=0)
    # Handed to laptops at enrollment over the CA-pinned channel; None: no escrow at this HQ.
    recovery_public_pem: str | None = None

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args))

    def maybe_crash(self, phase: str, push_number: int) -> None:
        if self.crash_at == (phase, push_number):
            log.warning("test fault injection: exiting at %s of push %d", phase, push_number)
            os._exit(70)


HQ_KEY = web.AppKey("hq", HQ)
DEVICE_KEY = web.RequestKey("device", Device)


def parse_crash_env(value: str | None) -> tuple[str, int] | None:
    if not value:
        return None
    phase, _, number = value.partition(":")
    if phase not in CRASH_PHASES or not number.isdigit():
        raise ValueError(f"{CRASH_ENV} must be PHASE:N with PHASE one of {CRASH_PHASES}")
    return phase, int(number)


def _json(body: Any, status: int = 200) -> web.Response:
    return web.json_response(body, status=status)


def _error(status: int, code: str, message: str, **extra: Any) -> web.Response:
    return _json({"error": code, "message": message, **extra}, status)


_HTTP_CODES = {
    404: ("not_found", "HQ has no such address."),
    405: ("method_not_allowed", "That method is not allowed here."),
    413: ("too_large", "The request is too large for HQ; send smaller batches."),
}


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every refusal is `{"error": code, "message": sentence}`; details stay in HQ's log."""
    try:
        return await handler(request)
    except HQError as exc:
        device = request.get(DEVICE_KEY)
        # Keyed by code: a device repeating one mistake gives a line and a count (logflood).
        log.warning("refused %s %s: %d %s device=%s", request.method, _route(request),
                    exc.status, exc.code, device.device_id if device else "-",
                    extra={"flood_key": exc.code})
        return _json(exc.body(), exc.status)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        code, message = _HTTP_CODES.get(exc.status, ("http_error", exc.reason))
        return _error(exc.status, code, message)
    except ConnectionResetError:
        # The client went, or HQ cut it off (guard.py logged why): this answer goes nowhere,
        # and aiohttp drops it quietly (re-raising would log a traceback per connection).
        return _error(408, "request_timeout", "The request did not arrive in time.")
    except Exception:
        # No request content in the log: records hold names and note text.
        log.exception("internal error on %s %s", request.method, _route(request))
        return _error(500, "internal", "HQ had an internal problem; try again later.")


def _route(request: web.Request) -> str:
    """The route's own path, never the client's text (which could forge log lines)."""
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "(no route)"


@web.middleware
async def device_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Identify the device from its verified certificate alone, on every request."""
    transport = request.transport
    ssl_object = transport.get_extra_info("ssl_object") if transport is not None else None
    der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
    if not der:
        raise HQError(401, "no_certificate", "This device did not present its certificate.")
    # Also on a reused connection or a resumed TLS session, where OpenSSL checks nothing.
    refusal = peercert.validity_refusal(der, clock.now())
    if refusal is not None:
        raise refusal
    hq = request.app[HQ_KEY]
    device = await hq.run(devices.by_fingerprint, hq.db, fingerprint_der(der))
    if device is None:
        raise HQError(401, "unknown_device", "This device is not enrolled with HQ.")
    if device.status == "replaced":
        # Same code as a revocation so every client stops; the sentence says what happened.
        raise HQError(403, "revoked", "This laptop was enrolled again; its old certificate no "
                      "longer works.", wipe=False)
    if not device.active:
        raise HQError(403, "revoked", "This device has been revoked by HQ.", wipe=device.wipe)
    request[DEVICE_KEY] = device
    return await handler(request)


async def handle_push(request: web.Request) -> web.Response:
    hq = request.app[HQ_KEY]
    device = request[DEVICE_KEY]
    hq.pushes_seen += 1
    number = hq.pushes_seen
    body = await bodies.read_body(request, MAX_BODY)
    hq.maybe_crash("received", number)

    def work() -> dict[str, Any]:
        batch = pushparse.parse_push(pushparse.parse_json(body))
        answer = push.apply_push(hq.db, device, batch,
                                 lambda: hq.maybe_crash("before_commit", number),
                                 ca_pem=cert_pem(hq.ca.cert))
        log.info("push device=%s batch=%s items=%d acked=%s conflicts=%d", device.device_id,
                 batch.batch_id, len(batch.items), answer["acked_seq"], len(answer["conflicts"]))
        return answer

    answer = await hq.run(work)
    hq.maybe_crash("after_commit", number)
    return _json(answer)


async def handle_pull(request: web.Request) -> web.Response:
    hq = request.app[HQ_KEY]
    device = request[DEVICE_KEY]
    query = pull.parse_query(request.query.get("cursor"), request.query.get("limit"))
    body = await hq.run(pull.pull_page, hq.db, device, query, hq.retention)
    await hq.run(seen.record_seen, hq.db, device.device_id, query.cursor)
    if device.last_sync is None or device.last_sync < clock.iso(
            clock.now() - timedelta(seconds=30)):
        await hq.run(_touch, hq.db, device.device_id)
    return web.Response(body=body, content_type="application/json")


def _touch(db: Database, device_id: str) -> None:
    with db.write() as conn:
        devices.touch(conn, device_id)


async def handle_status(request: web.Request) -> web.Response:
    device = request[DEVICE_KEY]
    return _json({
        "device_id": device.device_id,
        "worker_id": device.worker_id,
        "not_after": device.not_after,
        "status": device.status,
        "wipe": device.wipe,
        "server_time": clock.iso(clock.now()),
    })


async def handle_renew(request: web.Request) -> web.Response:
    hq = request.app[HQ_KEY]
    device = request[DEVICE_KEY]
    body = pushparse.parse_json(await bodies.read_body(request, MAX_BODY))
    if not isinstance(body, dict) or set(body) != {"protocol", "csr_pem"}:
        raise bad_request("A renewal has exactly: protocol, csr_pem.")
    if body["protocol"] != pushparse.PROTOCOL:
        raise HQError(400, "protocol", "This HQ speaks sync protocol 1.")
    try:
        csr = load_csr(body["csr_pem"])
    except CertificateRequestInvalid as exc:
        raise HQError(400, "csr_invalid", str(exc)) from exc
    cert = await hq.run(devices.renew, hq.db, hq.ca, device, csr)
    log.info("renewed certificate for device=%s", device.device_id)
    return _json({"certificate_pem": cert})


async def handle_escrow(request: web.Request) -> web.Response:
    hq = request.app[HQ_KEY]
    device = request[DEVICE_KEY]
    if (request.content_length or 0) > escrow_store.MAX_REQUEST:
        raise HQError(413, "too_large", "An escrow copy is far smaller than this.")
    body = await bodies.read_body(request, escrow_store.MAX_REQUEST)
    blob = escrow_store.parse_upload(body, hq.recovery_public_pem)
    await hq.run(escrow_store.store, hq.db, device.device_id, blob)
    log.info("escrow copy stored for device=%s", device.device_id)
    return _json({"stored": True})


async def handle_ca(request: web.Request) -> web.Response:
    return _json({"ca_pem": cert_pem(request.app[HQ_KEY].ca.cert)})


async def handle_enroll(request: web.Request) -> web.Response:
    hq = request.app[HQ_KEY]
    source = request.remote or "unknown"
    await hq.run(enrollment.check_rate, hq.db, source, hq.enroll_rate_limit)
    # Enrollment stays plain: its bodies are small, and it is the first thing a laptop of
    # any version says to an HQ of any version.
    body = await bodies.read_body(request, ENROLL_MAX_BODY, zstd=False)

    def work() -> dict[str, Any]:
        parsed = enrollment.parse_request(pushparse.parse_json(body))
        answer = enrollment.enroll(hq.db, hq.ca, parsed)
        if hq.recovery_public_pem is not None:
            # This answer travels over TLS the laptop pinned to HQ's CA: that is what makes
            # the recovery key trustworthy to it.
            answer["recovery_public_key_pem"] = hq.recovery_public_pem
        return answer

    answer = await hq.run(work)
    if "replaces" in answer:
        log.info("enrolled device=%s replacing device=%s", answer["device_id"],
                 answer["replaces"])
    else:
        log.info("enrolled device=%s", answer["device_id"])
    return _json(answer)


def sync_app(hq: HQ) -> web.Application:
    # Outermost, the answer compression: it also compresses the refusals error_middleware
    # writes (only large ones are worth it).
    app = web.Application(client_max_size=MAX_BODY,
                          middlewares=[bodies.compressing_middleware(hq.run), error_middleware,
                                       device_middleware])
    app[HQ_KEY] = hq
    app.router.add_post("/v1/push", handle_push)
    app.router.add_get("/v1/pull", handle_pull)
    app.router.add_get("/v1/status", handle_status)
    app.router.add_post("/v1/renew", handle_renew)
    app.router.add_post("/v1/escrow", handle_escrow)
    return app


def enroll_app(hq: HQ) -> web.Application:
    app = web.Application(client_max_size=ENROLL_MAX_BODY, middlewares=[error_middleware])
    app[HQ_KEY] = hq
    app.router.add_get("/v1/ca", handle_ca)
    app.router.add_post("/v1/enroll", handle_enroll)
    return app


@dataclass(frozen=True)
class ConsoleOptions:
    """The web console's listener: its port (-1: the sync port + 2; 0: any free port), the
    agency's own certificate for it (default: HQ's server certificate) and the origin the
    browsers use (default: https://HOST:PORT, HOST a name the certificate holds)."""
    port: int = -1
    cert: Path | None = None
    key: Path | None = None
    origin: str | None = None
    limits: ConnectionLimits = field(default_factory=ConnectionLimits)
    idle: timedelta = timedelta(minutes=15)  # a session unused this long ends


def server_context(data_dir: DataDir, require_client_cert: bool,
                   cert: Path | None = None, key: Path | None = None) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.load_cert_chain(cert or data_dir.server_cert, key or data_dir.server_key)
    if require_client_cert:
        ctx.load_verify_locations(cafile=data_dir.ca_cert)  # HQ's CA only
        ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def _url(host: str, port: int) -> str:
    return f"https://[{host}]:{port}" if ":" in host else f"https://{host}:{port}"


async def serve(data_dir: DataDir, db: Database, host: str, port: int, enroll_port: int,
                retention: timedelta, announce: Callable[[str], None],
                enroll_rate_limit: int = enrollment.RATE_LIMIT,
                limits: ConnectionLimits | None = None,
                enroll_limits: ConnectionLimits | None = None,
                log_repeat_window: float = logflood.DEFAULT_WINDOW_S,
                notifier: NotifierSettings | None = None,
                console: ConsoleOptions | None = None) -> None:
    """Run the listeners until SIGTERM or SIGINT; `announce` gets the "listening" line."""
    import signal

    handlers = logging.getLogger().handlers
    repeats = logflood.install(handlers, log_repeat_window)
    crash_at = parse_crash_env(os.environ.get(CRASH_ENV))
    if crash_at:
        log.warning("%s is set: this server will exit on purpose (tests only)", CRASH_ENV)
    executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="hq-db")
    hq = HQ(db, data_dir.load_ca(), retention, executor, enroll_rate_limit, crash_at,
            recovery_public_pem=data_dir.recovery_public_pem())
    if hq.recovery_public_pem is None:
        log.warning("no recovery key in %s: laptops enrolled now get no escrow copy; run "
                    "`safeconf-hq init-recovery`", data_dir.path)
    sync_limits = limits or ConnectionLimits()
    enroll_limits = enroll_limits or ConnectionLimits(
        max_connections=DEFAULT_ENROLL_MAX_CONNECTIONS,
        max_per_address=DEFAULT_ENROLL_MAX_PER_ADDRESS)
    apps = [(sync_app(hq), "sync", sync_limits, server_context(data_dir, True)),
            (enroll_app(hq), "enroll", enroll_limits, server_context(data_dir, False))]
    runners: list[web.AppRunner] = []
    listeners: list[guard.Listener] = []
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    flusher = loop.create_task(_flush_repeats(repeats))
    mailer = loop.create_task(_notify_loop(db, notifier)) if notifier else None
    try:
        for app, name, app_limits, ctx in apps:
            runner = web.AppRunner(app, access_log=None, shutdown_timeout=5,
                                   **app_limits.runner_options())
            listener = guard.Listener(name, app_limits, ctx, functools.partial(_handler, runner))
            app.middlewares.insert(0, guard.middleware(listener))  # before setup freezes it
            await runner.setup()
            runners.append(runner)
            listeners.append(listener)
        await guard.GuardedSite(runners[0], host, port, listeners[0]).start()
        real_port = runners[0].addresses[0][1]
        if enroll_port < 0:  # default: the port after the sync port
            enroll_port = real_port + 1 if port else 0
        await guard.GuardedSite(runners[1], host, enroll_port, listeners[1]).start()
        real_enroll = runners[1].addresses[0][1]
        console_part = ""
        if console is not None:
            if console.port < 0:  # default: two after the sync port, or a free one as it is
                console = dataclasses.replace(console, port=real_port + 2 if port else 0)
            console_url = await _start_console(data_dir, db, executor, host, real_port,
                                               console, runners, real_enroll)
            console_part = f" console={console_url}"
        announce(f"listening sync={_url(host, real_port)} enroll={_url(host, real_enroll)}"
                 + console_part)
        await stop.wait()
    finally:
        for runner in runners:
            await runner.cleanup()
        for listener in listeners:
            listener.cancel_handshakes()
        if mailer is not None:
            mailer.cancel()
            await asyncio.gather(mailer, return_exceptions=True)
        executor.shutdown(wait=True)
        db.dispose()
        flusher.cancel()
        repeats.flush(everything=True)
        logflood.uninstall(repeats, handlers)


async def _start_console(data_dir: DataDir, db: Database, executor: ThreadPoolExecutor,
                         host: str, sync_port: int, options: ConsoleOptions,
                         runners: list[web.AppRunner], enroll_port: int | None = None) -> str:
    """Start the web console on its own TLS listener; returns the origin browsers use."""
    from safeconf.hq.console import app as console_app
    from safeconf.hq.console import middleware
    from safeconf.hq.console import web as cweb

    ctx = server_context(data_dir, False, options.cert, options.key)
    port = max(options.port, 0)
    listener = guard.Listener("console", options.limits, ctx, lambda: _handler(runner))
    app = console_app.make_app(db, cweb.Settings.for_origin("https://localhost"),
                               data_dir=data_dir, executor=executor)
    app.middlewares.insert(0, guard.middleware(listener))
    runner = web.AppRunner(app, access_log_class=middleware.AccessLogger,
                           access_log=logging.getLogger("safeconf.hq.console.access"),
                           shutdown_timeout=5, **options.limits.runner_options())
    await runner.setup()
    runners.append(runner)
    await guard.GuardedSite(runner, host, port, listener).start()
    real = runner.addresses[0][1]
    names = [h for h in data_dir.hosts() if not _is_ip(h)] or ["localhost"]
    name = "localhost" if "localhost" in names else names[0]
    origin = options.origin or f"https://{name}:{real}"
    # The origin (and so the passkeys' relying party) is only known now the port is.
    online_key = data_dir.recovery_key if data_dir.recovery_key.exists() else None
    # Codes issued in the console name the listeners this process serves, as laptops reach
    # them by HQ's first host name (the one `safeconf-hq enroll` uses).
    public = data_dir.hosts()[0]
    public = f"[{public}]" if ":" in public else public
    app[cweb.CONSOLE].settings = cweb.Settings.for_origin(
        origin, idle=options.idle, recovery_key_path=online_key,
        sync_url=f"https://{public}:{sync_port}" if sync_port else None,
        enroll_url=f"https://{public}:{enroll_port}" if enroll_port else None)
    return origin


def _is_ip(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _handler(runner: web.AppRunner) -> asyncio.Protocol:
    """aiohttp's protocol for one new connection."""
    assert runner.server is not None
    return runner.server()


async def _flush_repeats(repeats: logflood.RepeatFilter) -> None:
    """Report repeat counts soon after each window ends, not only when the flood stops."""
    while True:
        await asyncio.sleep(min(5.0, repeats.window_s / 4))
        repeats.flush()


async def _notify_loop(db: Database, settings: NotifierSettings) -> None:
    """Send due notification mail and escalate overdue reports every interval, in a thread
    of its own: a slow or dead SMTP server never holds up a sync request, and a failed
    pass is logged and tried again at the next interval."""
    from safeconf.hq.notify_cli import one_pass

    if settings.smtp is None:
        log.warning("no --smtp-host: notifications are queued and escalated, not sent; "
                    "run `safeconf-hq notifications send` to send them")
    loop = asyncio.get_running_loop()
    mail_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hq-mail")
    try:
        while True:
            try:
                await loop.run_in_executor(mail_thread, one_pass, db, settings)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("notification pass failed; retrying in %.1f s",
                              settings.interval_s)
            await asyncio.sleep(settings.interval_s)
    finally:
        mail_thread.shutdown(wait=False, cancel_futures=True)
