"""What a query on `records` must say for SQLite to use its indexes.

Note revisions are most of the rows (one a save) and are only ever looked up by their note
or by id, so the indexes by type and by case leave them out (migration 17): two index
entries a save fewer. SQLite uses such a partial index only for a query that repeats its
condition word for word, so every query by type or by case for other records says it.
"""

from __future__ import annotations

REVISION_TYPE = "note_revision"
# The condition of the partial indexes records_by_type and records_by_case.
NOT_A_REVISION = f"type <> '{REVISION_TYPE}'"


def of_type(name: str, table: str = "") -> str:
    """The WHERE term for records of type `name`, bound as the next parameter; `table` is
    the alias the query gives `records`, if any."""
    column = f"{table}.type" if table else "type"
    if name == REVISION_TYPE:
        return f"{column} = ?"
    return f"{column} = ? AND {column} <> '{REVISION_TYPE}'"
