"""Every caseworker HQ knows — from devices, enrollment codes, case assignments and staff
acknowledgments — with their supervisor and how many devices and open assignments they have:
the administrator's list of workers. Three grouped queries whatever the number of workers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select, union

from safeconf.domain.termsafe import safe
from safeconf.hq import schema, staff
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError


@dataclass(frozen=True)
class Worker:
    worker_id: str
    supervisor: str | None  # an active supervisor's name, or None
    devices: int  # active devices
    cases: int  # active assignments to unsealed cases


def list_workers(db: Database) -> list[Worker]:
    d, e, a = schema.devices, schema.enrollment_codes, schema.assignments
    t, k, link, s = schema.caseless_records, schema.cases, schema.supervisors, schema.staff
    with db.read() as conn:
        names = set(conn.execute(union(
            select(d.c.worker_id), select(e.c.worker_id), select(a.c.worker_id),
            select(t.c.worker_id).where(t.c.type == "staff_acknowledgment"))).scalars())
        devices = {str(w): int(n) for w, n in conn.execute(
            select(d.c.worker_id, func.count()).where(d.c.status == "active")
            .group_by(d.c.worker_id))}
        # Sealed cases are not counted: a count that moves on sealing would tell of one.
        cases = {str(w): int(n) for w, n in conn.execute(
            select(a.c.worker_id, func.count()).join(k, k.c.case_id == a.c.case_id)
            .where(a.c.active.is_(True), k.c.sealed.is_(False)).group_by(a.c.worker_id))}
        supervisors = {str(w): str(n) for w, n in conn.execute(
            select(link.c.worker_id, link.c.staff_name)
            .join(s, and_(s.c.name == link.c.staff_name, s.c.role == staff.SUPERVISOR,
                          s.c.active.is_(True))))}
    names |= set(supervisors)
    return [Worker(n, supervisors.get(n), devices.get(n, 0), cases.get(n, 0))
            for n in sorted(names)]


def supervisors(db: Database) -> list[staff.Staff]:
    """HQ staff who hold the supervisor role now."""
    with db.read() as conn:
        return staff.with_role(conn, staff.SUPERVISOR)


def is_known(db: Database, worker_id: str) -> bool:
    d, e, a = schema.devices, schema.enrollment_codes, schema.assignments
    with db.read() as conn:
        return any(conn.execute(select(table.c.worker_id).where(table.c.worker_id == worker_id)
                                .limit(1)).first() is not None for table in (d, e, a))


def require_known(db: Database, worker_id: str) -> str:
    """A worker HQ has met (enrolled, issued a code, or assigned a case): a typing slip
    must not hand a case, or a team, to a name nobody holds."""
    name = worker_id.strip()
    if not name:
        raise AdminError("Type the worker's id, as on the Workers page.")
    if not is_known(db, name):
        raise AdminError(f"HQ knows no worker {safe(name)!r}. Check the spelling on the "
                         "Workers page, or issue them an enrollment code first. Nothing was "
                         "changed.")
    return name
