"""The Notice of Privacy Practices receipts and staff acknowledgments through a real HQ and
real laptops over mutual TLS: a receipt follows its case; a staff acknowledgment (a record
of no case) reaches HQ under the certificate's worker and never any other laptop."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from safeconf.app.privacy_notice import PrivacyNoticeService
from safeconf.app.session import VaultSession
from safeconf.app.staff_terms import StaffTermsService
from safeconf.domain.records import (
    Attendee,
    Conference,
    Language,
    NoticeResponse,
    Role,
    StaffAcknowledgment,
)
from safeconf.domain.statements import STAFF_TERMS, current_statements
from safeconf.sync.client import HQClient
from safeconf.sync.engine import SyncEngine
from safeconf.sync.messages import OutboxItem
from tests.support.hq_process import run_cli


class OpenSession(VaultSession):
    """A session around a vault the test already opened."""

    def __init__(self, vault) -> None:
        self._vault = vault


def sync(vault, keyring_store):
    return SyncEngine(vault, keyring_store).run()


def case_numbered(vault, number):
    return next(c for c in vault.cases.all() if c.case_number == number)


def test_a_notice_receipt_reaches_hq_and_the_workers_other_laptop(hq, laptop, keyring_store):
    first, second = laptop(hq, "w.alvarez", "first"), laptop(hq, "w.alvarez", "second")
    sync(first, keyring_store)
    case = case_numbered(first, "HQ-100")
    conf = first.conferences.add(Conference(case_id=case.id,
                                            scheduled_start="2026-11-25T15:00:00+00:00"))
    parent = first.attendees.add(Attendee(case_id=case.id, conference_id=conf.id,
                                          name="Rowan Alder", role=Role.PARENT,
                                          language=Language.SPANISH))
    notices = PrivacyNoticeService(OpenSession(first))
    receipt = notices.record(parent.id, notices.notice_for(parent), NoticeResponse.RECEIVED)
    report = sync(first, keyring_store)
    assert report.push_conflicts == 0 and first.sync.pending_count() == 0

    sync(second, keyring_store)
    [arrived] = second.notice_receipts.for_conference(conf.id)
    assert arrived == receipt and arrived.language is Language.SPANISH
    assert PrivacyNoticeService(OpenSession(second)).statuses(conf.id) == {
        parent.id: "received"}


def test_a_staff_acknowledgment_reaches_hq_but_never_another_laptop(hq, laptop, keyring_store):
    first, second = laptop(hq, "w.alvarez", "first"), laptop(hq, "w.alvarez", "second")
    terms = StaffTermsService(OpenSession(first))
    assert terms.is_due()
    ack = terms.acknowledge(terms.terms(Language.ENGLISH))
    report = sync(first, keyring_store)
    assert report.push_conflicts == 0 and first.sync.pending_count() == 0

    listing = hq.admin("staff-acknowledgments")
    [row] = [line for line in listing.splitlines() if line.startswith("w.alvarez")]
    assert ack.acknowledged_at in row and row.endswith("no")

    sync(second, keyring_store)
    assert second.staff_acknowledgments.all() == []
    assert StaffTermsService(OpenSession(second)).is_due()


def test_a_staff_acknowledgment_never_blocks_the_outbox(hq, laptop, keyring_store):
    alvarez = laptop(hq, "w.alvarez")
    sync(alvarez, keyring_store)
    StaffTermsService(OpenSession(alvarez)).acknowledge(
        current_statements(STAFF_TERMS)[Language.SPANISH])
    case = case_numbered(alvarez, "HQ-100")
    conf = alvarez.conferences.add(Conference(case_id=case.id,
                                              scheduled_start="2026-11-25T15:00:00+00:00"))
    report = sync(alvarez, keyring_store)
    assert report.push_conflicts == 0 and alvarez.sync.pending_count() == 0
    other = laptop(hq, "w.alvarez", "other")
    sync(other, keyring_store)
    assert other.conferences.get(conf.id) == alvarez.conferences.get(conf.id)


def test_hq_files_a_staff_acknowledgment_under_the_certificates_worker_not_the_body(
    hq, laptop, keyring_store
):
    # A hostile device of w.chen pushes an acknowledgment that claims to be w.alvarez's.
    chen = laptop(hq, "w.chen")
    credentials = chen.sync.credentials()
    statement = current_statements(STAFF_TERMS)[Language.ENGLISH]
    forged = StaffAcknowledgment(acknowledged_by="w.alvarez", statement_id=statement.id,
                                 statement_version=statement.version,
                                 statement_sha256=statement.sha256,
                                 language=Language.ENGLISH, origin_device="forged")
    event = chen.audit.append("create", "staff_acknowledgment", forged.id, "")
    with HQClient(credentials.sync_url, credentials.ca_pem, credentials.cert_pem,
                  credentials.key_pem) as client:
        result = client.push(str(uuid.uuid4()), [OutboxItem.of(1, forged)],
                             chen.audit.events(0, 100))
    assert result.acked_seq == 1 and event.seq > 1  # after the enrollment event
    due = hq.admin("staff-acknowledgments", "--due")
    assert any(line.startswith("w.alvarez") for line in due.splitlines())
    everyone = hq.admin("staff-acknowledgments")
    [chen_row] = [line for line in everyone.splitlines() if line.startswith("w.chen")]
    assert chen_row.endswith("no")  # filed under the certificate's worker


def test_the_same_staff_acknowledgment_id_with_other_content_is_kept_for_review(
    hq, laptop, keyring_store
):
    alvarez = laptop(hq, "w.alvarez")
    ack = StaffTermsService(OpenSession(alvarez)).acknowledge(
        current_statements(STAFF_TERMS)[Language.ENGLISH])
    sync(alvarez, keyring_store)
    other = laptop(hq, "w.alvarez", "other")
    altered = StaffAcknowledgment(**{**ack.__dict__, "language": Language.SPANISH})
    other.audit.append("create", "staff_acknowledgment", altered.id, "")
    credentials = other.sync.credentials()
    with HQClient(credentials.sync_url, credentials.ca_pem, credentials.cert_pem,
                  credentials.key_pem) as client:
        result = client.push(str(uuid.uuid4()), [OutboxItem.of(1, altered)],
                             other.audit.events(0, 100))
    assert result.acked_seq == 1  # acknowledged: a record of no case never blocks the outbox
    [conflict] = result.conflicts
    assert conflict.reason == "different_content" and conflict.hq_data is None
    [row] = [line for line in hq.admin("conflicts").splitlines()
             if "staff_acknowledgment" in line]
    assert "different_content" in row
    conflict_id = row.split()[0]
    refused = run_cli("conflicts", "resolve", conflict_id, "--keep", "device",
                      "--data-dir", str(hq.data_dir), check=False)
    assert refused.returncode != 0 and "no case" in refused.stderr
    # Still never on a laptop: the other laptop pulls and holds no staff acknowledgment.
    sync(other, keyring_store)
    assert other.staff_acknowledgments.all() == []


def test_hq_lists_a_worker_due_again_twelve_months_after_acknowledging(
    hq, laptop, keyring_store
):
    then = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
    alvarez = laptop(hq, "w.alvarez")
    StaffTermsService(OpenSession(alvarez), now=lambda: then).acknowledge(
        current_statements(STAFF_TERMS)[Language.ENGLISH])
    sync(alvarez, keyring_store)

    def due_at(moment: str) -> bool:
        listing = hq.admin("staff-acknowledgments", "--due", "--as-of", moment)
        return any(line.startswith("w.alvarez") for line in listing.splitlines())

    assert not due_at("2027-01-10T08:59:00+00:00")
    assert due_at("2027-01-10T09:00:00+00:00")
    assert not due_at("2026-06-01T00:00:00+00:00")
