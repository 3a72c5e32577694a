"""HQ's people for notification tests: the real `safeconf.hq.staff` when this tree has it,
otherwise the smallest stand-in with the same two look-ups routing uses (`supervisor_of`,
`with_role`), kept in memory and handed to routing explicitly. Never used by HQ itself."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

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
    active: bool = True


@dataclass
class People:
    db: Database
    staff: Any = None  # the real module, or None: the stand-in below answers
    people: list[Person] = field(default_factory=list)
    supervisors: dict[str, Person] = field(default_factory=dict)
    _admin: str | None = None

    @classmethod
    def for_hq(cls, db: Database) -> People:
        try:
            staff = importlib.import_module("safeconf.hq.staff")
        except ImportError:
            staff = None
        return cls(db, staff)

    @property
    def routing(self) -> People | None:
        """What to pass routing as `people`: None lets it use the real staff module."""
        return None if self.staff is not None else self

    def add(self, name: str, email: str, role: str) -> Person:
        name = sign_in_name(name)
        if self.staff is not None:
            first = role == "administrator" and self._admin is None
            self.staff.add_staff(self.db, name, email, role,
                                 by=None if first else self._administrator())
            if first:
                self._admin = name
        person = Person(name, email, role)
        self.people.append(person)
        return person

    def set_supervisor(self, worker_id: str, person: Person) -> None:
        if self.staff is not None:
            self.staff.set_supervisor(self.db, worker_id, person.name, by=self._administrator())
        self.supervisors[worker_id] = person

    def _administrator(self) -> str:
        """The first administrator the test added, who adds everyone else; HQ's own first
        administrator when the test adds none (made on first need)."""
        if self._admin is None:
            self.staff.add_staff(self.db, ADMIN, "hq.admin@agency.example", "administrator")
            self._admin = ADMIN
        return self._admin

    # The look-ups routing makes (stand-in only).
    def supervisor_of(self, _conn: Any, worker_id: str) -> Person | None:
        return self.supervisors.get(worker_id)

    def with_role(self, _conn: Any, role: str) -> Sequence[Person]:
        return [p for p in self.people if p.role == role and p.active]
