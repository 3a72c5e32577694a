"""A supervisor's loss reports in the console: only their team's, each report's page
audited with its trail, and acknowledge, assign, close and reopen through the service."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from safeconf.hq import cases, incidents
from safeconf.hq.console import sessions
from tests.hq.console.supervise.reports_helpers import file, loss, teams, trail
from tests.hq.hq_harness import HQ
from tests.support import hq_staff
from tests.support.console import ConsoleClient, ConsoleServer


def test_a_supervisor_lists_only_their_teams_losses_open_first(
        client: ConsoleClient, console_hq: HQ) -> None:
    t = teams(console_hq)
    closed, mine = loss(t.worker), loss(t.worker)
    closed_receipt, mine_receipt = file(console_hq, closed, t.worker), file(
        console_hq, mine, t.worker)
    theirs = file(console_hq, loss(t.other_worker), t.other_worker)
    incidents.close(console_hq.db, t.supervisor, closed.id, "Found on the bus.")

    page = client.sign_in_as(t.supervisor).get("/team/losses")
    assert page.status_code == 200
    assert mine_receipt in page.text and closed_receipt in page.text
    assert theirs not in page.text
    assert page.text.index(mine_receipt) < page.text.index(closed_receipt)  # open first
    assert t.worker in page.text and "bus 14" not in page.text  # no content in the list
    assert 'href="/team/losses"' in page.text  # in the navigation


def test_another_teams_report_by_address_answers_as_one_that_does_not_exist(
        client: ConsoleClient, console_hq: HQ) -> None:
    t = teams(console_hq)
    theirs = loss(t.other_worker)
    number = file(console_hq, theirs, t.other_worker)
    client.sign_in_as(t.supervisor)
    by_id, by_receipt = client.get(f"/team/losses/{theirs.id}"), client.get(
        f"/team/losses/{number}")
    unknown = client.get("/team/losses/L-00000000")
    assert by_id.status_code == by_receipt.status_code == unknown.status_code == 404
    assert by_id.text == unknown.text
    assert "bus 14" not in by_id.text and number not in by_receipt.text
    assert hq_staff.audited(console_hq.db, theirs.id) == []  # nothing was shown


def test_a_loss_reports_page_shows_it_in_full_with_its_trail_and_the_read_is_audited(
        client: ConsoleClient, console_hq: HQ, caplog: pytest.LogCaptureFixture) -> None:
    t = teams(console_hq)
    open_case = console_hq.add_case(t.worker)
    sealed_case = console_hq.add_case(t.worker)
    sealed_number = console_hq.case_number(sealed_case)
    cases.set_sealed(console_hq.db, sealed_number, True)
    lost = loss(t.worker, affected_unknown=False,
                affected_case_ids=(open_case, sealed_case))
    number = file(console_hq, lost, t.worker)

    with caplog.at_level(logging.DEBUG):
        page = client.sign_in_as(t.supervisor).get(f"/team/losses/{lost.id}")
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    assert sealed_number not in caplog.text and "visit notes" not in caplog.text
    for shown in (number, "a folder of visit notes", "bus 14", "paper notes", "received",
                  console_hq.case_number(open_case)):
        assert shown in page.text
    assert sealed_number not in page.text and sealed_case not in page.text
    assert hq_staff.audited(console_hq.db, lost.id) == [(t.supervisor, "show")]


def test_a_supervisor_acknowledges_assigns_closes_and_reopens_a_loss(
        client: ConsoleClient, console_hq: HQ) -> None:
    t = teams(console_hq)
    lost = loss(t.worker)
    number = file(console_hq, lost, t.worker)
    client.sign_in_as(t.supervisor)
    here = f"/team/losses/{lost.id}"

    done = client.submit(here, f"{here}/acknowledge")
    assert done.status_code == 303 and done.headers["location"] == here
    after = client.follow(done)
    assert f"Report {number}: acknowledged; now acknowledged." in after.text
    assert "Acknowledge report" not in after.text  # only what the service now allows
    assert client.submit(here, f"{here}/assign", {"to": t.supervisor}).status_code == 303
    assert client.submit(here, f"{here}/close",
                         {"outcome": "Found on the bus, returned."}).status_code == 303
    closed = client.get(here)
    assert "Found on the bus, returned." in closed.text and "Reopen report" in closed.text
    assert client.submit(here, f"{here}/reopen", {"why": "Two pages missing."}).status_code == 303
    assert trail(console_hq, lost.id) == ["received", "acknowledged", "assigned", "closed",
                                          "reopened"]


def test_the_legal_director_handles_every_teams_losses(
        client: ConsoleClient, console_hq: HQ) -> None:
    t = teams(console_hq)
    one, two = loss(t.worker), loss(t.other_worker)
    numbers = file(console_hq, one, t.worker), file(console_hq, two, t.other_worker)
    client.sign_in_as(t.director)
    page = client.get("/team/losses")
    assert all(n in page.text for n in numbers)
    here = f"/team/losses/{two.id}"
    assert client.submit(here, f"{here}/acknowledge").status_code == 303
    assert trail(console_hq, two.id) == ["received", "acknowledged"]


def test_bad_input_is_explained_on_the_page_keeps_what_was_typed_and_changes_nothing(
        client: ConsoleClient, console_hq: HQ) -> None:
    t = teams(console_hq)
    lost = loss(t.worker)
    file(console_hq, lost, t.worker)
    client.sign_in_as(t.supervisor)
    here = f"/team/losses/{lost.id}"

    empty = client.submit(here, f"{here}/close", {"outcome": "   "})
    assert empty.status_code == 400
    assert 'class="problem" role="alert"' in empty.text and "outcome" in empty.text
    wrong = client.submit(here, f"{here}/assign", {"to": t.other_supervisor})
    assert wrong.status_code == 400 and "may not handle" in wrong.text
    assert f'value="{t.other_supervisor}"' in wrong.text  # kept for correcting
    client.submit(here, f"{here}/acknowledge")
    twice = client.submit(here, f"{here}/acknowledge")
    assert twice.status_code == 409 and "already acknowledged" in twice.text
    not_closed = client.submit(here, f"{here}/reopen", {"why": "because"})
    assert not_closed.status_code == 400 and "is not closed" in not_closed.text
    assert trail(console_hq, lost.id) == ["received", "acknowledged"]


def test_acting_on_another_teams_report_is_not_found_and_changes_nothing(
        client: ConsoleClient, console_hq: HQ) -> None:
    t = teams(console_hq)
    theirs = loss(t.other_worker)
    file(console_hq, theirs, t.other_worker)
    client.sign_in_as(t.supervisor)
    answer = client.submit("/team/losses", f"/team/losses/{theirs.id}/acknowledge")
    assert answer.status_code == 404 and "bus 14" not in answer.text
    assert trail(console_hq, theirs.id) == ["received"]


def test_changing_a_report_asks_for_a_fresh_sign_in_when_the_last_is_old(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    t = teams(console_hq)
    lost = loss(t.worker)
    file(console_hq, lost, t.worker)
    client.sign_in_as(t.supervisor)
    here = f"/team/losses/{lost.id}"
    token = client.csrf(here)
    console.advance(sessions.RECENT + timedelta(seconds=5))
    try:
        answer = client.post(f"{here}/acknowledge", csrf=token, headers={"X-Form-Page": here})
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/reauth?next=")
    finally:
        console.offset = timedelta()
    assert trail(console_hq, lost.id) == ["received"]


def test_a_notifications_link_leads_to_the_reports_page(
        client: ConsoleClient, console_hq: HQ) -> None:
    t = teams(console_hq)
    lost = loss(t.worker)
    number = file(console_hq, lost, t.worker)
    client.sign_in_as(t.supervisor)
    answer = client.get(f"/reports/{number.lower()}")
    assert answer.status_code == 303 and answer.headers["location"] == f"/team/losses/{number}"
    assert number in client.follow(answer).text
    assert client.get("/reports/not-a-receipt").status_code == 404
