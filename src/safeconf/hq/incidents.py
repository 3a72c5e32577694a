"""Loss and breach reports at HQ (`safeconf-hq incidents`): intake of pushed reports, reports
filed at HQ for a laptop that is gone, and each report's append-only status trail.

Who sees what is `domain.caseless.HANDLING_ROLES`: a loss goes to administrators, the legal
director and the supervisor of the reporting worker (a supervisor sees only the losses of
the workers they supervise); a breach to the legal director alone. Every read of a report's
content is recorded in HQ's own audit log before the content is handed over.

A stolen device is revoked with wipe the moment HQ learns of it, in the same transaction, so
nothing it pushes afterwards is ever accepted (its next connection is told to wipe).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from sqlalchemy import Connection, insert, select, update

from safeconf.domain import codec, termsafe
from safeconf.domain.auditchain import canonical_json
from safeconf.domain.caseless import HANDLING_ROLES, REPORT_TYPES
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.records import BreachReport, LossKind, LossReport
from safeconf.domain.reports import parse_receipt, receipt, report_kind
from safeconf.domain.validation import validate
from safeconf.hq import clock, schema
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError
from safeconf.hq.validate import is_uuid_text

log = logging.getLogger("safeconf.hq")

HQ_ACTOR = "hq"  # intake and the server's own steps
EVENT_KINDS = ("received", "acknowledged", "assigned", "notified", "commissioner_notified",
               "hr_notified", "device_revoked", "device_not_revoked", "closed", "reopened")
ALL_HANDLERS = frozenset().union(*(HANDLING_ROLES[t] for t in REPORT_TYPES))
# The roles that see every loss, not only those of the workers they supervise.
_SEE_ALL_LOSSES = frozenset({"administrator", "legal_director"})
WHOM = {"commissioner": "commissioner_notified", "hr": "hr_notified"}

Report = LossReport | BreachReport


@dataclass(frozen=True)
class ReportEvent:
    kind: str
    actor: str
    detail: str
    at: str


@dataclass(frozen=True)
class ReportSummary:
    """What the list shows: receipt, kind, who reported and when, and where it stands —
    never what was lost, where, or which cases."""

    report_id: str
    receipt: str
    kind: str  # "loss" or "breach"
    worker_id: str
    reported_at: str
    status: str  # "open", "acknowledged" or "closed"
    assigned_to: str

    @property
    def is_open(self) -> bool:
        return self.status != "closed"


@dataclass(frozen=True)
class ReportDetail:
    report: Report
    receipt: str
    worker_id: str
    device_id: str  # the device that pushed it (or the lost device, for one filed at HQ)
    events: tuple[ReportEvent, ...]


# -- HQ's people and its own audit log (safeconf.hq.staff, safeconf.hq.admin_audit) ---------


def _module(name: str) -> ModuleType:
    try:
        return importlib.import_module(f"safeconf.hq.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"safeconf.hq.{name}":
            raise
        # Fail closed: without the register of HQ's people nobody may read a report.
        raise AdminError(f"This HQ has no safeconf.hq.{name} module, so it cannot tell who "
                         "may see reports; nothing was shown or changed.") from None


def _require(conn: Connection, actor: str, roles: frozenset[str]) -> Any:
    return _module("staff").require(conn, actor, roles)


def _audit(conn: Connection, actor: str, action: str, record_type: str, report_id: str,
           detail: str = "") -> None:
    _module("admin_audit").record(conn, actor, action, record_type, report_id, detail)


def _may_handle(conn: Connection, actor: str, roles: frozenset[str]) -> bool:
    try:
        _require(conn, actor, roles)
    except AdminError as refused:
        if "may not" in str(refused):
            return False
        raise
    return True


def _supervises(conn: Connection, actor: str, worker_id: str) -> bool:
    supervisor = _module("staff").supervisor_of(conn, worker_id)
    return supervisor is not None and getattr(supervisor, "name", None) == actor


def _may_see(conn: Connection, actor: str, record_type: str, worker_id: str) -> bool:
    roles = HANDLING_ROLES[record_type]
    if record_type == "loss_report":
        if _may_handle(conn, actor, _SEE_ALL_LOSSES & roles):
            return True
        return _may_handle(conn, actor, frozenset({"supervisor"})) and _supervises(
            conn, actor, worker_id)
    return _may_handle(conn, actor, roles)


# -- intake ---------------------------------------------------------------------------------


def record_event(conn: Connection, report_id: str, kind: str, actor: str, detail: str,
                 now: str) -> None:
    """Append one event to a report's trail (NOTIFY records "notified" through this)."""
    if kind not in EVENT_KINDS:
        raise ValueError(f"unknown report event {kind!r}")
    conn.execute(insert(schema.report_events).values(
        report_id=report_id, kind=kind, actor=actor, detail=detail, at=now))


