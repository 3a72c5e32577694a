"""Who has acknowledged the staff confidentiality terms, and who is due (`safeconf-hq
staff-acknowledgments`). The yearly rule is the domain's, the same the laptops apply."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, union

from safeconf.domain.staff_terms import is_due
from safeconf.domain.termsafe import safe
from safeconf.hq import schema
from safeconf.hq.db import Database

# Only the roles that handle this kind (domain.caseless.HANDLING_ROLES) reach this list:
# today the HQ administrator at the command line.


@dataclass(frozen=True)
class WorkerStanding:
    worker_id: str
    last_acknowledged_at: str | None
    statement_version: int | None
    due: bool


def standings(db: Database, now: datetime) -> list[WorkerStanding]:
    """Every worker HQ knows (enrolled, issued a code, or assigned a case), with their
    latest acknowledgment as filed under their certificates."""
    d, e, t = schema.devices, schema.enrollment_codes, schema.caseless_records
    a = schema.assignments
    with db.read() as conn:
        workers = [r[0] for r in conn.execute(
            union(select(d.c.worker_id), select(e.c.worker_id), select(a.c.worker_id))).all()]
        rows = conn.execute(select(t.c.worker_id, t.c.data)
                            .where(t.c.type == "staff_acknowledgment")).all()
    latest: dict[str, dict[str, object]] = {}
    for worker_id, data in rows:
        ack = json.loads(data)
        seen = latest.get(worker_id)
        if seen is None or str(ack["acknowledged_at"]) > str(seen["acknowledged_at"]):
            latest[worker_id] = ack
    found = []
    for worker in sorted(set(workers) | set(latest)):
        ack = latest.get(worker)
        at = None if ack is None else str(ack["acknowledged_at"])
        version = None if ack is None else int(str(ack["statement_version"]))
        found.append(WorkerStanding(worker, at, version, is_due(at, now)))
    return found


def format_table(rows: list[WorkerStanding]) -> str:
    if not rows:
        return "No workers are known to HQ yet."
    lines = [f"{'WORKER':<30} {'LAST ACKNOWLEDGED':<34} {'VERSION':<8} DUE"]
    for row in rows:
        lines.append(f"{safe(row.worker_id)[:30]:<30} "
                     f"{row.last_acknowledged_at or 'never':<34} "
                     f"{'' if row.statement_version is None else row.statement_version!s:<8} "
                     f"{'yes' if row.due else 'no'}")
    return "\n".join(lines)
