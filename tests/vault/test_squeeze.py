"""Long texts kept deflated (vault migration 21): a note's record, a revision's copy and a
checkpoint's delta take their zlib stream's bytes on disk, and every reader, SQL included,
sees exactly the text that was written."""

from __future__ import annotations

import json
import random
import zlib
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeconf.domain import codec
from safeconf.domain.records import Case, Note, NoteRevision
from safeconf.vault.errors import VaultCorrupt
from safeconf.vault.migrations import SCHEMA_VERSION
from safeconf.vault.squeeze import NotDeflated, squeeze, unsqueeze
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.vault.notes import empty_note
from tests.vault.old_schema import restore_outbox_record_ids, restore_plain_texts

_WORDS = ("family", "safety", "plan", "school", "visit", "aunt", "weekend", "doctor",
          "agreed", "asked", "the", "and", "to", "will", "next", "call", "home", "court")


def prose(words: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(_WORDS) for _ in range(words)) + "."


def long_note(vault: Vault, saves: int = 3) -> Note:
    note = empty_note(vault, "SQ-1")
    for n in range(saves):
        note = vault.notes.save_body(note, prose(800 + 50 * n), "w.tester")
    return note


def kept(vault: Vault, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    return vault._db.rows(sql, params)


def test_a_long_note_is_kept_deflated_and_every_reader_sees_its_text(vault):
    note = long_note(vault)
    (kind, size, text), = kept(vault, "SELECT typeof(stored), length(stored), data FROM records"
                                      " WHERE id = ?", (note.id,))
    assert kind == "blob" and size * 3 < len(text)
    assert json.loads(text) == codec.to_dict(note)
    assert vault.notes.get(note.id) == note
    # SQL reads the JSON through the same `data`: the note is found by its conference.
    assert vault._db.scalar("SELECT json_extract(data, '$.conference_id') FROM records"
                            " WHERE id = ?", (note.id,)) == note.conference_id
    assert note.id in {hit.record_id for hit in vault.search("weekend")}
    pushed = [p.data for p in vault.sync.pending(100) if p.record_type == "note"]
    assert pushed[-1] == codec.to_dict(note)  # what the push sends: the text


def test_a_short_record_stays_its_text(vault):
    case = vault.cases.add(Case(case_number="SQ-2", family_name="Teak"))
    assert vault._db.scalar("SELECT typeof(stored) FROM records WHERE id = ?",
                            (case.id,)) == "text"


def test_a_short_notes_record_stays_its_text_while_its_revisions_copy_is_deflated(vault):
    # The record is replaced at the next save, so only a long one is worth inflating at
    # every read; a revision is kept for good, so its copy is deflated from 512 bytes.
    note = long_note(vault, saves=0)
    note = vault.notes.save_body(note, prose(300), "w.tester")
    assert 512 < len(note.body) < 4096
    assert vault._db.scalar("SELECT typeof(stored) FROM records WHERE id = ?",
                            (note.id,)) == "text"
    assert vault._db.scalar("SELECT typeof(body) FROM note_revisions") == "blob"
    assert vault.notes.revisions(note.id)[0].body == prose(300)


def test_a_revisions_copy_is_kept_deflated_and_rebuilds_exactly(vault):
    note = long_note(vault, saves=3)
    stored = vault.notes.stored_revisions(note.id)
    assert stored[0].base_id is None and stored[1].base_id is not None
    assert kept(vault, "SELECT typeof(body), typeof(delta) FROM note_revisions"
                       " ORDER BY number") == [("blob", "text"), ("text", "text"),
                                               ("text", "text")]
    assert stored[0].body == prose(800)  # the record, from the view, holds the text
    assert [r.body for r in vault.notes.revisions(note.id)] == [prose(800 + 50 * n)
                                                                for n in range(3)]
    assert all(r.ok for r in vault.check())


def test_an_upgraded_vault_deflates_its_long_texts_and_reads_every_record_the_same(
    vault, data_dir, keyring_store,
):
    note = long_note(vault)
    queued = vault.sync.pending(100)
    with vault._db.transaction():
        restore_outbox_record_ids(vault._db)
        restore_plain_texts(vault._db)
    vault._db.execute("PRAGMA user_version = 20")
    assert kept(vault, "SELECT count(*) FROM records WHERE typeof(stored) = 'blob'") == [(0,)]
    every = {r.id: r for r in (*vault.store.all(Note), *vault.store.all(NoteRevision))}
    vault.close()

    upgraded = Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert upgraded._db.scalar("PRAGMA user_version") == SCHEMA_VERSION
    assert upgraded._db.scalar("SELECT typeof(stored) FROM records WHERE id = ?",
                               (note.id,)) == "blob"
    assert upgraded._db.scalar("SELECT typeof(body) FROM note_revisions WHERE number = 1"
                               ) == "blob"
    assert {r.id: r for r in (*upgraded.store.all(Note), *upgraded.store.all(NoteRevision))
            } == every
    assert upgraded.sync.pending(100) == queued
    note = upgraded.notes.save_body(upgraded.notes.get(note.id), prose(900, 4), "w.tester")
    assert upgraded.notes.revisions(note.id)[-1].body == prose(900, 4)
    assert all(r.ok for r in upgraded.check())
    upgraded.close()


def test_a_note_changed_under_an_unsent_row_gives_that_row_its_text_first(vault):
    note = long_note(vault, saves=1)
    # The newest row of a note reads it in `records` until it changes; a change that does
    # not supersede that row (keeping HQ's copy in a conflict) first copies the note into
    # it (vault/outbox.py): the text, not its deflated bytes.
    changed = vault.store.update(replace(note, body=prose(5)))
    assert changed.version == note.version + 1
    pushed = [p.data for p in vault.sync.pending(100) if p.record_type == "note"]
    assert [d["body"] for d in pushed[-2:]] == [note.body, changed.body]
    assert vault._db.scalar("SELECT count(*) FROM outbox WHERE typeof(data) = 'blob'") == 0


def test_bytes_that_do_not_inflate_are_never_kept_and_change_nothing(vault):
    note = long_note(vault)
    # SQLite makes `data` from every row it writes: bytes no reader could inflate are
    # refused as they are written, triggers or none.
    for trigger in ("outbox_copy_before_note_update", "records_append_only_update"):
        vault._db.execute(f"DROP TRIGGER {trigger}")
    with pytest.raises(VaultCorrupt, match="damaged"):
        vault._db.execute("UPDATE records SET stored = ? WHERE id = ?",
                          (zlib.compress(b"x" * 600)[:-3], note.id))
    assert vault.notes.get(note.id) == note


@given(st.text(max_size=3000))
def test_every_text_comes_back_exactly_from_how_it_is_kept(text):
    assert unsqueeze(squeeze(text)) == text
    assert squeeze(squeeze(text)) == squeeze(text)


def test_a_stream_no_vault_wrote_is_refused():
    bomb = zlib.compress(b"\0" * (20 * 1024 * 1024))
    for value in (bomb, b"not zlib at all", zlib.compress("é".encode("latin-1"))):
        with pytest.raises(NotDeflated):
            unsqueeze(value)
