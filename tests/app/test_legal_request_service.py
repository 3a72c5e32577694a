"""The legal request service on a real vault: a request and its documents are queued
together, bad requests change nothing, legal's pulled steps give each request its standing,
a step out of turn or of another case never lands, and the deadlines list every case's open
requests by due day with the overdue ones flagged."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from safeconf.app.conferences import ConferenceService
from safeconf.app.legal_requests import Attachment, LegalRequestService
from safeconf.app.scan_import import ScanRefused
from safeconf.app.session import VaultSession
from safeconf.domain.disclosure_terms import HealthPurpose
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.legal_request_states import RequestState
from safeconf.domain.records import LegalAction, LegalRequestKind, RequesterBody
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.errors import AppendOnly
from safeconf.vault.keys import KdfParams
from tests.support import legal_requests as lr

PASSPHRASE = "correct horse battery staple"
TODAY = date(2026, 12, 2)
A = LegalAction


@pytest.fixture
def setting(data_dir: Path, no_keyring: SystemKeyring,
            fast_kdf: KdfParams) -> Iterator[tuple[LegalRequestService, str, VaultSession]]:
    session = VaultSession(data_dir, no_keyring, fast_kdf)
    session.create(PASSPHRASE, user="w.tester")
    case = ConferenceService(session).create_case("2026-0042", "Okonkwo")
    yield LegalRequestService(session, today=lambda: TODAY), case.id, session
    session.lock()


def log(service: LegalRequestService, case_id: str, **changes: Any) -> Any:
    fields: dict[str, Any] = {
        "kind": LegalRequestKind.SUBPOENA, "requester": "Clerk J. Diaz",
        "requester_body": "Family Court, Part 3", "body_kind": RequesterBody.COURT,
        "asked": "The conference notes of March", "received_on": date(2026, 11, 20),
        "business_days": 10}
    fields.update(changes)
    return service.log(case_id, **fields)


def test_a_request_and_its_documents_are_queued_together(setting) -> None:
    service, case_id, session = setting
    request = log(service, case_id, attachments=[Attachment(lr.PDF, "subpoena.pdf")])
    assert request.due_on == "2026-12-08" and request.logged_by == "w.tester"
    pending = [i.record_type for i in session.vault.sync.pending(100)]
    assert pending[-2:] == ["legal_request", "legal_request_document"]
    [status] = service.for_case(case_id)
    assert status.queued and status.state is RequestState.OPEN and not status.overdue
    assert [d.file_name for d in status.documents] == ["subpoena.pdf"]


def test_a_bad_request_or_document_stores_nothing(setting) -> None:
    service, case_id, session = setting
    with pytest.raises(InvalidRecord, match="1 to 365"):
        log(service, case_id, business_days=0)
    with pytest.raises(InvalidRecord, match="in the future"):
        log(service, case_id, received_on=date(2026, 12, 3))
    with pytest.raises(InvalidRecord, match="names its basis"):
        log(service, case_id, kind=LegalRequestKind.HEALTH_INFO_REQUEST)
    with pytest.raises(InvalidRecord, match="only a health-information request"):
        log(service, case_id, health_purpose=HealthPurpose.TREATMENT)
    with pytest.raises(InvalidRecord, match=r"legal_request\.requester"):
        log(service, case_id, requester="  ")
    with pytest.raises(InvalidRecord, match="not a PDF"):  # the request is not kept either
        log(service, case_id, attachments=[Attachment(b"MZ\x90", "x.exe")])
    with pytest.raises(Exception, match="does not exist"):
        log(service, "01900000-0000-7000-8000-000000000000")
    assert session.vault.legal_requests.all() == []
    assert session.vault.legal_request_documents.all() == []


def test_a_file_is_read_with_the_scan_check_and_its_original_can_be_deleted(
        setting, tmp_path: Path) -> None:
    service, _case_id, _session = setting
    scan = tmp_path / "subpoena.pdf"
    scan.write_bytes(lr.PDF)
    attachment = service.read_attachment(scan)
    assert attachment == Attachment(lr.PDF, "subpoena.pdf")
    service.delete_original(scan)
    assert not scan.exists()
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    with pytest.raises(ScanRefused, match="not a PDF"):
        service.read_attachment(other)


def test_legals_pulled_steps_give_the_standing_and_what_was_released(setting) -> None:
    service, case_id, session = setting
    vault = session.vault
    request = log(service, case_id)
    vault.sync.mark_pushed(vault.sync.pending(1000)[-1].seq, 0)
    ack = lr.event(request, A.ACKNOWLEDGE, "2026-11-23T10:00:00+00:00")
    vault.sync.apply_page([ack], new_cursor=vault.sync.cursor + 1)
    [status] = service.for_case(case_id)
    assert not status.queued and status.state is RequestState.ACKNOWLEDGED
    release = lr.event(request, A.RELEASE, "2026-11-24T10:00:00+00:00",
                       text="The summary, the school withheld")
    vault.sync.apply_page([release], new_cursor=vault.sync.cursor + 1)
    [status] = service.for_case(case_id)
    assert status.state is RequestState.CLOSED and status.answer == release
    assert status.released == "The summary, the school withheld"
    with pytest.raises(AppendOnly, match="written at HQ"):
        vault.legal_request_events.add(lr.event(request, A.REOPEN))


def test_a_step_out_of_turn_or_of_another_case_never_lands(setting) -> None:
    service, case_id, session = setting
    other = ConferenceService(session).create_case("2026-0043", "Alder")
    request = log(service, case_id)
    stray = dataclasses.replace(lr.event(request, A.ACKNOWLEDGE), case_id=other.id)
    reopen = lr.event(request, A.REOPEN)
    session.vault.sync.apply_page([stray, reopen], new_cursor=1)
    assert session.vault.legal_request_events.all() == []
    assert service.for_case(case_id)[0].state is RequestState.OPEN


def test_the_deadlines_list_every_cases_open_requests_by_due_day(setting) -> None:
    service, case_id, session = setting
    other = ConferenceService(session).create_case("2026-0043", "Alder")
    later = log(service, case_id, received_on=date(2026, 11, 30), business_days=20)
    overdue = log(service, other.id, received_on=date(2026, 11, 2), business_days=5)
    closed = log(service, other.id, received_on=date(2026, 11, 1), business_days=1)
    session.vault.sync.apply_page(
        [lr.event(closed, A.DENY, text="Not compelled")], new_cursor=1)
    rows = service.due()
    assert [r.request.id for r in rows] == [overdue.id, later.id]
    assert [r.overdue for r in rows] == [True, False]
