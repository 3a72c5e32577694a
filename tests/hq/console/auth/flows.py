"""Sign-in as a person does it, through the pages: open a setup link, set up TOTP or a
passkey, finish, sign in."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import httpx
import pyotp

from safeconf.hq.console.auth import accounts
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient, ConsoleServer
from tests.support.softkey import SoftKey

SECRET_RE = re.compile(r'id="totp-secret">([A-Z2-7 ]+)<')
CODE_RE = re.compile(r"<li><code>([a-z0-9-]{19})</code></li>")


def new_link(hq: HQ, console: ConsoleServer, name: str,
             role: str = "legal") -> accounts.SetupLink:
    hq.staff_member("administrator")  # HQ's first administrator exists
    return accounts.create(hq.db, name, f"{name}@agency.example", role, HQ.ADMIN,
                           origin=console.origin, now=console.now())


def open_link(client: ConsoleClient, link: accounts.SetupLink) -> httpx.Response:
    return client.get(link.url.removeprefix(client.server.origin))


def code(secret: str, console: ConsoleServer, steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(console.now() + timedelta(seconds=30 * steps))


def next_step(console: ConsoleServer) -> None:
    """Move the console's clock to the next TOTP time-step (a code works once)."""
    console.advance(timedelta(seconds=30))


def set_up_totp(client: ConsoleClient, link: accounts.SetupLink) -> tuple[str, list[str]]:
    """Open the link, save TOTP, finish; the secret and the recovery codes shown."""
    answer = open_link(client, link)
    assert answer.status_code == 303 and answer.headers["location"] == "/setup"
    page = client.get("/setup")
    assert 'action="/setup/totp"' in page.text and "<svg" in page.text
    secret = shown_secret(page.text)
    saved = client.submit("/setup", "/setup/totp", {"code": code(secret, client.server)})
    assert saved.status_code == 303, saved.text
    codes = finish(client)
    return secret, codes


def shown_secret(html: str) -> str:
    found = SECRET_RE.search(html)
    assert found, "no TOTP secret on the page"
    return found.group(1).replace(" ", "")


def finish(client: ConsoleClient) -> list[str]:
    done = client.submit("/setup", "/setup/finish")
    assert done.status_code == 200, done.text
    codes = CODE_RE.findall(done.text)
    assert len(codes) == 10
    return codes


def totp_person(hq: HQ, console: ConsoleServer, name: str, role: str = "legal"
                ) -> tuple[str, list[str]]:
    """A person whose sign-in is set up with TOTP (in a browser of their own)."""
    browser = console.client()
    try:
        secret, codes = set_up_totp(browser, new_link(hq, console, name, role))
    finally:
        browser.close()
    next_step(console)
    return secret, codes


def sign_in_totp(client: ConsoleClient, name: str, value: str,
                 next_path: str = "/") -> httpx.Response:
    return client.submit("/signin", "/signin/totp", {"name": name, "code": value,
                                                     "next": next_path})


def json_post(client: ConsoleClient, path: str, body: dict[str, Any] | None = None,
              page: str = "/signin") -> httpx.Response:
    """A script call as console.js makes it: JSON, with the page's CSRF token in a header."""
    token = client.csrf(page)
    return client.http.post(path, json=body or {}, headers={"X-CSRF-Token": token})


def register_passkey(client: ConsoleClient, key: SoftKey, page: str = "/setup",
                     prefix: str = "/setup") -> httpx.Response:
    options = json_post(client, f"{prefix}/passkey/options", page=page)
    assert options.status_code == 200, options.text
    credential = key.create(options.json()["publicKey"])
    return json_post(client, f"{prefix}/passkey", {"credential": credential,
                                                   "label": "test key"}, page=page)


def passkey_sign_in(client: ConsoleClient, key: SoftKey, **get: Any) -> httpx.Response:
    options = json_post(client, "/signin/passkey/options")
    assert options.status_code == 200, options.text
    credential = key.get(options.json()["publicKey"], **get)
    return json_post(client, "/signin/passkey", {"credential": credential, "next": "/"})


def session_token(client: ConsoleClient) -> str | None:
    from safeconf.hq.console import sessions

    return client.http.cookies.get(sessions.COOKIE)
