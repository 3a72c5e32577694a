"""Versioned schema of the vault. A migration is fixed SQL, never generated from today's
code, so an old vault always upgrades the same way. `PRAGMA user_version` is the version."""

from __future__ import annotations

from safeconf.vault.squeeze import INFLATE_FUNCTION, SQUEEZE_FUNCTION

# Record types that may only ever be added to, as migration 1 wrote them into its triggers.
_APPEND_ONLY_V1 = (
    "note_revision",
    "acknowledgment",
    "disclosure",
    "incident",
    "legal_request",
    "health_info_request",
)
_APPEND_ONLY_SQL = ", ".join(f"'{t}'" for t in _APPEND_ONLY_V1)
# ... as migration 5 rewrote them ...
_APPEND_ONLY_V5 = (*_APPEND_ONLY_V1, "interview_permission")
# ... as migration 6 rewrote them ...
_APPEND_ONLY_V6 = (*_APPEND_ONLY_V5, "notice_receipt", "staff_acknowledgment")
# ... as migration 7 rewrote them ...
_APPEND_ONLY_V7 = (*_APPEND_ONLY_V6, "legal_review", "legal_review_answer")
# ... and as migration 8 rewrote them, the guard of today. (The rule itself lives in
# domain.codec.APPEND_ONLY_TYPES; a test keeps the two equal, but for RETIRED_TYPES.)
APPEND_ONLY_TYPES = (*_APPEND_ONLY_V7, "loss_report", "breach_report",
                     "legal_request_document", "legal_request_event")
# Types no record is written as any more (a case's incident became a loss or breach report of
# no case; a health-information request, a kind of legal request). The guard keeps them:
# should an old vault hold one, it stays as written.
RETIRED_TYPES = ("incident", "health_info_request")
# Purging a sealed or unassigned case (sync) is the one sanctioned way to remove rows from
# append-only tables. Migrations 1-2 let it through on a meta row, which any write could add;
# migration 3 asks `PURGING_FUNCTION` instead, which answers from a flag held in Python that
# only `Database.purging()` sets (see vault/database.py).
_NOT_PURGING = "(SELECT value FROM meta WHERE key = 'purging') IS NULL"
PURGING_FUNCTION = "safeconf_purging"
# Migration 12's triggers, before a note changes or goes: its newest outbox row, if it still
# reads the note, takes the version it queued (vault/outbox.py).
_COPY_INTO_NEWEST_NOTE_ROW = """
    BEGIN
        UPDATE outbox SET data = OLD.data WHERE seq = (SELECT seq FROM outbox
            WHERE record_id = OLD.id AND record_type = OLD.type ORDER BY seq DESC LIMIT 1)
        AND version = OLD.version AND data IS NULL AND superseded = 0;
    END;"""
# Migration 16's: the same, once no row is marked superseded and records keep `stored`.
_COPY_INTO_NEWEST_NOTE_ROW_16 = """
    BEGIN
        UPDATE outbox SET data = OLD.stored WHERE seq = (SELECT seq FROM outbox
            WHERE record_id = OLD.id AND record_type = OLD.type ORDER BY seq DESC LIMIT 1)
        AND version = OLD.version AND data IS NULL;
    END;"""
# Migration 21's: the same, copying the record's text (`stored` may be kept deflated).
_COPY_INTO_NEWEST_NOTE_ROW_21 = """
    BEGIN
        UPDATE outbox SET data = OLD.data WHERE seq = (SELECT seq FROM outbox
            WHERE record_id = OLD.id AND record_type = OLD.type ORDER BY seq DESC LIMIT 1)
        AND version = OLD.version AND data IS NULL;
    END;"""


def _uuid_text(column: str) -> str:
    """A UUID kept as its 16 bytes, as its text again (lowercase, hyphenated). Kept here,
    not taken from vault.packing: what a migration wrote must not change with the code."""
    hexed = f"lower(hex({column}))"
    return (f"substr({hexed}, 1, 8) || '-' || substr({hexed}, 9, 4) || '-' ||"
            f" substr({hexed}, 13, 4) || '-' || substr({hexed}, 17, 4) || '-' ||"
            f" substr({hexed}, 21, 12)")


# Migration 13's forms for an audit event's fields (vault/packing.py keeps new rows
# the same way): a lowercase UUID as its 16 bytes, a lowercase SHA-256 as its 32, a UTC time
# with microseconds as microseconds since 1970 when that gives back the same text.
_HEX = "[0-9a-f]"


