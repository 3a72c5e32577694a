"""Loss and breach reports filed at a test HQ the way the push files them (a stored
caseless record, then `incidents.received`, which queues the notifications), and the
people who handle them: two supervisors, each with a team of one worker."""

from __future__ import annotations

import dataclasses
import hashlib
import uuid

from sqlalchemy import insert, select

from safeconf.domain import codec
from safeconf.domain.auditchain import canonical_json
from safeconf.domain.records import BreachReport, LossKind, LossReport
from safeconf.domain.reports import receipt
from safeconf.domain.validation import validate
from safeconf.hq import clock, incidents, schema
from tests.hq.hq_harness import HQ, new_worker
from tests.support import hq_staff

WHEN = "2026-11-30T18:00:00+00:00"


@dataclasses.dataclass
class Teams:
    supervisor: str
    worker: str
    other_supervisor: str
    other_worker: str
    director: str
    admin: str
    legal: str


def teams(hq: HQ) -> Teams:
    admin = hq.staff_member("administrator")  # HQ's first, before hq_staff adds anyone
    tag = uuid.uuid4().hex[:6]
    sup = hq_staff.add(hq.db, f"sup-a-{tag}", "supervisor")
    other = hq_staff.add(hq.db, f"sup-b-{tag}", "supervisor")
    worker, other_worker = new_worker(), new_worker()
    hq_staff.set_supervisor(hq.db, worker, sup)
    hq_staff.set_supervisor(hq.db, other_worker, other)
    return Teams(sup, worker, other, other_worker,
                 hq.staff_member("legal_director"), admin, hq.staff_member("legal"))


def file(hq: HQ, record: LossReport | BreachReport, worker: str) -> str:
    """Store `record` as pushed by a laptop of `worker`; returns its receipt number."""
    record = validate(record)  # type: ignore[assignment]
    raw = canonical_json(codec.to_dict(record))
    device = str(uuid.uuid4())
    now = clock.iso(clock.now())
    name = codec.type_name(record)
    with hq.db.write() as conn:
        conn.execute(insert(schema.caseless_records).values(
            id=record.id, type=name, worker_id=worker, device_id=device,
            data=raw.decode("utf-8"), content_hash=hashlib.sha256(raw).hexdigest(),
            stored_at=now))
        incidents.received(conn, record, worker, device, now)
    return receipt(name, record.id)


def loss(worker: str, **changes: object) -> LossReport:
    fields: dict[str, object] = dict(
        lost=LossKind.PAPER_NOTES, description="a folder of visit notes", happened_at=WHEN,
        where="bus 14", affected_unknown=True, reported_by=worker)
    return LossReport(**{**fields, **changes})  # type: ignore[arg-type]


def breach(worker: str, **changes: object) -> BreachReport:
    fields: dict[str, object] = dict(
        what="minutes emailed to the wrong school", happened_at=WHEN,
        who_may_have_received="a school office", affected_unknown=True, reported_by=worker)
    return BreachReport(**{**fields, **changes})  # type: ignore[arg-type]


def trail(hq: HQ, report_id: str) -> list[str]:
    e = schema.report_events
    with hq.db.read() as conn:
        return list(conn.execute(select(e.c.kind).where(e.c.report_id == report_id)
                                 .order_by(e.c.event_id)).scalars())
