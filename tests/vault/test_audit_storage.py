"""Audit events kept in their packed forms (vault/packing.py, migration 13): read back
exactly as written, upgraded from text without changing one event, and still caught when a
stored byte is altered."""

from __future__ import annotations

from dataclasses import asdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeconf.domain.auditchain import GENESIS_HASH, event_hash
from safeconf.domain.records import Case
from safeconf.vault import packing
from safeconf.vault.errors import AppendOnly
from safeconf.vault.migrations import SCHEMA_VERSION
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.vault.old_schema import (
    restore_queued_at,
    restore_records_data,
    restore_superseded_mark,
    unpack_audit_events,
)

_FIELDS = "id, at, record_id, case_id, device, prev_hash, hash"
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
                           " length(id), length(hash) FROM audit_events WHERE seq = ?",
                           (event.seq,))
    # Its prev_hash is the hash of the event before, kept there only.
    assert stored == ("blob", "integer", "blob", "blob", "blob", "null", "blob", 16, 32)
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
        restore_superseded_mark(vault._db)
        restore_records_data(vault._db)
        restore_queued_at(vault._db)
        unpack_audit_events(vault._db)
        _text_event_of_another_shape(vault)
    vault._db.execute("PRAGMA user_version = 12")
    as_text = vault.audit.events()
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
    with vault._db.transaction():
        restore_superseded_mark(vault._db)
        restore_records_data(vault._db)
        restore_queued_at(vault._db)
    vault._db.execute("PRAGMA user_version = 13")
    queued = vault.sync.pending(100)
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
