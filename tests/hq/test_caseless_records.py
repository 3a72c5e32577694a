"""Records of no case at a real HQ over mutual TLS, on SQLite and PostgreSQL: filed under
the certificate's worker and device, acknowledged in the push sequence, never served."""

from __future__ import annotations

import uuid

from hq_harness import HQ, new_worker
from sqlalchemy import select

from safeconf.domain.records import Conference, Language, StaffAcknowledgment
from safeconf.hq import schema
from safeconf.sync import OutboxItem


def staff_ack(claimed_worker: str) -> StaffAcknowledgment:
    return StaffAcknowledgment(acknowledged_by=claimed_worker,
                               statement_id="staff_confidentiality", statement_version=1,
                               statement_sha256="d" * 64, language=Language.ENGLISH)


def test_a_staff_acknowledgment_is_filed_under_the_certificate_and_never_pulled(
    shared_hq: HQ,
) -> None:
    worker, someone_else = new_worker(), new_worker()
    case_id = shared_hq.add_case(worker)
    enrolled, laptop = shared_hq.device(worker)
    _, other_laptop = shared_hq.device(worker)
    ack = staff_ack(claimed_worker=someone_else)
    conf = Conference(case_id=case_id, scheduled_start="2026-03-01T10:00:00+00:00")
    result = laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, ack), OutboxItem.of(2, conf)])
    assert result.acked_seq == 2 and result.conflicts == ()

    t = schema.caseless_records
    with shared_hq.db.read() as conn:
        row = conn.execute(select(t.c.worker_id, t.c.device_id, t.c.type)
                           .where(t.c.id == ack.id)).one()
    assert (row.worker_id, row.device_id, row.type) == (
        worker, enrolled.device_id, "staff_acknowledgment")
    assert shared_hq.count(schema.records, schema.records.c.id == ack.id) == 0
    assert shared_hq.count(schema.changes, schema.changes.c.record_id == ack.id) == 0

    pulled = other_laptop.pull(0, 500)
    ids = {item.data["id"] for item in pulled.items}
    assert conf.id in ids and ack.id not in ids
