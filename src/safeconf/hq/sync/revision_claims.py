"""Every note revision a device pushes is a save its audit chain recorded.

A laptop audits a save once: the note's update event also covers the revision that keeps
the text (vault/records.py). So each new revision must find an event of its device's
lineage that names its note and that no earlier revision used, in the batch or stored; it
then uses that event up (`schema.revision_claims`). A revision with an event of its own
(laptops from before one event per save) needs none; one that finds no unused save is
refused with `missing_audit`, so a device cannot add history no save recorded.

The pairing counts saves; it does not know which event went with which revision. A note
created empty leaves its creation event unused until the first save, so a device can add
one revision per such note beyond its saves, not more.
"""

from __future__ import annotations

import json
from collections import defaultdict, deque
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, and_, exists, insert, select

from safeconf.domain.records import NoteRevision
from safeconf.hq import schema
from safeconf.hq.errors import HQError
from safeconf.hq.sync.audit_index import AUDITED_WRITES
from safeconf.hq.sync.pushparse import PushItem

_CHUNK = 500
Event = tuple[str, int]  # (device whose chain holds it, its seq at HQ)


def claim(conn: Connection, device_id: str, devices: list[str], items: Sequence[PushItem],
          batch_events: Sequence[tuple[int, dict[str, Any]]]) -> None:
    """Pair each new revision in `items` with an unused save of its note, or refuse the push.
    `batch_events` are the batch's new events with the seqs HQ gives them."""
    revisions = [i for i in items if isinstance(i.record, NoteRevision)]
    if not revisions:
        return
    ids = [i.id for i in revisions]
    settled = _own_events(conn, devices, ids, batch_events) | _stored(conn, ids)
    wanting = [i for i in revisions if i.id not in settled]
    if not wanting:
        return
    notes = sorted({_note_of(i) for i in wanting})
    unused = _unused_saves(conn, devices, notes)
    for seq, event in batch_events:
        if event["action"] in AUDITED_WRITES and event["record_type"] == "note" \
                and event["record_id"] in unused:
            unused[event["record_id"]].append((device_id, seq))
    rows = []
    for item in wanting:
        saves = unused.get(_note_of(item))
        if not saves:
            raise HQError(400, "missing_audit",
                          f"item seq {item.seq}: the note_revision {item.id} comes without a "
                          "save of its note in the audit chain that no other revision used; "
                          "nothing was stored.")
        owner, seq = saves.popleft()
        rows.append({"device_id": owner, "seq": seq, "revision_id": item.id})
    conn.execute(insert(schema.revision_claims), rows)


def backfill(conn: Connection) -> None:
    """Pair the revisions HQ stored before this table existed with the saves that made them,
    so their events cannot be used again. Events are matched within the device that pushed."""
    aw, r = schema.audited_writes, schema.records
    own = set(conn.execute(select(aw.c.record_id)
                           .where(aw.c.record_type == "note_revision")).scalars())
    unused: dict[tuple[str, str], deque[int]] = defaultdict(deque)
    for owner, seq, note_id in conn.execute(
            select(aw.c.device_id, aw.c.seq, aw.c.record_id)
            .where(aw.c.record_type == "note").order_by(aw.c.device_id, aw.c.seq)):
        unused[(owner, note_id)].append(seq)
    rows = []
    for revision_id, stored_by, data in conn.execute(
            select(r.c.id, r.c.stored_by, r.c.data).where(r.c.type == "note_revision")
            .order_by(r.c.stored_at, r.c.id)):
        if revision_id in own:
            continue
        saves = unused.get((stored_by, json.loads(data)["note_id"]))
        if saves:
            rows.append({"device_id": stored_by, "seq": saves.popleft(),
                         "revision_id": revision_id})
    for start in range(0, len(rows), _CHUNK):
        conn.execute(insert(schema.revision_claims), rows[start:start + _CHUNK])


def _note_of(item: PushItem) -> str:
    record = item.record
    assert isinstance(record, NoteRevision)
    return record.note_id


def _own_events(conn: Connection, devices: list[str], ids: list[str],
                batch_events: Sequence[tuple[int, dict[str, Any]]]) -> set[str]:
    """The revisions that carry an audited write of their own."""
    own = {e["record_id"] for _seq, e in batch_events
           if e["action"] in AUDITED_WRITES and e["record_type"] == "note_revision"}
    aw = schema.audited_writes
    for start in range(0, len(ids), _CHUNK):
        own.update(conn.execute(
            select(aw.c.record_id).where(aw.c.device_id.in_(devices),
                                         aw.c.record_type == "note_revision",
                                         aw.c.record_id.in_(ids[start:start + _CHUNK]))
        ).scalars())
    return own


def _stored(conn: Connection, ids: list[str]) -> set[str]:
    """Revisions HQ holds already (sent again after a laptop was restored): they used their
    save when they first came."""
    r = schema.records
    found: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        found.update(conn.execute(select(r.c.id).where(
            r.c.id.in_(ids[start:start + _CHUNK]))).scalars())
    return found


def _unused_saves(conn: Connection, devices: list[str],
                  notes: list[str]) -> dict[str, deque[Event]]:
    """Per note, its stored save events of this lineage that no revision used, oldest first."""
    aw, rc = schema.audited_writes, schema.revision_claims
    unused: dict[str, deque[Event]] = {note: deque() for note in notes}
    used = exists().where(and_(rc.c.device_id == aw.c.device_id, rc.c.seq == aw.c.seq))
    for start in range(0, len(notes), _CHUNK):
        for owner, seq, note_id in conn.execute(
                select(aw.c.device_id, aw.c.seq, aw.c.record_id)
                .where(aw.c.device_id.in_(devices), aw.c.record_type == "note",
                       aw.c.record_id.in_(notes[start:start + _CHUNK]), ~used)
                .order_by(aw.c.device_id, aw.c.seq)):
            unused[note_id].append((owner, seq))
    return unused
