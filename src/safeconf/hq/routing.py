"""Who is told about a report or request, and who is told again when nobody acknowledges it.

A loss goes to the reporting worker's supervisor and every legal director; a breach to the
legal directors only (it is confidential even inside HQ); a legal request to every member
of legal. When nobody can be found, the legal directors are told and the notification says
why; when not even they exist, a row with no address records it (never dropped silently).

An unacknowledged loss or breach is escalated once, after a configurable time, to the legal
directors and the administrators, in words that do not even say which kind it was: an
administrator may not see a breach.

People come from `safeconf.hq.staff` (HQ's people: roles, supervisors); acknowledgments from
the `report_events` table that `safeconf.hq.incidents` keeps. Both are read by name, so this
module works, and says so in the log, where either is missing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Connection, MetaData, Table, inspect, select

from safeconf.hq import clock, schema
from safeconf.hq.notify import NotificationInvalid, Recipient, check_address, check_name, queue

log = logging.getLogger("safeconf.hq.routing")

LEGAL_DIRECTOR = "legal_director"
LEGAL = "legal"
ADMINISTRATOR = "administrator"

# kind -> (notification reason, subject type, console path prefix)
KINDS: dict[str, tuple[str, str, str]] = {
    "loss": ("loss_received", "loss_report", "/reports/"),
    "breach": ("breach_received", "breach_report", "/reports/"),
    "legal_request": ("legal_request_received", "legal_request", "/requests/"),
}
ESCALATED_KINDS = ("loss", "breach")
# Events in `report_events` that stop an escalation: someone took the report in hand.
HANDLED_EVENTS = ("acknowledged", "closed")
REPORT_EVENTS = "report_events"


class People(Protocol):
    """HQ's people as routing needs them (`safeconf.hq.staff` provides these)."""

    def supervisor_of(self, conn: Connection, worker_id: str) -> Recipient | None: ...

    def with_role(self, conn: Connection, role: str) -> Sequence[Recipient]: ...


class _StaffModule:
    """`safeconf.hq.staff`, looked up when first needed."""

    def __init__(self) -> None:
        try:
            from safeconf.hq import staff  # type: ignore[attr-defined,unused-ignore]
        except ImportError:
            self.staff: Any = None
        else:
            self.staff = staff

    def supervisor_of(self, conn: Connection, worker_id: str) -> Recipient | None:
        if self.staff is None:
            return None
        found: Recipient | None = self.staff.supervisor_of(conn, worker_id)
        return found

    def with_role(self, conn: Connection, role: str) -> Sequence[Recipient]:
        if self.staff is None:
            log.error("HQ has no staff directory (safeconf.hq.staff): nobody to notify")
            return []
        return [s for s in self.staff.with_role(conn, role) if getattr(s, "active", True)]


@dataclass(frozen=True)
class Routed:
    notification_id: str
    to_address: str | None
    note: str


def report_received(conn: Connection, kind: str, report_id: str, worker_id: str,
                    receipt: str, now: datetime, people: People | None = None,
                    ) -> list[Routed]:
    """Queue the notifications a new report or request calls for, in the caller's
    transaction (so a report is never stored without them). Calling it again for the same
    report queues nothing new."""
    if kind not in KINDS:
        raise ValueError(f"unknown report kind {kind!r}; one of {sorted(KINDS)}")
    directory = people or _StaffModule()
    reason, subject_type, prefix = KINDS[kind]
    recipients: list[tuple[Recipient, str]] = []
    if kind == "loss":
        supervisor = directory.supervisor_of(conn, worker_id)
        note = "" if supervisor is not None else "no_supervisor"
        if supervisor is not None:
            recipients.append((supervisor, ""))
        else:
            log.warning("loss report %s: no supervisor on record for its worker; the legal "
                        "director is told why", report_id)
        recipients += [(p, note) for p in directory.with_role(conn, LEGAL_DIRECTOR)]
    elif kind == "breach":
        recipients += [(p, "") for p in directory.with_role(conn, LEGAL_DIRECTOR)]
    else:
        recipients += [(p, "") for p in directory.with_role(conn, LEGAL)]
        if not recipients:
            recipients += [(p, "nobody") for p in directory.with_role(conn, LEGAL_DIRECTOR)]
    return _queue_all(conn, recipients, reason, receipt, subject_type, report_id,
                      prefix + receipt, now)


