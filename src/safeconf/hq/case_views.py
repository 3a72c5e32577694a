"""Cases as HQ's administrator sees them in the console: pages of the case list, a search by
number and one case, each read recorded in HQ's audit chain in the transaction that reads
it. Sealed cases are never among them: only legal sees those, on their own pages."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from safeconf.hq import admin_audit, casenumber, schema, staff
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError

PAGE_SIZE = 100


class CaseNotShown(AdminError):
    """No such case, or a sealed one: the same answer, so a sealed case cannot be probed."""

    def __init__(self) -> None:
        super().__init__("HQ has no such case.")


@dataclass(frozen=True)
class CaseView:
    case_id: str
    case_number: str
    family_name: str
    workers: tuple[str, ...]
    status: str  # open | closed
    closed_at: str | None


@dataclass(frozen=True)
class CasePage:
    cases: list[CaseView]
    total: int  # unsealed cases matching
    sealed_hidden: int  # sealed cases HQ holds, none of them listed
    offset: int


def _views(conn: Connection, where: list[object], offset: int, limit: int) -> list[CaseView]:
    k, r, a = schema.cases, schema.records, schema.assignments
    rows = conn.execute(
        select(k.c.case_id, k.c.case_number, k.c.status, k.c.closed_at, r.c.data)
        .join(r, r.c.id == k.c.case_id, isouter=True)
        .where(k.c.sealed.is_(False), *where)  # type: ignore[arg-type]
        .order_by(k.c.case_number).limit(limit).offset(offset)).all()
    ids = [row.case_id for row in rows]
    workers: dict[str, list[str]] = defaultdict(list)
    if ids:
        for case_id, worker in conn.execute(
                select(a.c.case_id, a.c.worker_id)
                .where(a.c.case_id.in_(ids), a.c.active.is_(True)).order_by(a.c.worker_id)):
            workers[case_id].append(worker)
    return [CaseView(row.case_id, row.case_number,
                     str(json.loads(row.data).get("family_name", "")) if row.data else "",
                     tuple(workers[row.case_id]), row.status, row.closed_at) for row in rows]


def _sealed_count(conn: Connection) -> int:
    k = schema.cases
    return int(conn.execute(select(func.count()).select_from(k)
                            .where(k.c.sealed.is_(True))).scalar_one())


def list_cases(db: Database, actor: str, offset: int = 0,
               limit: int = PAGE_SIZE) -> CasePage:
    """One page of unsealed cases by number; the read is recorded (as "case_list") with the
    ids shown in the same transaction."""
    if offset < 0 or not 0 < limit <= 1000:
        raise AdminError("A page starts at 0 or later and holds 1 to 1000 cases.")
    k = schema.cases
    with db.write() as conn:
        reader = staff.require(conn, actor, (staff.ADMINISTRATOR,))
        total = int(conn.execute(select(func.count()).select_from(k)
                                 .where(k.c.sealed.is_(False))).scalar_one())
        shown = _views(conn, [], offset, limit)
        admin_audit.record(conn, reader.name, "read", "case_list", f"offset {offset}",
                           _detail(reader.role, shown))
        return CasePage(shown, total, _sealed_count(conn), offset)


def search(db: Database, actor: str, typed: str) -> CasePage:
    """The unsealed case with this number (compared by normal form), or none. A sealed
    case's number finds nothing, exactly as an unknown one does."""
    try:
        wanted = casenumber.normalise(typed)
    except casenumber.CaseNumberInvalid as exc:
        raise AdminError(f"That is not a case number: {exc}. Type it as on the case file."
                         ) from exc
    k = schema.cases
    with db.write() as conn:
        reader = staff.require(conn, actor, (staff.ADMINISTRATOR,))
        shown = _views(conn, [k.c.case_number == wanted], 0, 1)
        if not shown:  # a number stored before normalisation existed may be spelled otherwise
            ids = [row.case_id for row in conn.execute(select(k.c.case_id, k.c.case_number))
                   if casenumber.key(row.case_number) == wanted]
            shown = _views(conn, [k.c.case_id.in_(ids)], 0, 1) if ids else []
        admin_audit.record(conn, reader.name, "read", "case_list", "search",
                           _detail(reader.role, shown))
        return CasePage(shown, len(shown), _sealed_count(conn), 0)


def show(db: Database, actor: str, case_id: str) -> CaseView:
    """One unsealed case; CaseNotShown for a sealed or unknown one (nothing recorded)."""
    k = schema.cases
    with db.write() as conn:
        reader = staff.require(conn, actor, (staff.ADMINISTRATOR,))
        found = _views(conn, [k.c.case_id == case_id], 0, 1)
        if not found:
            raise CaseNotShown()
        admin_audit.record(conn, reader.name, "read", "case", case_id, f"as {reader.role}")
        return found[0]


def visible_number(db: Database, case_id: str) -> str:
    """The stored number of an unsealed case, for a change the console is about to make;
    CaseNotShown for a sealed or unknown one, so no action reaches a sealed case."""
    k = schema.cases
    with db.read() as conn:
        number = conn.execute(select(k.c.case_number).where(
            k.c.case_id == case_id, k.c.sealed.is_(False))).scalar_one_or_none()
    if number is None:
        raise CaseNotShown()
    return str(number)


def _detail(role: str, shown: list[CaseView]) -> str:
    ids = " ".join(c.case_id for c in shown)
    detail = f"as {role}; {len(shown)} shown: {ids}"
    return detail if len(detail) <= admin_audit.MAX_DETAIL else detail[:1996] + " …"
