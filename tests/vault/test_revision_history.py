"""Note revisions in the vault: kept as deltas with a copy every SNAPSHOT_EVERY, each one
rebuilt exactly; one audit event per save; a lean outbox; legacy copies compacted on open;
an altered revision caught by `check`."""

from __future__ import annotations

import json

import pytest

from safeconf.domain import revisions
from safeconf.domain.records import Case, Conference, Note, NoteRevision, NoteSection
from safeconf.vault import revision_history
from safeconf.vault.outbox import row_type
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.vault import revision_tamper as tamper


@pytest.fixture
def note(vault):
    case = vault.cases.add(Case(case_number="RV-1", family_name="Birch"))
    conf = vault.conferences.add(Conference(case_id=case.id,
                                            scheduled_start="2026-11-25T09:00:00+00:00"))
    return vault.notes.add(Note(case_id=case.id, conference_id=conf.id,
                                section=NoteSection.GENERAL))


def typed(vault, note, saves):
    """Save a growing note `saves` times; returns every text saved, in order."""
    texts, body = [], ""
    for n in range(saves):
        body = f"{body} Sentence {n} about the family's week, école and café.".strip()
        note = vault.notes.save_body(note, body, author="w.tester")
        texts.append(body)
    return note, texts


def test_every_save_is_kept_as_a_delta_with_a_copy_every_snapshot_every(vault, note):
    saves = revisions.SNAPSHOT_EVERY + 10
    note, texts = typed(vault, note, saves)
    stored = vault.notes.stored_revisions(note.id)
    copies = [r.revision for r in stored if r.is_copy]
    assert copies == [1, revisions.SNAPSHOT_EVERY + 1]
    assert all(r.body == "" and r.delta for r in stored if not r.is_copy)
    assert [r.body for r in vault.notes.revisions(note.id)] == texts
    for rev, text in zip(stored, texts, strict=True):
        assert vault.notes.revision_text(rev.id) == text
        assert rev.sha256 == revisions.text_sha256(text)
    deltas = sum(len(r.delta) for r in stored if not r.is_copy)
    assert deltas < 2 * len(texts[-1])  # each sentence kept about once, not once per save
    [result] = [r for r in vault.check() if r.name == "note revisions"]
    assert result.ok and f"{saves} revisions" in result.detail


def edited_in_place(vault, note, saves):
    """A long note, then `saves` saves each changing one word of it somewhere."""
    words = [f"word{n}" for n in range(300)]
    note = vault.notes.save_body(note, " ".join(words), author="w.tester")
    texts = [note.body]
    for n in range(saves - 1):
        words[(n * 37) % len(words)] = f"changed{n}"
        note = vault.notes.save_body(note, " ".join(words), author="w.tester")
        texts.append(note.body)
    return note, texts


def test_a_note_edited_in_place_keeps_each_checkpoint_as_a_delta_against_the_last(
    vault, note, monkeypatch,
):
    monkeypatch.setattr(revisions, "SNAPSHOT_EVERY", 10)
    monkeypatch.setattr(revisions, "CHECKPOINT_DEPTH", 3)
    note, texts = edited_in_place(vault, note, 45)
    stored = {r.revision: r for r in vault.notes.stored_revisions(note.id)}
    number_of = {r.id: r.revision for r in stored.values()}
    # Checkpoints 11, 21, 31 build on the one before (their chains: 1, 2, 3 links); 41
    # would be a fourth link, so it is a copy and the next ones build on it.
    assert {n: number_of.get(stored[n].base_id) for n in (11, 21, 31, 41)} == {
        11: 1, 21: 11, 31: 21, 41: None}
    assert [n for n, r in stored.items() if r.is_copy] == [1, 41]
    assert all(number_of[r.base_id] == n - 1 for n, r in stored.items()
               if n % 10 != 1 and not r.is_copy)
    assert len(stored[21].delta) < len(texts[20]) / 4
    vault.store.revision_texts.forget()
    assert [vault.notes.revision_text(stored[n].id) for n in sorted(stored)] == texts
    assert [r.body for r in vault.notes.revisions(note.id)] == texts
    [result] = [r for r in vault.check() if r.name == "note revisions"]
    assert result.ok and "45 revisions" in result.detail


