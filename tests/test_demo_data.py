"""The fictional demo data: coverage, consistency with the policy rules, and record integrity."""

from __future__ import annotations

import dataclasses
import re
import struct
import uuid
import zlib
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import TypeVar

import pytest

from safeconf.app.demo import demo_history, demo_records, distinctive_strings, signature_png
from safeconf.app.demo_vault import fill_demo_vault
from safeconf.domain import codec
from safeconf.domain import revisions as revision_forms
from safeconf.domain.consent_reading import RecordedConsent
from safeconf.domain.disclosure_policy import Outcome, Request, decide, recipient_category
from safeconf.domain.disclosure_rules import disclosure_problem
from safeconf.domain.disclosure_terms import Mode, Recipient
from safeconf.domain.ids import parse_utc
from safeconf.domain.records import (
    AckMethod,
    Acknowledgment,
    AgeBand,
    Attendee,
    Case,
    CaseStatus,
    Conference,
    ConferenceState,
    ConferenceType,
    Consent,
    ConsentState,
    Disclosure,
    DisclosureBasis,
    InterviewPermission,
    Language,
    LegalReview,
    LegalReviewAnswer,
    Note,
    NoteRevision,
    NoteSection,
    Person,
    PersonKind,
    Presence,
    RecordMeta,
    Role,
)
from safeconf.domain.statements import current_statements

T = TypeVar("T")
TODAY = date(2026, 3, 10)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def records() -> list[RecordMeta]:
    return demo_records(today=TODAY, device="training-laptop-7")


def of_type(records: list[RecordMeta], kind: type[T]) -> list[T]:
    return [r for r in records if isinstance(r, kind)]


def revision_copies(records: list[RecordMeta]) -> list[NoteRevision]:
    """The demo's revisions, each rebuilt as a whole copy of its text (they come as deltas
    after each note's first, which every one of them must rebuild to exactly)."""
    texts: dict[str, str] = {}
    copies = []
    for rev in of_type(records, NoteRevision):
        text = rev.body if rev.base_id is None else revision_forms.text_of(
            texts[rev.base_id], rev.delta, rev.sha256)
        texts[rev.id] = text
        copies.append(dataclasses.replace(rev, body=text, base_id=None, delta=""))
    return copies


