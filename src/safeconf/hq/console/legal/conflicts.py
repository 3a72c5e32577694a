"""Sync conflicts for legal: the list (ids, types, reasons), one conflict side by side (the
device's version and HQ's copy, only the fields that differ, as `safeconf-hq conflicts show`,
audited as it is), and settling it by keeping HQ's copy or the device's, with a note."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from safeconf.hq import admin_audit
from safeconf.hq import staff as hq_staff
from safeconf.hq.console import web as cweb
from safeconf.hq.console.legal import common
from safeconf.hq.console.legal.common import LEGAL_ONLY
from safeconf.hq.errors import AdminError
from safeconf.hq.sync import conflicts
from safeconf.hq.sync.push import REASONS

routes = web.RouteTableDef()
NAV = [cweb.NavItem("Conflicts", "/legal/conflicts", LEGAL_ONLY)]
READERS = (hq_staff.ADMINISTRATOR, hq_staff.LEGAL)  # as the CLI's `conflicts show`
_MISSING = object()


@dataclass(frozen=True)
class FieldRow:
    name: str
    hq: str
    device: str
    same: bool  # a context field (the note's section) shown though equal


def _text(value: object) -> str:
    if value is _MISSING:
        return "(absent)"
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value if value else '""'
    return json.dumps(value, ensure_ascii=False)


def side_by_side(detail: conflicts.ConflictDetail) -> list[FieldRow]:
    """The fields `conflicts.format_detail` prints: the record type's context fields, then
    every field that differs between HQ's copy and the device's version."""
    hq, device = detail.hq_data or {}, detail.device_data
    context = [f for f in conflicts.CONTEXT_FIELDS.get(detail.summary.record_type, ())
               if f in device or f in hq]
    differing = [f for f in sorted(set(device) | set(hq))
                 if f not in context and (f not in device or f not in hq
                                          or device[f] != hq[f])]
    return [FieldRow(name, _text(hq.get(name, _MISSING)), _text(device.get(name, _MISSING)),
                     name in context and device.get(name) == hq.get(name))
            for name in context + differing]


async def _hidden_ok(request: web.Request, rows: list[Any]) -> list[Any]:
    hidden = await common.hidden_cases(request)
    return [r for r in rows if r.case_id not in hidden]


@routes.get("/legal/conflicts")
@cweb.page(*LEGAL_ONLY)
async def conflict_list(request: web.Request) -> web.Response:
    include = request.query.get("all") == "1"
    db, who = cweb.db(request), cweb.viewer(request)
    # The list names cases (their numbers): its reading is recorded too.
    rows = await cweb.call(request, admin_audit.read_as, db, who.name, READERS,
                           "conflict_list", "all" if include else "open",
                           lambda: conflicts.list_conflicts(db, include))
    return cweb.render(request, "legal/conflicts.html", title="Sync conflicts",
                       rows=await _hidden_ok(request, rows), include=include)


async def _read(request: web.Request, text: str) -> conflicts.ConflictDetail:
    db, who = cweb.db(request), cweb.viewer(request)
    try:
        conflict_id = conflicts.parse_id(text)
        return await cweb.call(request, admin_audit.read_as, db, who.name, READERS,
                               "conflict", str(conflict_id),
                               lambda: conflicts.load(db, conflict_id))
    except AdminError:
        raise common.not_found() from None


def _render(request: web.Request, detail: conflicts.ConflictDetail, *, status: int = 200,
            problem: str | None = None, keep: str = "", note: str = "") -> web.Response:
    return cweb.render(request, "legal/conflict.html", status=status, title="Sync conflict",
                       detail=detail, s=detail.summary, rows=side_by_side(detail),
                       explained=REASONS.get(detail.summary.reason, ""), problem=problem,
                       keep=keep, note=note, max_note=conflicts.MAX_NOTE_CHARS)


@routes.get("/legal/conflicts/{conflict_id}")
@cweb.page(*LEGAL_ONLY)
async def conflict_detail(request: web.Request) -> web.Response:
    return _render(request, await _read(request, request.match_info["conflict_id"]))


@routes.post("/legal/conflicts/{conflict_id}/resolve")
@cweb.page(*LEGAL_ONLY, sensitive=True)
async def conflict_resolve(request: web.Request) -> web.Response:
    detail = await _read(request, request.match_info["conflict_id"])
    form = await cweb.form(request)
    keep, note = str(form.get("keep", "")), str(form.get("note", "")).strip()
    problem = None
    if keep not in conflicts.KEEP_CHOICES:
        problem = "Choose which version stays: HQ's copy or the device's version."
    else:
        try:
            done = await cweb.call(request, conflicts.resolve, cweb.db(request),
                                   detail.summary.conflict_id, keep, note or None,
                                   cweb.viewer(request).name)
        except (AdminError, ValueError) as exc:
            problem = str(exc)
        else:
            kept = ("HQ's copy stays; the device's version remains kept with the conflict"
                    if done.kept == "hq" else
                    f"the device's version is now HQ's version {done.new_version} of the "
                    "record; the case's laptops receive it at their next sync")
            await cweb.flash(request, f"Conflict {detail.summary.conflict_id} settled: {kept}.")
            raise cweb.see_other(f"/legal/conflicts/{detail.summary.conflict_id}")
    return _render(request, detail, status=409 if keep in conflicts.KEEP_CHOICES else 400,
                   problem=problem, keep=keep, note=note)
