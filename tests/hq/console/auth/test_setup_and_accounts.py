"""Setup links (single use, 72 hours), TOTP sealed at rest, the account page, the
administrators' /users page, who may open what, and CSRF on every sign-in form."""

from __future__ import annotations

import stat
from datetime import timedelta

import pytest
from sqlalchemy import select

from safeconf.hq import admin_audit, schema, staff
from safeconf.hq.console.auth import accounts, sealing
from tests.hq.console.auth import flows
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient, ConsoleServer


def test_a_setup_link_works_once(client: ConsoleClient, console: ConsoleServer,
                                 console_hq: HQ) -> None:
    link = flows.new_link(console_hq, console, "s.once")
    assert link.url.startswith(console.origin + "/setup/")
    assert flows.open_link(client, link).status_code == 303
    other = console.client()
    try:
        again = flows.open_link(other, link)
        assert again.status_code == 410
        assert "Ask an HQ administrator for a new link" in again.text
        assert other.get("/setup").status_code == 410  # nothing carried to another browser
    finally:
        other.close()


def test_a_setup_link_expires_after_72_hours(client: ConsoleClient, console: ConsoleServer,
                                             console_hq: HQ) -> None:
    link = flows.new_link(console_hq, console, "s.late")
    console.advance(accounts.SETUP_VALID + timedelta(minutes=1))
    answer = flows.open_link(client, link)
    assert answer.status_code == 410 and "has expired" in answer.text