def test_a_checkpoint_on_a_history_that_does_not_rebuild_is_a_copy(vault, note, monkeypatch):
    monkeypatch.setattr(revisions, "SNAPSHOT_EVERY", 10)
    note, texts = edited_in_place(vault, note, 10)
    first = vault.notes.stored_revisions(note.id)[0]
    alter_revision(vault, first.id, body="damaged")
    # The latest revision was just written, so the save builds on it; the checkpoint's
    # anchor, revision 1, no longer gives the text its deltas were made from.
    note = vault.notes.save_body(note, texts[-1] + " the end", author="w.tester")
    latest = json.loads(tamper.revision_data(
        vault._db, revision_history.latest(vault._db, note.id).revision_id))
    assert (latest["base_id"], latest["body"]) == (None, note.body)


def test_a_save_is_one_audit_event_covering_the_note_and_its_revision(vault, note):
    before = vault.audit.count()
    note = vault.notes.save_body(note, "first words", author="w.tester")
    [event] = vault.audit.events(before)
    assert (event.action, event.record_type, event.record_id) == ("update", "note", note.id)
    queued = [p for p in vault.sync.pending(100) if p.audit_seq == event.seq]
    assert sorted(p.record_type for p in queued) == ["note", "note_revision"]


def test_saves_before_a_sync_send_the_latest_note_once_and_every_revision(vault, note):
    note, texts = typed(vault, note, 12)
    pending = vault.sync.pending(1000)
    notes = [p for p in pending if p.record_type == "note"]
    assert notes[0].version == 1 and notes[0].data is not None  # the note's creation
    assert [p.superseded for p in notes[1:]] == [True] * 11 + [False]
    latest = notes[-1]
    assert (latest.data["body"], latest.version, latest.base_version) == (texts[-1], 13, 1)
    revs = [p for p in pending if p.record_type == "note_revision"]
    assert [p.data["revision"] for p in revs] == list(range(1, 13))
    # An append-only record's row keeps no copy of its own: it is read from the record.
    stored = vault._db.rows(f"SELECT data FROM outbox WHERE {row_type()} = 'note_revision'")
    assert stored and all(data is None for (data,) in stored)
    assert [p.seq for p in pending] == list(range(pending[0].seq, pending[-1].seq + 1))
    # What a later save replaced keeps no row: its seq goes as a marker all the same.
    assert vault._db.rows("SELECT version FROM outbox WHERE record_type = 'note'"
                          " ORDER BY seq") == [(1,), (13,)]


def send_everything_queued(vault):
    """Put every queued row in a batch on its way to HQ, as a push that has not returned."""
    last = vault.sync.pending(1000)[-1].seq
    vault.sync.put("push_batch", json.dumps({"id": "b", "last_seq": last,
                                              "last_audit_seq": vault.audit.count()}))


def test_a_row_in_a_batch_on_its_way_is_never_superseded(vault, note):
    note, _ = typed(vault, note, 3)
    send_everything_queued(vault)
    vault.notes.save_body(note, "changed while the batch was on its way", "w.tester")
    notes = [p for p in vault.sync.pending(1000) if p.record_type == "note"]
    assert [p.superseded for p in notes] == [False, True, True, False, False]
    assert notes[-1].base_version == notes[-2].version  # what HQ is about to hold


def stored_note_copies(vault, note_id):
    """The copy each outbox row of the note keeps itself (None: it reads the note)."""
    return [data if data is None else json.loads(data)["version"] for (data,) in vault._db.rows(
        "SELECT data FROM outbox WHERE record_id = ? ORDER BY seq", (note_id,))]


