"""Two-person approval: one asks, another with the same role approves, the asker carries it
out once; and the /approvals page that shows each role only its own kind of request."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from safeconf.hq import admin_audit, clock
from safeconf.hq.console import approvals
from safeconf.hq.errors import AdminError
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient, ConsoleServer


def _subject() -> str:
    return str(uuid.uuid4())


def test_an_unsealing_needs_a_second_legal_officer_and_happens_once(console_hq: HQ) -> None:
    db = console_hq.db
    first = console_hq.staff_member("legal", "legal.first")
    second = console_hq.staff_member("legal", "legal.second")
    asked = approvals.request(db, approvals.UNSEAL, _subject(), "Court order of 1 Dec", first)
    assert asked.status == "waiting"
    with pytest.raises(AdminError, match="still waits"):
        approvals.carry_out(db, asked.id, first, lambda: "unsealed")
    with pytest.raises(AdminError, match="another person"):
        approvals.approve(db, asked.id, first)
    assert approvals.approve(db, asked.id, second).status == "approved"
    done: list[str] = []
    assert approvals.carry_out(db, asked.id, first, lambda: done.append("x") or "ok") == "ok"
    with pytest.raises(AdminError, match="already carried out"):
        approvals.carry_out(db, asked.id, second, lambda: done.append("again"))
    assert done == ["x"]
    actions = [e.action for e in admin_audit.list_events(db, subject=asked.id)]
    assert actions == ["approval_request", "approval_give", "approval_carry_out"]


def test_only_the_actions_role_may_ask_or_approve(console_hq: HQ) -> None:
    db = console_hq.db
    admin = console_hq.staff_member("administrator", "admin.asker")
    legal = console_hq.staff_member("legal", "legal.other")
    with pytest.raises(AdminError, match="needs the role legal"):
        approvals.request(db, approvals.UNSEAL, _subject(), "why", admin)
    asked = approvals.request(db, approvals.RECOVERY_CODE, _subject(), "lost passphrase", admin)
    with pytest.raises(AdminError, match="needs the role administrator"):
        approvals.approve(db, asked.id, legal)
    with pytest.raises(AdminError, match="Say why"):
        approvals.request(db, approvals.RECOVERY_CODE, _subject(), "  ", admin)


def test_one_open_request_per_subject_and_a_day_to_use_it(console_hq: HQ) -> None:
    db = console_hq.db
    first = console_hq.staff_member("administrator", "admin.one")
    second = console_hq.staff_member("administrator", "admin.two")
    device = _subject()
    asked = approvals.request(db, approvals.RECOVERY_CODE, device, "forgot it", first)
    with pytest.raises(AdminError, match="already asked"):
        approvals.request(db, approvals.RECOVERY_CODE, device, "again", second)
    approvals.approve(db, asked.id, second)
    later = clock.now() + approvals.LIFETIME + timedelta(minutes=1)
    with pytest.raises(AdminError, match="lapsed"):
        approvals.carry_out(db, asked.id, first, lambda: None, now=later)
    assert approvals.latest_for(db, approvals.RECOVERY_CODE, device, now=later).status \
        == "expired"
    # a lapsed request no longer blocks a new one
    approvals.request(db, approvals.RECOVERY_CODE, device, "still locked out", first, now=later)


def test_an_unknown_or_malformed_id_is_a_clear_refusal(console_hq: HQ) -> None:
    admin = console_hq.staff_member("administrator", "admin.one")
    for bad in ("nope", str(uuid.uuid4()), "'; drop table x;--"):
        with pytest.raises(AdminError, match="no such approval"):
            approvals.approve(console_hq.db, bad, admin)


def test_the_page_shows_each_role_its_own_requests_and_approves_by_another(
        console: ConsoleServer, console_hq: HQ) -> None:
    db = console_hq.db
    asker = console_hq.staff_member("administrator", "admin.page.asker")
    approver = console_hq.staff_member("administrator", "admin.page.approver")
    device = _subject()
    asked = approvals.request(db, approvals.RECOVERY_CODE, device, "on leave, forgot it", asker)
    legal = console.client().sign_in_as(console_hq.staff_member("legal", "legal.page"))
    assert device not in legal.get("/approvals").text  # not legal's kind of request
    mine = console.client().sign_in_as(asker)
    page = mine.get("/approvals").text
    assert device in page and f"/approvals/{asked.id}/approve" not in page  # not their own
    other = console.client().sign_in_as(approver)
    assert f"/approvals/{asked.id}/approve" in other.get("/approvals").text
    answer = other.submit("/approvals", f"/approvals/{asked.id}/approve")
    assert answer.status_code == 303
    assert "Approved" in other.follow(answer).text
    assert approvals.latest_for(db, approvals.RECOVERY_CODE, device).approved_by == approver


def test_approving_is_refused_to_other_roles_without_csrf_and_after_a_stale_sign_in(
        console: ConsoleServer, console_hq: HQ) -> None:
    db = console_hq.db
    asker = console_hq.staff_member("legal", "legal.stale.asker")
    case = _subject()
    asked = approvals.request(db, approvals.UNSEAL, case, "order", asker)
    supervisor = console.client().sign_in_as(console_hq.staff_member("supervisor"))
    assert supervisor.get("/approvals").status_code == 403
    assert supervisor.submit("/", f"/approvals/{asked.id}/approve").status_code == 403
    approver = console.client().sign_in_as(console_hq.staff_member("legal", "legal.stale.ok"))
    assert approver.post(f"/approvals/{asked.id}/approve", csrf=None).status_code == 403
    console.advance(timedelta(minutes=10))  # past the five minutes a sensitive action allows
    try:
        stale = approver.submit("/approvals", f"/approvals/{asked.id}/approve")
        assert stale.status_code == 303
        assert stale.headers["location"] == "/reauth?next=/approvals"  # back to the form
    finally:
        console.offset = timedelta()
    assert approvals.latest_for(db, approvals.UNSEAL, case).status == "waiting"


def test_an_unsealing_request_names_the_case_only_to_legal(
        console: ConsoleServer, console_hq: HQ, client: ConsoleClient) -> None:
    number = "2026-SEAL-77"
    case_id = console_hq.add_case(number=number)
    asker = console_hq.staff_member("legal", "legal.names")
    approvals.request(console_hq.db, approvals.UNSEAL, case_id, "order", asker)
    legal = console.client().sign_in_as(console_hq.staff_member("legal", "legal.reader"))
    assert number in legal.get("/approvals").text
    client.sign_in_as(console_hq.staff_member("administrator", "admin.reader"))
    assert number not in client.get("/approvals").text
