"""The administrator's pages are for administrators only: refused (403) to every other
role, sent to sign in without a session, and every form refused without its CSRF token."""

from __future__ import annotations

import uuid

import pytest

from safeconf.hq import schema
from tests.hq.console.admin.support import OTHER_ROLES, add_device, admin, device_row, new_worker
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient, ConsoleServer

SOME_ID = "00000000-0000-4000-8000-000000000001"
PAGES = ["/devices", f"/devices/{SOME_ID}", "/enrollment", "/workers", "/cases",
         f"/cases/{SOME_ID}"]
FORMS = ["/devices/{device}/revoke", "/devices/{device}/recovery/request",
         "/devices/{device}/recovery/issue", "/enrollment", "/enrollment/{code}/cancel",
         "/workers/supervisor", "/cases/import", "/cases/{case}/assign",
         "/cases/{case}/unassign", "/cases/{case}/close", "/cases/{case}/reopen"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("role", OTHER_ROLES)
def test_each_page_is_refused_to_every_other_role(console: ConsoleServer, console_hq: HQ,
                                                  path: str, role: str) -> None:
    someone = console.client().sign_in_as(console_hq.staff_member(role))
    try:
        answer = someone.get(path)
        assert answer.status_code == 403 and "Not for your role" in answer.text
    finally:
        someone.close()


@pytest.mark.parametrize("path", PAGES)
def test_each_page_sends_a_browser_without_a_session_to_sign_in(client: ConsoleClient,
                                                                path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/signin")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("role", OTHER_ROLES)
def test_each_action_is_refused_to_every_other_role(console: ConsoleServer, console_hq: HQ,
                                                    form: str, role: str) -> None:
    device_id = add_device(console_hq, new_worker())
    path = form.format(device=device_id, code="AAAAAAAAAAAAAAAA", case=SOME_ID)
    someone = console.client().sign_in_as(console_hq.staff_member(role))
    try:
        answer = someone.post(path, {"wipe": "yes", "worker": "w-x"}, csrf=someone.csrf("/"))
        assert answer.status_code == 403 and "Not for your role" in answer.text
    finally:
        someone.close()
    assert device_row(console_hq, device_id) == ("active", False)


@pytest.mark.parametrize("form", FORMS)
def test_each_form_is_refused_without_its_csrf_token_and_changes_nothing(
        client: ConsoleClient, console_hq: HQ, form: str) -> None:
    worker = new_worker()
    device_id = add_device(console_hq, worker)
    case_id = console_hq.add_case(worker)
    path = form.format(device=device_id, code="AAAAAAAAAAAAAAAA", case=case_id)
    admin(client, console_hq)
    before = (console_hq.count(schema.enrollment_codes), console_hq.count(schema.cases),
              console_hq.count(schema.supervisors), console_hq.count(schema.assignments))
    for token in (None, "forged-" + uuid.uuid4().hex):
        answer = client.post(path, {"wipe": "yes", "worker": worker, "reason": "r",
                                    "hours": "1", "supervisor": "x"}, csrf=token)
        assert answer.status_code == 403, (path, token)
    assert device_row(console_hq, device_id) == ("active", False)
    assert before == (console_hq.count(schema.enrollment_codes), console_hq.count(schema.cases),
                      console_hq.count(schema.supervisors), console_hq.count(schema.assignments))
    with console_hq.db.read() as conn:
        status = conn.execute(schema.cases.select().where(schema.cases.c.case_id == case_id)
                              ).one().status
    assert status == "open"


def test_the_administrator_sees_the_four_pages_in_the_navigation(
        client: ConsoleClient, console_hq: HQ) -> None:
    home = admin(client, console_hq).get("/")
    for title, path in (("Devices", "/devices"), ("Enrollment codes", "/enrollment"),
                        ("Workers", "/workers"), ("Cases", "/cases")):
        assert f'<a href="{path}">{title}</a>' in home.text
    legal = ConsoleClient(client.server).sign_in_as(console_hq.staff_member("legal"))
    try:
        assert 'href="/devices"' not in legal.get("/").text
    finally:
        legal.close()
