"""Reading and altering a note revision's row as stored, for tests that play a damaged file
or a hostile writer (vault/revision_rows.py keeps revisions in a table of their own)."""

from __future__ import annotations

import json
from typing import Any

from safeconf.vault import revision_rows
from safeconf.vault.database import Database
from safeconf.vault.revision_rows import TABLE, VIEW, key


def revision_data(db: Database, revision_id: str) -> str | None:
    """A revision's record as its row gives it (its `data`), or None."""
    found = db.scalar(f"SELECT data FROM {VIEW} WHERE id = ?", (key(revision_id),))
    return None if found is None else str(found)


def alter_revision(db: Database, revision_id: str, **fields: Any) -> None:
    """Rewrite a revision's row with `fields` changed, past the append-only guard and past
    every check: as a damaged file or a writer with the key could leave it."""
    data = json.loads(revision_data(db, revision_id) or "null")
    data.update(fields)
    rowid = db.scalar(f"SELECT rowid FROM {TABLE} WHERE id = ?", (key(revision_id),))
    with db.purging():
        db.execute(f"DELETE FROM {TABLE} WHERE id = ?", (key(revision_id),))
        revision_rows.insert_fields(db, data, rowid)  # its row, where its outbox row looks


def queued_as(db: Database, revision_id: str) -> int:
    """What a revision's outbox row names it by: its row (vault migration 22)."""
    return int(db.scalar(f"SELECT rowid FROM {TABLE} WHERE id = ?", (key(revision_id),)))
