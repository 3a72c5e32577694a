"""Signing in with TOTP and recovery codes, through the pages: codes work once, failures are
throttled, sessions are replaced at sign-in and dead after sign-out, and a sensitive page asks
for a fresh sign-in."""

from __future__ import annotations

from datetime import timedelta

from safeconf.hq.console import sessions
from safeconf.hq.console.auth import ceremony, throttle
from tests.hq.console.auth import flows
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient, ConsoleServer


def test_totp_set_up_then_sign_in_end_to_end(client: ConsoleClient, console: ConsoleServer,
                                            console_hq: HQ) -> None:
    secret, codes = flows.totp_person(console_hq, console, "t.ortiz")
    assert len(set(codes)) == 10
    page = client.get("/signin")
    assert page.status_code == 200
    assert 'id="passkey-signin"' in page.text and 'name="code"' in page.text
    answer = flows.sign_in_totp(client, "t.ortiz", flows.code(secret, console), "/account")
    assert answer.status_code == 303 and answer.headers["location"] == "/account"
    home = client.get("/")
    assert home.status_code == 200 and "t.ortiz" in home.text


def test_a_totp_code_is_accepted_once(client: ConsoleClient, console: ConsoleServer,
                                      console_hq: HQ) -> None:
    secret, _ = flows.totp_person(console_hq, console, "t.once")
    value = flows.code(secret, console)
    assert flows.sign_in_totp(client, "t.once", value).status_code == 303
    other = console.client()
    try:
        again = flows.sign_in_totp(other, "t.once", value)
        assert again.status_code == 400 and ceremony.NO_MATCH in again.text
        assert other.get("/").status_code == 303  # not signed in
    finally:
        other.close()


