"""Turning a fresh vault back into what an older version wrote, for the migration tests."""

from __future__ import annotations

import json

from safeconf.vault import migrations
from safeconf.vault.audit import AuditLog
from safeconf.vault.database import Database
from safeconf.vault.packing import hash_bytes, id_bytes
from safeconf.vault.squeeze import INFLATE_FUNCTION

_PACKED_AUDIT_FIELDS = ("id", "at", "record_id", "case_id", "device", "prev_hash", "hash")


def restore_revision_row_types(db: Database) -> None:
    """Undo migration 23: a revision's outbox row keeps its type again."""
    db.execute("UPDATE outbox SET record_type = 'note_revision' WHERE record_type = ''")


def restore_outbox_record_ids(db: Database) -> None:
    """Undo migrations 23 and 22: every outbox row names its record by its id again, in
    migration 14's table (same seqs, same counter) and with the copies of a note's row on
    it, and every revision its base."""
    restore_revision_row_types(db)
    triggers = [sql for (sql,) in db.rows("SELECT sql FROM sqlite_master WHERE type = 'trigger'"
                                          " AND name LIKE 'outbox_copy_%'")]
    for name in ("outbox_copy_before_note_update", "outbox_copy_before_note_delete"):
        db.execute(f"DROP TRIGGER {name}")
    counter = db.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")
    db.execute("ALTER TABLE outbox RENAME TO outbox_by_row")
    db.execute("CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
               " record_type TEXT NOT NULL, record_id TEXT NOT NULL, version INTEGER NOT NULL,"
               " data TEXT, audit_seq INTEGER, base_version INTEGER)")
    db.execute("INSERT INTO outbox SELECT o.seq, o.record_type, CASE WHEN typeof(o.record_id)"
               " = 'integer' THEN (SELECT json_extract(v.data, '$.id') FROM"
               " note_revision_records AS v WHERE v.rowid = o.record_id) ELSE o.record_id END,"
               " o.version, o.data, o.audit_seq, o.base_version FROM outbox_by_row AS o")
    db.execute("DROP TABLE outbox_by_row")
    db.execute("DELETE FROM sqlite_sequence WHERE name = 'outbox'")
    if counter is not None:
        db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)", (counter,))
    for sql in triggers:
        db.execute(sql)
    # ... and revisions name their base by its id, under migration 21's view.
    guard = db.scalar("SELECT sql FROM sqlite_master WHERE name = ?",
                      ("note_revisions_append_only_update",))
    db.execute("DROP TRIGGER note_revisions_append_only_update")
    db.execute("UPDATE note_revisions SET base_id = (SELECT b.id FROM note_revisions AS b"
               " WHERE b.rowid = note_revisions.base_id) WHERE typeof(base_id) = 'integer'")
    db.execute(guard)
    db.execute("DROP VIEW note_revision_records")
    db.execute("CREATE VIEW note_revision_records AS SELECT r.rowid AS rowid, r.id AS id,"
               " r.note AS note, n.note_id AS note_id, coalesce(r.case_id, n.case_id) AS case_id,"
               " r.number AS number, r.version AS version, r.deleted AS deleted,"
               f" r.base_id AS base_id, {migrations._REVISION_DATA_21} AS data"
               " FROM note_revisions AS r JOIN revision_notes AS n ON n.id = r.note"
               " JOIN revision_writers AS w ON w.id = r.writer")


def restore_plain_texts(db: Database) -> None:
    """Undo migration 21: every text kept as itself again, records' `data`, the revisions'
    view and the outbox copies as migrations 18, 20 and 16 made them (their own SQL)."""
    for name in ("outbox_copy_before_note_update", "outbox_copy_before_note_delete"):
        db.execute(f"DROP TRIGGER {name}")
    guards = {name: db.scalar("SELECT sql FROM sqlite_master WHERE name = ?", (name,))
              for name in ("records_append_only_update", "note_revisions_append_only_update")}
    for name, sql in guards.items():
        if sql is not None:
            db.execute(f"DROP TRIGGER {name}")
    db.execute("UPDATE records SET stored = data WHERE typeof(stored) = 'blob'")
    db.execute(f"UPDATE note_revisions SET body = {INFLATE_FUNCTION}(body),"
               f" delta = {INFLATE_FUNCTION}(delta)"
               " WHERE typeof(body) = 'blob' OR typeof(delta) = 'blob'")
    for sql in guards.values():
        if sql is not None:
            db.execute(sql)
    db.execute("ALTER TABLE records DROP COLUMN data")
    db.execute("ALTER TABLE records ADD COLUMN data TEXT GENERATED ALWAYS AS ("
               f"{migrations._record_data(migrations._REVISION_WITH_COLUMNS_18)}) VIRTUAL")
    for name, event in (("outbox_copy_before_note_update", "UPDATE OF stored"),
                        ("outbox_copy_before_note_delete", "DELETE")):
        db.execute(f"CREATE TRIGGER {name} BEFORE {event} ON records WHEN OLD.type = 'note'"
                   f" {migrations._COPY_INTO_NEWEST_NOTE_ROW_16.strip().rstrip(';')}")
    view = db.scalar("SELECT sql FROM sqlite_master WHERE name = 'note_revision_records'")
    db.execute("DROP VIEW note_revision_records")
    db.execute(view.split(" AS", 1)[0] + " AS " + view.split(" AS", 1)[1].replace(
        migrations._REVISION_DATA_21, migrations._REVISION_DATA_20))


