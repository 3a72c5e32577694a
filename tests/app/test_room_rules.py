"""The rules of the room, held by the service and by the vault beneath it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from safeconf.app.conferences import ConferenceService, NoInterviewPermission
from safeconf.domain import change_rules as rules
from safeconf.domain.change_rules import RuleBroken
from safeconf.domain.errors import GateClosed
from safeconf.domain.records import (
    AckMethod,
    Attendee,
    Note,
    NoteSection,
    PermissionGiver,
    PermissionMethod,
    Presence,
    Role,
)


def _conference(service: ConferenceService) -> str:
    case = service.create_case("2026-0042", "Okonkwo")
    return service.create_conference(case.id, datetime.now(UTC)).id


def _checked_in(service: ConferenceService, conf: str, name: str,
                role: Role = Role.PARENT) -> Attendee:
    person = service.add_attendee(conf, name, role)
    service.set_presence(person.id, Presence.PRESENT)
    service.acknowledge(person.id, AckMethod.TYPED_NAME, service.statement_for(person),
                        typed_name=name)
    return next(a for a in service.attendees(conf) if a.id == person.id)


def test_no_note_is_written_while_nobody_is_checked_in(service: ConferenceService) -> None:
    conf = _conference(service)
    service.add_attendee(conf, "Expected Only", Role.PARENT)
    with pytest.raises(GateClosed, match="Check in at least one attendee"):
        service.save_note(conf, NoteSection.CONCERNS, "said in an empty room")
    assert service.notes(conf) == {}
    _checked_in(service, conf, "Ada")
    assert service.save_note(conf, NoteSection.CONCERNS, "now").body == "now"


def test_an_addendum_is_refused_until_the_conference_is_finalized(
    service: ConferenceService,
) -> None:
    conf = _conference(service)
    _checked_in(service, conf, "Ada")
    with pytest.raises(RuleBroken) as refused:
        service.add_addendum(conf, "Too early.")
    assert refused.value.reason == rules.NOT_FINALIZED
    # The vault refuses it too, whoever writes it.
    record = service.conference(conf)
    with pytest.raises(RuleBroken) as refused:
        service._vault.notes.add(Note(case_id=record.case_id, conference_id=conf,
                                      section=NoteSection.GENERAL, body="Sneaked in.",
                                      is_addendum=True))
    assert refused.value.reason == rules.NOT_FINALIZED
    assert service.addenda(conf) == []
    service.finalize(conf)
    assert service.add_addendum(conf, "Correction.").is_addendum


def test_removing_someone_who_was_in_the_room_records_that_they_left(
    service: ConferenceService,
) -> None:
    conf = _conference(service)
    ada = _checked_in(service, conf, "Ada")
    ben = _checked_in(service, conf, "Ben")
    invited = service.add_attendee(conf, "Invited Only", Role.RELATIVE)

    left = service.remove_attendee(ben.id)
    assert left.presence is Presence.LEFT and left.left_at is not None
    assert left.arrived_at == ben.arrived_at
    service.remove_attendee(invited.id)
    assert {a.name: a.presence for a in service.attendees(conf)} == {
        "Ada": Presence.PRESENT, "Ben": Presence.LEFT}
    # Whoever left no longer holds the gate.
    assert service.gate(conf).open
    # Nobody may make Ben vanish by a tombstone, not even below the service.
    stored = next(a for a in service.attendees(conf) if a.id == ben.id)
    with pytest.raises(RuleBroken) as refused:
        service._vault.attendees.update(replace(stored, deleted=True))
    assert refused.value.reason == rules.NOT_DELETABLE
    # The last one present leaving closes the gate.
    service.remove_attendee(ada.id)
    assert service.gate(conf).nobody_present


def test_someone_expected_again_after_acknowledging_still_only_leaves(
    service: ConferenceService,
) -> None:
    conf = _conference(service)
    _checked_in(service, conf, "Ada")
    cal = _checked_in(service, conf, "Cal")
    service.set_presence(cal.id, Presence.EXPECTED)
    assert service.remove_attendee(cal.id).presence is Presence.LEFT


def _permission(service: ConferenceService, youth: Attendee):  # type: ignore[no-untyped-def]
    return service.record_interview_permission(
        youth.id, PermissionGiver.LEGAL_GUARDIAN, "Grace Okonkwo", "Questions about school",
        date(2026, 11, 30), PermissionMethod.IN_WRITING)


def test_an_interview_of_a_child_is_marked_only_with_a_permission_on_file(
    service: ConferenceService,
) -> None:
    conf = _conference(service)
    _checked_in(service, conf, "Ada")
    youth = service.add_attendee(conf, "Tobi", Role.YOUTH)
    sibling = service.add_attendee(conf, "Ife", Role.YOUTH)
    with pytest.raises(NoInterviewPermission, match="Tobi"):
        service.mark_interview(conf, NoteSection.GENERAL, youth.id)
    assert service.notes(conf) == {}  # nothing of the flag was saved

    permission = _permission(service, youth)
    assert (permission.given_by, permission.given_on) == (PermissionGiver.LEGAL_GUARDIAN,
                                                          "2026-11-30")
    note = service.mark_interview(conf, NoteSection.GENERAL, youth.id)
    assert (note.interviewed_youth_id, note.interview_permission_id) == (youth.id,
                                                                         permission.id)
    # Text saved later keeps the mark.
    assert service.save_note(conf, NoteSection.GENERAL, "Tobi spoke.").interviewed_youth_id
    # The permission for one youth does not cover another.
    with pytest.raises(NoInterviewPermission):
        service.mark_interview(conf, NoteSection.CONCERNS, sibling.id)
    # Below the service, the vault refuses a note that names the wrong youth's permission.
    stored = service.notes(conf)[NoteSection.GENERAL]
    with pytest.raises(RuleBroken) as refused:
        service._vault.notes.update(replace(stored, interviewed_youth_id=sibling.id))
    assert refused.value.reason == rules.NO_INTERVIEW_PERMISSION
    # Unmarking is always allowed.
    assert service.mark_interview(conf, NoteSection.GENERAL, None).interviewed_youth_id is None


def test_a_permission_is_for_a_youth_attendee(service: ConferenceService) -> None:
    conf = _conference(service)
    adult = service.add_attendee(conf, "Grown Up", Role.PARENT)
    with pytest.raises(ValueError, match="not a youth"):
        _permission(service, adult)


def test_a_section_can_be_flagged_as_health_information(service: ConferenceService) -> None:
    conf = _conference(service)
    _checked_in(service, conf, "Ada")
    service.save_note(conf, NoteSection.CONCERNS, "Diagnosis discussed.")
    flagged = service.set_health_information(conf, NoteSection.CONCERNS, True)
    assert flagged.health_information and flagged.body == "Diagnosis discussed."
    assert service.notes(conf)[NoteSection.CONCERNS].health_information
    assert not service.set_health_information(conf, NoteSection.CONCERNS,
                                              False).health_information