def test_a_notes_newest_row_reads_the_note_and_gets_its_copy_before_the_note_changes(
        vault, note):
    assert stored_note_copies(vault, note.id) == [None]  # the note holds what it queued
    note, texts = typed(vault, note, 3)
    # The creation kept its copy when the first save changed the note (it is never
    # superseded); the rows of the saves in between are gone; the newest reads the note.
    assert stored_note_copies(vault, note.id) == [1, None]
    notes = [p for p in vault.sync.pending(100) if p.record_type == "note"]
    assert notes[0].data["body"] == "" and notes[-1].data["body"] == texts[-1]


def test_a_row_on_its_way_keeps_the_version_it_queued_when_the_note_changes(vault, note):
    note, texts = typed(vault, note, 2)
    send_everything_queued(vault)
    vault.notes.save_body(note, "typed while the batch was on its way", "w.tester")
    notes = [p for p in vault.sync.pending(1000) if p.record_type == "note"]
    # A retry of the batch sends what it sent the first time, not the newer text.
    assert notes[-2].data["body"] == texts[-1] and notes[-2].version == note.version
    assert notes[-1].data["body"] == "typed while the batch was on its way"


def test_a_pulled_version_over_an_unsent_save_leaves_the_save_to_push(vault, note):
    note = vault.notes.save_body(note, "typed offline", "w.tester")
    written = vault.store.get(Note, note.id)
    hq_copy = json.dumps({**json.loads(vault._db.scalar(
        "SELECT data FROM records WHERE id = ?", (note.id,))), "body": "HQ's words"})
    rowid = vault._db.scalar("SELECT rowid FROM records WHERE id = ?", (note.id,))
    with vault.store.transaction():  # as sync writes a pulled record: the row only
        vault.store.replace_row(rowid, written, hq_copy)
    [latest] = [p for p in vault.sync.pending(100) if p.record_type == "note"][-1:]
    assert latest.data["body"] == "typed offline"


def test_keeping_hqs_version_of_a_note_never_supersedes(vault, note):
    note = vault.notes.save_body(note, "mine", "w.tester")
    changed = vault.notes.update(note)  # another kind of change: not a save of the text
    notes = [p for p in vault.sync.pending(1000) if p.record_type == "note"]
    assert not any(p.superseded for p in notes)
    assert notes[-1].base_version == changed.version - 1


def alter_revision(vault, revision_id, **fields):
    tamper.alter_revision(vault._db, revision_id, **fields)


def test_an_altered_delta_is_caught_by_check(vault, note):
    note, _ = typed(vault, note, 5)
    third = vault.notes.stored_revisions(note.id)[2]
    ops = json.loads(third.delta)
    ops[-1] = ops[-1].replace("Sentence", "Sentance") if isinstance(ops[-1], str) else ops[-1]
    alter_revision(vault, third.id, delta=json.dumps(ops))
    [result] = [r for r in vault.check() if r.name == "note revisions"]
    assert not result.ok and "revision 3 of note" in result.detail
    assert "SHA-256" in result.detail


def test_a_revision_whose_base_is_gone_is_caught_by_check(vault, note):
    note, _ = typed(vault, note, 3)
    second = vault.notes.stored_revisions(note.id)[1]
    alter_revision(vault, second.id, base_id="0190d1c2-7a00-7000-8000-00000000dead")
    [result] = [r for r in vault.check() if r.name == "note revisions"]
    assert not result.ok and "does not hold" in result.detail


def test_legacy_copies_are_compacted_when_the_vault_opens(vault, note, data_dir,
                                                          keyring_store):
    note, texts = typed(vault, note, 6)
    stored = vault.notes.stored_revisions(note.id)
    # Back to what a vault wrote before deltas: every revision a whole copy, no hash.
    for rev, text in zip(stored, texts, strict=True):
        alter_revision(vault, rev.id, body=text, base_id=None, delta="", sha256="")
    vault._db.execute("DELETE FROM meta WHERE key = 'revisions_compacted'")
    legacy = vault.notes.stored_revisions(note.id)
    assert all(r.is_copy and not r.sha256 for r in legacy)
    vault.close()

    reopened = Vault.open(data_dir, PASSPHRASE, keyring_store)
    compacted = reopened.notes.stored_revisions(note.id)
    assert [r.id for r in compacted] == [r.id for r in legacy]
    assert [r.is_copy for r in compacted] == [True] + [False] * 5
    assert [r.body for r in reopened.notes.revisions(note.id)] == texts
    assert all(r.ok for r in reopened.check())
    # HQ still holds the old copies: pulled again, they are the same saves, no conflict.
    result = reopened.sync.apply_page(legacy, 50)
    assert (result.unchanged, result.conflicts) == (6, 0)
    reopened.close()


