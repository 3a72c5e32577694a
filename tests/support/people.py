"""HQ's people for notification tests, in HQ's real staff directory (`safeconf.hq.staff`):
the first administrator a test adds (or HQ's own, made on first need) adds the rest."""

from __future__ import annotations

from dataclasses import dataclass, field

from safeconf.hq import staff
from safeconf.hq.db import Database

ADMIN = "hq.admin"


def sign_in_name(name: str) -> str:
    """HQ names people by a sign-in name ("sam.supervisor.4b10e5"), not a display name."""
    return ".".join(name.lower().split())


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    role: str


@dataclass
class People:
    db: Database
    people: list[Person] = field(default_factory=list)
    _admin: str | None = None

    @classmethod
    def for_hq(cls, db: Database) -> People:
        return cls(db)

    @property
    def routing(self) -> None:
        """What the tests hand routing as `people`: None, so it reads HQ's staff directory
        as `safeconf-hq serve` does."""
        return None

    def add(self, name: str, email: str, role: str) -> Person:
        name = sign_in_name(name)
        first = role == "administrator" and self._admin is None
        staff.add_staff(self.db, name, email, role, by=None if first else self._administrator())
        if first:
            self._admin = name
        person = Person(name, email, role)
        self.people.append(person)
        return person

    def set_supervisor(self, worker_id: str, person: Person) -> None:
        staff.set_supervisor(self.db, worker_id, person.name, by=self._administrator())

    def _administrator(self) -> str:
        if self._admin is None:
            staff.add_staff(self.db, ADMIN, "hq.admin@agency.example", "administrator")
            self._admin = ADMIN
        return self._admin
