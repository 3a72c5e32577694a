"""Consents as records with a lifecycle: what a well-formed consent is, the transitions it
may take, when it is current, and what it covers."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest

from safeconf.domain import consent_lifecycle as lifecycle
from safeconf.domain.change_rules import ILLEGAL_TRANSITION, NOT_DELETABLE, judge_change
from safeconf.domain.consent_lifecycle import ConsentStatus, covers, is_current, status
from safeconf.domain.limits import MAX_SCANNED_FORM_BYTES
from safeconf.domain.records import Case, ConsentForm, ConsentState
from safeconf.domain.validation import FieldError, validate
from tests.support import consents

CASE = Case(case_number="C-1", family_name="Alder")
C = ConsentState
PDF = b"%PDF-1.7\n" + b"\0" * 64


def refused_field(consent) -> str:
    with pytest.raises(FieldError) as refused:
        validate(consent)
    return refused.value.field


def test_every_state_of_a_well_formed_consent_validates() -> None:
    for consent in (consents.requested(CASE.id), consents.given(CASE.id),
                    consents.revoked(CASE.id),
                    dataclasses.replace(consents.requested(CASE.id), state=C.REFUSED,
                                        answered_at="2026-11-02T10:00:00+00:00")):
        assert validate(consent) is consent


@pytest.mark.parametrize(("changes", "field"), [
    ({"given_by_name": "  "}, "consent.given_by_name"),
    ({"information": ()}, "consent.information"),
    ({"information": ("",)}, "consent.information"),
    ({"recipients": ()}, "consent.recipients"),
    ({"valid_until": "2026-10-01T00:00:00+00:00"}, "consent.valid_until"),
    ({"valid_until": "2026-11-01T00:00:00+00:00"}, "consent.valid_until"),  # same moment
])
def test_a_consent_without_signer_information_recipient_or_with_its_end_first_is_refused(
    changes, field
) -> None:
    assert refused_field(consents.requested(CASE.id, **changes)) == field


def test_the_refusal_says_what_is_missing_in_words() -> None:
    with pytest.raises(FieldError, match="names who may receive it"):
        validate(consents.requested(CASE.id, recipients=()))
    with pytest.raises(FieldError, match="ends after it starts"):
        validate(consents.requested(CASE.id, valid_until="2026-01-01T00:00:00+00:00"))


def test_a_given_consent_carries_exactly_one_kind_of_written_evidence() -> None:
    unsigned = dataclasses.replace(consents.given(CASE.id), signature_png=None)
    assert refused_field(unsigned) == "consent.signature_png"
    both = consents.given(CASE.id, scanned_form=PDF, scanned_form_name="form.pdf",
                          scanned_form_sha256=hashlib.sha256(PDF).hexdigest())
    assert refused_field(both) == "consent.signature_png"
    signed_request = consents.requested(CASE.id, signature_png=consents.SIGNATURE)
    assert refused_field(signed_request) == "consent.signature_png"


def test_a_scanned_form_keeps_its_name_its_hash_and_fits_the_record_limits() -> None:
    scan = dataclasses.replace(consents.given(CASE.id), signature_png=None, scanned_form=PDF,
                               scanned_form_name="signed release.pdf",
                               scanned_form_sha256=hashlib.sha256(PDF).hexdigest())
    assert validate(scan) is scan
    assert refused_field(dataclasses.replace(scan, scanned_form_sha256="0" * 64)) == \
        "consent.scanned_form_sha256"
    assert refused_field(dataclasses.replace(scan, scanned_form_name="")) == \
        "consent.scanned_form_sha256"
    assert refused_field(dataclasses.replace(scan, scanned_form=b"MZ" + PDF)) == \
        "consent.scanned_form"
    largest = b"%PDF-" + b"\x7f" * (MAX_SCANNED_FORM_BYTES - 5)
    fits = dataclasses.replace(scan, scanned_form=largest,
                               scanned_form_sha256=hashlib.sha256(largest).hexdigest())
    assert validate(fits) is fits  # the largest scan allowed still fits a record
    too_big = largest + b"\0"
    assert refused_field(dataclasses.replace(
        scan, scanned_form=too_big, scanned_form_sha256=hashlib.sha256(too_big).hexdigest())
    ) == "consent.scanned_form"


def test_answer_and_revocation_dates_go_with_their_states() -> None:
    assert refused_field(consents.requested(CASE.id, answered_at="2026-11-02T10:00:00+00:00")
                         ) == "consent.answered_at"
    assert refused_field(dataclasses.replace(consents.given(CASE.id), answered_at=None)) == \
        "consent.answered_at"
    assert refused_field(dataclasses.replace(consents.revoked(CASE.id), revoked_at=None)) == \
        "consent.revoked_at"
    assert refused_field(consents.given(CASE.id, revoked_at="2026-12-01T10:00:00+00:00")) == \
        "consent.revoked_at"
    assert refused_field(consents.revoked(CASE.id, revoked_at="2026-11-01T10:00:00+00:00")) == \
        "consent.revoked_at"  # before it was given


def test_only_the_lifecycles_transitions_are_allowed() -> None:
    req = consents.requested(CASE.id)
    giv, ref = consents.answer(req), consents.answer(req, C.REFUSED)
    rev = consents.revoke(giv)
    allowed = [(req, giv), (req, ref), (giv, rev), (req, rev)]  # the last: two steps offline
    for current, incoming in allowed:
        assert lifecycle.change_problem(current, incoming) is None
    for current, incoming in [(rev, giv), (ref, giv), (giv, req), (ref, rev), (rev, req)]:
        assert lifecycle.change_problem(current, incoming) is not None


def test_a_given_consent_keeps_its_terms_and_a_change_is_a_new_consent() -> None:
    giv = consents.given(CASE.id)
    widened = dataclasses.replace(giv, recipients=(*giv.recipients, "grandmother"), version=2)
    problem = lifecycle.change_problem(giv, widened)
    assert problem is not None and "recipients" in problem
    sneaky = dataclasses.replace(giv, state=C.REVOKED, revoked_at="2026-12-01T10:00:00+00:00",
                                 valid_until="2028-01-01T00:00:00+00:00")
    assert lifecycle.change_problem(giv, sneaky) is not None
    rev = consents.revoke(giv)
    assert lifecycle.change_problem(rev, dataclasses.replace(
        rev, revoked_at="2026-12-05T10:00:00+00:00")) is not None  # its date stands
    # A request's terms may still be corrected before it is answered.
    req = consents.requested(CASE.id)
    assert lifecycle.change_problem(req, dataclasses.replace(req, purpose="court")) is None


class _NoRecords:
    def conference(self, _id): return None
    def attendee(self, _id): return None
    def attendees(self, _id): return []
    def acknowledgments(self, _id): return []
    def note(self, _id): return None
    def interview_permission(self, _id): return None


def test_the_judge_of_changes_refuses_illegal_consent_changes_deletion_and_another_case() -> None:
    giv = consents.given(CASE.id)
    rev = consents.revoke(giv)
    again = dataclasses.replace(rev, state=C.GIVEN, revoked_at=None, version=3)
    refusal = judge_change(again, rev, _NoRecords(), {})
    assert refusal is not None and refusal.reason == ILLEGAL_TRANSITION
    assert "revoked cannot become given" in refusal.message
    gone = judge_change(dataclasses.replace(giv, deleted=True, version=2), giv, _NoRecords(), {})
    assert gone is not None and gone.reason == NOT_DELETABLE
    moved = dataclasses.replace(giv, case_id=Case(case_number="C-2", family_name="X").id)
    assert judge_change(moved, giv, _NoRecords(), {}) is not None
    assert judge_change(rev, giv, _NoRecords(), {}) is None


def test_a_consent_is_current_from_its_answer_and_start_until_its_end_or_revocation() -> None:
    giv = consents.given(CASE.id)  # answered 2026-11-02 10:00, valid 2026-11-01 .. 2027-05-01
    assert not is_current(giv, "2026-11-02T09:59:59+00:00")  # not yet signed
    assert is_current(giv, "2026-11-02T10:00:00+00:00")
    assert is_current(giv, "2027-04-30T23:59:59+00:00")
    assert not is_current(giv, "2027-05-01T00:00:00+00:00")
    late_start = consents.given(CASE.id, valid_from="2026-12-01T00:00:00+00:00")
    assert not is_current(late_start, "2026-11-15T00:00:00+00:00")
    rev = consents.revoked(CASE.id)  # revoked 2026-12-01 10:00
    assert is_current(rev, "2026-12-01T09:59:59+00:00")  # what was disclosed before stands
    assert not is_current(rev, "2026-12-01T10:00:00+00:00")  # and nothing from then on
    assert not is_current(consents.requested(CASE.id), "2026-12-01T00:00:00+00:00")


def test_expired_is_computed_from_the_date_never_stored() -> None:
    giv = consents.given(CASE.id)
    assert status(giv, "2027-04-01T00:00:00+00:00") is ConsentStatus.GIVEN
    assert status(giv, "2027-05-01T00:00:00+00:00") is ConsentStatus.EXPIRED
    assert status(consents.revoked(CASE.id), "2028-01-01T00:00:00+00:00") is \
        ConsentStatus.REVOKED
    assert "expired" not in {s.value for s in ConsentState}


def test_a_release_covers_only_its_information_and_recipients_while_current() -> None:
    giv = consents.given(CASE.id)
    at = "2026-12-01T00:00:00+00:00"
    assert covers(giv, "School Attendance  Records", "lincoln elementary school counselor", at)
    assert not covers(giv, "medical records", "Lincoln Elementary school counselor", at)
    assert not covers(giv, "school attendance records", "a neighbour", at)
    assert not covers(giv, "school attendance records",
                      "Lincoln Elementary school counselor", "2027-06-01T00:00:00+00:00")
    assert not covers(consents.revoked(CASE.id), "school attendance records",
                      "Lincoln Elementary school counselor", "2026-12-02T00:00:00+00:00")
    obtain = consents.given(CASE.id, ConsentForm.OBTAIN)
    assert not covers(obtain, "school attendance records",
                      "Lincoln Elementary school counselor", at)