def restore_revisions_to_records(db: Database) -> None:
    """Undo migration 20: note revisions back among the records, each row as migrations 15
    and 18 had the vault write it: the JSON without what the columns hold, and its hash,
    device and base as bytes in the packed columns."""
    rows = db.rows("SELECT data FROM note_revision_records ORDER BY rowid")
    for (data,) in rows:
        record = json.loads(data)
        held = {"id", "case_id", "note_id", "version", "deleted", "updated_at", "revision"}
        kept = {k: v for k, v in record.items() if k not in held}
        if kept["created_at"] == record["updated_at"]:
            del kept["created_at"]
        if kept["body"] == "":
            del kept["body"]
        packed = (hash_bytes(record["sha256"]), id_bytes(record["origin_device"]),
                  None if record["base_id"] is None else id_bytes(record["base_id"]))
        if packed[0] is not None and packed[1] is not None and (
                record["base_id"] is None or packed[2] is not None):
            for field in ("sha256", "origin_device", "base_id"):
                del kept[field]
        else:
            packed = (None, None, None)
        db.execute("INSERT INTO records (id, type, case_id, parent_id, sort_key, version,"
                   " deleted, updated_at, stored, packed_sha256, packed_origin_device,"
                   " packed_base_id) VALUES (?, 'note_revision', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (record["id"], record["case_id"], record["note_id"],
                    f"{record['revision']:09d}", record["version"], int(record["deleted"]),
                    record["updated_at"], json.dumps(kept, separators=(",", ":")), *packed))
    db.execute("DROP VIEW note_revision_records")
    for table in ("note_revisions", "revision_notes", "revision_writers"):
        db.execute(f"DROP TABLE {table}")


def restore_audit_words(db: Database) -> None:
    """Undo migration 19: audit events keep their actor, action, record type and device
    themselves again (the device, and the record and case ids numbered since, as their 16
    bytes), and their ids (made from their fields since) as their 16 bytes, under migration
    13's table and the triggers the test has in place."""
    word = "(SELECT word FROM audit_words WHERE id = {})"
    db.execute("CREATE TEMP TABLE event_ids (seq INTEGER PRIMARY KEY, id BLOB NOT NULL)")
    for event in AuditLog(db, actor="", device="").events():
        db.execute("INSERT INTO event_ids VALUES (?, ?)", (event.seq, id_bytes(event.id)))
    triggers = [sql for (sql,) in db.rows("SELECT sql FROM sqlite_master WHERE type = 'trigger'"
                                          " AND tbl_name = 'audit_events'")]
    db.execute("ALTER TABLE audit_events RENAME TO audit_events_worded")
    db.execute("CREATE TABLE audit_events (seq INTEGER PRIMARY KEY, id NOT NULL UNIQUE,"
               " at NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
               " record_type TEXT NOT NULL, record_id NOT NULL, case_id NOT NULL,"
               " device NOT NULL, prev_hash, hash NOT NULL)")
    db.execute("INSERT INTO audit_events SELECT seq, CASE WHEN typeof(id) = 'integer' THEN"
               " (SELECT e.id FROM event_ids AS e WHERE e.seq = audit_events_worded.seq)"
               f" ELSE id END, at, {word.format('actor')},"
               f" {word.format('action')}, {word.format('record_type')},"
               " CASE WHEN typeof(record_id) = 'integer'"
               f" THEN {word.format('record_id')} ELSE record_id END,"
               " CASE WHEN typeof(case_id) = 'integer'"
               f" THEN {word.format('case_id')} ELSE case_id END,"
               " CASE WHEN typeof(device) = 'integer'"
               f" THEN unhex(replace({word.format('device')}, '-', '')) ELSE device END,"
               " prev_hash, hash FROM audit_events_worded")
    db.execute("DROP TABLE audit_events_worded")
    db.execute("DROP TABLE audit_words")
    db.execute("DROP TABLE event_ids")
    for sql in triggers:  # gone with the table they were on: made again on this one
        db.execute(sql)


