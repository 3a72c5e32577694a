"""Subpoenas and records requests in the console: the queue by due day with paging, one
request with its documents and steps (audited), legal's steps, and logging one at HQ."""

from __future__ import annotations

import re
from datetime import date

import pytest

from safeconf.domain.records import LegalAction, LegalRequestKind, RequesterBody
from safeconf.hq import admin_audit, cases, legal_requests, schema
from tests.hq.hq_harness import HQ, new_worker
from tests.support.console import ConsoleClient
from tests.support.legal_requests import PDF


def _log(hq: HQ, case_id: str, received: str = "2026-11-20", days: int = 10,
         kind: LegalRequestKind = LegalRequestKind.SUBPOENA,
         attachments: tuple[tuple[str, bytes], ...] = ()) -> str:
    return legal_requests.log_at_hq(
        hq.db, case_id, kind, "Clerk of the Family Court", "Family Court, Part 3",
        RequesterBody.COURT, "All conference records since March",
        date.fromisoformat(received), days, None, list(attachments),
        hq.staff_member("legal")).id


def _requests(hq: HQ, case_id: str) -> int:
    r = schema.records
    return hq.count(r, r.c.type == "legal_request", r.c.case_id == case_id)


def _receipts(html: str) -> list[str]:
    return re.findall(r'href="/legal/requests/([0-9a-f-]{36})"', html)


def test_the_queue_puts_overdue_first_then_soonest_due_and_pages_by_100(
        client: ConsoleClient, console_hq: HQ) -> None:
    case_id = console_hq.add_case(new_worker())
    later = _log(console_hq, case_id, received="2099-01-05", days=20)
    sooner = _log(console_hq, case_id, received="2099-01-05", days=5)
    overdue = _log(console_hq, case_id, received="2020-01-06", days=5)
    for _ in range(100):  # a queue longer than one page
        _log(console_hq, case_id, received="2098-01-05", days=10)
    client.sign_in_as(console_hq.staff_member("legal"))

    first = client.get("/legal/requests")
    assert first.status_code == 200
    ids = _receipts(first.text)
    assert len(ids) == 100 and ids[0] == overdue
    queue_reads = [e for e in admin_audit.list_events(console_hq.db, subject="open")
                   if e.subject_type == "legal_request_queue"]
    assert queue_reads and queue_reads[-1].action == "read"  # the queue names cases
    assert "overdue" in first.text and 'rel="next"' in first.text
    everything = [i for n in range(1, 10) for i in _receipts(
        client.get(f"/legal/requests?page={n}").text)]
    assert everything.index(overdue) < everything.index(sooner) < everything.index(later)
    overdue_only = _receipts(client.get("/legal/requests?show=overdue").text)
    assert overdue in overdue_only and sooner not in overdue_only
    records = _receipts(client.get("/legal/requests?show=all&kind=records_request").text)
    assert sooner not in records


def test_a_request_shows_its_documents_and_steps_and_the_read_is_audited(
        client: ConsoleClient, console_hq: HQ) -> None:
    case_id = console_hq.add_case(new_worker())
    request_id = _log(console_hq, case_id, attachments=(("order.pdf", PDF),))
    reader = console_hq.staff_member("legal")
    client.sign_in_as(reader)
    page = client.get(f"/legal/requests/{request_id}")
    assert page.status_code == 200
    assert "All conference records since March" in page.text and "order.pdf" in page.text
    assert legal_requests.receipt_of(request_id) in page.text
    events = admin_audit.list_events(console_hq.db, subject=request_id)
    assert events[-1].action == "legal_request.show" and events[-1].actor == reader

    sha = re.search(r'/documents/([0-9a-f]{64})"', page.text)
    assert sha
    document = client.get(f"/legal/requests/{request_id}/documents/{sha.group(1)}")
    assert document.status_code == 200 and document.content == PDF
    assert document.headers["content-disposition"].startswith("attachment")
    assert admin_audit.list_events(console_hq.db, subject=request_id)[-1].action == \
        "legal_request.document"


def test_legal_acknowledges_extends_and_denies_a_request_through_its_steps(
        client: ConsoleClient, console_hq: HQ) -> None:
    case_id = console_hq.add_case(new_worker())
    request_id = _log(console_hq, case_id)
    client.sign_in_as(console_hq.staff_member("legal"))
    page, action = f"/legal/requests/{request_id}", f"/legal/requests/{request_id}/step"

    done = client.submit(page, action, {"action": "acknowledge", "text": ""})
    assert done.status_code == 303 and "acknowledged" in client.follow(done).text
    done = client.submit(page, action, {"action": "extend", "days": "5", "text": "Court ok"})
    assert done.status_code == 303 and "now due" in client.follow(done).text
    done = client.submit(page, action, {"action": "deny", "text": "Not our records."})
    assert done.status_code == 303
    detail = legal_requests.show(console_hq.db, request_id, console_hq.staff_member("legal"))
    assert [e.action for e in detail.events] == [LegalAction.ACKNOWLEDGE, LegalAction.EXTEND,
                                                 LegalAction.DENY]
    assert not detail.standing.is_open
    shown = client.get(page).text
    assert "Reopen" in shown and "Deny (closes it)" not in shown


