"""A logged disclosure holds together only when the policy, asked again on its day about the
disclosure it stands for, allows it on the basis it names: honest logs pass, forged ones are
refused with a sentence saying why, wherever the log lands (`judge_change`)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from safeconf.domain.change_rules import NO_PARENT, NOT_ALLOWED, judge_change
from safeconf.domain.disclosure_rules import days_of, disclosure_problem
from safeconf.domain.disclosure_terms import HealthPurpose, Information, Mode, Recipient
from safeconf.domain.records import (
    Case,
    CaseStatus,
    ConsentState,
    Disclosure,
    DisclosureBasis,
    LegalAnswer,
    Person,
    PersonKind,
    Relationship,
)
from safeconf.domain.validation import validate
from tests.domain.test_change_rules import STATEMENTS, View
from tests.support import consents, disclosures

CASE = Case(case_number="DR-1", family_name="Alder")
OTHER_CASE = Case(case_number="DR-2", family_name="Birch")
ROWAN = Person(case_id=CASE.id, name="Rowan Alder", kind=PersonKind.CLIENT)
DANA = Person(case_id=CASE.id, name="Dana Alder", kind=PersonKind.PARENT,
              relationship_to=ROWAN.id, relationship=Relationship.PARENT_OF)
AUNT = Person(case_id=CASE.id, name="Pat Reyes", kind=PersonKind.RELATIVE,
              relationship_to=ROWAN.id, relationship=Relationship.RELATIVE_OF)
STRANGER = Person(case_id=OTHER_CASE.id, name="Sam Birch", kind=PersonKind.PARENT)
PEOPLE = (ROWAN, DANA, AUNT)
SCHOOL = "Lincoln Elementary school counselor"
DIGEST = "ab" * 32
DAY = "2026-11-10T15:00:00+00:00"  # inside every consent's validity

# Given 2 Nov for the conference summary to the school, valid 1 Nov 2026 to 1 May 2027.
SUMMARY = consents.given(CASE.id, information=("conference summary",))
REVOKED = consents.revoke(consents.given(CASE.id, information=("conference summary",)),
                          at="2026-11-30T11:00:00+00:00")
ABOUT_A_STRANGER = consents.given(CASE.id, information=("conference summary",),
                                  client_name="Sam Birch")
REQUESTED = consents.requested(CASE.id, information=("conference summary",))
REFUSED = dataclasses.replace(REQUESTED, state=ConsentState.REFUSED,
                              answered_at="2026-11-02T10:00:00+00:00")
ELSEWHERE = consents.given(OTHER_CASE.id, information=("conference summary",))
CONSENTS = (SUMMARY, REVOKED, ABOUT_A_STRANGER, REQUESTED, REFUSED, ELSEWHERE)

REVIEW = disclosures.review(CASE.id)
RELEASE = disclosures.answer(REVIEW)


def by_consent(consent_id: str = SUMMARY.id, **changes: Any) -> Disclosure:
    """A copy of the conference summary for the school counselor, under a consent."""
    return disclosures.disclosure(CASE.id, **{
        "mode": Mode.COPY, "document_sha256": DIGEST,
        "recipient": Recipient.THIRD_PARTY_WITH_RELEASE, "recipient_name": SCHOOL,
        "basis": DisclosureBasis.CONSENT, "consent_id": consent_id, "policy_line": "consent",
        "disclosed_at": DAY, **changes})


def by_policy(**changes: Any) -> Disclosure:
    return disclosures.disclosure(CASE.id, **{"disclosed_at": DAY, **changes})


def released(**changes: Any) -> Disclosure:
    """What legal released, logged as the review asked it."""
    return disclosures.disclosure(CASE.id, **{
        "information": REVIEW.information, "mode": REVIEW.mode, "extent": REVIEW.extent,
        "recipient": REVIEW.recipient, "recipient_name": REVIEW.recipient_name,
        "document_sha256": DIGEST, "basis": DisclosureBasis.LEGAL_RELEASE,
        "legal_review_id": REVIEW.id, "policy_line": "everything_else", "disclosed_at": DAY,
        **changes})


def problem(disclosure: Disclosure, case: Case = CASE, answer: Any = RELEASE) -> str | None:
    assert validate(disclosure) is disclosure  # well formed: only the policy can refuse it
    return disclosure_problem(disclosure, case, PEOPLE, CONSENTS, answer, REVIEW)


HONEST = {
    "to the mother, by name": by_policy(),
    "to the mother, as a person of the case": by_policy(recipient_person_id=DANA.id),
    "to the client": by_policy(recipient=Recipient.CLIENT, recipient_name=ROWAN.name,
                               recipient_person_id=ROWAN.id, policy_line="open.client"),
    "to agency staff": by_policy(recipient=Recipient.AGENCY_STAFF, recipient_name="j.kim",
                                 policy_line="open.agency_staff"),
    "health information for abuse or neglect": by_policy(
        information=Information.HEALTH_INFORMATION, recipient=Recipient.OTHER_THIRD_PARTY,
        recipient_name="Mesa Police Department", health_purpose=HealthPurpose.ABUSE_OR_NEGLECT,
        policy_line="phi.without_consent"),
    "by a given consent": by_consent(),
    "by a consent, on the last day it covers": by_consent(
        disclosed_at="2027-04-30T23:00:00+00:00"),
    "by a consent revoked later, logged before the revocation": by_consent(REVOKED.id),
    "by legal's release": released(),
}


@pytest.mark.parametrize("disclosure", HONEST.values(), ids=HONEST.keys())
def test_an_honest_log_holds_together(disclosure: Disclosure) -> None:
    assert problem(disclosure) is None


FORGED = {
    "the wrong policy line": (by_policy(policy_line="open.client"),
                              "the line that allows it is 'open.parent_or_guardian'"),
    "a third party claimed as the parent": (
        by_policy(recipient_person_id=AUNT.id, recipient_name=AUNT.name),
        "goes to legal review"),
    "a third party logged under the parent's line": (
        by_policy(recipient=Recipient.OTHER_THIRD_PARTY, recipient_name="Mesa Housing"),
        "goes to legal review"),
    "a recipient who is not a person of the case": (
        by_policy(recipient_person_id=STRANGER.id, recipient_name=STRANGER.name),
        "not one of this case's people"),
    "a closed case": (by_policy(), "The case is closed"),
    "allowed only by a consent it does not name": (
        by_policy(mode=Mode.COPY, document_sha256=DIGEST,
                  recipient=Recipient.THIRD_PARTY_WITH_RELEASE, recipient_name=SCHOOL,
                  policy_line="open.third_party_with_release"),
        f"only consent {SUMMARY.id} allows it"),
    "a consent for other information": (by_consent(information=Information.CHOSEN_NOTES),
                                        f"consent {SUMMARY.id} does not cover it"),
    "a consent for another recipient": (by_consent(recipient_name="Mesa Housing Authority"),
                                        f"consent {SUMMARY.id} does not cover it"),
    "an expired consent": (by_consent(disclosed_at="2027-05-02T15:00:00+00:00"),
                           "does not cover it on 2027-05-02"),
    "a consent revoked before the day": (by_consent(REVOKED.id,
                                                    disclosed_at="2026-12-05T15:00:00+00:00"),
                                         f"consent {REVOKED.id} does not cover it"),
    "a consent revoked that very day": (by_consent(REVOKED.id,
                                                   disclosed_at="2026-11-30T15:00:00+00:00"),
                                        f"consent {REVOKED.id} does not cover it"),
    "a consent only requested": (by_consent(REQUESTED.id), "does not cover it"),
    "a consent refused": (by_consent(REFUSED.id), "does not cover it"),
    "a consent of another case": (by_consent(ELSEWHERE.id), "not on file for this case"),
    "a consent about someone not of the case": (by_consent(ABOUT_A_STRANGER.id),
                                                "does not cover it"),
    "a consent that no record holds": (by_consent("0190aaaa-0000-7000-8000-000000000001"),
                                       "not on file for this case"),
    "a consent cited under a policy line": (by_consent(policy_line="open.client"),
                                            "cites the policy line 'open.client'"),
    "a consent from a closed case": (by_consent(), "The case is closed"),
    "a legal release without an answer": (released(), "legal has not answered"),
    "a legal release answered with advice": (released(), "legal answered 'advice'"),
    "a legal release answered with a refusal": (released(), "legal answered 'refuse'"),
    "a legal release of something else": (released(recipient_name="Someone else"),
                                          "legal released a different disclosure"),
}
ANSWER_OF = {"a legal release without an answer": None,
             "a legal release answered with advice": dataclasses.replace(
                 RELEASE, answer=LegalAnswer.ADVICE, redactions=()),
             "a legal release answered with a refusal": dataclasses.replace(
                 RELEASE, answer=LegalAnswer.REFUSE, redactions=())}
CLOSED = dataclasses.replace(CASE, status=CaseStatus.CLOSED)


@pytest.mark.parametrize(("name", "disclosure", "words"),
                         [(name, d, w) for name, (d, w) in FORGED.items()], ids=FORGED.keys())
def test_a_forged_log_is_refused_with_why(name: str, disclosure: Disclosure, words: str) -> None:
    case = CLOSED if "closed case" in name else CASE
    said = problem(disclosure, case, ANSWER_OF.get(name, RELEASE))
    assert said is not None
    assert said.startswith("This disclosure was logged as allowed, but the policy does not "
                           "allow it: ")
    assert words in said


def test_the_day_judged_is_any_the_moment_falls_on_somewhere() -> None:
    # 20:00 in Connecticut on 30 Nov is 1 Dec in UTC: both days, no other.
    assert days_of("2026-12-01T01:00:00+00:00") == ["2026-11-30", "2026-12-01"]
    assert days_of("2026-12-01T13:00:00+00:00") == ["2026-12-01", "2026-12-02"]
    assert days_of("2026-12-01T11:00:00+00:00") == ["2026-11-30", "2026-12-01", "2026-12-02"]
    ends = consents.given(CASE.id, information=("conference summary",),
                          valid_until="2026-12-01T00:00:00-05:00")  # last whole day: 30 Nov
    evening = by_consent(ends.id, disclosed_at="2026-12-01T01:00:00+00:00")
    day_after = by_consent(ends.id, disclosed_at="2026-12-02T01:00:00+00:00")
    assert disclosure_problem(evening, CASE, PEOPLE, [ends]) is None
    assert disclosure_problem(day_after, CASE, PEOPLE, [ends]) is not None


def _view() -> View:
    view = View()
    view.add(CASE, OTHER_CASE, *PEOPLE, STRANGER, *CONSENTS, REVIEW, RELEASE)
    return view


def test_the_judge_of_changes_refuses_a_new_forged_disclosure_only() -> None:
    view = _view()
    forged = by_consent(recipient_name="Mesa Housing Authority")
    refusal = judge_change(forged, None, view, STATEMENTS)
    assert refusal is not None and refusal.reason == NOT_ALLOWED
    assert "does not cover it" in refusal.message
    assert judge_change(by_consent(), None, view, STATEMENTS) is None
    assert judge_change(released(), None, view, STATEMENTS) is None
    # Asked on the records as they stand: a revocation recorded since stops a later log.
    view.add(dataclasses.replace(SUMMARY, state=ConsentState.REVOKED,
                                 revoked_at="2026-11-09T09:00:00+00:00", version=2))
    assert judge_change(by_consent(), None, view, STATEMENTS).reason == NOT_ALLOWED


def test_a_disclosure_of_a_case_the_view_does_not_hold() -> None:
    view = View()
    assert judge_change(by_policy(), None, view, STATEMENTS).reason == NO_PARENT
    assert judge_change(by_policy(), None, view, STATEMENTS, parents_known=False) is None


@pytest.mark.parametrize("missing", ["consent", "people", "answer", "recipient"])
def test_a_pulled_page_missing_what_the_log_relies_on_is_not_refused(missing: str) -> None:
    """HQ judged it; a laptop may not have pulled the consent, people or answer yet."""
    view = View()
    view.add(CASE, REVIEW)
    if missing != "people":
        view.add(*PEOPLE)
    if missing != "consent":
        view.add(SUMMARY)
    if missing != "answer":
        view.add(RELEASE)
    record = {"consent": by_consent(), "people": by_consent(), "answer": released(),
              "recipient": by_policy(recipient_person_id=DANA.id)}[missing]
    if missing == "recipient":
        view.records.pop(DANA.id)
    assert judge_change(record, None, view, STATEMENTS, parents_known=False) is None
    assert judge_change(record, None, view, STATEMENTS).reason == NOT_ALLOWED


def test_a_pulled_page_holding_what_contradicts_the_log_is_refused() -> None:
    view = _view()
    forged = by_policy(recipient_person_id=AUNT.id, recipient_name=AUNT.name)
    refusal = judge_change(forged, None, view, STATEMENTS, parents_known=False)
    assert refusal is not None and refusal.reason == NOT_ALLOWED
