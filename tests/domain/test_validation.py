"""The one definition of a well-formed record: every field of every type is covered, and each
kind of malformed value is refused with the field named."""

from __future__ import annotations

import dataclasses
from dataclasses import replace

import pytest

from safeconf.domain import codec
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.limits import MAX_NOTE_CHARS, MAX_RECORD_BYTES, MAX_SIGNATURE_PNG_BYTES
from safeconf.domain.records import (
    AckMethod,
    Acknowledgment,
    Attendee,
    Case,
    Conference,
    InterviewPermission,
    Language,
    Note,
    NoteSection,
    PermissionGiver,
    PermissionMethod,
    Person,
    PersonKind,
    Presence,
    Relationship,
    Role,
)
from safeconf.domain.validation import FIELDS, FieldError, parse_record, validate

CASE = Case(case_number="V-1", family_name="Valid")
CONF = Conference(case_id=CASE.id, scheduled_start="2026-03-01T10:00:00+00:00")
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 100


def test_every_field_of_every_record_type_has_a_check() -> None:
    meta = {f.name for f in dataclasses.fields(Case)} - set(FIELDS["case"])
    for name, cls in codec.RECORD_TYPES.items():
        own = {f.name for f in dataclasses.fields(cls)} - meta
        assert own == set(FIELDS[name]), name


@pytest.mark.parametrize("value", ["soon", "2026-03-01T10:00:00", "2026-03-01",
                                   "2026-03-01T10:00:00+02:00", "2026-03-01T10:00:00Z",
                                   "2026-02-30T10:00:00+00:00", "2026-03-01 10:00:00+00:00"])
def test_a_start_time_that_is_not_utc_with_its_zone_is_refused(value: str) -> None:
    with pytest.raises(FieldError) as refused:
        validate(replace(CONF, scheduled_start=value))
    assert refused.value.field == "conference.scheduled_start"


def test_the_forms_the_app_writes_are_accepted() -> None:
    validate(replace(CONF, scheduled_start="2026-03-01T10:00:00.123456+00:00"))
    validate(CONF)
    validate(CASE)


@pytest.mark.parametrize(("field", "value"), [
    ("id", "NOT-A-UUID"), ("id", CONF.id.upper()), ("case_id", "abc"), ("version", 0),
    ("location", "x" * 5000), ("facilitator", "tab\there"), ("origin_device", "\x1b[2J"),
], ids=["id-not-uuid", "id-upper-case", "case_id", "version", "location-too-long",
        "facilitator-tab", "origin_device-escape"])  # fixed ids: the same on every xdist worker
def test_malformed_bookkeeping_and_text_fields_are_named(field: str, value: object) -> None:
    with pytest.raises(FieldError) as refused:
        validate(replace(CONF, **{field: value}))
    assert refused.value.field == f"conference.{field}"


def test_a_note_may_hold_line_breaks_but_not_terminal_escapes_or_too_much_text() -> None:
    note = Note(case_id=CASE.id, conference_id=CONF.id, section=NoteSection.GENERAL,
                body="Line one\n\tLine two\r\n\u2028end")
    validate(note)
    with pytest.raises(FieldError, match="U\\+001B"):
        validate(replace(note, body="look \x1b]0;owned\x07"))
    with pytest.raises(InvalidRecord):  # refused already by the record itself
        validate(replace(note, body="x" * (MAX_NOTE_CHARS + 1)))


def test_a_whole_record_over_the_byte_limit_is_refused_even_within_its_field_limits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The largest note the field limits allow (200,000 four-byte characters) fits the record
    # limit; the record limit is the backstop for any type whose fields add up past it.
    note = Note(case_id=CASE.id, conference_id=CONF.id, section=NoteSection.GENERAL,
                body="\U0001F600" * MAX_NOTE_CHARS)
    assert validate(note) is note
    monkeypatch.setattr("safeconf.domain.validation.MAX_RECORD_BYTES", 1000)
    with pytest.raises(FieldError) as refused:
        validate(replace(note, body="x" * 1000))
    assert refused.value.field == "note" and "1,000" in str(refused.value)
    assert MAX_RECORD_BYTES > 4 * MAX_NOTE_CHARS + 4096


