"""Who receives the Notice of Privacy Practices, the yearly staff rule, and the change rules
for Notice receipts and records of no case."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from safeconf.domain import change_rules
from safeconf.domain.change_rules import judge_change
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.privacy_notice import receives_privacy_notice, without_notice
from safeconf.domain.records import (
    AgeBand,
    Attendee,
    Conference,
    Language,
    NoticeReceipt,
    NoticeResponse,
    Role,
    StaffAcknowledgment,
)
from safeconf.domain.staff_terms import is_due
from safeconf.domain.validation import validate

CASE = "0190a000-0000-7000-8000-000000000001"
OTHER_CASE = "0190a000-0000-7000-8000-000000000002"


def attendee(role: Role, age_band: AgeBand | None = None, conference_id: str = "",
             case_id: str = CASE) -> Attendee:
    return Attendee(case_id=case_id, conference_id=conference_id or CASE, name="A. Person",
                    role=role, age_band=age_band)


@pytest.mark.parametrize("role", [Role.PARENT, Role.LEGAL_GUARDIAN, Role.CAREGIVER,
                                  Role.RELATIVE])
def test_adult_clients_receive_the_notice(role):
    assert receives_privacy_notice(attendee(role))


@pytest.mark.parametrize("role", [Role.YOUTH, Role.CASEWORKER, Role.FACILITATOR,
                                  Role.SUPERVISOR, Role.ATTORNEY, Role.SERVICE_PROVIDER,
                                  Role.INTERPRETER, Role.OTHER])
def test_youth_and_professionals_do_not_receive_the_notice(role):
    assert not receives_privacy_notice(attendee(role))


def test_a_relative_with_a_minors_age_band_does_not_receive_the_notice():
    assert not receives_privacy_notice(attendee(Role.RELATIVE, AgeBand.AGE_15_TO_17))


def receipt(person: Attendee, response: NoticeResponse, at: str) -> NoticeReceipt:
    return NoticeReceipt(case_id=person.case_id, conference_id=person.conference_id,
                         attendee_id=person.id, statement_id="privacy_notice",
                         statement_version=1, statement_sha256="a" * 64,
                         language=Language.ENGLISH, response=response, recorded_at=at,
                         recorded_by="w")


def test_adults_who_refused_or_were_never_given_the_notice_are_listed_as_without_it():
    given, refused, never = (attendee(Role.PARENT) for _ in range(3))
    youth = attendee(Role.YOUTH, AgeBand.AGE_12_TO_14)
    later_received = attendee(Role.CAREGIVER)
    receipts = [receipt(given, NoticeResponse.RECEIVED, "2026-03-01T10:00:00+00:00"),
                receipt(refused, NoticeResponse.REFUSED, "2026-03-01T10:00:00+00:00"),
                receipt(later_received, NoticeResponse.REFUSED, "2026-03-01T10:00:00+00:00"),
                receipt(later_received, NoticeResponse.RECEIVED, "2026-03-01T10:05:00+00:00")]
    people = [given, refused, never, youth, later_received]
    assert without_notice(people, receipts) == [refused, never]


def test_the_staff_acknowledgment_is_due_when_never_made_and_twelve_months_after():
    made = "2026-02-28T12:00:00+00:00"
    assert is_due(None, datetime(2026, 1, 1, tzinfo=UTC))
    assert not is_due(made, datetime(2027, 2, 28, 11, 59, tzinfo=UTC))
    assert is_due(made, datetime(2027, 2, 28, 12, 0, tzinfo=UTC))


def test_a_leap_day_acknowledgment_counts_until_the_first_of_march():
    made = "2028-02-29T08:00:00+00:00"
    assert not is_due(made, datetime(2029, 2, 28, 23, 0, tzinfo=UTC))
    assert is_due(made, datetime(2029, 3, 1, 8, 0, tzinfo=UTC))


class View:
    def __init__(self, *records) -> None:
        self._by_id = {r.id: r for r in records}

    def conference(self, conference_id):
        found = self._by_id.get(conference_id)
        return found if isinstance(found, Conference) else None

    def attendee(self, attendee_id):
        found = self._by_id.get(attendee_id)
        return found if isinstance(found, Attendee) else None

    def attendees(self, conference_id):
        return []

    def acknowledgments(self, conference_id):
        return []

    def note(self, note_id):
        return None


def test_a_notice_receipt_must_name_an_attendee_of_its_own_conference():
    conf = Conference(case_id=CASE, scheduled_start="2026-03-01T10:00:00+00:00")
    elsewhere = Conference(case_id=CASE, scheduled_start="2026-03-02T10:00:00+00:00")
    here = attendee(Role.PARENT, conference_id=conf.id)
    there = attendee(Role.PARENT, conference_id=elsewhere.id)
    view = View(conf, elsewhere, here, there)
    assert judge_change(receipt(here, NoticeResponse.RECEIVED, "2026-03-01T10:00:00+00:00"),
                        None, view, {}) is None
    stray = receipt(there, NoticeResponse.RECEIVED, "2026-03-01T10:00:00+00:00")
    stray = NoticeReceipt(**{**stray.__dict__, "conference_id": conf.id})
    assert judge_change(stray, None, view, {}).reason == change_rules.PARENT_ELSEWHERE
    unknown = NoticeReceipt(**{**stray.__dict__, "attendee_id": CASE})
    assert judge_change(unknown, None, view, {}).reason == change_rules.NO_PARENT


def test_a_notice_receipt_is_never_deleted():
    conf = Conference(case_id=CASE, scheduled_start="2026-03-01T10:00:00+00:00")
    here = attendee(Role.PARENT, conference_id=conf.id)
    given = receipt(here, NoticeResponse.RECEIVED, "2026-03-01T10:00:00+00:00")
    tombstone = NoticeReceipt(**{**given.__dict__, "deleted": True, "version": 2})
    refusal = judge_change(tombstone, given, View(conf, here), {})
    assert refusal.reason == change_rules.NOT_DELETABLE


def staff_ack(case_id: str = "") -> StaffAcknowledgment:
    return StaffAcknowledgment(case_id=case_id, acknowledged_by="w.alvarez",
                               statement_id="staff_confidentiality", statement_version=1,
                               statement_sha256="b" * 64, language=Language.ENGLISH)


def test_a_staff_acknowledgment_belongs_to_no_case():
    assert validate(staff_ack()) is not None
    with pytest.raises(InvalidRecord, match="case_id"):
        validate(staff_ack(CASE))


def test_a_staff_acknowledgment_is_never_deleted():
    ack = staff_ack()
    tombstone = StaffAcknowledgment(**{**ack.__dict__, "deleted": True})
    assert judge_change(tombstone, ack, View(), {}).reason == change_rules.NOT_DELETABLE
