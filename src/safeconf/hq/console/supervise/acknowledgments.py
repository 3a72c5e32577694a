"""Staff acknowledgments due in a supervisor's team: the workers they supervise, each with
their last acknowledgment of the confidentiality terms and whether one is due (the yearly
rule is the domain's, through staff_acknowledgments.standings)."""

from __future__ import annotations

from datetime import datetime

from aiohttp import web

from safeconf.domain.staff_terms import is_due
from safeconf.hq import staff as hq_staff
from safeconf.hq import staff_acknowledgments
from safeconf.hq.console import web as cweb
from safeconf.hq.db import Database

routes = web.RouteTableDef()
NAV = [cweb.NavItem("Staff acknowledgments", "/team/acknowledgments",
                    (hq_staff.SUPERVISOR,))]


def team_standings(db: Database, supervisor: str,
                   now: datetime) -> list[staff_acknowledgments.WorkerStanding]:
    """The standings of the workers `supervisor` supervises (HQ's supervisor links), due
    first. A worker linked but unknown otherwise is listed as never acknowledged."""
    team = {link.worker_id for link in hq_staff.list_supervisors(db)
            if link.staff_name == supervisor}
    known = {s.worker_id: s for s in staff_acknowledgments.standings(db, now)
             if s.worker_id in team}
    rows = [known.get(w) or staff_acknowledgments.WorkerStanding(w, None, None, is_due(None, now))
            for w in sorted(team)]
    return sorted(rows, key=lambda s: not s.due)


@routes.get("/team/acknowledgments")
@cweb.page(hq_staff.SUPERVISOR)
async def acknowledgments(request: web.Request) -> web.Response:
    who = cweb.viewer(request)
    rows = await cweb.call(request, team_standings, cweb.db(request), who.name,
                           cweb.now(request))
    return cweb.render(request, "supervise/acknowledgments.html", title="Staff acknowledgments",
                       rows=rows)
