"""The disclosure policy, table-driven: every recipient × case state × consent state ×
information kind. The expected outcomes below are written from the policy text
(docs/disclosure.md), each citing the line it enforces; none is computed by the engine."""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass

import pytest

from safeconf.domain.disclosure_policy import (
    LINES,
    ConsentGiver,
    Decision,
    Extent,
    HealthPurpose,
    Information,
    Mode,
    Outcome,
    Recipient,
    Request,
    decide,
)

A = Outcome.ALLOWED
C = Outcome.ALLOWED_BY_CONSENT
N = Outcome.NEEDS_CONSENT
L = Outcome.LEGAL_REVIEW

PERSON = "0190aaaa-0000-7000-8000-000000000001"
OTHER_PERSON = "0190aaaa-0000-7000-8000-000000000002"
RECIPIENT = "Dr. Ana Ruiz"
ON = "2026-03-15"


@dataclass(frozen=True)
class FakeConsent:
    """Implements `ConsentOnFile`, as the vault's consent record will."""

    id: str = "consent-1"
    state: str = "given"
    person_id: str = PERSON
    given_by: str = ConsentGiver.PERSON.value
    information: tuple[str, ...] = ()
    recipients: tuple[str, ...] = (RECIPIENT,)
    valid_from: str = "2026-01-01"
    valid_until: str = "2026-12-31"
    revoked_at: str | None = None


def consent_state(name: str, info: Information) -> list[FakeConsent]:
    covering = FakeConsent(information=(info.value,))
    return {
        "none": [],
        "current_covering": [covering],
        "expired": [dataclasses.replace(covering, valid_from="2025-01-01",
                                        valid_until="2026-03-14")],
        "revoked": [dataclasses.replace(covering, revoked_at="2026-02-01T10:00:00+00:00")],
        "other_information": [dataclasses.replace(covering, information=tuple(
            i.value for i in Information if i is not info))],
        "other_recipient": [dataclasses.replace(covering, recipients=("Someone Else",))],
    }[name]


CONSENT_STATES = ("none", "current_covering", "expired", "revoked", "other_information",
                  "other_recipient")
CASE_STATES = ("open", "closed", "sealed")

# Open case, information other than health information or legal advice:
# recipient -> (without a consent that counts, with a current covering consent, line cited).
OPEN_RECORDS: dict[Recipient, tuple[Outcome, Outcome, str]] = {
    Recipient.CLIENT: (A, A, "open.client"),
    Recipient.PARENT_OR_GUARDIAN: (A, A, "open.parent_or_guardian"),
    Recipient.ATTORNEY_OR_REPRESENTATIVE: (A, A, "open.attorney_or_representative"),
    Recipient.AGENCY_STAFF: (A, A, "open.agency_staff"),
    Recipient.ASSISTANT_ATTORNEY_GENERAL: (A, A, "open.assistant_attorney_general"),
    Recipient.COURT_HEARING_THIS_CASE: (A, A, "open.court_hearing_this_case"),
    Recipient.THIRD_PARTY_WITH_RELEASE: (N, C, "open.third_party_with_release"),
    Recipient.OTHER_THIRD_PARTY: (L, C, "everything_else"),
}
# Open case, health information with no purpose named: only the individual without consent.
OPEN_HEALTH: dict[Recipient, tuple[Outcome, Outcome, str]] = {
    Recipient.CLIENT: (A, A, "phi.individual"),
    Recipient.PARENT_OR_GUARDIAN: (L, C, "everything_else"),
    Recipient.ATTORNEY_OR_REPRESENTATIVE: (L, C, "everything_else"),
    Recipient.AGENCY_STAFF: (L, C, "everything_else"),
    Recipient.ASSISTANT_ATTORNEY_GENERAL: (L, C, "everything_else"),
    Recipient.COURT_HEARING_THIS_CASE: (L, C, "everything_else"),
    Recipient.THIRD_PARTY_WITH_RELEASE: (N, C, "open.third_party_with_release"),
    Recipient.OTHER_THIRD_PARTY: (L, C, "everything_else"),
}


def expected(recipient: Recipient, case: str, consents: str,
             info: Information) -> tuple[Outcome, str]:
    if info is Information.LEGAL_ADVICE:
        return L, "legal_advice"  # never leaves the agency, whatever else holds
    if case != "open":
        return L, "closed_or_sealed"  # closed or sealed: legal review, consent or not
    table = OPEN_HEALTH if info is Information.HEALTH_INFORMATION else OPEN_RECORDS
    without, with_consent, line = table[recipient]
    if consents == "current_covering":
        return with_consent, ("consent" if with_consent is C else line)
    return without, line  # expired, revoked, not covering, wrong recipient: no consent


