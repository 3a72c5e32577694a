"""The legal director's breaches: each with the mail HQ queued about it and how delivery
went, its trail, and the director's steps through `safeconf.hq.incidents`."""

from __future__ import annotations

from safeconf.hq import notify
from tests.hq.console.supervise.reports_helpers import breach, file, loss, teams, trail
from tests.hq.hq_harness import HQ
from tests.support import hq_staff
from tests.support.console import ConsoleClient, free_port


def test_the_director_sees_a_breach_with_its_notifications_and_the_read_is_audited(
        client: ConsoleClient, console_hq: HQ) -> None:
    t = teams(console_hq)
    broke = breach(t.worker)
    number = file(console_hq, broke, t.worker)
    # The mail server is down: the attempt is kept and the page says delivery is failing.
    notify.deliver_due(console_hq.db, notify.SmtpSettings(host="127.0.0.1", port=free_port(),
                                                          sender="hq@agency.example",
                                                          timeout=2))
    client.sign_in_as(t.director)
    listed = client.get("/director/breaches")
    assert listed.status_code == 200 and number in listed.text
    assert "failing 1" in listed.text  # how its mail stands, at a glance
    assert "wrong school" not in listed.text

    page = client.get(f"/director/breaches/{broke.id}")
    assert page.status_code == 200
    for shown in (number, "minutes emailed to the wrong school", "a school office",
                  f"{t.director}@", "legal director", "failing", "received"):
        assert shown in page.text, shown
    assert hq_staff.audited(console_hq.db, broke.id) == [(t.director, "show")]


def test_the_director_acknowledges_records_telling_the_commissioner_and_hr_and_closes(
        client: ConsoleClient, console_hq: HQ) -> None:
    t = teams(console_hq)
    broke = breach(t.worker)
    number = file(console_hq, broke, t.worker)
    client.sign_in_as(t.director)
    here = f"/director/breaches/{broke.id}"
    assert client.submit(here, f"{here}/acknowledge").status_code == 303
    told = client.submit(here, f"{here}/notified", {"whom": "commissioner"})
    assert f"Report {number}: notification recorded" in client.follow(told).text
    assert client.submit(here, f"{here}/notified", {"whom": "hr"}).status_code == 303
    closed = client.submit(here, f"{here}/close", {"outcome": "The school deleted it."})
    page = client.follow(closed)
    assert "commissioner notified" in page.text and "The school deleted it." in page.text
    assert trail(console_hq, broke.id) == ["received", "acknowledged",
                                           "commissioner_notified", "hr_notified", "closed"]


def test_saying_nobody_was_told_is_explained_and_records_nothing(
        client: ConsoleClient, console_hq: HQ) -> None:
    t = teams(console_hq)
    broke = breach(t.worker)
    file(console_hq, broke, t.worker)
    client.sign_in_as(t.director)
    here = f"/director/breaches/{broke.id}"
    answer = client.submit(here, f"{here}/notified", {"whom": "the press"})
    assert answer.status_code == 400
    assert 'role="alert"' in answer.text and "commissioner or hr" in answer.text
    assert client.submit(here, f"{here}/close", {"outcome": ""}).status_code == 400
    assert trail(console_hq, broke.id) == ["received"]


def test_a_loss_is_not_a_breach_page_and_a_breach_not_a_loss_page(
        client: ConsoleClient, console_hq: HQ) -> None:
    t = teams(console_hq)
    lost, broke = loss(t.worker), breach(t.worker)
    lost_number, breach_number = file(console_hq, lost, t.worker), file(console_hq, broke,
                                                                       t.worker)
    client.sign_in_as(t.director)
    assert lost_number not in client.get("/director/breaches").text
    assert breach_number not in client.get("/team/losses").text
    assert client.get(f"/director/breaches/{lost_number}").status_code == 404
    assert client.get(f"/team/losses/{breach_number}").status_code == 404
    assert client.submit("/", f"/team/losses/{breach_number}/close",
                         {"outcome": "x"}).status_code == 404
    assert trail(console_hq, broke.id) == ["received"]
    assert client.get(f"/reports/{breach_number}").headers["location"] == (
        f"/director/breaches/{breach_number}")


def test_a_supervisor_never_sees_a_breach_of_their_team(
        client: ConsoleClient, console_hq: HQ) -> None:
    t = teams(console_hq)
    broke = breach(t.worker)
    number = file(console_hq, broke, t.worker)
    client.sign_in_as(t.supervisor)
    assert client.get(f"/team/losses/{broke.id}").status_code == 404
    assert number not in client.get("/team/losses").text
    assert client.get(f"/director/breaches/{broke.id}").status_code == 403
    assert hq_staff.audited(console_hq.db, broke.id) == []
