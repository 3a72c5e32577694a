"""A room for notes: a present attendee who acknowledged the statement in force, since the
gate is closed while nobody is checked in."""

from __future__ import annotations

from safeconf.domain.records import AckMethod, Acknowledgment, Attendee, Conference, Presence, Role
from safeconf.domain.statements import current_statements


def acknowledgment_of(attendee: Attendee) -> Acknowledgment:
    statement = current_statements()[attendee.language]
    return Acknowledgment(case_id=attendee.case_id, conference_id=attendee.conference_id,
                          attendee_id=attendee.id, statement_id=statement.id,
                          statement_version=statement.version,
                          statement_sha256=statement.sha256, language=statement.language,
                          method=AckMethod.TYPED_NAME, typed_name=attendee.name)


def seated(conf: Conference, name: str = "Facilitator") -> tuple[Attendee, Acknowledgment]:
    """Someone checked in to `conf`, and their acknowledgment."""
    person = Attendee(case_id=conf.case_id, conference_id=conf.id, name=name,
                      role=Role.FACILITATOR, presence=Presence.PRESENT,
                      arrived_at=conf.scheduled_start)
    return person, acknowledgment_of(person)
