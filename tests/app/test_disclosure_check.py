"""Stored consent records as the disclosure policy reads them: cautiously, until the consent
record says who signed in what capacity and names the information by kind."""

from __future__ import annotations

from dataclasses import replace

from safeconf.app.disclosure_check import RecordedConsent
from safeconf.domain.disclosure_policy import (
    Extent,
    Information,
    Mode,
    Outcome,
    Recipient,
    Request,
    decide,
)
from safeconf.domain.records import Case, Consent, Person, PersonKind

CASE = Case(case_number="D-1", family_name="Alder")
TOBI = Person(case_id=CASE.id, name="Tobi Alder", kind=PersonKind.CLIENT)
SIGNED = Consent(case_id=CASE.id, client_name="Tobi Alder", signed_by="tobi  alder",
                 information="Chosen notes", recipients=("School",),
                 valid_from="2026-01-01T00:00:00+00:00", valid_until="2026-12-31T00:00:00+00:00")
ASK = Request(case_open=True, sealed=False, person_id=TOBI.id,
              information=Information.CHOSEN_NOTES, mode=Mode.COPY, extent=Extent.PART,
              recipient=Recipient.OTHER_THIRD_PARTY, recipient_name="school", on="2026-05-01")


def outcome(consent: Consent, people: list[Person] = [TOBI]) -> Outcome:  # noqa: B006
    return decide(ASK, [RecordedConsent.of(consent, people)]).outcome


def test_a_consent_signed_by_the_person_naming_a_kind_of_information_counts() -> None:
    assert outcome(SIGNED) is Outcome.ALLOWED_BY_CONSENT


def test_anything_less_plain_does_not_count() -> None:
    assert outcome(replace(SIGNED, revoked_at="2026-04-01T00:00:00+00:00")) is \
        Outcome.LEGAL_REVIEW
    assert outcome(replace(SIGNED, signed_by="A Neighbour")) is Outcome.LEGAL_REVIEW
    assert outcome(replace(SIGNED, information="notes about school")) is Outcome.LEGAL_REVIEW
    assert outcome(SIGNED, people=[]) is Outcome.LEGAL_REVIEW  # whose consent is unknown
