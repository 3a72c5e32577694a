"""Legal requests at HQ (`safeconf-hq requests`): subpoenas, records requests,
health-information requests and requests to seal or release records. A request pushed by a
laptop lands like any case record and is routed to legal at intake; one received at HQ is
logged here and sent to the case's laptops. Legal's steps (acknowledge, extend, deny,
release, seal, close, reopen) are `LegalRequestEvent`s HQ writes and logs, so the laptops of
the case pull them; each passes the same validation and change rules as a record anywhere.

Who may act: the `legal` and `legal_director` roles of HQ's people (`hq/staff.py`); reading a
request's content is recorded in HQ's own audit chain (`hq/admin_audit.py`).
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from safeconf.domain import termsafe
from safeconf.domain.business_days import add_business_days, agency_holidays, due_date
from safeconf.domain.change_rules import judge_change
from safeconf.domain.disclosure_terms import HealthPurpose
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.legal_request_states import RequestState, Standing, standing_of
from safeconf.domain.records import (
    LegalAction,
    LegalRequest,
    LegalRequestDocument,
    LegalRequestEvent,
    LegalRequestKind,
    LoggedWhere,
    RequesterBody,
)
from safeconf.domain.statements import current_statements
from safeconf.domain.validation import validate
from safeconf.hq import cases, clock, schema
from safeconf.hq.db import Database, head_change_seq
from safeconf.hq.errors import AdminError
from safeconf.hq.sync.changelog import load_typed, put_hq_record, records_of
from safeconf.hq.sync.record_view import HQRecordView
from safeconf.hq.validate import is_uuid_text

log = logging.getLogger("safeconf.hq")

LEGAL_ROLES = frozenset({"legal", "legal_director"})
KIND_WORDS = {LegalRequestKind.SUBPOENA: "subpoena",
              LegalRequestKind.RECORDS_REQUEST: "records request",
              LegalRequestKind.HEALTH_INFO_REQUEST: "health-information request",
              LegalRequestKind.SEAL_REQUEST: "request to seal",
              LegalRequestKind.RELEASE_REQUEST: "request to release"}
ACTION_WORDS = {LegalAction.ACKNOWLEDGE: "acknowledged", LegalAction.EXTEND: "extended",
                LegalAction.DENY: "denied", LegalAction.RELEASE: "released",
                LegalAction.SEAL: "sealed", LegalAction.CLOSE: "closed",
                LegalAction.REOPEN: "reopened"}


def receipt_of(request_id: str) -> str:
    """The short number people quote for a request (in a notification, on the phone): from
    the id's random tail, since a UUIDv7's head is its time and repeats for a minute."""
    return "LR-" + request_id.replace("-", "")[-8:].upper()


RECEIPT = re.compile(r"LR-([0-9A-Fa-f]{8})")


def ids_by_receipt(db: Database, receipt: str) -> list[str]:
    """The requests a receipt may name (almost always one: it is an id's first 32 bits)."""
    found = RECEIPT.fullmatch(receipt.strip())
    if found is None:
        return []
    r = schema.records
    with db.read() as conn:
        return sorted(conn.execute(select(r.c.id).where(
            r.c.type == "legal_request", r.c.id.like("%" + found.group(1).lower()))).scalars())


@dataclass(frozen=True)
class RequestSummary:
    """What lists show: ids, kinds, dates and standing, never who asks or what is asked."""

    request: LegalRequest
    case_number: str | None
    standing: Standing

    @property
    def due_on(self) -> str:
        return self.standing.due_on

    def overdue(self, today: date) -> bool:
        return self.standing.is_open and date.fromisoformat(self.due_on) < today


@dataclass(frozen=True)
class RequestDetail:
    request: LegalRequest
    case_number: str | None
    sealed: bool
    documents: tuple[LegalRequestDocument, ...]
    events: tuple[LegalRequestEvent, ...]
    standing: Standing


# -- HQ's people and audit (hq/staff.py, hq/admin_audit.py) ------------------------------


def _optional(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None


def require_legal(conn: Connection, actor: str) -> str:
    """`actor`, checked to hold a legal role among HQ's people. Until HQ has its staff list
    (an HQ without `hq/staff.py`), any non-blank name is taken as given."""
    name = actor.strip()
    if not name:
        raise AdminError("Say who you are with --as NAME (someone in legal).")
    staff = _optional("safeconf.hq.staff")
    if staff is not None:
        staff.require(conn, name, set(LEGAL_ROLES))
    return name


def _audit(conn: Connection, actor: str, action: str, request_id: str, detail: str = "") -> None:
    audit = _optional("safeconf.hq.admin_audit")
    if audit is not None:
        audit.record(conn, actor, action, "legal_request", request_id, detail)
    else:
        log.info("legal request %s: %s by an admin", request_id, action)


def route_at_intake(conn: Connection, request: LegalRequest, worker_id: str, now: str) -> None:
    """Tell legal a request arrived (`hq/routing.py`), in the transaction that stores it."""
    routing = _optional("safeconf.hq.routing")
    if routing is None:
        log.info("legal request %s received; no routing configured", request.id)
        return
    routing.report_received(conn, "legal_request", request.id, worker_id,
                            receipt_of(request.id), clock.parse(now))


# -- reading ---------------------------------------------------------------------------



def _events_by_request(conn: Connection,
                       case_id: str | None = None) -> dict[str, list[LegalRequestEvent]]:
    found: dict[str, list[LegalRequestEvent]] = {}
    for event in records_of(conn, "legal_request_event", case_id):
        found.setdefault(event.request_id, []).append(event)
    return found


# The queue as of a change-log head: every request and every step lands with a new change
# seq (committed with it), so while the head stands still the queue is the same, and legal's
# page of 10,000 requests is not rebuilt at every click. The head is read first: a commit
# between the two reads is picked up at the next call, never hidden.
_QUEUE: dict[str | None, tuple[int, list[RequestSummary]]] = {}
_QUEUE_LOCK = threading.Lock()


def summaries(conn: Connection, case_id: str | None = None) -> list[RequestSummary]:
    head = head_change_seq(conn)
    with _QUEUE_LOCK:
        cached = _QUEUE.get(case_id)
    if cached is not None and cached[0] == head:
        return list(cached[1])
    requests: list[LegalRequest] = records_of(conn, "legal_request", case_id)
    events = _events_by_request(conn, case_id)
    numbers = cases.numbers(conn)
    rows = [RequestSummary(r, numbers.get(r.case_id), standing_of(r, events.get(r.id, [])))
            for r in sorted(requests, key=lambda r: (r.received_on, r.logged_at, r.id))]
    with _QUEUE_LOCK:
        if case_id is not None and len(_QUEUE) > 64:  # one case's queues: a few at a time
            _QUEUE.clear()
        _QUEUE[case_id] = (head, rows)
    return list(rows)


def list_requests(db: Database, open_only: bool = False,
                  case_id: str | None = None) -> list[RequestSummary]:
    """Every request HQ holds (or one case's), oldest first; `open_only`: not closed."""
    with db.read() as conn:
        rows = summaries(conn, case_id)
    return [row for row in rows if row.standing.is_open or not open_only]


def due(conn: Connection, today: date) -> list[RequestSummary]:
    """Open requests, soonest due first (overdue ones first of all)."""
    rows = [row for row in summaries(conn) if row.standing.is_open]
    return sorted(rows, key=lambda row: (row.due_on, row.request.received_on, row.request.id))


def parse_id(text: str) -> str:
    wanted = text.strip().lower()
    if not is_uuid_text(wanted):
        raise AdminError(f"{text!r} is not a legal request id; `safeconf-hq requests list` "
                         "lists them.")
    return wanted


def _load_request(conn: Connection, request_id: str) -> LegalRequest:
    return load_typed(conn, request_id, LegalRequest, "legal request",
                      "`safeconf-hq requests list`")


def show(db: Database, request_id: str, actor: str) -> RequestDetail:
    """One request in full, with its documents and legal's steps; the reading is audited."""
    wanted = parse_id(request_id)
    with db.write() as conn:
        name = require_legal(conn, actor)
        request = _load_request(conn, wanted)
        k = schema.cases
        case = conn.execute(select(k.c.case_number, k.c.sealed)
                            .where(k.c.case_id == request.case_id)).first()
        documents = tuple(d for d in records_of(conn, "legal_request_document",
                                                 request.case_id) if d.request_id == wanted)
        events = tuple(sorted(_events_by_request(conn, request.case_id).get(wanted, []),
                              key=lambda e: (e.at, e.id)))
        _audit(conn, name, "legal_request.show", wanted)
    log.info("legal request shown: %s", wanted)
    return RequestDetail(request, None if case is None else str(case.case_number),
                         bool(case is not None and case.sealed), documents, events,
                         standing_of(request, events))


def document(db: Database, request_id: str, sha256: str, actor: str) -> LegalRequestDocument:
    """One document of a request, to save to a file; the reading is audited."""
    wanted = parse_id(request_id)
    with db.write() as conn:
        name = require_legal(conn, actor)
        request = _load_request(conn, wanted)
        for doc in records_of(conn, "legal_request_document", request.case_id):
            if doc.request_id == wanted and doc.sha256 == sha256.strip().lower():
                _audit(conn, name, "legal_request.document", wanted, doc.sha256)
                return doc
    raise AdminError(f"Legal request {wanted} has no document with that SHA-256.")


# -- writing ---------------------------------------------------------------------------


def _open_case(conn: Connection, case_id: str) -> str:
    k = schema.cases
    # Locking the case row first serialises two steps on the same case's requests.
    case = conn.execute(select(k.c.case_number, k.c.sealed)
                        .where(k.c.case_id == case_id).with_for_update()).first()
    if case is None:
        raise AdminError("The case of this request does not exist at HQ; nothing was stored.")
    if case.sealed:
        raise AdminError(f"Case {case.case_number} is sealed: nothing new reaches it. "
                         "Nothing was stored.")
    return str(case.case_number)


def _store(conn: Connection, record: Any, stamp: str) -> None:
    try:
        validate(record)
    except InvalidRecord as exc:
        raise AdminError(f"Nothing was stored: {exc}") from exc
    view = HQRecordView(conn)
    refusal = judge_change(record, view.current(record.id), view, current_statements())
    if refusal is not None:
        raise AdminError(f"Nothing was stored: {refusal.message}")
    put_hq_record(conn, record, stamp)


def log_at_hq(db: Database, case_id: str, kind: LegalRequestKind, requester: str,
              requester_body: str, body_kind: RequesterBody, asked: str, received_on: date,
              business_days: int, health_purpose: HealthPurpose | None,
              attachments: Sequence[tuple[str, bytes]], actor: str) -> LegalRequest:
    """A request received at HQ, with its documents: stored, routed to legal and logged for
    the case's laptops, all or nothing."""
    stamp = clock.iso(clock.now())
    if not 1 <= business_days <= 365:
        raise AdminError("A deadline is from 1 to 365 business days. Nothing was stored.")
    with db.write() as conn:
        name = require_legal(conn, actor)
        _open_case(conn, case_id)
        request = LegalRequest(
            case_id=case_id, kind=kind, requester=requester.strip(),
            requester_body=requester_body.strip(), body_kind=body_kind, asked=asked.strip(),
            received_on=received_on.isoformat(), business_days=business_days,
            due_on=due_date(received_on, business_days).isoformat(),
            health_purpose=health_purpose, logged_by=name, logged_at=stamp,
            logged_where=LoggedWhere.HQ, origin_device="hq", created_at=stamp,
            updated_at=stamp)
        _store(conn, request, stamp)
        for file_name, data in attachments:
            _store(conn, LegalRequestDocument(
                case_id=case_id, request_id=request.id, file_name=file_name, data=data,
                sha256=hashlib.sha256(data).hexdigest(), added_by=name, added_at=stamp,
                origin_device="hq", created_at=stamp, updated_at=stamp), stamp)
        route_at_intake(conn, request, "", stamp)
        _audit(conn, name, "legal_request.log", request.id)
    log.info("legal request %s logged at HQ with %d document(s)", request.id, len(attachments))
    return request


def extended_due(current_due_on: str, days: int) -> date:
    """The due day `days` business days after the current one."""
    if not 1 <= days <= 365:
        raise AdminError("An extension is from 1 to 365 business days. Nothing was stored.")
    return add_business_days(date.fromisoformat(current_due_on), days, agency_holidays())


def answer(db: Database, request_id: str, action: LegalAction, by: str, text: str = "",
           new_due_on: date | None = None, released_sha256: str = "",
           extend_days: int | None = None) -> LegalRequestEvent:
    """Legal's next step on a request, stored and logged for the case's laptops. Refused,
    with nothing stored, for a request HQ does not hold, a sealed case, a step the request's
    state does not allow, or one the record rules refuse (a denial without its reason, an
    extension that is not later, …). `extend_days`: the new due day counted from the current
    one, in business days (instead of `new_due_on`)."""
    wanted = parse_id(request_id)
    stamp = clock.iso(clock.now())
    with db.write() as conn:
        name = require_legal(conn, by)
        request = _load_request(conn, wanted)
        _open_case(conn, request.case_id)
        if extend_days is not None:
            events = _events_by_request(conn, request.case_id).get(wanted, [])
            new_due_on = extended_due(standing_of(request, events).due_on, extend_days)
        record = LegalRequestEvent(
            case_id=request.case_id, request_id=wanted, action=action, by=name, at=stamp,
            text=text.strip(), new_due_on=None if new_due_on is None else
            new_due_on.isoformat(), released_sha256=released_sha256.strip().lower(),
            origin_device="hq", created_at=stamp, updated_at=stamp)
        _store(conn, record, stamp)
        _audit(conn, name, f"legal_request.{action.value}", wanted, record.id)
    log.info("legal request %s %s as %s", wanted, action.value, record.id)
    return record


# -- what the admin reads --------------------------------------------------------------


def _state_words(standing: Standing) -> str:
    if standing.state is RequestState.CLOSED and standing.closing is not None:
        return ACTION_WORDS[standing.closing.action]
    return standing.state.value


def format_table(rows: Sequence[RequestSummary], today: date, *, empty: str) -> str:
    if not rows:
        return empty
    lines = [f"{'REQUEST':<36} {'RECEIPT':<11} {'CASE':<16} {'KIND':<26} {'RECEIVED':<10} "
             f"{'DUE':<10} STATUS"]
    for row in rows:
        late = "  OVERDUE" if row.overdue(today) else ""
        lines.append(
            f"{row.request.id:<36} {receipt_of(row.request.id):<11} "
            f"{termsafe.safe(row.case_number or '(not at HQ)')[:16]:<16} "
            f"{KIND_WORDS[row.request.kind]:<26} {row.request.received_on:<10} "
            f"{row.due_on:<10} {_state_words(row.standing)}{late}")
    return "\n".join(lines)


def format_detail(detail: RequestDetail, today: date) -> str:
    r, s = detail.request, detail.standing
    case = detail.case_number or "(not at HQ)"
    late = " (OVERDUE)" if s.is_open and date.fromisoformat(s.due_on) < today else ""
    lines = [
        f"Legal request {r.id} ({receipt_of(r.id)})",
        f"  case:        {case}{' (SEALED)' if detail.sealed else ''} ({r.case_id})",
        f"  kind:        {KIND_WORDS[r.kind]}"
        + (f" (health purpose: {r.health_purpose.value})" if r.health_purpose else ""),
        f"  from:        {r.requester}, {r.requester_body} ({r.body_kind.value})",
        f"  received:    {r.received_on}; {r.business_days} business days",
        f"  due:         {s.due_on}{late}",
        f"  logged:      {clock.short(r.logged_at)} by {r.logged_by} on the {r.logged_where.value}",
        f"  status:      {_state_words(s)}",
        "  asked:",
        *(f"    {line}" for line in r.asked.split("\n")),
        "  documents:",
        *(f"    - {d.file_name} ({len(d.data):,} bytes, sha256 {d.sha256})"
          for d in detail.documents),
    ]
    if not detail.documents:
        lines.append("    (none)")
    lines.append("  steps:")
    for e in detail.events:
        extra = f" to {e.new_due_on}" if e.new_due_on else ""
        lines.append(f"    {clock.short(e.at)} {ACTION_WORDS[e.action]}{extra} by {e.by}")
        lines.extend(f"      {line}" for line in e.text.split("\n") if e.text)
        if e.released_sha256:
            lines.append(f"      released document sha256 {e.released_sha256}")
    if not detail.events:
        lines.append("    (none yet)")
    # Text written on a laptop must not drive, reorder or hide what the reader sees.
    return termsafe.safe_lines("\n".join(lines))