def received(conn: Connection, report: Report, worker_id: str, pushed_by: str,
             now: str) -> None:
    """A report HQ has just stored (pushed, or filed at HQ): its first event, a stolen
    device revoked with wipe, and the people who must act told (safeconf.hq.routing).
    A replay of a report HQ already holds does nothing again."""
    e = schema.report_events
    if conn.execute(select(e.c.event_id).where(e.c.report_id == report.id,
                                               e.c.kind == "received")).first() is not None:
        return
    name = codec.type_name(report)
    record_event(conn, report.id, "received", HQ_ACTOR, f"from device {pushed_by}", now)
    if isinstance(report, LossReport) and report.stolen and report.device_id:
        _revoke_stolen(conn, report, worker_id, pushed_by, now)
    try:
        routing = importlib.import_module("safeconf.hq.routing")
    except ModuleNotFoundError as exc:
        if exc.name != "safeconf.hq.routing":
            raise
        log.warning("no safeconf.hq.routing: nobody was notified of report %s", report.id)
        return
    routing.report_received(conn, report_kind(name), report.id, worker_id,
                            receipt(name, report.id), clock.parse(now))


def _revoke_stolen(conn: Connection, report: LossReport, worker_id: str, pushed_by: str,
                   now: str) -> None:
    """Revoke and wipe the stolen device when it is the reporting worker's own (a worker
    cannot get a colleague's laptop wiped by naming it) and not the device reporting (which
    is plainly in the worker's hands). Anything else is left to the people handling it."""
    d = schema.devices
    device = conn.execute(select(d.c.worker_id, d.c.status, d.c.replaced_by)
                          .where(d.c.device_id == report.device_id)).first()
    if device is None or device.worker_id != worker_id or report.device_id == pushed_by:
        why = ("HQ has no such device" if device is None else
               "it is the device that sent the report" if report.device_id == pushed_by else
               "it is not the reporting worker's device")
        record_event(conn, report.id, "device_not_revoked", HQ_ACTOR,
                     f"device {report.device_id}: {why}", now)
        return
    conn.execute(update(d).where(d.c.device_id == report.device_id)
                 .values(status="revoked", wipe=True, revoked_at=now))
    record_event(conn, report.id, "device_revoked", HQ_ACTOR,
                 f"device {report.device_id} revoked with wipe: reported stolen", now)
    log.warning("device %s revoked with wipe: reported stolen in report %s",
                report.device_id, report.id)


def on_intake(conn: Connection, stored: list[tuple[Report, str, str]], now: str) -> None:
    """Called by the push for each (report, worker id, device id) it stored."""
    for report, worker_id, device_id in stored:
        received(conn, report, worker_id, device_id, now)


# -- filed at HQ ------------------------------------------------------------------------------


def file_loss(db: Database, by: str, device_id: str, lost: LossKind, happened_at: str, *,
              where: str = "", stolen: bool = False, description: str = "",
              revoke_and_wipe: bool = False) -> tuple[LossReport, str]:
    """A loss filed at HQ for a laptop that is gone (the worker called in). The device is
    revoked with wipe in the same step when stolen or when asked; nothing it sends after
    is accepted. Returns the report and its receipt."""
    device_id = device_id.strip().lower()
    if not is_uuid_text(device_id):
        raise AdminError(f"{device_id!r} is not a device id; `safeconf-hq devices` lists them.")
    now = clock.iso(clock.now())
    with db.write() as conn:
        _require(conn, by, ALL_HANDLERS)
        d = schema.devices
        device = conn.execute(select(d.c.worker_id, d.c.replaced_by)
                              .where(d.c.device_id == device_id)).first()
        if device is None:
            raise AdminError(f"HQ has no device {device_id}; `safeconf-hq devices` lists them.")
        if device.replaced_by is not None and (stolen or revoke_and_wipe):
            raise AdminError(f"Device {device_id} was replaced by {device.replaced_by} when "
                             "the laptop enrolled again; report that device instead.")
        try:
            report = validate(LossReport(
                lost=lost, description=description.strip(), happened_at=happened_at,
                where=where.strip(), stolen=stolen, affected_unknown=True,
                device_id=device_id if lost is LossKind.DEVICE else "",
                reported_by=by, origin_device=HQ_ACTOR))
        except InvalidRecord as exc:
            raise AdminError(f"The report was not filed: {exc}") from None
        assert isinstance(report, LossReport)
        raw = canonical_json(codec.to_dict(report))
        conn.execute(insert(schema.caseless_records).values(
            id=report.id, type="loss_report", worker_id=device.worker_id,
            device_id=device_id, data=raw.decode("utf-8"),
            content_hash=hashlib.sha256(raw).hexdigest(), stored_at=now))
        _audit(conn, by, "file", "loss_report", report.id)
        # Filed by HQ staff: the device named is the worker's, so a stolen one is revoked.
        received(conn, report, device.worker_id, HQ_ACTOR, now)
        if revoke_and_wipe and not stolen and lost is LossKind.DEVICE:
            conn.execute(update(d).where(d.c.device_id == device_id)
                         .values(status="revoked", wipe=True, revoked_at=now))
            record_event(conn, report.id, "device_revoked", by,
                         f"device {device_id} revoked with wipe", now)
    return report, receipt("loss_report", report.id)


