"""Repositories: records round-trip, revisions are append-only, every write is audited and
queued for sync, search sees only what the user may see."""

from __future__ import annotations

from dataclasses import replace

import pytest

from safeconf.domain.records import (
    AckMethod,
    Acknowledgment,
    Attendee,
    Case,
    Conference,
    Language,
    LossKind,
    LossReport,
    Note,
    NoteRevision,
    NoteSection,
    Role,
)
from safeconf.vault import revision_rows
from safeconf.vault.errors import AppendOnly, RecordNotFound, WriteConflict
from tests.support import consents, disclosures, legal_requests


@pytest.fixture
def conference(vault):
    case = vault.cases.add(Case(case_number="TRN-1", family_name="Okonkwo"))
    return vault.conferences.add(
        Conference(case_id=case.id, scheduled_start="2026-11-25T14:00:00+00:00")
    )


def test_every_record_type_round_trips(vault, conference):
    cid, fid = conference.case_id, conference.id
    attendee = vault.attendees.add(
        Attendee(case_id=cid, conference_id=fid, name="Ada", role=Role.PARENT)
    )
    subpoena = legal_requests.request(cid)
    records = [
        (vault.attendees, attendee),
        (vault.acknowledgments, Acknowledgment(
            case_id=cid, conference_id=fid, attendee_id=attendee.id, statement_id="s",
            statement_version=1, statement_sha256="0" * 64, language=Language.SPANISH,
            method=AckMethod.DRAWN_SIGNATURE, signature_png=b"\x89PNG\r\n\x1a\nxyz")),
        (vault.notes, Note(case_id=cid, conference_id=fid, section=NoteSection.CONCERNS,
                           body="first words")),
        (vault.consents, consents.given(cid)),
        (vault.disclosures, disclosures.disclosure(cid)),
        (vault.legal_reviews, disclosures.review(cid)),
        (vault.legal_requests, subpoena),
        (vault.legal_request_documents, legal_requests.document(subpoena)),
        (vault.loss_reports, LossReport(lost=LossKind.USB_DRIVE, description="left on bus",
                                        happened_at="2026-11-24T18:00:00+00:00",
                                        affected_case_ids=(cid,), reported_by="w.tester")),
    ]
    for repo, record in records:
        stored = repo.add(record) if repo is not vault.attendees else record
        assert repo.get(stored.id) == stored
        assert stored.origin_device == vault.device_id
    assert vault.conferences.get(conference.id) == conference


def test_updates_bump_the_version_and_refuse_stale_copies(vault, conference):
    moved = vault.conferences.update(replace(conference, location="Library room 2"))
    assert moved.version == conference.version + 1
    assert vault.conferences.get(conference.id).location == "Library room 2"
    with pytest.raises(WriteConflict, match="changed elsewhere"):
        vault.conferences.update(replace(conference, location="Stale edit"))
    assert vault.conferences.get(conference.id).location == "Library room 2"


def test_getting_a_record_that_does_not_exist_says_so(vault):
    with pytest.raises(RecordNotFound):
        vault.cases.get("01900000-0000-7000-8000-000000000000")


def test_every_save_of_a_note_keeps_a_revision(vault, conference):
    note = vault.notes.add(Note(case_id=conference.case_id, conference_id=conference.id,
                                section=NoteSection.SAFETY_PLAN, body="v1"))
    for text in ("v2", "v3", "v3", "v4"):
        note = vault.notes.save_body(note, text, author="w.tester")
    revisions = vault.notes.revisions(note.id)
    assert [r.body for r in revisions] == ["v1", "v2", "v3", "v4"]
    assert [r.revision for r in revisions] == [1, 2, 3, 4]
    assert vault.notes.get(note.id).body == "v4"


