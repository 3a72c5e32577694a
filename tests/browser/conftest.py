"""One headless Chromium for the whole run (each test starts as a new person: cookies and
authenticator cleared), and per module a real `safeconf-hq serve` with its console.

Without Chromium or chromedriver the browser tests skip on a developer's machine and fail in
CI (tests/conftest.service_missing), as the PostgreSQL tests do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from safeconf.hq import staff
from tests.browser import chromium
from tests.browser.navigators import NAVIGATORS, Account, Console, Navigator
from tests.browser.seed import Seeded, seed
from tests.conftest import service_missing
from tests.hq.hq_harness import HQ


@pytest.fixture(scope="session")
def chromium_driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    why = chromium.missing()
    if why:
        service_missing(why)
    driver = chromium.start(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def driver(chromium_driver: WebDriver) -> Iterator[WebDriver]:
    chromium.fresh_context(chromium_driver)
    yield chromium_driver
    chromium.fresh_context(chromium_driver)


@pytest.fixture(scope="module")
def served_hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQ]:
    """A real `safeconf-hq serve` on SQLite with its console on a free port."""
    hq = HQ.create(tmp_path_factory.mktemp("browser-hq") / "data", None)
    try:
        server = hq.serve("--console-port", "0")
        assert server.console_url.startswith("https://localhost:"), server.console_url
        yield hq
    finally:
        hq.close()


@pytest.fixture(scope="module")
def console(served_hq: HQ) -> Console:
    """The console of this module's HQ, with its people (accounts made on first use)."""
    assert served_hq.server is not None
    return Console(served_hq, served_hq.server.console_url)


@pytest.fixture(scope="module")
def people(console: Console, chromium_driver: WebDriver) -> dict[str, Account]:
    """One person per sign-in role, each set up from their link with a passkey."""
    made = {}
    for role in staff.SIGN_IN_ROLES:
        chromium.fresh_context(chromium_driver)
        account = console.new_account(role)
        NAVIGATORS[role](chromium_driver, console, account).set_up_with_passkey()
        made[role] = account
    chromium.fresh_context(chromium_driver)
    return made


@pytest.fixture(scope="module")
def seeded(console: Console, people: dict[str, Account]) -> Seeded:
    return seed(console.hq, supervisor=people[staff.SUPERVISOR].name,
                legal=people[staff.LEGAL].name)


@pytest.fixture
def as_role(driver: WebDriver, console: Console, people: dict[str, Account],
            ) -> Callable[[str], Navigator]:
    """role -> that role's navigator, signed in with their passkey."""
    def sign_in(role: str) -> Navigator:
        return NAVIGATORS[role](driver, console, people[role]).sign_in_with_passkey()
    return sign_in
