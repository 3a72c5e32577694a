"""A device's recovery code from the console, never by one person alone: an administrator
asks (with a reason), a second approves on /approvals, then either of them issues it here,
once — through `pki.recovery.recover`, the service `safeconf-hq recover` calls. When HQ keeps
the recovery key offline, the page gives the command to run on the offline machine instead.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from safeconf.hq import staff as hq_staff
from safeconf.hq.console import approvals
from safeconf.hq.console import web as cweb
from safeconf.hq.console.admin import forms
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError
from safeconf.hq.pki import devices, recovery, recovery_key

ADMIN = hq_staff.ADMINISTRATOR
routes = web.RouteTableDef()


def offline_command(device_id: str) -> str:
    return f"safeconf-hq recover {device_id} --recovery-key FILE"


async def context(request: web.Request, device: devices.Device,
                  reason: str = "") -> dict[str, Any]:
    """What the device page shows of its recovery: the latest request and what this person
    may do with it now."""
    latest = await cweb.call(request, approvals.latest_for, cweb.db(request),
                             approvals.RECOVERY_CODE, device.device_id, now=cweb.now(request))
    who = cweb.viewer(request).name
    online = cweb.console(request).settings.recovery_key_path is not None
    approved = latest is not None and latest.status == "approved"
    return {
        "latest": latest,
        "online": online,
        "may_ask": latest is None or not latest.open,
        "may_issue": approved and latest is not None and who in (latest.requested_by,
                                                                  latest.approved_by),
        "command": offline_command(device.device_id),
        "reason": reason,
    }


def _exists(db: Database, device_id: str) -> bool:
    with db.read() as conn:
        return devices.by_id(conn, device_id) is not None


async def _back_with(request: web.Request, problem: str, reason: str = "") -> web.Response:
    from safeconf.hq.console.admin import devices as device_pages  # its page, our message

    return await device_pages.device_page_with(request, status=409, problem=problem,
                                               reason=reason)


@routes.post("/devices/{device_id}/recovery/request")
@cweb.page(ADMIN, sensitive=True)
async def ask(request: web.Request) -> web.Response:
    device_id = request.match_info["device_id"]
    if not await cweb.call(request, _exists, cweb.db(request), device_id):
        raise web.HTTPNotFound()
    reason = str((await cweb.form(request)).get("reason", ""))
    try:
        await cweb.call(request, approvals.request, cweb.db(request), approvals.RECOVERY_CODE,
                        device_id, reason, cweb.viewer(request).name, now=cweb.now(request))
    except forms.REFUSALS as exc:
        return await _back_with(request, str(exc), reason)
    await cweb.flash(request, "Asked. Another administrator must approve it on the Approvals "
                              "page; then you or they can issue the code here.")
    raise cweb.see_other(f"/devices/{device_id}")


@routes.post("/devices/{device_id}/recovery/issue")
@cweb.page(ADMIN, sensitive=True)
async def issue(request: web.Request) -> web.Response:
    device_id = request.match_info["device_id"]
    db = cweb.db(request)
    if not await cweb.call(request, _exists, db, device_id):
        raise web.HTTPNotFound()
    key_path = cweb.console(request).settings.recovery_key_path
    if key_path is None:
        return await _back_with(request, "HQ keeps the recovery key offline, so the code "
                                         "cannot be issued here. On the offline machine run: "
                                         + offline_command(device_id))
    latest = await cweb.call(request, approvals.latest_for, db, approvals.RECOVERY_CODE,
                             device_id, now=cweb.now(request))
    if latest is None:
        return await _back_with(request, "Nobody has asked to issue this device's recovery "
                                         "code yet. Ask first; another administrator approves.")
    who = cweb.viewer(request).name

    def open_escrow() -> str:
        return recovery.recover(db, device_id, recovery_key.load_private(key_path), admin=who)

    try:
        code = await cweb.call(request, approvals.carry_out, db, latest.id, who, open_escrow,
                               now=cweb.now(request))
    except (AdminError, ValueError, OSError) as exc:
        # OSError: the key file is unreadable; said plainly, its path is HQ's business.
        text = str(exc) if not isinstance(exc, OSError) else (
            "HQ's recovery key could not be read. Tell HQ's operator. Nothing was issued.")
        return await _back_with(request, text)
    return cweb.render(request, "admin/recovery_code.html", title="Recovery code",
                       device_id=device_id, code=code)
