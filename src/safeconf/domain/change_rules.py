"""May this change to a record land? The conference rules, as one function applied wherever
a record lands: the vault's writes, HQ's push (HQ is the authority) and the vault's apply
of a pulled page (a laptop never trusts HQ or another laptop blindly).

The rules: a conference moves only along the workflow's transitions; a finalized conference
and everything in it never change again (only new addenda join it); a note is written only
while the acknowledgment gate is open; a tombstone (`deleted`) only where the domain allows
one, and never on a case (someone who was in the room stays, as having left); an addendum joins
only a finalized conference; a note of an interview of a child names a permission on file for
that youth; a legal review's answer, and a disclosure it released, belong to a review of
the same case; a new disclosure is one the policy allows on its day, on the basis it names
(`disclosure_rules`); a legal request's documents and legal's steps on it belong to a request
of the same case, and the steps follow its state machine (`legal_request_states`); a record
stays in its conference's case, and an acknowledgment or a Notice receipt names an attendee of
its own conference; a consent moves only along its lifecycle (`consent_lifecycle`), keeps its
terms once answered, stays in its case and is never deleted.
What the judge knows of the surrounding records comes through a `RecordView`, so each caller
answers from its own store (HQ's copy plus the batch so far; the vault's rows plus the page so
far).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from safeconf.domain import codec, revisions
from safeconf.domain.acknowledgment_rules import acknowledgment_problem, problem_message
from safeconf.domain.conference_states import ALLOWED
from safeconf.domain.consent_lifecycle import change_problem as consent_change_problem
from safeconf.domain.consent_reading import fold
from safeconf.domain.disclosure_rules import disclosure_problem
from safeconf.domain.errors import (
    DomainError,
    GateClosed,
    IllegalTransition,
    InvalidRecord,
    ReadOnlyRecord,
)
from safeconf.domain.gate import StatementRef, evaluate_gate
from safeconf.domain.legal_request_states import next_problem as legal_step_problem
from safeconf.domain.records import (
    Acknowledgment,
    Attendee,
    Case,
    Conference,
    ConferenceState,
    Consent,
    Disclosure,
    DisclosureBasis,
    InterviewPermission,
    Language,
    LegalRequest,
    LegalRequestDocument,
    LegalRequestEvent,
    LegalReview,
    LegalReviewAnswer,
    Note,
    NoteRevision,
    NoticeReceipt,
    Person,
    PersonKind,
    RecordMeta,
)

S = ConferenceState


@dataclass(frozen=True)
class NoteParent:
    """What a note revision's rules need of its note (not its text)."""

    conference_id: str
    case_id: str
    is_addendum: bool


class RecordView(Protocol):
    """The records around a change, as the place judging it holds them now."""

    def conference(self, conference_id: str) -> Conference | None: ...
    def attendee(self, attendee_id: str) -> Attendee | None: ...
    def attendees(self, conference_id: str) -> Sequence[Attendee]: ...
    def acknowledgments(self, conference_id: str) -> Sequence[Acknowledgment]: ...
    def note(self, note_id: str) -> NoteParent | None: ...
    def interview_permission(self, permission_id: str) -> InterviewPermission | None: ...
    def person(self, person_id: str) -> Person | None: ...
    def legal_review(self, review_id: str) -> LegalReview | None: ...
    # What a disclosure's rule needs: the case, its people and consents, legal's answer.
    def case(self, case_id: str) -> Case | None: ...
    def people(self, case_id: str) -> Sequence[Person]: ...
    def consents(self, case_id: str) -> Sequence[Consent]: ...
    def answer_to(self, review_id: str) -> LegalReviewAnswer | None: ...  # the latest
    def legal_request(self, request_id: str) -> LegalRequest | None: ...
    def legal_request_events(self, request_id: str) -> Sequence[LegalRequestEvent]: ...
    # The whole text of a revision of that note, or None if it holds no such revision;
    # InvalidRecord if it holds one that does not rebuild (a chain too long, a bad delta).
    def revision_text(self, revision_id: str, note_id: str) -> str | None: ...


