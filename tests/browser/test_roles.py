"""Nobody reaches a page outside their role by typing its address: each role walks every
page in the other roles' navigation and is shown "Not for your role"; without a session
every page sends the browser to sign in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from safeconf.hq import staff
from tests.browser.navigators import REFUSED, Console, Navigator
from tests.browser.pages import NAV, ROLES, paths_for, paths_not_for, route_roles
from tests.browser.seed import Seeded, item_pages

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


@pytest.mark.parametrize("role", ROLES)
def test_every_role_is_refused_the_pages_of_other_roles_things(
        role: str, as_role: Callable[[str], Navigator], seeded: Seeded) -> None:
    """The pages of one device, review, request, case and report, opened by address."""
    person = as_role(role)
    guarded = route_roles()
    for pattern, path in item_pages(seeded).items():
        allowed = role in guarded[pattern]
        person.open(path)
        assert (person.heading() != REFUSED) == allowed, (
            f"{role} on {path}: {person.heading()!r}")
        if allowed:
            assert person.heading() not in ("Page not found", "Something went wrong"), path


@pytest.mark.parametrize("role", ROLES)
def test_a_sealed_case_is_shown_to_nobody_but_legal_and_never_found_by_a_search(
        role: str, as_role: Callable[[str], Navigator], seeded: Seeded) -> None:
    person = as_role(role)
    for path in (f"/cases/{seeded.sealed_case_id}", f"/legal/cases/{seeded.sealed_case_id}"):
        person.open(path)
        shown = seeded.sealed_case_number in person.driver.page_source
        assert shown == (role == staff.LEGAL and path.startswith("/legal/")), (
            f"{role} on {path}: {person.heading()!r}")
    # A search for it answers as for a number no case has (the box keeps what was typed).
    unknown = "C-2026-NONE0"
    for search in ("/cases?number=", "/legal/cases?number="):
        answers = []
        for number in (seeded.sealed_case_number, unknown):
            person.open(search + number)
            answers.append(person.text().replace(number, "NUMBER"))
        assert answers[0] == answers[1], f"{role}: {search} tells a sealed case apart"


def test_without_a_session_every_page_asks_to_sign_in(driver: WebDriver,
                                                       console: Console) -> None:
    person = Navigator(driver, console)
    for path in ["/", *(n.path for n in NAV)]:
        person.open(path)
        assert person.path.startswith("/signin"), f"{path} was shown without a session"
        assert person.heading() == "Sign in"
