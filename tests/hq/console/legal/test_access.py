"""Legal's pages and forms: refused to administrators and supervisors (403), sent to sign in
without a session (303), and every form refused without the session's CSRF token, changing
nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from safeconf.domain.records import LegalRequestKind, RequesterBody
from safeconf.hq import admin_audit, cases, legal_requests, legal_reviews, schema
from safeconf.hq.console import approvals, sessions
from safeconf.hq.sync import conflicts
from tests.hq.console.legal.support import pushed_review
from tests.hq.hq_harness import HQ, new_worker
from tests.hq.test_conflicts_admin import _note_clash
from tests.support.console import ConsoleClient, ConsoleServer


@dataclass(frozen=True)
class Things:
    review: str
    request: str
    case: str
    sealed_case: str
    conflict: int


@pytest.fixture(scope="module")
def things(console_hq: HQ) -> Things:
    _case, review = pushed_review(console_hq)
    case_id = console_hq.add_case(new_worker())
    request = legal_requests.log_at_hq(
        console_hq.db, case_id, LegalRequestKind.SUBPOENA, "Clerk", "Family Court",
        RequesterBody.COURT, "Everything", date(2026, 11, 20), 10, None, [],
        console_hq.staff_member("legal"))
    sealed = console_hq.add_case(new_worker())
    cases.set_sealed(console_hq.db, console_hq.case_number(sealed), True)
    return Things(review.id, request.id, case_id, sealed, _note_clash(console_hq).conflict_id)


PAGES = ["/legal/reviews", "/legal/reviews/{review}", "/legal/requests",
         "/legal/requests/new", "/legal/requests/{request}", "/legal/cases",
         "/legal/cases/sealed", "/legal/cases/{case}", "/legal/conflicts",
         "/legal/conflicts/{conflict}"]
LEGAL_ONLY = ("/legal/cases", "/legal/conflicts")  # the legal director may not open these


def _fill(path: str, things: Things) -> str:
    return path.format(review=things.review, request=things.request, case=things.case,
                       conflict=things.conflict)


@pytest.mark.parametrize("path", PAGES)
def test_each_page_is_refused_to_other_roles_and_needs_a_session(
        console: ConsoleServer, console_hq: HQ, things: Things, path: str) -> None:
    wanted = _fill(path, things)
    nobody = console.client()
    answer = nobody.get(wanted)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/signin")
    roles = ["administrator", "supervisor"]
    if path.startswith(LEGAL_ONLY):
        roles.append("legal_director")
    for role in roles:
        someone = console.client().sign_in_as(console_hq.staff_member(role))
        refused = someone.get(wanted)
        assert refused.status_code == 403, (role, path)
        assert "Not for your role" in refused.text
        someone.close()
    legal = console.client().sign_in_as(console_hq.staff_member("legal"))
    assert legal.get(wanted).status_code == 200
    legal.close()
    nobody.close()


FORMS = [
    ("/legal/reviews/{review}/preview", {"answer": "refuse", "advice": "x"}),
    ("/legal/reviews/{review}/answer", {"answer": "refuse", "advice": "No."}),
    ("/legal/requests/{request}/step", {"action": "acknowledge"}),
    ("/legal/requests/new", {"case": "x", "kind": "subpoena"}),
    ("/legal/cases/{case}/seal", {}),
    ("/legal/cases/{sealed}/unseal-request", {"reason": "Court order"}),
    ("/legal/cases/{sealed}/unseal", {"approval": "x"}),
    ("/legal/conflicts/{conflict}/resolve", {"keep": "hq"}),
]


@pytest.mark.parametrize(("path", "data"), FORMS, ids=[f for f, _d in FORMS])
def test_each_form_is_refused_without_the_sessions_token_and_changes_nothing(
        client: ConsoleClient, console_hq: HQ, things: Things, path: str,
        data: dict[str, str]) -> None:
    wanted = path.format(review=things.review, request=things.request, case=things.case,
                         sealed=things.sealed_case, conflict=things.conflict)
    client.sign_in_as(console_hq.staff_member("legal"))
    before = len(admin_audit.list_events(console_hq.db))
    for token in (None, "forged"):
        answer = client.post(wanted, data, csrf=token)
        assert answer.status_code == 403
        assert "did not come from this console" in answer.text
    assert len(admin_audit.list_events(console_hq.db)) == before  # not even a read
    assert legal_reviews.show(console_hq.db, things.review).answer is None
    assert not legal_requests.show(console_hq.db, things.request,
                                   console_hq.staff_member("legal")).events
    k = schema.cases
    assert console_hq.count(k, k.c.sealed.is_(True),
                            k.c.case_id.in_([things.case, things.sealed_case])) == 1
    assert approvals.latest_for(console_hq.db, approvals.UNSEAL, things.sealed_case) is None
    assert any(c.conflict_id == things.conflict for c in conflicts.list_conflicts(console_hq.db))


SENSITIVE = [f for f in FORMS if not f[0].endswith(("/preview", "/new"))]


@pytest.mark.parametrize(("path", "data"), SENSITIVE, ids=[f for f, _d in SENSITIVE])
def test_each_sensitive_action_asks_to_sign_in_again_after_a_few_minutes(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ, things: Things,
        path: str, data: dict[str, str]) -> None:
    wanted = path.format(review=things.review, request=things.request, case=things.case,
                         sealed=things.sealed_case, conflict=things.conflict)
    client.sign_in_as(console_hq.staff_member("legal"))
    token = client.csrf("/legal/reviews")
    console.advance(sessions.RECENT + timedelta(minutes=1))
    try:
        answer = client.post(wanted, data, csrf=token)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/reauth")
    finally:
        console.offset = timedelta()
    assert legal_reviews.show(console_hq.db, things.review).answer is None
    k = schema.cases
    assert console_hq.count(k, k.c.sealed.is_(True), k.c.case_id == things.case) == 0
