"""What each role's pages show, made the way it reaches HQ for real: a worker's laptop
enrolled and pushing a legal review, a loss report and a breach report over mutual TLS; a
subpoena logged at HQ; a sealed case. All of it fictional."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from safeconf.domain.records import (
    BreachReport,
    LegalRequestKind,
    LossKind,
    LossReport,
    RequesterBody,
)
from safeconf.domain.reports import receipt
from safeconf.hq import cases, legal_requests, schema, staff
from safeconf.hq.pki import devices
from safeconf.sync import OutboxItem
from tests.hq.hq_harness import HQ, new_worker
from tests.support import disclosures

WHEN = "2026-11-30T18:00:00+00:00"


@dataclass(frozen=True)
class Seeded:
    worker: str
    device_id: str
    spare_device_id: str  # a second laptop of the worker, for the revoke task
    case_id: str
    case_number: str
    sealed_case_id: str
    sealed_case_number: str
    review_id: str
    loss_id: str
    loss_receipt: str
    breach_id: str
    breach_receipt: str
    request_id: str


def seed(hq: HQ, *, supervisor: str, legal: str) -> Seeded:
    """A worker on `supervisor`'s team with two laptops, and one of each thing to handle."""
    worker = new_worker()
    admin = hq.staff_member(staff.ADMINISTRATOR, HQ.ADMIN)
    staff.set_supervisor(hq.db, worker, supervisor, by=admin)
    case_id = hq.add_case(worker, number=f"C-2026-{uuid.uuid4().hex[:5].upper()}")
    sealed_id = hq.add_case(worker, number=f"C-2026-{uuid.uuid4().hex[:5].upper()}")
    enrolled, laptop = hq.device(worker)
    spare, _ = hq.device(worker)
    review = disclosures.review(case_id, requested_by=worker)
    lost = LossReport(lost=LossKind.PAPER_NOTES, description="a folder of visit notes",
                      happened_at=WHEN, where="bus 14", affected_unknown=True,
                      reported_by=worker)
    broke = BreachReport(what="conference minutes emailed to the wrong school",
                         happened_at=WHEN, who_may_have_received="a school office",
                         affected_unknown=True, reported_by=worker)
    result = laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, review), OutboxItem.of(2, lost),
                                             OutboxItem.of(3, broke)])
    assert result.conflicts == (), result.conflicts
    subpoena = legal_requests.log_at_hq(
        hq.db, case_id, LegalRequestKind.SUBPOENA, "County Family Court", "Clerk's office",
        RequesterBody.COURT, "All conference minutes of 2026", date.today(), 10, None, (),
        legal)
    sealed_number = hq.case_number(sealed_id)
    cases.set_sealed(hq.db, sealed_number, True)
    return Seeded(worker, enrolled.device_id, spare.device_id, case_id,
                  hq.case_number(case_id), sealed_id, sealed_number, review.id, lost.id,
                  receipt("loss_report", lost.id), broke.id, receipt("breach_report", broke.id),
                  subpoena.id)


def item_pages(seeded: Seeded) -> dict[str, str]:
    """Route pattern -> the address of the seeded thing's own page."""
    return {"/devices/{device_id}": f"/devices/{seeded.device_id}",
            "/cases/{case_id}": f"/cases/{seeded.case_id}",
            "/legal/reviews/{review_id}": f"/legal/reviews/{seeded.review_id}",
            "/legal/requests/{request_id}": f"/legal/requests/{seeded.request_id}",
            "/legal/cases/{case_id}": f"/legal/cases/{seeded.case_id}",
            "/team/losses/{ref}": f"/team/losses/{seeded.loss_receipt}",
            "/director/breaches/{ref}": f"/director/breaches/{seeded.breach_receipt}"}


def device_status(hq: HQ, device_id: str) -> str:
    with hq.db.read() as conn:
        found = devices.by_id(conn, device_id)
    assert found is not None, device_id
    return found.status


def report_events(hq: HQ, report_id: str) -> list[str]:
    """The kinds of a loss or breach report's status trail, in order."""
    e = schema.report_events
    with hq.db.read() as conn:
        return list(conn.execute(select(e.c.kind).where(e.c.report_id == report_id)
                                 .order_by(e.c.event_id)).scalars())
