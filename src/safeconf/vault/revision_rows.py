"""Note revisions in a table of their own (vault migration 20). Every save writes one, so a
revision keeps only what is its own: its id, hash and times in their packed forms
(vault/packing.py), its number, its delta or its text (deflated when long: vault/squeeze.py)
and its base by its row (migration 22). What every revision of a note repeats is kept once:
its note and case in `revision_notes` (a revision keeps a case of its own only where it is
not its note's), its author and device in `revision_writers`.

`VIEW` is the record as every reader knows it (and as it is pushed): its `data`, made from
those columns, with the ids it is looked up by. A revision is found by its id or by its
note, never by type or case; `key` gives the form an id is kept in, for any query naming
one, and `NOTE` the number a note's revisions carry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from safeconf.domain import codec
from safeconf.domain.records import NoteRevision
from safeconf.vault import packing
from safeconf.vault.database import Database
from safeconf.vault.packing import Stored
from safeconf.vault.squeeze import squeeze

TABLE = "note_revisions"
VIEW = "note_revision_records"
# The number the revisions of the note whose id (as `key` keeps it) is bound here carry.
NOTE = "(SELECT id FROM revision_notes WHERE note_id = ?)"
# The numbers of the notes of the case bound here, and the revisions of it that are not
# their note's (bound again): every revision of a case.
OF_CASE = (f"(SELECT rowid FROM {TABLE} WHERE note IN (SELECT id FROM revision_notes"
           f" WHERE case_id = ?) AND case_id IS NULL UNION ALL"
           f" SELECT rowid FROM {TABLE} WHERE case_id = ?)")
# A revision's base as an id, however it is kept: a base of its note held here is named by
# its row (vault migration 22), and a row no revision holds any more reads as an id none has.
BASE_ID = (f"CASE WHEN typeof(base_id) = 'integer' THEN coalesce((SELECT b.id FROM {TABLE}"
           f" AS b WHERE b.rowid = {TABLE}.base_id), '(removed)') ELSE base_id END")
_COLUMNS = ("id", "note", "number", "writer", "at", "created", "case_id", "base_id", "body",
            "delta", "sha256", "version", "deleted")
_INSERT = (f"INSERT INTO {TABLE} (rowid, {', '.join(_COLUMNS)})"
           f" VALUES ({', '.join('?' * (1 + len(_COLUMNS)))})")


def key(record_id: str) -> Stored:
    """How the tables keep an id (a note's, a case's or a revision's): a UUID as its 16
    bytes."""
    return packing.pack_id(record_id)


def id_text(value: Stored | None) -> str | None:
    return None if value is None else packing.unpack_id(value)


def insert(db: Database, revision: NoteRevision, rowid: int | None = None) -> int:
    """Write a revision's row (as row `rowid`, when it takes the place of one: an outbox row
    names a revision by its row); returns its rowid."""
    return insert_fields(db, codec.to_dict(revision), rowid)


def insert_fields(db: Database, fields: Mapping[str, Any], rowid: int | None = None) -> int:
    """Write the row of a revision given as its record's fields (codec form), as they are:
    what `data` gives back is exactly these."""
    note, own_case = _note(db, key(fields["note_id"]), key(fields["case_id"]))
    created = fields["created_at"]
    return db.execute(_INSERT, (
        rowid, key(fields["id"]), note, fields["revision"],
        _writer(db, fields["author"], key(fields["origin_device"])),
        _time(fields["updated_at"]),
        None if created == fields["updated_at"] else _time(created), own_case,
        _base(db, note, fields["base_id"]), squeeze(fields["body"]),
        squeeze(fields["delta"]), packing.pack_hash(fields["sha256"]), fields["version"],
        int(fields["deleted"])))


def _note(db: Database, note_id: Stored, case_id: Stored) -> tuple[int, Stored | None]:
    """The number of a note's revisions, and the case a revision keeps of its own (None:
    its note's). Looked up each time: one added by a write then undone is gone again."""
    found = db.row("SELECT id, case_id FROM revision_notes WHERE note_id = ?", (note_id,))
    if found is None:
        return db.execute("INSERT INTO revision_notes (note_id, case_id) VALUES (?, ?)",
                          (note_id, case_id)), None
    return int(found[0]), None if found[1] == case_id else case_id


def _base(db: Database, note: int, base_id: str | None) -> Stored | None:
    """How a revision names its base: the base's row when it is one of the same note's held
    here (a few bytes where its id is 16), else its id."""
    if base_id is None:
        return None
    found = db.scalar(f"SELECT rowid FROM {TABLE} WHERE id = ? AND note = ?",
                      (key(base_id), note))
    return key(base_id) if found is None else int(found)


def _writer(db: Database, author: str, device: Stored) -> int:
    found = db.scalar("SELECT id FROM revision_writers WHERE author = ? AND origin_device = ?",
                      (author, device))
    if found is not None:
        return int(found)
    return db.execute("INSERT INTO revision_writers (author, origin_device) VALUES (?, ?)",
                      (author, device))


def _time(text: str) -> Stored:
    # The view reads back microseconds counted from 1970 only (migration 20's `data`).
    packed = packing.pack_time(text)
    return packed if not isinstance(packed, int) or packed >= 0 else text
