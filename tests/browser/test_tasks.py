"""Each role's main task, end to end in the browser, signed in with a passkey: the
administrator revokes a lost laptop, legal answers a legal review, a supervisor
acknowledges their worker's loss report, the legal director records who was told of a
breach. What changed is read back from HQ's services, not from the page."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from safeconf.domain.records import LegalAnswer
from safeconf.hq import legal_reviews, staff
from tests.browser.navigators import Administrator, LegalDirector, LegalOfficer, Navigator
from tests.browser.navigators import Supervisor as SupervisorNav
from tests.browser.seed import Seeded, device_status, report_events

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_an_administrator_revokes_a_lost_laptop(
        as_role: Callable[[str], Navigator], seeded: Seeded) -> None:
    admin = as_role(staff.ADMINISTRATOR)
    assert isinstance(admin, Administrator)
    admin.revoke_device(seeded.spare_device_id)
    assert device_status(admin.console.hq, seeded.spare_device_id) == "revoked"
    assert "revoked" in admin.text().lower()


def test_legal_answers_a_legal_review_with_advice(
        as_role: Callable[[str], Navigator], seeded: Seeded) -> None:
    legal = as_role(staff.LEGAL)
    assert isinstance(legal, LegalOfficer)
    legal.answer_review(seeded.case_number, "advice",
                        "Send proof of services only, not the notes themselves.")
    answered = legal_reviews.show(legal.console.hq.db, seeded.review_id).answer
    assert answered is not None and answered.answer == LegalAnswer.ADVICE
    assert answered.answered_by == legal.account.name


def test_a_supervisor_acknowledges_their_workers_loss_report(
        as_role: Callable[[str], Navigator], seeded: Seeded) -> None:
    supervisor = as_role(staff.SUPERVISOR)
    assert isinstance(supervisor, SupervisorNav)
    supervisor.acknowledge_loss(seeded.loss_receipt)
    assert "acknowledged" in report_events(supervisor.console.hq, seeded.loss_id)


def test_the_legal_director_records_that_the_commissioner_was_told_of_a_breach(
        as_role: Callable[[str], Navigator], seeded: Seeded) -> None:
    director = as_role(staff.LEGAL_DIRECTOR)
    assert isinstance(director, LegalDirector)
    director.record_notified(seeded.breach_receipt, "commissioner")
    assert "commissioner_notified" in report_events(director.console.hq, seeded.breach_id)
