"""Every console route, for every role: a page or action outside one's role is refused, and
without a session the browser is sent to sign in. Routes are read off the real application,
so a page added later is covered, and a route that is neither role-guarded nor on the short
list of public ones fails this test."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

import pytest

from safeconf.hq import staff
from safeconf.hq.console import app as console_app
from safeconf.hq.console import web as cweb
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleServer

# Reached before sign-in (their own checks are tested with them); everything else needs a role.
PUBLIC = re.compile(r"^/(signin|setup|reauth|signout|static)(/|$)")


def _routes() -> list[tuple[str, str, tuple[str, ...] | None]]:
    app = console_app.make_app(None, cweb.Settings.for_origin("https://localhost"))  # type: ignore[arg-type]
    found = []
    for route in app.router.routes():
        if route.method == "HEAD":
            continue
        info = route.resource.get_info() if route.resource else {}
        pattern = info.get("path") or info.get("formatter") or info.get("prefix", "")
        found.append((route.method, pattern, getattr(route.handler, "roles", None)))
    return found


ROUTES = _routes()


def _fill(pattern: str) -> str:
    return re.sub(r"\{[^}]+\}", str(uuid.UUID(int=7)), pattern)


def test_every_route_is_role_guarded_or_public() -> None:
    unguarded = [(m, p) for m, p, roles in ROUTES if roles is None and not PUBLIC.match(p)]
    assert not unguarded, f"routes without @cweb.page: {unguarded}"
    assert any(roles for _m, _p, roles in ROUTES)


GUARDED = [(m, p, roles) for m, p, roles in ROUTES if roles is not None]


@pytest.mark.parametrize(("method", "pattern", "roles"), GUARDED,
                         ids=[f"{m} {p}" for m, p, _r in GUARDED])
def test_each_guarded_route_refuses_every_other_role_and_anyone_signed_out(
        console: ConsoleServer, console_hq: HQ, method: str, pattern: str,
        roles: tuple[str, ...]) -> None:
    path = _fill(pattern)
    anonymous = console.client()
    answer = (anonymous.get(path) if method == "GET"
              else anonymous.post(path, {}, csrf=None))
    # Signed out: sent to sign in (GET), or refused outright (a form without a session).
    assert answer.status_code in ((303,) if method == "GET" else (403,))
    for role in staff.SIGN_IN_ROLES:
        if role in roles:
            continue
        someone = console.client().sign_in_as(console_hq.staff_member(role))
        token = someone.csrf("/")
        answer = someone.get(path) if method == "GET" else someone.post(path, {}, csrf=token)
        assert answer.status_code == 403, (role, method, path, answer.status_code)
        assert "Not for your role" in answer.text
        someone.close()
    anonymous.close()


def test_a_role_taken_at_hq_closes_its_pages_at_the_next_request(
        console: ConsoleServer, console_hq: HQ) -> None:
    name = console_hq.staff_member("legal", f"legal.leaving.{datetime.now().microsecond}")
    console_hq.staff_member("administrator", name)  # also an administrator
    client = console.client().sign_in_as(name)
    assert client.get("/approvals").status_code == 200
    staff.remove_staff(console_hq.db, name, by=HQ.ADMIN, role="legal")
    legal_only = [p for m, p, roles in GUARDED if m == "GET" and roles == (staff.LEGAL,)]
    for pattern in legal_only[:3]:
        assert client.get(_fill(pattern)).status_code == 403
    assert client.get("/approvals").status_code == 200  # still an administrator
