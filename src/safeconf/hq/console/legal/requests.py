"""Subpoenas and records requests: the queue by due day (overdue first, then soonest, in
business days), 100 a page; one request in full with its documents and steps (audited by
`legal_requests.show`); legal's next step (`legal_requests.answer`, the verbs of `safeconf-hq
requests`); and logging a request received at HQ (`legal_requests.log_at_hq`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from aiohttp import web

from safeconf.domain.disclosure_terms import HealthPurpose
from safeconf.domain.legal_request_states import RequestState
from safeconf.domain.records import LegalAction, LegalRequestKind, RequesterBody
from safeconf.domain.validation import optional_scan
from safeconf.hq import admin_audit, legal_requests
from safeconf.hq.console import web as cweb
from safeconf.hq.console.legal import common
from safeconf.hq.console.legal.common import LEGAL_WORK, PAGE_SIZE
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError
from safeconf.hq.sync.changelog import load_record

routes = web.RouteTableDef()
NAV = [cweb.NavItem("Legal requests", "/legal/requests", LEGAL_WORK)]

SHOWS = {"open": "open requests by due day", "overdue": "overdue requests",
         "all": "all requests, oldest first"}


@dataclass(frozen=True)
class Step:
    """One of legal's verbs as the page offers it: which text it needs and how it is asked."""
    action: LegalAction
    button: str
    text_label: str
    text_required: bool
    days: bool = False
    sha256: bool = False


STEPS = (
    Step(LegalAction.ACKNOWLEDGE, "Acknowledge", "Note", False),
    Step(LegalAction.EXTEND, "Extend the due day", "Reason for the extension", True,
         days=True),
    Step(LegalAction.RELEASE, "Record the release (closes it)",
         "What was released, and the redactions made", True, sha256=True),
    Step(LegalAction.DENY, "Deny (closes it)", "Reason for the denial", True),
    Step(LegalAction.SEAL, "Records sealed as asked (closes it)", "Note", False),
    Step(LegalAction.CLOSE, "Close", "Outcome", True),
    Step(LegalAction.REOPEN, "Reopen", "Note", False),
)
STEP_BY_ACTION = {s.action.value: s for s in STEPS}


def _steps_for(state: RequestState) -> list[Step]:
    if state is RequestState.CLOSED:
        return [s for s in STEPS if s.action is LegalAction.REOPEN]
    return [s for s in STEPS if s.action is not LegalAction.REOPEN
            and (s.action is not LegalAction.ACKNOWLEDGE or state is RequestState.OPEN)]


def _queue(db: Database, show: str, kind: str, today: date) -> list[Any]:
    """The rows of the queue, in its order; one read of HQ's requests."""
    if show == "all":
        rows = legal_requests.list_requests(db)
    else:
        with db.read() as conn:
            rows = legal_requests.due(conn, today)
        if show == "overdue":
            rows = [r for r in rows if r.overdue(today)]
    if kind:
        rows = [r for r in rows if r.request.kind.value == kind]
    return rows


