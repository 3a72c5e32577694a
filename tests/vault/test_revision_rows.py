"""A note revision's row keeps in its JSON only what its columns do not (vault migration 15):
every reader, the push included, still gets the whole record, exactly as it was made."""

from __future__ import annotations

import json
from dataclasses import replace

from safeconf.domain import codec
from safeconf.domain.records import Case, Conference, Note, NoteRevision, NoteSection
from safeconf.vault.records import stored_row
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.vault.old_schema import (
    restore_audit_words,
    restore_records_data,
    restore_superseded_mark,
)

HELD_BY_COLUMNS = {"id", "case_id", "note_id", "version", "deleted", "updated_at",
                   "created_at", "sha256", "origin_device", "base_id"}


def typed_note(vault: Vault, saves: int) -> Note:
    case = vault.cases.add(Case(case_number="RR-1", family_name="Rowan"))
    conf = vault.conferences.add(Conference(case_id=case.id,
                                            scheduled_start="2026-11-25T09:00:00+00:00"))
    note = vault.notes.add(Note(case_id=case.id, conference_id=conf.id,
                                section=NoteSection.GENERAL))
    for n in range(saves):
        note = vault.notes.save_body(note, f"{note.body} Sentence {n}.".strip(), "w.tester")
    return note


def every_record(vault: Vault) -> dict[str, dict]:
    return {rid: json.loads(data) for rid, data in vault._db.rows(
        "SELECT id, data FROM records")}


def test_a_new_revision_keeps_only_its_own_fields_and_reads_back_whole(vault):
    note = typed_note(vault, 3)
    for revision in vault.notes.stored_revisions(note.id):
        stored = json.loads(vault._db.scalar("SELECT stored FROM records WHERE id = ?",
                                             (revision.id,)))
        assert not HELD_BY_COLUMNS & set(stored)
        # Its number is its sort key's, a delta's empty body is no text (migration 18).
        assert "author" in stored and "revision" not in stored
        assert ("body" in stored) == revision.is_copy
        packed = vault._db.row("SELECT packed_sha256, packed_origin_device, packed_base_id"
                               " FROM records WHERE id = ?", (revision.id,))
        assert packed[0].hex() == revision.sha256 and len(packed[1]) == 16
        assert (packed[2] is None) == revision.is_copy
        data = json.loads(vault._db.scalar("SELECT data FROM records WHERE id = ?",
                                           (revision.id,)))
        assert data == codec.to_dict(revision)
        assert revision.created_at == revision.updated_at
        assert vault.store.get(NoteRevision, revision.id) == revision
    # The note itself, and every other record, keeps its whole JSON.
    assert vault._db.scalar("SELECT stored = data FROM records WHERE id = ?", (note.id,)) == 1


def test_the_push_sends_each_revision_whole(vault):
    note = typed_note(vault, 2)
    revisions = {r.id: r for r in vault.notes.stored_revisions(note.id)}
    sent = {p.data["id"]: p.data for p in vault.sync.pending(100)
            if p.record_type == "note_revision"}
    assert sent == {rid: codec.to_dict(r) for rid, r in revisions.items()}


def test_a_field_that_differs_from_its_column_or_does_not_pack_is_kept_as_it_is():
    revision = NoteRevision(case_id="c", note_id="n", revision=1, body="text",
                            created_at="2026-01-01T00:00:00.000000+00:00",
                            updated_at="2026-01-02T00:00:00.000000+00:00",
                            origin_device="0190d1c2-7a00-7000-8000-000000000001")
    data = {**codec.to_dict(revision), "version": "1"}  # not the column's number
    row = stored_row("note_revision", revision, json.dumps(data))
    stored = json.loads(row.json)
    assert stored["created_at"] == revision.created_at and stored["version"] == "1"
    assert "updated_at" not in stored and "id" not in stored
    # A copy written before hashes has none to pack: its device and base stay text too.
    assert (stored["sha256"], stored["origin_device"], stored["base_id"]) == (
        "", revision.origin_device, None)
    assert (row.sha256, row.origin_device, row.base_id) == (None, None, None)
    assert stored_row("note", revision, json.dumps(data)).json == json.dumps(data)


def test_a_revision_with_a_device_of_another_form_reads_back_exactly(vault):
    note = typed_note(vault, 1)
    [first] = vault.notes.stored_revisions(note.id)
    odd = replace(first, id="0190d1c2-7a00-7000-8000-0000000000aa", revision=2,
                  origin_device="HQ-IMPORT")
    vault.store.insert_row("note_revision", odd, json.dumps(codec.to_dict(odd)))
    assert vault.store.get(NoteRevision, odd.id) == odd
    assert vault._db.scalar("SELECT packed_sha256 FROM records WHERE id = ?", (odd.id,)) is None


def test_an_upgraded_vault_reads_every_record_the_same_and_slims_what_comes_next(
    vault, data_dir, keyring_store,
):
    note = typed_note(vault, 3)
    with vault._db.transaction():
        restore_audit_words(vault._db)
        restore_superseded_mark(vault._db)
        restore_records_data(vault._db)
    vault._db.execute("PRAGMA user_version = 14")
    before = every_record(vault)
    whole = vault._db.scalar("SELECT count(*) FROM records WHERE type = 'note_revision'"
                             " AND json_extract(data, '$.id') IS NOT NULL")
    assert whole == 3
    vault.close()

    upgraded = Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert every_record(upgraded) == before
    note = upgraded.notes.save_body(upgraded.notes.get(note.id), "A fourth save.", "w.tester")
    newest = upgraded.notes.stored_revisions(note.id)[-1]
    stored = json.loads(upgraded._db.scalar("SELECT stored FROM records WHERE id = ?",
                                            (newest.id,)))
    assert newest.revision == 4 and "id" not in stored
    assert [r.body for r in upgraded.notes.revisions(note.id)][-1] == "A fourth save."
    assert all(r.ok for r in upgraded.check())
    upgraded.close()
