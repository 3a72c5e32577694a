"""The conference rules hold in the service itself, not only in the widgets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from safeconf.app.conferences import (
    ConferenceRow,
    ConferenceService,
    Group,
    group_rows,
    load_plan,
)
from safeconf.domain.errors import (
    AlreadyAcknowledged,
    GateClosed,
    NotTheirAcknowledgment,
    ReadOnlyRecord,
)
from safeconf.domain.records import (
    AckMethod,
    AgeBand,
    ConferenceState,
    ConferenceType,
    Language,
    NoteSection,
    Presence,
    Role,
)


def _conference(service: ConferenceService) -> str:
    case = service.create_case("2026-0001", "Nakamura")
    return service.create_conference(case.id, datetime.now(UTC)).id


def test_a_note_is_refused_until_every_present_attendee_acknowledges(
    service: ConferenceService,
) -> None:
    conf = _conference(service)
    a = service.add_attendee(conf, "Emi Nakamura", Role.PARENT)
    b = service.add_attendee(conf, "Luis Nakamura", Role.RELATIVE, language=Language.SPANISH)
    absent = service.add_attendee(conf, "Absent Person", Role.OTHER)
    for person in (a, b):
        service.set_presence(person.id, Presence.PRESENT)
    service.set_presence(absent.id, Presence.ABSENT)
    assert service.conference(conf).state is ConferenceState.CHECKING_IN
    with pytest.raises(GateClosed, match="Emi Nakamura, Luis Nakamura"):
        service.save_note(conf, NoteSection.CONCERNS, "x")
    service.acknowledge(a.id, AckMethod.TYPED_NAME, service.statement_for(a),
                        typed_name="Emi Nakamura")
    # Acknowledging the English text does not count for a Spanish reader.
    service.acknowledge(b.id, AckMethod.VERBAL, service.statements()[Language.ENGLISH],
                        witness="Emi")
    with pytest.raises(GateClosed, match="Luis Nakamura"):
        service.save_note(conf, NoteSection.CONCERNS, "x")
    service.acknowledge(b.id, AckMethod.VERBAL, service.statement_for(b), witness="Emi")
    note = service.save_note(conf, NoteSection.CONCERNS, "first")
    assert service.conference(conf).state is ConferenceState.IN_SESSION
    service.save_note(conf, NoteSection.CONCERNS, "second")
    assert [r.body for r in service.revisions(note.id)] == ["first", "second"]


def test_refusal_is_recorded_and_excludes_the_attendee(service: ConferenceService) -> None:
    conf = _conference(service)
    host = service.add_attendee(conf, "Host", Role.FACILITATOR)
    service.set_presence(host.id, Presence.PRESENT)
    service.acknowledge(host.id, AckMethod.TYPED_NAME, service.statement_for(host),
                        typed_name="Host")
    a = service.add_attendee(conf, "Refuser", Role.RELATIVE)
    service.set_presence(a.id, Presence.PRESENT)
    ack = service.acknowledge(a.id, AckMethod.REFUSED, service.statement_for(a))
    assert ack.refused
    assert service.attendees(conf)[1].presence is Presence.EXCLUDED
    assert service.gate(conf).open


def test_finalized_conference_is_read_only_but_takes_addenda(
    service: ConferenceService,
) -> None:
    conf = _conference(service)
    a = service.add_attendee(conf, "Worker", Role.CASEWORKER)
    service.finalize(conf)
    assert service.conference(conf).state is ConferenceState.FINALIZED
    for attempt in (
        lambda: service.save_note(conf, NoteSection.GENERAL, "late"),
        lambda: service.add_attendee(conf, "New", Role.OTHER),
        lambda: service.set_presence(a.id, Presence.PRESENT),
    ):
        with pytest.raises(ReadOnlyRecord):
            attempt()
    addendum = service.add_addendum(conf, "Correction")
    assert addendum.is_addendum and service.addenda(conf) == [addendum]
    assert service.notes(conf) == {}


def test_arrival_time_is_recorded_once(service: ConferenceService) -> None:
    conf = _conference(service)
    a = service.add_attendee(conf, "Arriving", Role.PARENT)
    first = service.set_presence(a.id, Presence.PRESENT).arrived_at
    assert first
    service.set_presence(a.id, Presence.ABSENT)
    assert service.set_presence(a.id, Presence.PRESENT).arrived_at == first


def test_search_names_the_case(service: ConferenceService) -> None:
    conf = _conference(service)
    service.add_attendee(conf, "Hiroshi Tanabe", Role.RELATIVE)
    hits = service.search("tanab")
    assert hits and hits[0].case_number == "2026-0001"
    assert "[Tanabe]" in hits[0].snippet


def test_rows_group_by_the_users_local_day() -> None:
    today = date(2026, 11, 25)

    def row(day: int, hour: int) -> ConferenceRow:
        start = datetime(2026, 11, day, hour, tzinfo=UTC)
        return ConferenceRow("c", "k", "n", "f", ConferenceType.CHILD_SAFETY_CONFERENCE,
                             ConferenceState.SCHEDULED, start)

    rows = [row(25, 15), row(26, 9), row(24, 9), row(20, 9), row(25, 9), row(30, 9)]
    groups = group_rows(rows, today, lambda m: m)
    assert [r.start.hour for r in groups[Group.TODAY]] == [9, 15]
    assert [r.start.day for r in groups[Group.UPCOMING]] == [26, 30]
    assert [r.start.day for r in groups[Group.RECENT]] == [24, 20]
    # A conference at 23:30 UTC is "today" for a user at UTC-5 the day before.
    late = row(26, 3)
    shifted = group_rows([late], today, lambda m: m - timedelta(hours=5))
    assert shifted[Group.TODAY] == [late]


def test_load_plan_covers_all_time_nearest_first_without_overlap() -> None:
    start = datetime(2026, 11, 25, tzinfo=UTC)
    end = start + timedelta(days=1)
    plan = load_plan(start, end, first_days=7, steps=4)
    upcoming = [(a, b) for g, a, b in plan if g is Group.UPCOMING]
    recent = [(a, b) for g, a, b in plan if g is Group.RECENT]
    assert upcoming[0][0] == end and upcoming[-1][1] is None
    assert recent[0][1] == start and recent[-1][0] is None
    assert all(upcoming[i][1] == upcoming[i + 1][0] for i in range(len(upcoming) - 1))
    assert all(recent[i][0] == recent[i + 1][1] for i in range(len(recent) - 1))
    assert [g for g, _a, _b in plan[:2]] == [Group.UPCOMING, Group.RECENT]


def test_details_can_change_until_the_conference_is_finalized(
    service: ConferenceService,
) -> None:
    from datetime import UTC, datetime

    from safeconf.domain.errors import ReadOnlyRecord
    from safeconf.domain.records import ConferenceType, Language

    conference_id = _conference(service)
    later = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)
    changed = service.update_details(
        conference_id, start=later, location="  Family home  ", facilitator="",
        kind=ConferenceType.TEAM_DECISION_MEETING, language=Language.SPANISH,
    )
    assert changed.scheduled_start.startswith("2026-12-01T15:30")
    assert changed.location == "Family home" and changed.facilitator == service.user
    assert changed.kind is ConferenceType.TEAM_DECISION_MEETING
    service.finalize(conference_id)
    with pytest.raises(ReadOnlyRecord):
        service.update_details(conference_id, start=later, location="x", facilitator="f",
                               kind=changed.kind, language=changed.language)
    assert service.conference(conference_id).location == "Family home"


def test_someone_who_acknowledged_the_statement_cannot_acknowledge_or_refuse_it_again(
    service: ConferenceService,
) -> None:
    conf = _conference(service)
    a = service.add_attendee(conf, "Grace Okafor", Role.PARENT, present=True)
    statement = service.statement_for(a)
    first = service.acknowledge(a.id, AckMethod.TYPED_NAME, statement,
                                typed_name="Grace Okafor")
    for method, kw in ((AckMethod.TYPED_NAME, {"typed_name": "Grace Okafor"}),
                       (AckMethod.VERBAL, {"witness": "Pat Quinn"}),
                       (AckMethod.REFUSED, {})):
        with pytest.raises(AlreadyAcknowledged):
            service.acknowledge(a.id, method, statement, **kw)
    assert service.acknowledgments(conf) == {a.id: first}
    assert service.attendees(conf)[0].presence is Presence.PRESENT


def test_someone_who_refused_may_still_agree_later(service: ConferenceService) -> None:
    conf = _conference(service)
    a = service.add_attendee(conf, "Grace Okafor", Role.PARENT, present=True)
    statement = service.statement_for(a)
    service.acknowledge(a.id, AckMethod.REFUSED, statement)
    service.set_presence(a.id, Presence.PRESENT)
    service.acknowledge(a.id, AckMethod.TYPED_NAME, statement, typed_name="G. Okafor")
    assert service.gate(conf).open


def test_a_typed_name_must_be_the_attendees_own_and_the_facilitator_no_witness(
    service: ConferenceService,
) -> None:
    conf = _conference(service)
    james = service.add_attendee(conf, "James Okafor", Role.PARENT, present=True)
    statement = service.statement_for(james)
    with pytest.raises(NotTheirAcknowledgment) as typed:
        service.acknowledge(james.id, AckMethod.TYPED_NAME, statement, typed_name="Jim")
    assert typed.value.problem == "typed_name_not_theirs"
    # The facilitator is the user here (the default); they attest and cannot also witness.
    for witness in (service.user, service.conference(conf).facilitator, "James Okafor"):
        with pytest.raises(NotTheirAcknowledgment):
            service.acknowledge(james.id, AckMethod.VERBAL, statement, witness=witness)
    assert service.acknowledgments(conf) == {}
    service.acknowledge(james.id, AckMethod.VERBAL, statement, witness="Grace Okafor")
    assert service.gate(conf).open


def test_a_new_conference_expects_the_people_of_the_cases_previous_conference(
    service: ConferenceService,
) -> None:
    case = service.create_case("2026-0417", "Okafor")
    earlier = service.create_conference(case.id, datetime(2026, 5, 4, 10, tzinfo=UTC))
    service.add_attendee(earlier.id, "Old Conference Only", Role.OTHER)
    last = service.create_conference(case.id, datetime(2026, 9, 1, 10, tzinfo=UTC),
                                     seed_attendees=False)
    grandmother = service.add_attendee(
        last.id, "Lucía Ramos", Role.RELATIVE, language=Language.SPANISH,
        interpreter="Ana Torres", present=True)
    service.add_attendee(last.id, "Tunde Okafor", Role.YOUTH, AgeBand.AGE_15_TO_17)
    later = service.create_conference(case.id, datetime(2026, 12, 1, 10, tzinfo=UTC))
    seeded = service.attendees(later.id)
    assert [(a.name, a.role, a.language, a.interpreter, a.age_band) for a in seeded] == [
        ("Lucía Ramos", Role.RELATIVE, Language.SPANISH, "Ana Torres", None),
        ("Tunde Okafor", Role.YOUTH, Language.ENGLISH, "", AgeBand.AGE_15_TO_17),
    ]
    assert all(a.presence is Presence.EXPECTED and a.arrived_at is None for a in seeded)
    assert grandmother.id not in {a.id for a in seeded}
    # A first conference has nobody to expect.
    other = service.create_case("2026-0418", "Brennan")
    first = service.create_conference(other.id, datetime(2026, 12, 1, 10, tzinfo=UTC))
    assert service.attendees(first.id) == []
    assert service.attendees(last.id)[0].name == "Lucía Ramos"  # not seeded on request


def test_someone_added_present_is_checked_in_with_their_arrival_time(
    service: ConferenceService,
) -> None:
    conf = _conference(service)
    walked_in = service.add_attendee(conf, "Pat Quinn", Role.ATTORNEY, present=True)
    assert walked_in.presence is Presence.PRESENT and walked_in.arrived_at
    assert service.conference(conf).state is ConferenceState.CHECKING_IN
    invited = service.add_attendee(conf, "Invited Later", Role.OTHER)
    assert invited.presence is Presence.EXPECTED and invited.arrived_at is None


def test_the_next_conference_expects_an_attendee_as_the_same_person_of_the_case(
    service: ConferenceService,
) -> None:
    from safeconf.domain.records import Person, PersonKind

    case = service.create_case("2026-0419", "Alder")
    mother = service._vault.people.add(Person(case_id=case.id, name="Dana Alder",
                                              kind=PersonKind.PARENT))
    first = service.create_conference(case.id, datetime(2026, 9, 1, 10, tzinfo=UTC))
    dana = service.add_attendee(first.id, "Dana Alder", Role.PARENT)
    service.update_attendee(dana.id, person_id=mother.id)
    later = service.create_conference(case.id, datetime(2026, 12, 1, 10, tzinfo=UTC))
    assert [a.person_id for a in service.attendees(later.id)] == [mother.id]