ROWS = list(itertools.product(Recipient, CASE_STATES, CONSENT_STATES, Information))


def request(recipient: Recipient, info: Information, *, case: str = "open",
            purpose: HealthPurpose | None = None, name: str = RECIPIENT) -> Request:
    return Request(case_open=case != "closed", sealed=case == "sealed", person_id=PERSON,
                   information=info, mode=Mode.COPY, extent=Extent.PART, recipient=recipient,
                   recipient_name=name, on=ON, health_purpose=purpose)


@pytest.mark.parametrize(("recipient", "case", "consents", "info"), ROWS,
                         ids=["-".join(map(str, row)) for row in ROWS])
def test_every_recipient_case_state_consent_state_and_information(
        recipient: Recipient, case: str, consents: str, info: Information) -> None:
    outcome, line = expected(recipient, case, consents, info)
    decision = decide(request(recipient, info, case=case), consent_state(consents, info))
    assert (decision.outcome, decision.basis.key) == (outcome, line)
    assert decision.basis is LINES[line]
    if outcome is C:
        assert decision.consent_id == "consent-1"
    if outcome is N:
        needed = decision.consent_needed
        assert needed is not None
        assert (needed.person_id, needed.information, needed.recipient_name,
                needed.covering) == (PERSON, info, RECIPIENT, ON)
        assert set(needed.given_by) == set(ConsentGiver)


def test_the_table_covers_six_hundred_and_more_rows() -> None:
    assert len(ROWS) == 8 * 3 * 6 * 5


# Health information by purpose, to a third party no consent names (HIPAA lines).
HEALTH_PURPOSES: list[tuple[HealthPurpose, Recipient, Outcome, str]] = [
    (HealthPurpose.ABUSE_OR_NEGLECT, Recipient.OTHER_THIRD_PARTY, A, "phi.without_consent"),
    (HealthPurpose.MEDICAL_RESEARCH, Recipient.OTHER_THIRD_PARTY, A, "phi.without_consent"),
    (HealthPurpose.LAW_ENFORCEMENT, Recipient.OTHER_THIRD_PARTY, A, "phi.without_consent"),
    (HealthPurpose.ADJUDICATED_YOUTH, Recipient.OTHER_THIRD_PARTY, A, "phi.without_consent"),
    (HealthPurpose.PUBLIC_HEALTH, Recipient.OTHER_THIRD_PARTY, A, "phi.without_consent"),
    (HealthPurpose.NOTIFY_FAMILY_OF_LOCATION_AND_CONDITION, Recipient.PARENT_OR_GUARDIAN, A,
     "phi.without_consent"),
    (HealthPurpose.NOTIFY_FAMILY_OF_LOCATION_AND_CONDITION, Recipient.OTHER_THIRD_PARTY, L,
     "everything_else"),
    (HealthPurpose.TREATMENT, Recipient.OTHER_THIRD_PARTY, N, "phi.permitted_use"),
    (HealthPurpose.PAYMENT, Recipient.OTHER_THIRD_PARTY, N, "phi.permitted_use"),
    (HealthPurpose.HEALTH_CARE_OPERATIONS, Recipient.OTHER_THIRD_PARTY, N, "phi.permitted_use"),
    (HealthPurpose.HEALTH_OVERSIGHT, Recipient.OTHER_THIRD_PARTY, N, "phi.permitted_use"),
    (HealthPurpose.JUDICIAL_OR_ADMINISTRATIVE_PROCEEDING, Recipient.OTHER_THIRD_PARTY, N,
     "phi.permitted_use"),
    (HealthPurpose.PLACEMENT_OR_ADOPTION_RECRUITMENT, Recipient.OTHER_THIRD_PARTY, N,
     "phi.permitted_use"),
]


@pytest.mark.parametrize(("purpose", "recipient", "outcome", "line"), HEALTH_PURPOSES)
def test_health_information_by_purpose_without_consent(
        purpose: HealthPurpose, recipient: Recipient, outcome: Outcome, line: str) -> None:
    decision = decide(request(recipient, Information.HEALTH_INFORMATION, purpose=purpose))
    assert (decision.outcome, decision.basis.key) == (outcome, line)


