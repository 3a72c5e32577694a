"""May this be disclosed? Reads the case, its people and its consents from the vault and asks
the domain's disclosure policy; writes nothing (a disclosure made is logged elsewhere)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

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
from safeconf.domain.records import (
    CaseStatus,
    Consent,
    ConsentForm,
    Person,
    PersonKind,
    SignerCapacity,
)
from safeconf.vault.vault import Vault


class DisclosureCheckError(ValueError):
    """The question cannot be asked as put (no such case, person or consent)."""


# §17a-28's "person" includes the parent of a minor: a parent or legal guardian signing for a
# child signs as the child's representative.
_GIVER_OF_CAPACITY = {
    SignerCapacity.SELF: ConsentGiver.PERSON,
    SignerCapacity.ATTORNEY: ConsentGiver.ATTORNEY,
    SignerCapacity.AUTHORIZED_REPRESENTATIVE: ConsentGiver.AUTHORIZED_REPRESENTATIVE,
    SignerCapacity.PARENT: ConsentGiver.AUTHORIZED_REPRESENTATIVE,
    SignerCapacity.LEGAL_GUARDIAN: ConsentGiver.AUTHORIZED_REPRESENTATIVE,
}


@dataclass(frozen=True)
class RecordedConsent:
    """A stored consent record read as the disclosure policy reads consents (`ConsentOnFile`).

    Cautious where the record is less exact than the policy: only the release form counts
    (the obtain form lets records come to the agency, never go out); its information items
    count only where one names a kind of information exactly ("conference summary"); and
    the days it covers are the days it is valid from start to end (a consent ending at noon
    does not cover that day)."""

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
        whose = next((p.id for p in people if _fold(p.name) == _fold(consent.client_name)), "")
        named = {_fold(item) for item in consent.information}
        kinds = tuple(i.value for i in Information
                      if i.value in named or i.value.replace("_", " ") in named)
        released = consent.form is ConsentForm.RELEASE and not consent.deleted
        return cls(
            id=consent.id,
            state=consent.state.value if released else "not_a_release",
            person_id=whose,
            given_by=_GIVER_OF_CAPACITY[consent.given_by_capacity].value,
            information=kinds,
            recipients=consent.recipients,
            valid_from=_first_whole_day(consent.valid_from),
            valid_until=_last_whole_day(consent.valid_until),
            revoked_at=consent.revoked_at,
        )


def _first_whole_day(moment: str) -> str:
    start = datetime.fromisoformat(moment)
    day = start.date()
    return (day if start.timetz().replace(tzinfo=None) == time() else
            day + timedelta(days=1)).isoformat()


def _last_whole_day(moment: str) -> str:
    end = datetime.fromisoformat(moment)  # the first moment it no longer holds
    return (end.date() - timedelta(days=1)).isoformat()


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
    found = [p for p in people if p.id == wanted or _fold(p.name) == _fold(wanted)]
    if len(found) != 1:
        raise DisclosureCheckError(f"{wanted!r} is not one person of this case.")
    return found[0]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
