"""`make screenshots` makes every console picture the README shows: a page change that
breaks tools/console_screenshots.py, or a README picture it no longer makes, fails here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from tests.ui.test_screenshots_tool import ROOT, readme_pictures

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_console_screenshot_tool_makes_every_readme_picture(
        chromium_driver: WebDriver, tmp_path: Path) -> None:
    # chromium_driver: skipped (locally) or failed (in CI) like every browser test when
    # Chromium is missing; the tool starts its own browser and HQ.
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "console_screenshots.py"),
                           str(tmp_path)], capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    made = {p.name for p in tmp_path.glob("console-*.png")}
    wanted = readme_pictures(console=True)
    assert wanted, "the README shows no console picture"
    assert wanted <= made, f"the README shows console pictures the tool does not make: " \
                           f"{sorted(wanted - made)}"
    assert all((tmp_path / name).stat().st_size > 10_000 for name in made)
