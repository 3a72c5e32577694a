"""Audit events kept in their packed forms (vault/packing.py, migration 13) and naming their
actor, action, record type and device by number (migration 19): read back exactly as
written, upgraded without changing one event, and still caught when a stored byte is
altered."""

from __future__ import annotations

from dataclasses import asdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeconf.domain.auditchain import GENESIS_HASH, event_hash
from safeconf.domain.records import Case, Conference, Note, NoteSection
from safeconf.vault import packing
from safeconf.vault.audit import event_id
from safeconf.vault.errors import AppendOnly
from safeconf.vault.migrations import SCHEMA_VERSION
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.vault.old_schema import (
    restore_audit_words,
    restore_outbox_record_ids,
    restore_plain_texts,
    restore_queued_at,
    restore_records_data,
    restore_revisions_to_records,
    restore_superseded_mark,
    unpack_audit_events,
)

_FIELDS = "id, at, record_id, case_id, device, prev_hash, hash"
_WORDED = ("actor", "action", "record_type", "device")
# The bytes of an event's ids and hashes as stored (the legacy event of another shape aside).
_ID_AND_HASH_BYTES = ("SELECT sum(length(id) + length(record_id) + length(case_id)"
                      " + length(device) + coalesce(length(prev_hash), 0) + length(hash))"
                      " FROM audit_events WHERE record_id IS NOT 'C-17'")


def test_a_new_event_keeps_its_ids_hashes_and_time_packed_and_reads_back_as_written(vault):
    vault.cases.add(Case(case_number="AU-0", family_name="Ash"))  # the chain's first event
    case = vault.cases.add(Case(case_number="AU-1", family_name="Alder"))
    first, event = vault.audit.events()
    assert first.prev_hash == GENESIS_HASH
    assert vault._db.scalar("SELECT typeof(prev_hash) FROM audit_events WHERE seq = 1") == "blob"
    stored = vault._db.row(f"SELECT {', '.join(f'typeof({c})' for c in _FIELDS.split(', '))},"
                           " id, length(hash) FROM audit_events WHERE seq = ?",
                           (event.seq,))
    # Its id is made from its device, seq and time, so it keeps none; its prev_hash is the
    # hash of the event before, kept there only; its device and its case are numbers; a
    # creation names its record itself.
    assert stored == ("integer", "integer", "blob", "integer", "integer", "null", "blob", 0, 32)
    assert event.id == event_id(vault.device_id, event.seq, event.at) != first.id
    worded = vault._db.row(f"SELECT {', '.join(_WORDED)} FROM audit_events WHERE seq = ?",
                           (event.seq,))
    words = dict(vault._db.rows("SELECT id, word FROM audit_words"))
    assert [words[n] for n in worded] == [event.actor, event.action, event.record_type,
                                          event.device]
    # Each text is kept once, however many events name it.
    assert vault._db.scalar("SELECT count(*) FROM audit_words WHERE word = 'case'") == 1
    assert event.prev_hash == vault.audit.at(event.seq - 1).hash
    assert (event.record_id, event.case_id) == (case.id, case.id)
    assert event.device == vault.device_id
    assert len(event.at) == len("2026-12-03T05:15:06.705358+00:00")
    assert vault.audit.verify() is None


def _text_event_of_another_shape(vault: Vault) -> None:
    """An event as an older or another tool may have written it: an id that is no UUID, a
    time without microseconds. It must be kept as its text, not forced into a form."""
    last = vault.audit.events()[-1]
    body = {**asdict(last), "seq": last.seq + 1, "id": "legacy-event-1",
            "at": "2025-01-31T23:59:59+00:00", "record_id": "C-17", "prev_hash": last.hash}
    del body["hash"]
    values = {**body, "hash": event_hash(body)}
    vault._db.execute(f"INSERT INTO audit_events ({', '.join(values)}) VALUES"
                      f" ({', '.join('?' * len(values))})", list(values.values()))


