"""Cases at HQ: CSV import, assignment to workers, sealing and closing.

The `cases` and `assignments` tables decide who may see what; HQ's `Case` record mirrors them
and goes through the change log like any record, so devices learn of their cases by pulling.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, insert, select, update

from safeconf.domain.errors import InvalidRecord
from safeconf.domain.records import Case, CaseStatus
from safeconf.hq import casenumber, clock, schema
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError
from safeconf.hq.sync.changelog import load_record, put_hq_record, relog_case
from safeconf.hq.validate import require_worker_id

CSV_COLUMNS = ("case_number", "family_name", "assigned_workers")
MAX_IMPORT_ROWS = 100_000


@dataclass(frozen=True)
class CaseRow:
    line: int
    case_number: str
    family_name: str
    workers: tuple[str, ...]


def read_cases_csv(path: Path) -> list[CaseRow]:
    """The rows of a CSV file (see `parse_cases_csv`)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise AdminError(f"Cannot read {path}: {exc.strerror}.") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AdminError(f"{path}: not a readable UTF-8 CSV file ({exc}).") from exc
    return parse_cases_csv(text, str(path))


def parse_cases_csv(text: str, source: str = "The file") -> list[CaseRow]:
    """Every row checked before anything is stored; all problems reported with line numbers
    (`source` names the file in messages: a path, or an uploaded file's description)."""
    problems: list[str] = []
    rows: list[CaseRow] = []
    seen: dict[str, int] = {}
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = next(reader, None)
        if header is None or tuple(h.strip() for h in header) != CSV_COLUMNS:
            raise AdminError(
                f"{source}: the first line must be the header {','.join(CSV_COLUMNS)}."
            )
        for fields in reader:
            line = reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if len(rows) + len(problems) >= MAX_IMPORT_ROWS:
                raise AdminError(f"{source}: more than {MAX_IMPORT_ROWS} rows; split the file.")
            row, problem = _parse_row(line, fields, seen)
            if problem:
                problems.append(f"line {line}: {problem}")
            elif row:
                rows.append(row)
    except csv.Error as exc:
        raise AdminError(f"{source}: not a readable UTF-8 CSV file ({exc}).") from exc
    if problems:
        raise AdminError("Nothing was imported. Fix these rows:\n  " + "\n  ".join(problems))
    return rows


def _parse_row(line: int, fields: list[str],
               seen: dict[str, int]) -> tuple[CaseRow | None, str | None]:
    if len(fields) != len(CSV_COLUMNS):
        return None, f"expected {len(CSV_COLUMNS)} columns, found {len(fields)}"
    raw_number, family, workers_text = (f.strip() for f in fields)
    workers = tuple(w.strip() for w in workers_text.split(";") if w.strip())
    try:
        number = casenumber.normalise(raw_number)
        for worker in workers:
            require_worker_id(worker)
        Case(case_number=number, family_name=family, assigned_workers=workers)
    except (ValueError, InvalidRecord) as exc:
        return None, str(exc)
    if number in seen:
        same = "" if number == raw_number else f" (both read {number})"
        return None, f"case number repeats line {seen[number]}{same}"
    seen[number] = line
    return CaseRow(line, number, family, workers), None


def import_cases(db: Database, rows: list[CaseRow]) -> int:
    """All rows in one transaction: a case number HQ already has fails the whole file."""
    stamp = clock.iso(clock.now())
    problems: list[str] = []
    normal_rows: list[CaseRow] = []
    for row in rows:  # rows from read_cases_csv already are; rows built in code may not be
        try:
            normal_rows.append(dataclasses.replace(
                row, case_number=casenumber.normalise(row.case_number)))
        except casenumber.CaseNumberInvalid as exc:
            problems.append(f"line {row.line}: {exc}")
    if problems:
        raise AdminError("Nothing was imported. Fix these rows:\n  " + "\n  ".join(problems))
    rows = normal_rows
    with db.write() as conn:
        # Compared by normal form, so a number stored before normalisation still clashes.
        existing = {casenumber.key(n): n for n in conn.execute(
            select(schema.cases.c.case_number)).scalars()}
        clashes = [f"line {r.line}: case number already at HQ"
                   + ("" if existing[r.case_number] == r.case_number
                      else f" (as {existing[r.case_number]})")
                   for r in rows if r.case_number in existing]
        if clashes:
            raise AdminError("Nothing was imported. Fix these rows:\n  " + "\n  ".join(clashes))
        for row in rows:
            case = Case(
                case_number=row.case_number, family_name=row.family_name,
                assigned_workers=tuple(sorted(set(row.workers))), origin_device="hq",
                created_at=stamp, updated_at=stamp,
            )
            conn.execute(insert(schema.cases).values(
                case_id=case.id, case_number=case.case_number, sealed=False,
                status=CaseStatus.OPEN.value, closed_at=None,
            ))
            if case.assigned_workers:
                conn.execute(insert(schema.assignments), [
                    {"case_id": case.id, "worker_id": w, "active": True, "changed_at": stamp}
                    for w in case.assigned_workers
                ])
            put_hq_record(conn, case, stamp)
    return len(rows)


