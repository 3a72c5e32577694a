"""Debian's Chromium, headless, driven by Selenium through Debian's chromedriver.

The network is closed to it (no background fetches, no component updates, a fresh profile),
and it trusts the console's self-signed certificate only because the tests tell it to.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WIDTH, HEIGHT = 1280, 900  # the screenshots' size; half the width is 200% zoom


def missing() -> str | None:
    """Why Chromium cannot be driven here, or None."""
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if shutil.which(path) is None:
            return f"{path} (Debian's {package}) is not installed"
    return None


def start(profile: Path | None = None) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = profile or Path(tempfile.mkdtemp(prefix="safeconf-chromium-"))
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--ignore-certificate-errors", "--hide-scrollbars",
                 f"--user-data-dir={profile}", f"--window-size={WIDTH},{HEIGHT}",
                 "--force-device-scale-factor=1", "--lang=en-US"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    resize(driver, WIDTH, HEIGHT)
    return driver


def resize(driver: webdriver.Chrome, width: int, height: int) -> None:
    """Make the page's viewport exactly width x height CSS px (the window has chrome)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def fresh_context(driver: webdriver.Chrome) -> None:
    """As a new person at the same machine: no cookies, no authenticator, normal size."""
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    if driver.virtual_authenticator_id:
        driver.remove_virtual_authenticator()
    resize(driver, WIDTH, HEIGHT)
    driver.get("about:blank")
