"""The people named in a case and how they are related. The rules (a relationship names both
ends, the other person is of the same case) are the domain's, applied by the vault on every
write and by HQ on every push; this service only shapes the records."""

from __future__ import annotations

from dataclasses import replace

from safeconf.app.session import VaultSession
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.records import Person, PersonKind, Relationship


class PeopleService:
    def __init__(self, session: VaultSession) -> None:
        self._session = session

    def for_case(self, case_id: str) -> list[Person]:
        """The case's people, in the order they were added."""
        return self._session.vault.people.for_case(case_id)

    def get(self, person_id: str) -> Person:
        return self._session.vault.people.get(person_id)

    def add(self, case_id: str, name: str, kind: PersonKind, relationship_to: str | None = None,
            relationship: Relationship | None = None) -> Person:
        vault = self._session.vault
        vault.cases.get(case_id)  # a case this laptop holds
        self._not_a_namesake(case_id, name, None)
        return vault.people.add(Person(case_id=case_id, name=name.strip(), kind=kind,
                                       relationship_to=relationship_to,
                                       relationship=relationship))

    def update(self, person_id: str, name: str, kind: PersonKind,
               relationship_to: str | None = None,
               relationship: Relationship | None = None) -> Person:
        """Replace what the form edits: name, kind and the one relationship."""
        vault = self._session.vault
        person = vault.people.get(person_id)
        self._not_a_namesake(person.case_id, name, person.id)
        return vault.people.update(replace(person, name=name.strip(), kind=kind,
                                           relationship_to=relationship_to,
                                           relationship=relationship))

    def _not_a_namesake(self, case_id: str, name: str, person_id: str | None) -> None:
        # Consents and the disclosure check find a person by name; two people of one case
        # with the same name would make that ambiguous.
        folded = " ".join(name.split()).casefold()
        if folded and any(" ".join(p.name.split()).casefold() == folded and p.id != person_id
                          for p in self.for_case(case_id)):
            raise InvalidRecord(f"{name.strip()} is already a person of this case.")
