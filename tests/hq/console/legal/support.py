"""What legal's page tests share: records pushed by a laptop, and the audit events of a
subject."""

from __future__ import annotations

import uuid
from typing import Any

from safeconf.domain.records import LegalReview
from safeconf.hq import admin_audit
from safeconf.sync import OutboxItem
from tests.hq.hq_harness import HQ, new_worker
from tests.hq.test_push_pull import push_first_revision
from tests.support import disclosures

NOTE = ("Rowan attends Lincoln Elementary; the counselor there sees him weekly. "
        "Dana keeps the safety plan.")


def pushed_review(hq: HQ, **changes: Any) -> tuple[str, LegalReview]:
    """(case id, review) of a review pushed by a worker's laptop, about one note of the case
    that HQ holds."""
    worker = new_worker()
    case_id = hq.add_case(worker)
    _, device = hq.device(worker)
    revision = push_first_revision(device, case_id, NOTE)
    review = disclosures.review(case_id, record_ids=(revision.note_id,), requested_by=worker,
                                **changes)
    assert device.push(str(uuid.uuid4()), [OutboxItem.of(6, review)]).conflicts == ()
    return case_id, review


def reads_of(hq: HQ, subject_type: str, subject_id: str) -> list[admin_audit.AuditEvent]:
    return [e for e in admin_audit.list_events(hq.db, subject=subject_id)
            if e.subject_type == subject_type and e.action == "read"]


def events_of(hq: HQ, subject_id: str) -> list[admin_audit.AuditEvent]:
    return admin_audit.list_events(hq.db, subject=subject_id)
