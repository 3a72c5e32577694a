"""Signing in as HQ's people do: an account made with `safeconf-hq users add`, its one-time
setup link opened in the browser, a passkey (Chromium's virtual authenticator) or TOTP set
up, signing out and in again; and a session that ends when left unused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from selenium.webdriver.remote.webdriver import WebDriver
from sqlalchemy import update

from safeconf.hq import clock, schema, staff
from tests.browser import chromium
from tests.browser.navigators import Account, Administrator, Console, LegalOfficer, Supervisor

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_an_administrator_sets_up_a_passkey_from_the_link_and_signs_in_with_it(
        driver: WebDriver, console: Console) -> None:
    admin = Administrator(driver, console, console.new_account(staff.ADMINISTRATOR, cli=True))
    admin.set_up_with_passkey()
    assert admin.path == "/" and admin.heading() == "HQ console"
    admin.sign_out()
    assert admin.path.startswith("/signin")
    assert admin.is_signed_out()

    chromium.fresh_context(driver)  # the next morning: the passkey is on the laptop, no cookie
    admin.sign_in_with_passkey()
    assert admin.path == "/" and admin.signed_in_name() == admin.account.name

    admin.open_setup_link()  # the link worked once
    assert admin.heading() == "This setup link does not work"


def test_a_legal_officer_without_an_authenticator_sets_up_totp_and_signs_in_with_a_code(
        driver: WebDriver, console: Console) -> None:
    legal = LegalOfficer(driver, console, console.new_account(staff.LEGAL, cli=True))
    legal.set_up_with_totp()
    assert legal.signed_in_name() == legal.account.name
    legal.sign_out()

    legal.sign_in_with_totp()
    assert legal.path == "/" and legal.signed_in_name() == legal.account.name


def test_a_wrong_code_is_refused_on_the_page_and_signs_nobody_in(
        driver: WebDriver, console: Console) -> None:
    legal = LegalOfficer(driver, console, console.new_account(staff.LEGAL))
    legal.set_up_with_totp()
    legal.sign_out()
    legal.sign_in_with_totp(code="000000" if legal.account.totp_code() != "000000" else "111111")
    assert legal.path.startswith("/signin") and legal.alert()
    assert legal.is_signed_out()


def test_a_session_left_unused_past_the_idle_time_ends_and_the_page_says_so(
        driver: WebDriver, console: Console, people: dict[str, Account]) -> None:
    supervisor = Supervisor(driver, console, people[staff.SUPERVISOR]).sign_in_with_passkey()
    assert supervisor.open("/").signed_in_name() == people[staff.SUPERVISOR].name
    _left_unused(console, people[staff.SUPERVISOR].name, timedelta(minutes=16))

    supervisor.open("/")
    assert supervisor.path.startswith("/signin")
    assert "Your session ended after a time without use" in supervisor.flash()
    assert supervisor.is_signed_out()


def _left_unused(console: Console, name: str, idle: timedelta) -> None:
    """Move the person's sessions' last use back by `idle`: the server's 15-minute idle
    time passes without the test waiting for it."""
    s = schema.console_sessions
    with console.hq.db.write() as conn:
        moved = conn.execute(update(s).where(s.c.name == name).values(
            last_seen=clock.iso(clock.now() - idle))).rowcount
    assert moved, f"{name} has no session to leave unused"