def test_setup_refuses_a_wrong_totp_code_and_finishing_without_a_method(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    flows.open_link(client, flows.new_link(console_hq, console, "s.typo"))
    wrong = client.submit("/setup", "/setup/totp", {"code": "12345x"})
    assert wrong.status_code == 400 and "not right for this secret" in wrong.text
    early = client.submit("/setup", "/setup/finish")
    assert early.status_code == 400 and "Set up a passkey or TOTP first" in early.text
    assert not accounts.has_method(console_hq.db, "s.typo")


def test_the_totp_secret_is_sealed_at_rest(console: ConsoleServer, console_hq: HQ) -> None:
    secret, _ = flows.totp_person(console_hq, console, "s.sealed")
    a = schema.console_accounts
    with console_hq.db.read() as conn:
        stored = conn.execute(select(a.c.totp_sealed).where(a.c.name == "s.sealed")).scalar()
    assert stored and secret not in stored and secret.lower() not in stored.lower()
    path = sealing.key_path(console_hq.data.path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    key = sealing.load_key(console_hq.data.path)
    assert sealing.unseal(key, "s.sealed", stored) == secret
    with pytest.raises(ValueError):
        sealing.unseal(key, "s.other", stored)  # bound to its account


def test_the_account_page_keeps_the_last_method(client: ConsoleClient,
                                                console: ConsoleServer,
                                                console_hq: HQ) -> None:
    secret, _ = flows.totp_person(console_hq, console, "s.keeps")
    flows.sign_in_totp(client, "s.keeps", flows.code(secret, console))
    page = client.get("/account")
    assert page.status_code == 200 and "TOTP is set up" in page.text
    refused = client.submit("/account", "/account/totp/remove")
    assert refused.status_code == 409 and "only way to sign in" in refused.text
    assert accounts.has_totp(console_hq.db, "s.keeps")


def test_an_administrator_adds_a_person_and_sees_the_link_once(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    client.sign_in_as(console_hq.staff_member("administrator", "s.admin"))
    page = client.get("/users")
    assert page.status_code == 200 and 'href="/users"' in page.text
    made = client.submit("/users", "/users/add", {"name": "s.newcomer",
                                                  "email": "s.newcomer@agency.example",
                                                  "role": "supervisor"})
    assert made.status_code == 200, made.text
    assert f"{console.origin}/setup/" in made.text and "not by email" in made.text
    assert f"{console.origin}/setup/" not in client.get("/users").text  # shown once
    with console_hq.db.read() as conn:
        assert staff.sign_in_roles(conn, "s.newcomer") == {"supervisor"}
    events = admin_audit.list_events(console_hq.db, subject="s.newcomer")
    assert "console_account_link" in [e.action for e in events]


def test_bad_input_on_users_is_explained_and_changes_nothing(
        client: ConsoleClient, console_hq: HQ) -> None:
    client.sign_in_as(console_hq.staff_member("administrator", "s.admin2"))
    answer = client.submit("/users", "/users/add", {"name": "s.badmail", "email": "nope",
                                                    "role": "legal"})
    assert answer.status_code == 400
    assert 'class="problem" role="alert"' in answer.text and "email address" in answer.text
    assert 'value="s.badmail"' in answer.text  # the form keeps what was typed
    with console_hq.db.read() as conn:
        assert not staff.sign_in_roles(conn, "s.badmail")
    assert accounts.user_handle(console_hq.db, "s.badmail") is None


def test_a_reset_removes_every_method_and_signs_the_person_out(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    secret, codes = flows.totp_person(console_hq, console, "s.lostphone")
    victim = console.client()
    try:
        flows.sign_in_totp(victim, "s.lostphone", flows.code(secret, console))
        assert victim.get("/").status_code == 200
        client.sign_in_as(console_hq.staff_member("administrator", "s.admin3"))
        answer = client.submit("/users", "/users/reset", {"name": "s.lostphone"})
        assert answer.status_code == 200 and f"{console.origin}/setup/" in answer.text
        assert victim.get("/").status_code == 303
        flows.next_step(console)
        assert flows.sign_in_totp(victim, "s.lostphone",
                                  flows.code(secret, console)).status_code == 400
        used = victim.submit("/signin/recovery", "/signin/recovery",
                             {"name": "s.lostphone", "code": codes[0]})
        assert used.status_code == 400
    finally:
        victim.close()


AUTHENTICATED_PAGES = ["/account", "/reauth"]


@pytest.mark.parametrize("role", ["legal", "supervisor", "legal_director"])
def test_users_is_refused_to_every_other_role(client: ConsoleClient, console_hq: HQ,
                                              role: str) -> None:
    client.sign_in_as(console_hq.staff_member(role, f"s.{role}"))
    assert client.get("/users").status_code == 403
    for path in AUTHENTICATED_PAGES:  # every role has its own sign-in pages
        assert client.get(path).status_code == 200
    token = client.csrf("/account")
    for action in ("/users/add", "/users/reset"):
        answer = client.post(action, {"name": "s.x", "email": "s.x@agency.example",
                                      "role": "legal"}, csrf=token)
        assert answer.status_code == 403
    assert accounts.user_handle(console_hq.db, "s.x") is None


@pytest.mark.parametrize("path", ["/users", *AUTHENTICATED_PAGES])
def test_signed_in_pages_send_a_stranger_to_sign_in(client: ConsoleClient,
                                                    path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/signin")


FORMS = [("/signin", "/signin/totp"), ("/signin", "/signin/passkey/options"),
         ("/signin", "/signin/passkey"), ("/signin/recovery", "/signin/recovery"),
         ("/", "/signout"), ("/setup", "/setup/totp"), ("/setup", "/setup/finish"),
         ("/setup", "/setup/passkey/options"), ("/setup", "/setup/passkey"),
         ("/reauth", "/reauth"), ("/reauth", "/reauth/passkey/options"),
         ("/reauth", "/reauth/passkey"), ("/account", "/account/passkey/options"),
         ("/account", "/account/passkey"), ("/account", "/account/passkey/remove"),
         ("/account", "/account/totp"), ("/account", "/account/totp/remove"),
         ("/account", "/account/recovery-codes"), ("/users", "/users/add"),
         ("/users", "/users/reset")]


@pytest.mark.parametrize(("page", "action"), FORMS)
def test_every_sign_in_form_refuses_a_missing_or_wrong_csrf_token(
        client: ConsoleClient, console_hq: HQ, page: str, action: str) -> None:
    client.sign_in_as(console_hq.staff_member("administrator", "s.csrf"))
    client.get("/signin")
    for token in (None, "not-the-token"):
        answer = client.post(action, {"name": "s.csrf", "code": "000000"}, csrf=token)
        assert answer.status_code == 403 and "Nothing was changed" in answer.text
    assert client.get("/").status_code == 200  # still signed in: signout was refused too


def test_the_sign_in_page_never_offers_another_site_as_next(client: ConsoleClient) -> None:
    page = client.get("/signin?next=//evil.example/")
    assert 'name="next" value="/"' in page.text


def test_a_browser_form_under_no_referrer_is_taken_and_another_sites_is_not(
        client: ConsoleClient, console_hq: HQ) -> None:
    # Chromium sends "Origin: null" with a form when the page's referrer policy is
    # no-referrer (as every console page's is); Sec-Fetch-Site still says where it came from.
    client.sign_in_as(console_hq.staff_member("administrator", "s.origin"))
    token = client.csrf("/users")
    ours = client.post("/users/reset", {"name": "s.origin"}, csrf=token,
                       headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"})
    assert ours.status_code == 200
    theirs = client.post("/users/reset", {"name": "s.origin"}, csrf=token,
                         headers={"Origin": "null", "Sec-Fetch-Site": "cross-site"})
    assert theirs.status_code == 403
    elsewhere = client.post("/users/reset", {"name": "s.origin"}, csrf=token,
                            headers={"Origin": "https://evil.example"})
    assert elsewhere.status_code == 403


def test_a_signed_in_person_without_an_account_sets_up_totp_on_their_page(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    client.sign_in_as(console_hq.staff_member("supervisor", "s.noaccount"))
    page = client.get("/account")
    assert page.status_code == 200
    reauth = client.get("/reauth")
    assert 'action="/reauth"' not in reauth.text  # no TOTP to confirm with yet
    secret = flows.shown_secret(page.text)
    saved = client.submit("/account", "/account/totp", {"code": flows.code(secret, console)})
    assert saved.status_code == 303 and accounts.has_totp(console_hq.db, "s.noaccount")
    assert 'action="/reauth"' in client.get("/reauth").text