def test_every_health_purpose_is_in_the_purpose_table() -> None:
    assert {p for p, *_ in HEALTH_PURPOSES} == set(HealthPurpose)


@pytest.mark.parametrize("case", ["closed", "sealed"])
def test_health_purposes_do_not_open_a_closed_or_sealed_case(case: str) -> None:
    decision = decide(request(Recipient.OTHER_THIRD_PARTY, Information.HEALTH_INFORMATION,
                              case=case, purpose=HealthPurpose.LAW_ENFORCEMENT))
    assert (decision.outcome, decision.basis.key) == (L, "closed_or_sealed")


def test_a_treatment_consent_covering_health_information_allows_it() -> None:
    decision = decide(
        request(Recipient.OTHER_THIRD_PARTY, Information.HEALTH_INFORMATION,
                purpose=HealthPurpose.TREATMENT),
        [FakeConsent(id="c-9", information=(Information.HEALTH_INFORMATION.value,))])
    assert (decision.outcome, decision.consent_id) == (C, "c-9")


# Consents that look close but do not count (the "consent" line: given in writing by the
# person, their attorney or authorized representative, specified information, limited
# time, identified recipients, revocable).
NOT_COUNTING = {
    "requested, not given": {"state": "requested"},
    "refused": {"state": "refused"},
    "signed by a caseworker": {"given_by": "caseworker"},
    "about another person": {"person_id": OTHER_PERSON},
    "not yet valid": {"valid_from": "2026-03-16"},
    "ended the day before": {"valid_until": "2026-03-14"},
}


@pytest.mark.parametrize("change", list(NOT_COUNTING), ids=list(NOT_COUNTING))
def test_a_consent_that_does_not_count_leaves_a_release_still_needed(change: str) -> None:
    consent = dataclasses.replace(FakeConsent(information=(Information.WHOLE_RECORD.value,)),
                                  **NOT_COUNTING[change])
    decision = decide(request(Recipient.THIRD_PARTY_WITH_RELEASE, Information.WHOLE_RECORD),
                      [consent])
    assert decision.outcome is N


@pytest.mark.parametrize("giver", list(ConsentGiver))
def test_a_consent_given_by_the_person_attorney_or_representative_counts(
        giver: ConsentGiver) -> None:
    consent = FakeConsent(given_by=giver.value, information=(Information.WHOLE_RECORD.value,))
    decision = decide(request(Recipient.OTHER_THIRD_PARTY, Information.WHOLE_RECORD), [consent])
    assert decision.outcome is C


def test_validity_includes_its_first_and_last_day_and_names_match_loosely() -> None:
    consent = FakeConsent(information=(Information.CHOSEN_NOTES.value,), valid_from=ON,
                          valid_until=ON, recipients=("  dr. ana   RUIZ ",))
    decision = decide(request(Recipient.OTHER_THIRD_PARTY, Information.CHOSEN_NOTES),
                      [consent])
    assert decision.outcome is C


def test_the_counting_consent_is_found_among_ones_that_do_not_count() -> None:
    info = Information.CONFERENCE_SUMMARY
    consents = [*consent_state("revoked", info), *consent_state("expired", info),
                FakeConsent(id="good", information=(info.value,))]
    decision = decide(request(Recipient.OTHER_THIRD_PARTY, info), consents)
    assert decision.consent_id == "good"


def test_a_consent_made_to_what_needs_consent_names_then_allows_it() -> None:
    first = decide(request(Recipient.THIRD_PARTY_WITH_RELEASE, Information.WHOLE_RECORD))
    needed = first.consent_needed
    assert needed is not None
    consent = FakeConsent(id="new", person_id=needed.person_id,
                          information=(needed.information.value,),
                          recipients=(needed.recipient_name,), valid_from=needed.covering,
                          valid_until=needed.covering, given_by=needed.given_by[0].value)
    again = decide(request(Recipient.THIRD_PARTY_WITH_RELEASE, Information.WHOLE_RECORD),
                   [consent])
    assert again.outcome is C


@pytest.mark.parametrize(("outcome", "code"), [(A, 0), (C, 0), (N, 3), (L, 4)])
def test_exit_codes_for_scripts(outcome: Outcome, code: int) -> None:
    assert Decision(outcome, LINES["consent"], "").exit_code == code


