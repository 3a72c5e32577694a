"""Workers and supervisors: every caseworker HQ knows with their supervisor, devices and
cases, and setting a worker's supervisor (`staff.set_supervisor`, as `safeconf-hq
supervisors set`)."""

from __future__ import annotations

from aiohttp import web

from safeconf.hq import staff as hq_staff
from safeconf.hq import workers
from safeconf.hq.console import web as cweb
from safeconf.hq.console.admin import forms
from safeconf.hq.db import Database

ADMIN = hq_staff.ADMINISTRATOR
routes = web.RouteTableDef()
NAV = [cweb.NavItem("Workers", "/workers", (ADMIN,))]


async def _page(request: web.Request, *, status: int = 200, problem: str | None = None,
                worker: str = "", supervisor: str = "") -> web.Response:
    db = cweb.db(request)
    known = await cweb.call(request, workers.list_workers, db)
    leads = await cweb.call(request, workers.supervisors, db)
    team = {s.name: sum(1 for w in known if w.supervisor == s.name) for s in leads}
    return cweb.render(request, "admin/workers.html", status=status, title="Workers",
                       workers=known, supervisors=leads, team=team, problem=problem,
                       worker=worker, supervisor=supervisor)


@routes.get("/workers")
@cweb.page(ADMIN)
async def workers_page(request: web.Request) -> web.Response:
    return await _page(request, worker=request.query.get("worker", "").strip())


def _set(db: Database, worker: str, supervisor: str, by: str) -> hq_staff.SupervisorLink:
    return hq_staff.set_supervisor(db, workers.require_known(db, worker), supervisor, by)


@routes.post("/workers/supervisor")
@cweb.page(ADMIN, sensitive=True)
async def set_supervisor(request: web.Request) -> web.Response:
    data = await cweb.form(request)
    worker = str(data.get("worker", "")).strip()
    supervisor = str(data.get("supervisor", "")).strip()
    try:
        if not supervisor:
            raise ValueError("Choose the supervisor from the list.")
        link = await cweb.call(request, _set, cweb.db(request), worker, supervisor,
                               cweb.viewer(request).name)
    except forms.REFUSALS as exc:
        return await _page(request, status=400, problem=str(exc), worker=worker,
                           supervisor=supervisor)
    await cweb.flash(request, f"{link.staff_name} now supervises {link.worker_id}.")
    raise cweb.see_other("/workers")
