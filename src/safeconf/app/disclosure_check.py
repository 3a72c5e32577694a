"""May this be disclosed? Reads the case, its people and its consents from the vault and asks
the domain's disclosure policy; writes nothing (a disclosure made is logged elsewhere)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from safeconf.domain.consent_reading import RecordedConsent, fold
from safeconf.domain.disclosure_policy import (
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
from safeconf.domain.records import CaseStatus, Person, PersonKind
from safeconf.vault.vault import Vault

__all__ = ["Answer", "DisclosureCheckError", "Question", "RecordedConsent", "check"]


class DisclosureCheckError(ValueError):
    """The question cannot be asked as put (no such case, person or consent)."""


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
    # What was asked and how the engine saw it, so a disclosure can be logged from the
    # answer, and asked again at the moment of logging.
    question: Question | None = None
    case_id: str = ""
    request: Request | None = None
    recipient_person_id: str | None = None  # the person of the case receiving it

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
    receiving: Person | None = None
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
    return Answer(decide(request, consents), whose, q, case.id, request,
                  receiving.id if receiving is not None else None)


def _whose(people: list[Person], about: str) -> str:
    if not about:
        clients = [p for p in people if p.kind is PersonKind.CLIENT]
        return clients[0].id if len(clients) == 1 else ""
    return _person(people, about).id


def _person(people: list[Person], wanted: str) -> Person:
    found = [p for p in people if p.id == wanted or fold(p.name) == fold(wanted)]
    if len(found) != 1:
        raise DisclosureCheckError(f"{wanted!r} is not one person of this case.")
    return found[0]

