"""Loss reports for those who handle them: a supervisor sees their team's (the workers they
supervise), the legal director every one (incidents.py decides, not this page)."""

from __future__ import annotations

from aiohttp import web

from safeconf.domain.reports import parse_receipt
from safeconf.hq import staff as hq_staff
from safeconf.hq.console import web as cweb
from safeconf.hq.console.supervise import reports

routes = web.RouteTableDef()
ROLES = (hq_staff.SUPERVISOR, hq_staff.LEGAL_DIRECTOR)
NAV = [cweb.NavItem("Loss reports", "/team/losses", ROLES)]
LOSSES = reports.Kind("loss", "/team/losses", "Loss reports",
                      ("acknowledge", "assign", "close", "reopen"))


@routes.get("/team/losses")
@cweb.page(*ROLES)
async def loss_list(request: web.Request) -> web.Response:
    return await reports.list_page(request, LOSSES)


@routes.get("/team/losses/{ref}")
@cweb.page(*ROLES)
async def loss_report(request: web.Request) -> web.Response:
    return await reports.detail_page(request, LOSSES)


@routes.post("/team/losses/{ref}/{action}")
@cweb.page(*ROLES, sensitive=True)
async def loss_action(request: web.Request) -> web.StreamResponse:
    return await reports.act(request, LOSSES)


@routes.get("/reports/{receipt}")
@cweb.page(*ROLES)
async def by_receipt(request: web.Request) -> web.StreamResponse:
    """Where a notification's link (/reports/RECEIPT) leads: the page of its kind, which
    answers 404 if this person may not see it."""
    spelled = parse_receipt(request.match_info["receipt"])
    if spelled is None:
        raise web.HTTPNotFound()
    raise cweb.see_other(("/team/losses/" if spelled.startswith("L-")
                          else "/director/breaches/") + spelled)
