"""Administrators' page of console sign-in accounts: who has which methods, adding a person
(their setup link shown once), and resetting a person who lost their authenticator."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from safeconf.hq import staff as hq_staff
from safeconf.hq.console import web as cweb
from safeconf.hq.console.auth import accounts
from safeconf.hq.errors import AdminError

routes = web.RouteTableDef()
ADMIN = hq_staff.ADMINISTRATOR
NAV = [cweb.NavItem("Sign-in accounts", "/users", (ADMIN,))]


async def _page(request: web.Request, *, problem: str | None = None, status: int = 200,
                link: accounts.SetupLink | None = None, values: dict[str, str] | None = None,
                ) -> web.Response:
    rows = await cweb.call(request, accounts.list_accounts, cweb.db(request),
                           cweb.now(request))
    return cweb.render(request, "auth/users.html", status=status, title="Sign-in accounts",
                       rows=rows, problem=problem, link=link, values=values or {},
                       roles=hq_staff.SIGN_IN_ROLES)


@routes.get("/users")
@cweb.page(ADMIN)
async def users_page(request: web.Request) -> web.Response:
    return await _page(request)


async def _act(request: web.Request, values: dict[str, str], fn: Any,
               *args: Any) -> web.Response:
    try:
        link = await cweb.call(request, fn, cweb.db(request), *args,
                               origin=cweb.console(request).settings.origin,
                               now=cweb.now(request))
    except ValueError as exc:
        return await _page(request, problem=str(exc), status=400, values=values)
    except AdminError as exc:
        return await _page(request, problem=str(exc), status=409, values=values)
    return await _page(request, link=link)


@routes.post("/users/add")
@cweb.page(ADMIN, sensitive=True)
async def add(request: web.Request) -> web.Response:
    form = await cweb.form(request)
    values = {k: str(form.get(k, "")).strip()[:254] for k in ("name", "email", "role")}
    return await _act(request, values, accounts.create, values["name"], values["email"],
                      values["role"], cweb.viewer(request).name)


@routes.post("/users/reset")
@cweb.page(ADMIN, sensitive=True)
async def reset(request: web.Request) -> web.Response:
    name = str((await cweb.form(request)).get("name", "")).strip()[:200]
    return await _act(request, {}, accounts.reset, name, cweb.viewer(request).name)
