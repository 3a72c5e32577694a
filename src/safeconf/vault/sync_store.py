"""What sync keeps in the vault: the outbox to push, the pull cursor, credentials for HQ,
records received from HQ, conflicts kept for review, and purges of cases HQ withdrew.

Everything here is inside the encrypted database, the device's private key included.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from safeconf.domain import ack_signature, codec, revisions
from safeconf.domain.caseless import is_caseless
from safeconf.domain.change_rules import BROKEN_REVISION, FINALIZED, Refusal, judge_change
from safeconf.domain.codec import APPEND_ONLY_TYPES
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.ids import utc_now
from safeconf.domain.records import (
    Acknowledgment,
    AuditEvent,
    Conference,
    ConferenceState,
    NoteRevision,
    RecordMeta,
)
from safeconf.domain.validation import validate
from safeconf.vault import revision_rows
from safeconf.vault.audit import AuditLog
from safeconf.vault.database import Database
from safeconf.vault.errors import AppendOnly, RecordNotFound, WriteConflict
from safeconf.vault.indexes import NOT_A_REVISION, REVISION_TYPE
from safeconf.vault.outbox import GAP_TYPE, REVISION_ROW, row_type
from safeconf.vault.record_view import VaultRecordView
from safeconf.vault.records import RecordStore


@dataclass(frozen=True)
class PendingItem:
    seq: int
    record_type: str
    data: dict[str, Any] | None  # None: nothing to send, a marker (vault/outbox.py)
    version: int
    audit_seq: int = 0  # the audit event written with this change
    size: int = 0  # bytes of the record's JSON, to keep a push under HQ's body limit
    # The version HQ must hold for this change to apply cleanly (None: a new record).
    base_version: int | None = None
    gap: bool = False  # a seq no row holds: a later save removed its row (vault/outbox.py)

    @property
    def superseded(self) -> bool:
        return self.data is None


@dataclass(frozen=True)
class Credentials:
    """The device's identity at HQ, issued at enrollment."""

    hq_device_id: str
    worker_id: str
    sync_url: str
    ca_pem: str
    cert_pem: str
    key_pem: str


@dataclass(frozen=True)
class Unusable:
    """A pulled record this laptop cannot use (malformed, or of a kind it does not know):
    kept as received, in quarantine, instead of stopping the page."""

    record_type: str
    data: Any
    problem: str


@dataclass(frozen=True)
class ApplyResult:
    inserted: int
    updated: int
    unchanged: int
    conflicts: int
    purged_cases: int
    quarantined: int = 0