def _queue_all(conn: Connection, recipients: list[tuple[Recipient, str]], reason: str,
               receipt: str, subject_type: str, subject_id: str, link: str,
               now: datetime) -> list[Routed]:
    routed: list[Routed] = []
    seen: set[str] = set()
    told = 0
    for person, note in recipients:
        address = str(person.email).lower()
        if address in seen:  # a supervisor who is also legal director is told once
            continue
        seen.add(address)
        try:
            check_address(person.email)
            check_name(person.name)
        except NotificationInvalid:
            # A bad address on file must not hold up the report it is about: the others
            # are told, and if nobody is left the report is kept as "nobody to tell".
            log.error("a %s notification for %s skips a staff member whose address or name "
                      "cannot be mailed; correct it in `safeconf-hq staff`", reason, subject_id)
            continue
        told += 1
        made = queue(conn, person, reason, receipt, subject_type, subject_id, link, now, note)
        if made is not None:
            routed.append(Routed(made, person.email, note))
    if not told:
        made = queue(conn, None, reason, receipt, subject_type, subject_id, link, now,
                     "nobody")
        if made is not None:
            routed.append(Routed(made, None, "nobody"))
    return routed


def escalate_due(conn: Connection, now: datetime, after: timedelta,
                 people: People | None = None) -> list[Routed]:
    """Escalate, once, every loss or breach received at least `after` ago that nobody has
    acknowledged (or closed). A second run sends nothing new."""
    directory = people or _StaffModule()
    n = schema.notifications
    reasons = {KINDS[k][0]: k for k in ESCALATED_KINDS}
    cutoff = clock.iso(now - after)
    received = conn.execute(
        select(n.c.subject_type, n.c.subject_id, n.c.receipt)
        .where(n.c.reason.in_(reasons), n.c.created_at <= cutoff)
        .group_by(n.c.subject_type, n.c.subject_id, n.c.receipt)).all()
    if not received:
        return []
    escalated = {(r.subject_type, r.subject_id) for r in conn.execute(
        select(n.c.subject_type, n.c.subject_id).where(n.c.reason == "escalation"))}
    pending = [r for r in received if (r.subject_type, r.subject_id) not in escalated]
    if not pending:
        return []
    handled = _handled(conn, [r.subject_id for r in pending])
    recipients = ([(p, "") for p in directory.with_role(conn, LEGAL_DIRECTOR)]
                  + [(p, "") for p in directory.with_role(conn, ADMINISTRATOR)])
    routed: list[Routed] = []
    for report in pending:
        if report.subject_id in handled:
            continue
        log.warning("report %s not acknowledged within %s: escalated", report.subject_id,
                    after)
        routed += _queue_all(conn, recipients, "escalation", report.receipt,
                             report.subject_type, report.subject_id,
                             "/reports/" + report.receipt, now)
    return routed


def _handled(conn: Connection, report_ids: list[str]) -> set[str]:
    """The reports among these with an acknowledged or closed event."""
    if not inspect(conn).has_table(REPORT_EVENTS):
        log.warning("no %s table at HQ: no report can be acknowledged yet", REPORT_EVENTS)
        return set()
    events = Table(REPORT_EVENTS, MetaData(), autoload_with=conn)
    id_column = next((events.c[c] for c in ("report_id", "subject_id") if c in events.c),
                     None)
    kind_column = next((events.c[c] for c in ("event", "kind", "action", "type", "status")
                        if c in events.c), None)
    if id_column is None or kind_column is None:
        log.error("%s has no report id or event column this HQ knows: escalating",
                  REPORT_EVENTS)
        return set()
    return {str(r[0]) for r in conn.execute(
        select(id_column).where(id_column.in_(report_ids),
                                kind_column.in_(HANDLED_EVENTS)).distinct())}
