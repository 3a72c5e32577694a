"""Every page of this group refused to the roles it is not for (403), sent to sign-in
without a session, and every form refused without the session's CSRF token."""

from __future__ import annotations

import pytest

from safeconf.hq import staff
from tests.hq.console.supervise.reports_helpers import breach, file, loss, teams, trail
from tests.hq.hq_harness import HQ
from tests.support import hq_staff
from tests.support.console import ConsoleClient

PAGES: dict[str, tuple[str, ...]] = {
    "/team/losses": (staff.SUPERVISOR, staff.LEGAL_DIRECTOR),
    "/team/losses/{loss}": (staff.SUPERVISOR, staff.LEGAL_DIRECTOR),
    "/reports/{loss_receipt}": (staff.SUPERVISOR, staff.LEGAL_DIRECTOR),
    "/team/acknowledgments": (staff.SUPERVISOR,),
    "/director/breaches": (staff.LEGAL_DIRECTOR,),
    "/director/breaches/{breach}": (staff.LEGAL_DIRECTOR,),
}
FORMS: dict[str, tuple[str, ...]] = {
    "/team/losses/{loss}/acknowledge": (staff.SUPERVISOR, staff.LEGAL_DIRECTOR),
    "/team/losses/{loss}/assign": (staff.SUPERVISOR, staff.LEGAL_DIRECTOR),
    "/team/losses/{loss}/close": (staff.SUPERVISOR, staff.LEGAL_DIRECTOR),
    "/team/losses/{loss}/reopen": (staff.SUPERVISOR, staff.LEGAL_DIRECTOR),
    "/director/breaches/{breach}/acknowledge": (staff.LEGAL_DIRECTOR,),
    "/director/breaches/{breach}/notified": (staff.LEGAL_DIRECTOR,),
    "/director/breaches/{breach}/close": (staff.LEGAL_DIRECTOR,),
    "/director/breaches/{breach}/reopen": (staff.LEGAL_DIRECTOR,),
}
FIELDS = {"assign": {"to": "x"}, "close": {"outcome": "x"}, "reopen": {"why": "x"},
          "notified": {"whom": "hr"}}


@pytest.fixture(scope="module")
def filed(console_hq: HQ) -> dict[str, str]:
    t = teams(console_hq)
    # The role-testers of tests/hq/hq_harness: the supervisor's team holds the reports.
    tester = console_hq.staff_member(staff.SUPERVISOR)
    hq_staff.set_supervisor(console_hq.db, t.worker, tester)
    lost, broke = loss(t.worker), breach(t.worker)
    return {"loss_receipt": file(console_hq, lost, t.worker), "loss": lost.id,
            "breach": broke.id, "_breach_receipt": file(console_hq, broke, t.worker)}


def _fill(path: str, filed: dict[str, str]) -> str:
    return path.format(**filed)


@pytest.mark.parametrize(("path", "role"), [
    (path, role) for path, allowed in PAGES.items()
    for role in staff.SIGN_IN_ROLES if role not in allowed])
def test_a_page_is_refused_to_a_role_it_is_not_for(
        client: ConsoleClient, console_hq: HQ, filed: dict[str, str], path: str,
        role: str) -> None:
    client.sign_in_as(console_hq.staff_member(role))
    answer = client.get(_fill(path, filed))
    assert answer.status_code == 403
    assert "bus 14" not in answer.text and "wrong school" not in answer.text


@pytest.mark.parametrize(("path", "role"), [
    (path, role) for path, allowed in PAGES.items() for role in allowed])
def test_a_page_opens_for_the_roles_it_is_for(
        client: ConsoleClient, console_hq: HQ, filed: dict[str, str], path: str,
        role: str) -> None:
    client.sign_in_as(console_hq.staff_member(role))
    assert client.get(_fill(path, filed)).status_code in (200, 303)


@pytest.mark.parametrize(("path", "role"), [
    (path, role) for path, allowed in FORMS.items()
    for role in staff.SIGN_IN_ROLES if role not in allowed])
def test_an_action_is_refused_to_a_role_it_is_not_for(
        client: ConsoleClient, console_hq: HQ, filed: dict[str, str], path: str,
        role: str) -> None:
    client.sign_in_as(console_hq.staff_member(role))
    action = path.rsplit("/", 1)[1]
    report = filed["breach" if "breach" in path else "loss"]
    before = trail(console_hq, report)
    answer = client.submit("/", _fill(path, filed), FIELDS.get(action, {}))
    assert answer.status_code == 403
    assert trail(console_hq, report) == before


@pytest.mark.parametrize("path", list(PAGES))
def test_a_page_without_a_session_sends_the_browser_to_sign_in(
        client: ConsoleClient, filed: dict[str, str], path: str) -> None:
    answer = client.get(_fill(path, filed))
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/signin?next=")


@pytest.mark.parametrize("path", list(FORMS))
@pytest.mark.parametrize("token", [None, "forged"])
def test_a_form_without_the_sessions_token_is_refused_and_changes_nothing(
        client: ConsoleClient, console_hq: HQ, filed: dict[str, str], path: str,
        token: str | None) -> None:
    client.sign_in_as(console_hq.staff_member(FORMS[path][-1]))
    action = path.rsplit("/", 1)[1]
    report = filed["breach" if "breach" in path else "loss"]
    before = trail(console_hq, report)
    answer = client.post(_fill(path, filed), FIELDS.get(action, {}), csrf=token)
    assert answer.status_code == 403
    assert trail(console_hq, report) == before