def test_an_upgraded_vault_packs_every_event_and_every_event_reads_back_the_same(
    vault, data_dir, keyring_store,
):
    vault.cases.add(Case(case_number="AU-2", family_name="Birch"))
    vault.open_case(vault.cases.all()[0].id)
    with vault._db.transaction():
        restore_outbox_record_ids(vault._db)
        restore_plain_texts(vault._db)
        restore_revisions_to_records(vault._db)
        restore_audit_words(vault._db)
        restore_superseded_mark(vault._db)
        restore_records_data(vault._db)
        restore_queued_at(vault._db)
        unpack_audit_events(vault._db)
        _text_event_of_another_shape(vault)
    vault._db.execute("PRAGMA user_version = 12")
    as_text = vault.audit.events()
    assert as_text[-1].id == "legacy-event-1"
    text_bytes = vault._db.scalar(_ID_AND_HASH_BYTES)
    assert vault._db.scalar("SELECT count(*) FROM audit_events WHERE typeof(hash) = 'text'"
                            ) == len(as_text)
    vault.close()

    upgraded = Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert upgraded._db.scalar("PRAGMA user_version") == SCHEMA_VERSION
    assert upgraded.audit.events() == as_text
    assert upgraded.audit.verify() is None
    kinds = dict(upgraded._db.rows("SELECT id, typeof(at) FROM audit_events"))
    assert kinds.pop("legacy-event-1") == "text"  # kept as written, not forced
    assert set(kinds.values()) == {"integer"}
    assert upgraded._db.scalar(_ID_AND_HASH_BYTES) * 2 < text_bytes
    # The append-only guards came back with the new table.
    for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"):
        with pytest.raises(AppendOnly):
            upgraded._db.execute(statement)
    upgraded.close()


def test_one_altered_byte_of_a_packed_field_breaks_the_chain_at_that_event(vault):
    vault.cases.add(Case(case_number="AU-3", family_name="Cedar"))
    seq = vault.audit.events()[-1].seq
    vault._db.execute("DROP TRIGGER audit_no_update")
    packed = vault._db.scalar("SELECT record_id FROM audit_events WHERE seq = ?", (seq,))
    altered = packed[:-1] + bytes([packed[-1] ^ 1])
    vault._db.execute("UPDATE audit_events SET record_id = ? WHERE seq = ?", (altered, seq))
    assert vault.audit.verify() == seq


def test_a_stored_value_of_no_known_form_reads_as_something_that_fails_the_hash():
    assert packing.unpack_id(b"\x01\x02") == repr(b"\x01\x02")
    assert packing.unpack_time(10 ** 30) == repr(10 ** 30)


@given(st.one_of(st.text(max_size=80), st.uuids().map(str),
                 st.datetimes().map(lambda d: d.isoformat(timespec="microseconds") + "+00:00"),
                 st.binary(min_size=32, max_size=32).map(bytes.hex)))
def test_every_text_comes_back_exactly_from_its_packed_form(text):
    assert packing.unpack_id(packing.pack_id(text)) == text
    assert packing.unpack_hash(packing.pack_hash(text)) == text
    assert packing.unpack_time(packing.pack_time(text)) == text


def test_an_upgraded_vault_drops_the_queued_time_and_still_pushes_what_was_queued(
    vault, data_dir, keyring_store,
):
    vault.cases.add(Case(case_number="AU-4", family_name="Dogwood"))
    queued = vault.sync.pending(100)
    with vault._db.transaction():
        restore_outbox_record_ids(vault._db)
        restore_plain_texts(vault._db)
        restore_revisions_to_records(vault._db)
        restore_audit_words(vault._db)
        restore_superseded_mark(vault._db)
        restore_records_data(vault._db)
        restore_queued_at(vault._db)
    vault._db.execute("PRAGMA user_version = 13")
    vault.close()

    upgraded = Vault.open(data_dir, PASSPHRASE, keyring_store)
    columns = [row[1] for row in upgraded._db.rows("PRAGMA table_info(outbox)")]
    assert "queued_at" not in columns and "audit_seq" in columns
    assert upgraded.sync.pending(100) == queued
    upgraded.cases.add(Case(case_number="AU-5", family_name="Elm"))
    assert len(upgraded.sync.pending(100)) == len(queued) + 1
    upgraded.close()


