"""Which records a device's audit events say it created or changed. A laptop writes each
change and its audit event in one transaction, so HQ refuses a pushed change that comes
without one (in the same batch, or held from an earlier one): a change cannot reach HQ
without leaving its trace in the chain HQ verifies.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, insert, select

from safeconf.domain.records import NoteRevision
from safeconf.hq import schema
from safeconf.hq.errors import HQError
from safeconf.hq.sync.pushparse import PushItem

# The actions `vault.records.RecordStore` audits a write with.
AUDITED_WRITES = frozenset({"create", "update"})
_CHUNK = 500


def rows_for(device_id: str, events: Iterable[tuple[int, dict[str, Any]]],
             ) -> list[dict[str, Any]]:
    """Index rows for (HQ seq, event) pairs that record a write."""
    return [{"device_id": device_id, "seq": seq, "record_id": e["record_id"],
             "record_type": e["record_type"]}
            for seq, e in events if e["action"] in AUDITED_WRITES]


def index(conn: Connection, device_id: str, events: Iterable[tuple[int, dict[str, Any]]],
          ) -> None:
    rows = rows_for(device_id, events)
    if rows:
        conn.execute(insert(schema.audited_writes), rows)


def require_audited(conn: Connection, devices: list[str], items: Sequence[PushItem],
                    batch_events: Sequence[dict[str, Any]]) -> None:
    """400 `missing_audit` unless every new item has a create/update event for the same
    record (id and type), or for a note's revision its note's, in this batch or already held
    for this device's lineage."""
    audited = {(e["record_id"], e["record_type"]) for e in batch_events
               if e["action"] in AUDITED_WRITES}
    wanting = [i for i in items if audited.isdisjoint(_traces(i))]
    if wanting:
        aw = schema.audited_writes
        ids = sorted({record_id for i in wanting for record_id, _type in _traces(i)})
        for start in range(0, len(ids), _CHUNK):
            audited.update(conn.execute(
                select(aw.c.record_id, aw.c.record_type)
                .where(aw.c.device_id.in_(devices), aw.c.record_id.in_(ids[start:start + _CHUNK]))
            ).tuples().all())
    for item in items:
        if audited.isdisjoint(_traces(item)):
            raise HQError(400, "missing_audit",
                          f"item seq {item.seq}: the {item.type} {item.id} comes without the "
                          "audit event that records the change; nothing was stored.")


def _traces(item: PushItem) -> set[tuple[str, str]]:
    """The audited writes any one of which covers the item: its own, and for a note's
    revision the note's (a save writes both under one event, vault/records.py; that each
    such event keeps one revision only is sync/revision_claims.py's check)."""
    traces = {(item.id, item.type)}
    if isinstance(item.record, NoteRevision):
        traces.add((item.record.note_id, "note"))
    return traces


def backfill(conn: Connection) -> None:
    """Index the audit events HQ stored before this table existed."""
    ae = schema.audit_events
    # yield_per on the statement, not the connection: the inserts below must not run
    # through a server-side cursor too.
    result = conn.execute(select(ae.c.device_id, ae.c.seq, ae.c.data)
                          .execution_options(yield_per=_CHUNK))
    for part in result.partitions():
        rows = [r for row in part for r in rows_for(row.device_id,
                                                      [(row.seq, json.loads(row.data))])]
        if rows:
            conn.execute(insert(schema.audited_writes), rows)
