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
    ConsentForm,
    ConsentState,
    Disclosure,
    DisclosureBasis,
    LegalAnswer,
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


Arg = str | int | StrEnum


@dataclass(frozen=True)
class Line:
    """One line of an entry's details: an English template with {named} places, and what
    goes in them. An enum value is put in as words (`word`); the screen translates the
    template and the words, so the same line reads in Spanish there."""

    template: str
    args: tuple[tuple[str, Arg], ...] = ()

    def english(self) -> str:
        return self.template.format(**{k: word(v) if isinstance(v, StrEnum) else v
                                       for k, v in self.args})


def _line(template: str, **args: Arg) -> Line:
    return Line(template, tuple(args.items()))


# Every template a detail line uses, so a test can hold the screen's translations to them.
TEMPLATES = (
    "{what} ({information}), {mode}, {extent}",
    "To {name} ({recipient}), by {worker}",
    "Basis: the policy: \"{text}\"",
    "Basis: policy line {key}",
    "Basis: consent {consent}, given by {signer}",
    "Basis: consent {consent}",
    "Basis: released by legal on request {review}",
    "Health information purpose: {purpose}",
    "Copy SHA-256 {digest}…, {count} passage(s) redacted",
    "{form} about {client}, signed by {signer} ({capacity})",
    "Information: {items}",
    "Recipients: {names}",
    "Valid {start} to {end}",
    "Requested by {worker}",
    "No disclosure on this consent from now on",
    "To {name} ({recipient}), asked by {worker}",
    "Question: {question}",
    "Proposed redactions: {passages}",
    "No redactions proposed",
    "{answer}, by {lawyer}, on request {review}",
    "Advice: {advice}",
    "Further redactions: {passages}",
    "{name}, in the {conference} of {day}",
    "{method}, statement version {version} ({language})",
    "Notice of Privacy Practices {response}, version {version} ({language})",
    "An attendee no longer listed, in the {conference} of {day}",
)
# Words that read better than the value with its underscores replaced.
_WORDS: dict[StrEnum, str] = {
    ConsentForm.RELEASE: "Release form",
    ConsentForm.OBTAIN: "Obtain form",
    LegalAnswer.ADVICE: "Advice",
    LegalAnswer.RELEASE_WITH_REDACTIONS: "Release with redactions",
    LegalAnswer.REFUSE: "Refused",
}


def word(value: StrEnum) -> str:
    """An enum value in English words, as details show it."""
    return _WORDS.get(value) or value.value.replace("_", " ")


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime  # aware
    kind: HistoryKind
    title: str  # English; the screen translates it by `event`
    detail: str  # English, one line per `lines` item
    record_id: str
    event: HistoryEvent
    lines: tuple[Line, ...] = ()


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


