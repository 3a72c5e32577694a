"""The console's pages as its navigation lists them (each page module's NAV), which role
each is for, and a walk over the pages a role sees: the accessibility test, the role test
and the screenshot tool all go the same way."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from selenium.webdriver.common.by import By

from safeconf.hq import staff
from safeconf.hq.console import app as console_app
from safeconf.hq.console import web as cweb
from tests.browser.navigators import Navigator

NAV = cweb.gather_nav(console_app.page_modules())
def route_roles() -> dict[str, tuple[str, ...]]:
    """Each GET route's pattern and the roles its page is for (read off the `page` guard;
    the sign-in pages have none)."""
    return {str(r.path): tuple(r.handler.roles) for m in console_app.page_modules()
            for r in m.routes if getattr(r, "method", "") == "GET"
            and hasattr(r.handler, "roles")}


def paths_for(role: str) -> list[str]:
    return [n.path for n in NAV if role in n.roles]


def paths_not_for(role: str) -> list[str]:
    return [n.path for n in NAV if role not in n.roles]


def page_name(path: str) -> str:
    """`/legal/reviews` -> `legal-reviews`; `/` -> `home`."""
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


def walk(person: Navigator, role: str) -> Iterator[str]:
    """Open each page `role` sees, and the first item of each list: yields the page's name
    with the page shown."""
    person.open("/")
    yield "home"
    for path in paths_for(role):
        person.open(path)
        yield page_name(path)
        detail = _first_item(person, path)
        if detail:
            person.open(detail)
            yield page_name(path) + "-item"


def _first_item(person: Navigator, path: str) -> str | None:
    """The first link in the page's table that leads under `path` (an item's own page)."""
    for link in person.driver.find_elements(By.CSS_SELECTOR, "main table a[href]"):
        target = person.console_path(str(link.get_attribute("href")))
        if target.startswith(path.rstrip("/") + "/"):
            return target
    return None


def screenshot(person: Navigator, name: str) -> Path | None:
    """Save the page as console-NAME.png into $SAFECONF_SCREENSHOTS, when it is set."""
    folder = os.environ.get("SAFECONF_SCREENSHOTS")
    if not folder:
        return None
    target = Path(folder) / f"console-{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    person.driver.save_screenshot(str(target))
    return target


ROLES = tuple(staff.SIGN_IN_ROLES)
