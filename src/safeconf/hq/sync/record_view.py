"""HQ's answer to "what surrounds this change?" for the domain's change rules: HQ's stored
copies, overlaid with what the push being applied has already accepted (a batch may add an
attendee, their acknowledgment and then a note, in that order)."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import Connection, select

from safeconf.domain import codec, revisions
from safeconf.domain.change_rules import NoteParent
from safeconf.domain.records import (
    Acknowledgment,
    Attendee,
    Case,
    Conference,
    Consent,
    InterviewPermission,
    LegalRequest,
    LegalRequestEvent,
    LegalReview,
    LegalReviewAnswer,
    Note,
    NoteRevision,
    Person,
    RecordMeta,
)
from safeconf.hq import schema

R = TypeVar("R", bound=RecordMeta)
# No laptop writes a longer chain of deltas (it copies every revisions.SNAPSHOT_EVERY).
_MAX_CHAIN = 4 * revisions.SNAPSHOT_EVERY


class HQRecordView:
    """`loaded`: HQ's rows already read (and locked) for this push, by id, as (type, JSON);
    an id among `absent` is known not to be stored, so neither costs another query."""

    def __init__(self, conn: Connection, loaded: dict[str, tuple[str, str]] | None = None,
                 absent: set[str] | None = None) -> None:
        self._conn = conn
        self._loaded = loaded or {}
        self._absent = absent or set()
        self._accepted: dict[str, RecordMeta] = {}
        self._accepted_in: dict[str, dict[str, RecordMeta]] = {}  # by conference id
        self._accepted_of: dict[tuple[str, str], dict[str, RecordMeta]] = {}  # (type, case)
        self._stored: dict[str, RecordMeta | None] = {}
        self._case_rows: dict[tuple[str, str], list[RecordMeta]] = {}
        self._texts: OrderedDict[str, str] = OrderedDict()  # revision texts rebuilt lately

    def accept(self, record: RecordMeta) -> None:
        """`record` is now HQ's copy for the rest of this push."""
        self._accepted[record.id] = record
        conference_id = getattr(record, "conference_id", None)
        if isinstance(conference_id, str):
            self._accepted_in.setdefault(conference_id, {})[record.id] = record
        key = (codec.type_name(record), record.case_id)
        self._accepted_of.setdefault(key, {})[record.id] = record

    def current(self, record_id: str) -> RecordMeta | None:
        if record_id in self._accepted:
            return self._accepted[record_id]
        if record_id not in self._stored:
            if record_id in self._absent:
                return None
            found = self._loaded.get(record_id)
            if found is None:
                row = self._conn.execute(select(schema.records.c.type, schema.records.c.data)
                                         .where(schema.records.c.id == record_id)).first()
                found = None if row is None else (row.type, row.data)
            self._stored[record_id] = None if found is None else codec.from_dict(
                codec.RECORD_TYPES[found[0]], json.loads(found[1]))
        return self._stored[record_id]

    def conference(self, conference_id: str) -> Conference | None:
        return self._typed(Conference, conference_id)

    def attendee(self, attendee_id: str) -> Attendee | None:
        return self._typed(Attendee, attendee_id)

    def note(self, note_id: str) -> NoteParent | None:
        note = self._typed(Note, note_id)
        return None if note is None else NoteParent(note.conference_id, note.case_id,
                                                    note.is_addendum)

    def interview_permission(self, permission_id: str) -> InterviewPermission | None:
        return self._typed(InterviewPermission, permission_id)

    def legal_review(self, review_id: str) -> LegalReview | None:
        return self._typed(LegalReview, review_id)

    def legal_request(self, request_id: str) -> LegalRequest | None:
        return self._typed(LegalRequest, request_id)

    def legal_request_events(self, request_id: str) -> Sequence[LegalRequestEvent]:
        request = self.legal_request(request_id)
        if request is None:
            return []
        merged = {e.id: e for e in self._of_case(LegalRequestEvent, request.case_id)
                  if isinstance(e, LegalRequestEvent) and e.request_id == request_id}
        merged.update({r.id: r for r in self._accepted.values()
                       if isinstance(r, LegalRequestEvent) and r.request_id == request_id})
        return list(merged.values())

    def person(self, person_id: str) -> Person | None:
        return self._typed(Person, person_id)

    def case(self, case_id: str) -> Case | None:
        return self._typed(Case, case_id)

    def people(self, case_id: str) -> Sequence[Person]:
        return self._case_records(Person, case_id)

    def consents(self, case_id: str) -> Sequence[Consent]:
        return self._case_records(Consent, case_id)

    def answer_to(self, review_id: str) -> LegalReviewAnswer | None:
        review = self.legal_review(review_id)
        if review is None:
            return None
        answers = [a for a in self._case_records(LegalReviewAnswer, review.case_id)
                   if a.review_id == review_id]
        return max(answers, key=lambda a: a.answered_at, default=None)

    def attendees(self, conference_id: str) -> Sequence[Attendee]:
        return self._in_conference(Attendee, conference_id)

    def acknowledgments(self, conference_id: str) -> Sequence[Acknowledgment]:
        return self._in_conference(Acknowledgment, conference_id)

    def in_conference(self, conference_id: str) -> list[RecordMeta]:
        """Every attendee, acknowledgment, note and interview permission of a conference (a
        note's revisions are written with it, so its own change stands for them)."""
        return [*self._in_conference(Attendee, conference_id),
                *self._in_conference(Acknowledgment, conference_id),
                *self._in_conference(Note, conference_id),
                *self._in_conference(InterviewPermission, conference_id)]

    def revision_text(self, revision_id: str, note_id: str) -> str | None:
        """The whole text of a revision of note `note_id`, rebuilt from the copy its deltas
        go back to: None if HQ holds no such revision or one it goes back through,
        InvalidRecord if it cannot be rebuilt (a chain longer than any laptop writes, a
        delta that does not fit)."""
        first = self._typed(NoteRevision, revision_id)
        if first is None or first.note_id != note_id:
            return None
        def link(at: str) -> revisions.Link | None:
            rev = self._typed(NoteRevision, at)
            return None if rev is None else revisions.Link(rev.base_id, rev.delta, rev.body,
                                                           rev.sha256)

        try:
            text = revisions.rebuild(revision_id, link, self._texts, _MAX_CHAIN)
        except revisions.MissingRevision:  # a base of its base still to come: a parent
            return None
        self._texts[revision_id] = text
        while len(self._texts) > 8:
            self._texts.popitem(last=False)
        return text

    def _typed(self, cls: type[R], record_id: str) -> R | None:
        found = self.current(record_id)
        return found if isinstance(found, cls) else None

    def _in_conference(self, cls: type[R], conference_id: str) -> list[R]:
        conference = self.conference(conference_id)
        if conference is None:
            return []
        merged: dict[str, R] = {}
        for record in self._of_case(cls, conference.case_id):
            if isinstance(record, cls) and getattr(record, "conference_id", None) == \
                    conference_id:
                merged[record.id] = record
        for record in self._accepted_in.get(conference_id, {}).values():
            if isinstance(record, cls):
                merged[record.id] = record
        return list(merged.values())

    def _case_records(self, cls: type[R], case_id: str) -> list[R]:
        """A case's records of one type: HQ's copies (read once per push) overlaid with what
        this push has accepted so far."""
        merged = {r.id: r for r in self._of_case(cls, case_id) if isinstance(r, cls)}
        accepted = self._accepted_of.get((codec.TYPE_NAMES[cls], case_id), {})
        merged.update((r.id, r) for r in accepted.values() if isinstance(r, cls))
        return list(merged.values())

    def _of_case(self, cls: type[RecordMeta], case_id: str) -> list[RecordMeta]:
        name = codec.TYPE_NAMES[cls]
        key = (name, case_id)
        if key not in self._case_rows:
            r = schema.records
            rows = self._conn.execute(select(r.c.data).where(r.c.type == name,
                                                             r.c.case_id == case_id)).all()
            self._case_rows[key] = [codec.from_dict(cls, json.loads(row.data)) for row in rows]
        return self._case_rows[key]