def history_document_sections(
        entries: Iterable[HistoryEntry]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The history as a document for the copy flow: one section per entry, its heading the
    moment (UTC, so the copy reads the same wherever it is opened) and the title."""
    return tuple((f"{e.at.astimezone(UTC):%Y-%m-%d %H:%M} UTC — {e.title}",
                  tuple(line for line in e.detail.splitlines() if line))
                 for e in entries)


def export_question(case_number: str, worker: str) -> Question:
    """Exporting the history copies case information (who received what, who signed), so
    it is a disclosure: a copy for agency staff with a business reason to know, the worker
    exporting it named as its recipient. Anyone else gets it through "May I share this?"."""
    return Question(case_number=case_number, information=Information.WHOLE_RECORD,
                    mode=Mode.COPY, recipient=Recipient.AGENCY_STAFF, recipient_name=worker,
                    extent=Extent.PART)


def _entry(at: str, event: HistoryEvent, lines: list[Line], record_id: str) -> HistoryEntry:
    return HistoryEntry(_moment(at), _KIND_OF[event], TITLES[event],
                        "\n".join(line.english() for line in lines), record_id, event,
                        tuple(lines))


def _moment(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _disclosures(disclosures: list[Disclosure], consents: list[Consent],
                 reviews: list[LegalReview]) -> list[HistoryEntry]:
    by_id = {c.id: c for c in consents}
    review_ids = {r.id for r in reviews}
    found = []
    for d in disclosures:
        lines = [
            _line(TEMPLATES[0], what=d.what, information=d.information, mode=d.mode,
                  extent=d.extent),
            _line(TEMPLATES[1], name=d.recipient_name, recipient=d.recipient,
                  worker=d.disclosed_by),
            _basis(d, by_id, review_ids),
        ]
        if d.health_purpose is not None:
            lines.append(_line("Health information purpose: {purpose}",
                               purpose=d.health_purpose))
        if d.document_sha256:
            lines.append(_line("Copy SHA-256 {digest}…, {count} passage(s) redacted",
                               digest=d.document_sha256[:SHORT_DIGEST], count=d.redactions))
        found.append(_entry(d.disclosed_at, HistoryEvent.DISCLOSED, lines, d.id))
    return found


def _basis(d: Disclosure, consents: dict[str, Consent], reviews: set[str]) -> Line:
    if d.basis is DisclosureBasis.CONSENT:
        consent = consents.get(d.consent_id or "")
        if consent is None:
            return _line("Basis: consent {consent}", consent=d.consent_id or "")
        return _line("Basis: consent {consent}, given by {signer}", consent=consent.id,
                     signer=consent.given_by_name)
    if d.basis is DisclosureBasis.LEGAL_RELEASE:
        return _line("Basis: released by legal on request {review}",
                     review=d.legal_review_id or "")
    policy = LINES.get(d.policy_line)  # the policy's own words, quoted as written
    return (_line("Basis: the policy: \"{text}\"", text=policy.text) if policy is not None
            else _line("Basis: policy line {key}", key=d.policy_line))


def _consent(c: Consent, now: datetime) -> list[HistoryEntry]:
    terms = [
        _line("{form} about {client}, signed by {signer} ({capacity})", form=c.form,
              client=c.client_name, signer=c.given_by_name, capacity=c.given_by_capacity),
        _line("Information: {items}", items="; ".join(c.information)),
        _line("Recipients: {names}", names="; ".join(c.recipients)),
        _line("Valid {start} to {end}", start=c.valid_from[:10], end=c.valid_until[:10]),
    ]
    asked = [_line("Requested by {worker}", worker=c.requested_by)] if c.requested_by else []
    found = [_entry(c.created_at, HistoryEvent.CONSENT_REQUESTED, [*terms, *asked], c.id)]
    if c.answered_at is not None:
        given = c.state in (ConsentState.GIVEN, ConsentState.REVOKED)
        found.append(_entry(c.answered_at, HistoryEvent.CONSENT_GIVEN if given
                            else HistoryEvent.CONSENT_REFUSED, terms, c.id))
    if c.revoked_at is not None:
        found.append(_entry(c.revoked_at, HistoryEvent.CONSENT_REVOKED, [
            *terms, _line("No disclosure on this consent from now on")], c.id))
    if consent_lifecycle.status(c, now) is consent_lifecycle.ConsentStatus.EXPIRED:
        found.append(_entry(c.valid_until, HistoryEvent.CONSENT_EXPIRED, terms, c.id))
    return found


def _reviews(vault: Vault, reviews: list[LegalReview]) -> list[HistoryEntry]:
    found = []
    for r in reviews:
        passages = (_line("Proposed redactions: {passages}",
                          passages="; ".join(r.proposed_redactions))
                    if r.proposed_redactions else _line("No redactions proposed"))
        found.append(_entry(r.requested_at, HistoryEvent.LEGAL_REVIEW_ASKED, [
            _line(TEMPLATES[0], what=r.what, information=r.information, mode=r.mode,
                  extent=r.extent),
            _line("To {name} ({recipient}), asked by {worker}", name=r.recipient_name,
                  recipient=r.recipient, worker=r.requested_by),
            _line("Question: {question}", question=r.question),
            passages], r.id))
        answer: LegalReviewAnswer | None = vault.legal_review_answers.to(r)
        if answer is not None:
            lines = [_line("{answer}, by {lawyer}, on request {review}", answer=answer.answer,
                           lawyer=answer.answered_by, review=r.id),
                     _line("Advice: {advice}", advice=answer.advice)]
            if answer.redactions:
                lines.append(_line("Further redactions: {passages}",
                                   passages="; ".join(answer.redactions)))
            found.append(_entry(answer.answered_at, HistoryEvent.LEGAL_REVIEW_ANSWERED, lines,
                                answer.id))
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
                                else HistoryEvent.ACKNOWLEDGED, [
                _in_conference(attendees.get(ack.attendee_id), conference),
                _line("{method}, statement version {version} ({language})",
                      method=ack.method, version=ack.statement_version,
                      language=ack.language.value)], ack.id))
        receipt: NoticeReceipt
        for receipt in vault.notice_receipts.for_conference(conference.id):
            found.append(_entry(receipt.recorded_at, HistoryEvent.NOTICE_RECEIVED, [
                _in_conference(attendees.get(receipt.attendee_id), conference),
                _line("Notice of Privacy Practices {response}, version {version} "
                      "({language})", response=receipt.response,
                      version=receipt.statement_version,
                      language=receipt.language.value)], receipt.id))
    return found


def _in_conference(attendee: Attendee | None, conference: Conference) -> Line:
    day = conference.scheduled_start[:10]
    if attendee is None:
        return _line("An attendee no longer listed, in the {conference} of {day}",
                     conference=conference.kind, day=day)
    return _line("{name}, in the {conference} of {day}", name=attendee.name,
                 conference=conference.kind, day=day)
