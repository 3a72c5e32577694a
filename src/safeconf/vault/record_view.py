"""The vault's answer to "what surrounds this change?" for the domain's change rules, read
from the records as they stand inside the current transaction (a pulled page's earlier
records included)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TypeVar

from safeconf.domain import codec
from safeconf.domain.change_rules import NoteParent
from safeconf.domain.errors import InvalidRecord
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
    Person,
    RecordMeta,
)
from safeconf.domain.revisions import MissingRevision
from safeconf.vault.database import Database
from safeconf.vault.indexes import of_type
from safeconf.vault.revision_history import BrokenHistory, RevisionTexts

R = TypeVar("R", bound=RecordMeta)


class VaultRecordView:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._decoded: dict[str, RecordMeta] = {}  # stored JSON text -> its record
        self.revision_texts = RevisionTexts(db)

    def revision_text(self, revision_id: str, note_id: str) -> str | None:
        """The text of a revision of note `note_id`: None if there is none (or one it goes
        back through is not here yet), InvalidRecord if what the vault holds of it cannot be
        rebuilt (`safeconf check` reports that too)."""
        try:
            return self.revision_texts.text(revision_id, note_id)
        except BrokenHistory as exc:
            if isinstance(exc.__cause__, MissingRevision):
                return None
            raise InvalidRecord(str(exc)) from exc

    def conference(self, conference_id: str) -> Conference | None:
        return self._one(Conference, conference_id)

    def attendee(self, attendee_id: str) -> Attendee | None:
        return self._one(Attendee, attendee_id)

    def note(self, note_id: str) -> NoteParent | None:
        # Both fields in one json_extract: `data` is made again for each (vault/squeeze.py).
        found = self._db.row(
            "SELECT json_extract(data, '$.conference_id', '$.is_addendum'), case_id"
            " FROM records WHERE id = ? AND type = 'note'",
            (note_id,),
        )
        if found is None:
            return None
        conference_id, is_addendum = json.loads(found[0])
        return NoteParent(conference_id, found[1], bool(is_addendum))

    def interview_permission(self, permission_id: str) -> InterviewPermission | None:
        return self._one(InterviewPermission, permission_id)

    def legal_review(self, review_id: str) -> LegalReview | None:
        return self._one(LegalReview, review_id)

    def legal_request(self, request_id: str) -> LegalRequest | None:
        return self._one(LegalRequest, request_id)

    def legal_request_events(self, request_id: str) -> Sequence[LegalRequestEvent]:
        return self._children(LegalRequestEvent, request_id)

    def person(self, person_id: str) -> Person | None:
        return self._one(Person, person_id)

    def case(self, case_id: str) -> Case | None:
        return self._one(Case, case_id)

    def people(self, case_id: str) -> Sequence[Person]:
        return self._of_case(Person, case_id)

    def consents(self, case_id: str) -> Sequence[Consent]:
        return self._of_case(Consent, case_id)

    def answer_to(self, review_id: str) -> LegalReviewAnswer | None:
        rows = self._db.rows(
            f"SELECT data FROM records WHERE {of_type(codec.TYPE_NAMES[LegalReviewAnswer])}"
            " AND json_extract(data, '$.review_id') = ?",
            (codec.TYPE_NAMES[LegalReviewAnswer], review_id))
        answers = [codec.from_dict(LegalReviewAnswer, json.loads(r[0])) for r in rows]
        return max(answers, key=lambda a: a.answered_at, default=None)

    def attendees(self, conference_id: str) -> Sequence[Attendee]:
        return self._children(Attendee, conference_id)

    def acknowledgments(self, conference_id: str) -> Sequence[Acknowledgment]:
        return self._children(Acknowledgment, conference_id)

    def _one(self, cls: type[R], record_id: str) -> R | None:
        data = self._db.scalar("SELECT data FROM records WHERE id = ? AND type = ?",
                               (record_id, codec.TYPE_NAMES[cls]))
        if data is None:
            return None
        # Every note saved asks for its conference: decode each stored text once.
        found = self._decoded.get(data)
        if not isinstance(found, cls):
            found = codec.from_dict(cls, json.loads(data))
            if len(self._decoded) > 64:
                self._decoded.clear()
            self._decoded[data] = found
        return found

    def _of_case(self, cls: type[R], case_id: str) -> list[R]:
        name = codec.TYPE_NAMES[cls]
        rows = self._db.rows(f"SELECT data FROM records WHERE {of_type(name)} AND case_id = ?",
                             (name, case_id))
        return [codec.from_dict(cls, json.loads(r[0])) for r in rows]

    def _children(self, cls: type[R], parent_id: str) -> list[R]:
        rows = self._db.rows("SELECT data FROM records WHERE type = ? AND parent_id = ?",
                             (codec.TYPE_NAMES[cls], parent_id))
        return [codec.from_dict(cls, json.loads(r[0])) for r in rows]
