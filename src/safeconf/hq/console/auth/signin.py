"""Signing in: a passkey (usernameless), or a name and TOTP code, or a name and a one-time
recovery code; and signing out. An unknown name and a wrong code get the same answer."""

from __future__ import annotations

from aiohttp import web

from safeconf.hq.console import middleware
from safeconf.hq.console import web as cweb
from safeconf.hq.console.auth import ceremony, passkeys, recovery, totp

routes = web.RouteTableDef()


def _next(value: object) -> str:
    return cweb.safe_next(value if isinstance(value, str) else None)


@routes.get("/signin")
async def signin_page(request: web.Request) -> web.Response:
    await middleware.ensure_session(request)
    return cweb.render(request, "auth/signin.html", title="Sign in",
                       next=_next(request.query.get("next")), problem=None, name="")


@routes.post("/signin/passkey/options")
async def passkey_options(request: web.Request) -> web.Response:
    challenge = await ceremony.new_challenge(request, "signin")
    return ceremony.options_answer(passkeys.authentication_options(
        cweb.console(request).settings.rp_id, challenge))


@routes.post("/signin/passkey")
async def passkey_signin(request: web.Request) -> web.Response:
    body = await ceremony.read_json(request)
    name = await ceremony.verified_passkey(request, body, "signin", None)
    if isinstance(name, web.Response):
        return name
    if not await ceremony.signed_in(request, name):
        return ceremony.answer(error="This passkey's holder no longer signs in at HQ. Ask "
                                     "an administrator.", status=403)
    return ceremony.answer(redirect=_next(body.get("next")))


async def _code_sign_in(request: web.Request, template: str, title: str,
                        kind: str) -> web.Response:
    form = await cweb.form(request)
    name = str(form.get("name", "")).strip()[:200]
    code = str(form.get("code", ""))[:100]
    next_path = _next(form.get("next"))

    def again(problem: str, status: int) -> web.Response:
        return cweb.render(request, template, status=status, title=title, next=next_path,
                           problem=problem, name=name)

    stop = await ceremony.blocked(request, name or None)
    if stop:
        return again(stop, 429)
    if not name or not code.strip():
        return again("Type your sign-in name and the code.", 400)
    db, now = cweb.db(request), cweb.now(request)
    if kind == "totp":
        ok = await cweb.call(request, totp.check, db, ceremony.data_dir(request), name, code,
                             now)
    else:
        ok = await cweb.call(request, recovery.use, db, name, code, now)
    if not ok or not await ceremony.signed_in(request, name):
        await ceremony.failed(request, name)
        return again(ceremony.NO_MATCH if kind == "totp" else
                     "That name and recovery code do not match, or the code was used "
                     "already. Each code works once.", 400)
    if kind == "recovery":
        left = await cweb.call(request, recovery.left, db, name)
        await cweb.flash(request, f"You signed in with a recovery code; {left} left. Add a "
                                  "passkey or TOTP on this page if you lost yours.")
        raise cweb.see_other("/account")
    raise cweb.see_other(next_path)


@routes.post("/signin/totp")
async def totp_signin(request: web.Request) -> web.Response:
    return await _code_sign_in(request, "auth/signin.html", "Sign in", "totp")


@routes.get("/signin/recovery")
async def recovery_page(request: web.Request) -> web.Response:
    await middleware.ensure_session(request)
    return cweb.render(request, "auth/recovery.html", title="Sign in with a recovery code",
                       next=_next(request.query.get("next")), problem=None, name="")


@routes.post("/signin/recovery")
async def recovery_signin(request: web.Request) -> web.Response:
    return await _code_sign_in(request, "auth/recovery.html", "Sign in with a recovery code",
                               "recovery")


@routes.post("/signout")
async def signout(request: web.Request) -> web.Response:
    # No role needed: anyone with a session may end it (the CSRF check still applies).
    await middleware.sign_out(request)
    raise cweb.see_other("/signin")
