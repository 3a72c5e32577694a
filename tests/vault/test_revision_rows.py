"""Note revisions in a table of their own (vault migration 20): each row keeps its id, hash
and times packed, its note, case, author and device by number and no JSON, and every
reader, the push included, still gets the whole record exactly as it was made; a vault
from before moves its revisions over unchanged."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from safeconf.domain import codec
from safeconf.domain.records import Note, NoteRevision
from safeconf.vault.errors import AppendOnly
from safeconf.vault.revision_rows import TABLE, VIEW, key
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.vault.notes import empty_note
from tests.vault.old_schema import (
    restore_audit_words,
    restore_outbox_record_ids,
    restore_plain_texts,
    restore_records_data,
    restore_revisions_to_records,
    restore_superseded_mark,
)


def typed_note(vault: Vault, saves: int, case_number: str = "RR-1") -> Note:
    note = empty_note(vault, case_number)
    for n in range(saves):
        note = vault.notes.save_body(note, f"{note.body} Sentence {n}.".strip(), "w.tester")
    return note


def every_record(vault: Vault) -> dict[str, dict]:
    """Every record as readers get it, wherever it is kept."""
    rows = vault._db.rows("SELECT id, data FROM records WHERE type <> 'note_revision'")
    if vault._db.scalar("SELECT 1 FROM sqlite_master WHERE name = ?", (TABLE,)):
        rows += vault._db.rows(f"SELECT NULL, data FROM {VIEW}")
    else:
        rows += vault._db.rows("SELECT id, data FROM records WHERE type = 'note_revision'")
    return {json.loads(data)["id"]: json.loads(data) for _, data in rows}


def test_a_new_revision_keeps_its_fields_packed_and_reads_back_whole(vault):
    note = typed_note(vault, 3)
    assert vault._db.scalar("SELECT count(*) FROM records WHERE type = 'note_revision'") == 0
    for revision in vault.notes.stored_revisions(note.id):
        kinds = vault._db.row(
            "SELECT typeof(id), length(id), typeof(note), typeof(number), typeof(writer),"
            " typeof(at), typeof(created), typeof(case_id), typeof(base_id), typeof(sha256),"
            f" length(sha256) FROM {TABLE} WHERE id = ?", (key(revision.id),))
        assert kinds == ("blob", 16, "integer", "integer", "integer", "integer", "null",
                         "null", "null" if revision.is_copy else "integer", "blob", 32)
        data = json.loads(vault._db.scalar(f"SELECT data FROM {VIEW} WHERE id = ?",
                                           (key(revision.id),)))
        assert data == codec.to_dict(revision)
        assert revision.created_at == revision.updated_at
        assert vault.store.get(NoteRevision, revision.id) == revision
    # What every revision of the note repeats is kept once.
    assert vault._db.row("SELECT count(*), typeof(note_id), typeof(case_id) FROM"
                         " revision_notes") == (1, "blob", "blob")
    assert vault._db.rows("SELECT author, typeof(origin_device) FROM revision_writers") == [
        ("w.tester", "blob")]
    assert vault.store.count(NoteRevision) == 3
    assert vault.store.count_children(NoteRevision, note.id) == 3


def test_the_push_sends_each_revision_whole(vault):
    note = typed_note(vault, 2)
    revisions = {r.id: r for r in vault.notes.stored_revisions(note.id)}
    sent = {p.data["id"]: p.data for p in vault.sync.pending(100)
            if p.record_type == "note_revision"}
    assert sent == {rid: codec.to_dict(r) for rid, r in revisions.items()}


@pytest.mark.parametrize("fields", [
    {"origin_device": "HQ-IMPORT"},  # a device of no UUID shape: kept as its text
    {"author": "another writer"},
    {"case_id": "0190d1c2-7a00-7000-8000-0000000000cc"},  # not its note's case: its own
    {"created_at": "2026-01-01T00:00:00.000000+00:00"},  # made before its last change
    {"created_at": "1969-07-20T20:17:40.000000+00:00"},  # before 1970: kept as its text
    {"updated_at": "2026-01-02T00:00:00+00:00"},  # no microseconds: kept as its text
    {"version": 2, "deleted": True},
])
def test_a_revision_whose_fields_do_not_pack_reads_back_exactly(vault, fields):
    note = typed_note(vault, 1)
    [first] = vault.notes.stored_revisions(note.id)
    odd = replace(first, id="0190d1c2-7a00-7000-8000-0000000000aa", revision=2, **fields)
    with vault.store.transaction():  # as sync writes a pulled revision: the row only
        vault.store.insert_row("note_revision", odd, json.dumps(codec.to_dict(odd)))
    assert vault.store.get(NoteRevision, odd.id) == odd
    assert vault.sync._local("note_revision", odd.id, "version") == (odd.version,)


def test_a_revision_row_is_never_changed_and_leaves_only_with_its_case(vault):
    note = typed_note(vault, 2)
    first = vault.notes.stored_revisions(note.id)[0]
    for statement in (f"UPDATE {TABLE} SET body = 'other words'",
                      f"UPDATE {TABLE} SET number = 9", f"DELETE FROM {TABLE}",
                      "UPDATE revision_notes SET case_id = x'00'", "DELETE FROM revision_notes",
                      "UPDATE revision_writers SET author = 'x'",
                      "DELETE FROM revision_writers"):
        with pytest.raises(AppendOnly):
            vault._db.execute(statement)
    assert vault.store.get(NoteRevision, first.id) == first
    assert vault.sync.purge_cases([note.case_id]) == 1
    assert vault._db.scalar(f"SELECT count(*) FROM {TABLE}") == 0
    assert vault._db.scalar("SELECT count(*) FROM revision_notes") == 0


def test_an_upgraded_vault_moves_its_revisions_and_reads_every_record_the_same(
    vault, data_dir, keyring_store,
):
    note = typed_note(vault, 3)
    queued = vault.sync.pending(100)
    with vault._db.transaction():
        restore_outbox_record_ids(vault._db)
        restore_plain_texts(vault._db)
        restore_revisions_to_records(vault._db)
    vault._db.execute("PRAGMA user_version = 19")
    before = every_record(vault)
    packed = vault._db.scalar("SELECT count(*) FROM records WHERE type = 'note_revision'"
                              " AND packed_sha256 IS NOT NULL")
    assert packed == 3  # as a vault of schema 15-19 wrote them
    vault.close()

    upgraded = Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert upgraded._db.scalar("SELECT count(*) FROM records WHERE type = 'note_revision'") == 0
    assert every_record(upgraded) == before
    assert upgraded.sync.pending(100) == queued  # the unsent revisions read from the new rows
    note = upgraded.notes.save_body(upgraded.notes.get(note.id), "A fourth save.", "w.tester")
    assert [r.body for r in upgraded.notes.revisions(note.id)][-1] == "A fourth save."
    assert all(r.ok for r in upgraded.check())
    upgraded.close()


def test_a_vault_from_before_packed_revisions_moves_them_the_same(
    vault, data_dir, keyring_store,
):
    note = typed_note(vault, 3)
    with vault._db.transaction():
        restore_outbox_record_ids(vault._db)
        restore_plain_texts(vault._db)
        restore_revisions_to_records(vault._db)
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
    assert newest.revision == 4
    assert [r.body for r in upgraded.notes.revisions(note.id)][-1] == "A fourth save."
    assert all(r.ok for r in upgraded.check())
    upgraded.close()