class SyncStore:
    def __init__(self, db: Database, store: RecordStore, audit: AuditLog) -> None:
        self._db = db
        self._store = store
        self._audit = audit
        self._view = VaultRecordView(db)

    # -- settings --------------------------------------------------------------------

    def get(self, key: str, default: str | None = None) -> str | None:
        value = self._db.scalar("SELECT value FROM sync_state WHERE key = ?", (key,))
        return default if value is None else str(value)

    def put(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO sync_state (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @property
    def cursor(self) -> int:
        return int(self.get("cursor", "0") or 0)

    @property
    def acked_seq(self) -> int:
        return int(self.get("acked_seq", "0") or 0)

    @property
    def audit_acked_seq(self) -> int:
        return int(self.get("audit_acked_seq", "0") or 0)

    @property
    def last_sync_at(self) -> str | None:
        return self.get("last_sync_at")

    def credentials(self) -> Credentials | None:
        raw = self.get("credentials")
        return None if raw is None else Credentials(**json.loads(raw))

    def save_credentials(self, credentials: Credentials, action: str = "enroll") -> None:
        """Store HQ's certificate and this device's key ("enroll", or "renew" later)."""
        with self._db.transaction():
            self.put("credentials", json.dumps(credentials.__dict__))
            if self.get("enrolled_at") is None:
                self.put("enrolled_at", utc_now())
            self._audit.append(action, "device", credentials.hq_device_id, "")

    # -- push ------------------------------------------------------------------------

    def pending(self, limit: int) -> list[PendingItem]:
        """The next `limit` outbox seqs to push. A row without its own copy reads its
        append-only record; a seq whose row a later save removed (vault/outbox.py), or a row
        whose record a purge removed, has no content and is sent as a marker."""
        acked = self.acked_seq
        rows = self._db.rows(
            # A revision's record is a view of three tables: looked up, not joined (SQLite
            # would read the whole view for each row on the right of a LEFT JOIN).
            # Its outbox row names it by its row (vault migrations 22 and 23).
            f"SELECT o.seq, {row_type('o')}, coalesce(o.data, r.data, CASE WHEN o.data IS NULL"
            f" AND o.record_type = '{REVISION_ROW}' THEN (SELECT v.data FROM"
            f" {revision_rows.VIEW} AS v WHERE v.rowid = o.record_id) END),"
            " o.version, o.audit_seq, o.base_version FROM outbox AS o"
            " LEFT JOIN records AS r ON o.data IS NULL"
            " AND r.id = o.record_id AND r.type = o.record_type"
            " WHERE o.seq > ? ORDER BY o.seq LIMIT ?",
            (acked, limit),
        )
        items: list[PendingItem] = []
        for seq, rtype, data, version, audit_seq, base in rows:
            items += [_gap(at) for at in range(items[-1].seq + 1 if items else acked + 1, seq)]
            items.append(PendingItem(seq, rtype, None if data is None else json.loads(data),
                                     version, audit_seq or 0,
                                     0 if data is None else len(data.encode("utf-8")),
                                     _base_version(rtype, version, base)))
        return items[:limit]

    def put_first(self, record_types: frozenset[str]) -> int:
        """Renumber the unsent outbox so rows of `record_types` (reports of a loss or a
        breach) come before every other, each group keeping its own order; returns how many
        rows moved ahead. Call only with no batch in flight: HQ has then seen no seq above
        the acknowledged one, so the numbers are still this laptop's to give."""
        rows = self._db.rows(f"SELECT seq, {row_type()} FROM outbox WHERE seq > ?"
                             " ORDER BY seq", (self.acked_seq,))
        order = ([seq for seq, rtype in rows if rtype in record_types]
                 + [seq for seq, rtype in rows if rtype not in record_types])
        held = [seq for seq, _ in rows]
        if order == held:
            return 0
        with self._db.transaction():
            # Each row takes one of the seqs the rows hold, so the seqs no row holds stay
            # where they are; through negative numbers, so no two rows ever hold one seq.
            for new, old in zip(held, order, strict=True):
                self._db.execute("UPDATE outbox SET seq = ? WHERE seq = ?", (-new, old))
            self._db.execute("UPDATE outbox SET seq = -seq WHERE seq < 0")
        return sum(1 for _seq, rtype in rows if rtype in record_types)

    def pending_count(self) -> int:
        return int(
            self._db.scalar("SELECT count(*) FROM outbox WHERE seq > ?", (self.acked_seq,))
        )

    def unsent_ids(self, record_type: str) -> set[str]:
        """Ids of records of this type still waiting in the outbox (not yet held by HQ):
        one query, for showing "not yet sent" without reading the whole outbox."""
        return {str(r[0]) for r in self._db.rows(
            f"SELECT DISTINCT record_id FROM outbox WHERE seq > ? AND {row_type()} = ?",
            (self.acked_seq, record_type))}

    def pending_audit(self, limit: int) -> list[AuditEvent]:
        return self._audit.events(self.audit_acked_seq, limit)

    def mark_pushed(self, acked_seq: int, audit_acked_seq: int) -> None:
        """HQ holds everything up to these sequences; the pushed outbox rows can go."""
        with self._db.transaction():
            self.put("acked_seq", str(max(acked_seq, self.acked_seq)))
            self.put("audit_acked_seq", str(max(audit_acked_seq, self.audit_acked_seq)))
            self._db.execute("DELETE FROM outbox WHERE seq <= ?", (acked_seq,))

    def keep_refused(self, record_type: str, record_id: str, case_id: str, message: str,
                     hq_data: dict[str, Any] | None) -> None:
        """HQ refused a pushed change under a conference rule (e.g. the conference was
        finalized on another laptop first). Where HQ holds the record, its copy becomes this
        laptop's again and the refused version is kept on a conflict row beside it; where
        HQ holds none, this laptop's record stays and an open conflict says HQ refused it.
        Nothing is queued for HQ: HQ already kept the refused version for review."""
        cls = codec.RECORD_TYPES.get(record_type)
        found = self._local(record_type, record_id, "rowid, version, data")
        if cls is None or found is None:
            return
        rowid, local_version, local_data = found
        with self._db.transaction():
            if hq_data is None:
                self._keep_conflict(record_type, codec.from_dict(cls, json.loads(local_data)),
                                    local_version, local_data, message)
                return
            theirs = codec.from_dict(cls, hq_data)
            data = json.dumps(codec.to_dict(theirs), ensure_ascii=False)
            if record_type not in APPEND_ONLY_TYPES:
                self._store.replace_row(rowid, theirs, data)
            self._db.execute(
                "INSERT INTO sync_conflicts (record_type, record_id, case_id, local_version,"
                " remote_version, remote_data, reason, found_at, reviewed, kept,"
                " replaced_data, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (record_type, record_id, case_id, local_version, theirs.version, data, message,
                 utc_now(), 1, "hq", local_data, utc_now()),
            )
            self._audit.append("refused_by_hq", record_type, record_id, case_id)

    def rebase(self, acked_seq: int) -> int:
        """HQ already holds outbox seqs up to `acked_seq` from this laptop's past (the vault
        was restored from a backup or snapshot): renumber the changes not yet sent to follow
        on from there, in one transaction, and take HQ's count as acknowledged. Returns how
        many were renumbered. See docs/sync-protocol.md, "Rebase"."""
        with self._db.transaction():
            mine = self.acked_seq
            count = int(self._db.scalar("SELECT count(*) FROM outbox WHERE seq > ?", (mine,)))
            # The last seq this laptop gave, whether or not a row still holds it.
            given = int(self._db.scalar(
                "SELECT coalesce(max(seq), 0) FROM (SELECT seq FROM sqlite_sequence"
                " WHERE name = 'outbox' UNION ALL SELECT max(seq) FROM outbox)") or 0)
            # Rows up to our own acked seq were HQ's already; the rest move as one block,
            # the seqs no row holds with them. Through negative numbers, so no row collides
            # with another on the way.
            self._db.execute("DELETE FROM outbox WHERE seq <= ?", (mine,))
            self._db.execute("UPDATE outbox SET seq = -(seq - ? + ?)", (mine, acked_seq))
            self._db.execute("UPDATE outbox SET seq = -seq")
            # AUTOINCREMENT continues from sqlite_sequence: set it to the new last seq
            # exactly, or the next change would leave a gap (or reuse a seq HQ holds).
            last = acked_seq + max(given - mine, 0)
            if self._db.scalar("SELECT 1 FROM sqlite_sequence WHERE name = 'outbox'") is None:
                self._db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)",
                                 (last,))
            else:
                self._db.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'",
                                 (last,))
            self.put("acked_seq", str(acked_seq))
            self._audit.append("rebase", "outbox", str(acked_seq), "")
        return count

    def mark_synced(self) -> None:
        self.put("last_sync_at", utc_now())

    # -- pull ------------------------------------------------------------------------

    def apply_page(
        self,
        records: Sequence[RecordMeta | Unusable],
        new_cursor: int,
        purge_case_ids: Iterable[str] = (),
        cursors: Sequence[int] | None = None,
    ) -> ApplyResult:
        """Apply one pulled page and its cursor in one transaction: all of it or none.
        A record that is malformed is quarantined, and one that breaks a conference rule
        here is kept as a conflict; the rest of the page applies either way."""
        counts = {"inserted": 0, "updated": 0, "unchanged": 0, "conflicts": 0,
                  "quarantined": 0}
        finalized_before = self._finalized_conferences(records)
        at = list(cursors) if cursors is not None else [None] * len(records)
        # Where HQ's log finalized a conference, by change seq: a change HQ logged before it
        # is part of what was finalized there, never a change to a finalized record.
        finalized_at = {r.id: c for r, c in zip(records, at, strict=True)
                        if isinstance(r, Conference) and r.state is ConferenceState.FINALIZED
                        and c is not None}
        with self._db.transaction():
            for record, cursor in zip(records, at, strict=True):
                if isinstance(record, Unusable):
                    counts[self._quarantine(record, new_cursor)] += 1
                    continue
                if is_caseless(codec.type_name(record)):
                    # HQ never serves these (they are no case's): one that arrives is not
                    # to be trusted, only kept aside.
                    counts[self._quarantine(Unusable(
                        codec.type_name(record), codec.to_dict(record),
                        "a record of no case is never sent to laptops"), new_cursor)] += 1
                    continue
                try:
                    validate(record)
                    _signature_holds_if_signed(record)
                except InvalidRecord as exc:
                    counts[self._quarantine(Unusable(codec.type_name(record),
                                                     codec.to_dict(record), str(exc)),
                                            new_cursor)] += 1
                    continue
                counts[self._apply(record, self._logged_before_finalize(
                    record, cursor, finalized_at))] += 1
                if record.id in finalized_at:
                    self.put(f"finalized_at:{record.id}", str(finalized_at[record.id]))
            self._settle_finalized(self._finalized_conferences(records) - finalized_before)
            purged = self.purge_cases(purge_case_ids)
            self.put("cursor", str(new_cursor))
            if records or purged:
                self._audit.append("sync_pull", "page", str(new_cursor), "")
        return ApplyResult(**counts, purged_cases=purged)

    def _finalized_conferences(self, records: Sequence[RecordMeta | Unusable]) -> set[str]:
        """Which of the page's conferences this laptop now holds as finalized."""
        ids = [r.id for r in records if isinstance(r, Conference)]
        return {cid for cid in ids if self._db.scalar(
            "SELECT 1 FROM records WHERE id = ? AND type = 'conference'"
            " AND json_extract(data, '$.state') = 'finalized'", (cid,))}

    def _settle_finalized(self, conference_ids: set[str]) -> None:
        """A conference was finalized at HQ: what it holds is the record now. Open conflicts
        over its attendees and notes are settled for HQ's version (the local one stays on
        the conflict row), so this laptop never shows a finalized room with other text."""
        for conference_id in conference_ids:
            rows = self._db.rows(
                "SELECT c.id, c.record_type, c.remote_data, r.rowid, r.data"
                " FROM sync_conflicts AS c JOIN records AS r ON r.id = c.record_id"
                " WHERE c.reviewed = 0 AND c.record_type IN ('attendee', 'note')"
                " AND json_extract(c.remote_data, '$.conference_id') = ?", (conference_id,))
            for conflict_id, name, remote_data, rowid, local_data in rows:
                theirs = codec.from_dict(codec.RECORD_TYPES[name], json.loads(remote_data))
                self._store.replace_row(rowid, theirs, remote_data)
                self._db.execute(
                    "UPDATE sync_conflicts SET reviewed = 1, kept = 'hq', replaced_data = ?,"
                    " resolved_at = ? WHERE id = ?", (local_data, utc_now(), conflict_id))
                self._audit.append("conflict_resolved", "sync_conflict", str(conflict_id),
                                   theirs.case_id)

    def keep_push_conflict(self, record_type: str, record_id: str, case_id: str,
                           hq_version: int, hq_data: dict[str, Any], reason: str) -> None:
        """HQ kept a pushed change for review because it held another version: keep HQ's
        beside this laptop's as an open conflict (once per record), so the person who made
        the change can choose, and a later finalize at HQ can settle it."""
        if codec.RECORD_TYPES.get(record_type) is None or self._db.scalar(
                "SELECT 1 FROM sync_conflicts WHERE record_id = ? AND reviewed = 0",
                (record_id,)):
            return
        found = self._local(record_type, record_id, "version")
        if found is None:
            return
        local_version = found[0]
        self._db.execute(
            "INSERT INTO sync_conflicts (record_type, record_id, case_id, local_version,"
            " remote_version, remote_data, reason, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (record_type, record_id, case_id, local_version, hq_version,
             json.dumps(hq_data, ensure_ascii=False), reason, utc_now()))

    def _quarantine(self, item: Unusable, cursor: int) -> str:
        data = item.data if isinstance(item.data, dict) else {}
        record_id, case_id = data.get("id"), data.get("case_id")
        self._db.execute(
            "INSERT INTO sync_quarantine (record_type, record_id, case_id, data, problem,"
            " cursor, found_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (item.record_type[:64], record_id if isinstance(record_id, str) else "",
             case_id if isinstance(case_id, str) else "",
             json.dumps(item.data, ensure_ascii=False), item.problem[:500], cursor, utc_now()),
        )
        self._audit.append("quarantine", item.record_type[:64],
                           record_id[:64] if isinstance(record_id, str) else "",
                           case_id[:64] if isinstance(case_id, str) else "")
        return "quarantined"

    def quarantined(self) -> list[dict[str, Any]]:
        """Pulled records kept aside because this laptop could not use them."""
        rows = self._db.rows(
            "SELECT id, record_type, record_id, case_id, problem, cursor, found_at"
            " FROM sync_quarantine ORDER BY id"
        )
        keys = ("id", "record_type", "record_id", "case_id", "problem", "cursor", "found_at")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def _logged_before_finalize(self, record: RecordMeta, cursor: int | None,
                                finalized_at: dict[str, int]) -> bool:
        """True when HQ logged this change of a conference's record before that conference's
        finalize (seen on this page or an earlier one)."""
        if cursor is None:
            return False
        conference_id = getattr(record, "conference_id", None)
        if conference_id is None and isinstance(record, NoteRevision):
            note = self._view.note(record.note_id)
            conference_id = None if note is None else note.conference_id
        if not isinstance(conference_id, str):
            return False
        final = finalized_at.get(conference_id)
        if final is None:
            stored = self.get(f"finalized_at:{conference_id}")
            final = None if stored is None else int(stored)
        return final is not None and cursor < final

    def _apply(self, record: RecordMeta, before_finalize: bool = False) -> str:
        name = codec.type_name(record)
        data = json.dumps(codec.to_dict(record), ensure_ascii=False)
        found = self._local(name, record.id, "rowid, version, data")
        if found is None and self._held_as_another_kind(name, record.id):
            return self._keep_conflict(name, record, None, data, "same id, different content")
        if found is None:
            refusal = judge_change(record, None, self._view, {}, parents_known=False,
                                   check_gate=False)
            if refusal is not None and not _finalized_earlier(refusal, before_finalize):
                return self._keep_conflict(name, record, None, data, refusal.message)
            self._store.insert_row(name, record, data)
            if isinstance(record, NoteRevision):
                self._check_waiting_on(record)
            return "inserted"
        rowid, local_version, local_data = found
        if json.loads(local_data) == json.loads(data):
            return "unchanged"
        local = codec.from_dict(type(record), json.loads(local_data))
        if isinstance(record, NoteRevision) and isinstance(local, NoteRevision) and \
                revisions.same_save(local, record):
            return "unchanged"  # one save, kept here compacted and at HQ as it was sent
        refusal = judge_change(record, local, self._view, {}, parents_known=False,
                               check_gate=False)
        if refusal is not None and not _finalized_earlier(refusal, before_finalize):
            # What the rules protect here (a finalized conference above all) stays as it
            # is; HQ's version is kept beside it for review, never applied.
            return self._keep_conflict(name, record, local_version, data, refusal.message)
        unpushed = self._db.scalar(
            "SELECT count(*) FROM outbox WHERE record_id = ? AND seq > ?",
            (record.id, self.acked_seq),
        )
        if name not in APPEND_ONLY_TYPES and record.version > local_version and not unpushed:
            self._store.replace_row(rowid, record, data)
            return "updated"
        # Both changed, or the same id with other content: keep both, flag HQ's for review.
        return self._keep_conflict(name, record, local_version, data,
                                   "same id, different content" if name in APPEND_ONLY_TYPES
                                   else "changed here and at HQ")

    def _local(self, record_type: str, record_id: str, columns: str) -> tuple[Any, ...] | None:
        """`columns` of this laptop's record with this id (of this type, for a revision:
        revisions have a table of their own), or None."""
        if record_type == REVISION_TYPE:
            return self._db.row(f"SELECT {columns} FROM {revision_rows.VIEW} WHERE id = ?",
                                (revision_rows.key(record_id),))
        return self._db.row(f"SELECT {columns} FROM records WHERE id = ?", (record_id,))

    def _held_as_another_kind(self, record_type: str, record_id: str) -> bool:
        """Whether this laptop holds a record with this id in the other table: a revision
        with the id of a record, or a record with a revision's."""
        if record_type == REVISION_TYPE:
            return self._db.scalar("SELECT 1 FROM records WHERE id = ?", (record_id,)) == 1
        return self._db.scalar(f"SELECT 1 FROM {revision_rows.TABLE} WHERE id = ?",
                               (revision_rows.key(record_id),)) == 1

    def _check_waiting_on(self, base: NoteRevision) -> None:
        """Deltas pulled before the revision they are built on could not be checked when
        they came: check them now that it is here. One that does not rebuild leaves the
        records for the conflict list, as if it had been refused when it came."""
        rows = self._db.rows(
            f"SELECT rowid, data FROM {revision_rows.VIEW} WHERE note = {revision_rows.NOTE}"
            " AND base_id = ?", (revision_rows.key(base.note_id), revision_rows.key(base.id)))
        for rowid, data in rows:
            waiting = codec.from_dict(NoteRevision, json.loads(data))
            refusal = judge_change(waiting, None, self._view, {}, check_gate=False)
            if refusal is None or refusal.reason != BROKEN_REVISION:
                continue
            with self._db.purging():  # never a sound record: it leaves as it would not land
                self._db.execute(f"DELETE FROM {revision_rows.TABLE} WHERE rowid = ?",
                                 (rowid,))
            self._keep_conflict(REVISION_TYPE, waiting, None, data, refusal.message)

    def _keep_conflict(self, name: str, record: RecordMeta, local_version: int | None,
                       data: str, reason: str) -> str:
        """Keep HQ's version beside this laptop's for review ("conflicts"), once: when that
        very version already waits for review (a push's answer keeps it, and the pull right
        after brings it again), it is one disagreement, not a second ("unchanged")."""
        wanted = json.loads(data)
        if any(json.loads(held) == wanted for (held,) in self._db.rows(
                "SELECT remote_data FROM sync_conflicts WHERE record_id = ? AND reviewed = 0"
                " AND remote_version IS ?", (record.id, record.version))):
            return "unchanged"
        self._db.execute(
            "INSERT INTO sync_conflicts (record_type, record_id, case_id, local_version,"
            " remote_version, remote_data, reason, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (name, record.id, record.case_id, local_version, record.version, data, reason,
             utc_now()),
        )
        return "conflicts"

    def conflicts(self, include_reviewed: bool = False) -> list[dict[str, Any]]:
        rows = self._db.rows(
            "SELECT id, record_type, record_id, case_id, local_version, remote_version, reason,"
            " found_at FROM sync_conflicts"
            + ("" if include_reviewed else " WHERE reviewed = 0")
            + " ORDER BY id"
        )
        keys = ("id", "record_type", "record_id", "case_id", "local_version", "remote_version",
                "reason", "found_at")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    # -- purge -----------------------------------------------------------------------

    def purge_cases(self, case_ids: Iterable[str]) -> int:
        """Remove every record of these cases (sealed, unassigned or expired at HQ) and their
        search entries. The audit log keeps its ids-only events. Outbox rows stay until HQ
        acknowledges them, each with its content: removing one would leave a gap in the push
        sequence, and HQ keeps what it refuses for a case it withdrew for review."""
        purged = 0
        with self._db.transaction():
            for case_id in dict.fromkeys(case_ids):
                kept_case = revision_rows.key(case_id)
                if self._db.scalar(f"SELECT 1 FROM {_OF_CASE} UNION ALL"
                                   f" SELECT 1 FROM {revision_rows.OF_CASE} LIMIT 1",
                                   (case_id, kept_case, kept_case)) is None:
                    continue
                with self._db.purging():
                    # An unsent append-only row reads its record at push time: it takes a
                    # copy now, so HQ still receives the change (and keeps it for review).
                    self._db.execute(
                        "UPDATE outbox SET data = (SELECT r.data FROM records AS r"
                        " WHERE r.id = outbox.record_id AND r.type = outbox.record_type)"
                        " WHERE data IS NULL AND seq > ? AND record_type <> ? AND record_id IN"
                        f" (SELECT id FROM {_OF_CASE})",
                        (self.acked_seq, REVISION_ROW, case_id),
                    )
                    self._db.execute(
                        f"UPDATE outbox SET data = (SELECT v.data FROM {revision_rows.VIEW}"
                        " AS v WHERE v.rowid = outbox.record_id)"
                        " WHERE data IS NULL AND seq > ?"
                        f" AND record_type = ? AND record_id IN {revision_rows.OF_CASE}",
                        (self.acked_seq, REVISION_ROW, kept_case, kept_case),
                    )
                    self._db.execute(
                        f"DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM {_OF_CASE})",
                        (case_id,),
                    )
                    self._db.execute("DELETE FROM sync_conflicts WHERE case_id = ?", (case_id,))
                    self._db.execute("DELETE FROM sync_quarantine WHERE case_id = ?", (case_id,))
                    self._db.execute(f"DELETE FROM {_OF_CASE}", (case_id,))
                    self._db.execute(f"DELETE FROM {revision_rows.TABLE} WHERE rowid IN"
                                     f" {revision_rows.OF_CASE}", (kept_case, kept_case))
                    # Its notes' entries go too, once no revision names them.
                    self._db.execute("DELETE FROM revision_notes WHERE case_id = ? AND id NOT IN"
                                     f" (SELECT note FROM {revision_rows.TABLE})", (kept_case,))
                self._audit.append("purge", "case", case_id, case_id)
                purged += 1
        return purged

    # -- conflict review ---------------------------------------------------------------
    # A reviewed conflict is never deleted (only a purge of its case removes it): what was on
    # each side stays readable afterwards, including the local version HQ's replaced.

    def conflict(self, conflict_id: int) -> dict[str, Any]:
        """One conflict with both versions: "remote" is HQ's copy as a record; "local" is
        this laptop's (the current record while open or when it was kept, the replaced
        version when HQ's was kept; None if it no longer exists); "kept" is "local", "hq"
        or None while open."""
        row = self._db.row(
            "SELECT id, record_type, record_id, case_id, local_version, remote_version,"
            " remote_data, reason, found_at, reviewed, kept, replaced_data"
            " FROM sync_conflicts WHERE id = ?",
            (conflict_id,),
        )
        if row is None:
            raise RecordNotFound("That conflict no longer exists.")
        (cid, name, record_id, case_id, local_version, remote_version, remote_data, reason,
         found_at, reviewed, kept, local_data) = row
        cls = codec.RECORD_TYPES[name]
        if local_data is None:
            found = self._local(name, record_id, "data")
            local_data = None if found is None else found[0]
        return {
            "id": cid,
            "record_type": name,
            "record_id": record_id,
            "case_id": case_id,
            "local_version": local_version,
            "remote_version": remote_version,
            "reason": reason,
            "found_at": found_at,
            "reviewed": bool(reviewed),
            "kept": kept,
            "local": None if local_data is None
            else codec.from_dict(cls, json.loads(local_data)),
            "remote": codec.from_dict(cls, json.loads(remote_data)),
        }

    def resolve_conflict(self, conflict_id: int, keep: str) -> RecordMeta | None:
        """Close an open conflict, keeping "local" (this laptop's version stays as it is)
        or "hq" (HQ's copy is written as the next local version through the normal update
        path: audited and queued for HQ with the local version as its base; the replaced
        local version stays on the conflict row). The row is marked reviewed, never deleted,
        and a "conflict_resolved" event is audited. Returns the stored record when HQ's
        version was written, else None."""
        if keep not in ("local", "hq"):
            raise ValueError(f"keep must be 'local' or 'hq', not {keep!r}")
        stored: RecordMeta | None = None
        replaced: str | None = None
        with self._db.transaction():
            row = self._db.row(
                "SELECT record_type, record_id, case_id, remote_data, reviewed"
                " FROM sync_conflicts WHERE id = ?",
                (conflict_id,),
            )
            if row is None:
                raise RecordNotFound("That conflict no longer exists.")
            name, record_id, case_id, remote_data, reviewed = row
            if reviewed:
                raise WriteConflict("This conflict was already reviewed; reopen the list.")
            if keep == "hq":
                if name in APPEND_ONLY_TYPES:
                    raise AppendOnly(
                        f"A {name.replace('_', ' ')} can only be added, never changed, so "
                        "HQ's copy cannot replace this laptop's. Keep this laptop's version; "
                        "HQ's copy stays in the conflict history."
                    )
                found = self._db.row(
                    "SELECT version, data FROM records WHERE id = ? AND type = ?",
                    (record_id, name),
                )
                if found is None:
                    raise RecordNotFound(
                        f"That {name.replace('_', ' ')} no longer exists on this laptop.")
                local_version, replaced = found
                theirs = codec.from_dict(codec.RECORD_TYPES[name], json.loads(remote_data))
                stored = self._store.update(replace(theirs, version=local_version))
            self._db.execute(
                "UPDATE sync_conflicts SET reviewed = 1, kept = ?, replaced_data = ?,"
                " resolved_at = ? WHERE id = ?",
                (keep, replaced, utc_now(), conflict_id),
            )
            self._audit.append("conflict_resolved", "sync_conflict", str(conflict_id),
                               case_id)
        return stored


