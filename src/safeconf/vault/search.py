"""Full-text search over notes, attendee names and cases, limited to what the user may see:
never sealed or deleted cases, and only the cases the caller allows."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from safeconf.vault.database import Database

MAX_RESULTS = 200
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


def search(
    db: Database,
    text: str,
    visible_cases: Collection[str] | None = None,
    limit: int = 50,
) -> list[SearchHit]:
    query = to_fts_query(text)
    if query is None:
        return []
    limit = max(1, min(limit, MAX_RESULTS))
    rows = db.rows(
        """
        SELECT s.record_type, r.id, s.case_id, s.conference_id,
               snippet(search_index, 0, '[', ']', '…', 12)
        FROM search_index AS s
        JOIN records AS r ON r.rowid = s.rowid
        JOIN records AS c ON c.id = s.case_id AND c.type = 'case'
        WHERE search_index MATCH ?
          AND r.deleted = 0 AND c.deleted = 0
          AND json_extract(c.data, '$.sealed') = 0
        ORDER BY bm25(search_index)
        LIMIT ?
        """,
        (query, limit if visible_cases is None else MAX_RESULTS * 5),
    )
    hits = [SearchHit(*row) for row in rows]
    if visible_cases is not None:
        allowed = set(visible_cases)
        hits = [h for h in hits if h.case_id in allowed][:limit]
    return hits