def unpack_audit_events(db: Database) -> None:
    """Undo migration 13: every audit event's fields back to their text, as before it (the
    triggers the test has in place stay; only the update guard is lifted meanwhile)."""
    events = AuditLog(db, actor="", device="").events()
    db.execute("DROP TRIGGER audit_no_update")
    columns = ", ".join(_PACKED_AUDIT_FIELDS)
    for event in events:
        texts = [getattr(event, field) for field in _PACKED_AUDIT_FIELDS]
        db.execute(f"UPDATE audit_events SET ({columns}) = ({', '.join('?' * len(texts))})"
                   " WHERE seq = ?", (*texts, event.seq))
    db.execute("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events"
               " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")


def restore_superseded_mark(db: Database) -> None:
    """Undo migration 16: outbox rows have the superseded mark again, and migration 12's
    triggers (as migration 15's rename left them) name it."""
    db.execute("ALTER TABLE outbox ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0")
    copy = ("BEGIN UPDATE outbox SET data = OLD.stored WHERE seq = (SELECT seq FROM outbox"
            " WHERE record_id = OLD.id AND record_type = OLD.type ORDER BY seq DESC LIMIT 1)"
            " AND version = OLD.version AND data IS NULL AND superseded = 0; END")
    for name, event in (("outbox_copy_before_note_update", "UPDATE OF stored"),
                        ("outbox_copy_before_note_delete", "DELETE")):
        db.execute(f"DROP TRIGGER {name}")
        db.execute(f"CREATE TRIGGER {name} BEFORE {event} ON records"
                   f" WHEN OLD.type = 'note' {copy}")


def restore_records_data(db: Database) -> None:
    """Undo migration 15: every record's whole JSON kept in `data` again, no `stored`."""
    # Past the append-only guard, if the test has not lifted it already.
    guard = db.scalar("SELECT sql FROM sqlite_master WHERE name = 'records_append_only_update'")
    if guard is not None:
        db.execute("DROP TRIGGER records_append_only_update")
    db.execute("UPDATE records SET stored = data WHERE type = 'note_revision'")
    if guard is not None:
        db.execute(guard)
    db.execute("ALTER TABLE records DROP COLUMN data")
    for column in ("packed_sha256", "packed_origin_device", "packed_base_id"):
        db.execute(f"ALTER TABLE records DROP COLUMN {column}")
    db.execute("ALTER TABLE records RENAME COLUMN stored TO data")


def restore_queued_at(db: Database) -> None:
    """Undo migration 14: outbox rows have the time they were queued again, as version 1
    wrote it."""
    db.execute("ALTER TABLE outbox ADD COLUMN queued_at TEXT NOT NULL"
               " DEFAULT '2026-01-01T00:00:00.000000+00:00'")


def undo_migrations_from_9(db: Database) -> None:
    """Remove what migrations 9-23 added (each test then undoes what came before 9). The
    triggers of 12 go first: they name outbox.data, which a version 1 vault lacks."""
    restore_outbox_record_ids(db)  # versions 23 and 22
    restore_plain_texts(db)  # version 21
    restore_revisions_to_records(db)  # version 20
    restore_audit_words(db)  # version 19
    restore_superseded_mark(db)  # version 16
    restore_records_data(db)  # version 15
    restore_queued_at(db)  # version 14
    unpack_audit_events(db)  # version 13
    db.execute("DROP TRIGGER outbox_copy_before_note_update")  # added by version 12
    db.execute("DROP TRIGGER outbox_copy_before_note_delete")
    db.execute("DROP TABLE signing_key")  # added by version 11
    db.execute("DROP TABLE signer_certificates")
    db.execute("DROP TABLE search_pending")  # added by version 10
    db.execute("ALTER TABLE outbox DROP COLUMN base_version")  # added by version 9
    db.execute("ALTER TABLE outbox DROP COLUMN superseded")
