"""Pushed records of no case (domain.caseless): filed under the certificate's worker.

They never wait on a case, so they never hold up the device's outbox: each is stored, or
(same id, other content) kept as a conflict for review, and acknowledged either way. They
never enter the change log, so no laptop ever pulls one.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from safeconf.hq import schema
from safeconf.hq.db import insert_ignoring_duplicates
from safeconf.hq.pki.devices import Device
from safeconf.hq.sync.pushparse import PushItem


def store_caseless(conn: Connection, device: Device, items: list[PushItem],
                   now: str) -> list[PushItem]:
    """Store `items`; return those HQ already holds under their id with other content (or
    under another worker), for the caller to keep as conflicts."""
    t = schema.caseless_records
    refused: list[PushItem] = []
    for item in items:
        conn.execute(insert_ignoring_duplicates(conn, t, ["id"]).values(
            id=item.id, type=item.type, worker_id=device.worker_id,
            device_id=device.device_id, data=item.data, content_hash=item.digest,
            stored_at=now))
        held = conn.execute(select(t.c.type, t.c.worker_id, t.c.content_hash)
                            .where(t.c.id == item.id)).one()
        if (held.type, held.worker_id, held.content_hash) != (
                item.type, device.worker_id, item.digest):
            refused.append(item)
    return refused
