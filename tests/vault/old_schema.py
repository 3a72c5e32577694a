"""Turning a fresh vault back into what an older version wrote, for the migration tests."""

from __future__ import annotations

from safeconf.vault import audit_columns
from safeconf.vault.database import Database

_PACKED_AUDIT_FIELDS = {"id": audit_columns.unpack_id, "at": audit_columns.unpack_time,
                        "record_id": audit_columns.unpack_id,
                        "case_id": audit_columns.unpack_id, "device": audit_columns.unpack_id,
                        "prev_hash": audit_columns.unpack_hash,
                        "hash": audit_columns.unpack_hash}


def unpack_audit_events(db: Database) -> None:
    """Undo migration 13: every audit event's fields back to their text, as before it (the
    triggers the test has in place stay; only the update guard is lifted meanwhile)."""
    db.execute("DROP TRIGGER audit_no_update")
    columns = ", ".join(_PACKED_AUDIT_FIELDS)
    for seq, *values in db.rows(f"SELECT seq, {columns} FROM audit_events"):
        texts = [unpack(v) for unpack, v in zip(_PACKED_AUDIT_FIELDS.values(), values,
                                                strict=True)]
        db.execute(f"UPDATE audit_events SET ({columns}) = ({', '.join('?' * len(texts))})"
                   " WHERE seq = ?", (*texts, seq))
    db.execute("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events"
               " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")


def undo_migrations_from_9(db: Database) -> None:
    """Remove what migrations 9-13 added (each test then undoes what came before 9). The
    triggers of 12 go first: they name outbox.data, which a version 1 vault lacks."""
    unpack_audit_events(db)  # version 13
    db.execute("DROP TRIGGER outbox_copy_before_note_update")  # added by version 12
    db.execute("DROP TRIGGER outbox_copy_before_note_delete")
    db.execute("DROP TABLE signing_key")  # added by version 11
    db.execute("DROP TABLE signer_certificates")
    db.execute("DROP TABLE search_pending")  # added by version 10
    db.execute("ALTER TABLE outbox DROP COLUMN base_version")  # added by version 9
    db.execute("ALTER TABLE outbox DROP COLUMN superseded")
