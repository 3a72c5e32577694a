"""The first page after sign-in: the pages this person's roles open, and nothing else."""

from __future__ import annotations

from aiohttp import web

from safeconf.hq import staff as hq_staff
from safeconf.hq.console import web as cweb

routes = web.RouteTableDef()


@routes.get("/")
@cweb.page(*hq_staff.SIGN_IN_ROLES)
async def home(request: web.Request) -> web.Response:
    return cweb.render(request, "home.html", title="HQ console")