def test_an_event_taken_out_of_the_chain_breaks_it_at_the_next_one(vault):
    for n in range(3):
        vault.cases.add(Case(case_number=f"AU-6{n}", family_name="Fir"))
    second = vault.audit.events()[1].seq
    vault._db.execute("DROP TRIGGER audit_no_delete")
    vault._db.execute("DELETE FROM audit_events WHERE seq = ?", (second,))
    assert vault.audit.events()[1].prev_hash == ""  # no event before it to take it from
    assert vault.audit.verify() == second + 1


def test_an_upgraded_vault_names_each_events_words_by_number_and_reads_the_same(
    vault, data_dir, keyring_store,
):
    for n in range(3):
        vault.cases.add(Case(case_number=f"AU-7{n}", family_name="Gum"))
    vault.open_case(vault.cases.all()[0].id)
    with vault._db.transaction():
        restore_outbox_record_ids(vault._db)
        restore_plain_texts(vault._db)
        restore_revisions_to_records(vault._db)
        restore_audit_words(vault._db)
        _text_event_of_another_shape(vault)
        # A device kept in none of migration 13's forms: left as it is, not worded.
        odd = vault.audit.events()[-1]
        body = {**asdict(odd), "seq": odd.seq + 1, "id": "legacy-event-2",
                "prev_hash": odd.hash, "device": repr(b"\x01\x02")}
        del body["hash"]
        values = {**body, "device": b"\x01\x02", "hash": event_hash(body)}
        vault._db.execute(f"INSERT INTO audit_events ({', '.join(values)}) VALUES"
                          f" ({', '.join('?' * len(values))})", list(values.values()))
    vault._db.execute("PRAGMA user_version = 18")
    before = vault.audit.events()
    assert vault._db.scalar("SELECT typeof(device) FROM audit_events WHERE seq = 1") == "blob"
    vault.close()

    upgraded = Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert upgraded.audit.events() == before
    assert upgraded.audit.verify() is None
    kinds = dict(upgraded._db.rows("SELECT id, typeof(device) FROM audit_events"))
    assert kinds.pop("legacy-event-2") == "blob"
    assert set(kinds.values()) == {"integer"}
    assert upgraded._db.scalar("SELECT count(*) FROM audit_words WHERE word = ?",
                               (upgraded.device_id,)) == 1
    # Its id is no longer indexed; the guards came back with the new table, and guard the
    # words too.
    assert upgraded._db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                               " AND tbl_name = 'audit_events'") == 0
    for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events",
                      "UPDATE audit_words SET word = 'x'", "DELETE FROM audit_words"):
        with pytest.raises(AppendOnly):
            upgraded._db.execute(statement)
    upgraded.cases.add(Case(case_number="AU-80", family_name="Hazel"))
    assert upgraded.audit.verify() is None
    upgraded.close()


def test_an_altered_word_or_a_number_no_word_has_breaks_the_chain(vault):
    vault.cases.add(Case(case_number="AU-9", family_name="Ivy"))
    vault.cases.add(Case(case_number="AU-10", family_name="Juniper"))
    first, last = vault.audit.events()[-2:]
    vault._db.execute("DROP TRIGGER audit_no_update")
    unknown = vault._db.scalar("SELECT max(id) + 1 FROM audit_words")
    vault._db.execute("UPDATE audit_events SET actor = ? WHERE seq = ?", (unknown, last.seq))
    assert vault.audit.events()[-1].actor == f"#{unknown}"
    assert vault.audit.verify() == last.seq
    # A word changed changes every event that names it: the first of them breaks.
    vault._db.execute("DROP TRIGGER audit_words_no_update")
    vault._db.execute("UPDATE audit_words SET word = 'cass' WHERE word = 'case'")
    assert vault.audit.verify() <= first.seq


