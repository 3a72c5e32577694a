"""/approvals: the requests a second person must approve, for the roles that approve them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from aiohttp import web

from safeconf.hq import cases
from safeconf.hq import staff as hq_staff
from safeconf.hq.console import approvals
from safeconf.hq.console import web as cweb
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError

routes = web.RouteTableDef()
NAV = [cweb.NavItem("Approvals", "/approvals", (hq_staff.ADMINISTRATOR, hq_staff.LEGAL))]
# Where the asker carries an approved request out.
SUBJECT_PAGE = {approvals.UNSEAL: "/legal/cases/{}", approvals.RECOVERY_CODE: "/devices/{}"}


def _rows(db: Database, viewer: cweb.Viewer, now: datetime) -> list[dict[str, Any]]:
    """The open requests of the actions this person's roles approve. A case is named by its
    number only for legal: unsealing is legal's, and a sealed case is shown to no one else."""
    mine = [a for a in approvals.open_requests(db, now=now)
            if viewer.holds(approvals.ACTION_ROLE[a.action])]
    with db.read() as conn:
        numbers = cases.numbers(conn, [a.subject_id for a in mine
                                       if a.action == approvals.UNSEAL])
    return [{"approval": a, "what": approvals.ACTION_WORDS[a.action],
             "subject": (f"case {numbers.get(a.subject_id, '(no longer at HQ)')}"
                         if a.action == approvals.UNSEAL else f"device {a.subject_id}"),
             "page": SUBJECT_PAGE[a.action].format(a.subject_id),
             "mine": viewer.name == a.requested_by} for a in mine]


async def _page(request: web.Request, problem: str | None = None,
                status: int = 200) -> web.Response:
    rows = await cweb.call(request, _rows, cweb.db(request), cweb.viewer(request),
                           cweb.now(request))
    return cweb.render(request, "approvals.html", title="Approvals", rows=rows,
                       problem=problem, status=status)


@routes.get("/approvals")
@cweb.page(hq_staff.ADMINISTRATOR, hq_staff.LEGAL)
async def approvals_list(request: web.Request) -> web.Response:
    return await _page(request)


@routes.post("/approvals/{approval_id}/approve")
@cweb.page(hq_staff.ADMINISTRATOR, hq_staff.LEGAL, sensitive=True)
async def approve(request: web.Request) -> web.Response:
    return await _act(request, approvals.approve,
                      "Approved. The person who asked can now carry it out.")


@routes.post("/approvals/{approval_id}/cancel")
@cweb.page(hq_staff.ADMINISTRATOR, hq_staff.LEGAL)
async def cancel(request: web.Request) -> web.Response:
    return await _act(request, approvals.cancel, "The request was cancelled.")


async def _act(request: web.Request, action: Callable[..., approvals.Approval],
               done: str) -> web.Response:
    try:
        await cweb.call(request, action, cweb.db(request), request.match_info["approval_id"],
                        cweb.viewer(request).name, now=cweb.now(request))
    except AdminError as exc:
        return await _page(request, str(exc), 409)
    await cweb.flash(request, done)
    raise cweb.see_other("/approvals")
