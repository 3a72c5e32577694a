"""Every console page a person sees, with data on it, passes axe-core's WCAG 2.x A/AA rules
with no serious or critical violation, and reflows at 200% zoom (no sideways scrolling);
no page but legal's names the sealed case.
With SAFECONF_SCREENSHOTS=DIR each page is also saved as DIR/console-<page>.png."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from safeconf.hq import staff
from tests.browser.accessibility import (
    assert_accessible,
    assert_reflows_at_200_percent,
    check_page,
)
from tests.browser.navigators import Console, Navigator
from tests.browser.pages import ROLES, screenshot, walk
from tests.browser.seed import Seeded

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("role", ROLES)
def test_each_page_a_role_sees_is_accessible_and_reflows(
        role: str, as_role: Callable[[str], Navigator], seeded: Seeded) -> None:
    person = as_role(role)
    seen = []
    for name in walk(person, role):
        check_page(person.driver, f"{role}: {name} ({person.path})")
        if not person.sees_sealed:
            assert seeded.sealed_case_number not in person.driver.page_source, (
                f"{role} was shown a sealed case on {person.path}")
        screenshot(person, name)
        seen.append(name)
    assert "home" in seen


def test_the_pages_before_sign_in_are_accessible_and_reflow(
        driver: WebDriver, console: Console) -> None:
    person = Navigator(driver, console, console.new_account(staff.SUPERVISOR))
    person.open("/signin")
    check_page(driver, "sign-in")
    screenshot(person, "signin")
    person.open("/signin/recovery")
    check_page(driver, "sign-in with a recovery code")
    person.open_setup_link()
    assert person.heading() == "Set up your sign-in"
    check_page(driver, "setup")
    screenshot(person, "setup")
    person.open("/no-such-page")
    check_page(driver, "page not found")


def test_the_checks_fail_on_a_page_that_breaks_the_rules(driver: WebDriver) -> None:
    """The checker itself: an unlabelled field, text without contrast and a page wider
    than a zoomed window are each reported (a check that cannot fail proves nothing)."""
    driver.get("data:text/html;charset=utf-8,<!doctype html><html lang=en><title>bad</title>"
               "<main><h1>Bad page</h1><form><input type=text name=q></form>"
               "<p style='color:%23bbb;background:%23fff'>faint</p>"
               "<div style='width:1000px'>wide</div></main></html>")
    with pytest.raises(AssertionError) as refused:
        assert_accessible(driver, "bad page")
    assert "label" in str(refused.value) and "color-contrast" in str(refused.value)
    with pytest.raises(AssertionError, match="scrolls sideways"):
        assert_reflows_at_200_percent(driver, "bad page")
