"""A note revision's outbox row names it by its row in note_revisions, and a revision its
base by its row (vault migration 22): every save writes one of each, and a row's number is a
few bytes where an id was 36 or 16."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from safeconf.domain.ids import new_id
from safeconf.domain.records import NoteRevision
from safeconf.vault import revision_rows
from safeconf.vault.database import Database
from safeconf.vault.migrations import SCHEMA_VERSION
from safeconf.vault.outbox import row_type
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.vault.old_schema import restore_outbox_record_ids, restore_revision_row_types
from tests.vault.test_revision_rows import typed_note


def _as_of_schema(vault: Vault, undo: Callable[[Database], None], version: int) -> None:
    """The vault as schema `version` left it: what came after undone (tests/vault/old_schema)."""
    with vault._db.transaction():
        undo(vault._db)
    vault._db.execute(f"PRAGMA user_version = {version}")


def test_a_save_queues_its_revision_by_row_and_the_push_reads_that_revision(vault):
    note = typed_note(vault, 3)
    rows = vault._db.rows("SELECT o.record_id, typeof(o.record_id), r.rowid FROM outbox AS o"
                          " LEFT JOIN note_revisions AS r ON r.rowid = o.record_id"
                          f" WHERE {row_type('o')} = 'note_revision' ORDER BY o.seq")
    assert [(kind, ref == row) for ref, kind, row in rows] == [("integer", True)] * 3
    # Its type goes without saying (migration 23): such a row keeps none.
    assert vault._db.rows("SELECT DISTINCT record_type FROM outbox WHERE typeof(record_id)"
                          " = 'integer'") == [("",)]
    pushed = [p.data for p in vault.sync.pending(100) if p.record_type == "note_revision"]
    stored = vault.notes.stored_revisions(note.id)
    assert [d["id"] for d in pushed] == [r.id for r in stored]
    assert [d["revision"] for d in pushed] == [1, 2, 3]
    # Other records are still named by their ids.
    assert vault._db.scalar(f"SELECT count(*) FROM outbox WHERE {row_type()} <> 'note_revision'"
                            " AND typeof(record_id) <> 'text'") == 0


def test_an_upgraded_vault_names_its_queued_revisions_by_row_and_pushes_the_same(
    vault, data_dir, keyring_store,
):
    note = typed_note(vault, 3)
    queued = vault.sync.pending(100)
    _as_of_schema(vault, restore_outbox_record_ids, 21)
    assert vault._db.scalar("SELECT count(*) FROM outbox WHERE typeof(record_id) = 'integer'"
                            ) == 0
    assert vault._db.scalar("SELECT count(*) FROM note_revisions WHERE typeof(base_id) ="
                            " 'blob'") == 2
    stored = vault.notes.stored_revisions(note.id)
    counter = vault._db.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")
    vault.close()

    upgraded = Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert upgraded._db.scalar("PRAGMA user_version") == SCHEMA_VERSION
    assert upgraded._db.scalar("SELECT count(*) FROM outbox WHERE typeof(record_id) ="
                               " 'integer'") == 3
    assert upgraded.sync.pending(100) == queued
    assert upgraded._db.rows("SELECT typeof(base_id) FROM note_revisions ORDER BY number") == [
        ("null",), ("integer",), ("integer",)]
    assert upgraded.notes.stored_revisions(note.id) == stored
    # The next write takes the next seq, as it would have before: none is given twice.
    upgraded.notes.save_body(upgraded.notes.get(note.id), "Another save.", "w.tester")
    seqs = [p.seq for p in upgraded.sync.pending(100)]
    assert seqs[-1] == counter + 2 and len(set(seqs)) == len(seqs)
    assert all(r.ok for r in upgraded.check())
    upgraded.close()


def test_an_upgraded_vault_keeps_no_type_in_its_revisions_rows_and_pushes_the_same(
    vault, data_dir, keyring_store,
):
    typed_note(vault, 3)
    queued = vault.sync.pending(100)
    _as_of_schema(vault, restore_revision_row_types, 22)
    assert vault._db.scalar("SELECT count(*) FROM outbox WHERE record_type = 'note_revision'"
                            ) == 3
    vault.close()

    upgraded = Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert upgraded._db.scalar("PRAGMA user_version") == SCHEMA_VERSION
    assert upgraded._db.rows("SELECT typeof(record_id), record_type, count(*) FROM outbox"
                             " WHERE record_type IN ('', 'note_revision')") == [
        ("integer", "", 3)]
    assert upgraded.sync.pending(100) == queued
    assert upgraded.sync.unsent_ids("note") and upgraded.sync.put_first(
        frozenset({"note_revision"})) == 3  # still known by their type
    assert [p.record_type for p in upgraded.sync.pending(100)][:3] == ["note_revision"] * 3
    upgraded.close()


def test_a_purged_cases_unsent_revisions_keep_their_copies_for_the_push(vault):
    note = typed_note(vault, 2)
    queued = [p for p in vault.sync.pending(100) if p.record_type == "note_revision"]
    assert vault.sync.purge_cases([note.case_id]) == 1
    assert vault._db.scalar("SELECT count(*) FROM note_revisions") == 0
    left = [p for p in vault.sync.pending(100) if p.record_type == "note_revision"]
    assert [p.data for p in left] == [p.data for p in queued]


def test_a_revision_names_its_base_by_row_only_when_it_is_its_notes_and_held(vault):
    note = typed_note(vault, 2)
    first, second = vault.notes.stored_revisions(note.id)
    assert vault._db.rows("SELECT base_id FROM note_revisions ORDER BY number") == [
        (None,), (vault._db.scalar("SELECT rowid FROM note_revisions WHERE number = 1"),)]
    assert second.base_id == first.id
    # Pulled before its base arrived (or built on another note's): named by its id, and
    # read back the same.
    other = typed_note(vault, 2, "OR-2")
    waiting = replace(vault.notes.stored_revisions(other.id)[-1], id=new_id(), revision=9,
                      base_id=new_id())
    revision_rows.insert(vault._db, waiting)
    assert vault._db.scalar("SELECT typeof(base_id) FROM note_revisions WHERE number = 9"
                            ) == "blob"
    assert vault.store.get(NoteRevision, waiting.id) == waiting
    crossed = replace(waiting, id=new_id(), revision=10, base_id=first.id)
    revision_rows.insert(vault._db, crossed)
    assert vault.store.get(NoteRevision, crossed.id).base_id == first.id
    assert vault._db.scalar("SELECT typeof(base_id) FROM note_revisions WHERE number = 10"
                            ) == "blob"