def test_revisions_and_acknowledgments_cannot_be_changed_or_deleted(vault, conference):
    note = vault.notes.add(Note(case_id=conference.case_id, conference_id=conference.id,
                                section=NoteSection.GENERAL, body="kept forever"))
    revision = vault.notes.revisions(note.id)[0]
    with pytest.raises(AppendOnly):
        vault.store.update(replace(revision, body="rewritten", sha256=""))
    # Not even raw SQL gets past the triggers.
    with pytest.raises(AppendOnly):
        vault._db.execute("UPDATE note_revisions SET body = '' WHERE id = ?",
                          (revision_rows.key(revision.id),))
    with pytest.raises(AppendOnly):
        vault._db.execute("DELETE FROM note_revisions WHERE id = ?",
                          (revision_rows.key(revision.id),))
    with pytest.raises(AppendOnly):
        vault._db.execute("DELETE FROM audit_events")
    assert vault.store.get(NoteRevision, revision.id).body == "kept forever"


def test_every_create_update_view_and_export_is_in_the_audit_chain(vault, conference):
    before = vault.audit.count()
    moved = vault.conferences.update(replace(conference, location="Home visit"))
    vault.open_case(conference.case_id)
    vault.record_export("conference", moved.id, moved.case_id)
    events = vault.audit.events(after_seq=before)
    assert [(e.action, e.record_type) for e in events] == [
        ("update", "conference"), ("view", "case"), ("export", "conference"),
    ]
    assert all(e.actor == "w.tester" and e.device == vault.device_id for e in events)
    assert vault.audit.verify() is None


def test_a_tampered_audit_event_is_found_by_the_check(vault, conference):
    vault.open_case(conference.case_id)
    vault._db.execute("DROP TRIGGER audit_no_update")
    vault._db.execute("UPDATE audit_events SET action = 'nothing' WHERE seq = 2")
    results = {r.name: r for r in vault.check()}
    assert not results["audit chain"].ok
    assert "event 2" in results["audit chain"].detail


def test_every_write_lands_in_the_sync_outbox_in_order(vault, conference):
    rows = vault._db.rows("SELECT seq, record_type, record_id FROM outbox ORDER BY seq")
    assert [r[1] for r in rows] == ["case", "conference"]
    assert [r[0] for r in rows] == [1, 2]


def test_a_failed_write_leaves_no_audit_event_and_no_outbox_entry(vault, conference):
    events, outbox = vault.audit.count(), vault._db.scalar("SELECT count(*) FROM outbox")
    with pytest.raises(WriteConflict):
        vault.conferences.update(replace(conference, version=99))
    assert vault.audit.count() == events
    assert vault._db.scalar("SELECT count(*) FROM outbox") == outbox


def test_a_note_too_large_is_refused_before_it_reaches_the_vault(vault, conference):
    note = vault.notes.add(Note(case_id=conference.case_id, conference_id=conference.id,
                                section=NoteSection.GENERAL))
    with pytest.raises(ValueError, match="too long"):
        vault.notes.save_body(note, "x" * 300_000, author="w.tester")
    assert vault.notes.revisions(note.id) == []


def test_search_finds_notes_and_names_with_context(vault, conference):
    vault.notes.add(Note(case_id=conference.case_id, conference_id=conference.id,
                         section=NoteSection.STRENGTHS,
                         body="Grandmother offered weekend respite care for both children."))
    vault.attendees.add(Attendee(case_id=conference.case_id, conference_id=conference.id,
                                 name="Marisol Peña", role=Role.RELATIVE))
    hits = vault.search("respite")
    assert [h.record_type for h in hits] == ["note"]
    assert "[respite]" in hits[0].snippet
    assert [h.record_type for h in vault.search("pena")] == ["attendee"]  # accents folded
    assert [h.record_type for h in vault.search("okonk")] == ["case"]  # prefix as you type


def test_search_never_shows_sealed_cases_or_cases_outside_the_allowed_set(vault, conference):
    vault.notes.add(Note(case_id=conference.case_id, conference_id=conference.id,
                         section=NoteSection.GENERAL, body="unique marmalade detail"))
    assert len(vault.search("marmalade")) == 1
    assert vault.search("marmalade", visible_cases={"some-other-case"}) == []
    case = vault.cases.get(conference.case_id)
    vault.cases.update(replace(case, sealed=True))
    assert vault.search("marmalade") == []


def test_search_input_is_never_fts_syntax(vault, conference):
    for hostile in ['"', "NEAR(", "a OR b", "*", "col:x", "(", "-", "^x", "' OR 1=1 --"]:
        assert isinstance(vault.search(hostile), list)


