"""A note saved again before a sync removes its unsent outbox row (vault/outbox.py): the
seq stays spent and goes to HQ as a marker, so HQ's run of seqs is unbroken whatever moves
the rows (a report put first, a rebase after a restore, an upgrade from the superseded
mark of migrations 9-15)."""

from __future__ import annotations

import json

from safeconf.vault.migrations import SCHEMA_VERSION
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.vault.old_schema import (
    restore_audit_words,
    restore_outbox_record_ids,
    restore_plain_texts,
    restore_revisions_to_records,
    restore_superseded_mark,
)
from tests.vault.test_revision_history import note

__all__ = ["note"]  # the fixture, shared with the revision tests


def typed(vault, note, saves, start=0):
    for n in range(start, start + saves):
        note = vault.notes.save_body(note, f"{note.body} Sentence {n}.".strip(), "w.tester")
    return note


def sent(items):
    """What a push carries for each item: its seq, and its content or the marker."""
    return [(i.seq, i.record_type, i.data, i.version, i.base_version) if i.data is not None
            else (i.seq, "marker") for i in items]


def rows(vault):
    return [tuple(r) for r in vault._db.rows("SELECT seq, record_type FROM outbox ORDER BY seq")]


def test_seqs_without_a_row_go_as_markers_and_no_batch_skips_one(vault, note):
    note = typed(vault, note, 4)
    held = [seq for seq, _ in rows(vault)]
    pending = vault.sync.pending(1000)
    assert [i.seq for i in pending] == list(range(1, held[-1] + 1))
    markers = [i for i in pending if i.gap]
    assert len(markers) == 3 and {i.seq for i in markers}.isdisjoint(held)
    assert all(i.data is None and i.record_type == "note" for i in markers)
    # Any batch size gives the same seqs in the same order, batch after batch.
    for size in (1, 2, 3):
        assert [i.seq for i in vault.sync.pending(size)] == list(range(1, size + 1))
    # A run of seqs without rows longer than a batch is a batch of markers, then the rest.
    vault._db.execute("DELETE FROM outbox WHERE seq BETWEEN 2 AND ?", (held[-1] - 1,))
    assert [(i.seq, i.gap) for i in vault.sync.pending(3)] == [(1, False), (2, True),
                                                               (3, True)]
    assert [i.seq for i in vault.sync.pending(1000)] == list(range(1, held[-1] + 1))


def test_a_report_put_first_keeps_every_seq_and_the_gaps_follow_the_rows(vault, note):
    note = typed(vault, note, 3)
    before = sent(vault.sync.pending(1000))
    vault.sync.put("push_batch", "null")
    vault.store.db.execute("INSERT INTO outbox (record_type, record_id, version, data,"
                           " audit_seq) VALUES ('loss_report', 'r', 1, '{\"lost\": 1}', 0)")
    last = rows(vault)[-1][0]
    assert vault.sync.put_first(frozenset({"loss_report"})) == 1
    after = sent(vault.sync.pending(1000))
    assert [s[0] for s in after] == list(range(1, last + 1))  # still one unbroken run
    # The report first, then the other rows in their order; the seqs without a row stay.
    assert [s[1:] for s in after if s[1] != "marker"] == \
        [("loss_report", {"lost": 1}, 1, None)] + [s[1:] for s in before if s[1] != "marker"]
    assert [s[0] for s in after if s[1] == "marker"] == \
        [s[0] for s in before if s[1] == "marker"]


def test_a_rebase_moves_the_gaps_with_the_rows_and_the_next_seq_follows_on(vault, note):
    note = typed(vault, note, 3)
    before = vault.sync.pending(1000)
    vault.sync.put("push_batch", "null")
    assert vault.sync.rebase(40) == len(rows(vault))
    after = vault.sync.pending(1000)
    assert [i.seq for i in after] == [i.seq + 40 for i in before]
    assert [(i.gap, i.record_type, i.data) for i in after] == \
        [(i.gap, i.record_type, i.data) for i in before]
    typed(vault, note, 1, start=3)
    assert [i.seq for i in vault.sync.pending(1000)] == \
        list(range(41, before[-1].seq + 40 + 3))


def test_an_upgraded_vault_drops_the_marked_rows_and_sends_what_it_sent_before(
    vault, note, data_dir, keyring_store,
):
    note = typed(vault, note, 4)
    pending = vault.sync.pending(1000)
    # As migrations 9-15 left it: a removed row was kept, empty and marked superseded.
    with vault._db.transaction():
        restore_outbox_record_ids(vault._db)
        restore_plain_texts(vault._db)
        restore_revisions_to_records(vault._db)
        restore_audit_words(vault._db)
        restore_superseded_mark(vault._db)
        for item in pending:
            if item.gap:
                vault._db.execute(
                    "INSERT INTO outbox (seq, record_type, record_id, version, data,"
                    " audit_seq, base_version, superseded) VALUES (?, 'note', ?, 1, NULL,"
                    " 0, NULL, 1)", (item.seq, note.id))
    vault._db.execute("PRAGMA user_version = 15")
    assert vault._db.scalar("SELECT count(*) FROM outbox WHERE superseded = 1") == 3
    vault.close()

    upgraded = Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert upgraded._db.scalar("PRAGMA user_version") == SCHEMA_VERSION
    assert len(rows(upgraded)) == len(pending) - 3
    assert sent(upgraded.sync.pending(1000)) == sent(pending)
    # The note's newest row reads the note, and migration 16's trigger still gives it its
    # copy before the note changes another way (here, as keeping HQ's version does).
    copies = "SELECT data FROM outbox WHERE record_id = ? ORDER BY seq"
    assert [d is None for (d,) in upgraded._db.rows(copies, (note.id,))] == [False, True]
    upgraded.notes.update(upgraded.notes.get(note.id))
    assert [d if d is None else json.loads(d)["version"]
            for (d,) in upgraded._db.rows(copies, (note.id,))] == [1, note.version, None]
    upgraded.close()
