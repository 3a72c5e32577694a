"""A case's disclosure history, read from a real vault: every kind of entry, oldest first,
with the consents that were revoked or ran out shown at the moment they stopped counting."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from safeconf.app.disclosure_check import check
from safeconf.app.disclosure_history import (
    TEMPLATES,
    HistoryEvent,
    HistoryKind,
    export_question,
    history,
    history_document_sections,
)
from safeconf.domain.disclosure_policy import Outcome
from safeconf.domain.disclosure_terms import Mode
from safeconf.domain.records import (
    AckMethod,
    Attendee,
    Case,
    CaseStatus,
    Conference,
    ConsentState,
    DisclosureBasis,
    Language,
    NoticeReceipt,
    NoticeResponse,
    Person,
    PersonKind,
    Presence,
    Role,
)
from safeconf.domain.statements import PRIVACY_NOTICE, current_statements
from safeconf.vault.errors import VaultError
from tests.support import consents, disclosures
from tests.support.rooms import acknowledgment_of

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
DIGEST = "ab12cd34ef56" + "0" * 52


def _as_read(changed, stored):
    """`changed` with the version of `stored`, as an update to what was read expects."""
    return replace(changed, version=stored.version)


@pytest.fixture
def case_id(vault):
    case = vault.cases.add(Case(case_number="H-1", family_name="Alder"))
    conf = vault.conferences.add(Conference(case_id=case.id,
                                            scheduled_start="2026-11-03T10:00:00+00:00"))
    dana = vault.attendees.add(Attendee(case_id=case.id, conference_id=conf.id,
                                        name="Dana Alder", role=Role.PARENT,
                                        presence=Presence.PRESENT,
                                        arrived_at="2026-11-03T09:55:00+00:00"))
    vault.acknowledgments.add(replace(acknowledgment_of(dana),
                                      signed_at="2026-11-03T09:58:00+00:00"))
    notice = current_statements(PRIVACY_NOTICE)[Language.ENGLISH]
    vault.notice_receipts.add(NoticeReceipt(
        case_id=case.id, conference_id=conf.id, attendee_id=dana.id, statement_id=notice.id,
        statement_version=notice.version, statement_sha256=notice.sha256,
        language=notice.language, response=NoticeResponse.RECEIVED,
        recorded_at="2026-11-03T09:59:00+00:00", recorded_by="w.alvarez"))
    # Given 2 Nov, revoked 30 Nov; another given and ended 1 Dec (expired by NOW); one refused.
    # The first covers the conference summary for Rowan, the client, so the disclosure logged
    # by it on 10 Nov holds (the rule applied as it lands asks the policy again).
    vault.people.add(Person(case_id=case.id, name="Rowan Alder", kind=PersonKind.CLIENT))
    revoked = vault.consents.add(consents.requested(case.id,
                                                    created_at="2026-11-01T09:00:00+00:00",
                                                    information=("conference summary",)))
    given = vault.consents.update(_as_read(consents.answer(revoked), revoked))
    vault.consents.update(_as_read(consents.revoke(given, at="2026-11-30T11:00:00+00:00"),
                                   given))
    vault.consents.add(consents.given(case.id, created_at="2026-11-01T09:30:00+00:00",
                                      recipients=("Mesa Youth Center",),
                                      valid_until="2026-12-01T00:00:00+00:00"))
    refused = vault.consents.add(consents.requested(case.id,
                                                    created_at="2026-11-01T09:45:00+00:00"))
    vault.consents.update(_as_read(replace(consents.answer(refused, ConsentState.REFUSED),
                                           answered_at="2026-11-04T10:00:00+00:00"), refused))
    vault.disclosures.add(disclosures.disclosure(case.id,
                                                 disclosed_at="2026-11-05T15:00:00+00:00"))
    vault.disclosures.add(disclosures.disclosure(
        case.id, mode=Mode.COPY, basis=DisclosureBasis.CONSENT, consent_id=revoked.id,
        policy_line="consent", recipient_name="Lincoln Elementary school counselor",
        document_sha256=DIGEST, redactions=3, disclosed_at="2026-11-10T12:00:00+00:00"))
    review = vault.legal_reviews.add(disclosures.review(
        case.id, requested_at="2026-11-20T08:00:00+00:00"))
    # Legal's answer reaches a laptop only by a pull from HQ.
    vault.sync.apply_page([disclosures.answer(review, answered_at="2026-11-25T16:00:00+00:00")],
                          vault.sync.cursor + 1)
    return case.id


def test_every_kind_of_entry_appears_once_oldest_first(vault, case_id):
    entries = history(vault, case_id, now=NOW)
    assert [e.event for e in entries] == [
        HistoryEvent.CONSENT_REQUESTED,  # 1 Nov 09:00, the one later revoked
        HistoryEvent.CONSENT_REQUESTED,  # 09:30, the one that expires
        HistoryEvent.CONSENT_REQUESTED,  # 09:45, the one refused
        HistoryEvent.CONSENT_GIVEN,  # 2 Nov 10:00 (both given ones, in gathering order)
        HistoryEvent.CONSENT_GIVEN,
        HistoryEvent.ACKNOWLEDGED,  # 3 Nov 09:58
        HistoryEvent.NOTICE_RECEIVED,  # 09:59
        HistoryEvent.CONSENT_REFUSED,  # 4 Nov
        HistoryEvent.DISCLOSED,  # 5 Nov
        HistoryEvent.DISCLOSED,  # 10 Nov, by consent
        HistoryEvent.LEGAL_REVIEW_ASKED,  # 20 Nov
        HistoryEvent.LEGAL_REVIEW_ANSWERED,  # 25 Nov
        HistoryEvent.CONSENT_REVOKED,  # 30 Nov
        HistoryEvent.CONSENT_EXPIRED,  # 1 Dec
    ]
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    assert {e.kind for e in entries} == set(HistoryKind)


def test_a_consent_expires_in_the_history_only_once_its_end_has_passed(vault, case_id):
    before_end = datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
    events = [e.event for e in history(vault, case_id, now=before_end)]
    assert HistoryEvent.CONSENT_EXPIRED not in events
    assert HistoryEvent.CONSENT_REVOKED in events
    # A revoked consent is revoked, not also expired, even once its dates are past.
    later = datetime(2027, 6, 1, tzinfo=UTC)
    assert [e.event for e in history(vault, case_id, now=later)].count(
        HistoryEvent.CONSENT_EXPIRED) == 1


def test_a_disclosure_says_what_to_whom_how_on_what_basis_and_which_copy(vault, case_id):
    told, copied = [e for e in history(vault, case_id, now=NOW)
                    if e.kind is HistoryKind.DISCLOSURE]
    assert "Dana Alder (parent or guardian)" in told.detail
    assert "oral summary" in told.detail and "by w.alvarez" in told.detail
    assert "client's parent or legal guardian" in told.detail  # the policy line, in words
    revoked_id = copied.detail.split("consent ", 1)[1].split(",", 1)[0]
    assert vault.consents.get(revoked_id).state is ConsentState.REVOKED
    assert "given by Dana Alder" in copied.detail
    assert "SHA-256 ab12cd34ef56…" in copied.detail and DIGEST not in copied.detail
    assert "3 passage(s) redacted" in copied.detail


def test_a_legal_review_shows_its_question_and_its_answer(vault, case_id):
    asked, answered = [e for e in history(vault, case_id, now=NOW)
                       if e.kind is HistoryKind.LEGAL_REVIEW]
    assert "Mesa Housing Authority" in asked.detail and "proof the family" in asked.detail
    assert "Rowan; Lincoln Elementary" in asked.detail
    assert answered.detail.startswith("Release with redactions, by legal.ortiz")
    assert asked.record_id in answered.detail and "Further redactions: Lincoln" in answered.detail


def test_an_acknowledgment_names_the_attendee_the_conference_and_the_method(vault, case_id):
    ack, notice = [e for e in history(vault, case_id, now=NOW)
                   if e.kind is HistoryKind.ACKNOWLEDGMENT]
    assert ack.detail.startswith("Dana Alder, in the child safety conference of 2026-11-03")
    assert AckMethod.TYPED_NAME.value.replace("_", " ") in ack.detail
    assert notice.detail.endswith("Notice of Privacy Practices received, version 1 (en)")


def test_the_history_as_document_sections_has_one_heading_per_entry(vault, case_id):
    entries = history(vault, case_id, now=NOW)
    sections = history_document_sections(entries)
    assert len(sections) == len(entries)
    heading, paragraphs = sections[8]
    assert heading == "2026-11-05 15:00 UTC — Disclosure made"
    assert list(paragraphs) == entries[8].detail.splitlines()


def test_another_case_has_its_own_history_and_an_unknown_case_is_an_error(vault, case_id):
    other = vault.cases.add(Case(case_number="H-2", family_name="Other"))
    assert history(vault, other.id, now=NOW) == []
    with pytest.raises(VaultError):
        history(vault, "01900000-0000-7000-8000-000000000000", now=NOW)


def test_exporting_the_history_is_a_copy_the_engine_allows_to_staff_only_in_an_open_case(
        vault, case_id):
    answer = check(vault, export_question("H-1", "w.alvarez"), date(2026, 12, 2))
    assert answer.decision.outcome is Outcome.ALLOWED
    assert answer.decision.basis.key == "open.agency_staff"
    case = vault.cases.get(case_id)
    vault.cases.update(replace(case, status=CaseStatus.CLOSED))
    closed = check(vault, export_question("H-1", "w.alvarez"), date(2026, 12, 2))
    assert closed.decision.outcome is Outcome.LEGAL_REVIEW


def test_every_detail_line_is_one_of_the_templates_the_screen_translates(vault, case_id):
    lines = [line for e in history(vault, case_id, now=NOW) for line in e.lines]
    assert lines and all(line.template in TEMPLATES for line in lines)
    assert all(e.detail == "\n".join(line.english() for line in e.lines)
               for e in history(vault, case_id, now=NOW))
