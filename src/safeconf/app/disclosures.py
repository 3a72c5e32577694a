"""The disclosure log: "may I share this?" for a case, and the record of a disclosure made.

The domain's policy decides (`disclosure_check.check`, `disclosure_policy.decide`); this
service only asks it and logs what it allowed. A disclosure is logged before it is carried
out, and the policy is asked again at that moment: a consent revoked since the worker asked
stops the disclosure at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Protocol

from safeconf.app.disclosure_check import Answer, Question, check
from safeconf.app.session import VaultSession
from safeconf.domain.disclosure_policy import Outcome, recipient_category
from safeconf.domain.disclosure_terms import Extent, HealthPurpose, Information, Mode, Recipient
from safeconf.domain.errors import DomainError
from safeconf.domain.records import (
    Case,
    Conference,
    Disclosure,
    DisclosureBasis,
    LegalAnswer,
    LegalReview,
    PersonKind,
)
from safeconf.vault.vault import Vault

ALLOWED = frozenset({Outcome.ALLOWED, Outcome.ALLOWED_BY_CONSENT})

# Someone not among the people of the case: the categories a worker can pick, in the
# order the policy lists them.
CATEGORIES_NOT_ON_THE_CASE = (
    Recipient.AGENCY_STAFF,
    Recipient.ASSISTANT_ATTORNEY_GENERAL,
    Recipient.COURT_HEARING_THIS_CASE,
    Recipient.THIRD_PARTY_WITH_RELEASE,
    Recipient.OTHER_THIRD_PARTY,
)


class DisclosureNotAllowed(DomainError):
    """The policy does not allow this disclosure now; nothing was logged or disclosed."""

    def __init__(self, message: str, answer: Answer | None = None) -> None:
        super().__init__(message)
        self.answer = answer


@dataclass(frozen=True)
class RecipientChoice:
    """One entry of the "to whom" picker: a person of the case (with what they are for the
    case's client) or a category for someone not on the case (`person_id` None)."""

    category: Recipient
    name: str = ""
    person_id: str | None = None


class HasReview(Protocol):
    """A legal review with its answer as the legal review service lists them."""

    @property
    def review(self) -> LegalReview: ...


def _today() -> date:
    return date.today()


def moment_on(day: date) -> str:
    """The moment to log a disclosure asked about on `day`: now, moved to that day when the
    service asks on another one, so the log is dated on the day the policy allowed it (the
    rule applied wherever it lands asks the policy again on that day)."""
    now = datetime.now().astimezone()
    if now.date() != day:
        now = datetime.combine(day, now.timetz())
    return now.astimezone(UTC).isoformat(timespec="microseconds")


def sha256_of_text(text: str) -> str:
    """The digest logged for a document that left as text (the printed roster)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class DisclosureService:
    def __init__(self, session: VaultSession, today: Callable[[], date] = _today) -> None:
        self._session = session
        self._today = today  # injected, so a test can ask on another day

    @property
    def _vault(self) -> Vault:
        return self._session.vault

    # -- asking ----------------------------------------------------------------------

    def recipients(self, case_id: str) -> list[RecipientChoice]:
        """The people of the case, each with the recipient category they are for the
        case's client, then the categories for someone not on the case."""
        people = self._vault.people.for_case(case_id)
        clients = [p for p in people if p.kind is PersonKind.CLIENT]
        client = clients[0] if len(clients) == 1 else None
        choices = [RecipientChoice(
            recipient_category(p, client) if client is not None else Recipient.OTHER_THIRD_PARTY,
            p.name, p.id) for p in people if not p.deleted]
        return choices + [RecipientChoice(c) for c in CATEGORIES_NOT_ON_THE_CASE]

    def ask(
        self, case_id: str, *, information: Information, mode: Mode, extent: Extent,
        recipient: Recipient | None, recipient_name: str = "", to_person_id: str | None = None,
        health_purpose: HealthPurpose | None = None, record_ids: Sequence[str] = (),
        on: date | None = None,
    ) -> Answer:
        """The policy's answer; writes nothing. `to_person_id` (a person of the case) wins
        over `recipient`: their relationship to the client decides their category."""
        del record_ids  # what is disclosed does not change the answer; `log` records it
        case = self._case(case_id)
        return check(self._vault, Question(
            case_number=case.case_number, information=information, mode=mode,
            recipient=None if to_person_id else recipient, recipient_name=recipient_name,
            to_person=to_person_id or "", extent=extent, on=on,
            health_purpose=health_purpose if information is Information.HEALTH_INFORMATION
            else None), self._today())

    # -- logging ---------------------------------------------------------------------

    def log(
        self, answer: Answer, *, what: str, record_ids: Sequence[str] = (),
        document_sha256: str = "", redactions: int = 0,
    ) -> Disclosure:
        """Log a disclosure the policy allows, asking it again now (today, with the consents
        on file now). Raises `DisclosureNotAllowed` and writes nothing otherwise."""
        if answer.question is None or answer.request is None:
            raise DisclosureNotAllowed("This answer does not say what was asked; ask again.")
        # One transaction: no consent can be revoked (by a pulled page) between the answer
        # and the write.
        with self._vault.transaction():
            return self._log_now(answer.question, what, record_ids, document_sha256,
                                 redactions)

    def _log_now(self, question: Question, what: str, record_ids: Sequence[str],
                 document_sha256: str, redactions: int) -> Disclosure:
        fresh = check(self._vault, replace(question, on=None), self._today())
        request = fresh.request
        if fresh.decision.outcome not in ALLOWED or request is None:
            raise DisclosureNotAllowed(
                "Not logged and not to be disclosed: " + fresh.plain(), fresh)
        self._check_copy(request.mode, document_sha256, redactions)
        by_consent = fresh.decision.outcome is Outcome.ALLOWED_BY_CONSENT
        return self._vault.disclosures.add(Disclosure(
            case_id=fresh.case_id, information=request.information, what=what.strip(),
            record_ids=tuple(record_ids), mode=request.mode, extent=request.extent,
            recipient=request.recipient, recipient_name=request.recipient_name,
            recipient_person_id=fresh.recipient_person_id,
            health_purpose=request.health_purpose,
            basis=DisclosureBasis.CONSENT if by_consent else DisclosureBasis.POLICY,
            policy_line=fresh.decision.basis.key,
            consent_id=fresh.decision.consent_id if by_consent else None,
            disclosed_by=self._vault.user, disclosed_at=moment_on(self._today()),
            document_sha256=document_sha256, redactions=redactions))

    def log_legal_release(
        self, review: LegalReview | HasReview, *, document_sha256: str = "",
        redactions: int = 0,
    ) -> Disclosure:
        """Log a disclosure legal released: allowed only when the latest answer that
        arrived for the review is "release with redactions"."""
        asked = review if isinstance(review, LegalReview) else review.review
        answer = self._vault.legal_review_answers.to(asked)
        if answer is None or answer.answer is not LegalAnswer.RELEASE_WITH_REDACTIONS:
            said = "no answer has arrived yet" if answer is None else \
                f"legal answered '{answer.answer.value.replace('_', ' ')}'"
            raise DisclosureNotAllowed(
                f"Legal has not released this ({said}); nothing was logged or disclosed.")
        self._check_copy(asked.mode, document_sha256, redactions)
        return self._vault.disclosures.add(Disclosure(
            case_id=asked.case_id, information=asked.information, what=asked.what,
            record_ids=asked.record_ids, mode=asked.mode, extent=asked.extent,
            recipient=asked.recipient, recipient_name=asked.recipient_name,
            health_purpose=asked.health_purpose, basis=DisclosureBasis.LEGAL_RELEASE,
            policy_line=asked.policy_line, legal_review_id=asked.id,
            disclosed_by=self._vault.user, document_sha256=document_sha256,
            redactions=redactions))

    def for_case(self, case_id: str) -> list[Disclosure]:
        """The disclosures logged for the case, newest first."""
        return sorted(self._vault.disclosures.for_case(case_id),
                      key=lambda d: d.disclosed_at, reverse=True)

    # -- the printed roster ----------------------------------------------------------

    def ask_roster_print(self, conference_id: str) -> Answer:
        """A printed roster is a copy of part of the conference summary, in the hands of
        agency staff (the worker printing it, with a business reason to know)."""
        conf = self._conference(conference_id)
        return self.ask(conf.case_id, information=Information.CONFERENCE_SUMMARY,
                        mode=Mode.COPY, extent=Extent.PART, recipient=Recipient.AGENCY_STAFF,
                        recipient_name=self._vault.user)

    def log_roster_print(self, conference_id: str, document_text: str) -> Disclosure:
        """Log the roster about to be printed; `document_text` is the roster's plain text,
        whose SHA-256 is logged. Refused (nothing logged) where the policy says otherwise:
        from a closed or sealed case a roster goes through legal review."""
        conf = self._conference(conference_id)
        answer = self.ask_roster_print(conference_id)
        return self.log(answer, what=f"Sign-in and confidentiality roster, conference "
                                     f"{conf.scheduled_start[:10]}",
                        record_ids=(conf.id,), document_sha256=sha256_of_text(document_text))

    # -- helpers ---------------------------------------------------------------------

    def _case(self, case_id: str) -> Case:
        return self._vault.cases.get(case_id)  # a case this laptop holds, or an error

    def _conference(self, conference_id: str) -> Conference:
        return self._vault.conferences.get(conference_id)

    @staticmethod
    def _check_copy(mode: Mode, document_sha256: str, redactions: int) -> None:
        if mode is Mode.COPY and not document_sha256:
            raise DisclosureNotAllowed("A copy is logged with the SHA-256 of the document "
                                       "that leaves; none was given, so nothing was logged.")
        if mode is not Mode.COPY and (document_sha256 or redactions):
            raise DisclosureNotAllowed("Only a copy has a document and redactions; nothing "
                                       "was logged.")
        if redactions < 0:
            raise DisclosureNotAllowed("The number of redactions cannot be negative.")