# -- reading ----------------------------------------------------------------------------------


def _rows(conn: Connection) -> list[Any]:
    t = schema.caseless_records
    return list(conn.execute(select(t.c.id, t.c.type, t.c.worker_id, t.c.device_id, t.c.data)
                             .where(t.c.type.in_(sorted(REPORT_TYPES)))))


def _events(conn: Connection, report_id: str) -> tuple[ReportEvent, ...]:
    e = schema.report_events
    return tuple(ReportEvent(r.kind, r.actor, r.detail, r.at) for r in conn.execute(
        select(e.c.kind, e.c.actor, e.c.detail, e.c.at).where(e.c.report_id == report_id)
        .order_by(e.c.event_id)))


def standing(events: tuple[ReportEvent, ...]) -> tuple[str, str]:
    status, assigned = "open", ""
    for event in events:
        if event.kind == "acknowledged" and status == "open":
            status = "acknowledged"
        elif event.kind == "closed":
            status = "closed"
        elif event.kind == "reopened":
            status = "open"
        elif event.kind == "assigned":
            assigned = event.detail
    return status, assigned


def list_reports(db: Database, actor: str, open_only: bool = False) -> list[ReportSummary]:
    """The reports `actor` may see, oldest first; content stays out of the list."""
    with db.read() as conn:
        _require(conn, actor, ALL_HANDLERS)
        found: list[ReportSummary] = []
        for row in _rows(conn):
            if not _may_see(conn, actor, row.type, row.worker_id):
                continue
            status, assigned = standing(_events(conn, row.id))
            reported_at = json.loads(row.data)["reported_at"]
            found.append(ReportSummary(row.id, receipt(row.type, row.id),
                                       report_kind(row.type), row.worker_id, reported_at,
                                       status, assigned))
    found.sort(key=lambda s: (s.reported_at, s.report_id))
    return [s for s in found if s.is_open or not open_only]


def _find(conn: Connection, actor: str, ref: str) -> Any:
    """The report `ref` (receipt number or id) names, if `actor` may see it."""
    wanted = ref.strip().lower()
    spelled = parse_receipt(ref)
    if spelled is None and not is_uuid_text(wanted):
        raise AdminError(f"{ref!r} is neither a receipt number (L-… or B-…) nor a report id; "
                         "`safeconf-hq incidents list` lists them.")
    matches = [r for r in _rows(conn)
               if r.id == wanted or receipt(r.type, r.id) == spelled]
    visible = [r for r in matches if _may_see(conn, actor, r.type, r.worker_id)]
    if not visible:
        # The same answer whether it does not exist or is not theirs to see.
        raise AdminError(f"{actor} may not see a report {ref!r}, or HQ has none; "
                         "`safeconf-hq incidents list` lists the ones you may see.")
    if len(visible) > 1:
        raise AdminError(f"More than one report has the receipt {spelled}; name it by id: "
                         + ", ".join(r.id for r in visible))
    return visible[0]


def show(db: Database, actor: str, ref: str) -> ReportDetail:
    """One report in full with its trail; the read is audited before anything is returned
    (in the same transaction: no audit entry, no content)."""
    with db.write() as conn:
        _require(conn, actor, ALL_HANDLERS)
        row = _find(conn, actor, ref)
        _audit(conn, actor, "show", row.type, row.id)
        report = codec.from_dict(codec.RECORD_TYPES[row.type], json.loads(row.data))
        events = _events(conn, row.id)
    assert isinstance(report, LossReport | BreachReport)
    return ReportDetail(report, receipt(row.type, row.id), row.worker_id, row.device_id,
                        events)


def _act(db: Database, actor: str, ref: str, kind: str, detail: str = "",
         check: Any = None) -> ReportSummary:
    now = clock.iso(clock.now())
    with db.write() as conn:
        _require(conn, actor, ALL_HANDLERS)
        row = _find(conn, actor, ref)
        events = _events(conn, row.id)
        status, _assigned = standing(events)
        if check is not None:
            check(conn, row, status)
        _audit(conn, actor, kind, row.type, row.id, detail)
        record_event(conn, row.id, kind, actor, detail, now)
        status, assigned = standing((*events, ReportEvent(kind, actor, detail, now)))
        reported_at = json.loads(row.data)["reported_at"]
    return ReportSummary(row.id, receipt(row.type, row.id), report_kind(row.type),
                         row.worker_id, reported_at, status, assigned)


