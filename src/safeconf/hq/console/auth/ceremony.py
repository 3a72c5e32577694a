"""What the sign-in pages share: the passkey challenge kept in the server-side session (used
once, for 5 minutes, for one purpose), JSON answers for the page's script, throttling, and
the last step of every sign-in."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from aiohttp import web

from safeconf.hq import clock
from safeconf.hq.console import middleware, sessions
from safeconf.hq.console import web as cweb
from safeconf.hq.console.auth import accounts, passkeys, sealing, throttle, totp

CHALLENGE_VALID = timedelta(minutes=5)
NO_MATCH = ("That name and code do not match. Check the name and type the code your app "
            "shows now (or ask an administrator if you lost it).")


def data_dir(request: web.Request) -> Path | None:
    found = cweb.console(request).data_dir
    return found.path if found is not None else None


def address(request: web.Request) -> str:
    return request.remote or "unknown"


async def save(request: web.Request, session: sessions.Session) -> None:
    await cweb.call(request, sessions.save_data, cweb.db(request), session)


async def new_challenge(request: web.Request, purpose: str) -> str:
    session, _ = await middleware.ensure_session(request)
    challenge = passkeys.new_challenge()
    session.data["webauthn"] = {"c": challenge, "p": purpose,
                                "at": clock.iso(cweb.now(request))}
    await save(request, session)
    return challenge


async def take_challenge(request: web.Request, purpose: str) -> str | None:
    """The challenge issued to this session for `purpose`, removed now: it works once."""
    session = request.get(cweb.SESSION)
    if session is None:
        return None
    kept = session.data.pop("webauthn", None)
    await save(request, session)
    if (not isinstance(kept, dict) or kept.get("p") != purpose
            or clock.parse(kept["at"]) < cweb.now(request) - CHALLENGE_VALID):
        return None
    return str(kept["c"])


async def read_json(request: web.Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.text())
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def answer(*, redirect: str | None = None, error: str | None = None,
           status: int = 200, **extra: Any) -> web.Response:
    body: dict[str, Any] = dict(extra)
    if redirect is not None:
        body["redirect"] = cweb.safe_next(redirect)
    if error is not None:
        body["error"] = error
    return web.json_response(body, status=status)


def options_answer(options_json: str) -> web.Response:
    return answer(publicKey=json.loads(options_json))


async def blocked(request: web.Request, name: str | None) -> str | None:
    """A message saying when to try again, if sign-in is throttled for this name or address."""
    keys = throttle.keys(name, address(request))
    now = cweb.now(request)
    until = await cweb.call(request, throttle.blocked_until, cweb.db(request), keys, now)
    if until is None:
        return None
    return retry_message(until, now)


def retry_message(until: datetime, now: datetime) -> str:
    minutes = max(1, round((until - now).total_seconds() / 60))
    return (f"Too many failed sign-ins. Try again after {until:%H:%M} UTC (in about "
            f"{minutes} minute{'s' if minutes != 1 else ''}).")


async def failed(request: web.Request, name: str | None) -> None:
    await cweb.call(request, throttle.failed, cweb.db(request),
                    throttle.keys(name, address(request)), cweb.now(request))


async def verified_passkey(request: web.Request, body: dict[str, Any], purpose: str,
                           throttled_as: str | None) -> str | web.Response:
    """The holder of the passkey assertion in `body`, checked against this session's
    challenge for `purpose`; or the answer that says why not (a throttled name or address,
    a lapsed challenge, a refused assertion — counted as a failure for `throttled_as`)."""
    stop = await blocked(request, throttled_as)
    if stop:
        return answer(error=stop, status=429)
    challenge = await take_challenge(request, purpose)
    if challenge is None:
        return answer(error="This took too long or was already used. Press the button "
                            "again.", status=400)
    settings = cweb.console(request).settings
    try:
        return await cweb.call(request, passkeys.authenticate, cweb.db(request),
                               body.get("credential"), challenge, settings.rp_id,
                               settings.origin, cweb.now(request))
    except passkeys.PasskeyRefused as exc:
        await failed(request, throttled_as)
        return answer(error=str(exc), status=400)


async def signed_in(request: web.Request, name: str) -> bool:
    """Finish a verified sign-in as `name`: False (and nobody signed in) if they hold no role
    that signs in any more."""
    db = cweb.db(request)
    if not await cweb.call(request, accounts.may_sign_in, db, name):
        return False
    # Only the name's count is cleared: one's own sign-in must not wipe an address's
    # record of guesses at other people's names.
    await cweb.call(request, throttle.succeeded, db, [throttle.name_key(name)])
    await middleware.start_signed_in(request, name)
    await cweb.call(request, accounts.signed_in, db, name, cweb.now(request))
    return True


async def pending_totp(request: web.Request, name: str) -> dict[str, str] | None:
    """A TOTP secret offered to `name` on this page and kept (sealed) in the session until a
    correct code saves it; None when this console has no key to seal it with."""
    directory = data_dir(request)
    if directory is None:
        return None
    session, _ = await middleware.ensure_session(request)
    key = await cweb.call(request, sealing.load_key, directory)
    secret = None
    sealed = session.data.get("totp_pending")
    if isinstance(sealed, str):
        try:
            secret = sealing.unseal(key, name, sealed)
        except ValueError:
            secret = None
    if secret is None:
        secret = totp.new_secret()
        session.data["totp_pending"] = sealing.seal(key, name, secret)
        await save(request, session)
    uri = totp.uri(name, secret)
    spaced = " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
    return {"secret": spaced, "qr": totp.qr_svg(uri)}


async def enable_pending_totp(request: web.Request, name: str, code: str) -> bool:
    session = request.get(cweb.SESSION)
    directory = data_dir(request)
    if session is None or directory is None or not isinstance(
            session.data.get("totp_pending"), str):
        return False
    key = await cweb.call(request, sealing.load_key, directory)
    try:
        secret = sealing.unseal(key, name, session.data["totp_pending"])
    except ValueError:
        return False
    done = await cweb.call(request, totp.enable, cweb.db(request), directory, name, secret,
                           code, cweb.now(request))
    if done:
        session.data.pop("totp_pending", None)
        await save(request, session)
    return done
