"""Two-person approval for what one person may not do alone: unsealing a case (legal) and
issuing a passphrase recovery code (administrator).

One person asks, with a reason; a different person holding the same role approves; then the
asker or the approver carries it out, once. An approval not given, or not used, within a day
lapses. Every step is in HQ's audit log (the reason stays here: it may quote the case).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Connection, and_, insert, select, update

from safeconf.domain.ids import new_id
from safeconf.domain.termsafe import safe
from safeconf.hq import admin_audit, clock, schema, staff
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError
from safeconf.hq.validate import is_uuid_text

T = TypeVar("T")

UNSEAL = "unseal_case"
RECOVERY_CODE = "recovery_code"
ACTION_ROLE = {UNSEAL: staff.LEGAL, RECOVERY_CODE: staff.ADMINISTRATOR}
ACTION_WORDS = {UNSEAL: "unseal a case", RECOVERY_CODE: "issue a recovery code"}
LIFETIME = timedelta(hours=24)
MAX_REASON = 2000


@dataclass(frozen=True)
class Approval:
    id: str
    action: str
    subject_id: str
    reason: str
    requested_by: str
    requested_at: str
    approved_by: str | None
    approved_at: str | None
    carried_out_by: str | None
    carried_out_at: str | None
    cancelled_by: str | None
    cancelled_at: str | None
    status: str  # waiting | approved | done | cancelled | expired

    @property
    def open(self) -> bool:
        return self.status in ("waiting", "approved")


def _status(row: Any, now: datetime) -> str:
    if row.carried_out_at:
        return "done"
    if row.cancelled_at:
        return "cancelled"
    since = clock.parse(row.approved_at or row.requested_at)
    if since < now - LIFETIME:
        return "expired"
    return "approved" if row.approved_at else "waiting"


def _approval(row: Any, now: datetime) -> Approval:
    return Approval(row.id, row.action, row.subject_id, row.reason, row.requested_by,
                    row.requested_at, row.approved_by, row.approved_at, row.carried_out_by,
                    row.carried_out_at, row.cancelled_by, row.cancelled_at,
                    _status(row, now))


def _role(action: str) -> str:
    if action not in ACTION_ROLE:
        raise ValueError(f"{safe(action)!r} is not an action that needs approval.")
    return ACTION_ROLE[action]


def _load(conn: Connection, approval_id: str, now: datetime) -> Approval:
    a = schema.console_approvals
    row = (conn.execute(select(a).where(a.c.id == approval_id.lower())).first()
           if is_uuid_text(approval_id.lower()) else None)
    if row is None:
        raise AdminError("There is no such approval request. Nothing was changed.")
    return _approval(row, now)


def request(db: Database, action: str, subject_id: str, reason: str, by: str, *,
            now: datetime | None = None) -> Approval:
    """Ask for `action` on `subject_id`; `by` must hold the action's role."""
    role = _role(action)
    reason = reason.strip()
    if not reason:
        raise AdminError("Say why (the approver reads it). Nothing was asked.")
    if len(reason) > MAX_REASON or any(ord(c) < 32 and c not in "\n\t" for c in reason):
        raise AdminError(f"The reason must be plain text of at most {MAX_REASON} "
                         "characters. Nothing was asked.")
    moment = now or clock.now()
    a = schema.console_approvals
    with db.write() as conn:
        asker = staff.require(conn, by, (role,)).name
        for row in conn.execute(select(a).where(and_(a.c.action == action,
                                                     a.c.subject_id == subject_id))):
            if _approval(row, moment).open:
                raise AdminError(f"{safe(row.requested_by)} already asked for this on "
                                 f"{clock.short(row.requested_at)}; it waits for approval or "
                                 "to be carried out. Nothing was asked.")
        approval_id = new_id()
        stamp = clock.iso(moment)
        conn.execute(insert(a).values(id=approval_id, action=action, subject_id=subject_id,
                                      reason=reason, requested_by=asker, requested_at=stamp))
        admin_audit.record(conn, asker, "approval_request", "approval", approval_id,
                           f"{action} {subject_id}", now=moment)
        return _load(conn, approval_id, moment)


