"""HQ's copy of records and the change log devices pull from.

Each record has one change-log row, at the seq of its latest change; re-logging a record moves
it to a new seq, which is how a newly assigned or unsealed case reaches devices whose cursor
is already past its records.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import Connection, insert, select, update

from safeconf.domain import codec
from safeconf.domain.auditchain import canonical_json
from safeconf.domain.records import RecordMeta
from safeconf.hq import schema
from safeconf.hq.db import allocate_change_seqs, upsert
from safeconf.hq.errors import AdminError

T = TypeVar("T")
R = TypeVar("R", bound=RecordMeta)
CHUNK = 500  # keeps IN lists well under SQLite's and PostgreSQL's parameter limits


def canonical_record(record: RecordMeta) -> tuple[str, str]:
    """The stored JSON text of a record and its SHA-256 (content hash)."""
    raw = canonical_json(codec.to_dict(record))
    return raw.decode("utf-8"), hashlib.sha256(raw).hexdigest()


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def relog(conn: Connection, entries: Sequence[tuple[str, str, str]]) -> None:
    """Give each (record_id, record_type, case_id) a new change seq, in the order given.

    An upsert on record_id, taken after the counter lock: every writer locks the counter
    first and change rows second, so concurrent writers cannot deadlock on them.
    """
    if not entries:
        return
    first = allocate_change_seqs(conn, len(entries))
    changes = schema.changes
    stmt = upsert(conn, changes)
    stmt = stmt.on_conflict_do_update(
        index_elements=[changes.c.record_id],
        set_={"seq": stmt.excluded.seq, "record_type": stmt.excluded.record_type,
              "case_id": stmt.excluded.case_id},
    )
    rows = [{"seq": first + i, "record_id": rid, "record_type": rtype, "case_id": case_id}
            for i, (rid, rtype, case_id) in enumerate(entries)]
    for part in chunks(rows):
        conn.execute(stmt, list(part))


def relog_case(conn: Connection, case_id: str) -> None:
    """Send every record of a case again (after an assignment or an unsealing)."""
    rows = conn.execute(
        select(schema.changes.c.record_id, schema.changes.c.record_type)
        .where(schema.changes.c.case_id == case_id)
        .order_by(schema.changes.c.seq)
    ).all()
    relog(conn, [(r.record_id, r.record_type, case_id) for r in rows])


def put_hq_record(conn: Connection, record: RecordMeta, stored_at: str) -> None:
    """Store a record HQ itself wrote (cases), replacing HQ's previous version, and log it."""
    data, digest = canonical_record(record)
    rtype = codec.type_name(record)
    records = schema.records
    values = {
        "type": rtype, "case_id": record.case_id, "version": record.version, "data": data,
        "content_hash": digest, "stored_by": "hq", "stored_at": stored_at,
    }
    exists = conn.execute(select(records.c.id).where(records.c.id == record.id)).first()
    if exists:
        conn.execute(update(records).where(records.c.id == record.id).values(**values))
    else:
        conn.execute(insert(records).values(id=record.id, **values))
    relog(conn, [(record.id, rtype, record.case_id)])


def load_typed(conn: Connection, record_id: str, cls: type[R], noun: str,
               listing: str) -> R:
    """HQ's copy of `record_id` as a `cls`, for an admin command; AdminError (naming
    `noun` and the command that lists them) when HQ holds none, or holds another type."""
    found = load_record(conn, record_id)
    if found is None:
        raise AdminError(f"HQ has no {noun} {record_id}; {listing} lists them.")
    if not isinstance(found, cls):
        raise AdminError(f"{record_id} is a {codec.type_name(found)}, not a {noun}.")
    return found


# Decoded records by content hash. Records are frozen values and a hash names one content, so
# a decoded record can be handed out again: HQ's lists (10,000 legal requests) then cost a
# read, not a decode of every row at every page.
_DECODED: OrderedDict[str, RecordMeta] = OrderedDict()
_DECODED_MAX = 100_000
_DECODED_LOCK = threading.Lock()


def _decoded(rtype: str, content_hash: str, data: str) -> RecordMeta:
    with _DECODED_LOCK:
        found = _DECODED.get(content_hash)
        if found is not None:
            _DECODED.move_to_end(content_hash)
            return found
    record = codec.from_dict(codec.RECORD_TYPES[rtype], json.loads(data))
    with _DECODED_LOCK:
        _DECODED[content_hash] = record
        if len(_DECODED) > _DECODED_MAX:
            _DECODED.popitem(last=False)
    return record


def records_of(conn: Connection, rtype: str, case_id: str | None = None) -> list[Any]:
    """Every stored record of type `rtype` (or one case's), decoded."""
    r = schema.records
    query = select(r.c.content_hash, r.c.data).where(r.c.type == rtype)
    if case_id is not None:
        query = query.where(r.c.case_id == case_id)
    return [_decoded(rtype, content_hash, data) for content_hash, data in conn.execute(query)]


def load_record(conn: Connection, record_id: str) -> RecordMeta | None:
    row = conn.execute(
        select(schema.records.c.type, schema.records.c.data).where(schema.records.c.id == record_id)
    ).first()
    if row is None:
        return None
    return codec.from_dict(codec.RECORD_TYPES[row.type], json.loads(row.data))
