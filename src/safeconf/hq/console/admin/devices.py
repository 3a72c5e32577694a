"""Devices: the registry page by page, one device's facts, revoke and revoke-and-wipe (the
service `safeconf-hq revoke` calls)."""

from __future__ import annotations

from aiohttp import web

from safeconf.hq import staff as hq_staff
from safeconf.hq.console import web as cweb
from safeconf.hq.console.admin import forms, recovery
from safeconf.hq.db import Database
from safeconf.hq.pki import devices

ADMIN = hq_staff.ADMINISTRATOR
routes = web.RouteTableDef()
NAV = [cweb.NavItem("Devices", "/devices", (ADMIN,))]


@routes.get("/devices")
@cweb.page(ADMIN)
async def device_list(request: web.Request) -> web.Response:
    worker = request.query.get("worker", "").strip()
    status = request.query.get("status", "")
    start = forms.offset(request)
    problem = None
    try:
        rows, total = await cweb.call(request, devices.page_of_devices, cweb.db(request),
                                      worker or None, status or None, start)
    except forms.REFUSALS as exc:
        rows, total, problem = [], 0, str(exc)
    return cweb.render(
        request, "admin/devices.html", status=400 if problem else 200, title="Devices",
        devices=rows, total=total, worker=worker, status_filter=status,
        statuses=devices.STATUSES, problem=problem,
        paging=forms.paging("/devices", start, devices.PAGE_SIZE, total, worker=worker,
                            status=status))


def _one(db: Database, device_id: str) -> devices.Device | None:
    with db.read() as conn:
        return devices.by_id(conn, device_id)


async def device_page_with(request: web.Request, *, status: int = 200,
                           problem: str | None = None, reason: str = "") -> web.Response:
    """The device's page, with a refused action's message (and the reason typed, kept)."""
    device_id = request.match_info["device_id"]
    device = await cweb.call(request, _one, cweb.db(request), device_id)
    if device is None:
        raise web.HTTPNotFound()
    issuing = await recovery.context(request, device, reason)
    return cweb.render(request, "admin/device.html", status=status, title="Device",
                       device=device, recovery=issuing, problem=problem)


@routes.get("/devices/{device_id}")
@cweb.page(ADMIN)
async def device_page(request: web.Request) -> web.Response:
    return await device_page_with(request)


@routes.post("/devices/{device_id}/revoke")
@cweb.page(ADMIN, sensitive=True)
async def revoke(request: web.Request) -> web.Response:
    device_id = request.match_info["device_id"]
    wipe = (await cweb.form(request)).get("wipe") == "yes"
    try:
        await cweb.call(request, devices.revoke, cweb.db(request), device_id, wipe,
                        cweb.viewer(request).name)
    except forms.REFUSALS as exc:
        if await cweb.call(request, _one, cweb.db(request), device_id) is None:
            raise web.HTTPNotFound() from exc
        return await device_page_with(request, status=409, problem=str(exc))
    await cweb.flash(request, f"Device {device_id} revoked" + (
        "; it will be told to wipe its data when it next reaches HQ." if wipe
        else ". It can no longer sync."))
    raise cweb.see_other(f"/devices/{device_id}")