# Migration 15's note revision as a record: its stored JSON with what the row's columns hold.
_REVISION_WITH_COLUMNS = """json_set(json_insert(stored, '$.created_at', updated_at),
            '$.id', id, '$.case_id', case_id, '$.note_id', parent_id, '$.version', version,
            '$.updated_at', updated_at,
            '$.deleted', json(CASE WHEN deleted THEN 'true' ELSE 'false' END))"""
# Migration 18's: as well the number its sort key gives and an empty body (a delta's), when
# the JSON names none.
_REVISION_WITH_COLUMNS_18 = _REVISION_WITH_COLUMNS.replace(
    "json_insert(stored, '$.created_at', updated_at)",
    "json_insert(stored, '$.created_at', updated_at,"
    " '$.revision', CAST(sort_key AS INTEGER), '$.body', '')")


def _record_data(revision_with_columns: str) -> str:
    """The record as every reader knows it, from what its row keeps (migrations 15, 18)."""
    return f"""CASE WHEN type <> 'note_revision' THEN stored
        WHEN packed_sha256 IS NULL THEN {revision_with_columns}
        ELSE json_set({revision_with_columns},
            '$.sha256', lower(hex(packed_sha256)),
            '$.origin_device', {_uuid_text("packed_origin_device")},
            '$.base_id', CASE WHEN packed_base_id IS NULL THEN NULL
                         ELSE {_uuid_text("packed_base_id")} END)
        END"""


def _packed_id(column: str) -> str:
    shape = "-".join(_HEX * n for n in (8, 4, 4, 4, 12))
    return (f"CASE WHEN {column} GLOB '{shape}' THEN unhex(replace({column}, '-', ''))"
            f" ELSE {column} END")


def _packed_hash(column: str) -> str:
    return f"CASE WHEN {column} GLOB '{_HEX * 64}' THEN unhex({column}) ELSE {column} END"


def _packed_time(column: str) -> str:
    d = "[0-9]"
    shape = f"{d * 4}-{d * 2}-{d * 2}T{d * 2}:{d * 2}:{d * 2}.{d * 6}+00:00"
    seconds = f"unixepoch(substr({column}, 1, 19))"
    same = f"strftime('%Y-%m-%dT%H:%M:%S', {seconds}, 'unixepoch') = substr({column}, 1, 19)"
    return (f"CASE WHEN {column} GLOB '{shape}' AND {same}"
            f" THEN {seconds} * 1000000 + CAST(substr({column}, 21, 6) AS INTEGER)"
            f" ELSE {column} END")


# Migration 19's: an event's device as its text (migration 13 kept a UUID as its 16 bytes),
# where it has one: text, or those 16 bytes.
_DEVICE_HAS_TEXT = ("(typeof(device) = 'text'"
                    " OR (typeof(device) = 'blob' AND length(device) = 16))")
_DEVICE_TEXT = (f"CASE WHEN typeof(device) = 'blob' THEN {_uuid_text('device')}"
                " ELSE device END")


def _word_of(text: str) -> str:
    return f"(SELECT w.id FROM audit_words AS w WHERE w.word = {text})"


def _packed_time_20(column: str) -> str:
    """Migration 13's form of a time, for times from 1970 on (what `_time_text` reads)."""
    return f"CASE WHEN {column} >= '1970' THEN {_packed_time(column)} ELSE {column} END"


def _time_text(column: str) -> str:
    """A time kept as microseconds since 1970 (from 1970 on), as its text again."""
    return (f"CASE WHEN typeof({column}) = 'integer' THEN"
            f" strftime('%Y-%m-%dT%H:%M:%S', {column} / 1000000, 'unixepoch') || '.' ||"
            f" printf('%06d', {column} % 1000000) || '+00:00' ELSE {column} END")


def _id_text(column: str) -> str:
    return f"CASE WHEN typeof({column}) = 'blob' THEN {_uuid_text(column)} ELSE {column} END"


def _revision_data(body: str, delta: str, base_id: str = "r.base_id") -> str:
    """A note revision as a record, from its columns (r), its note's (n) and its writer's
    (w), its text, delta and base read through `body`, `delta` and `base_id`."""
    return f"""json_object(
        'id', {_id_text("r.id")}, 'case_id', {_id_text("coalesce(r.case_id, n.case_id)")},
        'created_at', {_time_text("coalesce(r.created, r.at)")},
        'updated_at', {_time_text("r.at")}, 'origin_device', {_id_text("w.origin_device")},
        'version', r.version,
        'deleted', json(CASE WHEN r.deleted THEN 'true' ELSE 'false' END),
        'note_id', {_id_text("n.note_id")}, 'revision', r.number, 'body', {body},
        'author', w.author, 'base_id', {_id_text(base_id)}, 'delta', {delta},
        'sha256', CASE WHEN typeof(r.sha256) = 'blob' THEN lower(hex(r.sha256))
                  ELSE r.sha256 END)"""


