"""The vault's audit log: every create, update, view of a case and export, hash-chained."""

from __future__ import annotations

from typing import Any

from safeconf.domain.auditchain import GENESIS_HASH, event_hash, verify_chain
from safeconf.domain.ids import derived_id, utc_now
from safeconf.domain.records import AuditEvent
from safeconf.vault import packing as packed
from safeconf.vault.database import Database

_COLUMNS = (
    "seq", "id", "at", "actor", "action", "record_type", "record_id", "case_id", "device",
    "prev_hash", "hash",
)
# How each field is kept on disk and read back (the rest are kept as their text); a device
# migration 13 packed reads back from its 16 bytes.
_PACK = {"at": packed.pack_time, "record_id": packed.pack_id,
         "case_id": packed.pack_id, "prev_hash": packed.pack_hash, "hash": packed.pack_hash}
_UNPACK = {"id": packed.unpack_id, "at": packed.unpack_time, "record_id": packed.unpack_id,
           "case_id": packed.unpack_id, "device": packed.unpack_id,
           "prev_hash": packed.unpack_hash, "hash": packed.unpack_hash}
# Fields that repeat from event to event (a laptop has one device, a few users): each event
# keeps the number of its text in audit_words (migration 19).
_WORDED = ("actor", "action", "record_type", "device")
# Ids that repeat too: a laptop holds a few cases, and a record that is updated (a note saved
# at every pause in typing) is updated again and again. Each is kept in audit_words as its
# 16 bytes; a record's creation names it itself, as most records are written once.
_NUMBERED_IDS = {"case_id": None, "record_id": "update"}  # the action that numbers it (None: any)
# What an event keeps as its id when the id is made from its device, seq and time
# (`event_id`): nothing but the sign that it is, one header byte where the id took 17 bytes.
# Events written before keep the random id they were given.
_ID_FROM_FIELDS = 0


def event_id(device: str, seq: int, at: str) -> str:
    """The id of event `seq` of `device`'s chain, written at `at`: unique, as no device
    writes two events with one seq at one microsecond (a laptop restored from a copy that
    writes a seq again writes it later), and covered by the event's hash like any id."""
    return derived_id(at, "audit event", device, seq)


class AuditLog:
    def __init__(self, db: Database, actor: str, device: str) -> None:
        self._db = db
        self.actor = actor
        self.device = device

    def append(self, action: str, record_type: str, record_id: str, case_id: str) -> AuditEvent:
        """Add one link; call inside the transaction that makes the change it describes."""
        with self._db.transaction():
            last = self._db.row("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")
            seq, prev = (1, GENESIS_HASH) if last is None else (
                last[0] + 1, packed.unpack_hash(last[1]))
            at = utc_now()
            body: dict[str, Any] = {
                "seq": seq,
                "id": event_id(self.device, seq, at),
                "at": at,
                "actor": self.actor,
                "action": action,
                "record_type": record_type,
                "record_id": record_id,
                "case_id": case_id,
                "device": self.device,
                "prev_hash": prev,
            }
            event = AuditEvent(**body, hash=event_hash(body))
            values = [_ID_FROM_FIELDS if c == "id"
                      else self._word(getattr(event, c)) if c in _WORDED
                      else self._word(packed.pack_id(getattr(event, c)))
                      if _numbered(c, action)
                      else _PACK.get(c, _same)(getattr(event, c)) for c in _COLUMNS]
            if last is not None:  # the hash of the event before: kept once, in that event
                values[_COLUMNS.index("prev_hash")] = None
            self._db.execute(
                f"INSERT INTO audit_events ({', '.join(_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(_COLUMNS))})", values)
        return event

    def events(self, after_seq: int = 0, limit: int = -1) -> list[AuditEvent]:
        rows = self._db.rows(
            f"SELECT {', '.join(_COLUMNS)} FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?",
            (after_seq, limit),
        )
        worded = [_COLUMNS.index(c) for c in (*_WORDED, *_NUMBERED_IDS)]
        named = any(type(row[i]) is int for row in rows for i in worded)
        words: dict[int, Any] = (dict(self._db.rows("SELECT id, word FROM audit_words"))
                                 if named else {})
        events: list[AuditEvent] = []
        for row in rows:
            fields = {c: _text_of(c, v, words) for c, v in zip(_COLUMNS, row, strict=True)}
            kept_id = row[_COLUMNS.index("id")]
            if type(kept_id) is int:  # any other number than the sign fails the event's hash
                fields["id"] = _made_id(fields) if kept_id == _ID_FROM_FIELDS else f"#{kept_id}"
            if row[_COLUMNS.index("prev_hash")] is None:
                fields["prev_hash"] = self._hash_before(fields["seq"], events)
            events.append(AuditEvent(**fields))
        return events

    def _word(self, text: packed.Stored) -> int:
        """The number of `text` (or an id's bytes) in audit_words, added if new. Looked up
        each time, never remembered: a word added in a transaction that is then undone is
        gone again."""
        found = self._db.scalar("SELECT id FROM audit_words WHERE word = ?", (text,))
        if found is not None:
            return int(found)
        return self._db.execute("INSERT INTO audit_words (word) VALUES (?)", (text,))

    def _hash_before(self, seq: int, read: list[AuditEvent]) -> str:
        """An event's prev_hash kept as "the hash of the event before" (vault schema 13):
        that event's hash, or nothing, which fails the chain, if there is no such event."""
        if read and read[-1].seq == seq - 1:
            return read[-1].hash
        found = self._db.scalar("SELECT hash FROM audit_events WHERE seq = ?", (seq - 1,))
        return "" if found is None else packed.unpack_hash(found)

    def at(self, seq: int) -> AuditEvent | None:
        found = self.events(seq - 1, 1) if seq > 0 else []
        return found[0] if found and found[0].seq == seq else None

    def count(self) -> int:
        return int(self._db.scalar("SELECT count(*) FROM audit_events"))

    def verify(self) -> int | None:
        """Seq of the first broken link, or None if the whole chain is sound."""
        prev, after = GENESIS_HASH, 0
        while True:
            page = self.events(after, 5000)
            if not page:
                return None
            dicts = [_as_dict(e) for e in page]
            broken = verify_chain(dicts, prev)
            if broken is not None:
                return page[broken].seq
            if page[0].seq != after + 1:
                return page[0].seq
            prev, after = page[-1].hash, page[-1].seq


def _as_dict(event: AuditEvent) -> dict[str, Any]:
    return {c: getattr(event, c) for c in _COLUMNS}


def _made_id(fields: dict[str, Any]) -> str:
    """The id of an event that keeps none; if its time was altered past reading, an id no
    event was hashed with."""
    try:
        return event_id(fields["device"], fields["seq"], fields["at"])
    except ValueError:
        return "#unreadable time"


def _numbered(column: str, action: str) -> bool:
    return column in _NUMBERED_IDS and _NUMBERED_IDS[column] in (None, action)


def _text_of(column: str, value: Any, words: dict[int, Any]) -> Any:
    if type(value) is int and (column in _WORDED or column in _NUMBERED_IDS):
        if value not in words:  # not written by the vault: it fails the event's hash
            return f"#{value}"
        value = words[value]
    return _UNPACK.get(column, _same)(value)


def _same(value: Any) -> Any:
    return value
