"""What each device has seen of HQ's change log, and whether a finalize was made on a view of
the conference that another device has changed since."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Connection, func, select

from safeconf.hq import schema
from safeconf.hq.db import Database, head_change_seq, upsert
from safeconf.hq.sync.changelog import chunks


def record_seen(db: Database, device_id: str, cursor: int) -> None:
    """The device asked for changes after `cursor`: it holds everything up to there."""
    with db.write() as conn:
        note_seen(conn, device_id, cursor)


def note_seen(conn: Connection, device_id: str, cursor: int) -> None:
    """Remember that the device holds the change log up to `cursor` (never moving back).
    A device that claims more than it holds only lets its own stale finalize through."""
    table = schema.device_seen
    cursor = min(cursor, head_change_seq(conn))  # never past what HQ has handed out
    stmt = upsert(conn, table).values(device_id=device_id, cursor=cursor)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.device_id],
        set_={"cursor": func.max(stmt.excluded.cursor, table.c.cursor)}
        if conn.dialect.name == "sqlite"
        else {"cursor": func.greatest(stmt.excluded.cursor, table.c.cursor)},
    )
    conn.execute(stmt)


def unseen_changes(conn: Connection, device_id: str, record_ids: Collection[str]) -> int:
    """How many of these records another writer (a device or HQ) changed after the device's
    last pull; 0 when HQ does not know what the device has seen."""
    seen = conn.execute(select(schema.device_seen.c.cursor)
                        .where(schema.device_seen.c.device_id == device_id)).scalar()
    if seen is None or not record_ids:
        return 0
    ch, r = schema.changes, schema.records
    total = 0
    for part in chunks(sorted(record_ids)):
        total += int(conn.execute(
            select(func.count()).select_from(ch.join(r, r.c.id == ch.c.record_id))
            .where(ch.c.record_id.in_(part), ch.c.seq > seen, r.c.stored_by != device_id)
        ).scalar_one())
    return total