def test_a_pulled_delta_that_does_not_fit_its_base_is_kept_as_a_conflict(vault, note):
    note, texts = typed(vault, note, 2)
    latest = vault.notes.stored_revisions(note.id)[-1]
    forged = NoteRevision(case_id=note.case_id, note_id=note.id, revision=3,
                          base_id=latest.id, delta='[1,"x"]',
                          sha256=revisions.text_sha256("x"))
    result = vault.sync.apply_page([forged], 9)
    assert result.conflicts == 1
    [conflict] = vault.sync.conflicts()
    assert "does not rebuild" in conflict["reason"]
    assert [r.body for r in vault.notes.revisions(note.id)] == texts


def test_typing_leaves_the_search_index_alone_until_someone_searches(vault, note,
                                                                     data_dir, keyring_store):
    note, _ = typed(vault, note, 5)
    assert vault._db.scalar("SELECT count(*) FROM search_pending") == 1
    assert vault._db.scalar("SELECT count(*) FROM search_index WHERE rowid IN"
                            " (SELECT rowid FROM records WHERE id = ?)", (note.id,)) == 0
    vault.close()  # as a crash would leave it: the mark is in the same transaction
    reopened = Vault.open(data_dir, PASSPHRASE, keyring_store)
    [hit] = reopened.search("Sentence 4")
    assert hit.record_id == note.id
    assert reopened._db.scalar("SELECT count(*) FROM search_pending") == 0
    reopened.notes.save_body(reopened.notes.get(note.id), "rewritten entirely", "w.tester")
    assert reopened.search("Sentence") == []
    assert [h.record_id for h in reopened.search("rewritten")] == [note.id]
    assert all(r.ok for r in reopened.check())
    reopened.close()


def test_compacting_keeps_the_copies_a_batch_on_its_way_must_resend(vault, note, data_dir,
                                                                   keyring_store):
    note, texts = typed(vault, note, 4)
    db = vault._db
    # As a vault from before left it: whole copies in the records and in the outbox rows.
    for rev, text in zip(vault.notes.stored_revisions(note.id), texts, strict=True):
        alter_revision(vault, rev.id, body=text, base_id=None, delta="", sha256="")
        db.execute(f"UPDATE outbox SET data = ? WHERE {row_type()} = 'note_revision'"
                   " AND record_id = ?", (tamper.revision_data(db, rev.id),
                                          tamper.queued_as(db, rev.id)))
    rows = db.rows(f"SELECT seq FROM outbox WHERE {row_type()} = 'note_revision' ORDER BY seq")
    in_flight = rows[1][0]  # the first two revisions went in a batch not yet answered
    vault.sync.put("push_batch", json.dumps({"id": "b", "last_seq": in_flight,
                                              "last_audit_seq": vault.audit.count()}))
    sent = [p.data for p in vault.sync.pending(1000) if p.seq <= in_flight]
    db.execute("DELETE FROM meta WHERE key = 'revisions_compacted'")
    vault.close()

    reopened = Vault.open(data_dir, PASSPHRASE, keyring_store)
    pending = reopened.sync.pending(1000)
    assert [p.data for p in pending if p.seq <= in_flight] == sent
    later = [p for p in pending if p.seq > in_flight and p.record_type == "note_revision"]
    assert later and all(p.data["base_id"] for p in later)  # read, compacted, from the rows
    stored = reopened._db.rows("SELECT data FROM outbox WHERE seq > ? AND"
                               f" {row_type()} = 'note_revision'", (in_flight,))
    assert all(data is None for (data,) in stored)
    reopened.close()
