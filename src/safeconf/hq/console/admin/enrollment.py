"""Enrollment codes: issue one for a worker (the service `safeconf-hq enroll` calls), shown
once as a QR code and its text; list the codes issued, never their secrets; cancel one."""

from __future__ import annotations

from datetime import timedelta

import segno
from aiohttp import web
from markupsafe import Markup

from safeconf.hq import staff as hq_staff
from safeconf.hq.console import web as cweb
from safeconf.hq.console.admin import forms
from safeconf.hq.datadir import DEFAULT_PORT
from safeconf.hq.errors import AdminError
from safeconf.hq.pki import enrollment

ADMIN = hq_staff.ADMINISTRATOR
routes = web.RouteTableDef()
NAV = [cweb.NavItem("Enrollment codes", "/enrollment", (ADMIN,))]
MAX_HOURS = 24 * 14


def urls(request: web.Request) -> tuple[str, str]:
    """The sync and enrollment URLs a code sends the laptop to: those `safeconf-hq serve`
    listens on, else HQ's first host name on the default ports (as the CLI)."""
    settings = cweb.console(request).settings
    data_dir = cweb.console(request).data_dir
    if data_dir is None:
        raise AdminError("This console is not serving an HQ data directory, so it cannot "
                         "issue codes; use `safeconf-hq enroll`.")
    sync_url = settings.sync_url
    if sync_url is None:
        sync_url = f"https://{data_dir.hosts()[0]}:{DEFAULT_PORT}"
    return sync_url, settings.enroll_url or enrollment.default_enroll_url(sync_url)


def qr_svg(uri: str) -> Markup:
    """The code as an inline SVG (no style attributes: the CSP allows none)."""
    svg = segno.make(uri, error="m", micro=False).svg_inline(
        scale=5, border=4, dark="#000", light="#fff", title="Enrollment QR code")
    return Markup(svg)  # noqa: S704  # made by segno from our own URI, nothing typed in it


async def _page(request: web.Request, *, status: int = 200, problem: str | None = None,
                worker: str = "", hours: str = "72") -> web.Response:
    codes = await cweb.call(request, enrollment.list_codes, cweb.db(request))
    return cweb.render(request, "admin/enrollment.html", status=status,
                       title="Enrollment codes", codes=codes, problem=problem, worker=worker,
                       hours=hours, max_hours=MAX_HOURS)


@routes.get("/enrollment")
@cweb.page(ADMIN)
async def codes_page(request: web.Request) -> web.Response:
    return await _page(request)


def _hours(text: str) -> float:
    try:
        hours = float(text)
    except ValueError:
        hours = -1.0
    if not 0 < hours <= MAX_HOURS:
        raise AdminError(f"Say how many hours the code works: a number from 1 to {MAX_HOURS}.")
    return hours


@routes.post("/enrollment")
@cweb.page(ADMIN, sensitive=True)
async def issue(request: web.Request) -> web.Response:
    data = await cweb.form(request)
    worker, hours_text = str(data.get("worker", "")).strip(), str(data.get("hours", "72"))
    try:
        if not worker:
            raise AdminError("Type the worker's id (as on their staff record) to issue a code.")
        sync_url, enroll_url = urls(request)
        ca = await cweb.call(request, cweb.console(request).data_dir.load_ca)
        issued = await cweb.call(request, enrollment.issue_code, cweb.db(request), ca, worker,
                                 sync_url, enroll_url, timedelta(hours=_hours(hours_text)))
    except forms.REFUSALS as exc:
        return await _page(request, status=400, problem=str(exc), worker=worker,
                           hours=hours_text)
    return cweb.render(request, "admin/enrollment_issued.html", title="Enrollment code issued",
                       issued=issued, qr=qr_svg(issued.uri))


@routes.post("/enrollment/{code_id}/cancel")
@cweb.page(ADMIN)
async def cancel(request: web.Request) -> web.Response:
    try:
        done = await cweb.call(request, enrollment.cancel_code, cweb.db(request),
                               request.match_info["code_id"])
    except forms.REFUSALS as exc:
        return await _page(request, status=409, problem=str(exc))
    await cweb.flash(request, f"Enrollment code {done.code_id} for {done.worker_id} cancelled; "
                              "it no longer works.")
    raise cweb.see_other("/enrollment")
