"""Legal requests in the domain: deadlines in business days, the state machine of legal's
steps, what a well-formed request, document and step are, and the change rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeconf.domain.business_days import (
    add_business_days,
    agency_holidays,
    business_days_between,
    due_date,
    parse_holidays,
)
from safeconf.domain.change_rules import ILLEGAL_TRANSITION, PARENT_ELSEWHERE, judge_change
from safeconf.domain.disclosure_terms import HealthPurpose
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.legal_request_states import RequestState, next_problem, standing_of
from safeconf.domain.records import Case, LegalAction, LegalRequestKind
from safeconf.domain.validation import validate
from tests.domain.test_change_rules import View
from tests.support import legal_requests as lr

A = LegalAction
CASE = Case(case_number="L-1", family_name="Law")


# -- business days ---------------------------------------------------------------------


def test_weekends_do_not_count() -> None:
    friday = date(2026, 3, 6)
    assert add_business_days(friday, 1) == date(2026, 3, 9)  # Monday
    assert add_business_days(friday, 5) == date(2026, 3, 13)
    assert add_business_days(date(2026, 3, 7), 1) == date(2026, 3, 9)  # from a Saturday
    assert add_business_days(friday, 0) == friday


def test_holidays_do_not_count() -> None:
    wednesday_before_thanksgiving = date(2026, 11, 25)
    assert add_business_days(wednesday_before_thanksgiving, 1) == date(2026, 11, 26)
    assert add_business_days(wednesday_before_thanksgiving, 1,
                             agency_holidays()) == date(2026, 11, 30)
    assert due_date(wednesday_before_thanksgiving, 1) == date(2026, 11, 30)


def test_the_holiday_list_is_read_with_its_comments_and_refuses_a_bad_line() -> None:
    assert parse_holidays("# c\n\n2026-12-25 Christmas\n2027-01-01") == {
        date(2026, 12, 25), date(2027, 1, 1)}
    assert date(2026, 12, 25) in agency_holidays()
    with pytest.raises(ValueError, match="line 1"):
        parse_holidays("Christmas 2026-12-25")


@given(st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.integers(0, 365),
       st.sets(st.dates(date(2020, 1, 1), date(2032, 12, 31)), max_size=30))
def test_n_business_days_later_is_a_business_day_n_business_days_on(
        start: date, n: int, holidays: set[date]) -> None:
    due = add_business_days(start, n, holidays)
    assert business_days_between(start, due, holidays) == n
    if n:
        assert due.weekday() < 5 and due not in holidays
        # and it is the first such day: the day before is still short of n
        assert business_days_between(start, due - timedelta(days=1), holidays) == n - 1


# -- the state machine -----------------------------------------------------------------


def test_a_request_is_acknowledged_then_closed_and_may_be_reopened() -> None:
    req = lr.request(CASE.id)
    steps = [lr.event(req, A.ACKNOWLEDGE, "2026-11-23T10:00:00+00:00"),
             lr.event(req, A.EXTEND, "2026-11-24T10:00:00+00:00", text="court agreed",
                      new_due_on="2026-12-31"),
             lr.event(req, A.RELEASE, "2026-11-25T10:00:00+00:00",
                      text="Summary of 3 Nov, names of the children withheld")]
    done = standing_of(req, steps)
    assert done.state is RequestState.CLOSED and done.due_on == "2026-12-31"
    assert done.release is steps[2] and done.closing is steps[2]
    reopen = lr.event(req, A.REOPEN, "2026-11-26T10:00:00+00:00")
    assert next_problem(req, steps, reopen) is None
    again = standing_of(req, [*steps, reopen])
    assert again.state is RequestState.OPEN and again.closing is None


@pytest.mark.parametrize(("before", "step", "problem"), [
    ([], A.REOPEN, "open cannot be reopened"),
    ([A.ACKNOWLEDGE], A.ACKNOWLEDGE, "acknowledged cannot be acknowledged"),
    ([A.CLOSE], A.EXTEND, "closed cannot be extended (reopen it first)"),
    ([A.DENY], A.RELEASE, "closed cannot be released"),
    ([A.SEAL], A.CLOSE, "closed cannot be closed"),
])
def test_a_step_the_machine_does_not_allow_is_refused(
        before: list[LegalAction], step: LegalAction, problem: str) -> None:
    req = lr.request(CASE.id)
    done = [lr.event(req, a, f"2026-11-2{i}T10:00:00+00:00", text="why")
            for i, a in enumerate(before)]
    nxt = lr.event(req, step, "2026-11-28T10:00:00+00:00", text="why",
                   new_due_on="2027-01-29" if step is A.EXTEND else None)
    assert problem in (next_problem(req, done, nxt) or "")


def test_an_extension_moves_the_due_day_later_only() -> None:
    req = lr.request(CASE.id)
    earlier = lr.event(req, A.EXTEND, text="asked", new_due_on=req.due_on)
    assert "later than the current one" in (next_problem(req, [], earlier) or "")


def test_a_step_dated_before_the_last_one_is_refused() -> None:
    req = lr.request(CASE.id)
    ack = lr.event(req, A.ACKNOWLEDGE, "2026-11-25T10:00:00+00:00")
    late = lr.event(req, A.CLOSE, "2026-11-24T10:00:00+00:00", text="done")
    assert "comes after" in (next_problem(req, [ack], late) or "")


# -- validation ------------------------------------------------------------------------


def test_a_well_formed_request_document_and_step_pass() -> None:
    req = validate(lr.request(CASE.id))
    validate(lr.document(req))
    validate(lr.event(req, A.DENY, text="Not legally compelled"))
    validate(lr.request(CASE.id, LegalRequestKind.HEALTH_INFO_REQUEST))


def test_a_forged_due_date_is_refused() -> None:
    req = lr.request(CASE.id)
    with pytest.raises(InvalidRecord, match=r"legal_request.due_on: is not 10 business days"):
        validate(replace(req, due_on="2026-12-31"))


@pytest.mark.parametrize("days", [0, 366])
def test_a_deadline_is_one_to_365_business_days(days: int) -> None:
    with pytest.raises(InvalidRecord, match=r"legal_request\.business_days"):
        validate(lr.request(CASE.id, business_days=days))


def test_a_health_request_names_its_phi_basis_and_only_it_does() -> None:
    with pytest.raises(InvalidRecord, match="names its basis"):
        validate(lr.request(CASE.id, LegalRequestKind.HEALTH_INFO_REQUEST,
                            health_purpose=None))
    with pytest.raises(InvalidRecord, match="only a health-information request"):
        validate(lr.request(CASE.id, health_purpose=HealthPurpose.TREATMENT))


def test_a_document_is_a_scan_with_its_own_digest() -> None:
    req = lr.request(CASE.id)
    with pytest.raises(InvalidRecord, match="not a PDF, PNG, JPEG or TIFF"):
        validate(lr.document(req, b"MZ\x90\x00 an executable"))
    with pytest.raises(InvalidRecord, match="not the SHA-256"):
        validate(replace(lr.document(req), sha256="0" * 64))
    with pytest.raises(InvalidRecord, match="too large"):
        validate(lr.document(req, b"%PDF-" + b"0" * (700 * 1024)))


@pytest.mark.parametrize("action", [A.DENY, A.EXTEND, A.RELEASE, A.CLOSE])
def test_a_denial_extension_release_or_closing_says_why(action: LegalAction) -> None:
    req = lr.request(CASE.id)
    with pytest.raises(InvalidRecord, match=r"legal_request_event\.text: is empty"):
        validate(lr.event(req, action, text="  ",
                          new_due_on="2027-01-29" if action is A.EXTEND else None))


def test_only_an_extension_carries_a_due_day_and_only_a_release_a_digest() -> None:
    req = lr.request(CASE.id)
    with pytest.raises(InvalidRecord, match="new_due_on"):
        validate(lr.event(req, A.ACKNOWLEDGE, new_due_on="2027-01-29"))
    with pytest.raises(InvalidRecord, match="new_due_on"):
        validate(lr.event(req, A.EXTEND, text="asked"))
    with pytest.raises(InvalidRecord, match="released_sha256"):
        validate(lr.event(req, A.CLOSE, text="done", released_sha256="a" * 64))


# -- change rules ----------------------------------------------------------------------


def test_a_step_or_document_of_a_request_of_another_case_is_refused() -> None:
    view = View()
    req = lr.request(CASE.id)
    view.records[req.id] = req
    other = Case(case_number="L-2", family_name="Other")
    step = replace(lr.event(req, A.ACKNOWLEDGE), case_id=other.id)
    refusal = judge_change(step, None, view, {})
    assert refusal is not None and refusal.reason == PARENT_ELSEWHERE
    doc = replace(lr.document(req), case_id=other.id)
    refusal = judge_change(doc, None, view, {})
    assert refusal is not None and refusal.reason == PARENT_ELSEWHERE
    assert judge_change(lr.document(req), None, view, {}) is None


def test_a_step_out_of_turn_is_refused_where_it_lands() -> None:
    view = View()
    req = lr.request(CASE.id)
    view.records[req.id] = req
    closed = lr.event(req, A.CLOSE, text="Answered")
    view.records[closed.id] = closed
    extend = lr.event(req, A.EXTEND, "2026-11-24T10:00:00+00:00", text="more time",
                      new_due_on="2027-01-29")
    refusal = judge_change(extend, None, view, {})
    assert refusal is not None and refusal.reason == ILLEGAL_TRANSITION
    assert "reopen it first" in refusal.message
