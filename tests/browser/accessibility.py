"""Accessibility checks on the page a browser shows: axe-core's WCAG 2.x A and AA rules
(injected by the test: the page's CSP forbids no script run through WebDriver), and 200%
zoom, i.e. a window half as wide, with nothing to scroll sideways (WCAG 1.4.10, reflow).
"""

from __future__ import annotations

import runpy
from functools import cache
from pathlib import Path
from typing import Any

from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser import chromium

TOOLS = Path(__file__).resolve().parents[2] / "tools"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("serious", "critical")


@cache
def axe_source() -> str:
    """axe.min.js from tools/fetch-axe.py's cache (fetched now if `make test` did not)."""
    fetch = runpy.run_path(str(TOOLS / "fetch-axe.py"))["fetch"]
    return Path(fetch()).read_text(encoding="utf-8")


def axe_violations(driver: WebDriver) -> list[dict[str, Any]]:
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_source())
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes:"
        " ['violations']}).then(r => done(r.violations), e => done([{id: 'axe-error',"
        " impact: 'critical', help: String(e), nodes: []}]));", WCAG_TAGS)
    return list(result)


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(str(n.get("target")) for n in v.get("nodes", [])[:5])
        lines.append(f"  {v['impact']}: {v['id']} — {v['help']} at {targets}")
    return "\n".join(lines)


def assert_accessible(driver: WebDriver, page_name: str) -> None:
    """No serious or critical axe violation on the page now shown."""
    driver.set_script_timeout(30)
    blocking = [v for v in axe_violations(driver) if v.get("impact") in BLOCKING]
    assert not blocking, f"{page_name}: accessibility violations:\n{describe(blocking)}"


def assert_reflows_at_200_percent(driver: WebDriver, page_name: str) -> None:
    """At 200% zoom (640 CSS px of a 1280 px window) the page scrolls only downwards and
    its heading and content are still on screen."""
    chromium.resize(driver, chromium.WIDTH // 2, chromium.HEIGHT // 2)
    try:
        sizes = driver.execute_script(
            "const d = document.documentElement;"
            "const h = document.querySelector('main h1');"
            "const r = h ? h.getBoundingClientRect() : null;"
            "return {scroll: d.scrollWidth, client: d.clientWidth,"
            " h1: r ? [r.left, r.right, r.width] : null,"
            " main: document.querySelector('main') ? document.querySelector('main')"
            ".getBoundingClientRect().width : 0};")
        assert sizes["scroll"] <= sizes["client"], (
            f"{page_name}: at 200% zoom the page scrolls sideways "
            f"({sizes['scroll']} > {sizes['client']} CSS px)")
        assert sizes["h1"] is not None, f"{page_name}: no heading in <main>"
        left, right, width = sizes["h1"]
        assert width > 0 and left >= 0 and right <= sizes["client"], (
            f"{page_name}: at 200% zoom the heading is off screen")
        assert sizes["main"] > 0, f"{page_name}: at 200% zoom the content is not shown"
    finally:
        chromium.resize(driver, chromium.WIDTH, chromium.HEIGHT)


def check_page(driver: WebDriver, page_name: str) -> None:
    assert_accessible(driver, page_name)
    assert_reflows_at_200_percent(driver, page_name)
