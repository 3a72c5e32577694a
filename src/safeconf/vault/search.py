"""Full-text search over notes, attendee names and cases, limited to what the user may see:
never sealed or deleted cases, and only the cases the caller allows."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from safeconf.vault.database import Database
from safeconf.vault.indexes import NOT_A_REVISION

MAX_RESULTS = 200
RANKED_WINDOW = 1000
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    record_type: str  # "note", "attendee" or "case"
    record_id: str
    case_id: str
    conference_id: str
    snippet: str  # matched words wrapped in [ ]


def to_fts_query(text: str) -> str | None:
    """Turn what a person types into a safe FTS5 query: every word must match, the last as a
    prefix (search as you type). FTS5 syntax characters are never passed through."""
    words = _WORD.findall(text)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def catch_up(db: Database, text_of: Callable[[str, str], str | None]) -> int:
    """Bring the entries of notes saved since the last search up to date (a save only marks
    its note in `search_pending`, so typing does not rewrite the index at every pause);
    `text_of(type, data)` is what search sees of a stored record. Returns how many."""
    pending = [r[0] for r in db.rows("SELECT record_rowid FROM search_pending")]
    if not pending:
        return 0
    with db.transaction():
        for rowid in pending:
            db.execute("DELETE FROM search_index WHERE rowid = ?", (rowid,))
            row = db.row("SELECT type, case_id, deleted, data,"
                         " coalesce(json_extract(data, '$.conference_id'), '')"
                         " FROM records WHERE rowid = ?", (rowid,))
            if row is not None and not row[2]:
                text = text_of(row[0], row[3])
                if text:
                    db.execute("INSERT INTO search_index (rowid, text, record_type, case_id,"
                               " conference_id) VALUES (?, ?, ?, ?, ?)",
                               (rowid, text, row[0], row[1], row[4]))
            db.execute("DELETE FROM search_pending WHERE record_rowid = ?", (rowid,))
    return len(pending)


def search(
    db: Database,
    text: str,
    visible_cases: Collection[str] | None = None,
    limit: int = 50,
) -> list[SearchHit]:
    """Best matches among the most recent `RANKED_WINDOW` matching records.

    Ranking every match of a common word costs time in proportion to the whole vault; the
    window bounds it, and for a caseworker recent records are the likelier target anyway.
    """
    query = to_fts_query(text)
    if query is None:
        return []
    limit = max(1, min(limit, MAX_RESULTS))
    hidden = [
        row[0]
        for row in db.rows(
            f"SELECT id FROM records WHERE type = 'case' AND {NOT_A_REVISION}"
            " AND (deleted = 1 OR json_extract(data, '$.sealed') = 1)"
        )
    ]
    scope = "search_index.case_id NOT IN (SELECT value FROM json_each(?))"
    params: list[object] = [query, json.dumps(hidden)]
    if visible_cases is not None:
        scope += " AND search_index.case_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(sorted(visible_cases)))
    floor = db.scalar(
        f"SELECT rowid FROM search_index WHERE search_index MATCH ? AND {scope}"
        " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        (*params, RANKED_WINDOW - 1),
    )
    rows = db.rows(
        f"""
        SELECT search_index.record_type, r.id, search_index.case_id, search_index.conference_id,
               snippet(search_index, 0, '[', ']', '…', 12)
        FROM search_index
        JOIN records AS r ON r.rowid = search_index.rowid
        WHERE search_index MATCH ? AND {scope} AND search_index.rowid >= ? AND r.deleted = 0
        ORDER BY search_index.rank
        LIMIT ?
        """,
        (*params, floor or 0, limit),
    )
    return [SearchHit(*row) for row in rows]
