"""Stored consent records as the disclosure policy reads them: cautiously where the record is
less exact than the policy (release form only, information named by kind, whole days)."""

from __future__ import annotations

from dataclasses import replace

from safeconf.domain.consent_reading import RecordedConsent
from safeconf.domain.disclosure_policy import (
    Extent,
    Information,
    Mode,
    Outcome,
    Recipient,
    Request,
    decide,
)
from safeconf.domain.records import (
    Case,
    Consent,
    ConsentForm,
    Person,
    PersonKind,
    SignerCapacity,
)
from tests.support.consents import given, revoked

CASE = Case(case_number="D-1", family_name="Alder")
ROWAN = Person(case_id=CASE.id, name="Rowan Alder", kind=PersonKind.CLIENT)
SCHOOL = "Lincoln Elementary school counselor"
SIGNED = given(CASE.id, information=("Chosen  notes",))  # valid 2026-11-01 until 2027-05-01


def outcome(consent: Consent, on: str = "2027-01-15",
            people: tuple[Person, ...] = (ROWAN,)) -> Outcome:
    ask = Request(case_open=True, sealed=False, person_id=ROWAN.id,
                  information=Information.CHOSEN_NOTES, mode=Mode.COPY, extent=Extent.PART,
                  recipient=Recipient.OTHER_THIRD_PARTY, recipient_name=SCHOOL.upper(), on=on)
    return decide(ask, [RecordedConsent.of(consent, list(people))]).outcome


def test_a_given_release_naming_a_kind_of_information_counts() -> None:
    assert outcome(SIGNED) is Outcome.ALLOWED_BY_CONSENT
    assert outcome(SIGNED, on="2026-11-01") is Outcome.ALLOWED_BY_CONSENT


def test_a_parent_signing_for_a_child_signs_as_their_representative() -> None:
    assert SIGNED.given_by_capacity is SignerCapacity.PARENT
    assert RecordedConsent.of(SIGNED, [ROWAN]).given_by == "authorized_representative"


def test_anything_less_exact_does_not_count() -> None:
    legal = Outcome.LEGAL_REVIEW
    assert outcome(revoked(CASE.id, information=("chosen notes",))) is legal
    assert outcome(replace(SIGNED, form=ConsentForm.OBTAIN)) is legal
    assert outcome(replace(SIGNED, information=("notes about school",))) is legal
    assert outcome(SIGNED, people=()) is legal  # whose information is unknown
    assert outcome(SIGNED, on="2027-05-01") is legal  # the day it ends
    noon = replace(SIGNED, valid_until="2027-01-15T12:00:00+00:00")
    assert outcome(noon) is legal  # not valid the whole day
    late_start = replace(SIGNED, valid_from="2027-01-15T09:00:00+00:00")
    assert outcome(late_start) is legal
    assert outcome(late_start, on="2027-01-16") is Outcome.ALLOWED_BY_CONSENT