# The records of a case, by the index by case (vault/indexes.py: its condition, word for word;
# note revisions, in a table of their own since vault schema 20, are none of them).
_OF_CASE = f"records WHERE case_id = ? AND {NOT_A_REVISION}"
def _gap(seq: int) -> PendingItem:
    """A seq whose row a later save removed: a marker, so HQ's run of seqs stays unbroken."""
    return PendingItem(seq, GAP_TYPE, None, 0, gap=True)


def _base_version(record_type: str, version: int, stored: int | None) -> int | None:
    """The base an outbox row names (rows queued before rows kept one: the version before)."""
    if record_type in APPEND_ONLY_TYPES or version <= 1:
        return None
    return version - 1 if stored is None else stored


def _finalized_earlier(refusal: Refusal, before_finalize: bool) -> bool:
    """A "finalized" refusal of a change HQ made before it finalized the conference: that
    change is part of the finalized record, so it applies."""
    return before_finalize and refusal.reason == FINALIZED


def _signature_holds_if_signed(record: RecordMeta) -> None:
    """A signed acknowledgment from HQ must be exactly what its signer signed (whether the
    signer is certified is the Conclude step's to say)."""
    if isinstance(record, Acknowledgment) and ack_signature.is_signed(record) and \
            not ack_signature.signature_holds(record):
        raise InvalidRecord("acknowledgment.signature: does not match the signed fields")
