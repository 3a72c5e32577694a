"""Storing records: one generic store (JSON of the codec form plus the columns queries need;
note revisions in a table of their own, vault/revision_rows.py), and thin typed
repositories over it. Every write is audited and queued for sync in the same
transaction, so a record, its audit event and its outbox entry exist together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from safeconf.domain import ack_signature, codec, revisions
from safeconf.domain.change_rules import judge_change, raise_for
from safeconf.domain.codec import APPEND_ONLY_TYPES, HQ_AUTHORED_TYPES
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.ids import utc_now
from safeconf.domain.records import (
    Acknowledgment,
    Attendee,
    BreachReport,
    Case,
    Conference,
    ConferenceState,
    ConferenceType,
    Consent,
    Disclosure,
    InterviewPermission,
    LegalRequest,
    LegalRequestDocument,
    LegalRequestEvent,
    LegalReview,
    LegalReviewAnswer,
    LossReport,
    Note,
    NoteRevision,
    NoticeReceipt,
    Person,
    RecordMeta,
    StaffAcknowledgment,
)
from safeconf.domain.validation import validate
from safeconf.vault import outbox, revision_history, revision_rows
from safeconf.vault.audit import AuditLog
from safeconf.vault.database import Database
from safeconf.vault.errors import AppendOnly, RecordNotFound, WriteConflict
from safeconf.vault.indexes import REVISION_TYPE, of_type
from safeconf.vault.outbox import COPYLESS_TYPES, REVISION_ROW, SUPERSEDABLE_TYPES
from safeconf.vault.record_view import VaultRecordView
from safeconf.vault.revision_history import RevisionTexts
from safeconf.vault.signing import SigningKey
from safeconf.vault.squeeze import squeeze

R = TypeVar("R", bound=RecordMeta)


def parent_of(record: RecordMeta) -> str:
    """The record a record belongs to, for listing children in order."""
    if isinstance(record, Attendee | Acknowledgment | Note | InterviewPermission | NoticeReceipt):
        return record.conference_id
    if isinstance(record, LegalRequestDocument | LegalRequestEvent):
        return record.request_id
    return record.case_id


def sort_key_of(record: RecordMeta) -> str:
    if isinstance(record, Conference):
        return record.scheduled_start
    if isinstance(record, Case):
        return record.case_number
    return record.created_at


def _insert_record_row(db: Database, name: str, record: RecordMeta, data: str) -> int:
    """Write the row of a record whose JSON is `data` (its search entry aside); returns its
    rowid. A note revision has a table of its own (vault/revision_rows.py)."""
    if isinstance(record, NoteRevision):
        return revision_rows.insert(db, record)
    return db.execute(
        "INSERT INTO records (id, type, case_id, parent_id, sort_key, version, deleted,"
        " updated_at, stored) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (record.id, name, record.case_id, parent_of(record), sort_key_of(record),
         record.version, int(record.deleted), record.updated_at, squeeze(data, quick=True)),
    )


def searchable_text(record: RecordMeta) -> str | None:
    """What full-text search sees of a record (None: not searchable)."""
    if isinstance(record, Note):
        return record.body
    if isinstance(record, Attendee):
        return record.name
    if isinstance(record, Case):
        return f"{record.case_number} {record.family_name}"
    return None


class RecordStore:
    """Reads and writes any record type; the typed repositories below narrow it."""

    def __init__(self, db: Database, audit: AuditLog, device: str) -> None:
        self._db = db
        self._audit = audit
        self._device = device
        self._view = VaultRecordView(db)
        self._last_audit_seq = 0

    def check(self, record: RecordMeta, current: RecordMeta | None) -> None:
        """The domain's checks for a record landing here: well formed, and a change the
        conference rules allow (the gate is the service's, which knows the statements)."""
        validate(record)
        raise_for(judge_change(record, current, self._view, {}, check_gate=False))

    def add(self, record: R, covered_by: int | None = None) -> R:
        """Insert a new record (version 1, stamped with this device). `covered_by` names
        the audit event of the write this record is part of (a note's save and the revision
        that keeps it are one write, audited once); otherwise it gets an event of its own."""
        record = replace(record, origin_device=record.origin_device or self._device)
        name = codec.type_name(record)
        if name in HQ_AUTHORED_TYPES:
            raise AppendOnly(f"A {name.replace('_', ' ')} is written at HQ and arrives by sync.")
        data = json.dumps(codec.to_dict(record), ensure_ascii=False)
        with self._db.transaction():
            self.check(record, None)
            rowid = self.insert_row(name, record, data)
            self._after_write("create", name, record, data,
                              self._base_for(name, record, superseding=False), covered_by,
                              queued_as=rowid if name == REVISION_TYPE else None)
        return record

    def update(self, record: R, superseding: bool = False) -> R:
        """Store a changed record. `record.version` must be the version that was read;
        the stored copy becomes version + 1. Append-only types refuse. `superseding`: this
        is the same kind of change as the one before it (a note's next save), so an unsent
        outbox row of the version read may give way to this one (vault/outbox.py)."""
        name = codec.type_name(record)
        if name in APPEND_ONLY_TYPES:
            raise AppendOnly(f"A {name.replace('_', ' ')} can only be added, never changed.")
        stored = replace(record, version=record.version + 1, updated_at=utc_now())
        with self._db.transaction():
            found = self._db.row(
                "SELECT rowid, version, data FROM records WHERE id = ? AND type = ?",
                (record.id, name),
            )
            if found is None:
                raise RecordNotFound(f"That {name.replace('_', ' ')} no longer exists.")
            rowid, version, current = found
            if version != record.version:
                raise WriteConflict(
                    f"This {name.replace('_', ' ')} was changed elsewhere meanwhile; "
                    "reopen it to see the latest version."
                )
            self.check(stored, codec.from_dict(type(record), json.loads(current)))
            data = json.dumps(codec.to_dict(stored), ensure_ascii=False)
            # Before the row changes: a row that gives way then needs no copy of it.
            base = self._base_for(name, stored, superseding)
            self.replace_row(rowid, stored, data)
            self._after_write("update", name, stored, data, base)
        return stored

    def add_version(self, record: R) -> R:
        """Store `record`, exactly as given, as the next version of a record already here
        (replaying known history: demo data). Checked, audited and queued like `update`."""
        name = codec.type_name(record)
        if name in APPEND_ONLY_TYPES:
            raise AppendOnly(f"A {name.replace('_', ' ')} can only be added, never changed.")
        with self._db.transaction():
            found = self._db.row(
                "SELECT rowid, version, data FROM records WHERE id = ? AND type = ?",
                (record.id, name),
            )
            if found is None or found[1] >= record.version:
                raise WriteConflict(f"This {name.replace('_', ' ')} is not an older version.")
            rowid, _version, current = found
            self.check(record, codec.from_dict(type(record), json.loads(current)))
            data = json.dumps(codec.to_dict(record), ensure_ascii=False)
            self.replace_row(rowid, record, data)
            self._after_write("update", name, record, data,
                              self._base_for(name, record, superseding=False))
        return record

    # insert_row/replace_row write the row and its search entry only: `add`/`update` wrap
    # them with audit and outbox; sync uses them bare for records that came from HQ.

    def insert_row(self, name: str, record: RecordMeta, data: str) -> int:
        rowid = _insert_record_row(self._db, name, record, data)
        self._index(rowid, record, replace_old=False)
        return rowid

    def replace_row(self, rowid: int, record: RecordMeta, data: str) -> None:
        """Store a new version of a mutable record (a note revision never is one)."""
        self._db.execute(
            "UPDATE records SET sort_key = ?, version = ?, deleted = ?, updated_at = ?,"
            " stored = ? WHERE rowid = ?",
            (sort_key_of(record), record.version, int(record.deleted), record.updated_at,
             squeeze(data, quick=True), rowid),
        )
        self._index(rowid, record, replace_old=True)

    def transaction(self) -> AbstractContextManager[None]:
        return self._db.transaction()

    @property
    def db(self) -> Database:
        return self._db

    @property
    def revision_texts(self) -> RevisionTexts:
        """Revision texts read lately (shared with the view that judges new revisions)."""
        return self._view.revision_texts

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """A read-only query for repositories that list without decoding whole records."""
        return self._db.rows(sql, params)

    def get(self, cls: type[R], record_id: str) -> R:
        data = self._db.scalar(*_by_id(cls, record_id))
        if data is None:
            raise RecordNotFound(f"That {_name(cls).replace('_', ' ')} does not exist.")
        return codec.from_dict(cls, json.loads(data))

    def children(self, cls: type[R], parent_id: str, include_deleted: bool = False) -> list[R]:
        live = "" if include_deleted else " AND deleted = 0"
        if cls is NoteRevision:
            rows = self._db.rows(f"SELECT data FROM {revision_rows.VIEW}"
                                 f" WHERE note = {revision_rows.NOTE}{live} ORDER BY number, id",
                                 (revision_rows.key(parent_id),))
        else:
            rows = self._db.rows(f"SELECT data FROM records WHERE type = ? AND parent_id = ?"
                                 f"{live} ORDER BY sort_key, id", (_name(cls), parent_id))
        return [codec.from_dict(cls, json.loads(r[0])) for r in rows]

    def of_case(self, cls: type[R], case_id: str) -> list[R]:
        """Every record of a type in a case, whatever it belongs to within it (a note's
        revisions are its note's: `children`)."""
        _not_a_revision(cls)
        rows = self._db.rows(f"SELECT data FROM records WHERE {of_type(_name(cls))}"
                             " AND case_id = ? AND deleted = 0 ORDER BY sort_key, id",
                             (_name(cls), case_id))
        return [codec.from_dict(cls, json.loads(r[0])) for r in rows]

    def all(self, cls: type[R], include_deleted: bool = False) -> list[R]:
        live = "" if include_deleted else " AND deleted = 0"
        if cls is NoteRevision:
            rows = self._db.rows(f"SELECT data FROM {revision_rows.VIEW} WHERE 1{live}"
                                 " ORDER BY note, number, id")
        else:
            rows = self._db.rows(f"SELECT data FROM records WHERE {of_type(_name(cls))}"
                                 f"{live} ORDER BY sort_key, id", (_name(cls),))
        return [codec.from_dict(cls, json.loads(r[0])) for r in rows]

    def in_range(self, cls: type[R], start: str, end: str) -> list[R]:
        _not_a_revision(cls)
        rows = self._db.rows(
            f"SELECT data FROM records WHERE {of_type(_name(cls))} AND deleted = 0"
            " AND sort_key >= ?"
            " AND sort_key < ? ORDER BY sort_key, id",
            (_name(cls), start, end),
        )
        return [codec.from_dict(cls, json.loads(r[0])) for r in rows]

    def count(self, cls: type[R]) -> int:
        if cls is NoteRevision:
            return int(self._db.scalar(f"SELECT count(*) FROM {revision_rows.TABLE}"))
        return int(self._db.scalar(f"SELECT count(*) FROM records WHERE {of_type(_name(cls))}",
                                   (_name(cls),)))

    def count_children(self, cls: type[R], parent_id: str) -> int:
        if cls is NoteRevision:
            return revision_history.count(self._db, parent_id)
        return int(
            self._db.scalar(
                "SELECT count(*) FROM records WHERE type = ? AND parent_id = ?",
                (_name(cls), parent_id),
            )
        )

    def _index(self, rowid: int, record: RecordMeta, replace_old: bool) -> None:
        text = searchable_text(record)
        if text is None:
            return
        if isinstance(record, Note):  # indexed when someone next searches (vault/search.py)
            self._db.execute("INSERT OR IGNORE INTO search_pending (record_rowid) VALUES (?)",
                             (rowid,))
            return
        if replace_old:
            self._db.execute("DELETE FROM search_index WHERE rowid = ?", (rowid,))
        if record.deleted or not text:
            return
        conference = getattr(record, "conference_id", "")
        self._db.execute(
            "INSERT INTO search_index (rowid, text, record_type, case_id, conference_id)"
            " VALUES (?, ?, ?, ?, ?)",
            (rowid, text, codec.type_name(record), record.case_id, conference),
        )

    @property
    def last_audit_seq(self) -> int:
        """The seq of the audit event of the latest write through this store."""
        return self._last_audit_seq

    def _base_for(self, name: str, record: RecordMeta, superseding: bool) -> int | None:
        """The version HQ must hold for `record`'s outbox row to apply: the one before it,
        or, when this save supersedes an unsent row (vault/outbox.py), that row's base."""
        base_version = record.version - 1 if record.version > 1 else None
        if superseding and name in SUPERSEDABLE_TYPES and base_version is not None:
            base_version = outbox.supersede(self._db, record.id, base_version)
        return base_version

    def _after_write(self, action: str, name: str, record: RecordMeta, data: str,
                     base_version: int | None, covered_by: int | None = None,
                     queued_as: int | None = None) -> None:
        """Audit the write (or name the event `covered_by` that covers it) and queue it, with
        the version HQ must hold for it to apply (`_base_for`). A revision's row names it by
        its row in note_revisions (`queued_as`), and keeps no type (vault/outbox.py): fewer
        bytes than its id and its type, one row a save."""
        if covered_by is None:
            covered_by = self._audit.append(action, name, record.id, record.case_id).seq
        self._last_audit_seq = covered_by
        # The event's seq goes with the row: a push must carry it (or HQ must hold it). A
        # row keeps no second copy of what `records` still holds as written: an append-only
        # record never changes, and a note's newest row is given its copy by a trigger
        # before the note changes (vault/outbox.py).
        self._db.execute(
            "INSERT INTO outbox (record_type, record_id, version, data, audit_seq,"
            " base_version) VALUES (?, ?, ?, ?, ?, ?)",
            (name if queued_as is None else REVISION_ROW,
             record.id if queued_as is None else queued_as, record.version,
             None if name in COPYLESS_TYPES else data, covered_by, base_version),
        )


class Repository(Generic[R]):
    """Typed access to one record type."""

    record_type: type[R]

    def __init__(self, store: RecordStore) -> None:
        self._store = store

    def add(self, record: R) -> R:
        return self._store.add(record)

    def get(self, record_id: str) -> R:
        return self._store.get(self.record_type, record_id)

    def for_case(self, case_id: str) -> list[R]:
        return self._store.children(self.record_type, case_id)

    def all(self) -> list[R]:
        return self._store.all(self.record_type)

    def count(self) -> int:
        return self._store.count(self.record_type)


class MutableRepository(Repository[R]):
    def update(self, record: R) -> R:
        return self._store.update(record)


class CaseRepository(MutableRepository[Case]):
    record_type = Case


@dataclass(frozen=True)
class ConferenceListing:
    """What a list of conferences shows, read without decoding whole records."""

    conference_id: str
    case_id: str
    case_number: str
    family_name: str
    kind: ConferenceType
    state: ConferenceState
    scheduled_start: str


class ConferenceRepository(MutableRepository[Conference]):
    record_type = Conference

    def scheduled_between(self, start: str, end: str) -> list[Conference]:
        return self._store.in_range(Conference, start, end)

    def listing(self, start: str = "", end: str = "\uffff") -> list[ConferenceListing]:
        """Conferences scheduled in [start, end) with their case, sealed cases left out:
        one query, a few fields each, so tens of thousands list quickly."""
        rows = self._store.rows(
            """
            SELECT f.id, f.case_id, json_extract(c.data, '$.case_number'),
                   json_extract(c.data, '$.family_name'), json_extract(f.data, '$.kind'),
                   json_extract(f.data, '$.state'), f.sort_key
            FROM records AS f
            JOIN records AS c ON c.id = f.case_id AND c.type = 'case'
            WHERE f.type = 'conference' AND f.type <> 'note_revision'
              AND f.deleted = 0 AND c.deleted = 0
              AND json_extract(c.data, '$.sealed') = 0
              AND f.sort_key >= ? AND f.sort_key < ?
            ORDER BY f.sort_key, f.id
            """,
            (start, end),
        )
        return [
            ConferenceListing(cid, case, number, family, ConferenceType(kind),
                              ConferenceState(state), when)
            for cid, case, number, family, kind, state, when in rows
        ]


class _InConference(Repository[R]):
    def for_conference(self, conference_id: str) -> list[R]:
        return self._store.children(self.record_type, conference_id)


class AttendeeRepository(_InConference[Attendee], MutableRepository[Attendee]):
    record_type = Attendee


class AcknowledgmentRepository(_InConference[Acknowledgment]):
    record_type = Acknowledgment

    def __init__(self, store: RecordStore, key: SigningKey) -> None:
        super().__init__(store)
        self._key = key

    def add(self, record: Acknowledgment) -> Acknowledgment:
        """Store an acknowledgment signed by this vault's key (with the attendee's name as
        recorded now, if the caller gave none). One that arrives signed must verify."""
        if ack_signature.is_signed(record):
            if not ack_signature.signature_holds(record):
                raise InvalidRecord("This acknowledgment's signature does not match its "
                                    "fields; it was not stored.")
            return self._store.add(record)
        if not record.attendee_name:
            attendee = self._store.get(Attendee, record.attendee_id)
            record = replace(record, attendee_name=attendee.name)
        return self._store.add(self._key.sign(record))


class NoteRepository(_InConference[Note], MutableRepository[Note]):
    record_type = Note

    def add(self, note: Note) -> Note:
        """Create a note; text it starts with is kept as revision 1."""
        with self._store.transaction():
            stored = self._store.add(note)
            if note.body:
                self._add_revision(stored, previous_text=None)
        return stored

    def save_body(self, note: Note, body: str, author: str) -> Note:
        """Store new text for a note and keep it as the next revision; returns the stored
        note. Saving the text it already has stores nothing."""
        if body == note.body:
            return note
        with self._store.transaction():
            stored = self._store.update(replace(note, body=body, author=author),
                                        superseding=True)
            self._add_revision(stored, previous_text=note.body)
        return stored

    def _add_revision(self, note: Note, previous_text: str | None) -> None:
        """Keep the note's text as its next revision: a delta against the latest revision
        when that is the text the note held before (`previous_text`), else a full copy.
        Audited by the note's own write: one save, one event."""
        db = self._store.db
        latest = revision_history.latest(db, note.id)
        number = 1 if latest is None else latest.number + 1
        base_id = base_text = None
        if latest is not None and previous_text is not None and \
                latest.sha256 == revisions.text_sha256(previous_text) and \
                self._rebuilds(latest.revision_id, note.id, previous_text):
            base_id, base_text = latest.revision_id, previous_text
        anchor = None
        if base_id is not None and (number - 1) % revisions.SNAPSHOT_EVERY == 0:
            anchor = self._store.revision_texts.anchor_for(base_id, note.id)
        form = revisions.form_for(number, note.body, base_id, base_text, anchor)
        made = utc_now()  # made and never changed: one time for both
        revision = self._store.add(
            NoteRevision(case_id=note.case_id, note_id=note.id, revision=number,
                         author=note.author, body=form.body, base_id=form.base_id,
                         delta=form.delta, sha256=form.sha256, created_at=made,
                         updated_at=made),
            covered_by=self._store.last_audit_seq,
        )
        self._store.revision_texts.remember(revision.id, note.body)

    def _rebuilds(self, revision_id: str, note_id: str, text: str) -> bool:
        """Whether a revision can be built on: its text, as the vault rebuilds it, is `text`.
        Its hash says so, but a damaged delta would make every save built on it unreadable,
        so one not written or read lately is rebuilt once (the first save after opening)."""
        texts = self._store.revision_texts
        if texts.remembered(revision_id) == text:
            return True
        try:
            return texts.text(revision_id, note_id) == text
        except revision_history.BrokenHistory:
            return False  # the save becomes a whole copy, readable whatever came before

    def revisions(self, note_id: str) -> list[NoteRevision]:
        """Every revision of the note, oldest first, each as a whole copy of its text."""
        return [replace(rev, body=text, base_id=None, delta="", sha256=rev.sha256 or "")
                for rev, text in self.history(note_id)]

    def stored_revisions(self, note_id: str) -> list[NoteRevision]:
        """The note's revisions as stored: copies, and deltas against another revision."""
        return self._store.children(NoteRevision, note_id)

    def history(self, note_id: str) -> list[tuple[NoteRevision, str]]:
        """Every revision of the note as stored, oldest first, with its whole text."""
        return revision_history.history(self._store.db, note_id)

    def revision_text(self, revision_id: str) -> str:
        """The whole text of one revision (RecordNotFound if there is no such revision)."""
        text = self._store.revision_texts.text(revision_id)
        if text is None:
            raise RecordNotFound("That revision does not exist.")
        return text


class InterviewPermissionRepository(_InConference[InterviewPermission]):
    record_type = InterviewPermission


class ConsentRepository(MutableRepository[Consent]):
    record_type = Consent


class DisclosureRepository(Repository[Disclosure]):
    record_type = Disclosure


class LegalReviewRepository(Repository[LegalReview]):
    record_type = LegalReview


class LegalReviewAnswerRepository(Repository[LegalReviewAnswer]):
    """Legal's answers, pulled from HQ (a laptop never writes one)."""

    record_type = LegalReviewAnswer

    def to(self, review: LegalReview) -> LegalReviewAnswer | None:
        """The latest answer to `review`, if one has arrived."""
        answers = [a for a in self.for_case(review.case_id) if a.review_id == review.id]
        return max(answers, key=lambda a: a.answered_at, default=None)


class LegalRequestRepository(Repository[LegalRequest]):
    record_type = LegalRequest


class _OfRequest(Repository[R]):
    def of(self, request_id: str) -> list[R]:
        return self._store.children(self.record_type, request_id)

    def for_case(self, case_id: str) -> list[R]:
        return self._store.of_case(self.record_type, case_id)


class LegalRequestDocumentRepository(_OfRequest[LegalRequestDocument]):
    record_type = LegalRequestDocument


class LegalRequestEventRepository(_OfRequest[LegalRequestEvent]):
    """Legal's steps on a request, pulled from HQ (a laptop never writes one)."""

    record_type = LegalRequestEvent


class LossReportRepository(Repository[LossReport]):
    """The worker's reports of a loss (no case: `all()` lists them)."""

    record_type = LossReport


class BreachReportRepository(Repository[BreachReport]):
    """The worker's reports of a breach (no case: `all()` lists them)."""

    record_type = BreachReport


class NoticeReceiptRepository(_InConference[NoticeReceipt]):
    record_type = NoticeReceipt


class StaffAcknowledgmentRepository(Repository[StaffAcknowledgment]):
    """The worker's own acknowledgments of the staff terms (no case: `all()` lists them)."""

    record_type = StaffAcknowledgment


class PersonRepository(MutableRepository[Person]):
    """The people named in a case (`for_case` lists them in the order they were added)."""

    record_type = Person


def stored_text(record_type: str, data: str) -> str | None:
    """What search sees of a stored record, from its row."""
    cls = codec.RECORD_TYPES.get(record_type)
    return None if cls is None else searchable_text(codec.from_dict(cls, json.loads(data)))


def _name(cls: type[RecordMeta]) -> str:
    return codec.TYPE_NAMES[cls]


def _by_id(cls: type[RecordMeta], record_id: str) -> tuple[str, tuple[Any, ...]]:
    """The query for one record's `data` by its id, and its parameters."""
    if cls is NoteRevision:
        return (f"SELECT data FROM {revision_rows.VIEW} WHERE id = ?",
                (revision_rows.key(record_id),))
    return "SELECT data FROM records WHERE id = ? AND type = ?", (record_id, _name(cls))


def _not_a_revision(cls: type[RecordMeta]) -> None:
    if cls is NoteRevision:
        raise TypeError("a note's revisions are found by their note: children()")


def add_all(store: RecordStore, records: Iterable[RecordMeta]) -> int:
    """Store many records in one transaction, in the order given (demo data): a record whose
    id came earlier is a later version of it. Returns how many were stored."""
    count = 0
    seen: set[str] = set()
    with store.transaction():
        for record in records:
            if record.id in seen:
                store.add_version(record)
            else:
                store.add(record)
                seen.add(record.id)
            count += 1
    return count
