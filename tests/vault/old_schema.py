"""Turning a fresh vault back into what an older version wrote, for the migration tests."""

from __future__ import annotations

from safeconf.vault.database import Database


def undo_migrations_from_9(db: Database) -> None:
    """Remove what migrations 9-12 added (each test then undoes what came before 9). The
    triggers of 12 go first: they name outbox.data, which a version 1 vault lacks."""
    db.execute("DROP TRIGGER outbox_copy_before_note_update")  # added by version 12
    db.execute("DROP TRIGGER outbox_copy_before_note_delete")
    db.execute("DROP TABLE signing_key")  # added by version 11
    db.execute("DROP TABLE signer_certificates")
    db.execute("DROP TABLE search_pending")  # added by version 10
    db.execute("ALTER TABLE outbox DROP COLUMN base_version")  # added by version 9
    db.execute("ALTER TABLE outbox DROP COLUMN superseded")
