"""Breach reports, the legal director's alone: each with the notifications HQ queued about
it (to whom, how delivery went) and its trail, and the director's steps: acknowledge, record
telling the Commissioner or the HR director, close with the outcome."""

from __future__ import annotations

from aiohttp import web

from safeconf.hq import staff as hq_staff
from safeconf.hq.console import web as cweb
from safeconf.hq.console.supervise import reports

routes = web.RouteTableDef()
NAV = [cweb.NavItem("Breaches", "/director/breaches", (hq_staff.LEGAL_DIRECTOR,))]
BREACHES = reports.Kind("breach", "/director/breaches", "Breaches",
                        ("acknowledge", "notified", "close", "reopen"))


@routes.get("/director/breaches")
@cweb.page(hq_staff.LEGAL_DIRECTOR)
async def breach_list(request: web.Request) -> web.Response:
    return await reports.list_page(request, BREACHES)


@routes.get("/director/breaches/{ref}")
@cweb.page(hq_staff.LEGAL_DIRECTOR)
async def breach_report(request: web.Request) -> web.Response:
    return await reports.detail_page(request, BREACHES)


@routes.post("/director/breaches/{ref}/{action}")
@cweb.page(hq_staff.LEGAL_DIRECTOR, sensitive=True)
async def breach_action(request: web.Request) -> web.StreamResponse:
    return await reports.act(request, BREACHES)
