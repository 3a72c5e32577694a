"""Records of no case in the vault: stored and queued like any record, append-only, and
never accepted from a pulled page (HQ never serves them; one that arrives is kept aside)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from safeconf.domain.records import Language, StaffAcknowledgment
from safeconf.vault.errors import AppendOnly
from tests.vault.old_schema import undo_migrations_from_9


def staff_ack() -> StaffAcknowledgment:
    return StaffAcknowledgment(acknowledged_by="w.tester", statement_id="staff_confidentiality",
                               statement_version=1, statement_sha256="c" * 64,
                               language=Language.ENGLISH)


def test_a_staff_acknowledgment_is_stored_and_queued_for_hq_without_a_case(vault):
    stored = vault.staff_acknowledgments.add(staff_ack())
    assert vault.staff_acknowledgments.all() == [stored] and stored.case_id == ""
    [item] = vault.sync.pending(10)
    assert item.record_type == "staff_acknowledgment" and item.data["id"] == stored.id


def test_a_staff_acknowledgment_is_never_changed(vault):
    stored = vault.staff_acknowledgments.add(staff_ack())
    with pytest.raises(AppendOnly):
        vault.store.update(replace(stored, language=Language.SPANISH))


def test_a_pulled_staff_acknowledgment_is_quarantined_not_stored(vault):
    result = vault.sync.apply_page([staff_ack()], new_cursor=5)
    assert result.quarantined == 1 and result.inserted == 0
    assert vault.staff_acknowledgments.all() == []
    [kept] = vault.sync.quarantined()
    assert kept["record_type"] == "staff_acknowledgment" and "no case" in kept["problem"]


def test_a_version_4_vault_upgrades_so_staff_acknowledgments_are_append_only(
    vault, data_dir, keyring_store
):
    from safeconf.vault.migrations import MIGRATIONS
    from safeconf.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    stored = vault.staff_acknowledgments.add(staff_ack())
    db = vault._db
    with db.transaction():  # back to version 4's triggers, which did not guard this type
        db.execute("DROP TRIGGER records_append_only_update")
        db.execute("DROP TRIGGER records_append_only_delete")
        for statement in (*MIGRATIONS[0].split(";"), *MIGRATIONS[2].split(";")):
            if "CREATE TRIGGER records_append_only_update" in statement or (
                    "CREATE TRIGGER records_append_only_delete" in statement
                    and "safeconf_purging" in statement):
                db.execute(statement.strip() + "; END")
    undo_migrations_from_9(db)
    db.execute("PRAGMA user_version = 4")
    vault.close()

    reopened = Vault.open(data_dir, PASSPHRASE, keyring_store)
    try:
        with pytest.raises(Exception, match="only be added"):
            reopened._db.execute("UPDATE records SET version = 9 WHERE id = ?", (stored.id,))
        with pytest.raises(Exception, match="only be added"):
            reopened._db.execute("DELETE FROM records WHERE id = ?", (stored.id,))
        assert reopened.staff_acknowledgments.all() == [stored]
    finally:
        reopened.close()
