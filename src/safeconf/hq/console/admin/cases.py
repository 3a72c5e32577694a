"""Cases: the list (never a sealed case), a search by number, import from a CSV upload with
the per-line report, and one case's page to assign, unassign, close and reopen — on the
services `safeconf-hq cases …` calls. Every view of case content is in HQ's audit chain."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from safeconf.hq import case_views, cases
from safeconf.hq import staff as hq_staff
from safeconf.hq.console import web as cweb
from safeconf.hq.console.admin import forms
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError
from safeconf.hq.workers import require_known

ADMIN = hq_staff.ADMINISTRATOR
routes = web.RouteTableDef()
NAV = [cweb.NavItem("Cases", "/cases", (ADMIN,))]


async def _list_page(request: web.Request, *, status: int = 200, problem: str | None = None,
                     report: list[str] | None = None) -> web.Response:
    who = cweb.viewer(request).name
    number = request.query.get("number", "").strip() if request.method == "GET" else ""
    start = forms.offset(request)
    try:
        found = (await cweb.call(request, case_views.search, cweb.db(request), who, number)
                 if number else
                 await cweb.call(request, case_views.list_cases, cweb.db(request), who, start))
    except forms.REFUSALS as exc:
        problem, status = str(exc), 400
        found = await cweb.call(request, case_views.list_cases, cweb.db(request), who, 0)
    paging = forms.paging("/cases", found.offset, case_views.PAGE_SIZE, found.total)
    return cweb.render(request, "admin/cases.html", status=status, title="Cases",
                       page=found, number=number, searched=bool(number) and problem is None,
                       paging=paging, problem=problem, report=report or [])


@routes.get("/cases")
@cweb.page(ADMIN)
async def case_list(request: web.Request) -> web.Response:
    return await _list_page(request)


def _import(db: Database, text: str) -> int:
    return cases.import_cases(db, cases.parse_cases_csv(text, "The uploaded file"))


@routes.post("/cases/import")
@cweb.page(ADMIN)
async def import_csv(request: web.Request) -> web.Response:
    upload = (await cweb.form(request)).get("file")
    try:
        if not isinstance(upload, web.FileField):
            raise AdminError("Choose a CSV file to import.")
        try:
            text = upload.file.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise AdminError("The uploaded file is not UTF-8 text; save it as CSV UTF-8 "
                             "and try again. Nothing was imported.") from exc
        count = await cweb.call(request, _import, cweb.db(request), text)
    except forms.REFUSALS as exc:
        # "Nothing was imported. Fix these rows:" then one line per row.
        first, *rows = str(exc).split("\n")
        return await _list_page(request, status=400, problem=first,
                                report=[r.strip() for r in rows])
    await cweb.flash(request, f"Imported {count} case{'' if count == 1 else 's'}.")
    raise cweb.see_other("/cases")


async def _case_page(request: web.Request, *, status: int = 200, problem: str | None = None,
                     worker: str = "") -> web.Response:
    try:
        case = await cweb.call(request, case_views.show, cweb.db(request),
                               cweb.viewer(request).name, request.match_info["case_id"])
    except case_views.CaseNotShown as exc:
        raise web.HTTPNotFound() from exc  # the same page for a sealed case as for none
    return cweb.render(request, "admin/case.html", status=status, title="Case", case=case,
                       problem=problem, worker=worker)


@routes.get("/cases/{case_id}")
@cweb.page(ADMIN)
async def case_page(request: web.Request) -> web.Response:
    return await _case_page(request)


async def _change(request: web.Request, change: Any, done: str, *args: Any,
                  worker: str = "") -> web.Response:
    """Do `change(db, number, *args)` to a case the administrator may see, then back to it."""
    case_id = request.match_info["case_id"]
    db = cweb.db(request)
    try:
        number = await cweb.call(request, case_views.visible_number, db, case_id)
    except case_views.CaseNotShown as exc:
        raise web.HTTPNotFound() from exc
    try:
        await cweb.call(request, change, db, number, *args)
    except forms.REFUSALS as exc:
        return await _case_page(request, status=409, problem=str(exc), worker=worker)
    await cweb.flash(request, done)
    raise cweb.see_other(f"/cases/{case_id}")


def _assign(db: Database, number: str, worker: str) -> None:
    cases.assign(db, number, require_known(db, worker))


@routes.post("/cases/{case_id}/assign")
@cweb.page(ADMIN)
async def assign(request: web.Request) -> web.Response:
    worker = str((await cweb.form(request)).get("worker", "")).strip()
    return await _change(request, _assign, f"Assigned to {worker}; their laptops receive the "
                         "case at their next sync.", worker, worker=worker)


@routes.post("/cases/{case_id}/unassign")
@cweb.page(ADMIN)
async def unassign(request: web.Request) -> web.Response:
    worker = str((await cweb.form(request)).get("worker", "")).strip()
    return await _change(request, cases.unassign, f"Unassigned from {worker}; their laptops "
                         "remove the case at their next sync.", worker)


@routes.post("/cases/{case_id}/close")
@cweb.page(ADMIN)
async def close(request: web.Request) -> web.Response:
    return await _change(request, cases.set_closed, "Case closed; the retention time starts "
                         "now.", True)


@routes.post("/cases/{case_id}/reopen")
@cweb.page(ADMIN)
async def reopen(request: web.Request) -> web.Response:
    return await _change(request, cases.set_closed, "Case reopened.", False)