@routes.get("/legal/requests")
@cweb.page(*LEGAL_WORK)
async def request_list(request: web.Request) -> web.Response:
    show = request.query.get("show", "open")
    show = show if show in SHOWS else "open"
    kind = request.query.get("kind", "")
    kind = kind if kind in {k.value for k in LegalRequestKind} else ""
    today = cweb.now(request).date()
    db, who = cweb.db(request), cweb.viewer(request)
    # The queue names cases (their numbers): its reading is recorded too.
    rows = await cweb.call(request, admin_audit.read_as, db, who.name, LEGAL_WORK,
                           "legal_request_queue", show,
                           lambda: _queue(db, show, kind, today))
    hidden = await common.hidden_cases(request)
    rows = [r for r in rows if r.request.case_id not in hidden]
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    number = min(common.page_number(request.query.get("page")), pages)
    shown = rows[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
    return cweb.render(
        request, "legal/requests.html", title="Legal requests", rows=shown, total=len(rows),
        page=number, pages=pages, show=show, shows=SHOWS, kind=kind, today=today,
        kinds=legal_requests.KIND_WORDS, receipt=legal_requests.receipt_of,
        state_words=_state_words)


def _state_words(standing: Any) -> str:
    if standing.state is RequestState.CLOSED and standing.closing is not None:
        return legal_requests.ACTION_WORDS[standing.closing.action]
    return str(standing.state.value)


# -- logging a request received at HQ ---------------------------------------------------

FIELDS = ("case", "kind", "requester", "body", "body_kind", "asked", "received_on",
          "business_days", "health_purpose")


def _render_new(request: web.Request, *, status: int = 200, problem: str | None = None,
                values: dict[str, str] | None = None) -> web.Response:
    return cweb.render(request, "legal/request_new.html", status=status,
                       title="Log a legal request received at HQ", problem=problem,
                       values=values or {"body_kind": RequesterBody.COURT.value},
                       kinds=legal_requests.KIND_WORDS, bodies=list(RequesterBody),
                       purposes=list(HealthPurpose))


@routes.get("/legal/requests/new")
@cweb.page(*LEGAL_WORK)
async def request_new(request: web.Request) -> web.Response:
    return _render_new(request)


@routes.post("/legal/requests/new")
@cweb.page(*LEGAL_WORK)
async def request_log(request: web.Request) -> web.Response:
    form = await cweb.form(request)
    values = {k: str(form.get(k, "")).strip() for k in FIELDS}
    values["asked"] = str(form.get("asked", "")).strip()
    attachments: list[tuple[str, bytes]] = []
    problem = _log_problem(values)
    for upload in form.getall("attach", []):
        if isinstance(upload, web.FileField) and upload.filename:
            data = upload.file.read()
            refused = optional_scan(data)
            if refused is not None:
                problem = problem or (f"The attached file {refused}. Attach a PDF, PNG, JPEG "
                                      "or TIFF scan. Nothing was stored.")
            attachments.append((upload.filename, data))
    if problem is None:
        db, who = cweb.db(request), cweb.viewer(request)
        found = await cweb.call(request, common.find_case, db, values["case"])
        if found is None or (found.sealed and not who.sees_sealed):
            problem = common.NO_SUCH_CASE
        else:
            try:
                done = await cweb.call(
                    request, legal_requests.log_at_hq, db, found.case_id,
                    LegalRequestKind(values["kind"]), values["requester"], values["body"],
                    RequesterBody(values["body_kind"]), values["asked"],
                    date.fromisoformat(values["received_on"]), int(values["business_days"]),
                    HealthPurpose(values["health_purpose"]) if values["health_purpose"]
                    else None, attachments, who.name)
            except (AdminError, ValueError) as exc:
                problem = str(exc)
            else:
                await cweb.flash(request, f"Request {legal_requests.receipt_of(done.id)} logged, "
                                 f"due {done.due_on}, with {len(attachments)} document(s); "
                                 "legal is told and the case's laptops receive it at their "
                                 "next sync.")
                raise cweb.see_other(f"/legal/requests/{done.id}")
    return _render_new(request, status=400, problem=problem, values=values)


def _log_problem(values: dict[str, str]) -> str | None:
    missing = [label for key, label in (("case", "the case number"), ("requester", "who asks"),
                                        ("body", "the court or agency"),
                                        ("asked", "what is asked")) if not values[key]]
    if missing:
        return f"Fill in {', '.join(missing)}. Nothing was stored."
    if values["kind"] not in {k.value for k in LegalRequestKind}:
        return "Choose the kind of request. Nothing was stored."
    if values["body_kind"] not in {b.value for b in RequesterBody}:
        return "Choose what kind of body asks. Nothing was stored."
    if values["health_purpose"] and values["health_purpose"] not in {
            h.value for h in HealthPurpose}:
        return "Choose the health purpose from the list. Nothing was stored."
    try:
        date.fromisoformat(values["received_on"])
    except ValueError:
        return "Give the day it was received as a date (YYYY-MM-DD). Nothing was stored."
    if not values["business_days"].isdigit():
        return ("Give the deadline as a number of business days (1 to 365). Nothing was "
                "stored.")
    return None


# -- one request ----------------------------------------------------------------------


def _case_of(db: Database, request_id: str) -> str | None:
    with db.read() as conn:
        found = load_record(conn, request_id)
    return getattr(found, "case_id", None)


async def _show(request: web.Request, request_id: str) -> legal_requests.RequestDetail:
    """The request in full, read (and recorded) as the signed-in person; a sealed case's
    request is looked up first for readers who may not see it, so it is not even read."""
    db, who = cweb.db(request), cweb.viewer(request)
    try:
        wanted = legal_requests.parse_id(request_id)
        if not who.sees_sealed:
            case_id = await cweb.call(request, _case_of, db, wanted)
            if case_id in await common.hidden_cases(request):
                raise common.not_found()
        return await cweb.call(request, legal_requests.show, db, wanted, who.name)
    except AdminError:
        raise common.not_found() from None


def _render_detail(request: web.Request, detail: legal_requests.RequestDetail, *,
                   status: int = 200, problem: str | None = None,
                   values: dict[str, str] | None = None) -> web.Response:
    today = cweb.now(request).date()
    s = detail.standing
    return cweb.render(
        request, "legal/request.html", status=status, title="Legal request",
        detail=detail, r=detail.request, standing=s, receipt=legal_requests.receipt_of,
        kinds=legal_requests.KIND_WORDS, actions=legal_requests.ACTION_WORDS,
        overdue=s.is_open and date.fromisoformat(s.due_on) < today,
        state=_state_words(s), steps=_steps_for(s.state), problem=problem,
        values=values or {})


@routes.get("/requests/{receipt}")
@cweb.page(*LEGAL_WORK)
async def by_receipt(request: web.Request) -> web.StreamResponse:
    """Where a notification's link (/requests/LR-…) leads: the request's own page."""
    found = await cweb.call(request, legal_requests.ids_by_receipt, cweb.db(request),
                            request.match_info["receipt"])
    if len(found) != 1:  # unknown, or (once in four billion) two requests share a receipt
        raise common.not_found() if not found else cweb.see_other("/legal/requests?show=all")
    raise cweb.see_other(f"/legal/requests/{found[0]}")


@routes.get("/legal/requests/{request_id}")
@cweb.page(*LEGAL_WORK)
async def request_detail(request: web.Request) -> web.Response:
    return _render_detail(request, await _show(request, request.match_info["request_id"]))


@routes.get("/legal/requests/{request_id}/documents/{sha256}")
@cweb.page(*LEGAL_WORK)
async def request_document(request: web.Request) -> web.Response:
    detail = await _show(request, request.match_info["request_id"])
    try:
        doc = await cweb.call(request, legal_requests.document, cweb.db(request),
                              detail.request.id, request.match_info["sha256"],
                              cweb.viewer(request).name)
    except AdminError:
        raise common.not_found() from None
    # Always a download: a scan is never rendered inside the console's origin.
    return web.Response(body=doc.data, content_type="application/octet-stream", headers={
        "Content-Disposition": f'attachment; filename="request-{doc.sha256[:12]}.bin"'})


@routes.post("/legal/requests/{request_id}/step")
@cweb.page(*LEGAL_WORK, sensitive=True)
async def request_step(request: web.Request) -> web.Response:
    form = await cweb.form(request)
    values = {k: str(form.get(k, "")).strip() for k in ("action", "text", "days", "sha256")}
    detail = await _show(request, request.match_info["request_id"])
    step = STEP_BY_ACTION.get(values["action"])
    problem = _step_problem(step, values)
    status = 400  # the form lacks something; 409: the service refused the step
    if problem is None and step is not None:
        status = 409
        try:
            event = await cweb.call(
                request, legal_requests.answer, cweb.db(request), detail.request.id,
                step.action, cweb.viewer(request).name, values["text"],
                released_sha256=values["sha256"],
                extend_days=int(values["days"]) if step.days else None)
        except (AdminError, ValueError) as exc:
            problem = str(exc)
        else:
            due = f" (now due {event.new_due_on})" if event.new_due_on else ""
            await cweb.flash(request, f"Request {legal_requests.receipt_of(event.request_id)} "
                             f"{legal_requests.ACTION_WORDS[step.action]}{due}; the laptops "
                             "of the case receive it at their next sync.")
            raise cweb.see_other(f"/legal/requests/{detail.request.id}")
    return _render_detail(request, detail, status=status, problem=problem, values=values)


def _step_problem(step: Step | None, values: dict[str, str]) -> str | None:
    if step is None:
        return "Choose one of the steps below. Nothing was stored."
    if step.text_required and not values["text"]:
        return f"{step.button}: write the {step.text_label.lower()}. Nothing was stored."
    if step.days and not values["days"].isdigit():
        return ("Extend the due day: give the business days to add, as a number from 1 to "
                "365. Nothing was stored.")
    return None