def test_unknown_name_and_wrong_code_get_the_same_answer(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    flows.totp_person(console_hq, console, "t.known")
    wrong = flows.sign_in_totp(client, "t.known", "000000")
    unknown = flows.sign_in_totp(client, "nobody.here", "000000")
    assert wrong.status_code == unknown.status_code == 400
    assert ceremony.NO_MATCH in wrong.text and ceremony.NO_MATCH in unknown.text
    assert 'value="t.known"' in wrong.text  # the name typed is kept


def test_five_wrong_codes_throttle_the_name_until_the_back_off_passes(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    secret, _ = flows.totp_person(console_hq, console, "t.guessed")
    for _ in range(throttle.LIMIT):
        assert flows.sign_in_totp(client, "t.guessed", "123456").status_code == 400
    refused = flows.sign_in_totp(client, "t.guessed", flows.code(secret, console))
    assert refused.status_code == 429
    assert "Too many failed sign-ins. Try again after" in refused.text
    assert client.get("/").status_code == 303  # even the right code did not sign in
    console.advance(throttle.FIRST_BACKOFF + timedelta(seconds=1))
    assert flows.sign_in_totp(client, "t.guessed",
                              flows.code(secret, console)).status_code == 303


def test_the_back_off_doubles_and_is_capped(console_hq: HQ, console: ConsoleServer) -> None:
    keys = throttle.keys("t.capped", "192.0.2.7")
    now = console.now()
    for _ in range(throttle.LIMIT):
        throttle.failed(console_hq.db, keys, now)
    first = throttle.blocked_until(console_hq.db, keys, now)
    assert first == now + throttle.FIRST_BACKOFF
    waits = []
    for _ in range(6):
        now = first
        throttle.failed(console_hq.db, keys, now)
        first = throttle.blocked_until(console_hq.db, keys, now)
        assert first is not None
        waits.append(first - now)
    assert waits[0] == 2 * throttle.FIRST_BACKOFF
    assert waits[-1] == throttle.MAX_BACKOFF


def test_a_recovery_code_signs_in_once(client: ConsoleClient, console: ConsoleServer,
                                       console_hq: HQ) -> None:
    _, codes = flows.totp_person(console_hq, console, "t.recovers")
    answer = client.submit("/signin/recovery", "/signin/recovery",
                           {"name": "t.recovers", "code": codes[3].upper()})
    assert answer.status_code == 303 and answer.headers["location"] == "/account"
    assert "9 left" in client.follow(answer).text
    other = console.client()
    try:
        again = other.submit("/signin/recovery", "/signin/recovery",
                             {"name": "t.recovers", "code": codes[3]})
        assert again.status_code == 400 and "works once" in again.text
    finally:
        other.close()


def test_the_session_token_changes_at_sign_in(client: ConsoleClient, console: ConsoleServer,
                                              console_hq: HQ) -> None:
    secret, _ = flows.totp_person(console_hq, console, "t.fixed")
    client.get("/signin")
    before = flows.session_token(client)
    assert before
    assert flows.sign_in_totp(client, "t.fixed", flows.code(secret, console)).status_code == 303
    after = flows.session_token(client)
    assert after and after != before
    planted = console.client()  # whoever held the token from before sign-in
    try:
        planted.http.cookies.set(sessions.COOKIE, before, domain="localhost.local")
        assert planted.get("/").status_code == 303
    finally:
        planted.close()


def test_a_signed_out_session_is_refused(client: ConsoleClient, console: ConsoleServer,
                                         console_hq: HQ) -> None:
    secret, _ = flows.totp_person(console_hq, console, "t.leaves")
    flows.sign_in_totp(client, "t.leaves", flows.code(secret, console))
    token = flows.session_token(client)
    out = client.submit("/", "/signout")
    assert out.status_code == 303 and out.headers["location"] == "/signin"
    replay = console.client()
    try:
        replay.http.cookies.set(sessions.COOKIE, token or "", domain="localhost.local")
        answer = replay.get("/")
        assert answer.status_code == 303 and answer.headers["location"].startswith("/signin")
    finally:
        replay.close()


def test_a_sensitive_action_asks_for_a_fresh_sign_in_after_five_minutes(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    secret, _ = flows.totp_person(console_hq, console, "t.confirms")
    flows.sign_in_totp(client, "t.confirms", flows.code(secret, console))
    console.advance(sessions.RECENT + timedelta(minutes=1))
    assert client.get("/account").status_code == 200  # looking needs no fresh sign-in
    token = client.csrf("/account")
    asked = client.post("/account/recovery-codes", {}, csrf=token,
                        headers={"X-Form-Page": "/account"})
    assert asked.status_code == 303 and asked.headers["location"] == "/reauth?next=/account"
    page = client.follow(asked)
    assert page.status_code == 200 and 'id="passkey-reauth"' in page.text
    wrong = client.submit("/reauth?next=/account", "/reauth",
                          {"code": "000000", "next": "/account"})
    assert wrong.status_code == 400 and 'role="alert"' in wrong.text
    done = client.submit("/reauth?next=/account", "/reauth",
                         {"code": flows.code(secret, console), "next": "/account"})
    assert done.status_code == 303 and done.headers["location"] == "/account"
    made = client.submit("/account", "/account/recovery-codes")
    assert made.status_code == 200 and len(flows.CODE_RE.findall(made.text)) == 10


def test_reauth_never_sends_the_browser_elsewhere(client: ConsoleClient,
                                                 console: ConsoleServer,
                                                 console_hq: HQ) -> None:
    secret, _ = flows.totp_person(console_hq, console, "t.stays")
    flows.sign_in_totp(client, "t.stays", flows.code(secret, console))
    flows.next_step(console)
    done = client.submit("/reauth", "/reauth", {"code": flows.code(secret, console),
                                                "next": "//evil.example/x"})
    assert done.status_code == 303 and done.headers["location"] == "/"


def test_guesses_at_many_names_from_one_address_are_throttled(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    secret, _ = flows.totp_person(console_hq, console, "t.bystander")
    for n in range(throttle.LIMIT):
        assert flows.sign_in_totp(client, f"t.guess{n}", "123456").status_code == 400
    refused = flows.sign_in_totp(client, "t.bystander", flows.code(secret, console))
    assert refused.status_code == 429 and "Try again after" in refused.text