def _not_closed(_conn: Connection, row: Any, status: str) -> None:
    if status == "closed":
        raise AdminError(f"Report {receipt(row.type, row.id)} is closed; reopen it first.")


def acknowledge(db: Database, actor: str, ref: str) -> ReportSummary:
    def check(conn: Connection, row: Any, status: str) -> None:
        _not_closed(conn, row, status)
        if status == "acknowledged":
            raise AdminError(f"Report {receipt(row.type, row.id)} is already acknowledged.")
    return _act(db, actor, ref, "acknowledged", check=check)


def assign(db: Database, actor: str, ref: str, to: str) -> ReportSummary:
    to = to.strip()

    def check(conn: Connection, row: Any, status: str) -> None:
        _not_closed(conn, row, status)
        if not _may_see(conn, to, row.type, row.worker_id):
            raise AdminError(f"{to} may not handle report {receipt(row.type, row.id)}; it "
                             "was not assigned.")
    return _act(db, actor, ref, "assigned", to, check=check)


def close(db: Database, actor: str, ref: str, outcome: str) -> ReportSummary:
    said = termsafe.safe(outcome.strip())
    if not said or len(said) > 2000:
        raise AdminError("Say the outcome in a line (at most 2000 characters): what was "
                         "found and done.")
    return _act(db, actor, ref, "closed", said, check=_not_closed)


def reopen(db: Database, actor: str, ref: str, why: str) -> ReportSummary:
    said = termsafe.safe(why.strip())
    if not said or len(said) > 2000:
        raise AdminError("Say why the report is reopened (at most 2000 characters).")

    def check(_conn: Connection, row: Any, status: str) -> None:
        if status != "closed":
            raise AdminError(f"Report {receipt(row.type, row.id)} is not closed.")
    return _act(db, actor, ref, "reopened", said, check=check)


def record_notified(db: Database, actor: str, ref: str, whom: str) -> ReportSummary:
    """The legal director records telling the Commissioner or HR of a breach."""
    kind = WHOM.get(whom)
    if kind is None:
        raise AdminError("Say whom you notified: the commissioner or hr.")

    def check(conn: Connection, row: Any, _status: str) -> None:
        if row.type != "breach_report":
            raise AdminError("The Commissioner and HR are notified of breaches; "
                             f"{receipt(row.type, row.id)} is a loss.")
        _require(conn, actor, frozenset({"legal_director"}))
    return _act(db, actor, ref, kind, check=check)


# -- output -----------------------------------------------------------------------------------


def format_table(rows: list[ReportSummary]) -> str:
    if not rows:
        return "No reports you may see."
    lines = [f"{'RECEIPT':<11} {'KIND':<7} {'STATUS':<13} {'REPORTED':<20} {'WORKER':<20} "
             "ASSIGNED TO"]
    for r in rows:
        lines.append(f"{r.receipt:<11} {r.kind:<7} {r.status:<13} {r.reported_at[:19]:<20} "
                     f"{termsafe.safe(r.worker_id):<20} {termsafe.safe(r.assigned_to)}")
    return "\n".join(lines)


def format_detail(detail: ReportDetail) -> str:
    r = detail.report
    s = termsafe.safe
    lines = [f"Receipt:      {detail.receipt}", f"Report id:    {r.id}",
             f"Worker:       {s(detail.worker_id)}", f"Reported by:  {s(r.reported_by)}",
             f"Reported at:  {r.reported_at}", f"Happened at:  {r.happened_at}"]
    if isinstance(r, LossReport):
        lines += [f"Kind:         loss ({r.lost.value})",
                  f"Stolen:       {'yes' if r.stolen else 'no'}",
                  f"Where:        {s(r.where)}", f"Device:       {r.device_id or '-'}",
                  f"Description:  {termsafe.safe_lines(r.description)}"]
    else:
        lines += ["Kind:         breach", f"What:         {termsafe.safe_lines(r.what)}",
                  f"May have received: {s(r.who_may_have_received)}"]
    lines.append("Cases:        " + ("unknown" if r.affected_unknown
                                     else ", ".join(r.affected_case_ids)))
    lines.append("Trail:")
    for e in detail.events:
        lines.append(f"  {e.at[:19]}  {e.kind:<22} {s(e.actor):<20} {s(e.detail)}")
    return "\n".join(lines)
