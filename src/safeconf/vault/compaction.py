"""Compacting revisions written before deltas existed: each whole copy becomes a delta
against the revision before it (a copy every SNAPSHOT_EVERY stays a copy), and every one
gains the SHA-256 of its text. Runs when a vault opens, a note at a time, until none is left;
a revision keeps its id and everything else it said.

Two copies of one revision, the old and the compacted, are the same save (same fields, same
text hash): sync treats them as one (vault/sync_store.py), so HQ's old copies never look
like conflicts.
"""

from __future__ import annotations

import json
from dataclasses import replace

from safeconf.domain import codec, revisions
from safeconf.domain.codec import APPEND_ONLY_TYPES
from safeconf.domain.records import NoteRevision
from safeconf.vault import revision_rows
from safeconf.vault.database import Database
from safeconf.vault.outbox import in_flight_through, row_type
from safeconf.vault.revision_rows import TABLE, VIEW

_DONE = "revisions_compacted"
# Legacy copies: no hash, no base (a compacted or new revision always has a hash).
_LEGACY = "base_id IS NULL AND sha256 = ''"


def compact_legacy_revisions(db: Database) -> int:
    """Compact every legacy revision; returns how many were rewritten."""
    if db.scalar("SELECT value FROM meta WHERE key = ?", (_DONE,)) == "1":
        return 0
    rewritten = 0
    for (note,) in db.rows(f"SELECT DISTINCT note FROM {TABLE} WHERE {_LEGACY}"):
        rewritten += _compact_note(db, note)
    with db.transaction():
        # Unsent rows of append-only records read them where they are kept (vault/outbox.py);
        # a revision compacted here goes to HQ as it now is, a save HQ never held. A batch
        # already on its way keeps its copies: its retry must send exactly what it sent.
        db.execute("UPDATE outbox SET data = NULL WHERE data IS NOT NULL AND seq > ?"
                   f" AND {row_type()} IN ({', '.join('?' * len(APPEND_ONLY_TYPES))})",
                   (in_flight_through(db), *APPEND_ONLY_TYPES))
        db.execute("INSERT INTO meta (key, value) VALUES (?, '1')"
                   " ON CONFLICT (key) DO UPDATE SET value = '1'", (_DONE,))
    if rewritten:
        db.vacuum()  # give the copies' pages back to the disk, once
    return rewritten


def _compact_note(db: Database, note: int) -> int:
    """Compact the legacy revisions of one note (`note`: the number its revisions carry)."""
    rewritten = 0
    with db.purging():  # the one way past the append-only guard, as a purge uses it
        rows = db.rows(f"SELECT rowid, data FROM {VIEW} WHERE note = ? ORDER BY number, id",
                       (note,))
        previous: tuple[str, str] | None = None  # (id, text) of the revision before
        for rowid, data in rows:
            rev = codec.from_dict(NoteRevision, json.loads(data))
            legacy = rev.base_id is None and not rev.sha256
            text = rev.body if rev.base_id is None else None
            if legacy:
                form = revisions.form_for(rev.revision, rev.body,
                                          *(previous if previous else (None, None)))
                compacted = replace(rev, body=form.body, base_id=form.base_id,
                                    delta=form.delta, sha256=form.sha256)
                db.execute(f"DELETE FROM {TABLE} WHERE rowid = ?", (rowid,))
                revision_rows.insert(db, compacted, rowid)  # where its outbox row looks
                rewritten += 1
            if text is None:  # a delta: its text, when it follows on from the one before
                if previous is None or rev.base_id != previous[0]:
                    previous = None
                    continue
                text = revisions.text_of(previous[1], rev.delta, rev.sha256)
            previous = (rev.id, text)
    return rewritten