def _ack(**changes: object) -> Acknowledgment:
    base = Acknowledgment(case_id=CASE.id, conference_id=CONF.id, attendee_id=CASE.id,
                          statement_id="confidentiality", statement_version=1,
                          statement_sha256="a" * 64, language=Language.ENGLISH,
                          method=AckMethod.DRAWN_SIGNATURE, signature_png=PNG)
    return replace(base, **changes)


def test_a_signature_must_be_a_png_within_the_size_limit() -> None:
    validate(_ack())
    with pytest.raises(FieldError, match="not a PNG"):
        validate(_ack(signature_png=b"GIF89a" + b"\0" * 10))
    with pytest.raises(FieldError, match="too large"):
        validate(_ack(signature_png=PNG + b"\0" * MAX_SIGNATURE_PNG_BYTES))
    with pytest.raises(FieldError) as refused:
        validate(_ack(statement_sha256="A" * 64))
    assert refused.value.field == "acknowledgment.statement_sha256"


def test_outside_data_is_decoded_then_validated() -> None:
    data = codec.to_dict(CONF)
    assert parse_record("conference", data) == CONF
    with pytest.raises(InvalidRecord):
        parse_record("spaceship", data)
    with pytest.raises(FieldError):
        parse_record("conference", {**data, "scheduled_start": "soon"})
    with pytest.raises(InvalidRecord):
        parse_record("conference", {**data, "state": "abandoned"})


def test_a_person_has_a_leaving_time_exactly_when_they_left() -> None:
    base = Attendee(case_id=CASE.id, conference_id=CASE.id, name="Ana", role=Role.PARENT,
                    arrived_at="2026-03-01T10:00:00+00:00")
    validate(replace(base, presence=Presence.LEFT, left_at="2026-03-01T11:00:00+00:00"))
    for bad in (replace(base, presence=Presence.LEFT),
                replace(base, presence=Presence.PRESENT, left_at="2026-03-01T11:00:00+00:00")):
        with pytest.raises(FieldError) as err:
            validate(bad)
        assert err.value.field == "attendee.left_at"


def test_an_interview_names_both_the_youth_and_the_permission() -> None:
    base = Note(case_id=CASE.id, conference_id=CASE.id, section=NoteSection.GENERAL)
    validate(replace(base, interviewed_youth_id=CASE.id, interview_permission_id=CASE.id))
    with pytest.raises(FieldError) as err:
        validate(replace(base, interviewed_youth_id=CASE.id))
    assert err.value.field == "note.interview_permission_id"
    with pytest.raises(FieldError):
        validate(replace(base, health_information="yes"))  # type: ignore[arg-type]


@pytest.mark.parametrize("given_on", ["2026-02-30", "01/03/2026", "2026-03-01T10:00:00+00:00"])
def test_a_permission_is_given_on_a_real_date(given_on: str) -> None:
    permission = InterviewPermission(
        case_id=CASE.id, conference_id=CASE.id, attendee_id=CASE.id,
        given_by=PermissionGiver.PARENT,
        giver_name="Mother", scope="School.", given_on="2026-03-01",
        obtained=PermissionMethod.IN_WRITING)
    validate(permission)
    with pytest.raises(FieldError) as err:
        validate(replace(permission, given_on=given_on))
    assert err.value.field == "interview_permission.given_on"
    with pytest.raises(FieldError):
        validate(replace(permission, scope=" "))


def test_a_relationship_names_both_the_other_person_and_what_they_are_to_them() -> None:
    child = Person(case_id=CASE.id, name="Tobi", kind=PersonKind.CHILD)
    mother = Person(case_id=CASE.id, name="Ada", kind=PersonKind.PARENT,
                    relationship_to=child.id, relationship=Relationship.PARENT_OF)
    assert parse_record("person", codec.to_dict(mother)) == mother
    for bad in (replace(mother, relationship=None), replace(mother, relationship_to=None),
                replace(mother, relationship_to=mother.id)):
        with pytest.raises(FieldError) as err:
            validate(bad)
        assert err.value.field == "person.relationship_to"
    with pytest.raises(FieldError) as err:
        validate(replace(mother, relationship_to="Tobi"))
    assert err.value.field == "person.relationship_to"
    with pytest.raises(InvalidRecord):
        parse_record("person", {**codec.to_dict(mother), "kind": "neighbour"})
