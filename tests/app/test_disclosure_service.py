"""The disclosure log on a real vault: only what the policy allows is logged, asked again at
the moment of logging; the printed roster is a logged disclosure; every log is queued for HQ."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from safeconf.app.conferences import ConferenceService
from safeconf.app.consents import ConsentService, ConsentTerms
from safeconf.app.disclosures import DisclosureNotAllowed, DisclosureService, RecipientChoice
from safeconf.app.session import VaultSession
from safeconf.domain.disclosure_policy import Outcome
from safeconf.domain.disclosure_terms import (
    Extent,
    HealthPurpose,
    Information,
    Mode,
    Recipient,
)
from safeconf.domain.records import (
    Case,
    CaseStatus,
    ConsentForm,
    DisclosureBasis,
    LegalAnswer,
    Person,
    PersonKind,
    Relationship,
    SignerCapacity,
)
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from safeconf.vault.vault import Vault
from tests.support import disclosures
from tests.support.consents import SIGNATURE

PASSPHRASE = "correct horse battery staple"
TODAY = date(2027, 1, 15)
SCHOOL = "Lincoln Elementary school counselor"


@dataclass
class Setting:
    service: DisclosureService
    session: VaultSession
    case: Case
    client: Person
    mother: Person
    conference_id: str

    @property
    def vault(self) -> Vault:
        return self.session.vault


@pytest.fixture
def setting(data_dir: Path, no_keyring: SystemKeyring, fast_kdf: KdfParams) -> Iterator[Setting]:
    session = VaultSession(data_dir, no_keyring, fast_kdf)
    session.create(PASSPHRASE, user="w.tester")
    conferences = ConferenceService(session)
    case = conferences.create_case("2026-0042", "Alder")
    conf = conferences.create_conference(case.id, datetime(2026, 11, 3, 10, tzinfo=UTC))
    vault = session.vault
    client = vault.people.add(Person(case_id=case.id, name="Rowan Alder",
                                     kind=PersonKind.CLIENT))
    mother = vault.people.add(Person(case_id=case.id, name="Dana Alder", kind=PersonKind.PARENT,
                                     relationship_to=client.id,
                                     relationship=Relationship.PARENT_OF))
    yield Setting(DisclosureService(session, today=lambda: TODAY), session, case, client,
                  mother, conf.id)
    session.lock()


def outbox_types(vault: Vault) -> list[str]:
    return [item.record_type for item in vault.sync.pending(1000)]


def test_the_picker_lists_the_people_with_their_category_then_the_other_categories(
    setting: Setting
) -> None:
    choices = setting.service.recipients(setting.case.id)
    assert choices[:2] == [
        RecipientChoice(Recipient.CLIENT, "Rowan Alder", setting.client.id),
        RecipientChoice(Recipient.PARENT_OR_GUARDIAN, "Dana Alder", setting.mother.id)]
    assert [c.category for c in choices[2:]] == [
        Recipient.AGENCY_STAFF, Recipient.ASSISTANT_ATTORNEY_GENERAL,
        Recipient.COURT_HEARING_THIS_CASE, Recipient.THIRD_PARTY_WITH_RELEASE,
        Recipient.OTHER_THIRD_PARTY]
    assert all(c.person_id is None for c in choices[2:])


def test_an_allowed_disclosure_is_logged_with_its_basis_and_queued_for_hq(
    setting: Setting
) -> None:
    answer = setting.service.ask(
        setting.case.id, information=Information.CONFERENCE_SUMMARY, mode=Mode.ORAL_SUMMARY,
        extent=Extent.WHOLE, recipient=None, to_person_id=setting.mother.id)
    assert answer.decision.outcome is Outcome.ALLOWED
    assert setting.vault.disclosures.count() == 0  # asking writes nothing
    made = setting.service.log(answer, what="Conference summary, 3 Nov 2026",
                               record_ids=(setting.conference_id,))
    stored = setting.vault.disclosures.get(made.id)
    assert stored == made
    assert (stored.basis, stored.policy_line, stored.recipient, stored.recipient_name,
            stored.recipient_person_id, stored.disclosed_by, stored.case_id) == (
        DisclosureBasis.POLICY, "open.parent_or_guardian", Recipient.PARENT_OR_GUARDIAN,
        "Dana Alder", setting.mother.id, "w.tester", setting.case.id)
    assert stored.record_ids == (setting.conference_id,)
    assert "disclosure" in outbox_types(setting.vault)
    assert setting.service.for_case(setting.case.id) == [stored]


@pytest.mark.parametrize("information, recipient, outcome", [
    (Information.CHOSEN_NOTES, Recipient.THIRD_PARTY_WITH_RELEASE, Outcome.NEEDS_CONSENT),
    (Information.CHOSEN_NOTES, Recipient.OTHER_THIRD_PARTY, Outcome.LEGAL_REVIEW),
    (Information.LEGAL_ADVICE, Recipient.CLIENT, Outcome.LEGAL_REVIEW),
])
def test_what_the_policy_does_not_allow_is_refused_and_nothing_is_written(
    setting: Setting, information: Information, recipient: Recipient, outcome: Outcome
) -> None:
    answer = setting.service.ask(setting.case.id, information=information,
                                 mode=Mode.REVIEW, extent=Extent.PART, recipient=recipient,
                                 recipient_name=SCHOOL)
    assert answer.decision.outcome is outcome
    before = setting.vault.sync.pending_count()
    with pytest.raises(DisclosureNotAllowed, match="Not logged"):
        setting.service.log(answer, what="Two notes")
    assert setting.vault.disclosures.count() == 0
    assert setting.vault.sync.pending_count() == before


def test_a_consent_revoked_after_asking_stops_the_logging_at_once(setting: Setting) -> None:
    consents = ConsentService(setting.session, now=lambda: datetime(2026, 11, 2, tzinfo=UTC))
    asked = consents.request(setting.case.id, ConsentTerms(
        form=ConsentForm.RELEASE, client_name="Rowan Alder", given_by_name="Dana Alder",
        given_by_capacity=SignerCapacity.PARENT, information=["chosen notes"],
        recipients=[SCHOOL], valid_from=datetime(2026, 11, 1, tzinfo=UTC),
        valid_until=datetime(2027, 5, 1, tzinfo=UTC)))
    consent = consents.record_given(asked.id, signature_png=SIGNATURE)
    answer = setting.service.ask(
        setting.case.id, information=Information.CHOSEN_NOTES, mode=Mode.REVIEW,
        extent=Extent.PART, recipient=Recipient.THIRD_PARTY_WITH_RELEASE, recipient_name=SCHOOL)
    assert answer.decision.outcome is Outcome.ALLOWED_BY_CONSENT
    first = setting.service.log(answer, what="The safety plan note")
    assert (first.basis, first.consent_id, first.policy_line) == (
        DisclosureBasis.CONSENT, consent.id, "consent")

    consents.revoke(consent.id)
    with pytest.raises(DisclosureNotAllowed) as refused:
        setting.service.log(answer, what="The safety plan note")  # the same, older answer
    assert refused.value.answer is not None
    assert refused.value.answer.decision.outcome is Outcome.NEEDS_CONSENT
    assert setting.vault.disclosures.count() == 1


def test_a_copy_needs_its_digest_and_only_a_copy_has_one(setting: Setting) -> None:
    ask = dict(information=Information.CONFERENCE_SUMMARY, extent=Extent.PART,
               recipient=Recipient.ASSISTANT_ATTORNEY_GENERAL, recipient_name="AAG Rivera")
    copy = setting.service.ask(setting.case.id, mode=Mode.COPY, **ask)  # type: ignore[arg-type]
    with pytest.raises(DisclosureNotAllowed, match="SHA-256"):
        setting.service.log(copy, what="Summary")
    oral = setting.service.ask(setting.case.id, mode=Mode.ORAL_SUMMARY, **ask)  # type: ignore[arg-type]
    with pytest.raises(DisclosureNotAllowed, match="Only a copy"):
        setting.service.log(oral, what="Summary", document_sha256="a" * 64)
    assert setting.vault.disclosures.count() == 0
    digest = hashlib.sha256(b"%PDF the redacted copy").hexdigest()
    made = setting.service.log(copy, what="Summary", document_sha256=digest, redactions=3)
    assert (made.document_sha256, made.redactions, made.mode) == (digest, 3, Mode.COPY)


def test_health_information_keeps_its_purpose(setting: Setting) -> None:
    answer = setting.service.ask(
        setting.case.id, information=Information.HEALTH_INFORMATION, mode=Mode.ORAL_SUMMARY,
        extent=Extent.PART, recipient=Recipient.OTHER_THIRD_PARTY, recipient_name="Dr. Ruiz",
        health_purpose=HealthPurpose.ABUSE_OR_NEGLECT)
    made = setting.service.log(answer, what="Injury findings")
    assert (made.health_purpose, made.policy_line) == (HealthPurpose.ABUSE_OR_NEGLECT,
                                                       "phi.without_consent")


def test_the_printed_roster_is_a_logged_disclosure_to_agency_staff(setting: Setting) -> None:
    text = "Sign-in and confidentiality roster\nDana Alder"
    made = setting.service.log_roster_print(setting.conference_id, text)
    assert (made.information, made.mode, made.extent, made.recipient, made.basis,
            made.policy_line, made.recipient_name) == (
        Information.CONFERENCE_SUMMARY, Mode.COPY, Extent.PART, Recipient.AGENCY_STAFF,
        DisclosureBasis.POLICY, "open.agency_staff", "w.tester")
    assert made.document_sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert made.record_ids == (setting.conference_id,)
    assert "disclosure" in outbox_types(setting.vault)


def test_the_conference_service_logs_the_printed_roster(setting: Setting) -> None:
    made = ConferenceService(setting.session).record_printed(setting.conference_id, "roster")
    assert setting.vault.disclosures.for_case(setting.case.id) == [made]
    assert setting.vault.audit.events()[-1].action == "export"


@pytest.mark.parametrize("change", [{"status": CaseStatus.CLOSED}, {"sealed": True}])
def test_a_roster_of_a_closed_or_sealed_case_is_refused_and_nothing_is_logged(
    setting: Setting, change: dict[str, object]
) -> None:
    setting.vault.cases.update(replace(setting.case, **change))  # type: ignore[arg-type]
    answer = setting.service.ask_roster_print(setting.conference_id)
    assert answer.decision.outcome is Outcome.LEGAL_REVIEW
    assert answer.decision.basis.key == "closed_or_sealed"
    with pytest.raises(DisclosureNotAllowed, match="legal review"):
        ConferenceService(setting.session).record_printed(setting.conference_id, "roster")
    assert setting.vault.disclosures.count() == 0


def test_legals_release_is_logged_only_once_legal_answered_release(setting: Setting) -> None:
    vault = setting.vault
    review = vault.legal_reviews.add(disclosures.review(setting.case.id))
    with pytest.raises(DisclosureNotAllowed, match="no answer has arrived"):
        setting.service.log_legal_release(review, document_sha256="b" * 64)
    refusal = disclosures.answer(review, answer=LegalAnswer.REFUSE, redactions=())
    vault.sync.apply_page([refusal], new_cursor=1)
    with pytest.raises(DisclosureNotAllowed, match="refuse"):
        setting.service.log_legal_release(review, document_sha256="b" * 64)
    assert vault.disclosures.count() == 0
    release = disclosures.answer(review, answered_at="2099-01-01T00:00:00+00:00")
    vault.sync.apply_page([release], new_cursor=2)
    made = setting.service.log_legal_release(review, document_sha256="b" * 64, redactions=3)
    assert (made.basis, made.legal_review_id, made.recipient_name, made.policy_line) == (
        DisclosureBasis.LEGAL_RELEASE, review.id, "Mesa Housing Authority", "everything_else")


def test_the_log_of_a_case_is_newest_first(setting: Setting) -> None:
    vault = setting.vault
    old = vault.disclosures.add(disclosures.disclosure(
        setting.case.id, disclosed_at="2026-11-03T10:00:00+00:00"))
    new = vault.disclosures.add(disclosures.disclosure(
        setting.case.id, disclosed_at="2026-12-01T10:00:00+00:00"))
    assert setting.service.for_case(setting.case.id) == [new, old]