@dataclass(frozen=True)
class Refusal:
    """Why a change may not land: a machine code (also the sync conflict reason) and a
    sentence a caseworker can read."""

    reason: str
    message: str


FINALIZED = "finalized"
ILLEGAL_TRANSITION = "illegal_transition"
GATE_CLOSED = "gate_closed"
NOT_DELETABLE = "not_deletable"
TOMBSTONED = "tombstoned"
NO_PARENT = "no_parent"
PARENT_ELSEWHERE = "parent_elsewhere"
# A typed name that is not the attendee's, or a verbal agreement witnessed by its attester.
NOT_THEIR_ACKNOWLEDGMENT = "not_their_acknowledgment"
NOT_FINALIZED = "not_finalized"
NO_INTERVIEW_PERMISSION = "no_interview_permission"
# Judged by HQ alone, which knows what each device has pulled: a conference finalized on a
# laptop that had not yet received another laptop's changes to it (see hq/sync/seen.py).
STALE_VIEW = "stale_view"
# A disclosure logged as allowed that the policy, asked again on its day, does not allow.
NOT_ALLOWED = "disclosure_not_allowed"
BROKEN_REVISION = "broken_revision"
REASONS = frozenset({FINALIZED, ILLEGAL_TRANSITION, GATE_CLOSED, NOT_DELETABLE, TOMBSTONED,
                     NO_PARENT, PARENT_ELSEWHERE, NOT_THEIR_ACKNOWLEDGMENT, NOT_FINALIZED,
                     NO_INTERVIEW_PERMISSION, STALE_VIEW, NOT_ALLOWED, BROKEN_REVISION})

_FINALIZED = Refusal(FINALIZED, "This conference is finalized, so what was recorded in it "
                                "cannot change; the change was kept for review as a possible "
                                "addendum.")
_NOT_FINALIZED = Refusal(NOT_FINALIZED, "An addendum is added only to a finalized conference; "
                                        "until then, correct the notes themselves.")


@cache
def reachable(state: ConferenceState) -> frozenset[ConferenceState]:
    """Every state a conference can get to from `state` in one or more allowed steps (a
    laptop may take several steps between two syncs)."""
    seen: set[ConferenceState] = set()
    todo = list(ALLOWED[state])
    while todo:
        nxt = todo.pop()
        if nxt not in seen:
            seen.add(nxt)
            todo.extend(ALLOWED[nxt])
    return frozenset(seen)


def judge_change(
    incoming: RecordMeta,
    current: RecordMeta | None,
    view: RecordView,
    statements: Mapping[Language, StatementRef],
    *,
    parents_known: bool = True,
    check_gate: bool = True,
) -> Refusal | None:
    """None when `incoming` may replace `current` (None: a new record), else why not.

    `parents_known`: the view holds every record a change refers to (HQ, and local writes).
    A pulled page is a slice of HQ's log in which a note may come before its conference, so
    the vault's apply passes False: a parent it does not hold yet is not a refusal.
    `check_gate`: the gate needs a conference's attendees and acknowledgments complete,
    which only HQ and local writes have (see docs/sync-protocol.md, "Rules at every landing").
    """
    if current is not None and current.deleted:
        return Refusal(TOMBSTONED, "This record was deleted, so it cannot change again.")
    if incoming.deleted and (current is None or not current.deleted):
        refusal = _may_delete(incoming, current, view)
        if refusal is not None:
            return refusal
    if isinstance(incoming, Conference):
        return _conference_change(incoming, current)
    if isinstance(incoming, Attendee | Acknowledgment | Note | InterviewPermission | NoticeReceipt):
        return _in_conference(incoming, current, view, statements, parents_known, check_gate)
    if isinstance(incoming, NoteRevision):
        return _revision(incoming, view, statements, parents_known, check_gate)
    if isinstance(incoming, Person) and incoming.relationship_to is not None:
        return _person_of_case(incoming.relationship_to, incoming.case_id, view, parents_known)
    if isinstance(incoming, LegalReviewAnswer):
        return _of_review(incoming.review_id, incoming.case_id, view, parents_known)
    if isinstance(incoming, LegalRequestDocument):
        return _of_request(incoming.request_id, incoming.case_id, view, parents_known)
    if isinstance(incoming, LegalRequestEvent):
        return _legal_step(incoming, view, parents_known)
    if isinstance(incoming, Disclosure):
        if incoming.legal_review_id is not None:
            refusal = _of_review(incoming.legal_review_id, incoming.case_id, view,
                                 parents_known)
            if refusal is not None:
                return refusal
        # A disclosure never changes (validation refuses that): judged once, as it lands.
        return _disclosure(incoming, view, parents_known) if current is None else None
    if isinstance(incoming, Consent) and isinstance(current, Consent):
        problem = consent_change_problem(current, incoming)
        return None if problem is None else Refusal(ILLEGAL_TRANSITION, problem)
    return None


