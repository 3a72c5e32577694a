"""HQ's people: who holds which role, whom each worker reports to, and the check that an
HQ action is taken by someone allowed to take it. Every change is in HQ's audit log."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.utils import parseaddr
from typing import Any

from sqlalchemy import Connection, Row, and_, insert, select, update

from safeconf.domain.termsafe import safe
from safeconf.hq import admin_audit, clock, schema
from safeconf.hq.db import Database, upsert
from safeconf.hq.errors import AdminError
from safeconf.hq.validate import is_worker_id

ADMINISTRATOR = "administrator"
LEGAL = "legal"
SUPERVISOR = "supervisor"
LEGAL_DIRECTOR = "legal_director"
COMMISSIONER = "commissioner"
HR_DIRECTOR = "hr_director"
# Roles that sign in and act at HQ.
SIGN_IN_ROLES = (ADMINISTRATOR, LEGAL, SUPERVISOR, LEGAL_DIRECTOR)
# Contacts only: they never act at HQ; the legal director's notice of a breach goes to them.
CONTACT_ROLES = (COMMISSIONER, HR_DIRECTOR)
ROLES = SIGN_IN_ROLES + CONTACT_ROLES


@dataclass(frozen=True)
class Staff:
    name: str
    role: str
    email: str
    added_at: str
    added_by: str
    active: bool
    removed_at: str | None = None
    removed_by: str | None = None


@dataclass(frozen=True)
class SupervisorLink:
    worker_id: str
    staff_name: str
    set_at: str
    set_by: str


def check_name(name: str) -> str:
    if not is_worker_id(name):
        raise ValueError(f"{safe(name)!r} is not a sign-in name (letters, digits, '.', '_', "
                         "'@', '-'; at most 200 characters).")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"{safe(role)!r} is not a role; roles: {', '.join(ROLES)}.")
    return role


def check_email(email: str) -> str:
    """A plain addr-spec (`r.ortiz@agency.example`): no display name, no spaces or control
    characters, one @ with a dotted domain — what an SMTP server takes as RCPT TO."""
    problem = f"{safe(email)!r} is not an email address like name@agency.example"
    if not email or len(email) > 254 or any(c.isspace() or ord(c) < 32 or ord(c) == 127
                                            for c in email):
        raise ValueError(problem + " (no spaces or control characters).")
    if not email.isascii():
        raise ValueError(problem + " (ASCII only, as every SMTP server takes).")
    if parseaddr(email) != ("", email):
        raise ValueError(problem + ".")
    try:
        address = Address(addr_spec=email)
    except (ValueError, IndexError, HeaderParseError) as exc:
        raise ValueError(problem + ".") from exc
    if (address.addr_spec != email or not address.username or "." not in address.domain
            or address.domain.startswith((".", "[")) or address.domain.endswith(".")):
        raise ValueError(problem + ".")
    return email


def _staff(row: Row[Any]) -> Staff:
    return Staff(row.name, row.role, row.email, row.added_at, row.added_by, bool(row.active),
                 row.removed_at, row.removed_by)


def _has_active_administrator(conn: Connection) -> bool:
    s = schema.staff
    return conn.execute(select(s.c.name).where(
        and_(s.c.role == ADMINISTRATOR, s.c.active.is_(True))).limit(1)).first() is not None


def add_staff(db: Database, name: str, email: str, role: str, by: str | None = None,
              *, now: datetime | None = None) -> Staff:
    """Give `name` the role `role`. `by` must be an active administrator — except for the
    very first administrator of an HQ that has none, who adds themself (recorded so)."""
    check_name(name)
    check_email(email)
    check_role(role)
    if by is not None:
        check_name(by)
    s = schema.staff
    stamp = clock.iso(now or clock.now())
    with db.write() as conn:
        if _has_active_administrator(conn):
            if by is None:
                raise AdminError("Say who adds them: --as NAME (an HQ administrator). "
                                 "Nothing was changed.")
            actor = require(conn, by, (ADMINISTRATOR,)).name
            detail = f"role={role} email={email}"
        else:
            if role != ADMINISTRATOR:
                raise AdminError("HQ has no administrator yet: add one first (`safeconf-hq "
                                 "staff add NAME --email E --role administrator`). Nothing "
                                 "was changed.")
            if by is not None and by != name:
                raise AdminError(f"HQ has no administrator yet, so {safe(by)} may not add "
                                 "staff; the first administrator adds themself. Nothing "
                                 "was changed.")
            actor = name
            detail = f"role={role} email={email} (first administrator)"
        rows = conn.execute(select(s).where(s.c.name == name)).all()
        others = {r.email for r in rows if r.active and r.role != role}
        if others and email not in others:
            raise AdminError(f"{safe(name)} is already on HQ's staff with the email "
                             f"{safe(sorted(others)[0])}; one person has one address. "
                             "Nothing was changed.")
        existing = next((r for r in rows if r.role == role), None)
        if existing is not None and existing.active:
            raise AdminError(f"{safe(name)} already holds the role {role}. Nothing was "
                             "changed.")
        values = {"email": email, "added_at": stamp, "added_by": actor, "active": True,
                  "removed_at": None, "removed_by": None}
        if existing is None:
            conn.execute(insert(s).values(name=name, role=role, **values))
        else:  # a role given back: the row comes back, its history is in the audit log
            conn.execute(update(s).where(and_(s.c.name == name, s.c.role == role))
                         .values(**values))
        admin_audit.record(conn, actor, "staff_add", "staff", name, detail, now=now)
    return Staff(name, role, email, stamp, actor, True)


def remove_staff(db: Database, name: str, by: str, role: str | None = None,
                 *, now: datetime | None = None) -> list[str]:
    """Take `role` (or every role) from `name`; the rows stay, marked inactive. Refuses to
    remove HQ's last administrator. Returns the roles taken."""
    check_name(name)
    if role is not None:
        check_role(role)
    s = schema.staff
    stamp = clock.iso(now or clock.now())
    with db.write() as conn:
        actor = require(conn, by, (ADMINISTRATOR,)).name
        held = [r.role for r in conn.execute(
            select(s.c.role).where(and_(s.c.name == name, s.c.active.is_(True))))]
        taken = [r for r in held if role is None or r == role]
        if not taken:
            what = f"the role {role}" if role else "any role"
            raise AdminError(f"{safe(name)} does not hold {what} at HQ. Nothing was changed.")
        if ADMINISTRATOR in taken:
            admins = conn.execute(select(s.c.name).where(and_(
                s.c.role == ADMINISTRATOR, s.c.active.is_(True)))).scalars().all()
            if set(admins) == {name}:
                raise AdminError(f"{safe(name)} is HQ's last administrator; add another "
                                 "first. Nothing was changed.")
        if SUPERVISOR in taken:
            link = schema.supervisors
            workers = conn.execute(select(link.c.worker_id)
                                   .where(link.c.staff_name == name)).scalars().all()
            if workers:
                raise AdminError(f"{safe(name)} still supervises {len(workers)} worker(s) "
                                 f"({safe(', '.join(sorted(workers)[:5]))}); set their new "
                                 "supervisor first. Nothing was changed.")
        conn.execute(update(s).where(and_(s.c.name == name, s.c.role.in_(taken),
                                          s.c.active.is_(True)))
                     .values(active=False, removed_at=stamp, removed_by=actor))
        admin_audit.record(conn, actor, "staff_remove", "staff", name,
                           "roles=" + ",".join(sorted(taken)), now=now)
    return sorted(taken)


