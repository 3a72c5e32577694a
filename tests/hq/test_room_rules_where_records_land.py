"""The rules of the room hold where records land: HQ's push from an enrolled device that
writes by hand what the app never would, a laptop's apply of what HQ sends, and two real
laptops of one worker (SQLite and PostgreSQL, as the shared HQ runs them)."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

from hq_harness import HQ
from sqlalchemy import select

from safeconf.domain import change_rules as rules
from safeconf.domain.records import (
    AckMethod,
    Attendee,
    Conference,
    ConferenceState,
    InterviewPermission,
    Note,
    NoteSection,
    PermissionGiver,
    PermissionMethod,
    Presence,
    Role,
)
from safeconf.hq import clock, schema
from safeconf.hq.sync.changelog import put_hq_record
from safeconf.sync import HQClient, OutboxItem
from tests.hq import test_rules_where_records_land as landing
from tests.hq.test_push_pull import conference, pull_all
from tests.support.rooms import seated

# The landing tests' fixture: a hostile device of a worker (real laptops: tests/hq/conftest).
hostile = landing.hostile


def _in_session(case_id: str) -> Conference:
    return dataclasses.replace(conference(case_id), state=ConferenceState.IN_SESSION)


def _push(client: HQClient, *records: object, first_seq: int = 1) -> list[tuple[int, str]]:
    result = client.push(str(uuid.uuid4()), [OutboxItem.of(first_seq + n, r)
                                             for n, r in enumerate(records)])
    return [(c.seq, c.reason) for c in result.conflicts]


def _permission(youth: Attendee, **changes: object) -> InterviewPermission:
    given = InterviewPermission(
        case_id=youth.case_id, conference_id=youth.conference_id, attendee_id=youth.id,
        given_by=PermissionGiver.PARENT, giver_name="Dana Alder", scope="School and home.",
        given_on="2026-11-30", obtained=PermissionMethod.IN_PERSON)
    return dataclasses.replace(given, **changes)  # type: ignore[arg-type]


def test_hq_refuses_a_note_written_while_nobody_was_checked_in(hostile) -> None:
    _hq, case_id, device, honest, _enrolled = hostile
    conf = _in_session(case_id)
    invited = Attendee(case_id=case_id, conference_id=conf.id, name="Only Invited",
                       role=Role.PARENT)
    empty_room = Note(case_id=case_id, conference_id=conf.id, section=NoteSection.CONCERNS,
                      body="Written in an empty room.")
    assert _push(device, conf, invited, empty_room) == [(3, rules.GATE_CLOSED)]
    assert empty_room.id not in {i.record.id for i in pull_all(honest)[0]}


def test_hq_refuses_an_addendum_to_a_conference_not_yet_finalized(hostile) -> None:
    _hq, case_id, device, honest, _enrolled = hostile
    conf = _in_session(case_id)
    person, ack = seated(conf)
    early = Note(case_id=case_id, conference_id=conf.id, section=NoteSection.GENERAL,
                 body="An addendum before the end.", is_addendum=True)
    assert _push(device, conf, person, ack, early) == [(4, rules.NOT_FINALIZED)]
    assert early.id not in {i.record.id for i in pull_all(honest)[0]}


def test_hq_keeps_who_left_and_refuses_to_make_them_vanish(hostile) -> None:
    _hq, case_id, device, honest, _enrolled = hostile
    conf = _in_session(case_id)
    person, ack = seated(conf)
    assert _push(device, conf, person, ack) == []
    left = dataclasses.replace(person, presence=Presence.LEFT, version=2,
                               left_at="2026-11-30T11:05:00+00:00")
    gone = dataclasses.replace(left, deleted=True, version=3)
    result = device.push(str(uuid.uuid4()), [OutboxItem.of(4, left, base_version=1),
                                             OutboxItem.of(5, gone, base_version=2)])
    assert [(c.seq, c.reason) for c in result.conflicts] == [(5, rules.NOT_DELETABLE)]
    seen = {i.record.id: i.record for i in pull_all(honest)[0]}
    assert seen[person.id] == left


def test_hq_takes_an_interview_of_a_child_only_with_that_youths_permission(hostile) -> None:
    _hq, case_id, device, honest, _enrolled = hostile
    conf = _in_session(case_id)
    person, ack = seated(conf)
    youth = Attendee(case_id=case_id, conference_id=conf.id, name="Kit Alder",
                     role=Role.YOUTH)
    sibling = Attendee(case_id=case_id, conference_id=conf.id, name="Lou Alder",
                       role=Role.YOUTH)
    for_sibling = _permission(sibling)
    unfiled = Note(case_id=case_id, conference_id=conf.id, section=NoteSection.CONCERNS,
                   body="Kit talked about school.", interviewed_youth_id=youth.id,
                   interview_permission_id=str(uuid.uuid4()))
    borrowed = dataclasses.replace(unfiled, id=str(uuid.uuid4()),
                                   section=NoteSection.STRENGTHS,
                                   interview_permission_id=for_sibling.id)
    for_kit = _permission(youth)
    allowed = dataclasses.replace(unfiled, id=str(uuid.uuid4()), section=NoteSection.GENERAL,
                                  interview_permission_id=for_kit.id)
    refused = _push(device, conf, person, ack, youth, sibling, for_sibling, unfiled, borrowed,
                    for_kit, allowed)
    assert refused == [(7, rules.NO_INTERVIEW_PERMISSION), (8, rules.NO_INTERVIEW_PERMISSION)]
    seen = {i.record.id: i.record for i in pull_all(honest)[0]}
    assert seen[allowed.id] == allowed and seen[for_kit.id] == for_kit
    assert unfiled.id not in seen and borrowed.id not in seen


def test_a_laptop_keeps_aside_an_interview_hq_sent_with_another_youths_permission(
    shared_hq: HQ, laptops,
) -> None:
    one, two, conf_id = landing._two_laptops_in_a_room(shared_hq, laptops)
    service = one.service
    youth = service.add_attendee(conf_id, "Kit Alder", Role.YOUTH)
    sibling = service.add_attendee(conf_id, "Lou Alder", Role.YOUTH)
    service.record_interview_permission(sibling.id, PermissionGiver.PARENT, "Dana Alder",
                                        "School.", date(2026, 11, 30),
                                        PermissionMethod.BY_PHONE)
    one.sync()
    two.sync()
    for_sibling = two.service.permission_for(sibling.id)
    assert for_sibling is not None
    # A misbehaving HQ sends a note that relies on the sibling's permission for Kit.
    case_id = two.service.conference(conf_id).case_id
    bad = Note(case_id=case_id, conference_id=conf_id, section=NoteSection.NEXT_STEPS,
               body="Kit talked.", interviewed_youth_id=youth.id,
               interview_permission_id=for_sibling.id)
    with shared_hq.db.write() as conn:
        put_hq_record(conn, bad, clock.iso(clock.now()))
    two.sync()
    assert NoteSection.NEXT_STEPS not in two.service.notes(conf_id)
    assert any(c["record_id"] == bad.id for c in two.vault.sync.conflicts())


def test_a_permission_an_interview_left_and_health_flag_reach_hq_and_the_other_laptop(
    shared_hq: HQ, laptops,
) -> None:
    one, two, conf_id = landing._two_laptops_in_a_room(shared_hq, laptops)
    service = one.service
    youth = service.add_attendee(conf_id, "Kit Alder", Role.YOUTH)
    aunt = service.add_attendee(conf_id, "Robin Alder", Role.RELATIVE)
    service.set_presence(aunt.id, Presence.PRESENT)
    service.acknowledge(aunt.id, *_typed(service, aunt))
    given = service.record_interview_permission(
        youth.id, PermissionGiver.COURT_ORDER, "Judge M. Ortiz", "Any matter of the case.",
        date(2026, 11, 28), PermissionMethod.COURT_ORDER_DOCUMENT)
    service.mark_interview(conf_id, NoteSection.CONCERNS, youth.id)
    service.save_note(conf_id, NoteSection.CONCERNS, "Kit said the nights are quiet now.")
    service.set_health_information(conf_id, NoteSection.CONCERNS, True)
    left = service.remove_attendee(aunt.id)
    assert one.sync().push_conflicts == 0

    with shared_hq.db.read() as conn:
        types = dict(conn.execute(select(schema.records.c.id, schema.records.c.type)
                                  .where(schema.records.c.id.in_([given.id, left.id]))).all())
    assert types == {given.id: "interview_permission", left.id: "attendee"}

    two.sync()
    note = two.service.notes(conf_id)[NoteSection.CONCERNS]
    assert (note.interviewed_youth_id, note.interview_permission_id) == (youth.id, given.id)
    assert note.health_information
    assert two.service.permission_for(youth.id) == given
    theirs = next(a for a in two.service.attendees(conf_id) if a.id == aunt.id)
    assert theirs.presence is Presence.LEFT and theirs.left_at == left.left_at


def _typed(service, attendee):  # type: ignore[no-untyped-def]
    return AckMethod.TYPED_NAME, service.statement_for(attendee), attendee.name


def test_a_laptop_keeps_someone_who_was_in_the_room_even_if_hq_sends_a_tombstone(
    shared_hq: HQ, laptops,
) -> None:
    _one, two, conf_id = landing._two_laptops_in_a_room(shared_hq, laptops)
    mother = next(a for a in two.service.attendees(conf_id) if a.name == "Dana Alder")
    # A misbehaving HQ sends her as deleted.
    gone = dataclasses.replace(mother, deleted=True, version=mother.version + 1)
    with shared_hq.db.write() as conn:
        put_hq_record(conn, gone, clock.iso(clock.now()))
    two.sync()
    assert [a.id for a in two.service.attendees(conf_id)] == [mother.id]
    assert any(c["record_id"] == mother.id for c in two.vault.sync.conflicts())
