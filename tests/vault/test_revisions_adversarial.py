"""Note revisions against an unlucky user and a hostile source of records: a revision built
on another note's text, a delta that grows a note past its limit, a purge or a conflict
around the lean outbox. Real vaults."""

from __future__ import annotations

import pytest

from safeconf.domain import revisions
from safeconf.domain.errors import DomainError
from safeconf.domain.limits import MAX_NOTE_CHARS
from safeconf.domain.records import Case, Conference, Note, NoteRevision, NoteSection
from tests.support.rooms import acknowledgment_of, seated


def _conference(vault):
    case = vault.cases.add(Case(case_number="RV-9", family_name="Alder"))
    return vault.conferences.add(Conference(case_id=case.id,
                                            scheduled_start="2026-11-25T09:00:00+00:00"))


def _note(vault, conf, section=NoteSection.GENERAL):
    return vault.notes.add(Note(case_id=conf.case_id, conference_id=conf.id, section=section))


def test_a_revision_built_on_another_notes_revision_is_refused_even_just_after_it_was_saved(
    vault,
) -> None:
    conf = _conference(vault)
    mine, other = _note(vault, conf), _note(vault, conf, NoteSection.CONCERNS)
    mine = vault.notes.save_body(mine, "the family met on Monday", author="w.tester")
    [theirs] = vault.notes.stored_revisions(mine.id)  # its text is remembered by the save
    stray = NoteRevision(case_id=other.case_id, note_id=other.id, revision=1,
                         base_id=theirs.id, delta=revisions.make_delta(mine.body, "x"),
                         sha256=revisions.text_sha256("x"))
    before = vault.notes.stored_revisions(other.id)
    with pytest.raises(DomainError, match="revision"):
        vault.store.add(stray)
    assert vault.notes.stored_revisions(other.id) == before == []


def test_a_delta_giving_a_text_longer_than_a_note_may_hold_is_refused(vault) -> None:
    conf = _conference(vault)
    note = vault.notes.save_body(_note(vault, conf), "seed", author="w.tester")
    [first] = vault.notes.stored_revisions(note.id)
    grown = "seed" + "y" * MAX_NOTE_CHARS
    forged = NoteRevision(case_id=note.case_id, note_id=note.id, revision=2,
                          base_id=first.id, delta=revisions.make_delta("seed", grown),
                          sha256=revisions.text_sha256(grown))
    with pytest.raises(DomainError, match="revision"):
        vault.store.add(forged)
    assert [r.id for r in vault.notes.stored_revisions(note.id)] == [first.id]


def test_what_was_queued_before_its_case_was_purged_still_goes_to_hq_with_its_content(
    vault,
) -> None:
    """HQ keeps a change to a case it withdrew for review; the laptop must still send it.
    An append-only record's outbox row reads the record at push time, so a purge between
    the save and the push would turn a signed acknowledgment or a revision into a marker
    that carries nothing, and the change would exist nowhere."""
    conf = _conference(vault)
    person, _ = seated(conf)
    person = vault.attendees.add(person)
    ack = vault.acknowledgments.add(acknowledgment_of(person))
    note = vault.notes.save_body(_note(vault, conf), "said before the case was sealed",
                                 author="w.tester")
    [revision] = vault.notes.stored_revisions(note.id)
    queued = {p.seq: p.data for p in vault.sync.pending(1000)}
    vault.sync.apply_page([], 1, purge_case_ids=[conf.case_id])
    assert vault._db.scalar("SELECT count(*) FROM records WHERE case_id = ?",
                            (conf.case_id,)) == 0
    after = {p.seq: p.data for p in vault.sync.pending(1000)}
    assert after == queued
    sent = {p["id"] for p in after.values() if p is not None}
    assert {ack.id, revision.id, note.id} <= sent


def test_the_lazy_search_index_forgets_a_purged_note_even_when_its_row_number_is_reused(
    vault,
) -> None:
    conf = _conference(vault)
    note = vault.notes.save_body(_note(vault, conf), "the grandmother's garden plan",
                                 author="w.tester")
    assert [h.record_id for h in vault.search("garden")] == [note.id]
    vault.notes.save_body(note, "the grandmother's orchard plan", author="w.tester")
    vault.sync.apply_page([], 1, purge_case_ids=[conf.case_id])  # before anyone searched
    # A record written next may take the purged note's row number.
    other = Case(case_number="RV-10", family_name="Orchard")
    vault.cases.add(other)
    assert vault.search("garden") == []
    assert [h.record_id for h in vault.search("orchard")] == [other.id]
    assert all(r.ok for r in vault.check())