def _person_of_case(person_id: str, case_id: str, view: RecordView,
                    parents_known: bool) -> Refusal | None:
    """A person named by a relationship or an attendee is one of this case's people."""
    person = view.person(person_id)
    if person is None:
        return _missing_parent(parents_known, "person")
    return _elsewhere("person") if person.case_id != case_id else None


def _of_review(review_id: str, case_id: str, view: RecordView,
               parents_known: bool) -> Refusal | None:
    """An answer, or a disclosure released by one, belongs to a review of its own case."""
    review = view.legal_review(review_id)
    if review is None:
        return _missing_parent(parents_known, "legal review")
    return _elsewhere("legal review") if review.case_id != case_id else None


def _disclosure(disclosure: Disclosure, view: RecordView,
                parents_known: bool) -> Refusal | None:
    """The policy, asked again about the disclosure the log stands for. Where the view may
    lack what the log relies on (a pulled page), a gap is not a refusal: HQ judged it."""
    case = view.case(disclosure.case_id)
    if case is None:
        return _missing_parent(parents_known, "case")
    people, consents = view.people(case.id), view.consents(case.id)
    review_id = disclosure.legal_review_id
    released = disclosure.basis is DisclosureBasis.LEGAL_RELEASE and review_id is not None
    answer = view.answer_to(review_id) if released and review_id is not None else None
    review = view.legal_review(review_id) if released and review_id is not None else None
    if not parents_known and _view_has_gaps(disclosure, people, consents, answer):
        return None
    problem = disclosure_problem(disclosure, case, people, consents, answer, review)
    return None if problem is None else Refusal(NOT_ALLOWED, problem)


def _view_has_gaps(disclosure: Disclosure, people: Sequence[Person],
                   consents: Sequence[Consent], answer: LegalReviewAnswer | None) -> bool:
    """Something the log relies on that a laptop may simply not have pulled yet."""
    ids = {p.id for p in people}
    names = {fold(p.name) for p in people}
    if disclosure.basis is DisclosureBasis.LEGAL_RELEASE:
        return answer is None
    if disclosure.recipient_person_id is not None and disclosure.recipient_person_id not in ids:
        return True
    if disclosure.basis is DisclosureBasis.CONSENT:
        consent = next((c for c in consents if c.id == disclosure.consent_id), None)
        return consent is None or fold(consent.client_name) not in names
    return sum(p.kind is PersonKind.CLIENT for p in people) != 1


def _of_request(request_id: str, case_id: str, view: RecordView,
                parents_known: bool) -> Refusal | None:
    """A document of a legal request, or legal's step on one, belongs to a request of its
    own case."""
    request = view.legal_request(request_id)
    if request is None:
        return _missing_parent(parents_known, "legal request")
    return _elsewhere("legal request") if request.case_id != case_id else None


