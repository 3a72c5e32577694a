"""Keeping the outbox lean: a note saved many times before a sync sends its latest text
once, not every version (its revisions carry the history).

An outbox row of a note that a later save replaced, while neither sent nor in a batch on
its way, is removed; the new row carries the version HQ holds as its base, so HQ still
detects a conflict. Its seq stays spent: HQ acknowledges seqs in an unbroken run, so a seq
no row holds travels as a marker with no content (`SyncStore.pending`). Only notes are
merged: a conference's or attendee's steps are states other records' rules rely on (a note
needs the room in session), so each of those still goes in order. A record's first row is
never merged either: what follows may belong to it.

A note's newest row keeps no copy either: the note in `records` is, until it changes, what
the row queued, and the push reads it there. Whatever changes or removes the note (the next
save, a pulled version, keeping HQ's in a conflict, a purge), the trigger migration 16 keeps
first gives that row its copy, so a row always sends what was written when it was queued.
"""

from __future__ import annotations

import json

from safeconf.domain.codec import APPEND_ONLY_TYPES
from safeconf.vault.database import Database
from safeconf.vault.indexes import REVISION_TYPE

SUPERSEDABLE_TYPES = frozenset({"note"})
# The type a seq without a row is sent as: only rows of notes are ever removed unsent.
GAP_TYPE = "note"
# Rows of these types are queued without a copy of the record: they read it at push time.
COPYLESS_TYPES = frozenset(APPEND_ONLY_TYPES) | SUPERSEDABLE_TYPES
# The type a revision's row keeps: none. It names the revision by its row in note_revisions
# (vault migration 22), and no other row names its record by a number, so its type goes
# without saying (migration 23): 13 bytes a save until the push. `row_type` reads it back.
REVISION_ROW = ""


def row_type(alias: str = "outbox") -> str:
    """SQL for the record type of the outbox row `alias`, however it keeps it."""
    return (f"CASE {alias}.record_type WHEN '{REVISION_ROW}' THEN '{REVISION_TYPE}'"
            f" ELSE {alias}.record_type END")


def in_flight_through(db: Database) -> int:
    """The last outbox seq HQ holds or may hold: acknowledged, or in the batch on its way."""
    acked = int(db.scalar("SELECT value FROM sync_state WHERE key = 'acked_seq'") or 0)
    raw = db.scalar("SELECT value FROM sync_state WHERE key = 'push_batch'")
    batch = json.loads(raw) if raw else None
    return max(acked, int(batch["last_seq"]) if isinstance(batch, dict) else 0)


def supersede(db: Database, record_id: str, base_version: int) -> int:
    """Before queuing version `base_version + 1` of a record: remove the row that queued
    `base_version` when nothing has sent it yet, and return the base the new row must
    carry (the version HQ holds)."""
    row = db.row(
        "SELECT seq, version, base_version FROM outbox WHERE record_id = ? AND seq > ?"
        " ORDER BY seq DESC LIMIT 1",
        (record_id, in_flight_through(db)))
    if row is None:
        return base_version
    seq, version, older_base = row
    if older_base is None:  # queued before rows named their base, or the record's first
        older_base = version - 1 if version > 1 else None
    if older_base is None or version != base_version:
        return base_version
    db.execute("DELETE FROM outbox WHERE seq = ?", (seq,))
    return int(older_base)
