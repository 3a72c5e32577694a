"""What a query on `records` must say for SQLite to use its indexes.

Note revisions, one a save, are only ever looked up by their note or by id, so the indexes
by type and by case left them out (migration 17), and since migration 20 they have a table
of their own (vault/revision_rows.py). The partial indexes stay as they are: SQLite uses one
only for a query that repeats its condition word for word, so every query by type or by
case says it.
"""

from __future__ import annotations

REVISION_TYPE = "note_revision"
# The condition of the partial indexes records_by_type and records_by_case.
NOT_A_REVISION = f"type <> '{REVISION_TYPE}'"


def of_type(name: str, table: str = "") -> str:
    """The WHERE term for records of type `name`, bound as the next parameter; `table` is
    the alias the query gives `records`, if any."""
    column = f"{table}.type" if table else "type"
    return f"{column} = ? AND {column} <> '{REVISION_TYPE}'"