def test_plain_text_quotes_the_basis_and_what_a_consent_must_name() -> None:
    text = decide(request(Recipient.THIRD_PARTY_WITH_RELEASE, Information.WHOLE_RECORD)).plain()
    assert LINES["open.third_party_with_release"].text in text
    assert RECIPIENT in text and ON in text and "whole record" in text


def test_a_consent_about_no_known_person_never_counts_even_for_an_unknown_client() -> None:
    nobody = dataclasses.replace(request(Recipient.THIRD_PARTY_WITH_RELEASE,
                                         Information.WHOLE_RECORD), person_id="")
    consent = FakeConsent(person_id="", information=(Information.WHOLE_RECORD.value,))
    assert decide(nobody, [consent]).outcome is N


def test_a_persons_relationship_to_the_client_decides_their_recipient_category() -> None:
    from safeconf.domain.disclosure_policy import recipient_category
    from safeconf.domain.records import Person, PersonKind, Relationship

    case = "0190aaaa-0000-7000-8000-0000000000cc"
    client = Person(case_id=case, name="Tobi", kind=PersonKind.CLIENT)
    sibling = Person(case_id=case, name="Ren", kind=PersonKind.CHILD)

    def of(kind: PersonKind, relationship: Relationship | None, to: Person = client) -> Recipient:
        person = Person(case_id=case, name="X", kind=kind,
                        relationship_to=None if relationship is None else to.id,
                        relationship=relationship)
        return recipient_category(person, client)

    assert recipient_category(client, client) is Recipient.CLIENT
    assert of(PersonKind.PARENT, Relationship.PARENT_OF) is Recipient.PARENT_OR_GUARDIAN
    assert of(PersonKind.LEGAL_GUARDIAN, Relationship.LEGAL_GUARDIAN_OF) is \
        Recipient.PARENT_OR_GUARDIAN
    assert of(PersonKind.ATTORNEY, Relationship.ATTORNEY_FOR) is \
        Recipient.ATTORNEY_OR_REPRESENTATIVE
    assert of(PersonKind.AUTHORIZED_REPRESENTATIVE, Relationship.AUTHORIZED_REPRESENTATIVE_OF) \
        is Recipient.ATTORNEY_OR_REPRESENTATIVE
    # A relative, a parent of someone else, no relationship, or a contradicting kind: in doubt.
    assert of(PersonKind.RELATIVE, Relationship.RELATIVE_OF) is Recipient.OTHER_THIRD_PARTY
    assert of(PersonKind.PARENT, Relationship.PARENT_OF, sibling) is Recipient.OTHER_THIRD_PARTY
    assert of(PersonKind.PARENT, None) is Recipient.OTHER_THIRD_PARTY
    assert of(PersonKind.RELATIVE, Relationship.PARENT_OF) is Recipient.OTHER_THIRD_PARTY
    elsewhere = dataclasses.replace(
        Person(case_id=case, name="Y", kind=PersonKind.PARENT, relationship_to=client.id,
               relationship=Relationship.PARENT_OF), case_id="0190aaaa-0000-7000-8000-0000000000dd")
    assert recipient_category(elsewhere, client) is Recipient.OTHER_THIRD_PARTY


def test_a_revocation_stops_disclosures_from_its_day_but_not_those_before_it() -> None:
    revoked = FakeConsent(state="revoked", information=(Information.CONFERENCE_SUMMARY.value,),
                          recipients=(RECIPIENT,), revoked_at="2026-03-15T09:00:00+00:00")

    def on(day: str) -> Outcome:
        asked = request(Recipient.THIRD_PARTY_WITH_RELEASE, Information.CONFERENCE_SUMMARY)
        return decide(dataclasses.replace(asked, on=day), [revoked]).outcome

    assert on("2026-03-14") is Outcome.ALLOWED_BY_CONSENT  # made before the revocation
    assert on("2026-03-15") is Outcome.NEEDS_CONSENT  # its day: stopped, at once
    assert on("2026-03-16") is Outcome.NEEDS_CONSENT
    undated = dataclasses.replace(revoked, revoked_at=None)  # a revocation with no day
    assert on_day(undated, "2026-03-14") is Outcome.NEEDS_CONSENT


def on_day(consent: FakeConsent, day: str) -> Outcome:
    asked = request(Recipient.THIRD_PARTY_WITH_RELEASE, Information.CONFERENCE_SUMMARY)
    return decide(dataclasses.replace(asked, on=day), [consent]).outcome
