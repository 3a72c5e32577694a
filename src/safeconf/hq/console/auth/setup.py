"""The setup link: opened once, it binds the person's setup to this browser's session; they
register a passkey and/or TOTP, then get their recovery codes and are signed in."""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web

from safeconf.hq import clock
from safeconf.hq.console import middleware
from safeconf.hq.console import web as cweb
from safeconf.hq.console.auth import accounts, ceremony, passkeys, recovery

routes = web.RouteTableDef()

SETUP_SESSION = timedelta(hours=1)  # how long an opened link's setup lasts in its session


@routes.get(r"/setup/{token:[A-Za-z0-9_-]{30,100}}")
async def open_link(request: web.Request) -> web.Response:
    name = await cweb.call(request, accounts.open_setup, cweb.db(request),
                           request.match_info["token"], cweb.now(request))
    if name is None:
        return _invalid(request)
    session, _ = await middleware.ensure_session(request)
    session.data["setup"] = {"name": name, "at": clock.iso(cweb.now(request))}
    session.data.pop("totp_pending", None)
    await ceremony.save(request, session)
    raise cweb.see_other("/setup")  # the token leaves the address bar


def _invalid(request: web.Request) -> web.Response:
    return cweb.render(request, "auth/setup_invalid.html", status=410,
                       title="This setup link does not work")


def _setup_name(request: web.Request) -> str | None:
    session = request.get(cweb.SESSION)
    kept = session.data.get("setup") if session is not None else None
    if not isinstance(kept, dict) or clock.parse(kept["at"]) < (cweb.now(request)
                                                                 - SETUP_SESSION):
        return None
    return str(kept["name"])


async def _page(request: web.Request, name: str, problem: str | None = None,
                status: int = 200) -> web.Response:
    db = cweb.db(request)
    keys = await cweb.call(request, passkeys.list_for, db, name)
    ready = await cweb.call(request, accounts.has_method, db, name)
    pending = await ceremony.pending_totp(request, name)
    return cweb.render(request, "auth/setup.html", status=status,
                       title="Set up your sign-in", name=name, passkeys=keys, ready=ready,
                       totp=pending, problem=problem)


@routes.get("/setup")
async def setup_page(request: web.Request) -> web.Response:
    name = _setup_name(request)
    if name is None:
        return _invalid(request)
    return await _page(request, name)


@routes.post("/setup/passkey/options")
async def passkey_options(request: web.Request) -> web.Response:
    name = _setup_name(request)
    if name is None:
        return ceremony.answer(error="This setup has ended; ask an administrator for a new "
                                     "link.", status=403)
    challenge = await ceremony.new_challenge(request, "setup")
    return ceremony.options_answer(await cweb.call(
        request, passkeys.registration_options, cweb.db(request), name,
        cweb.console(request).settings.rp_id, challenge))


@routes.post("/setup/passkey")
async def passkey_register(request: web.Request) -> web.Response:
    name = _setup_name(request)
    if name is None:
        return ceremony.answer(error="This setup has ended; ask an administrator for a new "
                                     "link.", status=403)
    return await register(request, name, "setup", "/setup")


async def register(request: web.Request, name: str, purpose: str,
                   back: str) -> web.Response:
    """Keep the passkey created in the browser (setup and the account page)."""
    body = await ceremony.read_json(request)
    challenge = await ceremony.take_challenge(request, purpose)
    if challenge is None:
        return ceremony.answer(error="This took too long or was already used. Press the "
                                     "button again.", status=400)
    settings = cweb.console(request).settings
    try:
        await cweb.call(request, passkeys.register, cweb.db(request), name,
                        body.get("credential"), challenge, settings.rp_id, settings.origin,
                        str(body.get("label") or ""), cweb.now(request))
    except passkeys.PasskeyRefused as exc:
        return ceremony.answer(error=str(exc), status=400)
    await cweb.flash(request, "Your passkey was saved.")
    return ceremony.answer(redirect=back)


@routes.post("/setup/totp")
async def totp_enable(request: web.Request) -> web.Response:
    name = _setup_name(request)
    if name is None:
        return _invalid(request)
    code = str((await cweb.form(request)).get("code", ""))[:20]
    if not await ceremony.enable_pending_totp(request, name, code):
        return await _page(request, name, "That code is not right for this secret. Type the "
                                          "6-digit code your app shows now.", 400)
    await cweb.flash(request, "TOTP is set up.")
    raise cweb.see_other("/setup")


@routes.post("/setup/finish")
async def finish(request: web.Request) -> web.Response:
    name = _setup_name(request)
    if name is None:
        return _invalid(request)
    db = cweb.db(request)
    if not await cweb.call(request, accounts.has_method, db, name):
        return await _page(request, name, "Set up a passkey or TOTP first.", 400)
    codes = await cweb.call(request, recovery.regenerate, db, name, cweb.now(request))
    if not await ceremony.signed_in(request, name):
        return _invalid(request)
    return cweb.render(request, "auth/recovery_codes.html", title="Your recovery codes",
                       codes=codes, onward="/")