def test_the_connection_keeps_temp_data_in_memory_and_overwrites_deleted_content(vault):
    assert vault._db.scalar("PRAGMA temp_store") == 2
    assert vault._db.scalar("PRAGMA secure_delete") == 1
    assert vault._db.scalar("PRAGMA journal_mode") == "wal"


def test_check_reports_a_sound_vault_as_sound(vault, conference):
    results = vault.check()
    assert {r.name for r in results} >= {
        "key file", "page authentication", "database structure", "search index", "schema",
        "audit chain",
    }
    assert all(r.ok for r in results), results


def test_the_conference_listing_reads_a_range_with_its_cases_and_hides_sealed_ones(vault):
    open_case = vault.cases.add(Case(case_number="L-1", family_name="Listed"))
    sealed = vault.cases.add(Case(case_number="L-2", family_name="Hidden", sealed=True))
    early = vault.conferences.add(Conference(case_id=open_case.id,
                                             scheduled_start="2026-11-20T09:00:00+00:00"))
    late = vault.conferences.add(Conference(case_id=open_case.id,
                                            scheduled_start="2026-11-28T09:00:00+00:00"))
    vault.conferences.add(Conference(case_id=sealed.id,
                                     scheduled_start="2026-11-21T09:00:00+00:00"))
    listed = vault.conferences.listing()
    assert [(r.conference_id, r.case_number, r.family_name) for r in listed] == [
        (early.id, "L-1", "Listed"), (late.id, "L-1", "Listed"),
    ]
    assert [r.conference_id for r in vault.conferences.listing("2026-11-25", "2026-12-01")] == [
        late.id
    ]
    assert listed[0].state is early.state and listed[0].kind is early.kind


def test_the_triggers_guard_exactly_the_record_types_the_domain_calls_append_only():
    from safeconf.domain.codec import APPEND_ONLY_TYPES
    from safeconf.vault.migrations import APPEND_ONLY_TYPES as IN_TRIGGERS
    from safeconf.vault.migrations import RETIRED_TYPES

    assert set(IN_TRIGGERS) - set(RETIRED_TYPES) == APPEND_ONLY_TYPES
    assert set(RETIRED_TYPES) <= set(IN_TRIGGERS)


def test_legal_answers_arrive_by_sync_only_and_a_review_finds_its_latest_answer(vault,
                                                                              conference):
    review = vault.legal_reviews.add(disclosures.review(conference.case_id))
    with pytest.raises(AppendOnly, match="written at HQ"):
        vault.legal_review_answers.add(disclosures.answer(review))
    assert vault.legal_review_answers.to(review) is None
    with pytest.raises(AppendOnly):
        vault.store.update(replace(review, question="Changed my mind"))


def test_people_of_a_case_are_stored_linked_changed_but_never_deleted(vault, conference):
    from safeconf.domain.change_rules import RuleBroken
    from safeconf.domain.records import Person, PersonKind, Relationship

    cid = conference.case_id
    child = vault.people.add(Person(case_id=cid, name="Tobi", kind=PersonKind.CLIENT))
    mother = vault.people.add(Person(case_id=cid, name="Ada", kind=PersonKind.PARENT,
                                     relationship_to=child.id,
                                     relationship=Relationship.PARENT_OF))
    attendee = vault.attendees.add(Attendee(case_id=cid, conference_id=conference.id,
                                            name="Ada", role=Role.PARENT, person_id=mother.id))
    assert vault.attendees.get(attendee.id).person_id == mother.id
    assert [p.name for p in vault.people.for_case(cid)] == ["Tobi", "Ada"]
    renamed = vault.people.update(replace(child, name="Tobias"))
    assert vault.people.get(child.id).name == "Tobias" and renamed.version == 2
    with pytest.raises(RuleBroken):
        vault.people.update(replace(renamed, deleted=True))
    with pytest.raises(RuleBroken):  # a relationship to someone not on this case
        vault.people.add(Person(case_id=cid, name="X", kind=PersonKind.RELATIVE,
                                relationship_to="01900000-0000-7000-8000-000000000000",
                                relationship=Relationship.RELATIVE_OF))