def by_conference(items: list[T]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = defaultdict(list)
    for item in items:
        grouped[item.conference_id].append(item)  # type: ignore[attr-defined]
    return grouped


def local_day(timestamp: str) -> date:
    return parse_utc(timestamp).astimezone().date()


_ABBREVIATION = re.compile(r"\b(Mr|Ms|Mrs|Dr|Sra|Sr|St|vs)\.")
_LIST_NUMBER = re.compile(r"(^|\s)\d+\.\s")


def sentences(text: str) -> list[str]:
    """Sentences of a caseworker note: titles and list numbers do not end one."""
    text = _LIST_NUMBER.sub(r"\1", _ABBREVIATION.sub(r"\1", text))
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", text.strip()) if s]


# --- coverage ------------------------------------------------------------------------------


def test_demo_has_six_cases_and_at_least_ten_conferences(records: list[RecordMeta]) -> None:
    cases = of_type(records, Case)
    assert len(cases) == 6
    assert len(of_type(records, Conference)) >= 10
    assert {c.status for c in cases} == set(CaseStatus)
    assert all(c.case_number.startswith("TRN-") for c in cases)
    assert all(c.assigned_workers for c in cases)


def test_every_conference_state_and_type_appears(records: list[RecordMeta]) -> None:
    conferences = of_type(records, Conference)
    assert {c.state for c in conferences} == set(ConferenceState)
    assert {c.kind for c in conferences} == set(ConferenceType)


def test_every_role_presence_and_age_band_appears(records: list[RecordMeta]) -> None:
    attendees = of_type(records, Attendee)
    assert {a.role for a in attendees} == set(Role)
    assert {a.presence for a in attendees} == set(Presence)
    assert {a.age_band for a in attendees if a.age_band} == set(AgeBand)
    assert all(a.role is Role.YOUTH for a in attendees if a.age_band)


def test_every_method_and_both_languages_are_acknowledged(records: list[RecordMeta]) -> None:
    acks = of_type(records, Acknowledgment)
    assert {a.method for a in acks} == set(AckMethod)
    assert {a.language for a in acks} == set(Language)
    spanish = {a.method for a in acks if a.language is Language.SPANISH}
    assert {AckMethod.DRAWN_SIGNATURE, AckMethod.TYPED_NAME, AckMethod.VERBAL} <= spanish


def test_every_note_section_is_used(records: list[RecordMeta]) -> None:
    assert {n.section for n in of_type(records, Note)} == set(NoteSection)


def test_spanish_readers_have_an_interpreter_unless_the_meeting_is_in_spanish(
    records: list[RecordMeta],
) -> None:
    conferences = {c.id: c for c in of_type(records, Conference)}
    attendees = by_conference(of_type(records, Attendee))
    spanish = [a for a in of_type(records, Attendee) if a.language is Language.SPANISH]
    assert any(a.interpreter for a in spanish)
    for attendee in spanish:
        if conferences[attendee.conference_id].language is not Language.SPANISH:
            assert attendee.interpreter, attendee.name
    for attendee in of_type(records, Attendee):
        if attendee.interpreter:
            interpreters = {
                a.name for a in attendees[attendee.conference_id] if a.role is Role.INTERPRETER
            }
            assert attendee.interpreter in interpreters


def test_attendees_acknowledge_in_the_language_they_read(records: list[RecordMeta]) -> None:
    attendees = {a.id: a for a in of_type(records, Attendee)}
    for ack in of_type(records, Acknowledgment):
        assert ack.language is attendees[ack.attendee_id].language


# --- consistency with the conference rules --------------------------------------------------


def test_every_present_attendee_acknowledged_once_a_conference_is_in_session(
    records: list[RecordMeta],
) -> None:
    acks = {a.attendee_id: a for a in of_type(records, Acknowledgment)}
    attendees = by_conference(of_type(records, Attendee))
    started = {ConferenceState.IN_SESSION, ConferenceState.CONCLUDED, ConferenceState.FINALIZED}
    for conference in of_type(records, Conference):
        for attendee in attendees[conference.id]:
            ack = acks.get(attendee.id)
            if attendee.presence is Presence.EXCLUDED:
                assert ack is not None and ack.refused, attendee.name
            elif attendee.presence in (Presence.PRESENT, Presence.LEFT) and \
                    conference.state in started:
                assert ack is not None and not ack.refused, attendee.name
            elif attendee.presence not in (Presence.PRESENT, Presence.LEFT):
                assert ack is None, attendee.name


def test_refusals_are_recorded_and_the_refuser_is_excluded(records: list[RecordMeta]) -> None:
    attendees = {a.id: a for a in of_type(records, Attendee)}
    refusals = [a for a in of_type(records, Acknowledgment) if a.refused]
    assert refusals
    for refusal in refusals:
        assert attendees[refusal.attendee_id].presence is Presence.EXCLUDED
        assert refusal.attested_by


def test_scheduled_conferences_are_upcoming_with_nobody_arrived(
    records: list[RecordMeta],
) -> None:
    attendees = by_conference(of_type(records, Attendee))
    for conference in of_type(records, Conference):
        if conference.state is ConferenceState.SCHEDULED:
            assert local_day(conference.scheduled_start) > TODAY
            assert {a.presence for a in attendees[conference.id]} == {Presence.EXPECTED}


def test_checking_in_shows_someone_still_to_acknowledge(records: list[RecordMeta]) -> None:
    acks = {a.attendee_id for a in of_type(records, Acknowledgment)}
    attendees = by_conference(of_type(records, Attendee))
    checking_in = [
        c for c in of_type(records, Conference) if c.state is ConferenceState.CHECKING_IN
    ]
    for conference in checking_in:
        present = [a for a in attendees[conference.id] if a.presence is Presence.PRESENT]
        assert any(a.id in acks for a in present)
        assert any(a.id not in acks for a in present)


def test_notes_exist_only_once_a_conference_is_in_session(records: list[RecordMeta]) -> None:
    notes = by_conference(of_type(records, Note))
    for conference in of_type(records, Conference):
        if conference.state in (ConferenceState.SCHEDULED, ConferenceState.CHECKING_IN):
            assert not notes[conference.id]
        else:
            assert len(notes[conference.id]) >= 2


def test_no_note_revision_is_written_while_a_present_attendee_has_not_acknowledged(
    records: list[RecordMeta],
) -> None:
    """The acknowledgment gate (DESIGN §5), including late arrivals, at every revision."""
    notes = {n.id: n for n in of_type(records, Note)}
    acks = {a.attendee_id: parse_utc(a.signed_at) for a in of_type(records, Acknowledgment)}
    attendees = by_conference(of_type(records, Attendee))
    late_arrivals = 0
    for revision in of_type(records, NoteRevision):
        written = parse_utc(revision.created_at)
        conference_id = notes[revision.note_id].conference_id
        in_the_room = 0
        for attendee in attendees[conference_id]:
            if attendee.presence is not Presence.PRESENT:
                continue
            arrived = parse_utc(attendee.arrived_at or "")
            if arrived <= written:
                assert acks[attendee.id] <= written, (attendee.name, revision.revision)
                in_the_room += 1
        # The gate is closed while nobody is checked in.
        assert in_the_room, (conference_id, revision.revision)
    for conference_attendees in attendees.values():
        for attendee in conference_attendees:
            if attendee.arrived_at and attendee.presence is Presence.PRESENT:
                conference = next(
                    c for c in of_type(records, Conference) if c.id == attendee.conference_id
                )
                if parse_utc(attendee.arrived_at) > parse_utc(conference.scheduled_start):
                    late_arrivals += 1
    assert late_arrivals >= 1, "the data should show a late arrival"


def test_acknowledgments_follow_arrival(records: list[RecordMeta]) -> None:
    attendees = {a.id: a for a in of_type(records, Attendee)}
    for ack in of_type(records, Acknowledgment):
        attendee = attendees[ack.attendee_id]
        assert attendee.arrived_at is not None
        assert parse_utc(attendee.arrived_at) <= parse_utc(ack.signed_at)
        assert ack.conference_id == attendee.conference_id


def test_acknowledgments_record_the_current_statement_for_their_language(
    records: list[RecordMeta],
) -> None:
    statements = current_statements()
    for ack in of_type(records, Acknowledgment):
        statement = statements[ack.language]
        assert (ack.statement_id, ack.statement_version, ack.statement_sha256) == (
            statement.id,
            statement.version,
            statement.sha256,
        )


def test_method_specific_fields_are_filled(records: list[RecordMeta]) -> None:
    attendees = {a.id: a for a in of_type(records, Attendee)}
    names_by_conference = {
        cid: {a.name for a in group}
        for cid, group in by_conference(of_type(records, Attendee)).items()
    }
    for ack in of_type(records, Acknowledgment):
        if ack.method is AckMethod.TYPED_NAME:
            assert ack.typed_name == attendees[ack.attendee_id].name
        if ack.method is AckMethod.VERBAL:
            assert ack.attested_by.startswith("w.")
            assert ack.witness in names_by_conference[ack.conference_id]
            assert ack.witness != attendees[ack.attendee_id].name
        assert (ack.signature_png is not None) == (ack.method is AckMethod.DRAWN_SIGNATURE)


def test_notes_have_two_to_four_numbered_revisions_ending_in_the_note_body(
    records: list[RecordMeta],
) -> None:
    revisions: dict[str, list[NoteRevision]] = defaultdict(list)
    for revision in revision_copies(records):
        revisions[revision.note_id].append(revision)
    for note in of_type(records, Note):
        history = revisions[note.id]
        assert 2 <= len(history) <= 4
        assert [r.revision for r in history] == list(range(1, len(history) + 1))
        assert note.body == history[-1].body
        assert note.author == history[-1].author
        assert note.version == len(history)
        assert len({r.body for r in history}) == len(history), "each save changes the text"
        for revision in history:
            assert 2 <= len(sentences(revision.body)) <= 6, revision.body
            assert revision.author.startswith("w.")


def test_revisions_are_written_after_the_start_and_before_finalizing(
    records: list[RecordMeta],
) -> None:
    conferences = {c.id: c for c in of_type(records, Conference)}
    notes = {n.id: n for n in of_type(records, Note)}
    for revision in of_type(records, NoteRevision):
        conference = conferences[notes[revision.note_id].conference_id]
        written = parse_utc(revision.created_at)
        assert written > parse_utc(conference.scheduled_start)
        if conference.state is ConferenceState.FINALIZED:
            assert written < parse_utc(conference.updated_at)


# --- dates ---------------------------------------------------------------------------------


def test_dates_are_relative_to_today(records: list[RecordMeta]) -> None:
    days = {local_day(c.scheduled_start) - TODAY for c in of_type(records, Conference)}
    assert timedelta(0) in days
    assert any(d > timedelta(0) for d in days)
    assert any(timedelta(days=-7) <= d < timedelta(0) for d in days)

    later = demo_records(today=TODAY + timedelta(days=30))
    earlier_starts = [c.scheduled_start for c in of_type(records, Conference)]
    later_starts = [c.scheduled_start for c in of_type(later, Conference)]
    for before, after in zip(earlier_starts, later_starts, strict=True):
        assert local_day(after) - local_day(before) == timedelta(days=30)


def test_today_defaults_to_the_real_today() -> None:
    conferences = of_type(demo_records(), Conference)
    assert date.today() in {local_day(c.scheduled_start) for c in conferences}


def test_timestamps_are_utc_and_ordered(records: list[RecordMeta]) -> None:
    for record in records:
        created, updated = parse_utc(record.created_at), parse_utc(record.updated_at)
        assert created <= updated, record.id
        assert record.created_at.endswith("+00:00")
    midnight = datetime.combine(TODAY, datetime.min.time()).astimezone()
    for case in of_type(records, Case):
        assert parse_utc(case.created_at) < midnight, "cases were opened before today"


# --- record integrity ----------------------------------------------------------------------


def test_records_come_after_the_records_they_refer_to(records: list[RecordMeta]) -> None:
    seen: dict[str, RecordMeta] = {}
    for record in records:
        if isinstance(record, Case):
            assert record.case_id == record.id
        else:
            assert isinstance(seen.get(record.case_id), Case), record
        for field, kind in [
            ("conference_id", Conference),
            ("attendee_id", Attendee),
            ("note_id", Note),
        ]:
            if hasattr(record, field):
                parent = seen.get(getattr(record, field))
                assert isinstance(parent, kind), (type(record).__name__, field)
                assert parent.case_id == record.case_id
        seen[record.id] = record


def test_ids_are_unique_uuids_and_stable_across_loads(records: list[RecordMeta]) -> None:
    ids = [r.id for r in records]
    assert len(set(ids)) == len(ids)
    for record_id in ids:
        assert str(uuid.UUID(record_id)) == record_id
    again = demo_records(today=TODAY - timedelta(days=3), device="another-device")
    assert [r.id for r in again] == ids


def test_every_record_comes_from_the_given_device(records: list[RecordMeta]) -> None:
    assert {r.origin_device for r in records} == {"training-laptop-7"}
    assert {r.origin_device for r in demo_records(today=TODAY)} == {"demo-device"}


def test_every_record_round_trips_through_the_codec(records: list[RecordMeta]) -> None:
    for record in records:
        data = codec.to_dict(record)
        assert codec.from_dict(type(record), data) == record
        assert codec.RECORD_TYPES[codec.type_name(record)] is type(record)


def test_loading_is_deterministic_for_a_given_day(records: list[RecordMeta]) -> None:
    assert demo_records(today=TODAY, device="training-laptop-7") == records


# --- signatures ----------------------------------------------------------------------------


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == PNG_SIGNATURE
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        payload = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(kind + payload) & 0xFFFFFFFF, kind
        chunks.append((kind, payload))
        offset += 12 + length
    return chunks


def test_drawn_signatures_are_valid_pngs(records: list[RecordMeta]) -> None:
    drawn = [a for a in of_type(records, Acknowledgment) if a.signature_png]
    assert len(drawn) >= 5
    for ack in drawn:
        assert ack.signature_png is not None
        chunks = png_chunks(ack.signature_png)
        assert [k for k, _ in chunks] == [b"IHDR", b"IDAT", b"IEND"]
        width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
        assert (width, height, depth, colour, interlace) == (240, 80, 8, 0, 0)
        pixels = zlib.decompress(chunks[1][1])
        assert len(pixels) == height * (width + 1)
        rows = [pixels[r * (width + 1) : (r + 1) * (width + 1)] for r in range(height)]
        assert all(row[0] == 0 for row in rows), "filter type none"
        inked = sum(1 for row in rows for value in row[1:] if value < 0x80)
        assert 0.02 < inked / (width * height) < 0.3, "a visible stroke, not a blot"
        assert len(ack.signature_png) < 8_000


def test_signatures_are_deterministic_per_attendee(records: list[RecordMeta]) -> None:
    drawn = [a for a in of_type(records, Acknowledgment) if a.signature_png]
    assert drawn[0].signature_png == signature_png(drawn[0].attendee_id)
    assert len({a.signature_png for a in drawn}) == len(drawn)


# --- strings for the plaintext-leak scan ----------------------------------------------------


def all_text(records: list[RecordMeta]) -> list[str]:
    """Every text field of every record, a revision's whole text among them."""
    return [
        getattr(record, field.name)
        for record in [*records, *revision_copies(records)]
        for field in dataclasses.fields(record)
        if isinstance(getattr(record, field.name), str)
    ]


def test_distinctive_strings_occur_in_the_data(records: list[RecordMeta]) -> None:
    strings = distinctive_strings()
    assert len(strings) >= 50
    assert len(set(strings)) == len(strings)
    texts = all_text(records)
    for s in strings:
        assert len(s) >= 8
        assert any(s in text for text in texts), s


def test_distinctive_strings_cover_cases_families_and_attendees(
    records: list[RecordMeta],
) -> None:
    strings = set(distinctive_strings())
    for case in of_type(records, Case):
        assert {case.case_number, case.family_name} <= strings
    assert {a.name for a in of_type(records, Attendee)} <= strings


def test_every_note_revision_has_a_distinctive_string_of_its_own(
    records: list[RecordMeta],
) -> None:
    strings = distinctive_strings()
    bodies = [r.body for r in revision_copies(records)]
    for index, body in enumerate(bodies):
        others = bodies[:index] + bodies[index + 1 :]
        own = [s for s in strings if len(s) >= 20 and s in body and not any(s in o for o in others)]
        assert own, body[:60]
        assert all(s.isascii() for s in own), "markers stay ASCII for a byte-level scan"


def test_health_information_is_flagged_where_a_note_holds_it(records: list[RecordMeta]) -> None:
    flagged = [n for n in of_type(records, Note) if n.health_information]
    assert flagged and all("emergency room" in n.body for n in flagged)


def test_an_interview_of_a_child_relies_on_a_permission_filed_before_it(
    records: list[RecordMeta],
) -> None:
    permissions = {p.id: p for p in of_type(records, InterviewPermission)}
    attendees = {a.id: a for a in of_type(records, Attendee)}
    interviews = [n for n in of_type(records, Note) if n.interviewed_youth_id]
    assert interviews and permissions
    order = {r.id: i for i, r in enumerate(records)}
    for note in interviews:
        permission = permissions[note.interview_permission_id or ""]
        assert permission.attendee_id == note.interviewed_youth_id
        assert attendees[permission.attendee_id].role is Role.YOUTH
        assert permission.case_id == note.case_id
        assert order[permission.id] < order[note.id]
        assert permission.given_on <= permission.created_at[:10]


def test_every_case_names_several_people_and_their_attendees_link_to_them() -> None:
    from safeconf.domain.records import Person, PersonKind

    records = demo_records(date(2026, 3, 2))
    people = [r for r in records if isinstance(r, Person)]
    for case in (r for r in records if isinstance(r, Case)):
        own = {p.id: p for p in people if p.case_id == case.id}
        assert len(own) >= 3, case.case_number
        clients = [p for p in own.values() if p.kind is PersonKind.CLIENT]
        assert len(clients) == 1, case.case_number
        for person in own.values():
            assert person.relationship_to in (None, *own), person.name
        family = [r for r in records if isinstance(r, Attendee) and r.case_id == case.id
                  and r.role in (Role.PARENT, Role.LEGAL_GUARDIAN, Role.YOUTH, Role.ATTORNEY)]
        assert family and all(a.person_id in own for a in family), case.case_number
        assert all(own[a.person_id].name == a.name for a in family)


def test_a_demo_consent_signed_by_a_person_of_the_case_names_that_person() -> None:
    from safeconf.domain.records import Consent, Person

    records = demo_records(date(2026, 3, 2))
    people = {(p.case_id, p.name): p.id for p in records if isinstance(p, Person)}
    consents = [c for c in records if isinstance(c, Consent)]
    linked = [c for c in consents if c.person_id is not None]
    assert linked
    for consent in consents:
        assert consent.person_id == people.get((consent.case_id, consent.given_by_name))


# --- disclosures and legal review ------------------------------------------------------------


def _as_of(history: list[RecordMeta], moment: str) -> list[RecordMeta]:
    """Each record as it stood at `moment`: its latest version written by then."""
    latest: dict[str, RecordMeta] = {}
    for record in history:
        if parse_utc(record.updated_at) <= parse_utc(moment):
            latest[record.id] = record
    return list(latest.values())


def _request_for(item: Disclosure | LegalReview, records: list[RecordMeta]) -> tuple[
        Request, list[RecordedConsent]]:
    case = next(r for r in records if isinstance(r, Case) and r.id == item.case_id)
    people = [r for r in records if isinstance(r, Person) and r.case_id == case.id]
    consents = [r for r in records if isinstance(r, Consent) and r.case_id == case.id]
    on_file = [RecordedConsent.of(c, people) for c in consents]
    wanted = item.consent_id if isinstance(item, Disclosure) else None
    used = next((c for c in on_file if c.id == wanted), None)
    # Whose record: the consent's person when one is used, else the case's client.
    whose = used.person_id if used is not None else next(
        p.id for p in people if p.kind is PersonKind.CLIENT)
    on = item.disclosed_at if isinstance(item, Disclosure) else item.requested_at
    return Request(
        case_open=case.status is CaseStatus.OPEN, sealed=case.sealed, person_id=whose,
        information=item.information, mode=item.mode, extent=item.extent,
        recipient=item.recipient, recipient_name=item.recipient_name,
        on=parse_utc(on).date().isoformat(), health_purpose=item.health_purpose), on_file


def test_every_demo_disclosure_passes_the_rule_applied_wherever_it_lands() -> None:
    history = demo_history(today=TODAY)
    made = [r for r in demo_records(today=TODAY) if isinstance(r, Disclosure)]
    for disclosure in made:
        then = _as_of(history, disclosure.disclosed_at)
        case = next(r for r in then if isinstance(r, Case) and r.id == disclosure.case_id)
        people = [r for r in then if isinstance(r, Person) and r.case_id == case.id]
        consents = [r for r in then if isinstance(r, Consent) and r.case_id == case.id]
        answers = [r for r in then if isinstance(r, LegalReviewAnswer)
                   and r.review_id == disclosure.legal_review_id]
        review = next((r for r in then if isinstance(r, LegalReview)
                       and r.id == disclosure.legal_review_id), None)
        answer = max(answers, key=lambda a: a.answered_at, default=None)
        assert disclosure_problem(disclosure, case, people, consents, answer, review) is None, \
            disclosure.what


def test_every_demo_disclosure_is_what_the_policy_engine_allows_on_its_day() -> None:
    history = demo_history(today=TODAY)
    made = [r for r in demo_records(today=TODAY) if isinstance(r, Disclosure)]
    assert len(made) >= 10
    for disclosure in made:
        then = _as_of(history, disclosure.disclosed_at)
        request, on_file = _request_for(disclosure, then)
        decision = decide(request, on_file)
        assert decision.outcome in (Outcome.ALLOWED, Outcome.ALLOWED_BY_CONSENT), \
            (disclosure.what, decision.plain())
        assert decision.basis.key == disclosure.policy_line, disclosure.what
        assert decision.consent_id == disclosure.consent_id
        assert (disclosure.basis is DisclosureBasis.CONSENT) == (
            decision.outcome is Outcome.ALLOWED_BY_CONSENT)
        if disclosure.recipient_person_id is not None:  # their relationship decides
            people = {p.id: p for p in then if isinstance(p, Person)}
            client = next(p for p in people.values()
                          if p.case_id == disclosure.case_id and p.kind is PersonKind.CLIENT)
            assert recipient_category(people[disclosure.recipient_person_id],
                                      client) is disclosure.recipient


def test_the_demo_disclosure_by_consent_stays_covered_but_none_is_allowed_since_revoked(
) -> None:
    (by_consent,) = [r for r in demo_records(today=TODAY) if isinstance(r, Disclosure)
                     and r.basis is DisclosureBasis.CONSENT]
    request, on_file = _request_for(by_consent, demo_records(today=TODAY))
    consent = next(r for r in demo_records(today=TODAY) if r.id == by_consent.consent_id)
    assert isinstance(consent, Consent) and consent.state is ConsentState.REVOKED
    assert parse_utc(by_consent.disclosed_at) < parse_utc(consent.revoked_at or "")
    # Made before the revocation, it is still covered by the consent as it stands now...
    assert decide(request, on_file).consent_id == consent.id
    # ... and from the revocation on the third party needs a consent again.
    since = dataclasses.replace(request, on=TODAY.isoformat())
    assert decide(since, on_file).outcome is Outcome.NEEDS_CONSENT


def test_every_kind_of_demo_disclosure_is_there(records: list[RecordMeta]) -> None:
    made = of_type(records, Disclosure)
    assert {d.mode for d in made} == set(Mode)
    assert {Recipient.PARENT_OR_GUARDIAN, Recipient.ATTORNEY_OR_REPRESENTATIVE,
            Recipient.AGENCY_STAFF} <= {d.recipient for d in made}
    assert all(d.document_sha256 for d in made if d.mode is Mode.COPY)
    open_cases = [c for c in of_type(records, Case) if c.status is CaseStatus.OPEN]
    assert all(len([d for d in made if d.case_id == c.id]) >= 2 for c in open_cases)


def test_the_demo_legal_review_is_pending_and_one_the_engine_sends_to_legal(
        records: list[RecordMeta]) -> None:
    (review,) = of_type(records, LegalReview)
    assert not of_type(records, LegalReviewAnswer)  # only HQ writes an answer
    request, on_file = _request_for(review, records)
    decision = decide(request, on_file)
    assert decision.outcome is Outcome.LEGAL_REVIEW
    assert decision.basis.key == review.policy_line
    assert review.question and review.proposed_redactions


def test_the_demo_vault_stores_the_disclosures_and_the_pending_request(vault) -> None:
    fill_demo_vault(vault)
    made = [d for c in vault.cases.all() for d in vault.disclosures.for_case(c.id)]
    reviews = [r for c in vault.cases.all() for r in vault.legal_reviews.for_case(c.id)]
    assert len(made) == len(of_type(demo_records(), Disclosure))
    assert len(reviews) == 1 and vault.legal_review_answers.to(reviews[0]) is None


def test_every_revision_in_the_demo_vault_rebuilds_exactly(tmp_path, keyring_store, fast_kdf):
    from safeconf.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    vault = Vault.create(tmp_path / "demo", PASSPHRASE, keyring_store, kdf=fast_kdf,
                         user="w.alvarez")
    fill_demo_vault(vault)
    [result] = [r for r in vault.check() if r.name == "note revisions"]
    assert result.ok, result.detail
    stored = vault.store.all(NoteRevision)
    assert sum(not r.is_copy for r in stored) > len(stored) // 2  # kept as deltas
    vault.close()


def test_every_demo_acknowledgment_is_signed_by_the_demo_vaults_own_key(vault) -> None:
    from safeconf.domain.ack_proof import AckStatus, judge
    from safeconf.domain.ack_signature import signature_holds

    fill_demo_vault(vault)
    acks = vault.acknowledgments.all()
    assert len(acks) == len(of_type(demo_records(), Acknowledgment))
    assert acks and all(signature_holds(a) for a in acks)
    assert {a.signer_key for a in acks} == {vault.signing_key.public_key()}
    # Not enrolled: the demo's own signatures, waiting for HQ to certify the key.
    own = vault.signing_key.fingerprint
    assert {judge(a, [], None, own).status for a in acks} == {AckStatus.NOT_YET_CERTIFIED}
