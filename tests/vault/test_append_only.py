"""Only the purge code may remove append-only records, and nothing may remove audit events: a
row in `meta` (which any write could add) no longer opens the triggers. Real SQLCipher."""

from __future__ import annotations

import pytest

from safeconf.domain.records import (
    AckMethod,
    Acknowledgment,
    Attendee,
    Case,
    Conference,
    Language,
    Role,
)
from safeconf.vault.errors import AppendOnly
from safeconf.vault.migrations import MIGRATIONS, SCHEMA_VERSION
from safeconf.vault.vault import DB_NAME, Vault
from tests.conftest import PASSPHRASE
from tests.vault.old_schema import undo_migrations_from_9


def acknowledged(vault: Vault, number: str = "A-1") -> Acknowledgment:
    case = vault.cases.add(Case(case_number=number, family_name="Ash"))
    conf = vault.conferences.add(Conference(case_id=case.id,
                                            scheduled_start="2026-12-01T09:00:00+00:00"))
    person = vault.attendees.add(Attendee(case_id=case.id, conference_id=conf.id, name="Ada",
                                          role=Role.PARENT))
    return vault.acknowledgments.add(Acknowledgment(
        case_id=case.id, conference_id=conf.id, attendee_id=person.id, statement_id="s",
        statement_version=1, statement_sha256="0" * 64, language=Language.ENGLISH,
        method=AckMethod.TYPED_NAME, typed_name="Ada"))


def assert_meta_flag_opens_nothing(vault: Vault, ack: Acknowledgment) -> None:
    db = vault._db
    db.execute("INSERT INTO meta (key, value) VALUES ('purging', '1')")
    with pytest.raises(AppendOnly):
        db.execute("DELETE FROM records WHERE id = ?", (ack.id,))
    with pytest.raises(AppendOnly):
        db.execute("DELETE FROM audit_events WHERE seq = 1")
    db.execute("DELETE FROM meta WHERE key = 'purging'")
    assert vault.acknowledgments.get(ack.id) == ack
    assert vault.audit.verify() is None


def test_a_purging_row_in_meta_no_longer_lets_acknowledgments_or_audit_events_go(vault):
    ack = acknowledged(vault)
    assert_meta_flag_opens_nothing(vault, ack)
    # The purge path still removes the whole case, acknowledgment included.
    assert vault.sync.purge_cases([ack.case_id]) == 1
    assert vault._db.scalar("SELECT count(*) FROM records WHERE case_id = ?",
                            (ack.case_id,)) == 0
    # And once it is done, the triggers hold again.
    other = acknowledged(vault, "A-2")
    with pytest.raises(AppendOnly):
        vault._db.execute("DELETE FROM records WHERE id = ?", (other.id,))
    assert all(r.ok for r in vault.check())


def test_a_version_2_vault_gets_the_new_triggers_with_a_backup_first(
    vault, data_dir, keyring_store,
):
    ack = acknowledged(vault)
    # Turn the vault back into what version 2 wrote: the meta-row triggers, no audit_seq.
    db = vault._db
    with db.transaction():
        db.execute("DROP TRIGGER records_append_only_delete")
        db.execute("DROP TRIGGER audit_no_delete")
        for statement in MIGRATIONS[0].split(";"):
            if "records_append_only_delete" in statement or "audit_no_delete" in statement:
                db.execute(statement.strip() + "; END")
        undo_migrations_from_9(db)
        db.execute("ALTER TABLE outbox DROP COLUMN audit_seq")
        db.execute("DROP TABLE sync_quarantine")  # added by version 4
        # The hole version 2 had: any write could add the flag and remove an audit event.
        db.execute("INSERT INTO meta (key, value) VALUES ('purging', '1')")
        db.execute("DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)")
        db.execute("DELETE FROM meta WHERE key = 'purging'")
    db.execute("PRAGMA user_version = 2")
    vault.close()

    reopened = Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert reopened._db.scalar("PRAGMA user_version") == SCHEMA_VERSION == 23
    assert (data_dir / f"{DB_NAME}.before-schema-{SCHEMA_VERSION}.bak").exists()
    assert_meta_flag_opens_nothing(reopened, ack)
    # Rows queued before the upgrade are covered by every audit event the vault had then.
    assert {p.audit_seq for p in reopened.sync.pending(100)} == {reopened.audit.count()}
    reopened.close()
