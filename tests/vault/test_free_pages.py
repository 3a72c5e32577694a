"""Pages a session frees go back to the disk when the vault closes: a note cut short (or
the search index merging its segments as a note is saved again and again) leaves no pages
of its old text behind in the file."""

from __future__ import annotations

import random
import string

from safeconf.domain.records import Note
from safeconf.vault.vault import DB_NAME, Vault
from tests.conftest import PASSPHRASE
from tests.vault.notes import empty_note


def varied_text(chars: int, seed: int = 20) -> str:
    """Letters at random: a text that stays long however it is kept (vault/squeeze.py)."""
    rng = random.Random(seed)
    return "".join(rng.choice(string.ascii_letters + " ") for _ in range(chars))


def long_note_saved_often(vault: Vault, saves: int = 30) -> Note:
    note = empty_note(vault, "FP-1")
    text = varied_text(14_000)
    for n in range(saves):
        note = vault.notes.save_body(note, f"{text} Save {n}.", "w.tester")
    return vault.notes.save_body(note, "Cut short.", "w.tester")


def free_pages(vault: Vault) -> int:
    return int(vault._db.scalar("PRAGMA freelist_count"))


def test_a_closed_vault_keeps_no_free_pages(data_dir, keyring_store, fast_kdf):
    vault = Vault.create(data_dir, PASSPHRASE, keyring_store, kdf=fast_kdf)
    note = long_note_saved_often(vault)
    freed = free_pages(vault)
    assert freed > 0  # the note's long text, freed by its last save
    in_use = int(vault._db.scalar("PRAGMA page_count")) - freed
    vault.close()
    assert (data_dir / DB_NAME).stat().st_size <= in_use * 4096
    vault = Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert free_pages(vault) == 0
    assert vault.notes.get(note.id).body == "Cut short."
    assert vault.notes.revisions(note.id)[-2].body.endswith("Save 29.")
    assert all(r.ok for r in vault.check())
    vault.close()


def test_a_vault_made_before_gives_its_pages_back_from_its_next_opening(
        data_dir, keyring_store, fast_kdf):
    vault = Vault.create(data_dir, PASSPHRASE, keyring_store, kdf=fast_kdf)
    note = long_note_saved_often(vault)
    # As a vault made before: no incremental vacuum, and free pages left in the file.
    vault._db.execute("PRAGMA auto_vacuum = NONE")
    vault._db.vacuum()
    note = vault.notes.save_body(note, varied_text(20_000, seed=21), "w.tester")
    note = vault.notes.save_body(note, "A short text at last.", "w.tester")
    raw = vault._db._connection
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert vault._db.scalar("PRAGMA auto_vacuum") == 0 and free_pages(vault) > 0
    raw.close()
    vault._db._conn = None
    vault._db.close()

    vault = Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert vault._db.scalar("PRAGMA auto_vacuum") == 2
    assert free_pages(vault) == 0
    assert vault.notes.get(note.id).body == "A short text at last."
    assert [r.body for r in vault.notes.revisions(note.id)][-1] == "A short text at last."
    assert all(r.ok for r in vault.check())
    vault.close()
