"""The vault side of sync: outbox, pulled pages, conflicts kept, purges, shredding, and the
schema migration that added them."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from safeconf.domain.errors import ReadOnlyRecord
from safeconf.domain.records import (
    Case,
    Conference,
    ConferenceState,
    Note,
    NoteRevision,
    NoteSection,
)
from safeconf.vault.errors import DeviceSecretMissing, NoVault, RecordNotFound
from safeconf.vault.migrations import SCHEMA_VERSION
from safeconf.vault.sync_store import Credentials, Unusable
from safeconf.vault.vault import DB_NAME, KEYS_NAME, Vault
from tests.conftest import PASSPHRASE
from tests.vault.old_schema import undo_migrations_from_9


@pytest.fixture
def case(vault):
    return vault.cases.add(Case(case_number="S-1", family_name="Sync"))


def remote_case(number="R-1"):
    return Case(case_number=number, family_name="Remote", origin_device="hq")


def test_the_outbox_keeps_each_write_as_it_was_written(vault, case):
    conf = vault.conferences.add(Conference(case_id=case.id,
                                            scheduled_start="2026-11-25T09:00:00+00:00"))
    vault.conferences.update(replace(conf, location="Kitchen"))
    pending = vault.sync.pending(100)
    assert [(p.seq, p.record_type, p.version) for p in pending] == [
        (1, "case", 1), (2, "conference", 1), (3, "conference", 2),
    ]
    assert pending[1].data["location"] == "" and pending[2].data["location"] == "Kitchen"
    assert [p.base_version for p in pending] == [None, None, 1]


def test_pushed_entries_leave_the_outbox_and_the_sequence_continues(vault, case):
    vault.sync.mark_pushed(1, 1)
    assert vault.sync.pending(10) == []
    vault.cases.update(replace(case, family_name="Renamed"))
    assert [p.seq for p in vault.sync.pending(10)] == [2]
    assert vault.sync.pending_audit(10)[0].seq == 2


def test_a_pulled_page_and_its_cursor_land_together(vault):
    remote = remote_case()
    result = vault.sync.apply_page([remote], new_cursor=7)
    assert result.inserted == 1 and vault.sync.cursor == 7
    assert vault.cases.get(remote.id) == remote
    assert vault.search("Remote")[0].record_id == remote.id
    # Received records are not echoed back to HQ.
    assert vault.sync.pending(10) == []


def test_a_page_that_fails_half_way_changes_nothing(vault):
    good = remote_case("R-2")
    with pytest.raises(KeyError):
        vault.sync.apply_page([good, "not a record"], new_cursor=9)  # type: ignore[list-item]
    assert vault.sync.cursor == 0
    assert vault.cases.count() == 0


def test_a_newer_hq_version_replaces_an_untouched_local_copy(vault):
    remote = remote_case()
    vault.sync.apply_page([remote], 1)
    newer = replace(remote, family_name="Remote-Updated", version=2)
    assert vault.sync.apply_page([newer], 2).updated == 1
    assert vault.cases.get(remote.id).family_name == "Remote-Updated"


def test_when_both_sides_changed_both_versions_are_kept_and_flagged(vault, case):
    vault.cases.update(replace(case, family_name="Local edit"))
    theirs = replace(case, family_name="HQ edit", version=2)
    assert vault.sync.apply_page([theirs], 3).conflicts == 1
    assert vault.cases.get(case.id).family_name == "Local edit"
    [conflict] = vault.sync.conflicts()
    assert conflict["record_id"] == case.id
    stored = vault._db.scalar("SELECT remote_data FROM sync_conflicts")
    assert json.loads(stored)["family_name"] == "HQ edit"


def test_an_append_only_record_arriving_with_other_content_is_a_conflict(vault, case):
    conf = vault.conferences.add(Conference(case_id=case.id,
                                            scheduled_start="2026-11-25T09:00:00+00:00"))
    note = vault.notes.add(Note(case_id=case.id, conference_id=conf.id,
                                section=NoteSection.GENERAL, body="original"))
    revision = vault.notes.revisions(note.id)[0]
    forged = replace(revision, body="rewritten elsewhere", sha256="")
    assert vault.sync.apply_page([forged], 4).conflicts == 1
    assert vault.store.get(NoteRevision, revision.id).body == "original"


def test_purging_a_case_removes_its_records_and_search_entries_and_is_audited(vault, case):
    conf = vault.conferences.add(Conference(case_id=case.id,
                                            scheduled_start="2026-11-25T09:00:00+00:00"))
    vault.notes.add(Note(case_id=case.id, conference_id=conf.id, section=NoteSection.GENERAL,
                         body="sealed words about the child"))
    other = vault.cases.add(Case(case_number="S-2", family_name="Keep"))
    result = vault.sync.apply_page([], 5, purge_case_ids=[case.id])
    assert result.purged_cases == 1
    assert vault._db.scalar("SELECT count(*) FROM records WHERE case_id = ?", (case.id,)) == 0
    assert vault.search("sealed") == []
    assert vault.cases.get(other.id)
    last = vault.audit.events()[-2:]
    assert [(e.action, e.record_id) for e in last] == [("purge", case.id), ("sync_pull", "5")]
    assert all(r.ok for r in vault.check())


def test_credentials_live_inside_the_encrypted_vault(vault, data_dir):
    creds = Credentials("dev-1", "w.tester", "https://127.0.0.1:8443", "CA", "CERT",
                        "-----BEGIN PRIVATE KEY-----secret-key-material")
    vault.sync.save_credentials(creds)
    assert vault.sync.credentials() == creds
    vault.close()
    for f in data_dir.iterdir():
        assert b"secret-key-material" not in f.read_bytes()


def test_shredding_destroys_the_keys_first_and_then_the_files(vault, data_dir, keyring_store):
    vault_id = vault.vault_id
    vault.shred(keyring_store)
    assert not (data_dir / KEYS_NAME).exists() and not (data_dir / DB_NAME).exists()
    with pytest.raises(DeviceSecretMissing):
        keyring_store.load(vault_id)
    with pytest.raises(NoVault):
        Vault.open(data_dir, PASSPHRASE, keyring_store)


def test_a_version_1_vault_is_migrated_with_a_backup_first(vault, case, data_dir, keyring_store):
    # Turn the fresh vault back into what version 1 wrote.
    db = vault._db
    undo_migrations_from_9(db)
    db.execute("ALTER TABLE outbox DROP COLUMN audit_seq")
    db.execute("ALTER TABLE outbox DROP COLUMN data")
    db.execute("DROP TABLE sync_state")
    db.execute("DROP TABLE sync_conflicts")
    db.execute("DROP TABLE sync_quarantine")
    db.execute("PRAGMA user_version = 1")
    vault.close()
    reopened = Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert reopened._db.scalar("PRAGMA user_version") == SCHEMA_VERSION
    [pending] = reopened.sync.pending(10)
    assert pending.data["family_name"] == "Sync"
    assert (data_dir / f"{DB_NAME}.before-schema-{SCHEMA_VERSION}.bak").exists()
    assert all(r.ok for r in reopened.check())
    reopened.close()


def test_a_pulled_record_this_laptop_cannot_use_is_quarantined_and_the_rest_applies(
        vault, case):
    good = remote_case("R-5")
    soon = Conference(case_id=case.id, scheduled_start="soon")  # built, never validated
    unreadable = Unusable("conference", {"id": "x", "case_id": case.id, "state": "??"},
                          "Conference: unknown state")
    result = vault.sync.apply_page([soon, good, unreadable], new_cursor=12)
    assert (result.inserted, result.quarantined) == (1, 2) and vault.sync.cursor == 12
    assert vault.cases.get(good.id) == good
    kept = vault.sync.quarantined()
    assert [(q["record_type"], q["case_id"]) for q in kept] == [("conference", case.id)] * 2
    assert "scheduled_start" in kept[0]["problem"]
    with pytest.raises(RecordNotFound):
        vault.conferences.get(soon.id)
    [line] = [c for c in vault.check() if c.name == "records from HQ"]
    assert line.ok and "2 kept aside" in line.detail and "scheduled_start" in line.detail
    vault.sync.purge_cases([case.id])
    assert vault.sync.quarantined() == []


def test_a_pulled_change_to_a_conference_finalized_here_is_kept_beside_it_never_applied(
        vault, case):
    conf = vault.conferences.add(Conference(case_id=case.id, state=ConferenceState.IN_SESSION,
                                            scheduled_start="2026-11-25T09:00:00+00:00"))
    note = vault.notes.add(Note(case_id=case.id, conference_id=conf.id,
                                section=NoteSection.DECISIONS, body="as decided"))
    concluded = vault.conferences.update(replace(conf, state=ConferenceState.CONCLUDED))
    final = vault.conferences.update(replace(concluded, state=ConferenceState.FINALIZED))
    vault.sync.mark_pushed(10**6, 10**6)
    elsewhere = replace(note, body="changed on another laptop", version=note.version + 1)
    reopened = replace(final, state=ConferenceState.IN_SESSION, version=final.version + 1)
    result = vault.sync.apply_page([elsewhere, reopened], new_cursor=20)
    assert result.conflicts == 2 and vault.sync.cursor == 20
    assert vault.notes.get(note.id).body == "as decided"
    assert vault.conferences.get(conf.id).state is ConferenceState.FINALIZED
    kept = {c["record_id"]: c for c in vault.sync.conflicts()}
    assert "finalized" in kept[note.id]["reason"]
    assert vault.sync.conflict(kept[note.id]["id"])["remote"].body == "changed on another laptop"


def test_the_vault_refuses_to_write_into_a_finalized_conference_whoever_calls_it(vault, case):
    conf = vault.conferences.add(Conference(case_id=case.id, state=ConferenceState.FINALIZED,
                                            scheduled_start="2026-11-25T09:00:00+00:00"))
    with pytest.raises(ReadOnlyRecord):
        vault.notes.add(Note(case_id=case.id, conference_id=conf.id,
                             section=NoteSection.DECISIONS, body="after the fact"))
    with pytest.raises(ReadOnlyRecord):
        vault.conferences.update(replace(conf, state=ConferenceState.IN_SESSION))
    addendum = vault.notes.add(Note(case_id=case.id, conference_id=conf.id, is_addendum=True,
                                    section=NoteSection.GENERAL, body="Correction."))
    assert vault.notes.get(addendum.id).is_addendum
