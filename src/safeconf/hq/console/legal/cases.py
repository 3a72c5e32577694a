"""Cases for legal: find one by number (a search, which never finds a sealed case), the list
of sealed cases, and a case's page (audited) with its consent and disclosure logs as HQ holds
them, sealing, and unsealing through a second legal officer's approval
(`console.approvals`): ask with a reason, another approves on /approvals, then carry it out
here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from aiohttp import web
from sqlalchemy import select

from safeconf.domain.consent_lifecycle import status as consent_status
from safeconf.domain.records import Case, Consent, Disclosure
from safeconf.hq import admin_audit, cases, schema
from safeconf.hq.console import approvals
from safeconf.hq.console import web as cweb
from safeconf.hq.console.legal import common
from safeconf.hq.console.legal.common import LEGAL_ONLY
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError
from safeconf.hq.sync.changelog import load_record, records_of
from safeconf.hq.validate import is_uuid_text

routes = web.RouteTableDef()
NAV = [cweb.NavItem("Cases (legal)", "/legal/cases", LEGAL_ONLY)]


@dataclass(frozen=True)
class CaseLogs:
    case_id: str
    number: str
    family_name: str
    sealed: bool
    status: str
    consents: tuple[Consent, ...]
    disclosures: tuple[Disclosure, ...]


def load_logs(db: Database, case_id: str) -> CaseLogs:
    """The case and the Consent and Disclosure records HQ holds of it, newest first."""
    k = schema.cases
    with db.read() as conn:
        row = conn.execute(select(k.c.case_number, k.c.sealed, k.c.status)
                           .where(k.c.case_id == case_id)).first()
        if row is None:
            raise AdminError("HQ has no such case.")
        case = load_record(conn, case_id)
        consents: list[Consent] = records_of(conn, "consent", case_id)
        disclosures: list[Disclosure] = records_of(conn, "disclosure", case_id)
    family = case.family_name if isinstance(case, Case) else ""
    return CaseLogs(case_id, str(row.case_number), family, bool(row.sealed), str(row.status),
                    tuple(sorted(consents, key=lambda c: c.created_at, reverse=True)),
                    tuple(sorted(disclosures, key=lambda d: d.disclosed_at, reverse=True)))


def sealed_cases(db: Database) -> list[tuple[str, str]]:
    k = schema.cases
    with db.read() as conn:
        return [(str(i), str(n)) for i, n in conn.execute(
            select(k.c.case_id, k.c.case_number).where(k.c.sealed.is_(True))
            .order_by(k.c.case_number))]


@routes.get("/legal/cases")
@cweb.page(*LEGAL_ONLY)
async def case_search(request: web.Request) -> web.Response:
    typed = request.query.get("number", "").strip()
    found = None
    problem = None
    if typed:
        hit = await cweb.call(request, common.find_case, cweb.db(request), typed)
        # A search never finds a sealed case: they are on their own list below.
        if hit is None or hit.sealed:
            problem = ("No open case has that number. Check it and search again; sealed "
                       "cases are listed separately below.")
        else:
            found = hit
    # A miss is not repeated, not even in the search box: it may be a sealed case's number.
    return cweb.render(request, "legal/cases.html", status=404 if problem else 200,
                       title="Cases (legal)", number="" if problem else typed, found=found,
                       problem=problem)


@routes.get("/legal/cases/sealed")
@cweb.page(*LEGAL_ONLY)
async def case_sealed_list(request: web.Request) -> web.Response:
    db, who = cweb.db(request), cweb.viewer(request)
    rows = await cweb.call(request, admin_audit.read_as, db, who.name, LEGAL_ONLY,
                           "sealed_cases", "list", lambda: sealed_cases(db))
    return cweb.render(request, "legal/sealed.html", title="Sealed cases", rows=rows)


async def _read(request: web.Request, case_id: str) -> CaseLogs:
    db, who = cweb.db(request), cweb.viewer(request)
    wanted = case_id.strip().lower()
    if not is_uuid_text(wanted):
        raise common.not_found()
    try:
        return await cweb.call(request, admin_audit.read_as, db, who.name, LEGAL_ONLY,
                               "case", wanted, lambda: load_logs(db, wanted))
    except AdminError:
        raise common.not_found() from None


async def _render(request: web.Request, logs: CaseLogs, *, status: int = 200,
                  problem: str | None = None, reason: str = "") -> web.Response:
    moment = cweb.now(request)
    unseal = (await cweb.call(request, approvals.latest_for, cweb.db(request),
                              approvals.UNSEAL, logs.case_id, now=moment)
              if logs.sealed else None)
    return cweb.render(request, "legal/case.html", status=status, title="Case (legal)",
                       logs=logs, unseal=unseal, problem=problem, reason=reason,
                       consent_status=lambda c: consent_status(c, moment).value,
                       me=cweb.viewer(request).name)


@routes.get("/legal/cases/{case_id}")
@cweb.page(*LEGAL_ONLY)
async def case_page(request: web.Request) -> web.Response:
    return await _render(request, await _read(request, request.match_info["case_id"]))


async def _after(request: web.Request, logs: CaseLogs, message: str) -> web.Response:
    await cweb.flash(request, message)
    raise cweb.see_other(f"/legal/cases/{logs.case_id}")


@routes.post("/legal/cases/{case_id}/seal")
@cweb.page(*LEGAL_ONLY, sensitive=True)
async def case_seal(request: web.Request) -> web.Response:
    logs = await _read(request, request.match_info["case_id"])
    if logs.sealed:
        return await _render(request, logs, status=409, problem="This case is already "
                             "sealed. Nothing was changed.")
    db, who = cweb.db(request), cweb.viewer(request)
    await cweb.call(request, _seal, db, logs, who.name, cweb.now(request))
    return await _after(request, logs, "The case is sealed: nothing of it reaches anyone but "
                        "legal, and nothing new reaches it.")


def _seal(db: Database, logs: CaseLogs, by: str, now: datetime) -> None:
    cases.set_sealed(db, logs.number, True)
    with db.write() as conn:  # who sealed it, in HQ's chain
        admin_audit.record(conn, by, "case_seal", "case", logs.case_id, now=now)


@routes.post("/legal/cases/{case_id}/unseal-request")
@cweb.page(*LEGAL_ONLY, sensitive=True)
async def case_unseal_request(request: web.Request) -> web.Response:
    logs = await _read(request, request.match_info["case_id"])
    reason = str((await cweb.form(request)).get("reason", "")).strip()
    if not logs.sealed:
        return await _render(request, logs, status=409,
                             problem="This case is not sealed. Nothing was asked.")
    try:
        await cweb.call(request, approvals.request, cweb.db(request), approvals.UNSEAL,
                        logs.case_id, reason, cweb.viewer(request).name, now=cweb.now(request))
    except (AdminError, ValueError) as exc:
        return await _render(request, logs, status=400, problem=str(exc), reason=reason)
    return await _after(request, logs, "Unsealing was asked for. Another legal officer "
                        "approves it on the Approvals page; then you unseal it here.")


@routes.post("/legal/cases/{case_id}/unseal")
@cweb.page(*LEGAL_ONLY, sensitive=True)
async def case_unseal(request: web.Request) -> web.Response:
    logs = await _read(request, request.match_info["case_id"])
    approval_id = str((await cweb.form(request)).get("approval", ""))
    db, moment = cweb.db(request), cweb.now(request)
    latest = await cweb.call(request, approvals.latest_for, db, approvals.UNSEAL,
                             logs.case_id, now=moment)
    if not logs.sealed or latest is None or latest.id != approval_id:
        return await _render(request, logs, status=409, problem=(
            "There is no approved request to unseal this case. Ask for unsealing first; "
            "nothing was changed."))
    try:
        await cweb.call(request, approvals.carry_out, db, approval_id,
                        cweb.viewer(request).name,
                        lambda: cases.set_sealed(db, logs.number, False), now=moment)
    except (AdminError, ValueError) as exc:
        return await _render(request, logs, status=409, problem=str(exc))
    return await _after(request, logs, "The case is unsealed; its laptops receive it again "
                        "at their next sync.")
