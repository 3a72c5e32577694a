"""Migration 7: a vault written before legal review requests guards them once upgraded."""

from __future__ import annotations

import pytest

from safeconf.domain.records import Case
from tests.support import disclosures
from tests.vault.old_schema import undo_migrations_from_9


def test_a_version_6_vault_upgrades_so_legal_reviews_are_append_only(
    vault, data_dir, keyring_store
):
    from safeconf.vault.migrations import MIGRATIONS
    from safeconf.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    case = vault.cases.add(Case(case_number="LR-7", family_name="Alder"))
    stored = vault.legal_reviews.add(disclosures.review(case.id))
    db = vault._db
    # Back to version 6's triggers, which did not guard this type.
    db._connection.executescript(MIGRATIONS[5])
    undo_migrations_from_9(db)
    db.execute("PRAGMA user_version = 6")
    db.execute("UPDATE records SET version = 2 WHERE id = ?", (stored.id,))  # unguarded
    db.execute("UPDATE records SET version = 1 WHERE id = ?", (stored.id,))
    vault.close()

    reopened = Vault.open(data_dir, PASSPHRASE, keyring_store)
    try:
        with pytest.raises(Exception, match="only be added"):
            reopened._db.execute("UPDATE records SET version = 9 WHERE id = ?", (stored.id,))
        with pytest.raises(Exception, match="only be added"):
            reopened._db.execute("DELETE FROM records WHERE id = ?", (stored.id,))
        assert reopened.legal_reviews.for_case(case.id) == [stored]
    finally:
        reopened.close()
