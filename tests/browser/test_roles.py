"""Nobody reaches a page outside their role by typing its address: each role walks every
page in the other roles' navigation and is shown "Not for your role"; without a session
every page sends the browser to sign in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser.navigators import REFUSED, Console, Navigator
from tests.browser.pages import NAV, ROLES, paths_for, paths_not_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_is_refused_every_other_roles_pages(
        role: str, as_role: Callable[[str], Navigator]) -> None:
    person = as_role(role)
    shown = set(person.open("/").nav_paths())
    assert shown == set(paths_for(role)), "the navigation lists exactly the role's pages"
    let_in = [p for p in paths_not_for(role) if not person.is_refused(p)]
    assert not let_in, f"{role} was shown {let_in}"
    assert person.heading() == REFUSED or not paths_not_for(role)
    assert person.open("/").signed_in_name() == person.account.name  # refusal signs nobody out


def test_without_a_session_every_page_asks_to_sign_in(driver: WebDriver,
                                                       console: Console) -> None:
    person = Navigator(driver, console)
    for path in ["/", *(n.path for n in NAV)]:
        person.open(path)
        assert person.path.startswith("/signin"), f"{path} was shown without a session"
        assert person.heading() == "Sign in"