def list_staff(db: Database, include_removed: bool = False) -> list[Staff]:
    s = schema.staff
    query = select(s).order_by(s.c.name, s.c.role)
    if not include_removed:
        query = query.where(s.c.active.is_(True))
    with db.read() as conn:
        return [_staff(r) for r in conn.execute(query)]


def with_role(conn: Connection, role: str) -> list[Staff]:
    """The active holders of `role`, by name: e.g. whom to tell of a breach."""
    check_role(role)
    s = schema.staff
    return [_staff(r) for r in conn.execute(
        select(s).where(and_(s.c.role == role, s.c.active.is_(True))).order_by(s.c.name))]


def sign_in_roles(conn: Connection, name: str) -> frozenset[str]:
    """The roles by which `name` may act at HQ now (contact roles never sign in)."""
    s = schema.staff
    return frozenset(conn.execute(select(s.c.role).where(and_(
        s.c.name == name, s.c.active.is_(True), s.c.role.in_(SIGN_IN_ROLES)))).scalars())


def require(conn: Connection, actor_name: str, roles: Iterable[str]) -> Staff:
    """The active staff row by which `actor_name` may act in one of `roles`, or AdminError
    saying they may not. Contact roles never act."""
    wanted = tuple(roles)
    if not wanted or any(r not in SIGN_IN_ROLES for r in wanted):
        raise ValueError(f"require() takes sign-in roles ({', '.join(SIGN_IN_ROLES)})")
    allowed = " or ".join(wanted)
    if not is_worker_id(actor_name):
        raise AdminError(f"{safe(actor_name)!r} is not on HQ's staff, so may not act as "
                         f"{allowed}. Nothing was done.")
    s = schema.staff
    rows = {r.role: r for r in conn.execute(select(s).where(and_(
        s.c.name == actor_name, s.c.active.is_(True))))}
    for role in wanted:
        if role in rows:
            return _staff(rows[role])
    who = (f"{actor_name} (holding {', '.join(sorted(rows))})" if rows
           else f"{actor_name}, who is not on HQ's staff,")
    raise AdminError(f"{safe(who)} may not do this: it needs the role {allowed}. Nothing "
                     "was done.")