def _find_case(conn: Connection, case_number: str) -> tuple[str, str]:
    """(case id, stored case number) for what an admin typed, compared by normal form."""
    k = schema.cases
    try:
        wanted = casenumber.normalise(case_number)
        invalid = None
    except casenumber.CaseNumberInvalid as exc:
        wanted, invalid = case_number, exc
    row = conn.execute(select(k.c.case_id, k.c.case_number)
                       .where(k.c.case_number == wanted)).first()
    if row is None:
        # A number stored before normalisation existed may be spelled otherwise.
        row = next((r for r in conn.execute(select(k.c.case_id, k.c.case_number))
                    if casenumber.key(r.case_number) == wanted), None)
    if row is None:
        if invalid is not None:
            raise AdminError(f"{case_number!r} is not a case number: {invalid}.")
        raise AdminError(f"HQ has no case {wanted!r}.")
    return str(row.case_id), str(row.case_number)


def _case_id(conn: Connection, case_number: str) -> str:
    return _find_case(conn, case_number)[0]


def stored_number(db: Database, case_number: str) -> str:
    """The case number as HQ holds it, for what an admin typed (`2026-001 ` → `2026-001`)."""
    with db.read() as conn:
        return _find_case(conn, case_number)[1]


def _active_workers(conn: Connection, case_id: str) -> tuple[str, ...]:
    a = schema.assignments
    return tuple(sorted(conn.execute(
        select(a.c.worker_id).where(a.c.case_id == case_id, a.c.active.is_(True))
    ).scalars()))


def _revise_case(conn: Connection, case_id: str, stamp: str,
                 change: Callable[[Case], Case]) -> None:
    """Write HQ's next version of the Case record, so devices pull the new state."""
    current = load_record(conn, case_id)
    if not isinstance(current, Case):
        raise AdminError("HQ's copy of this case is missing; the database needs repair.")
    revised = change(current)
    revised = dataclasses.replace(
        revised, assigned_workers=_active_workers(conn, case_id), version=current.version + 1,
        updated_at=stamp,
    )
    put_hq_record(conn, revised, stamp)


def assign(db: Database, case_number: str, worker_id: str) -> None:
    require_worker_id(worker_id)
    stamp = clock.iso(clock.now())
    a = schema.assignments
    with db.write() as conn:
        case_id = _case_id(conn, case_number)
        row = conn.execute(
            select(a.c.active).where(a.c.case_id == case_id, a.c.worker_id == worker_id)
        ).first()
        if row is not None and row.active:
            return
        if row is None:
            conn.execute(insert(a).values(case_id=case_id, worker_id=worker_id, active=True,
                                          changed_at=stamp))
        else:
            conn.execute(update(a).where(a.c.case_id == case_id, a.c.worker_id == worker_id)
                         .values(active=True, changed_at=stamp))
        _revise_case(conn, case_id, stamp, lambda c: c)
        # The worker's devices may already be past these records' seqs: send them again.
        relog_case(conn, case_id)


def unassign(db: Database, case_number: str, worker_id: str) -> None:
    stamp = clock.iso(clock.now())
    a = schema.assignments
    with db.write() as conn:
        case_id = _case_id(conn, case_number)
        changed = conn.execute(
            update(a).where(a.c.case_id == case_id, a.c.worker_id == worker_id,
                            a.c.active.is_(True))
            .values(active=False, changed_at=stamp)
        ).rowcount
        if not changed:
            raise AdminError(f"Case {case_number!r} is not assigned to {worker_id!r}.")
        _revise_case(conn, case_id, stamp, lambda c: c)


def set_sealed(db: Database, case_number: str, sealed: bool) -> None:
    stamp = clock.iso(clock.now())
    with db.write() as conn:
        case_id = _case_id(conn, case_number)
        conn.execute(update(schema.cases).where(schema.cases.c.case_id == case_id)
                     .values(sealed=sealed))
        _revise_case(conn, case_id, stamp, lambda c: dataclasses.replace(c, sealed=sealed))
        if not sealed:
            relog_case(conn, case_id)


def set_closed(db: Database, case_number: str, closed: bool) -> None:
    """Closing starts the retention clock; past it, devices are told to purge the case."""
    stamp = clock.iso(clock.now())
    status = CaseStatus.CLOSED if closed else CaseStatus.OPEN
    with db.write() as conn:
        case_id = _case_id(conn, case_number)
        conn.execute(update(schema.cases).where(schema.cases.c.case_id == case_id)
                     .values(status=status.value, closed_at=stamp if closed else None))
        _revise_case(conn, case_id, stamp, lambda c: dataclasses.replace(c, status=status))
        if not closed:
            relog_case(conn, case_id)


def case_id_for(db: Database, case_number: str) -> str:
    with db.read() as conn:
        return _case_id(conn, case_number)


def numbers(conn: Connection, case_ids: Iterable[str] | None = None) -> dict[str, str]:
    """Case numbers by case id: of the ids given (unknown ids are left out), or of every
    case HQ holds."""
    k = schema.cases
    query = select(k.c.case_id, k.c.case_number)
    if case_ids is not None:
        wanted = list(set(case_ids))
        if not wanted:
            return {}
        query = query.where(k.c.case_id.in_(wanted))
    return {str(cid): str(n) for cid, n in conn.execute(query)}
