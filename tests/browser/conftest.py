"""One headless Chromium for the whole run (each test starts as a new person: cookies and
authenticator cleared), and per module a real `safeconf-hq serve` with its console.

Without Chromium or chromedriver the browser tests skip on a developer's machine and fail in
CI (tests/conftest.service_missing), as the PostgreSQL tests do.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser import chromium
from tests.browser.navigators import Console
from tests.conftest import service_missing
from tests.hq.hq_harness import HQ

SCREENSHOTS = os.environ.get("SAFECONF_SCREENSHOTS")


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
