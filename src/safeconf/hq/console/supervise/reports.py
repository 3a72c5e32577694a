"""What the loss and breach pages share: the list, one report with its trail, and the
actions on it, each through `safeconf.hq.incidents` as `safeconf-hq incidents` does.

The list holds receipts and status only (the service keeps content out of it); a report's
page is `incidents.show`, which records the read in HQ's audit log before handing it over.
A report someone may not see answers exactly as one that does not exist: 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from sqlalchemy import select

from safeconf.domain.reports import parse_receipt
from safeconf.hq import incidents, notify, schema
from safeconf.hq import staff as hq_staff
from safeconf.hq.console import web as cweb
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError


@dataclass(frozen=True)
class Action:
    """One thing a person may do to a report: the service, the form fields it takes (in
    order), what the page says when it is done, and the status of a refusal."""
    run: Callable[..., incidents.ReportSummary]
    fields: tuple[str, ...]
    done: str
    refused_status: int


ACTIONS: dict[str, Action] = {
    "acknowledge": Action(incidents.acknowledge, (), "acknowledged", 409),
    "assign": Action(incidents.assign, ("to",), "assigned", 400),
    "close": Action(incidents.close, ("outcome",), "closed", 400),
    "reopen": Action(incidents.reopen, ("why",), "reopened", 400),
    "notified": Action(incidents.record_notified, ("whom",), "notification recorded", 400),
}


@dataclass(frozen=True)
class Kind:
    """A page of reports of one kind ("loss" or "breach") at `base`."""
    kind: str
    base: str
    title: str
    actions: tuple[str, ...]

    @property
    def prefix(self) -> str:
        return "L-" if self.kind == "loss" else "B-"


@dataclass(frozen=True)
class Delivery:
    """One notification about a report: to whom, when queued, and how sending went."""
    note: notify.Notification
    role: str
    attempts: list[tuple[str, str, str | None]]


@dataclass(frozen=True)
class Shown:
    detail: incidents.ReportDetail
    kind: str
    status: str  # "open", "acknowledged" or "closed", by the service's own reading
    assigned_to: str
    cases: list[str]  # case numbers this viewer may see; a sealed case's never to non-legal
    deliveries: list[Delivery]


def _listed(db: Database, actor: str, kind: str) -> list[incidents.ReportSummary]:
    found = [s for s in incidents.list_reports(db, actor) if s.kind == kind]
    return sorted(found, key=lambda s: not s.is_open)  # open first; stable: oldest first


def _mail_by_report(db: Database) -> dict[str, str]:
    """Per report, how its notifications stand, in a few words for the list."""
    counts: dict[str, dict[str, int]] = {}
    for n in notify.list_notifications(db):
        state = ("delivered" if n.sent_at else "nobody to tell" if n.to_address is None
                 else "failing" if n.last_error else "queued")
        mine = counts.setdefault(n.subject_id, {})
        mine[state] = mine.get(state, 0) + 1
    return {report: ", ".join(f"{k} {v}" for k, v in sorted(c.items()))
            for report, c in counts.items()}


def _case_numbers(db: Database, case_ids: tuple[str, ...], sees_sealed: bool) -> list[str]:
    c = schema.cases
    with db.read() as conn:
        rows = conn.execute(select(c.c.case_number, c.c.sealed)
                            .where(c.c.case_id.in_(list(case_ids)))).all()
    return sorted(r.case_number for r in rows if sees_sealed or not r.sealed)


def _deliveries(db: Database, report_id: str) -> list[Delivery]:
    roles: dict[str, list[str]] = {}
    for person in hq_staff.list_staff(db):  # active holders only: one name, maybe two roles
        roles.setdefault(person.name, []).append(person.role.replace("_", " "))
    return [Delivery(n, ", ".join(sorted(roles.get(n.to_name, []))),
                     notify.attempts_of(db, n.id))
            for n in notify.list_notifications(db) if n.subject_id == report_id]


def _show(db: Database, who: cweb.Viewer, ref: str, with_deliveries: bool) -> Shown:
    detail = incidents.show(db, who.name, ref)  # audited by the service, before it returns
    report = detail.report
    kind = "breach" if detail.receipt.startswith("B-") else "loss"
    cases = ([] if report.affected_unknown else
             _case_numbers(db, tuple(report.affected_case_ids), who.sees_sealed))
    deliveries = _deliveries(db, report.id) if with_deliveries else []
    status, assigned_to = incidents.standing(detail.events)  # the service's one rule
    return Shown(detail, kind, status, assigned_to, cases, deliveries)


def _wrong_kind(kind: Kind, ref: str) -> bool:
    spelled = parse_receipt(ref)
    return spelled is not None and not spelled.startswith(kind.prefix)


async def list_page(request: web.Request, kind: Kind) -> web.Response:
    who = cweb.viewer(request)
    rows = await cweb.call(request, _listed, cweb.db(request), who.name, kind.kind)
    mail = (await cweb.call(request, _mail_by_report, cweb.db(request))
            if kind.kind == "breach" else None)
    return cweb.render(request, "supervise/reports.html", title=kind.title, kind=kind,
                       rows=rows, mail=mail)


async def detail_page(request: web.Request, kind: Kind, *, status: int = 200,
                      problem: str = "", action: str = "",
                      values: Any = None) -> web.Response:
    ref = request.match_info["ref"]
    if _wrong_kind(kind, ref):
        raise web.HTTPNotFound()
    who = cweb.viewer(request)
    try:
        shown = await cweb.call(request, _show, cweb.db(request), who, ref,
                                kind.kind == "breach")
    except AdminError:
        raise web.HTTPNotFound() from None  # unknown, or not theirs: the same answer
    if shown.kind != kind.kind:
        raise web.HTTPNotFound()
    return cweb.render(request, "supervise/report.html", status=status,
                       title=f"{kind.kind.capitalize()} report {shown.detail.receipt}",
                       kind=kind, shown=shown, report=shown.detail.report,
                       problem=problem, failed=action, values=values or {})


async def act(request: web.Request, kind: Kind) -> web.StreamResponse:
    ref, name = request.match_info["ref"], request.match_info["action"]
    if name not in kind.actions or _wrong_kind(kind, ref):
        raise web.HTTPNotFound()
    action = ACTIONS[name]
    form = await cweb.form(request)
    args = [str(form.get(f, "")) for f in action.fields]
    who = cweb.viewer(request)
    try:
        done = await cweb.call(request, action.run, cweb.db(request), who.name, ref, *args)
    except (AdminError, ValueError) as refused:
        # The same page again, saying why, with what was typed kept; a report this person
        # may not see gives the page's 404 (detail_page asks the service again).
        return await detail_page(request, kind, status=action.refused_status,
                                 problem=str(refused), action=name,
                                 values=dict(zip(action.fields, args, strict=True)))
    await cweb.flash(request, f"Report {done.receipt}: {action.done}; now {done.status}.")
    raise cweb.see_other(f"{kind.base}/{done.report_id}")