def set_supervisor(db: Database, worker_id: str, staff_name: str, by: str,
                   *, now: datetime | None = None) -> SupervisorLink:
    """Make `staff_name` (who must hold the supervisor role) the supervisor of `worker_id`,
    replacing any earlier one; the change is in the audit log."""
    if not is_worker_id(worker_id):
        raise ValueError(f"{safe(worker_id)!r} is not a worker id.")
    check_name(staff_name)
    if worker_id == staff_name:
        raise AdminError(f"{safe(worker_id)} cannot be their own supervisor. Nothing was "
                         "changed.")
    stamp = clock.iso(now or clock.now())
    link = schema.supervisors
    with db.write() as conn:
        actor = require(conn, by, (ADMINISTRATOR,)).name
        s = schema.staff
        if conn.execute(select(s.c.name).where(and_(
                s.c.name == staff_name, s.c.role == SUPERVISOR,
                s.c.active.is_(True)))).first() is None:
            raise AdminError(f"{safe(staff_name)} does not hold the supervisor role at HQ "
                             "(`safeconf-hq staff add NAME --email E --role supervisor`). "
                             "Nothing was changed.")
        before = conn.execute(select(link.c.staff_name)
                              .where(link.c.worker_id == worker_id)).scalar_one_or_none()
        values = {"staff_name": staff_name, "set_at": stamp, "set_by": actor}
        conn.execute(upsert(conn, link).values(worker_id=worker_id, **values)
                     .on_conflict_do_update(index_elements=["worker_id"], set_=values))
        admin_audit.record(conn, actor, "supervisor_set", "worker", worker_id,
                           f"supervisor={staff_name}"
                           + (f" (was {before})" if before else ""), now=now)
    return SupervisorLink(worker_id, staff_name, stamp, actor)


def supervisor_of(conn: Connection, worker_id: str) -> Staff | None:
    """The worker's supervisor as an active staff member, or None when none is set (or the
    one set no longer holds the role)."""
    link, s = schema.supervisors, schema.staff
    row = conn.execute(select(s).join(link, link.c.staff_name == s.c.name).where(and_(
        link.c.worker_id == worker_id, s.c.role == SUPERVISOR,
        s.c.active.is_(True)))).first()
    return None if row is None else _staff(row)


def list_supervisors(db: Database) -> list[SupervisorLink]:
    link = schema.supervisors
    with db.read() as conn:
        return [SupervisorLink(r.worker_id, r.staff_name, r.set_at, r.set_by)
                for r in conn.execute(select(link).order_by(link.c.worker_id))]


def _table(rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                     for r in rows)


def format_staff(rows: list[Staff]) -> str:
    if not rows:
        return "No staff at HQ yet."
    return _table([("NAME", "ROLE", "EMAIL", "ADDED", "BY", "STATUS")] + [
        (safe(r.name), r.role, safe(r.email), clock.short(r.added_at), safe(r.added_by),
         "active" if r.active else f"removed {clock.short(r.removed_at)}") for r in rows])


def format_supervisors(rows: list[SupervisorLink]) -> str:
    if not rows:
        return "No supervisors set."
    return _table([("WORKER", "SUPERVISOR", "SET", "BY")] + [
        (safe(r.worker_id), safe(r.staff_name), clock.short(r.set_at), safe(r.set_by))
        for r in rows])
