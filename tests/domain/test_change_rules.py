"""The conference rules as one judge of changes: the same answers wherever a record lands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeconf.domain import change_rules as rules
from safeconf.domain.change_rules import NoteParent, judge_change, reachable
from safeconf.domain.ids import new_id
from safeconf.domain.records import (
    AckMethod,
    Acknowledgment,
    Attendee,
    Case,
    Conference,
    ConferenceState,
    Consent,
    InterviewPermission,
    Language,
    LegalRequest,
    LegalRequestEvent,
    LegalReview,
    LegalReviewAnswer,
    Note,
    NoteRevision,
    NoteSection,
    PermissionGiver,
    PermissionMethod,
    Person,
    PersonKind,
    Presence,
    RecordMeta,
    Relationship,
    Role,
)

S = ConferenceState


@dataclass(frozen=True)
class Stmt:
    id: str = "confidentiality"
    version: int = 1
    sha256: str = "a" * 64


STATEMENTS = {Language.ENGLISH: Stmt(), Language.SPANISH: Stmt(sha256="b" * 64)}


@dataclass
class View:
    records: dict[str, RecordMeta] = field(default_factory=dict)

    def add(self, *records: RecordMeta) -> None:
        self.records.update((r.id, r) for r in records)

    def conference(self, conference_id: str) -> Conference | None:
        found = self.records.get(conference_id)
        return found if isinstance(found, Conference) else None

    def attendee(self, attendee_id: str) -> Attendee | None:
        found = self.records.get(attendee_id)
        return found if isinstance(found, Attendee) else None

    def note(self, note_id: str) -> NoteParent | None:
        found = self.records.get(note_id)
        if not isinstance(found, Note):
            return None
        return NoteParent(found.conference_id, found.case_id, found.is_addendum)

    def person(self, person_id: str) -> Person | None:
        found = self.records.get(person_id)
        return found if isinstance(found, Person) else None

    def interview_permission(self, permission_id: str) -> InterviewPermission | None:
        found = self.records.get(permission_id)
        return found if isinstance(found, InterviewPermission) else None

    def legal_review(self, review_id: str) -> LegalReview | None:
        found = self.records.get(review_id)
        return found if isinstance(found, LegalReview) else None

    def case(self, case_id: str) -> Case | None:
        found = self.records.get(case_id)
        return found if isinstance(found, Case) else None

    def people(self, case_id: str) -> Sequence[Person]:
        return [r for r in self.records.values() if isinstance(r, Person) and r.case_id == case_id]

    def consents(self, case_id: str) -> Sequence[Consent]:
        return [r for r in self.records.values()
                if isinstance(r, Consent) and r.case_id == case_id]

    def answer_to(self, review_id: str) -> LegalReviewAnswer | None:
        answers = [r for r in self.records.values()
                   if isinstance(r, LegalReviewAnswer) and r.review_id == review_id]
        return max(answers, key=lambda a: a.answered_at, default=None)

    def legal_request(self, request_id: str) -> LegalRequest | None:
        found = self.records.get(request_id)
        return found if isinstance(found, LegalRequest) else None

    def legal_request_events(self, request_id: str) -> Sequence[LegalRequestEvent]:
        return [r for r in self.records.values()
                if isinstance(r, LegalRequestEvent) and r.request_id == request_id]

    def attendees(self, conference_id: str) -> Sequence[Attendee]:
        return [r for r in self.records.values()
                if isinstance(r, Attendee) and r.conference_id == conference_id]

    def acknowledgments(self, conference_id: str) -> Sequence[Acknowledgment]:
        return [r for r in self.records.values()
                if isinstance(r, Acknowledgment) and r.conference_id == conference_id]


CASE = Case(case_number="R-1", family_name="Rules")


def room(state: ConferenceState = S.IN_SESSION) -> tuple[View, Conference, Attendee]:
    view = View()
    conf = Conference(case_id=CASE.id, scheduled_start="2026-03-01T10:00:00+00:00",
                      state=state)
    mother = Attendee(case_id=CASE.id, conference_id=conf.id, name="Mother",
                      role=Role.PARENT, presence=Presence.PRESENT)
    view.add(CASE, conf, mother, signed(mother))
    return view, conf, mother


def signed(attendee: Attendee) -> Acknowledgment:
    return Acknowledgment(case_id=attendee.case_id, conference_id=attendee.conference_id,
                          attendee_id=attendee.id, statement_id="confidentiality",
                          statement_version=1, statement_sha256="a" * 64,
                          language=Language.ENGLISH, method=AckMethod.TYPED_NAME,
                          typed_name=attendee.name)


def note(conf: Conference, body: str = "Agreed.", **kw: object) -> Note:
    return Note(case_id=conf.case_id, conference_id=conf.id, section=NoteSection.DECISIONS,
                body=body, **kw)  # type: ignore[arg-type]


def judge(incoming: RecordMeta, current: RecordMeta | None, view: View, **kw: bool):
    refusal = judge_change(incoming, current, view, STATEMENTS, **kw)
    return None if refusal is None else refusal.reason


def test_a_finalized_conference_and_everything_in_it_never_change() -> None:
    view, conf, mother = room(S.FINALIZED)
    decided = note(conf)
    view.add(decided)
    assert judge(replace(conf, location="elsewhere"), conf, view) == rules.FINALIZED
    assert judge(replace(conf, state=S.IN_SESSION), conf, view) == rules.FINALIZED
    assert judge(replace(decided, body="Changed later."), decided, view) == rules.FINALIZED
    assert judge(replace(decided, deleted=True), decided, view) == rules.FINALIZED
    assert judge(replace(mother, presence=Presence.ABSENT), mother, view) == rules.FINALIZED
    assert judge(signed(mother), None, view) == rules.FINALIZED
    assert judge(note(conf, "new section"), None, view) == rules.FINALIZED
    revision = NoteRevision(case_id=CASE.id, note_id=decided.id, revision=2, body="x")
    assert judge(revision, None, view) == rules.FINALIZED


def test_only_a_new_addendum_joins_a_finalized_conference() -> None:
    view, conf, _ = room(S.FINALIZED)
    addendum = note(conf, "Correction: the visit is on Tuesday.", is_addendum=True)
    assert judge(addendum, None, view) is None
    view.add(addendum)
    assert judge(replace(addendum, body="rewritten"), addendum, view) == rules.FINALIZED
    revision = NoteRevision(case_id=CASE.id, note_id=addendum.id, revision=1,
                            body=addendum.body)
    assert judge(revision, None, view) is None


@pytest.mark.parametrize(("before", "after", "allowed"), [
    (S.SCHEDULED, S.CHECKING_IN, True), (S.SCHEDULED, S.FINALIZED, True),
    (S.CONCLUDED, S.IN_SESSION, True), (S.IN_SESSION, S.SCHEDULED, False),
    (S.CONCLUDED, S.CHECKING_IN, False), (S.CHECKING_IN, S.SCHEDULED, False),
])
def test_a_conference_moves_only_along_the_workflow(before: ConferenceState,
                                                    after: ConferenceState,
                                                    allowed: bool) -> None:
    view, conf, _ = room(before)
    verdict = judge(replace(conf, state=after), conf, view)
    assert verdict == (None if allowed else rules.ILLEGAL_TRANSITION)


def test_nothing_is_reachable_from_finalized() -> None:
    assert reachable(S.FINALIZED) == frozenset()
    assert S.FINALIZED in reachable(S.SCHEDULED)


def test_a_note_needs_the_gate_open_counting_everyone_present() -> None:
    view, conf, _ = room()
    assert judge(note(conf), None, view) is None
    late = Attendee(case_id=CASE.id, conference_id=conf.id, name="Father", role=Role.PARENT,
                    presence=Presence.PRESENT)
    view.add(late)
    assert judge(note(conf), None, view) == rules.GATE_CLOSED
    # Where the gate cannot be judged (a pulled page), it is HQ's rule and not checked.
    assert judge(note(conf), None, view, check_gate=False) is None
    view.add(signed(late))
    assert judge(note(conf), None, view) is None


def test_a_note_whose_text_did_not_change_does_not_need_the_gate() -> None:
    view, conf, _ = room()
    decided = note(conf)
    view.add(decided, Attendee(case_id=CASE.id, conference_id=conf.id, name="Late",
                               role=Role.RELATIVE, presence=Presence.PRESENT))
    assert judge(replace(decided, author="someone"), decided, view) is None
    assert judge(replace(decided, body="more"), decided, view) == rules.GATE_CLOSED


def test_tombstones_only_where_the_domain_allows_them() -> None:
    view, conf, mother = room(S.SCHEDULED)
    assert judge(replace(CASE, deleted=True), CASE, view) == rules.NOT_DELETABLE
    assert judge(replace(conf, deleted=True), conf, view) is None
    in_session = replace(conf, state=S.IN_SESSION)
    assert judge(replace(in_session, deleted=True), in_session, view) == rules.NOT_DELETABLE
    # Someone who was in the room is never silently gone.
    assert judge(replace(mother, deleted=True), mother, view) == rules.NOT_DELETABLE
    invited = Attendee(case_id=CASE.id, conference_id=conf.id, name="Aunt",
                       role=Role.RELATIVE)
    assert judge(replace(invited, deleted=True), invited, view) is None
    ack = signed(mother)
    assert judge(replace(ack, deleted=True), None, view) == rules.NOT_DELETABLE
    gone = replace(invited, deleted=True)
    assert judge(replace(gone, deleted=False, version=3), gone, view) == rules.TOMBSTONED


def test_a_record_stays_in_its_conferences_case_and_needs_its_parent() -> None:
    view, conf, _ = room()
    other = Case(case_number="R-2", family_name="Other")
    stray = Note(case_id=other.id, conference_id=conf.id, section=NoteSection.GENERAL,
                 body="x")
    assert judge(stray, None, view) == rules.PARENT_ELSEWHERE
    orphan = Note(case_id=CASE.id, conference_id=other.id, section=NoteSection.GENERAL,
                  body="x")
    assert judge(orphan, None, view) == rules.NO_PARENT
    assert judge(orphan, None, view, parents_known=False, check_gate=False) is None


@given(st.lists(st.sampled_from(list(S)), min_size=1, max_size=12))
def test_no_sequence_of_accepted_changes_leaves_finalized(states: list[ConferenceState]) -> None:
    view, conf, _ = room(S.SCHEDULED)
    current = conf
    reached_final = False
    for state in states:
        candidate = replace(current, state=state, version=current.version + 1)
        if judge(candidate, current, view) is None:
            current = candidate
            view.add(current)
        reached_final = reached_final or current.state is S.FINALIZED
        if reached_final:
            assert current.state is S.FINALIZED


def test_an_addendum_is_refused_before_the_conference_is_finalized() -> None:
    for state in (S.SCHEDULED, S.CHECKING_IN, S.IN_SESSION, S.CONCLUDED):
        view, conf, _ = room(state)
        addendum = note(conf, "Correction.", is_addendum=True)
        assert judge(addendum, None, view) == rules.NOT_FINALIZED, state
    # A pulled page may carry it before its conference's finalize: HQ judged it.
    view, conf, _ = room(S.IN_SESSION)
    assert judge(note(conf, "x", is_addendum=True), None, view, parents_known=False) is None


def test_someone_who_was_in_the_room_is_never_tombstoned_only_marked_as_left() -> None:
    view, _conf, mother = room()
    left = replace(mother, presence=Presence.LEFT, left_at="2026-03-01T11:05:00+00:00")
    assert judge(left, mother, view) is None
    assert judge(replace(left, deleted=True), left, view) == rules.NOT_DELETABLE
    # Acknowledged but marked expected again: still in the record.
    back = replace(mother, presence=Presence.EXPECTED, arrived_at=None)
    assert judge(replace(back, deleted=True), back, view) == rules.NOT_DELETABLE
    # Left is refused as a tombstone even where acknowledgments are not known (a page).
    assert judge(replace(left, deleted=True), None, View(), parents_known=False) == \
        rules.NOT_DELETABLE


def permission(conf: Conference, youth: Attendee, **kw: object) -> InterviewPermission:
    fields: dict[str, object] = dict(
        case_id=conf.case_id, conference_id=conf.id, attendee_id=youth.id,
        given_by=PermissionGiver.PARENT, giver_name="Mother", scope="About school.",
        given_on="2026-03-01", obtained=PermissionMethod.IN_PERSON)
    fields.update(kw)
    return InterviewPermission(**fields)  # type: ignore[arg-type]


def test_an_interview_of_a_child_needs_a_permission_for_that_youth_in_that_case() -> None:
    view, conf, _ = room()
    youth = Attendee(case_id=CASE.id, conference_id=conf.id, name="Kid", role=Role.YOUTH)
    sibling = Attendee(case_id=CASE.id, conference_id=conf.id, name="Sib", role=Role.YOUTH)
    view.add(youth, sibling)
    allowed = permission(conf, youth)
    for_sibling = permission(conf, sibling)
    view.add(allowed, for_sibling)
    assert judge(permission(conf, youth), None, view) is None

    def interview(permission_id: str) -> Note:
        return note(conf, "Talked with Kid.", interviewed_youth_id=youth.id,
                    interview_permission_id=permission_id)

    assert judge(interview(allowed.id), None, view) is None
    assert judge(interview(for_sibling.id), None, view) == rules.NO_INTERVIEW_PERMISSION
    missing = new_id()
    assert judge(interview(missing), None, view) == rules.NO_INTERVIEW_PERMISSION
    gone = replace(allowed, deleted=True)
    view.add(gone)
    assert judge(interview(allowed.id), None, view) == rules.NO_INTERVIEW_PERMISSION
    other_case = Case(case_number="R-3", family_name="Elsewhere")
    view.add(replace(allowed, case_id=other_case.id))
    assert judge(interview(allowed.id), None, view) == rules.NO_INTERVIEW_PERMISSION
    # A pulled page may bring the note before its permission: judged once both are here.
    assert judge(interview(missing), None, view, parents_known=False) is None
    # A note that is not an interview needs no permission.
    assert judge(note(conf, "plain"), None, view) is None


def test_a_permission_is_never_withdrawn_and_joins_no_finalized_conference() -> None:
    view, conf, _ = room(S.FINALIZED)
    youth = Attendee(case_id=CASE.id, conference_id=conf.id, name="Kid", role=Role.YOUTH)
    view.add(youth)
    assert judge(permission(conf, youth), None, view) == rules.FINALIZED
    view, conf, _ = room()
    view.add(youth := replace(youth, conference_id=conf.id))
    given = permission(conf, youth)
    assert judge(replace(given, deleted=True), None, view) == rules.NOT_DELETABLE


def test_a_person_is_related_to_and_an_attendee_is_a_person_of_the_same_case() -> None:
    view, _conf, mother = room()
    child = Person(case_id=CASE.id, name="Tobi", kind=PersonKind.CHILD)
    elsewhere = Person(case_id=new_id(), name="Other", kind=PersonKind.CHILD)
    view.add(child, elsewhere)
    parent = Person(case_id=CASE.id, name="Mother", kind=PersonKind.PARENT,
                    relationship_to=child.id, relationship=Relationship.PARENT_OF)
    assert judge(parent, None, view) is None
    assert judge(replace(parent, relationship_to=elsewhere.id), None, view) == \
        rules.PARENT_ELSEWHERE
    assert judge(replace(parent, relationship_to=new_id()), None, view) == rules.NO_PARENT
    # A pulled page may bring the person later than the one naming them.
    assert judge(replace(parent, relationship_to=new_id()), None, view,
                 parents_known=False) is None
    assert judge(replace(mother, person_id=parent.id), mother, view) == rules.NO_PARENT
    view.add(parent)
    assert judge(replace(mother, person_id=parent.id), mother, view) is None
    assert judge(replace(mother, person_id=elsewhere.id), mother, view) == \
        rules.PARENT_ELSEWHERE


def test_a_person_on_the_case_is_never_deleted() -> None:
    view, _conf, _mother = room()
    child = Person(case_id=CASE.id, name="Tobi", kind=PersonKind.CHILD)
    view.add(child)
    assert judge(replace(child, deleted=True), child, view) == rules.NOT_DELETABLE
    assert judge(replace(child, name="Tobias"), child, view) is None
