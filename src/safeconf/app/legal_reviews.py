"""Questions to legal about a disclosure the policy sent to legal review: asking one (queued
in the outbox, so it works offline and goes at the next sync), and each request's standing —
waiting, or legal's answer once a sync has brought it from HQ."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import overload

from safeconf.app.session import VaultSession
from safeconf.domain.disclosure_policy import LEGAL_REVIEW_LINES, LINES
from safeconf.domain.disclosure_terms import Extent, HealthPurpose, Information, Mode, Recipient
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.records import LegalAnswer, LegalReview, LegalReviewAnswer


@dataclass(frozen=True)
class LegalReviewDraft:
    """What the share dialog hands over when the policy's answer is legal review: the
    disclosure as the worker asked it, and the passages they would withhold."""

    case_id: str
    information: Information
    what: str
    mode: Mode
    extent: Extent
    recipient: Recipient
    recipient_name: str
    policy_line: str
    record_ids: tuple[str, ...] = ()
    health_purpose: HealthPurpose | None = None
    proposed_redactions: tuple[str, ...] = ()


class ReviewState(StrEnum):
    QUEUED = "queued"  # still in the outbox
    SENT = "sent"  # HQ holds it; no answer yet
    ADVISED = "advised"
    RELEASED_WITH_REDACTIONS = "released_with_redactions"
    REFUSED = "refused"


# English for scripts and logs; the UI shows its own translated words for each state.
STATE_TEXT = {
    ReviewState.QUEUED: "Waiting for legal — not yet sent (next sync)",
    ReviewState.SENT: "Waiting for legal — sent to HQ",
    ReviewState.ADVISED: "Legal advised",
    ReviewState.RELEASED_WITH_REDACTIONS: "Legal released it with redactions",
    ReviewState.REFUSED: "Legal refused",
}
_ANSWERED = {LegalAnswer.ADVICE: ReviewState.ADVISED,
             LegalAnswer.RELEASE_WITH_REDACTIONS: ReviewState.RELEASED_WITH_REDACTIONS,
             LegalAnswer.REFUSE: ReviewState.REFUSED}


@dataclass(frozen=True)
class ReviewStatus:
    review: LegalReview
    answer: LegalReviewAnswer | None
    queued: bool = False  # not yet pushed to HQ

    @property
    def state(self) -> ReviewState:
        if self.answer is not None:
            return _ANSWERED[self.answer.answer]
        return ReviewState.QUEUED if self.queued else ReviewState.SENT

    @property
    def status(self) -> str:
        return STATE_TEXT[self.state]

    @property
    def waiting(self) -> bool:
        return self.answer is None


class LegalReviewService:
    def __init__(self, session: VaultSession) -> None:
        self._session = session

    @overload
    def ask_legal(self, draft: LegalReviewDraft, question: str) -> LegalReview: ...

    @overload
    def ask_legal(self, draft: str, question: str = "", *, information: Information,
                  what: str, mode: Mode, extent: Extent, recipient: Recipient,
                  recipient_name: str, policy_line: str, record_ids: Sequence[str] = (),
                  health_purpose: HealthPurpose | None = None,
                  proposed_redactions: Sequence[str] = ()) -> LegalReview: ...

    def ask_legal(self, draft: LegalReviewDraft | str, question: str = "", *,
                  record_ids: Sequence[str] = (), proposed_redactions: Sequence[str] = (),
                  **fields: object) -> LegalReview:
        """Queue a question to legal about `draft` (or, called with a case id, about the
        disclosure the keyword arguments describe). Refused, with nothing written, when the
        question is empty or the policy line is not one that sends a disclosure to legal."""
        if isinstance(draft, str):
            draft = LegalReviewDraft(case_id=draft, record_ids=tuple(record_ids),
                                     proposed_redactions=tuple(proposed_redactions),
                                     **fields)  # type: ignore[arg-type]
        asked = question.strip()
        if not asked:
            raise InvalidRecord("Write the question for legal: what you want to know about "
                                "this disclosure.")
        if draft.policy_line not in LEGAL_REVIEW_LINES:
            known = LINES.get(draft.policy_line)
            raise InvalidRecord(
                "The policy does not send this disclosure to legal review"
                + (f" (its basis is: \"{known.text}\")" if known else "")
                + "; check it again with “May I share this?”.")
        vault = self._session.vault
        vault.cases.get(draft.case_id)  # a case this laptop holds
        return vault.legal_reviews.add(LegalReview(
            case_id=draft.case_id, information=draft.information, what=draft.what.strip(),
            record_ids=tuple(draft.record_ids), mode=draft.mode, extent=draft.extent,
            recipient=draft.recipient, recipient_name=draft.recipient_name.strip(),
            health_purpose=draft.health_purpose, policy_line=draft.policy_line,
            question=asked, proposed_redactions=_passages(draft.proposed_redactions),
            requested_by=vault.user))

    def for_case(self, case_id: str) -> list[ReviewStatus]:
        """The case's requests, newest first, each with legal's answer once it arrived."""
        vault = self._session.vault
        unsent = vault.sync.unsent_ids("legal_review")
        answers: dict[str, LegalReviewAnswer] = {}
        for answer in vault.legal_review_answers.for_case(case_id):
            seen = answers.get(answer.review_id)
            if seen is None or answer.answered_at > seen.answered_at:
                answers[answer.review_id] = answer
        reviews = sorted(vault.legal_reviews.for_case(case_id),
                         key=lambda r: (r.requested_at, r.id), reverse=True)
        return [ReviewStatus(r, answers.get(r.id), r.id in unsent) for r in reviews]

    def pending_count(self) -> int:
        """Requests on this laptop, of every case, that legal has not answered yet."""
        vault = self._session.vault
        answered = {a.review_id for a in vault.legal_review_answers.all()}
        return sum(1 for r in vault.legal_reviews.all() if r.id not in answered)


def _passages(passages: Sequence[str]) -> tuple[str, ...]:
    """Trimmed, blank ones dropped, each once, in the order given."""
    return tuple(dict.fromkeys(p.strip() for p in passages if p.strip()))
