"""What every console page shares: security headers, sessions that end, CSRF, role refusal,
and error pages and logs that repeat nothing of what was asked."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from safeconf.hq.console import middleware, sessions
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient, ConsoleServer


def test_every_page_carries_the_security_headers_and_is_not_cached(
        client: ConsoleClient, console_hq: HQ) -> None:
    client.sign_in_as(console_hq.staff_member("administrator"))
    for path in ("/", "/no-such-page"):
        answer = client.get(path)
        headers = answer.headers
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert headers["strict-transport-security"].startswith("max-age=")
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["cache-control"] == "no-store"
        assert headers["x-content-type-options"] == "nosniff"


def test_a_page_without_a_session_sends_the_browser_to_sign_in(client: ConsoleClient) -> None:
    answer = client.get("/")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/signin?next=/"
    assert "strict-transport-security" in answer.headers  # a redirect is an answer too


def test_a_session_ends_after_the_idle_time_and_the_person_is_told(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    client.sign_in_as(console_hq.staff_member("legal"))
    assert client.get("/").status_code == 200
    console.advance(sessions.IDLE - timedelta(seconds=30))
    assert client.get("/").status_code == 200  # each request restarts the idle time
    console.advance(sessions.IDLE + timedelta(seconds=1))
    try:
        answer = client.get("/")
        assert answer.status_code == 303 and answer.headers["location"].startswith("/signin")
        assert sessions.COOKIE in answer.headers.get("set-cookie", "")  # the cookie is cleared
    finally:
        console.offset = timedelta()


def test_the_session_cookie_is_secure_httponly_and_strict(
        client: ConsoleClient, console_hq: HQ) -> None:
    response = middleware_cookie_probe(client)
    assert response is not None
    lowered = response.lower()
    for part in ("secure", "httponly", "samesite=strict", "path=/"):
        assert part in lowered
    assert "domain=" not in lowered


def middleware_cookie_probe(client: ConsoleClient) -> str | None:
    """The Set-Cookie of a page that opens an anonymous session (the sign-in page)."""
    answer = client.get("/signin")
    if answer.status_code != 200:
        pytest.skip("the sign-in page is not built yet")
    return answer.headers.get("set-cookie")


def test_a_person_whose_roles_were_all_taken_is_signed_out_at_the_next_click(
        client: ConsoleClient, console_hq: HQ) -> None:
    from safeconf.hq import staff

    name = console_hq.staff_member("supervisor", "sup.leaving")
    client.sign_in_as(name)
    assert client.get("/").status_code == 200
    staff.remove_staff(console_hq.db, name, by=HQ.ADMIN)
    assert client.get("/").status_code == 303


def test_a_form_without_the_session_token_or_from_another_site_is_refused(
        client: ConsoleClient, console_hq: HQ) -> None:
    client.sign_in_as(console_hq.staff_member("administrator"))
    token = client.csrf("/")
    assert client.post("/signout", csrf=None).status_code == 403
    assert client.post("/signout", csrf="forged").status_code == 403
    assert client.post("/signout", csrf=token,
                       headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.post("/signout", csrf=token,
                       headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert client.get("/").status_code == 200  # still signed in: nothing was done


def test_an_unknown_address_is_not_repeated_on_the_page_or_in_the_log(
        client: ConsoleClient, console_hq: HQ, caplog: pytest.LogCaptureFixture) -> None:
    client.sign_in_as(console_hq.staff_member("administrator"))
    answer = client.get("/cases/SEALED-2026-0042?q=Family+Name")
    assert answer.status_code == 404
    assert "SEALED-2026-0042" not in answer.text and "Family" not in answer.text


def test_the_access_log_names_the_route_pattern_not_the_path() -> None:
    from aiohttp import web
    from aiohttp.test_utils import make_mocked_request

    app = web.Application()
    resource = app.router.add_resource("/cases/{case_id}")
    async def nothing(_request: web.Request) -> web.Response:
        return web.Response()

    route = resource.add_route("GET", nothing)
    request = make_mocked_request("GET", "/cases/2026-0042-SECRET?name=x", app=app)
    request._match_info = web.UrlMappingMatchInfo({"case_id": "2026-0042-SECRET"}, route)  # type: ignore[attr-defined]
    lines: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    logger = logging.getLogger("test.console.access")
    logger.addHandler(Capture())
    logger.setLevel(logging.INFO)
    middleware.AccessLogger(logger, "").log(request, web.Response(status=200), 0.01)
    assert lines == ["console GET /cases/{case_id} 200 10ms"]


def test_a_browsers_own_form_sent_with_origin_null_is_judged_by_its_token(
        client: ConsoleClient, console_hq: HQ) -> None:
    """Under Referrer-Policy: no-referrer Chromium sends `Origin: null` with a form."""
    client.sign_in_as(console_hq.staff_member("administrator"))
    token = client.csrf("/")
    assert client.post("/signout", csrf=token, headers={
        "Origin": "null", "Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert client.post("/signout", csrf="forged", headers={
        "Origin": "null", "Sec-Fetch-Site": "same-origin"}).status_code == 403
    assert client.post("/signout", csrf=token, headers={
        "Origin": "null", "Sec-Fetch-Site": "same-origin"}).status_code != 403


def test_the_page_after_an_ended_session_says_why(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    client.sign_in_as(console_hq.staff_member("legal", "legal.idle"))
    assert client.get("/").status_code == 200
    console.advance(sessions.IDLE + timedelta(seconds=1))
    try:
        answer = client.get("/")
        assert answer.status_code == 303
        shown = client.follow(answer)  # the sign-in page, or a 404 before it is built
        assert "Your session ended after a time without use" in shown.text
        assert "Your session ended" not in client.follow(answer).text  # said once
    finally:
        console.offset = timedelta()


def test_sessions_left_to_lapse_are_cleared_at_the_next_sign_in(console_hq: HQ) -> None:
    from safeconf.hq import clock, schema

    db = console_hq.db
    start = clock.now()
    lapsed = sessions.new_session(db, start - sessions.IDLE - timedelta(minutes=1))
    live = sessions.new_session(db, start - timedelta(minutes=1))
    sessions.sign_in(db, None, console_hq.staff_member("legal"), start)
    s = schema.console_sessions
    held = {sessions.token_hash(t.token): console_hq.count(
        s, s.c.token_hash == sessions.token_hash(t.token)) for t in (lapsed, live)}
    assert held == {sessions.token_hash(lapsed.token): 0, sessions.token_hash(live.token): 1}