def _legal_step(event: LegalRequestEvent, view: RecordView,
                parents_known: bool) -> Refusal | None:
    """Legal's step on a request follows the request's state machine
    (`legal_request_states`)."""
    refusal = _of_request(event.request_id, event.case_id, view, parents_known)
    request = view.legal_request(event.request_id)
    if refusal is not None or request is None:
        return refusal
    problem = legal_step_problem(request, view.legal_request_events(event.request_id), event)
    return None if problem is None else Refusal(ILLEGAL_TRANSITION, problem)


def _conference_change(incoming: Conference, current: RecordMeta | None) -> Refusal | None:
    if not isinstance(current, Conference):
        return None
    if current.state is S.FINALIZED:
        return _FINALIZED
    if incoming.state is not current.state and incoming.state not in reachable(current.state):
        return Refusal(ILLEGAL_TRANSITION,
                       f"A conference that is {current.state.value.replace('_', ' ')} cannot "
                       f"become {incoming.state.value.replace('_', ' ')}.")
    return None


def _in_conference(
    incoming: Attendee | Acknowledgment | Note | InterviewPermission | NoticeReceipt,
    current: RecordMeta | None,
    view: RecordView,
    statements: Mapping[Language, StatementRef],
    parents_known: bool,
    check_gate: bool,
) -> Refusal | None:
    conference = view.conference(incoming.conference_id)
    if conference is None:
        return _missing_parent(parents_known, "conference")
    if conference.case_id != incoming.case_id:
        return _elsewhere("conference")
    if isinstance(incoming, Attendee) and incoming.person_id is not None:
        refusal = _person_of_case(incoming.person_id, incoming.case_id, view, parents_known)
        if refusal is not None:
            return refusal
    if isinstance(incoming, Acknowledgment | InterviewPermission | NoticeReceipt):
        # Given to someone in this conference, so of the same case.
        attendee = view.attendee(incoming.attendee_id)
        if attendee is None and parents_known:
            return _missing_parent(parents_known, "attendee")
        if attendee is not None and attendee.conference_id != incoming.conference_id:
            return _elsewhere("attendee")
        problem = None if current is not None or not isinstance(incoming, Acknowledgment) \
            else acknowledgment_problem(incoming, attendee, conference.facilitator)
        if problem is not None:
            return Refusal(NOT_THEIR_ACKNOWLEDGMENT,
                           problem_message(problem, attendee.name if attendee else ""))
    if conference.state is S.FINALIZED:
        is_new_addendum = isinstance(incoming, Note) and incoming.is_addendum and current is None
        if not is_new_addendum:
            return _FINALIZED
    elif isinstance(incoming, Note) and incoming.is_addendum and parents_known:
        # A pulled page may carry an addendum before its conference's finalize (a re-logged
        # case), so only a place holding every record (HQ, local writes) judges this one.
        return _NOT_FINALIZED
    if isinstance(incoming, Note) and incoming.interviewed_youth_id and not incoming.deleted:
        refusal = _interview_permission(incoming, view, parents_known)
        if refusal is not None:
            return refusal
    if isinstance(incoming, Note) and not incoming.is_addendum and check_gate:
        wrote = incoming.body and not incoming.deleted and (
            not isinstance(current, Note) or current.body != incoming.body)
        if wrote:
            return _gate(conference, view, statements)
    return None


def _interview_permission(note: Note, view: RecordView,
                          parents_known: bool) -> Refusal | None:
    """A note of an interview of a child relies on a permission on file for that youth, in the
    same case. A pulled page may bring the note before the permission: judged when both are
    here (`parents_known`, as for any parent)."""
    permission = view.interview_permission(note.interview_permission_id or "")
    if permission is None:
        if not parents_known:
            return None
        return Refusal(NO_INTERVIEW_PERMISSION, "This note records an interview of a child, "
                                                "but no permission for it is on file.")
    if permission.deleted or permission.case_id != note.case_id or \
            permission.attendee_id != note.interviewed_youth_id:
        return Refusal(NO_INTERVIEW_PERMISSION, "The permission this interview relies on is not "
                                                "one given for this youth in this case.")
    return None


