"""The records of disclosure: a disclosure made, a question to legal, and legal's answer.
Each is checked the same wherever it lands (validation and the change rules)."""

from __future__ import annotations

import dataclasses

import pytest

from safeconf.domain.change_rules import NO_PARENT, PARENT_ELSEWHERE, judge_change
from safeconf.domain.disclosure_terms import Information, Mode
from safeconf.domain.records import Case, DisclosureBasis, LegalAnswer
from safeconf.domain.validation import FieldError, validate
from tests.domain.test_change_rules import STATEMENTS, View
from tests.support import disclosures

CASE = Case(case_number="D-1", family_name="Alder")
OTHER = Case(case_number="D-2", family_name="Birch")
DIGEST = "ab" * 32


def refused_field(record) -> str:
    with pytest.raises(FieldError) as refused:
        validate(record)
    return refused.value.field


def test_the_well_formed_records_validate() -> None:
    review = disclosures.review(CASE.id)
    for record in (disclosures.disclosure(CASE.id), review, disclosures.answer(review),
                   disclosures.disclosure(CASE.id, mode=Mode.COPY, document_sha256=DIGEST,
                                          redactions=4)):
        assert validate(record) is record


@pytest.mark.parametrize(("changes", "field"), [
    ({"information": Information.LEGAL_ADVICE}, "disclosure.information"),
    ({"basis": DisclosureBasis.CONSENT}, "disclosure.basis"),
    ({"consent_id": "0b6c2a4e-3f8d-4c1e-9a57-2d1e6f0b9c33"}, "disclosure.basis"),
    ({"basis": DisclosureBasis.LEGAL_RELEASE}, "disclosure.basis"),
    ({"mode": Mode.COPY}, "disclosure.document_sha256"),
    ({"redactions": 2}, "disclosure.document_sha256"),
    ({"policy_line": "because I said so"}, "disclosure.policy_line"),
    ({"recipient_name": ""}, "disclosure.recipient_name"),
    ({"what": ""}, "disclosure.what"),
    ({"record_ids": ("not-an-id",)}, "disclosure.record_ids"),
])
def test_a_disclosure_log_that_does_not_hold_together_is_refused(changes, field) -> None:
    assert refused_field(disclosures.disclosure(CASE.id, **changes)) == field


def test_a_review_asks_a_question_and_an_answer_gives_advice() -> None:
    review = disclosures.review(CASE.id)
    assert refused_field(dataclasses.replace(review, question=" ")) == "legal_review.question"
    assert refused_field(dataclasses.replace(review, proposed_redactions=("",))) == \
        "legal_review.proposed_redactions"
    answer = disclosures.answer(review)
    assert refused_field(dataclasses.replace(answer, advice="")) == "legal_review_answer.advice"
    refusal = dataclasses.replace(answer, answer=LegalAnswer.REFUSE)
    assert refused_field(refusal) == "legal_review_answer.redactions"
    assert validate(dataclasses.replace(refusal, redactions=())) is not None


def test_an_answer_belongs_to_a_review_of_its_own_case() -> None:
    view = View()
    review = disclosures.review(CASE.id)
    answer = disclosures.answer(review)
    assert judge_change(answer, None, view, STATEMENTS).reason == NO_PARENT
    # A pulled page may bring the answer before its review.
    assert judge_change(answer, None, view, STATEMENTS, parents_known=False) is None
    view.add(review)
    assert judge_change(answer, None, view, STATEMENTS) is None
    elsewhere = dataclasses.replace(answer, case_id=OTHER.id)
    assert judge_change(elsewhere, None, view, STATEMENTS).reason == PARENT_ELSEWHERE


def test_a_disclosure_legal_released_names_a_review_of_its_case() -> None:
    view = View()
    review = disclosures.review(OTHER.id)
    view.add(CASE, OTHER, review, disclosures.answer(review))
    released = disclosures.disclosure(
        CASE.id, basis=DisclosureBasis.LEGAL_RELEASE, legal_review_id=review.id,
        policy_line="everything_else", information=review.information, mode=review.mode,
        extent=review.extent, recipient=review.recipient, recipient_name=review.recipient_name,
        document_sha256=DIGEST)
    assert validate(released) is released
    assert judge_change(released, None, view, STATEMENTS).reason == PARENT_ELSEWHERE
    assert judge_change(dataclasses.replace(released, case_id=OTHER.id), None, view,
                        STATEMENTS) is None