# Migration 20's, and 21's, which reads a text that is kept deflated (vault/squeeze.py).
_REVISION_DATA_20 = _revision_data("r.body", "r.delta")
_REVISION_DATA_21 = _revision_data(f"{INFLATE_FUNCTION}(r.body)", f"{INFLATE_FUNCTION}(r.delta)")
# Migration 22's base: a revision built on one of its note's held here names that one by its
# row (a number); one built on a revision not held, by its id. A row no revision holds any
# more (purged with another case) reads as an id no revision has.
_BASE_ID_22 = """CASE WHEN typeof(r.base_id) = 'integer' THEN coalesce(
               (SELECT b.id FROM note_revisions AS b WHERE b.rowid = r.base_id), '(removed)')
           ELSE r.base_id END"""
_REVISION_DATA_22 = _revision_data(f"{INFLATE_FUNCTION}(r.body)", f"{INFLATE_FUNCTION}(r.delta)",
                                   f"({_BASE_ID_22})")


def _note_row_copies(copy: str) -> str:
    """The triggers that give a note's newest outbox row its copy before the note changes or
    goes (migrations 16, 21 and 22 make them, `copy` their body)."""
    return f"""    CREATE TRIGGER outbox_copy_before_note_update BEFORE UPDATE OF stored ON records
    WHEN OLD.type = 'note'
{copy}
    CREATE TRIGGER outbox_copy_before_note_delete BEFORE DELETE ON records
    WHEN OLD.type = 'note'
{copy}"""


def _revision_view(base_id: str, data: str) -> str:
    """The revisions as records (migrations 20, 21 and 22 make it, reading the base and the
    record through `base_id` and `data`)."""
    return f"""    CREATE VIEW note_revision_records AS
    SELECT r.rowid AS rowid, r.id AS id, r.note AS note, n.note_id AS note_id,
           coalesce(r.case_id, n.case_id) AS case_id, r.number AS number,
           r.version AS version, r.deleted AS deleted, {base_id} AS base_id,
           {data} AS data
    FROM note_revisions AS r JOIN revision_notes AS n ON n.id = r.note
    JOIN revision_writers AS w ON w.id = r.writer;"""


# Migration 13's guards on the audit log, made again by each migration that rebuilds it.
_AUDIT_APPEND_ONLY_13 = """    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"""


def _append_only_update(table: str) -> str:
    return f"""    CREATE TRIGGER {table}_append_only_update BEFORE UPDATE ON {table}
    BEGIN SELECT RAISE(ABORT, 'append-only record'); END;"""


def _past_update_guard(table: str, rewrite: str) -> str:
    """`rewrite`, a migration's one change to rows of an append-only table, with the guard
    against updates lifted for it and made again after."""
    return f"""    DROP TRIGGER {table}_append_only_update;
{rewrite}
{_append_only_update(table)}"""


def _append_only_table(table: str) -> str:
    """Triggers that keep a table's rows as written: only the purge code may delete."""
    return f"""{_append_only_update(table)}
    CREATE TRIGGER {table}_append_only_delete BEFORE DELETE ON {table}
    WHEN NOT {PURGING_FUNCTION}()
    BEGIN SELECT RAISE(ABORT, 'append-only record'); END;"""


def _append_only_guard(types: tuple[str, ...]) -> str:
    """A migration that widens the append-only triggers to `types` (as migration 3 wrote
    them: only the purge code may delete)."""
    listed = ", ".join(f"'{t}'" for t in types)
    return f"""
    DROP TRIGGER records_append_only_update;
    CREATE TRIGGER records_append_only_update BEFORE UPDATE ON records
    WHEN OLD.type IN ({listed})
    BEGIN SELECT RAISE(ABORT, 'append-only record'); END;

    DROP TRIGGER records_append_only_delete;
    CREATE TRIGGER records_append_only_delete BEFORE DELETE ON records
    WHEN OLD.type IN ({listed}) AND NOT {PURGING_FUNCTION}()
    BEGIN SELECT RAISE(ABORT, 'append-only record'); END;
    """


