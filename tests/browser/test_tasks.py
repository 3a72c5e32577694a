"""Each role's main task, end to end in the browser, signed in with a passkey: the
administrator revokes a lost laptop, legal answers a legal review, a supervisor
acknowledges their worker's loss report, the legal director records who was told of a
breach. What changed is read back from HQ's services, not from the page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from safeconf.domain.records import LegalAnswer
from safeconf.hq import legal_reviews, schema, staff
from safeconf.hq.pki import devices
from tests.browser.navigators import Administrator, LegalDirector, LegalOfficer, Navigator
from tests.browser.navigators import Supervisor as SupervisorNav
from tests.browser.pages import pending
from tests.browser.seed import Seeded

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _status(hq: object, device_id: str) -> str:
    with hq.db.read() as conn:  # type: ignore[attr-defined]
        found = devices.by_id(conn, device_id)
    assert found is not None
    return found.status


def _events(hq: object, report_id: str) -> list[str]:
    e = schema.report_events
    with hq.db.read() as conn:  # type: ignore[attr-defined]
        return list(conn.execute(select(e.c.kind).where(e.c.report_id == report_id)
                                 .order_by(e.c.event_id)).scalars())


@pending("/devices", "console-admin")
def test_an_administrator_revokes_a_lost_laptop(
        as_role: Callable[[str], Navigator], seeded: Seeded) -> None:
    admin = as_role(staff.ADMINISTRATOR)
    assert isinstance(admin, Administrator)
    admin.revoke_device(seeded.spare_device_id)
    assert _status(admin.console.hq, seeded.spare_device_id) == "revoked"
    assert "revoked" in admin.text().lower()


@pending("/legal/reviews", "console-legal")
def test_legal_answers_a_legal_review_with_advice(
        as_role: Callable[[str], Navigator], seeded: Seeded) -> None:
    legal = as_role(staff.LEGAL)
    assert isinstance(legal, LegalOfficer)
    legal.answer_review(seeded.case_number, "advice",
                        "Send proof of services only, not the notes themselves.")
    answered = legal_reviews.show(legal.console.hq.db, seeded.review_id).answer
    assert answered is not None and answered.answer == LegalAnswer.ADVICE
    assert answered.answered_by == legal.account.name


@pending("/team/losses", "console-supervise")
def test_a_supervisor_acknowledges_their_workers_loss_report(
        as_role: Callable[[str], Navigator], seeded: Seeded) -> None:
    supervisor = as_role(staff.SUPERVISOR)
    assert isinstance(supervisor, SupervisorNav)
    supervisor.acknowledge_loss(seeded.loss_receipt)
    assert "acknowledged" in _events(supervisor.console.hq, seeded.loss_id)


@pending("/director/breaches", "console-supervise")
def test_the_legal_director_records_that_the_commissioner_was_told_of_a_breach(
        as_role: Callable[[str], Navigator], seeded: Seeded) -> None:
    director = as_role(staff.LEGAL_DIRECTOR)
    assert isinstance(director, LegalDirector)
    director.record_notified(seeded.breach_receipt, "commissioner")
    assert any("notified" in kind for kind in _events(director.console.hq, seeded.breach_id))