def test_a_word_added_by_a_write_that_was_undone_is_not_named_by_the_next(vault):
    vault.cases.add(Case(case_number="AU-11", family_name="Kauri"))
    with pytest.raises(RuntimeError), vault._db.transaction():
        vault.audit.append("a-new-action", "case", vault.cases.all()[0].id, "")
        raise RuntimeError("the write fails after its event")
    assert vault._db.scalar("SELECT count(*) FROM audit_words WHERE word = 'a-new-action'"
                            ) == 0
    vault.audit.append("another-action", "case", vault.cases.all()[0].id, "")
    assert vault.audit.events()[-1].action == "another-action"
    assert vault.audit.verify() is None


def test_updates_name_their_record_by_number_kept_once_and_read_back_as_written(vault):
    case = vault.cases.add(Case(case_number="AU-12", family_name="Larch"))
    conference = vault.conferences.add(
        Conference(case_id=case.id, scheduled_start="2026-11-25T09:00:00+00:00"))
    note = vault.notes.add(Note(case_id=case.id, conference_id=conference.id,
                                section=NoteSection.GENERAL))
    for n in range(1, 6):
        note = vault.notes.save_body(note, "A sentence. " * n, "worker")
    saves = [e for e in vault.audit.events() if e.record_id == note.id]
    assert [e.action for e in saves] == ["create"] + ["update"] * 5
    kinds = vault._db.rows("SELECT typeof(record_id), typeof(case_id) FROM audit_events"
                           " WHERE seq >= ? ORDER BY seq", (saves[0].seq,))
    assert kinds == [("blob", "integer")] + [("integer", "integer")] * 5
    # The note's id and the case's are each kept once, as their 16 bytes.
    for record_id in (note.id, case.id):
        assert vault._db.scalar("SELECT count(*) FROM audit_words WHERE word = ?",
                                (packing.pack_id(record_id),)) == 1
    assert vault.audit.verify() is None
    # One altered byte of the note's id breaks the chain at its first update.
    vault._db.execute("DROP TRIGGER audit_words_no_update")
    packed = packing.pack_id(note.id)
    vault._db.execute("UPDATE audit_words SET word = ? WHERE word = ?",
                      (packed[:-1] + bytes([packed[-1] ^ 1]), packed))
    assert vault.audit.verify() == saves[1].seq


def test_an_event_whose_id_is_made_from_its_fields_breaks_the_chain_when_one_of_them_changes(
    vault,
):
    """Its id is kept as a sign only: a seq, time or device altered makes another id, and
    another number where the sign stands is no id the event was hashed with."""
    vault.cases.add(Case(case_number="AU-9", family_name="Hazel"))
    vault.cases.add(Case(case_number="AU-10", family_name="Holly"))
    seq = vault.audit.events()[-1].seq - 1
    vault._db.execute("DROP TRIGGER audit_no_update")
    kept_at = vault._db.scalar("SELECT at FROM audit_events WHERE seq = ?", (seq,))
    vault._db.execute("UPDATE audit_events SET at = at + 1 WHERE seq = ?", (seq,))
    assert vault.audit.verify() == seq
    vault._db.execute("UPDATE audit_events SET at = ?, id = 1 WHERE seq = ?", (kept_at, seq))
    assert vault.audit.events()[seq - 1].id == "#1"
    assert vault.audit.verify() == seq
    vault._db.execute("UPDATE audit_events SET id = 0 WHERE seq = ?", (seq,))
    assert vault.audit.verify() is None
    # A time that reads as no time at all: still a broken link, not a failure to read.
    vault._db.execute("UPDATE audit_events SET at = 'no time' WHERE seq = ?", (seq,))
    assert vault.audit.events()[seq - 1].id == "#unreadable time"
    assert vault.audit.verify() == seq