# Migration 21's rewrite of the revisions already written: their long texts deflated.
_DEFLATE_REVISIONS_21 = f"""\
    UPDATE note_revisions SET body = {SQUEEZE_FUNCTION}(body), delta = {SQUEEZE_FUNCTION}(delta)
    WHERE (typeof(body) = 'text' AND length(body) >= 512)
       OR (typeof(delta) = 'text' AND length(delta) >= 512);"""
# Migration 22's: each base of the same note held here named by its row.
_BASES_BY_ROW_22 = """\
    UPDATE note_revisions SET base_id = (SELECT b.rowid FROM note_revisions AS b
                                         WHERE b.id = note_revisions.base_id
                                         AND b.note = note_revisions.note)
    WHERE typeof(base_id) = 'blob' AND EXISTS (SELECT 1 FROM note_revisions AS b
                                               WHERE b.id = note_revisions.base_id
                                               AND b.note = note_revisions.note);"""


MIGRATIONS: list[str] = [
    # 1: records, revisions, search, audit chain, sync outbox
    f"""
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    CREATE TABLE records (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        case_id TEXT NOT NULL,
        parent_id TEXT NOT NULL,
        sort_key TEXT NOT NULL,
        version INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX records_by_parent ON records (type, parent_id, sort_key);
    CREATE INDEX records_by_type ON records (type, sort_key);
    CREATE INDEX records_by_case ON records (case_id, type);

    CREATE TRIGGER records_append_only_update BEFORE UPDATE ON records
    WHEN OLD.type IN ({_APPEND_ONLY_SQL})
    BEGIN SELECT RAISE(ABORT, 'append-only record'); END;

    CREATE TRIGGER records_append_only_delete BEFORE DELETE ON records
    WHEN OLD.type IN ({_APPEND_ONLY_SQL}) AND {_NOT_PURGING}
    BEGIN SELECT RAISE(ABORT, 'append-only record'); END;

    CREATE VIRTUAL TABLE search_index USING fts5 (
        text,
        record_type UNINDEXED,
        case_id UNINDEXED,
        conference_id UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2'
    );

    CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        record_type TEXT NOT NULL,
        record_id TEXT NOT NULL,
        case_id TEXT NOT NULL,
        device TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events WHEN {_NOT_PURGING}
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        record_type TEXT NOT NULL,
        record_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        queued_at TEXT NOT NULL
    );
    """,
    # 2: what sync needs: the outbox keeps the record as written (a later edit must not
    # change what an earlier entry pushes), sync settings and credentials, and conflicts.
    """
    ALTER TABLE outbox ADD COLUMN data TEXT;
    UPDATE outbox SET data = (SELECT data FROM records WHERE records.id = outbox.record_id);

    CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY,
        record_type TEXT NOT NULL,
        record_id TEXT NOT NULL,
        case_id TEXT NOT NULL,
        local_version INTEGER,
        remote_version INTEGER,
        remote_data TEXT NOT NULL,
        reason TEXT NOT NULL,
        found_at TEXT NOT NULL,
        reviewed INTEGER NOT NULL DEFAULT 0,
        kept TEXT,  -- after review: 'local' or 'hq'
        replaced_data TEXT,  -- this laptop's version that keeping HQ's replaced
        resolved_at TEXT
    );
    """,
    # 3: only the purge code may remove append-only rows (not a meta row any write could
    # add), audit events may never be removed at all, and each outbox row names the audit
    # event written with it, so a push can carry the events that cover its items. Rows
    # queued before this point are covered by every event the vault had then.
    f"""
    DROP TRIGGER records_append_only_delete;
    CREATE TRIGGER records_append_only_delete BEFORE DELETE ON records
    WHEN OLD.type IN ({_APPEND_ONLY_SQL}) AND NOT {PURGING_FUNCTION}()
    BEGIN SELECT RAISE(ABORT, 'append-only record'); END;

    DROP TRIGGER audit_no_delete;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

    DELETE FROM meta WHERE key = 'purging';

    ALTER TABLE outbox ADD COLUMN audit_seq INTEGER;
    UPDATE outbox SET audit_seq = (SELECT coalesce(max(seq), 0) FROM audit_events);
    """,
    # 4: pulled records this laptop cannot use, kept (encrypted, as received) for review
    # instead of stopping the sync or the app.
    """
    CREATE TABLE sync_quarantine (
        id INTEGER PRIMARY KEY,
        record_type TEXT NOT NULL,
        record_id TEXT NOT NULL,
        case_id TEXT NOT NULL,
        data TEXT NOT NULL,
        problem TEXT NOT NULL,
        cursor INTEGER NOT NULL,
        found_at TEXT NOT NULL
    );
    CREATE INDEX sync_quarantine_by_case ON sync_quarantine (case_id);
    """,
    # 5: a permission to interview a child is on file as given, never changed or removed.
    _append_only_guard(_APPEND_ONLY_V5),
    # 6: Notice of Privacy Practices receipts and staff acknowledgments are append-only too.
    _append_only_guard(_APPEND_ONLY_V6),
    # 7: legal review requests and legal's answers are append-only too.
    _append_only_guard(_APPEND_ONLY_V7),
    # 8: loss and breach reports, legal requests' documents and legal's steps on them too.
    _append_only_guard(APPEND_ONLY_TYPES),
    # 9: a lean outbox (vault/outbox.py): each row names the version HQ must hold for it to
    # apply (NULL: the version before it, as every row said until now), a row a later save
    # replaced before it was sent is marked superseded and keeps no copy, and an
    # append-only record's row keeps none either (it reads the record, which never changes).
    # Revisions written before deltas existed are compacted after this (vault/compaction.py).
    """
    ALTER TABLE outbox ADD COLUMN base_version INTEGER;
    ALTER TABLE outbox ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
    """,
    # 10: a note's search entry is brought up to date when someone searches, not at every
    # save (vault/search.py): a save marks the note here, in its own transaction.
    """
    CREATE TABLE search_pending (record_rowid INTEGER PRIMARY KEY);
    """,
    # 11: signed acknowledgments: the vault's Ed25519 signing key, made once and never
    # replaced or removed (the acknowledgments it signed name it), and the signer
    # certificates HQ's CA issued: this vault's own at enrollment (with the counter-signed
    # list of acknowledgments taken before it) and other laptops' that came with pulls.
    # IF NOT EXISTS: a vault rebuilt as an older version (tests do) may still hold them.
    """
    CREATE TABLE IF NOT EXISTS signing_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        private_key BLOB NOT NULL,
        public_key BLOB NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TRIGGER IF NOT EXISTS signing_key_no_update BEFORE UPDATE ON signing_key
    BEGIN SELECT RAISE(ABORT, 'the signing key is never replaced'); END;
    CREATE TRIGGER IF NOT EXISTS signing_key_no_delete BEFORE DELETE ON signing_key
    BEGIN SELECT RAISE(ABORT, 'the signing key is never removed'); END;

    CREATE TABLE IF NOT EXISTS signer_certificates (
        certificate_pem TEXT PRIMARY KEY,
        key_fingerprint TEXT NOT NULL,
        countersignature TEXT,
        received_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS signer_certificates_by_key ON signer_certificates (key_fingerprint);
    """,
    # 12: a note's newest outbox row keeps no copy of the note (vault/outbox.py): it reads
    # the note at push time, and before anything changes or removes the note, these give
    # the row the version it queued. (Rows queued before this kept their copies.) Only the
    # note's newest row can be without one, found from the end of the outbox: a note being
    # typed in has its row among the last, so a save reads a row or two, not the outbox.
    f"""
    CREATE TRIGGER IF NOT EXISTS outbox_copy_before_note_update BEFORE UPDATE OF data ON records
    WHEN OLD.type = 'note'
{_COPY_INTO_NEWEST_NOTE_ROW}
    CREATE TRIGGER IF NOT EXISTS outbox_copy_before_note_delete BEFORE DELETE ON records
    WHEN OLD.type = 'note'
{_COPY_INTO_NEWEST_NOTE_ROW}
    """,
    # 13: audit events in less than half the bytes (vault/packing.py): every save writes
    # one. Columns without a type keep each value as given: the packed forms, or the text
    # where a field has another shape. A prev_hash that is the hash of the event before
    # (every one but the first, in a chain never broken) is kept there only: NULL here.
    # The triggers are those of migration 3.
    f"""
    CREATE TABLE audit_events_packed (
        seq INTEGER PRIMARY KEY,
        id NOT NULL UNIQUE,
        at NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        record_type TEXT NOT NULL,
        record_id NOT NULL,
        case_id NOT NULL,
        device NOT NULL,
        prev_hash,
        hash NOT NULL
    );
    INSERT INTO audit_events_packed
    SELECT seq, {_packed_id("id")}, {_packed_time("at")}, actor, action, record_type,
           {_packed_id("record_id")}, {_packed_id("case_id")}, {_packed_id("device")},
           CASE WHEN prev_hash = (SELECT before.hash FROM audit_events AS before
                                  WHERE before.seq = audit_events.seq - 1) THEN NULL
           ELSE {_packed_hash("prev_hash")} END,
           {_packed_hash("hash")}
    FROM audit_events ORDER BY seq;
    DROP TABLE audit_events;
    ALTER TABLE audit_events_packed RENAME TO audit_events;
{_AUDIT_APPEND_ONLY_13}
    """,
    # 14: an outbox row no longer keeps the time it was queued: nothing read it, and the
    # audit event it names (audit_seq) holds the time of the change; two rows a save, 64
    # bytes a save.
    """
    ALTER TABLE outbox DROP COLUMN queued_at;
    """,
    # 15: a note revision's row keeps in its JSON only what its columns do not hold (the
    # vault writes one a save). `stored` is what is written; `data`, the record as every
    # reader knows it, is the stored JSON with the columns put back: the row's own, a
    # `created_at` that is the row's `updated_at` when the JSON names none (a revision is
    # never changed after it is made), and, where `packed_sha256` is set, the SHA-256, the
    # device and the base kept as bytes (vault/packing.py). Other records, and revisions
    # written before, keep their whole JSON in `stored`; putting back what it holds changes
    # nothing. json_set and json_insert keep a null the record holds (a copy's base_id), as
    # json_patch would not. (Renaming the column renames it in the triggers too.)
    f"""
    ALTER TABLE records RENAME COLUMN data TO stored;
    ALTER TABLE records ADD COLUMN packed_sha256 BLOB;
    ALTER TABLE records ADD COLUMN packed_origin_device BLOB;
    ALTER TABLE records ADD COLUMN packed_base_id BLOB;
    ALTER TABLE records ADD COLUMN data TEXT GENERATED ALWAYS AS (
        {_record_data(_REVISION_WITH_COLUMNS)}) VIRTUAL;
    """,
    # 16: an unsent outbox row of a note that a later save replaced is removed, not kept
    # empty and marked superseded: its seq is sent as a marker all the same (vault/outbox.py);
    # one row a save. Migration 12's triggers named the mark: they are made again without.
    f"""
    DROP TRIGGER outbox_copy_before_note_update;
    DROP TRIGGER outbox_copy_before_note_delete;
    DELETE FROM outbox WHERE superseded = 1;
    ALTER TABLE outbox DROP COLUMN superseded;
{_note_row_copies(_COPY_INTO_NEWEST_NOTE_ROW_16)}
    """,
    # 17: the indexes by type and by case leave note revisions out (vault/indexes.py): a
    # revision is found by its note or its id, and each index entry was some 50 bytes a save.
    """
    DROP INDEX records_by_type;
    DROP INDEX records_by_case;
    CREATE INDEX records_by_type ON records (type, sort_key) WHERE type <> 'note_revision';
    CREATE INDEX records_by_case ON records (case_id, type) WHERE type <> 'note_revision';
    """,
    # 18: a note revision's JSON leaves out its number too, which its sort key holds, and the
    # empty body of a delta (then vault.records.stored_row): 25 bytes a save. `data` puts them
    # back where the JSON names none, so rows written before read the same.
    f"""
    ALTER TABLE records DROP COLUMN data;
    ALTER TABLE records ADD COLUMN data TEXT GENERATED ALWAYS AS (
        {_record_data(_REVISION_WITH_COLUMNS_18)}) VIRTUAL;
    """,
    # 19: an audit event names its actor, action, record type and device by a number: each
    # such text is kept once, in audit_words (vault/audit.py), not in every event; 30 bytes
    # a save. Its id is no longer indexed: nothing looks an event up by it, and the chain's
    # hashes cover it; 25-40 bytes a save. A device kept in none of migration 13's forms (a
    # blob of another length) stays as it is. The triggers are those of migration 13, and
    # the words are as append-only as the events that name them.
    f"""
    CREATE TABLE audit_words (
        id INTEGER PRIMARY KEY,
        word TEXT NOT NULL UNIQUE
    );
    INSERT INTO audit_words (word)
    SELECT actor FROM audit_events UNION SELECT action FROM audit_events
    UNION SELECT record_type FROM audit_events
    UNION SELECT {_DEVICE_TEXT} FROM audit_events WHERE {_DEVICE_HAS_TEXT};
    CREATE TABLE audit_events_worded (
        seq INTEGER PRIMARY KEY,
        id NOT NULL,
        at NOT NULL,
        actor NOT NULL,
        action NOT NULL,
        record_type NOT NULL,
        record_id NOT NULL,
        case_id NOT NULL,
        device NOT NULL,
        prev_hash,
        hash NOT NULL
    );
    INSERT INTO audit_events_worded
    SELECT seq, id, at, {_word_of("actor")}, {_word_of("action")}, {_word_of("record_type")},
           record_id, case_id,
           CASE WHEN {_DEVICE_HAS_TEXT} THEN {_word_of(_DEVICE_TEXT)} ELSE device END,
           prev_hash, hash
    FROM audit_events ORDER BY seq;
    DROP TABLE audit_events;
    ALTER TABLE audit_events_worded RENAME TO audit_events;
{_AUDIT_APPEND_ONLY_13}
    CREATE TRIGGER audit_words_no_update BEFORE UPDATE ON audit_words
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_words_no_delete BEFORE DELETE ON audit_words
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    """,
    # 20: note revisions move to a table of their own (vault/revision_rows.py): a revision
    # is found only by its id or its note, never by type or case, so it keeps its ids, hash
    # and times in the packed forms, its number as a number, and no type, sort key or JSON
    # of its own. What every revision of a note repeats is kept once: its note and case in
    # revision_notes (a case only where it is not its note's), its author and device in
    # revision_writers. note_revision_records is the record as every reader knows it (and
    # as it is pushed), made from those. 250-300 bytes a save. `records` keeps migration
    # 15's columns, now unused: dropping them would rewrite every other record for nothing.
    f"""
    CREATE TABLE revision_notes (
        id INTEGER PRIMARY KEY,
        note_id NOT NULL UNIQUE,
        case_id NOT NULL
    );
    CREATE INDEX revision_notes_by_case ON revision_notes (case_id);
    CREATE TABLE revision_writers (
        id INTEGER PRIMARY KEY,
        author TEXT NOT NULL,
        origin_device NOT NULL,
        UNIQUE (author, origin_device)
    );
    CREATE TABLE note_revisions (
        id NOT NULL UNIQUE,
        note INTEGER NOT NULL,
        number INTEGER NOT NULL,
        writer INTEGER NOT NULL,
        at NOT NULL,
        created,
        case_id,
        base_id,
        body TEXT NOT NULL,
        delta TEXT NOT NULL,
        sha256 NOT NULL,
        version INTEGER NOT NULL,
        deleted INTEGER NOT NULL
    );
    CREATE INDEX note_revisions_by_note ON note_revisions (note, number);
    CREATE INDEX note_revisions_of_another_case ON note_revisions (case_id)
    WHERE case_id IS NOT NULL;
{_revision_view("r.base_id", _REVISION_DATA_20)}

    CREATE TEMP TABLE staged_revisions AS
    SELECT rowid AS row, {_packed_id("id")} AS id, {_packed_id("parent_id")} AS note_id,
           {_packed_id("case_id")} AS case_id, json_extract(data, '$.revision') AS number,
           {_packed_time_20("updated_at")} AS at,
           CASE WHEN json_extract(data, '$.created_at') = updated_at THEN NULL
           ELSE {_packed_time_20("json_extract(data, '$.created_at')")} END AS created,
           coalesce(json_extract(data, '$.author'), '') AS author,
           {_packed_id("json_extract(data, '$.origin_device')")} AS origin_device,
           {_packed_id("json_extract(data, '$.base_id')")} AS base_id,
           coalesce(json_extract(data, '$.body'), '') AS body,
           coalesce(json_extract(data, '$.delta'), '') AS delta,
           {_packed_hash("coalesce(json_extract(data, '$.sha256'), '')")} AS sha256,
           version, deleted
    FROM records WHERE type = 'note_revision';
    INSERT INTO revision_notes (note_id, case_id)
    SELECT note_id, case_id FROM (SELECT note_id, case_id, min(row) FROM staged_revisions
                                  GROUP BY note_id) ORDER BY note_id;
    INSERT INTO revision_writers (author, origin_device)
    SELECT DISTINCT author, origin_device FROM staged_revisions;
    INSERT INTO note_revisions (id, note, number, writer, at, created, case_id, base_id, body,
                                delta, sha256, version, deleted)
    SELECT s.id, n.id, s.number, w.id, s.at, s.created,
           CASE WHEN s.case_id = n.case_id THEN NULL ELSE s.case_id END,
           s.base_id, s.body, s.delta, s.sha256, s.version, s.deleted
    FROM staged_revisions AS s JOIN revision_notes AS n ON n.note_id = s.note_id
    JOIN revision_writers AS w ON w.author = s.author AND w.origin_device = s.origin_device
    ORDER BY s.row;
    DROP TABLE staged_revisions;

    DROP TRIGGER records_append_only_delete;
    DELETE FROM records WHERE type = 'note_revision';
    CREATE TRIGGER records_append_only_delete BEFORE DELETE ON records
    WHEN OLD.type IN ({", ".join(f"'{t}'" for t in APPEND_ONLY_TYPES)})
    AND NOT {PURGING_FUNCTION}()
    BEGIN SELECT RAISE(ABORT, 'append-only record'); END;
{_append_only_table("note_revisions")}
{_append_only_table("revision_notes")}
{_append_only_table("revision_writers")}
    """,
    # 21: a long text is kept deflated (vault/squeeze.py): a note's record, a revision's copy
    # and a checkpoint's delta, which each save of a long note writes again. `data`, the
    # record as every reader knows it, is `stored` inflated; records hold no revision since
    # 20. The notes (from 4 KiB, as a save keeps them) and revisions already written are
    # deflated here too (the guard is lifted for that, and the outbox copies, which name
    # `stored`, are made again to copy `data`).
    f"""
    DROP TRIGGER outbox_copy_before_note_update;
    DROP TRIGGER outbox_copy_before_note_delete;
    ALTER TABLE records DROP COLUMN data;
    ALTER TABLE records ADD COLUMN data TEXT GENERATED ALWAYS AS (
        CASE WHEN typeof(stored) = 'blob' THEN {INFLATE_FUNCTION}(stored) ELSE stored END
    ) VIRTUAL;
    UPDATE records SET stored = {SQUEEZE_FUNCTION}(stored)
    WHERE type = 'note' AND typeof(stored) = 'text' AND length(stored) >= 4096;
{_note_row_copies(_COPY_INTO_NEWEST_NOTE_ROW_21)}

    DROP VIEW note_revision_records;
{_revision_view("r.base_id", _REVISION_DATA_21)}
{_past_update_guard("note_revisions", _DEFLATE_REVISIONS_21)}
    """,
    # 22: a revision's outbox row names it by its row in note_revisions, not by the 36
    # characters of its id, and a revision names its base by its row, not by its 16 bytes
    # (one of each a save; vault/revision_rows.py). `record_id` loses its TEXT affinity for
    # that, so the outbox is made again: same rows, same seqs, and the next seq where it was
    # (AUTOINCREMENT's counter moves with it). A revision no row holds any more (purged; its
    # outbox row keeps its copy), or a base not held or of another note, keeps its id. The
    # copies of a note's row go with the table they update and are made again.
    f"""
    DROP VIEW note_revision_records;
{_revision_view(_BASE_ID_22, _REVISION_DATA_22)}
{_past_update_guard("note_revisions", _BASES_BY_ROW_22)}

    DROP TRIGGER outbox_copy_before_note_update;
    DROP TRIGGER outbox_copy_before_note_delete;
    CREATE TABLE outbox_22 (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        record_type TEXT NOT NULL,
        record_id NOT NULL,
        version INTEGER NOT NULL,
        data TEXT,
        audit_seq INTEGER,
        base_version INTEGER
    );
    INSERT INTO outbox_22 (seq, record_type, record_id, version, data, audit_seq, base_version)
    SELECT o.seq, o.record_type,
           CASE WHEN o.record_type = 'note_revision' THEN coalesce(
               (SELECT r.rowid FROM note_revisions AS r
                WHERE r.id = unhex(replace(o.record_id, '-', ''))), o.record_id)
           ELSE o.record_id END,
           o.version, o.data, o.audit_seq, o.base_version
    FROM outbox AS o ORDER BY o.seq;
    CREATE TEMP TABLE outbox_counter AS SELECT seq FROM sqlite_sequence WHERE name = 'outbox';
    DROP TABLE outbox;
    ALTER TABLE outbox_22 RENAME TO outbox;
    DELETE FROM sqlite_sequence WHERE name = 'outbox';
    INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox', seq FROM outbox_counter;
    DROP TABLE outbox_counter;
{_note_row_copies(_COPY_INTO_NEWEST_NOTE_ROW_21)}
    """,
    # 23: a revision's outbox row keeps no type: it names its revision by a row number, as
    # no other row does (vault/outbox.py). 13 bytes a save until the push. Audit events
    # written from now on keep no id either: theirs is made from their device, seq and time
    # (vault/audit.py), 17 bytes a save; those written before keep theirs, so this changes
    # none. The schema's number tells an older safeconf that it cannot read these.
    """
    UPDATE outbox SET record_type = '' WHERE record_type = 'note_revision'
        AND typeof(record_id) = 'integer';
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