def approve(db: Database, approval_id: str, by: str, *, now: datetime | None = None) -> Approval:
    """A second person, holding the same role, agrees."""
    moment = now or clock.now()
    a = schema.console_approvals
    with db.write() as conn:
        found = _load(conn, approval_id, moment)
        approver = staff.require(conn, by, (_role(found.action),)).name
        if approver == found.requested_by:
            raise AdminError("You asked for this yourself; another person with the same "
                             "role must approve it. Nothing was changed.")
        if found.status != "waiting":
            raise AdminError(f"This request is {found.status}; only a waiting request can "
                             "be approved. Nothing was changed.")
        conn.execute(update(a).where(and_(a.c.id == found.id, a.c.approved_at.is_(None)))
                     .values(approved_by=approver, approved_at=clock.iso(moment)))
        admin_audit.record(conn, approver, "approval_give", "approval", found.id,
                           f"{found.action} {found.subject_id}", now=moment)
        return _load(conn, found.id, moment)


def carry_out(db: Database, approval_id: str, by: str, do: Callable[[], T], *,
              now: datetime | None = None) -> T:
    """Run `do()` for an approved request, once, by the asker or the approver. `do` runs
    before the request is marked done: if it fails, the approval can still be used."""
    moment = now or clock.now()
    with db.read() as conn:
        found = _load(conn, approval_id, moment)
        actor = staff.require(conn, by, (_role(found.action),)).name
    if actor not in (found.requested_by, found.approved_by):
        raise AdminError("Only the person who asked or the one who approved may carry this "
                         "out. Nothing was changed.")
    if found.status != "approved":
        what = {"waiting": "still waits for a second person's approval",
                "done": "was already carried out", "cancelled": "was cancelled",
                "expired": "has lapsed (more than a day old); ask again"}[found.status]
        raise AdminError(f"This request {what}. Nothing was changed.")
    result = do()
    a = schema.console_approvals
    with db.write() as conn:
        done = conn.execute(update(a).where(and_(a.c.id == found.id,
                                                 a.c.carried_out_at.is_(None)))
                            .values(carried_out_by=actor, carried_out_at=clock.iso(moment)))
        if done.rowcount:
            admin_audit.record(conn, actor, "approval_carry_out", "approval", found.id,
                               f"{found.action} {found.subject_id}", now=moment)
    return result


def cancel(db: Database, approval_id: str, by: str, *, now: datetime | None = None) -> Approval:
    moment = now or clock.now()
    a = schema.console_approvals
    with db.write() as conn:
        found = _load(conn, approval_id, moment)
        actor = staff.require(conn, by, (_role(found.action),)).name
        if not found.open:
            raise AdminError(f"This request is {found.status}; nothing to cancel.")
        conn.execute(update(a).where(a.c.id == found.id)
                     .values(cancelled_by=actor, cancelled_at=clock.iso(moment)))
        admin_audit.record(conn, actor, "approval_cancel", "approval", found.id,
                           f"{found.action} {found.subject_id}", now=moment)
        return _load(conn, found.id, moment)


def open_requests(db: Database, action: str | None = None, *,
                  now: datetime | None = None) -> list[Approval]:
    moment = now or clock.now()
    a = schema.console_approvals
    query = select(a).where(and_(a.c.carried_out_at.is_(None), a.c.cancelled_at.is_(None),
                                 a.c.requested_at >= clock.iso(moment - 2 * LIFETIME)))
    if action is not None:
        _role(action)  # a known action, or ValueError
        query = query.where(a.c.action == action)
    with db.read() as conn:
        found = [_approval(r, moment) for r in conn.execute(query.order_by(a.c.requested_at))]
    return [f for f in found if f.open]


def latest_for(db: Database, action: str, subject_id: str, *,
               now: datetime | None = None) -> Approval | None:
    moment = now or clock.now()
    a = schema.console_approvals
    with db.read() as conn:
        row = conn.execute(select(a).where(and_(a.c.action == action,
                                                a.c.subject_id == subject_id))
                           .order_by(a.c.requested_at.desc()).limit(1)).first()
    return None if row is None else _approval(row, moment)
