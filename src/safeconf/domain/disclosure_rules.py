"""Does a logged disclosure hold together? The policy asked again about the disclosure a log
stands for, with the case, its people and its consents as the place judging it holds them:
applied wherever a disclosure lands (the vault's write, HQ's push), so a device cannot log
as allowed what the policy does not allow.

Pure: no storage, no clock. The day judged is the disclosure's own (`disclosed_at`), so a
consent revoked after it still covers it (`disclosure_policy.counts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone

from safeconf.domain.consent_reading import RecordedConsent
from safeconf.domain.disclosure_policy import (
    LINES,
    Decision,
    Outcome,
    Recipient,
    Request,
    counts,
    decide,
    recipient_category,
)
from safeconf.domain.records import (
    Case,
    CaseStatus,
    Consent,
    Disclosure,
    DisclosureBasis,
    LegalAnswer,
    LegalReview,
    LegalReviewAnswer,
    Person,
    PersonKind,
)

_ALLOWED = frozenset({Outcome.ALLOWED, Outcome.ALLOWED_BY_CONSENT})
_HEAD = "This disclosure was logged as allowed, but the policy does not allow it: "
# The laptop decides on its own calendar day, which HQ does not know (a disclosure is logged
# in UTC): a moment is on the days it falls on somewhere between UTC-12 and UTC+14.
_EARLIEST, _LATEST = timezone(timedelta(hours=-12)), timezone(timedelta(hours=14))


def disclosure_problem(
    disclosure: Disclosure,
    case: Case,
    people: Sequence[Person],
    consents: Sequence[Consent],
    answer: LegalReviewAnswer | None = None,
    review: LegalReview | None = None,
) -> str | None:
    """None when the log holds together, else a plain sentence saying why not.

    `people` and `consents` are the case's; `answer` is the latest answer to the review a
    legal release names (None: none has arrived) and `review` that review."""
    d = disclosure
    if d.basis is DisclosureBasis.LEGAL_RELEASE:
        return _legal_release_problem(d, answer, review)
    consent = None
    if d.basis is DisclosureBasis.CONSENT:
        found = next((c for c in consents if c.id == d.consent_id and c.case_id == d.case_id),
                     None)
        if found is None:
            return _HEAD + f"it names consent {d.consent_id}, which is not on file for this case."
        consent = RecordedConsent.of(found, people)
    whose = consent.person_id if consent is not None else _client_id(people)
    recipient = d.recipient
    if d.recipient_person_id is not None:
        receiving = next((p for p in people if p.id == d.recipient_person_id), None)
        if receiving is None:
            return _HEAD + "the person it names as recipient is not one of this case's people."
        client = next((p for p in people if p.id == whose), None)
        recipient = (recipient_category(receiving, client) if client is not None
                     else Recipient.OTHER_THIRD_PARTY)
    requests = [_request(d, case, whose, recipient, day) for day in days_of(d.disclosed_at)]
    if consent is not None:
        return _consent_problem(d, consent, requests)
    # What the policy allows without consent never depends on the consents on file: they are
    # read only to say why a log does not hold (an honest log costs no consent reading).
    if _allowed_by_line(d, [decide(r) for r in requests]):
        return None
    return _policy_problem(d, requests, [RecordedConsent.of(c, people) for c in consents])


def days_of(moment: str) -> list[str]:
    """The calendar days (YYYY-MM-DD) `moment` falls on in some time zone of the world (two,
    or three for a moment between 10:00 and 12:00 UTC)."""
    at = datetime.fromisoformat(moment)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    first, last = at.astimezone(_EARLIEST).date(), at.astimezone(_LATEST).date()
    return [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def _policy_problem(d: Disclosure, requests: list[Request],
                    on_file: list[RecordedConsent]) -> str | None:
    decisions = [decide(r, on_file) for r in requests]
    if _allowed_by_line(d, decisions):
        return None
    decision = decisions[0]
    if decision.outcome is Outcome.ALLOWED:
        return _HEAD + (f"it cites the policy line '{d.policy_line}', but the line that "
                        f"allows it is '{decision.basis.key}'.")
    if decision.outcome is Outcome.ALLOWED_BY_CONSENT:
        return _HEAD + (f"without consent; only consent {decision.consent_id} allows it, and "
                        "the log does not name it.")
    return _HEAD + _said(decision)


def _allowed_by_line(d: Disclosure, decisions: list[Decision]) -> bool:
    return any(x.outcome is Outcome.ALLOWED and x.basis.key == d.policy_line for x in decisions)


def _consent_problem(d: Disclosure, consent: RecordedConsent,
                     requests: list[Request]) -> str | None:
    if d.policy_line != LINES["consent"].key:
        return _HEAD + f"it names a consent but cites the policy line '{d.policy_line}'."
    for request in requests:
        if counts(consent, request) and decide(request, [consent]).outcome in _ALLOWED:
            return None
    decision = decide(requests[0], [consent])
    if decision.outcome is Outcome.LEGAL_REVIEW:
        return _HEAD + _said(decision)
    return _HEAD + (f"consent {consent.id} does not cover it on {requests[0].on} (it must be "
                    "given and not revoked by then, about this person's information, name "
                    "this information and this recipient, and be valid that day).")


def _legal_release_problem(d: Disclosure, answer: LegalReviewAnswer | None,
                           review: LegalReview | None) -> str | None:
    if answer is None or answer.review_id != d.legal_review_id:
        return _HEAD + "it cites legal's release, but legal has not answered that review."
    if answer.answer is not LegalAnswer.RELEASE_WITH_REDACTIONS:
        said = answer.answer.value.replace("_", " ")
        return _HEAD + f"it cites legal's release, but legal answered '{said}'."
    if review is not None and (review.information, review.mode, review.extent,
                               review.recipient, review.recipient_name) != (
            d.information, d.mode, d.extent, d.recipient, d.recipient_name):
        return _HEAD + ("legal released a different disclosure (other information, way or "
                        "recipient) than the one logged.")
    return None


def _request(d: Disclosure, case: Case, whose: str, recipient: Recipient, day: str) -> Request:
    return Request(case_open=case.status is CaseStatus.OPEN, sealed=case.sealed,
                   person_id=whose, information=d.information, mode=d.mode, extent=d.extent,
                   recipient=recipient, recipient_name=d.recipient_name, on=day,
                   health_purpose=d.health_purpose)


def _client_id(people: Sequence[Person]) -> str:
    """The case's client, as `app.disclosure_check` takes it: the one client, else nobody."""
    clients = [p for p in people if p.kind is PersonKind.CLIENT]
    return clients[0].id if len(clients) == 1 else ""


def _said(decision: Decision) -> str:
    head = {Outcome.NEEDS_CONSENT: "it needs a consent.",
            Outcome.LEGAL_REVIEW: "it goes to legal review."}.get(decision.outcome, "")
    return f"{head} {decision.why}".strip()

