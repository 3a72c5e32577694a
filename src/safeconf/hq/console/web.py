"""What every console page is made of: who is looking (`Viewer`), the `page` decorator that
lets in only the roles a page is for, rendering, forms, and running HQ's services off the
event loop.

A handler stays thin (Datasette's shape): parse the request, call the same service the
`safeconf-hq` command line calls, render. A page module has a `routes` table and a `NAV`
list; `console.app` gathers them.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import jinja2
from aiohttp import web
from multidict import MultiDictProxy

from safeconf.hq import clock
from safeconf.hq import staff as hq_staff
from safeconf.hq.console import sessions
from safeconf.hq.console.sessions import Session
from safeconf.hq.db import Database

T = TypeVar("T")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

ROLE_WORDS = {hq_staff.ADMINISTRATOR: "administrator", hq_staff.LEGAL: "legal",
              hq_staff.SUPERVISOR: "supervisor", hq_staff.LEGAL_DIRECTOR: "legal director"}


@dataclass(frozen=True)
class NavItem:
    """A link in the console's navigation, shown to holders of `roles`."""
    title: str
    path: str
    roles: tuple[str, ...]


@dataclass
class Settings:
    origin: str  # https://host:port as the browser sees it; WebAuthn's origin
    rp_id: str  # WebAuthn relying party: the origin's host name
    idle: timedelta = sessions.IDLE
    absolute: timedelta = sessions.ABSOLUTE
    recent: timedelta = sessions.RECENT
    # Where the recovery private key is, when this HQ keeps it online (for recovery codes
    # issued in the console after a second administrator's approval); None: kept offline.
    recovery_key_path: Path | None = None
    # The URLs enrollment codes issued here send laptops to (HQ's sync and enrollment
    # listeners as served); None: HQ's first host name on the default ports, as the CLI.
    sync_url: str | None = None
    enroll_url: str | None = None
    now: Callable[[], datetime] = clock.now  # tests move time forward with this

    @staticmethod
    def for_origin(origin: str, **kwargs: Any) -> Settings:
        host = urlsplit(origin).hostname
        if not origin.startswith("https://") or not host:
            raise ValueError(f"the console's origin must be https://HOST[:PORT], not {origin!r}")
        return Settings(origin=origin.rstrip("/"), rp_id=host, **kwargs)


@dataclass
class Console:
    db: Database
    settings: Settings
    executor: ThreadPoolExecutor
    templates: jinja2.Environment
    nav: list[NavItem] = field(default_factory=list)
    data_dir: Any = None  # safeconf.hq.datadir.DataDir, when served by `safeconf-hq serve`


CONSOLE = web.AppKey("console", Console)
SESSION = web.RequestKey("session", Session)  # absent: no live session
FLASHES = web.RequestKey("flashes", list)  # messages left for this page by the last action


@dataclass(frozen=True)
class Viewer:
    """The signed-in person and the sign-in roles they hold right now (read on every
    request, so a role taken away takes effect at the next click)."""
    name: str
    roles: frozenset[str]
    session: Session

    def holds(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def sees_sealed(self) -> bool:
        """Nothing of a sealed case is shown to anyone but legal."""
        return hq_staff.LEGAL in self.roles


VIEWER = web.RequestKey("viewer", Viewer)  # absent: nobody signed in


def console(request: web.Request) -> Console:
    return request.app[CONSOLE]


def db(request: web.Request) -> Database:
    return request.app[CONSOLE].db


def now(request: web.Request) -> datetime:
    return request.app[CONSOLE].settings.now()


def viewer(request: web.Request) -> Viewer:
    """The signed-in person; only inside a `page` handler, which guarantees one."""
    return request[VIEWER]


async def call(request: web.Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a (blocking, database) service function on the console's thread pool."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(console(request).executor,
                                      functools.partial(fn, *args, **kwargs))


def page(*roles: str, sensitive: bool = False) -> Callable[[Handler], Handler]:
    """Let in only a signed-in person holding one of `roles`; with `sensitive`, only one who
    proved who they are in the last few minutes (else they are asked to, then sent back)."""
    if not roles or any(r not in hq_staff.SIGN_IN_ROLES for r in roles):
        raise ValueError(f"page() takes sign-in roles ({', '.join(hq_staff.SIGN_IN_ROLES)})")

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(request: web.Request) -> web.StreamResponse:
            who = request.get(VIEWER)
            if who is None:
                raise web.HTTPSeeOther(_with_next("/signin", request))
            if not who.holds(*roles):
                return render(request, "refused.html", status=403, title="Not for your role",
                              needed=[ROLE_WORDS[r] for r in roles])
            settings = console(request).settings
            if sensitive and not who.session.recently_authenticated(settings.now(),
                                                                    settings.recent):
                raise web.HTTPSeeOther(_with_next("/reauth", request))
            return await handler(request)

        guarded.roles = roles  # type: ignore[attr-defined]  # read by the role-matrix test
        return guarded

    return wrap


def _with_next(path: str, request: web.Request) -> str:
    # Only a path of our own, and for a form, the page it was sent from (the last page this
    # session opened): a POST is not replayed, the person sends it again.
    session = request.get(SESSION)
    back = (request.path_qs if request.method == "GET"
            else (session.last_page if session and session.last_page else "/"))
    return f"{path}?next={quote(safe_next(back))}"


def safe_next(target: str | None) -> str:
    """A local path to go back to after sign-in: never another site (`//evil`, `https:`)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def render(request: web.Request, template: str, *, status: int = 200,
           **context: Any) -> web.Response:
    env = console(request).templates
    who = request.get(VIEWER)
    session = request.get(SESSION)
    nav = [n for n in console(request).nav if who is not None and who.holds(*n.roles)]
    html = env.get_template(template).render(
        viewer=who, csrf=session.csrf if session else "", nav=nav, path=request.path,
        flashes=flashes(request), role_words=ROLE_WORDS, **context)
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")


def flashes(request: web.Request) -> list[str]:
    """Messages left for this page by the action that sent the browser here."""
    return list(request.get(FLASHES, ()))


async def flash(request: web.Request, message: str) -> None:
    """Leave `message` for the next page this browser shows (after a redirect)."""
    session = request.get(SESSION)
    if session is None:
        return
    session.data.setdefault("flash", []).append(message[:500])
    await call(request, sessions.save_data, db(request), session)


async def form(request: web.Request) -> MultiDictProxy[Any]:
    """The submitted form; the CSRF token was checked before the handler ran."""
    return await request.post()


def see_other(path: str) -> web.HTTPSeeOther:
    """The answer to a form that did what it said: `raise see_other('/devices')`."""
    return web.HTTPSeeOther(safe_next(path))


def gather_nav(modules: Iterable[Any]) -> list[NavItem]:
    return [item for m in modules for item in getattr(m, "NAV", ())]


def template_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("safeconf.hq.console", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True)
    env.filters["when"] = lambda stamp: clock.short(stamp) if stamp else "—"
    return env
