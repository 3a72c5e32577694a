"""Disclosure logs, legal review requests and legal's answers for tests: valid ones to vary."""

from __future__ import annotations

import dataclasses
from typing import Any

from safeconf.domain.disclosure_terms import Extent, Information, Mode, Recipient
from safeconf.domain.records import (
    Disclosure,
    DisclosureBasis,
    LegalAnswer,
    LegalReview,
    LegalReviewAnswer,
)


def disclosure(case_id: str, **changes: Any) -> Disclosure:
    """A conference summary told to the client's mother (no consent needed)."""
    made = Disclosure(
        case_id=case_id, information=Information.CONFERENCE_SUMMARY,
        what="Conference summary, 3 Nov 2026", mode=Mode.ORAL_SUMMARY, extent=Extent.WHOLE,
        recipient=Recipient.PARENT_OR_GUARDIAN, recipient_name="Dana Alder",
        basis=DisclosureBasis.POLICY, policy_line="open.parent_or_guardian",
        disclosed_by="w.alvarez")
    return dataclasses.replace(made, **changes)


def review(case_id: str, **changes: Any) -> LegalReview:
    """A copy of chosen notes for a landlord: the policy sends it to legal."""
    asked = LegalReview(
        case_id=case_id, information=Information.CHOSEN_NOTES, what="Two notes of 3 Nov 2026",
        mode=Mode.COPY, extent=Extent.PART, recipient=Recipient.OTHER_THIRD_PARTY,
        recipient_name="Mesa Housing Authority", policy_line="everything_else",
        question="The landlord asks for proof the family is in services. May I send these?",
        proposed_redactions=("Rowan", "Lincoln Elementary"), requested_by="w.alvarez")
    return dataclasses.replace(asked, **changes)


def answer(of: LegalReview, **changes: Any) -> LegalReviewAnswer:
    """Legal releases the copy with one more passage withheld."""
    given = LegalReviewAnswer(
        case_id=of.case_id, review_id=of.id, answer=LegalAnswer.RELEASE_WITH_REDACTIONS,
        advice="Release the two notes; withhold the school's name too.",
        redactions=("Lincoln",), answered_by="legal.ortiz")
    return dataclasses.replace(given, **changes)
