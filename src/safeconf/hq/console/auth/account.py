"""The signed-in person's own sign-in methods: passkeys (add, remove), TOTP, new recovery
codes. Every change needs a recent sign-in (`sensitive`); the last method cannot go."""

from __future__ import annotations

from aiohttp import web

from safeconf.hq import staff as hq_staff
from safeconf.hq.console import web as cweb
from safeconf.hq.console.auth import accounts, ceremony, passkeys, recovery, setup, totp
from safeconf.hq.errors import AdminError

routes = web.RouteTableDef()
EVERYONE = hq_staff.SIGN_IN_ROLES


async def _page(request: web.Request, problem: str | None = None,
                status: int = 200) -> web.Response:
    name = cweb.viewer(request).name
    db = cweb.db(request)
    await cweb.call(request, accounts.ensure, db, name, cweb.now(request))
    keys = await cweb.call(request, passkeys.list_for, db, name)
    has_totp = await cweb.call(request, accounts.has_totp, db, name)
    pending = None if has_totp else await ceremony.pending_totp(request, name)
    left = await cweb.call(request, recovery.left, db, name)
    return cweb.render(request, "auth/account.html", status=status, title="Your sign-in",
                       passkeys=keys, has_totp=has_totp, totp=pending, codes_left=left,
                       problem=problem)


@routes.get("/account")
@cweb.page(*EVERYONE)
async def account_page(request: web.Request) -> web.Response:
    return await _page(request)


@routes.post("/account/passkey/options")
@cweb.page(*EVERYONE, sensitive=True)
async def passkey_options(request: web.Request) -> web.Response:
    challenge = await ceremony.new_challenge(request, "account")
    try:
        return ceremony.options_answer(await cweb.call(
            request, passkeys.registration_options, cweb.db(request),
            cweb.viewer(request).name, cweb.console(request).settings.rp_id, challenge))
    except AdminError as exc:
        return ceremony.answer(error=str(exc), status=409)


@routes.post("/account/passkey")
@cweb.page(*EVERYONE, sensitive=True)
async def passkey_add(request: web.Request) -> web.Response:
    return await setup.register(request, cweb.viewer(request).name, "account", "/account")


@routes.post("/account/passkey/remove")
@cweb.page(*EVERYONE, sensitive=True)
async def passkey_remove(request: web.Request) -> web.Response:
    credential = str((await cweb.form(request)).get("credential", ""))[:700]
    try:
        await cweb.call(request, passkeys.remove, cweb.db(request), cweb.viewer(request).name,
                        credential)
    except AdminError as exc:
        return await _page(request, str(exc), 409)
    await cweb.flash(request, "The passkey was removed.")
    raise cweb.see_other("/account")


@routes.post("/account/totp")
@cweb.page(*EVERYONE, sensitive=True)
async def totp_enable(request: web.Request) -> web.Response:
    code = str((await cweb.form(request)).get("code", ""))[:20]
    if not await ceremony.enable_pending_totp(request, cweb.viewer(request).name, code):
        return await _page(request, "That code is not right for this secret. Type the "
                                    "6-digit code your app shows now.", 400)
    await cweb.flash(request, "TOTP is set up.")
    raise cweb.see_other("/account")


@routes.post("/account/totp/remove")
@cweb.page(*EVERYONE, sensitive=True)
async def totp_remove(request: web.Request) -> web.Response:
    name = cweb.viewer(request).name
    db = cweb.db(request)
    keys = await cweb.call(request, passkeys.list_for, db, name)
    if not keys:
        return await _page(request, "TOTP is your only way to sign in: add a passkey first. "
                                    "Nothing was changed.", 409)
    await cweb.call(request, totp.remove, db, name)
    await cweb.flash(request, "TOTP was removed.")
    raise cweb.see_other("/account")


@routes.post("/account/recovery-codes")
@cweb.page(*EVERYONE, sensitive=True)
async def new_codes(request: web.Request) -> web.Response:
    name = cweb.viewer(request).name
    db = cweb.db(request)
    if not await cweb.call(request, accounts.has_method, db, name):
        return await _page(request, "Set up a passkey or TOTP first.", 409)
    codes = await cweb.call(request, recovery.regenerate, db, name, cweb.now(request))
    return cweb.render(request, "auth/recovery_codes.html", title="Your new recovery codes",
                       codes=codes, onward="/account")