def _revision(
    incoming: NoteRevision,
    view: RecordView,
    statements: Mapping[Language, StatementRef],
    parents_known: bool,
    check_gate: bool,
) -> Refusal | None:
    note = view.note(incoming.note_id)
    if note is None:
        return _missing_parent(parents_known, "note")
    if note.case_id != incoming.case_id:
        return _elsewhere("note")
    if incoming.base_id is not None:
        try:
            base = view.revision_text(incoming.base_id, incoming.note_id)
        except InvalidRecord as exc:  # held, but no text to build on: not a missing parent
            return Refusal(BROKEN_REVISION, f"This revision is built on one whose text does "
                                            f"not rebuild: {exc}")
        if base is None:
            return _missing_parent(parents_known, "revision")
        try:
            revisions.text_of(base, incoming.delta, incoming.sha256)
        except InvalidRecord as exc:
            return Refusal(BROKEN_REVISION, f"This revision does not rebuild its note's text: "
                                            f"{exc}")
    if note.is_addendum:
        return None
    conference = view.conference(note.conference_id)
    if conference is None:
        return _missing_parent(parents_known, "conference")
    if conference.state is S.FINALIZED:
        return _FINALIZED
    return _gate(conference, view, statements) if check_gate else None


def _gate(conference: Conference, view: RecordView,
          statements: Mapping[Language, StatementRef]) -> Refusal | None:
    decision = evaluate_gate(view.attendees(conference.id),
                             view.acknowledgments(conference.id), statements)
    if decision.open:
        return None
    if decision.nobody_present:
        return Refusal(GATE_CLOSED, "Notes can be written only while someone is checked in; "
                                    "this note was written while nobody was present.")
    return Refusal(GATE_CLOSED, "Notes can be written only while everyone present has "
                                "acknowledged confidentiality; this note was written while "
                                f"{len(decision.missing)} attendee(s) had not.")


def _may_delete(incoming: RecordMeta, current: RecordMeta | None,
                view: RecordView) -> Refusal | None:
    name = codec.type_name(incoming)
    refused = Refusal(NOT_DELETABLE, f"A {name.replace('_', ' ')} cannot be deleted here.")
    if isinstance(incoming, Conference):
        # Only a conference where nothing has happened yet may be withdrawn.
        before = current if isinstance(current, Conference) else incoming
        return None if before.state is S.SCHEDULED else refused
    if isinstance(incoming, Attendee):
        # Someone who was in the room stays in the record (as having left, not as gone).
        before_att = current if isinstance(current, Attendee) else incoming
        if before_att.was_in_the_room or incoming.was_in_the_room:
            return refused
        if any(a.attendee_id == incoming.id for a in view.acknowledgments(
                incoming.conference_id)):
            return refused
        return None
    if isinstance(incoming, Note):
        return refused if incoming.is_addendum else None
    # Cases belong to HQ (sealing and purging remove them from laptops); every other type
    # is a record of something that happened, and such a record is never withdrawn.
    return refused


def _missing_parent(parents_known: bool, what: str) -> Refusal | None:
    if not parents_known:
        return None
    return Refusal(NO_PARENT, f"The {what} this record belongs to does not exist.")


def _elsewhere(what: str) -> Refusal:
    return Refusal(PARENT_ELSEWHERE, f"The {what} this record belongs to is in another case.")


class RuleBroken(DomainError):
    """A change broke a rule that has no more specific error; `reason` is its code."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.message)
        self.reason = refusal.reason


def raise_for(refusal: Refusal | None) -> None:
    """Raise the domain error that says what `refusal` says (nothing for None)."""
    if refusal is None:
        return
    error = {FINALIZED: ReadOnlyRecord, ILLEGAL_TRANSITION: IllegalTransition,
             GATE_CLOSED: GateClosed}.get(refusal.reason)
    raise error(refusal.message) if error is not None else RuleBroken(refusal)
