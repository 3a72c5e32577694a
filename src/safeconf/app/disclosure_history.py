"""A case's disclosure history: every disclosure, consent event, legal review request and
answer, and confidentiality acknowledgment of the case, oldest first, read from the vault.

Reads only; nothing is written. Titles and details are plain English words (the screen
translates the titles by `event`); no note text is ever part of an entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from safeconf.app.disclosure_check import Question
from safeconf.domain import consent_lifecycle
from safeconf.domain.disclosure_policy import LINES
from safeconf.domain.disclosure_terms import Extent, Information, Mode, Recipient
from safeconf.domain.records import (
    AckMethod,
    Acknowledgment,
    Attendee,
    Conference,
    Consent,
    ConsentState,
    Disclosure,
    DisclosureBasis,
    LegalReview,
    LegalReviewAnswer,
    NoticeReceipt,
)
from safeconf.vault.vault import Vault

SHORT_DIGEST = 12  # hex characters of a copy's SHA-256 shown: enough to match a file by eye


class HistoryKind(StrEnum):
    """What the history view filters on."""

    DISCLOSURE = "disclosure"
    CONSENT = "consent"
    LEGAL_REVIEW = "legal_review"
    ACKNOWLEDGMENT = "acknowledgment"


class HistoryEvent(StrEnum):
    """What happened; each has one title (`TITLES`), so the screen can translate it."""

    DISCLOSED = "disclosed"
    CONSENT_REQUESTED = "consent_requested"
    CONSENT_GIVEN = "consent_given"
    CONSENT_REFUSED = "consent_refused"
    CONSENT_REVOKED = "consent_revoked"
    CONSENT_EXPIRED = "consent_expired"
    LEGAL_REVIEW_ASKED = "legal_review_asked"
    LEGAL_REVIEW_ANSWERED = "legal_review_answered"
    ACKNOWLEDGED = "acknowledged"
    ACKNOWLEDGMENT_REFUSED = "acknowledgment_refused"
    NOTICE_RECEIVED = "notice_received"


TITLES: dict[HistoryEvent, str] = {
    HistoryEvent.DISCLOSED: "Disclosure made",
    HistoryEvent.CONSENT_REQUESTED: "Consent requested",
    HistoryEvent.CONSENT_GIVEN: "Consent given",
    HistoryEvent.CONSENT_REFUSED: "Consent refused",
    HistoryEvent.CONSENT_REVOKED: "Consent revoked",
    HistoryEvent.CONSENT_EXPIRED: "Consent expired",
    HistoryEvent.LEGAL_REVIEW_ASKED: "Legal review requested",
    HistoryEvent.LEGAL_REVIEW_ANSWERED: "Legal review answered",
    HistoryEvent.ACKNOWLEDGED: "Confidentiality acknowledged",
    HistoryEvent.ACKNOWLEDGMENT_REFUSED: "Confidentiality statement refused",
    HistoryEvent.NOTICE_RECEIVED: "Privacy notice answered",
}

_KIND_OF: dict[HistoryEvent, HistoryKind] = {
    **{e: HistoryKind.CONSENT for e in HistoryEvent if e.value.startswith("consent_")},
    **{e: HistoryKind.LEGAL_REVIEW for e in HistoryEvent if e.value.startswith("legal_")},
    HistoryEvent.DISCLOSED: HistoryKind.DISCLOSURE,
    HistoryEvent.ACKNOWLEDGED: HistoryKind.ACKNOWLEDGMENT,
    HistoryEvent.ACKNOWLEDGMENT_REFUSED: HistoryKind.ACKNOWLEDGMENT,
    HistoryEvent.NOTICE_RECEIVED: HistoryKind.ACKNOWLEDGMENT,
}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime  # aware
    kind: HistoryKind
    title: str
    detail: str
    record_id: str
    event: HistoryEvent


def history(vault: Vault, case_id: str, now: datetime | None = None) -> list[HistoryEntry]:
    """The case's history, oldest first; entries at the same moment keep the order they are
    gathered in (a consent's request before its answer). `now` decides which consents have
    expired (default: the current time)."""
    moment = now or datetime.now(UTC)
    vault.cases.get(case_id)  # an unknown case is an error, not an empty history
    consents = vault.consents.for_case(case_id)
    reviews = vault.legal_reviews.for_case(case_id)
    entries = [
        *_disclosures(vault.disclosures.for_case(case_id), consents, reviews),
        *(e for c in consents for e in _consent(c, moment)),
        *_reviews(vault, reviews),
        *_acknowledgments(vault, case_id),
    ]
    return sorted(entries, key=lambda e: e.at)


def history_document_sections(entries: Iterable[HistoryEntry]) -> list[tuple[str, list[str]]]:
    """The history as a document for the copy flow: one section per entry, its heading the
    moment (UTC, so the copy reads the same wherever it is opened) and the title."""
    return [(f"{e.at.astimezone(UTC):%Y-%m-%d %H:%M} UTC — {e.title}",
             [line for line in e.detail.splitlines() if line])
            for e in entries]


def export_question(case_number: str, worker: str) -> Question:
    """Exporting the history copies case information (who received what, who signed), so
    it is a disclosure: a copy for agency staff with a business reason to know, the worker
    exporting it named as its recipient. Anyone else gets it through "May I share this?"."""
    return Question(case_number=case_number, information=Information.WHOLE_RECORD,
                    mode=Mode.COPY, recipient=Recipient.AGENCY_STAFF, recipient_name=worker,
                    extent=Extent.PART)


def _entry(at: str, event: HistoryEvent, detail: str, record_id: str) -> HistoryEntry:
    return HistoryEntry(_moment(at), _KIND_OF[event], TITLES[event], detail, record_id, event)


def _moment(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _words(value: StrEnum | None) -> str:
    return "" if value is None else value.value.replace("_", " ")


def _disclosures(disclosures: list[Disclosure], consents: list[Consent],
                 reviews: list[LegalReview]) -> list[HistoryEntry]:
    by_id = {c.id: c for c in consents}
    review_ids = {r.id for r in reviews}
    found = []
    for d in disclosures:
        lines = [
            f"{d.what} ({_words(d.information)}), {_words(d.mode)}, {_words(d.extent)}",
            f"To {d.recipient_name} ({_words(d.recipient)}), by {d.disclosed_by}",
            f"Basis: {_basis(d, by_id, review_ids)}",
        ]
        if d.health_purpose is not None:
            lines.append(f"Health information purpose: {_words(d.health_purpose)}")
        if d.document_sha256:
            lines.append(f"Copy SHA-256 {d.document_sha256[:SHORT_DIGEST]}…, "
                         f"{d.redactions} passage(s) redacted")
        found.append(_entry(d.disclosed_at, HistoryEvent.DISCLOSED, "\n".join(lines), d.id))
    return found


def _basis(d: Disclosure, consents: dict[str, Consent], reviews: set[str]) -> str:
    if d.basis is DisclosureBasis.CONSENT:
        consent = consents.get(d.consent_id or "")
        signer = f", given by {consent.given_by_name}" if consent is not None else ""
        return f"consent {d.consent_id}{signer}"
    if d.basis is DisclosureBasis.LEGAL_RELEASE:
        known = "" if d.legal_review_id in reviews else " (request not in this vault)"
        return f"released by legal on request {d.legal_review_id}{known}"
    line = LINES.get(d.policy_line)
    return f"policy: \"{line.text}\"" if line is not None else f"policy line {d.policy_line}"


def _consent(c: Consent, now: datetime) -> list[HistoryEntry]:
    terms = (f"{c.form.value.capitalize()} form about {c.client_name}, "
             f"{c.given_by_name} ({_words(c.given_by_capacity)})\n"
             f"Information: {'; '.join(c.information)}\n"
             f"Recipients: {'; '.join(c.recipients)}\n"
             f"Valid {c.valid_from[:10]} to {c.valid_until[:10]}")
    found = [_entry(c.created_at, HistoryEvent.CONSENT_REQUESTED,
                    f"{terms}\nRequested by {c.requested_by or 'unknown'}", c.id)]
    if c.answered_at is not None:
        given = c.state in (ConsentState.GIVEN, ConsentState.REVOKED)
        found.append(_entry(c.answered_at, HistoryEvent.CONSENT_GIVEN if given
                            else HistoryEvent.CONSENT_REFUSED, terms, c.id))
    if c.revoked_at is not None:
        found.append(_entry(c.revoked_at, HistoryEvent.CONSENT_REVOKED,
                            f"{terms}\nNo disclosure on this consent from now on", c.id))
    if consent_lifecycle.status(c, now) is consent_lifecycle.ConsentStatus.EXPIRED:
        found.append(_entry(c.valid_until, HistoryEvent.CONSENT_EXPIRED, terms, c.id))
    return found


def _reviews(vault: Vault, reviews: list[LegalReview]) -> list[HistoryEntry]:
    found = []
    for r in reviews:
        redactions = "; ".join(r.proposed_redactions) or "none"
        found.append(_entry(r.requested_at, HistoryEvent.LEGAL_REVIEW_ASKED, (
            f"{r.what} ({_words(r.information)}), {_words(r.mode)}, {_words(r.extent)}\n"
            f"To {r.recipient_name} ({_words(r.recipient)}), asked by {r.requested_by}\n"
            f"Question: {r.question}\nProposed redactions: {redactions}"), r.id))
        answer: LegalReviewAnswer | None = vault.legal_review_answers.to(r)
        if answer is not None:
            more = "; ".join(answer.redactions)
            found.append(_entry(answer.answered_at, HistoryEvent.LEGAL_REVIEW_ANSWERED, (
                f"{_words(answer.answer).capitalize()}, by {answer.answered_by}, "
                f"on request {r.id}\nAdvice: {answer.advice}"
                + (f"\nFurther redactions: {more}" if more else "")), answer.id))
    return found


def _acknowledgments(vault: Vault, case_id: str) -> list[HistoryEntry]:
    conferences: dict[str, Conference] = {c.id: c for c in vault.conferences.for_case(case_id)}
    found = []
    for conference in conferences.values():  # these records belong to their conference
        attendees = {a.id: a for a in vault.attendees.for_conference(conference.id)}
        ack: Acknowledgment
        for ack in vault.acknowledgments.for_conference(conference.id):
            refused = ack.method is AckMethod.REFUSED
            found.append(_entry(ack.signed_at, HistoryEvent.ACKNOWLEDGMENT_REFUSED if refused
                                else HistoryEvent.ACKNOWLEDGED, _in_conference(
                attendees.get(ack.attendee_id), conference,
                f"{_words(ack.method)}, statement version {ack.statement_version} "
                f"({ack.language.value})"), ack.id))
        receipt: NoticeReceipt
        for receipt in vault.notice_receipts.for_conference(conference.id):
            found.append(_entry(receipt.recorded_at, HistoryEvent.NOTICE_RECEIVED,
                                _in_conference(
                attendees.get(receipt.attendee_id), conference,
                f"Notice of Privacy Practices {_words(receipt.response)}, version "
                f"{receipt.statement_version} ({receipt.language.value})"), receipt.id))
    return found


def _in_conference(attendee: Attendee | None, conference: Conference, how: str) -> str:
    who = attendee.name if attendee is not None else "an attendee no longer listed"
    return (f"{who}, in the {_words(conference.kind)} of {conference.scheduled_start[:10]}"
            f"\n{how}")
