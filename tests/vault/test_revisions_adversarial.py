"""Note revisions against an unlucky user and a hostile source of records: a revision built
on another note's text, a delta that grows a note past its limit, a purge or a conflict
around the lean outbox. Real vaults."""

from __future__ import annotations

import pytest

from safeconf.domain import revisions
from safeconf.domain.errors import DomainError
from safeconf.domain.limits import MAX_NOTE_CHARS
from safeconf.domain.records import Case, Conference, Note, NoteRevision, NoteSection
from safeconf.vault import compaction
from safeconf.vault.outbox import row_type
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.support.rooms import acknowledgment_of, seated
from tests.vault import revision_tamper as tamper
from tests.vault.test_revision_history import alter_revision


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


def _as_legacy(vault, note_id: str) -> None:
    """Back to what a vault wrote before deltas: every revision a whole copy, no hash, and
    its outbox row holding that copy."""
    db = vault._db
    for rev, text in vault.notes.history(note_id):
        alter_revision(vault, rev.id, body=text, base_id=None, delta="", sha256="")
        db.execute(f"UPDATE outbox SET data = ? WHERE {row_type()} = 'note_revision'"
                   " AND record_id = ?", (tamper.revision_data(db, rev.id),
                                          tamper.queued_as(db, rev.id)))


def test_compaction_stopped_after_one_note_finishes_on_the_next_open(
    vault, data_dir, keyring_store,
) -> None:
    conf = _conference(vault)
    notes, texts = [], {}
    for section in (NoteSection.GENERAL, NoteSection.CONCERNS, NoteSection.DECISIONS):
        note, body = _note(vault, conf, section), ""
        for n in range(5):
            body = f"{body} {section.value} {n}".strip()
            note = vault.notes.save_body(note, body, author="w.tester")
        notes.append(note)
    # A revision number saved twice (two laptops, before deltas): both copies kept.
    vault.store.add(NoteRevision(case_id=conf.case_id, note_id=notes[0].id, revision=3,
                                 body="the other laptop's third save", author="w.other"))
    for note in notes:
        texts[note.id] = [text for _rev, text in vault.notes.history(note.id)]
        _as_legacy(vault, note.id)
    db = vault._db
    db.execute("DELETE FROM meta WHERE key = 'revisions_compacted'")
    compaction._compact_note(db, notes[0].id)  # the open that compacted this one stopped
    vault.close()

    reopened = Vault.open(data_dir, PASSPHRASE, keyring_store)
    for note in notes:
        stored = reopened.notes.stored_revisions(note.id)
        assert [r.is_copy for r in stored] == [True] + [False] * (len(texts[note.id]) - 1)
        assert [text for _rev, text in reopened.notes.history(note.id)] == texts[note.id]
    assert all(r.ok for r in reopened.check())
    unsent = reopened._db.rows(f"SELECT data FROM outbox WHERE {row_type()} = 'note_revision'")
    assert unsent and all(data is None for (data,) in unsent)
    assert all(p.data["sha256"] for p in reopened.sync.pending(1000)
               if p.record_type == "note_revision")
    reopened.close()


def _pulled_pair(vault):
    """A note here at revision 1, and HQ's next two revisions of it: 2 (a delta on 1) and
    3 (a delta on 2), as a pull could page them."""
    conf = _conference(vault)
    note = vault.notes.save_body(_note(vault, conf), "one", author="w.tester")
    [first] = vault.notes.stored_revisions(note.id)
    second = NoteRevision(case_id=note.case_id, note_id=note.id, revision=2,
                          base_id=first.id, delta=revisions.make_delta("one", "one two"),
                          sha256=revisions.text_sha256("one two"))
    return note, second


def test_a_pulled_delta_whose_base_comes_in_a_later_page_rebuilds(vault) -> None:
    note, second = _pulled_pair(vault)
    third = NoteRevision(case_id=note.case_id, note_id=note.id, revision=3,
                         base_id=second.id, delta=revisions.make_delta("one two", "one two 3"),
                         sha256=revisions.text_sha256("one two 3"))
    assert vault.sync.apply_page([third], 1).conflicts == 0
    assert vault.sync.apply_page([second], 2).conflicts == 0
    assert [r.body for r in vault.notes.revisions(note.id)] == ["one", "one two", "one two 3"]
    assert all(r.ok for r in vault.check())


def test_a_pulled_delta_that_came_before_its_base_is_checked_when_the_base_lands(
    vault,
) -> None:
    note, second = _pulled_pair(vault)
    broken = NoteRevision(case_id=note.case_id, note_id=note.id, revision=3,
                          base_id=second.id, delta='[99,"x"]',
                          sha256=revisions.text_sha256("x"))
    vault.sync.apply_page([broken], 1)
    vault.sync.apply_page([second], 2)
    assert [c["record_id"] for c in vault.sync.conflicts()] == [broken.id]
    assert [r.body for r in vault.notes.revisions(note.id)] == ["one", "one two"]


def test_saves_after_a_damaged_revision_stay_readable(vault, data_dir, keyring_store) -> None:
    conf = _conference(vault)
    note = _note(vault, conf)
    for body in ("one", "one two", "one two three"):
        note = vault.notes.save_body(note, body, author="w.tester")
    damaged = vault.notes.stored_revisions(note.id)[-1]
    alter_revision(vault, damaged.id, delta='[7," thre"]')  # a byte lost on the disk
    vault.close()
    reopened = Vault.open(data_dir, PASSPHRASE, keyring_store)
    note = reopened.notes.get(note.id)
    for body in ("one two three four", "one two three four five"):
        note = reopened.notes.save_body(note, body, author="w.tester")
    reopened.close()
    again = Vault.open(data_dir, PASSPHRASE, keyring_store)  # nothing remembered from typing
    later = again.notes.stored_revisions(note.id)[-2:]
    assert [again.notes.revision_text(r.id) for r in later] == [
        "one two three four", "one two three four five"]
    again.close()


def test_a_pulled_revision_with_the_id_of_a_record_here_is_kept_aside(vault) -> None:
    """Revisions have a table of their own (vault schema 20), so the one id space of the
    records table no longer refuses a revision that takes a record's id: sync does."""
    note, _second = _pulled_pair(vault)
    taken = NoteRevision(case_id=note.case_id, note_id=note.id, revision=2, base_id=None,
                         body="one two", sha256=revisions.text_sha256("one two"), id=note.id)
    result = vault.sync.apply_page([taken], 1)
    assert (result.inserted, result.conflicts) == (0, 1)
    [conflict] = vault.sync.conflicts()
    assert (conflict["record_id"], conflict["reason"]) == (note.id, "same id, different content")
    assert [r.body for r in vault.notes.revisions(note.id)] == ["one"]


def test_a_pulled_record_with_the_id_of_a_revision_here_is_kept_aside(vault) -> None:
    note, _second = _pulled_pair(vault)
    [first] = vault.notes.stored_revisions(note.id)
    case = Case(id=first.id, case_number="RV-10", family_name="Aspen")
    result = vault.sync.apply_page([case], 1)
    assert (result.inserted, result.conflicts) == (0, 1)
    assert [c["record_id"] for c in vault.sync.conflicts()] == [first.id]
    assert vault.store.get(NoteRevision, first.id) == first