@pytest.mark.parametrize(("data", "said"), [
    ({"action": "deny", "text": ""}, "write the reason for the denial"),
    ({"action": "extend", "days": "soon", "text": "Court ok"}, "as a number from 1 to 365"),
    ({"action": "extend", "days": "900", "text": "Court ok"}, "from 1 to 365 business days"),
    ({"action": "reopen", "text": ""}, "cannot be reopened"),
    ({"action": "explode", "text": ""}, "Choose one of the steps"),
])
def test_a_step_the_request_or_the_form_does_not_allow_is_refused_and_stores_nothing(
        client: ConsoleClient, console_hq: HQ, data: dict[str, str], said: str) -> None:
    case_id = console_hq.add_case(new_worker())
    request_id = _log(console_hq, case_id)
    client.sign_in_as(console_hq.staff_member("legal"))
    answer = client.submit(f"/legal/requests/{request_id}",
                           f"/legal/requests/{request_id}/step", data)
    assert answer.status_code in (400, 409)
    assert said in answer.text and 'role="alert"' in answer.text
    r = schema.records
    assert console_hq.count(r, r.c.type == "legal_request_event", r.c.case_id == case_id) == 0


def _new(case: str, **changes: str) -> dict[str, str]:
    return {"case": case, "kind": "records_request", "requester": "A. Counsel",
            "body": "Mesa Legal Aid", "body_kind": "attorney", "asked": "The 2026 notes",
            "received_on": "2026-11-20", "business_days": "10", "health_purpose": "",
            **changes}


def test_legal_logs_a_request_received_at_hq_with_its_scan(
        client: ConsoleClient, console_hq: HQ) -> None:
    case_id = console_hq.add_case(new_worker())
    number = console_hq.case_number(case_id)
    client.sign_in_as(console_hq.staff_member("legal"))
    done = client.http.post("/legal/requests/new", data={
        **_new(f" {number} "), "csrf": client.csrf("/legal/requests/new")},
        files={"attach": ("order.pdf", PDF, "application/pdf")})
    assert done.status_code == 303, done.text
    page = client.follow(done)
    assert "logged, due 2026-12-0" in page.text and "order.pdf" in page.text
    assert _requests(console_hq, case_id) == 1


def test_a_bad_request_to_log_says_what_to_do_keeps_the_form_and_stores_nothing(
        client: ConsoleClient, console_hq: HQ) -> None:
    case_id = console_hq.add_case(new_worker())
    number = console_hq.case_number(case_id)
    sealed_id = console_hq.add_case(new_worker())
    sealed_number = console_hq.case_number(sealed_id)
    cases.set_sealed(console_hq.db, sealed_number, True)
    client.sign_in_as(console_hq.staff_member("legal"))
    token = client.csrf("/legal/requests/new")
    for data, said in [
            (_new(number, requester=""), "Fill in who asks"),
            (_new(number, received_on="20/11/2026"), "as a date (YYYY-MM-DD)"),
            (_new(number, business_days="0"), "from 1 to 365 business days"),
            (_new(number, kind="health_info_request"), "Nothing was stored"),
            (_new("C-NO-SUCH-2026"), "HQ has no case with that number")]:
        answer = client.post("/legal/requests/new", data, csrf=token)
        assert answer.status_code == 400, data
        assert said in answer.text and 'role="alert"' in answer.text
        assert "C-NO-SUCH-2026" not in answer.text.split("</h1>")[1].split("<form")[0]
        assert 'value="A. Counsel"' in answer.text or data["requester"] == ""
    bad_scan = client.http.post("/legal/requests/new", data={**_new(number), "csrf": token},
                                files={"attach": ("order.pdf", b"not a scan", "text/plain")})
    assert bad_scan.status_code == 400 and "PDF, PNG, JPEG or TIFF" in bad_scan.text
    assert _requests(console_hq, case_id) == 0
    # A sealed case: legal is told it is sealed; nothing is stored.
    sealed = client.post("/legal/requests/new", _new(sealed_number), csrf=token)
    assert sealed.status_code == 400 and "sealed" in sealed.text
    assert _requests(console_hq, sealed_id) == 0


def test_the_legal_director_never_sees_a_sealed_cases_request(
        client: ConsoleClient, console_hq: HQ) -> None:
    case_id = console_hq.add_case(new_worker())
    request_id = _log(console_hq, case_id)
    number = console_hq.case_number(case_id)
    cases.set_sealed(console_hq.db, number, True)
    client.sign_in_as(console_hq.staff_member("legal_director"))
    assert request_id not in client.get("/legal/requests?show=all").text
    hidden = client.get(f"/legal/requests/{request_id}")
    assert hidden.status_code == 404 and number not in hidden.text
    token = client.csrf("/legal/requests/new")
    refused = client.post("/legal/requests/new", _new(number), csrf=token)
    assert refused.status_code == 400 and "sealed" not in refused.text


def test_a_notifications_receipt_link_leads_to_its_request_and_nothing_else(
        client: ConsoleClient, console_hq: HQ) -> None:
    request_id = _log(console_hq, console_hq.add_case(new_worker()))
    client.sign_in_as(console_hq.staff_member("legal"))
    answer = client.get(f"/requests/{legal_requests.receipt_of(request_id)}")
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/legal/requests/{request_id}"
    for unknown in ("LR-00000000", "LR-XYZ", "../../etc/passwd"):
        assert client.get(f"/requests/{unknown}").status_code == 404
    supervisor = ConsoleClient(client.server).sign_in_as(console_hq.staff_member("supervisor"))
    assert supervisor.get(f"/requests/{legal_requests.receipt_of(request_id)}").status_code \
        == 403
