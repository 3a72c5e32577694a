"""Proving again who one is before a sensitive action (a passkey or a TOTP code), then back
to the page that asked."""

from __future__ import annotations

from aiohttp import web

from safeconf.hq import staff as hq_staff
from safeconf.hq.console import sessions
from safeconf.hq.console import web as cweb
from safeconf.hq.console.auth import accounts, ceremony, passkeys, totp

routes = web.RouteTableDef()
EVERYONE = hq_staff.SIGN_IN_ROLES


async def _render(request: web.Request, next_path: str, problem: str | None = None,
                  status: int = 200) -> web.Response:
    has_totp = await cweb.call(request, accounts.has_totp, cweb.db(request),
                               cweb.viewer(request).name)
    return cweb.render(request, "auth/reauth.html", status=status,
                       title="Confirm it is you", next=next_path, problem=problem,
                       has_totp=has_totp)


@routes.get("/reauth")
@cweb.page(*EVERYONE)
async def reauth_page(request: web.Request) -> web.Response:
    return await _render(request, cweb.safe_next(request.query.get("next")))


async def _done(request: web.Request) -> None:
    await cweb.call(request, sessions.reauthenticated, cweb.db(request),
                    cweb.viewer(request).session, cweb.now(request))


@routes.post("/reauth")
@cweb.page(*EVERYONE)
async def reauth_totp(request: web.Request) -> web.Response:
    form = await cweb.form(request)
    next_path = cweb.safe_next(str(form.get("next", "")))
    name = cweb.viewer(request).name
    stop = await ceremony.blocked(request, name)
    if stop:
        return await _render(request, next_path, stop, 429)
    ok = await cweb.call(request, totp.check, cweb.db(request), ceremony.data_dir(request),
                         name, str(form.get("code", ""))[:20], cweb.now(request))
    if not ok:
        await ceremony.failed(request, name)
        return await _render(request, next_path, "That code is not right. Type the 6-digit code "
                                           "your app shows now.", 400)
    await _done(request)
    raise cweb.see_other(next_path)


@routes.post("/reauth/passkey/options")
@cweb.page(*EVERYONE)
async def passkey_options(request: web.Request) -> web.Response:
    challenge = await ceremony.new_challenge(request, "reauth")
    return ceremony.options_answer(passkeys.authentication_options(
        cweb.console(request).settings.rp_id, challenge))


@routes.post("/reauth/passkey")
@cweb.page(*EVERYONE)
async def passkey_reauth(request: web.Request) -> web.Response:
    body = await ceremony.read_json(request)
    name = cweb.viewer(request).name
    holder = await ceremony.verified_passkey(request, body, "reauth", name)
    if isinstance(holder, web.Response):
        return holder
    if holder != name:
        await ceremony.failed(request, name)
        return ceremony.answer(error="That passkey is not yours. Use your own.", status=400)
    await _done(request)
    return ceremony.answer(redirect=str(body.get("next") or "/"))
