"""May this be disclosed? Reads the case, its people and its consents from the vault and asks
the domain's disclosure policy; writes nothing (a disclosure made is logged elsewhere)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from safeconf.domain.disclosure_policy import (
    ConsentGiver,
    ConsentOnFile,
    Decision,
    Extent,
    HealthPurpose,
    Information,
    Mode,
    Recipient,
    Request,
    decide,
    recipient_category,
)
from safeconf.domain.records import CaseStatus, Consent, Person, PersonKind
from safeconf.vault.vault import Vault


class DisclosureCheckError(ValueError):
    """The question cannot be asked as put (no such case, person or consent)."""


@dataclass(frozen=True)
class RecordedConsent:
    """A stored consent record read as the policy reads consents.

    The consent record does not yet say who signed in what capacity, nor name the
    information by kind, so this reading is the cautious one: it counts only a consent
    signed by the person themselves (their name as `signed_by`) whose information text
    names a kind of information exactly; anything less does not count (legal review)."""

    id: str
    state: str
    person_id: str
    given_by: str
    information: tuple[str, ...]
    recipients: tuple[str, ...]
    valid_from: str
    valid_until: str
    revoked_at: str | None

    @classmethod
    def of(cls, consent: Consent, people: list[Person]) -> RecordedConsent:
        person = next((p.id for p in people if _fold(p.name) == _fold(consent.client_name)), "")
        signed_by_person = _fold(consent.signed_by) == _fold(consent.client_name)
        kinds = tuple(i.value for i in Information
                      if _fold(consent.information) in (i.value, i.value.replace("_", " ")))
        return cls(
            id=consent.id,
            state="revoked" if consent.revoked_at else "given",
            person_id=person,
            given_by=ConsentGiver.PERSON.value if signed_by_person else "unknown",
            information=kinds,
            recipients=consent.recipients,
            valid_from=consent.valid_from,
            valid_until=consent.valid_until,
            revoked_at=consent.revoked_at,
        )


@dataclass(frozen=True)
class Question:
    case_number: str
    information: Information
    mode: Mode
    recipient: Recipient | None  # None: `to_person` says
    recipient_name: str = ""
    to_person: str = ""  # a person of the case, by name or id
    extent: Extent = Extent.WHOLE
    about: str = ""  # whose record: a person's name or id; empty for the case's client
    consent_id: str | None = None  # only this consent, not every one on file
    on: date | None = None
    health_purpose: HealthPurpose | None = None


@dataclass(frozen=True)
class Answer:
    decision: Decision
    whose: str  # the name of the person the record is about ("" when unknown)

    def plain(self) -> str:
        return self.decision.plain(self.whose)


def check(vault: Vault, question: Question, today: date) -> Answer:
    q = question
    case = next((c for c in vault.cases.all() if c.case_number == q.case_number), None)
    if case is None:
        raise DisclosureCheckError(f"There is no case {q.case_number} in this vault.")
    people = vault.people.for_case(case.id)
    person = _whose(people, q.about)
    whose = next((p.name for p in people if p.id == person), "")
    recipient, recipient_name = q.recipient, q.recipient_name
    if q.to_person:
        receiving = _person(people, q.to_person)
        client = next((p for p in people if p.id == person), None)
        recipient = (recipient_category(receiving, client) if client is not None
                     else Recipient.OTHER_THIRD_PARTY)
        recipient_name = recipient_name or receiving.name
    if recipient is None:
        raise DisclosureCheckError("Say who would receive it: a category or a person.")
    consents: list[ConsentOnFile] = [RecordedConsent.of(c, people)
                                     for c in vault.consents.for_case(case.id)]
    if q.consent_id is not None:
        consents = [c for c in consents if c.id == q.consent_id]
        if not consents:
            raise DisclosureCheckError(f"Case {q.case_number} has no consent {q.consent_id}.")
    request = Request(
        case_open=case.status is CaseStatus.OPEN, sealed=case.sealed, person_id=person,
        information=q.information, mode=q.mode, extent=q.extent, recipient=recipient,
        recipient_name=recipient_name or recipient.value.replace("_", " "),
        on=(q.on or today).isoformat(), health_purpose=q.health_purpose)
    return Answer(decide(request, consents), whose)


def _whose(people: list[Person], about: str) -> str:
    if not about:
        clients = [p for p in people if p.kind is PersonKind.CLIENT]
        return clients[0].id if len(clients) == 1 else ""
    return _person(people, about).id


def _person(people: list[Person], wanted: str) -> Person:
    found = [p for p in people if p.id == wanted or _fold(p.name) == _fold(wanted)]
    if len(found) != 1:
        raise DisclosureCheckError(f"{wanted!r} is not one person of this case.")
    return found[0]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
