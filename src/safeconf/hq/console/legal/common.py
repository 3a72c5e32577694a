"""What legal's pages share: who may open them, the sealed-case rule for readers who are not
legal, and a service refusal shown on the page it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiohttp import web
from sqlalchemy import select

from safeconf.hq import cases, schema
from safeconf.hq import staff as hq_staff
from safeconf.hq.console import web as cweb
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError

# The legal director does legal's work on requests and reviews (the services allow both).
LEGAL_WORK = (hq_staff.LEGAL, hq_staff.LEGAL_DIRECTOR)
LEGAL_ONLY = (hq_staff.LEGAL,)
PAGE_SIZE = 100


def sealed_case_ids(db: Database) -> frozenset[str]:
    k = schema.cases
    with db.read() as conn:
        return frozenset(str(c) for c in conn.execute(
            select(k.c.case_id).where(k.c.sealed.is_(True))).scalars())


async def hidden_cases(request: web.Request) -> frozenset[str]:
    """The cases this reader may see nothing of: the sealed ones, unless they are legal."""
    if cweb.viewer(request).sees_sealed:
        return frozenset()
    return await cweb.call(request, sealed_case_ids, cweb.db(request))


def not_found() -> web.HTTPNotFound:
    """An unknown id, or one of a case this reader may not see: the same plain 404 page,
    which repeats nothing of what was asked."""
    return web.HTTPNotFound()


def problem(request: web.Request, template: str, message: str, *, status: int = 400,
            **context: Any) -> web.Response:
    """The page again, with the service's sentence (class "problem") and the form's values."""
    return cweb.render(request, template, status=status, problem=message, **context)


def page_number(text: str | None) -> int:
    try:
        number = int(text or "1")
    except ValueError:
        return 1
    return max(1, min(number, 10_000))


class Hidden(LookupError):
    """Raised inside an audited load for a sealed case the reader may not see: the load
    fails, so nothing is recorded, and the page answers as for an unknown id."""


@dataclass(frozen=True)
class FoundCase:
    case_id: str
    number: str
    sealed: bool


def find_case(db: Database, typed: str) -> FoundCase | None:
    """The case with the number typed (compared by normal form as the CLI does), or None.
    Callers say "no such case" without repeating the number: it may be a sealed case's."""
    try:
        number = cases.stored_number(db, typed)
        case_id = cases.case_id_for(db, number)
    except AdminError:
        return None
    k = schema.cases
    with db.read() as conn:
        sealed = bool(conn.execute(select(k.c.sealed).where(k.c.case_id == case_id))
                      .scalar_one())
    return FoundCase(case_id, number, sealed)


NO_SUCH_CASE = ("HQ has no case with that number that you may see. Check the number (as on "
                "the case file) and try again. Nothing was changed.")
