"""Passkeys without a browser, with a software authenticator: registered at setup, used to
sign in with no name typed; a replayed answer, another origin and a sign count that goes
backwards are refused."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from safeconf.hq import admin_audit
from tests.hq.console.auth import flows
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient, ConsoleServer
from tests.support.softkey import SoftKey, b64u


def passkey_person(console_hq: HQ, console: ConsoleServer, name: str) -> SoftKey:
    key = SoftKey(console.settings.rp_id, console.origin)
    browser = console.client()
    try:
        assert flows.open_link(browser, flows.new_link(console_hq, console, name)
                               ).status_code == 303
        saved = flows.register_passkey(browser, key)
        assert saved.status_code == 200 and saved.json() == {"redirect": "/setup"}
        assert 'id="setup-finish-button"' in browser.get("/setup").text
        flows.finish(browser)
    finally:
        browser.close()
    return key


def test_register_at_setup_then_sign_in_without_a_name(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    key = passkey_person(console_hq, console, "p.rivera")
    options = flows.json_post(client, "/signin/passkey/options").json()["publicKey"]
    assert options["userVerification"] == "required"
    assert not options.get("allowCredentials")  # usernameless: the key offers itself
    credential = key.get(options)
    answer = flows.json_post(client, "/signin/passkey", {"credential": credential,
                                                         "next": "/account"})
    assert answer.status_code == 200 and answer.json() == {"redirect": "/account"}
    page = client.get("/account")
    assert page.status_code == 200 and "test key" in page.text


def test_registration_excludes_the_keys_one_has(client: ConsoleClient,
                                                console: ConsoleServer,
                                                console_hq: HQ) -> None:
    key = passkey_person(console_hq, console, "p.second")
    assert flows.passkey_sign_in(client, key).status_code == 200
    options = flows.json_post(client, "/account/passkey/options", page="/account").json()
    excluded = [c["id"] for c in options["publicKey"]["excludeCredentials"]]
    assert excluded == [b64u(key.credential_id)]
    other = SoftKey(console.settings.rp_id, console.origin)
    added = flows.json_post(client, "/account/passkey",
                            {"credential": other.create(options["publicKey"])},
                            page="/account")
    assert added.status_code == 200 and added.json() == {"redirect": "/account"}
    signer = console.client()
    try:
        assert flows.passkey_sign_in(signer, other).status_code == 200
    finally:
        signer.close()


def test_a_replayed_assertion_is_refused(client: ConsoleClient, console: ConsoleServer,
                                         console_hq: HQ) -> None:
    key = passkey_person(console_hq, console, "p.replayed")
    options = flows.json_post(client, "/signin/passkey/options").json()["publicKey"]
    credential = key.get(options)
    first = flows.json_post(client, "/signin/passkey", {"credential": credential})
    assert first.status_code == 200
    thief = console.client()
    try:
        thief.get("/signin")
        flows.json_post(thief, "/signin/passkey/options")  # a fresh challenge of its own
        again = flows.json_post(thief, "/signin/passkey", {"credential": credential})
        assert again.status_code == 400 and "error" in again.json()
        assert thief.get("/").status_code == 303
        twice = flows.json_post(client, "/signin/passkey", {"credential": credential})
        assert twice.status_code == 400  # the challenge was used up
    finally:
        thief.close()


def test_an_answer_made_for_another_origin_is_refused(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    key = passkey_person(console_hq, console, "p.phished")
    answer = flows.passkey_sign_in(client, key, origin="https://console.evil.example")
    assert answer.status_code == 400 and "error" in answer.json()
    assert client.get("/").status_code == 303


def test_registration_for_another_origin_is_refused(client: ConsoleClient,
                                                    console: ConsoleServer,
                                                    console_hq: HQ) -> None:
    assert flows.open_link(client, flows.new_link(console_hq, console, "p.wrongorigin")
                           ).status_code == 303
    key = SoftKey(console.settings.rp_id, "https://evil.example")
    answer = flows.register_passkey(client, key)
    assert answer.status_code == 400
    assert 'id="setup-finish-button"' not in client.get("/setup").text


def test_a_sign_count_going_backwards_is_refused_and_logged_without_names(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ,
        caplog: pytest.LogCaptureFixture) -> None:
    key = passkey_person(console_hq, console, "p.cloned")
    assert flows.passkey_sign_in(client, key, count=7).status_code == 200
    clone = console.client()
    try:
        with caplog.at_level(logging.WARNING, logger="safeconf.hq.console"):
            answer = flows.passkey_sign_in(clone, key, count=3)
        assert answer.status_code == 400
        assert clone.get("/").status_code == 303
        warned = [r.getMessage() for r in caplog.records if "cloned" in r.getMessage()]
        assert warned and all("p.cloned" not in m for m in warned)
    finally:
        clone.close()


def test_a_passkey_answer_without_a_challenge_is_refused(client: ConsoleClient) -> None:
    client.get("/signin")
    answer = flows.json_post(client, "/signin/passkey", {"credential": {"id": "x"}})
    assert answer.status_code == 400 and "Press the button again" in answer.json()["error"]


def test_a_passkey_holder_adds_totp_and_removes_a_passkey_on_the_account_page(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    key = passkey_person(console_hq, console, "p.addstotp")
    assert flows.passkey_sign_in(client, key).status_code == 200
    page = client.get("/account")
    assert 'action="/account/totp"' in page.text and 'id="passkey-register"' in page.text
    secret = flows.shown_secret(page.text)
    saved = client.submit("/account", "/account/totp", {"code": flows.code(secret, console)})
    assert saved.status_code == 303 and "TOTP is set up" in client.follow(saved).text
    credential = b64u(key.credential_id)
    gone = client.submit("/account", "/account/passkey/remove", {"credential": credential})
    assert gone.status_code == 303
    stranger = console.client()
    try:
        assert flows.passkey_sign_in(stranger, key).status_code == 400
    finally:
        stranger.close()
    last = client.submit("/account", "/account/totp/remove")
    assert last.status_code == 409 and "add a passkey first" in last.text
    actions = [e.action for e in admin_audit.list_events(console_hq.db, subject="p.addstotp")]
    for done in ("console_account_link", "console_passkey_add", "console_recovery_codes",
                 "console_totp_set", "console_passkey_remove"):
        assert done in actions


def test_a_challenge_older_than_five_minutes_is_refused(
        client: ConsoleClient, console: ConsoleServer, console_hq: HQ) -> None:
    key = passkey_person(console_hq, console, "p.slow")
    options = flows.json_post(client, "/signin/passkey/options").json()["publicKey"]
    console.advance(timedelta(minutes=5, seconds=5))
    answer = flows.json_post(client, "/signin/passkey", {"credential": key.get(options)})
    assert answer.status_code == 400 and "took too long" in answer.json()["error"]
    assert client.get("/").status_code == 303
