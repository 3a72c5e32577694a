"""Cases for legal in the console: the search never finds a sealed case, the sealed list,
a case's consent and disclosure logs (audited), sealing, and unsealing with a second legal
officer's approval."""

from __future__ import annotations

import uuid

from safeconf.hq import admin_audit, schema
from safeconf.hq.console import approvals
from safeconf.sync import OutboxItem
from tests.hq.console.legal.support import reads_of
from tests.hq.hq_harness import HQ, new_worker
from tests.support import consents, disclosures
from tests.support.console import ConsoleClient


def _sealed(hq: HQ, case_id: str) -> bool:
    k = schema.cases
    return hq.count(k, k.c.case_id == case_id, k.c.sealed.is_(True)) == 1


def _case_with_logs(hq: HQ) -> str:
    worker = new_worker()
    case_id = hq.add_case(worker)
    _, device = hq.device(worker)
    result = device.push(str(uuid.uuid4()), [
        OutboxItem.of(1, consents.given(case_id)),
        OutboxItem.of(2, disclosures.disclosure(case_id, disclosed_by=worker))])
    assert result.conflicts == ()
    return case_id


def _seal(client: ConsoleClient, case_id: str) -> None:
    done = client.submit(f"/legal/cases/{case_id}", f"/legal/cases/{case_id}/seal")
    assert done.status_code == 303


def test_the_search_finds_an_open_case_and_never_a_sealed_one(
        client: ConsoleClient, console_hq: HQ) -> None:
    open_id = console_hq.add_case(new_worker())
    sealed_id = console_hq.add_case(new_worker())
    client.sign_in_as(console_hq.staff_member("legal"))
    _seal(client, sealed_id)
    found = client.get("/legal/cases", params={"number": console_hq.case_number(open_id)})
    assert found.status_code == 200 and f"/legal/cases/{open_id}" in found.text

    number = console_hq.case_number(sealed_id)
    missed = client.get("/legal/cases", params={"number": number})
    assert missed.status_code == 404 and "No open case has that number" in missed.text
    assert sealed_id not in missed.text
    assert number not in missed.text  # not even in the search box

    listing = client.get("/legal/cases/sealed")
    assert listing.status_code == 200 and number in listing.text
    assert f"/legal/cases/{sealed_id}" in listing.text and open_id not in listing.text
    assert reads_of(console_hq, "sealed_cases", "list")


def test_a_cases_page_shows_its_consent_and_disclosure_logs_and_is_audited(
        client: ConsoleClient, console_hq: HQ) -> None:
    case_id = _case_with_logs(console_hq)
    reader = console_hq.staff_member("legal")
    client.sign_in_as(reader)
    page = client.get(f"/legal/cases/{case_id}")
    assert page.status_code == 200
    text = page.text
    assert console_hq.case_number(case_id) in text
    assert "Dana Alder" in text and "school attendance records" in text  # the consent
    assert "Lincoln Elementary school counselor" in text and ">given<" in text
    assert "Conference summary, 3 Nov 2026" in text and "policy" in text  # the disclosure
    reads = reads_of(console_hq, "case", case_id)
    assert reads and reads[-1].actor == reader


def test_legal_seals_a_case_and_unsealing_needs_a_second_officer(
        client: ConsoleClient, console_hq: HQ) -> None:
    case_id = console_hq.add_case(new_worker())
    asker = console_hq.staff_member("legal", "legal.asker")
    approver = console_hq.staff_member("legal", "legal.approver")
    client.sign_in_as(asker)
    page = f"/legal/cases/{case_id}"
    assert 'data-confirm="Seal this case?' in client.get(page).text
    _seal(client, case_id)
    assert _sealed(console_hq, case_id)
    assert any(e.action == "case_seal" and e.actor == asker
               for e in admin_audit.list_events(console_hq.db, subject=case_id))

    # Without an approval there is nothing to carry out.
    refused = client.submit(page, f"{page}/unseal", {"approval": "none"})
    assert refused.status_code == 409 and "no approved request" in refused.text
    no_reason = client.submit(page, f"{page}/unseal-request", {"reason": " "})
    assert no_reason.status_code == 400 and "Say why" in no_reason.text

    asked = client.submit(page, f"{page}/unseal-request", {"reason": "Court order 12-B"})
    assert asked.status_code == 303
    assert "waits for another legal officer" in client.follow(asked).text
    waiting = approvals.latest_for(console_hq.db, approvals.UNSEAL, case_id)
    assert waiting is not None and waiting.status == "waiting"
    early = client.submit(page, f"{page}/unseal", {"approval": waiting.id})
    assert early.status_code == 409 and _sealed(console_hq, case_id)

    # The asker cannot approve their own request; a second legal officer does, on /approvals.
    own = client.submit("/approvals", f"/approvals/{waiting.id}/approve")
    assert own.status_code in (400, 403, 409)
    second = client.server.client().sign_in_as(approver)
    listed = second.get("/approvals").text
    assert f"/legal/cases/{case_id}" in listed
    assert second.submit("/approvals", f"/approvals/{waiting.id}/approve").status_code == 303
    second.close()
    shown = client.get(page).text
    assert "Unseal this case" in shown and approver in shown
    done = client.submit(page, f"{page}/unseal", {"approval": waiting.id})
    assert done.status_code == 303 and not _sealed(console_hq, case_id)
    latest = approvals.latest_for(console_hq.db, approvals.UNSEAL, case_id)
    assert latest is not None and latest.status == "done"


def test_an_unknown_case_is_a_plain_404_and_a_sealed_case_is_not_sealed_twice(
        client: ConsoleClient, console_hq: HQ) -> None:
    client.sign_in_as(console_hq.staff_member("legal"))
    for wanted in (str(uuid.UUID(int=5)), "C-2026-SECRET"):
        answer = client.get(f"/legal/cases/{wanted}")
        assert answer.status_code == 404 and wanted not in answer.text
    case_id = console_hq.add_case(new_worker())
    _seal(client, case_id)
    again = client.post(f"/legal/cases/{case_id}/seal", {},
                        csrf=client.csrf(f"/legal/cases/{case_id}"))
    assert again.status_code == 409 and "already sealed" in again.text
