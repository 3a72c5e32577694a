"""What wraps every console request: security headers, the session, CSRF, and error pages
that never repeat what was asked for.

Order (outermost first): headers → errors → session → CSRF → the page.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from safeconf.hq import staff as hq_staff
from safeconf.hq.console import sessions
from safeconf.hq.console import web as cweb
from safeconf.hq.console.web import SESSION, VIEWER, Handler, Viewer

log = logging.getLogger("safeconf.hq.console")

# No inline script or style, nothing from elsewhere, no framing, forms post only here.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_FIELD = "csrf"
CSRF_HEADER = "X-CSRF-Token"


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as exc:  # a redirect is an answer too: it gets the headers
        _add_headers(request, exc)
        raise
    _add_headers(request, response)
    return response


def _add_headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(HEADERS)
    if not request.path.startswith("/static/"):
        # Pages show case content or who may see it: never kept by a browser or a proxy.
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"


@web.middleware
async def error_pages(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A plain page for a refusal or a fault. It names neither the address asked for nor
    anything the failing code held: either could be a sealed case's number."""
    try:
        return await handler(request)
    except web.HTTPRedirection:
        raise
    except web.HTTPException as exc:
        if exc.status in (404, 405):
            return cweb.render(request, "error.html", status=exc.status,
                               title="Page not found",
                               message="There is no such page, or it is not for you.")
        if exc.status == 413:
            return cweb.render(request, "error.html", status=413, title="Too large",
                               message="What you sent is larger than this page takes. "
                                       "Nothing was changed.")
        if exc.status == 403:
            return cweb.render(request, "error.html", status=403, title="Refused",
                               message=exc.text or "This was refused. Nothing was changed.")
        if exc.status == 400:
            return cweb.render(request, "error.html", status=400, title="Not understood",
                               message="The request was not understood. Nothing was "
                                       "changed.")
        raise
    except Exception as exc:  # logged by kind only: its message may quote case content
        log.error("console: %s in %s", type(exc).__name__, _route(request))
        return cweb.render(request, "error.html", status=500, title="Something went wrong",
                           message="The console could not do this. Nothing was changed; "
                                   "try again, and tell HQ's administrator if it goes on.")


@web.middleware
async def session(request: web.Request, handler: Handler) -> web.StreamResponse:
    console = cweb.console(request)
    token = request.cookies.get(sessions.COOKIE, "")
    now = console.settings.now()
    page = request.path_qs if request.method == "GET" else None
    found, expired = (await cweb.call(request, sessions.load, console.db, token, now,
                                      console.settings.idle, console.settings.absolute, page)
                      if token else (None, False))
    if found is not None:
        request[SESSION] = found
        request[cweb.FLASHES] = found.data.pop("flash", [])
        if request[cweb.FLASHES]:
            await cweb.call(request, sessions.save_data, console.db, found)
        if found.name is not None:
            roles = await cweb.call(request, _roles, console.db, found.name)
            if roles:
                request[VIEWER] = Viewer(found.name, roles, found)
    elif expired:
        request[cweb.FLASHES] = [SESSION_ENDED_MESSAGE]
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        if expired and isinstance(exc, web.HTTPRedirection) and SESSION not in request:
            # Sent on to sign in: the message would be lost with this request, so a fresh
            # anonymous session carries it to the next page.
            made, _ = await ensure_session(request)
            made.data["flash"] = [SESSION_ENDED_MESSAGE]
            await cweb.call(request, sessions.save_data, console.db, made)
        _cookie(request, exc, expired)
        raise
    _cookie(request, response, expired)
    return response


def _cookie(request: web.Request, response: web.StreamResponse, expired: bool) -> None:
    if request.get(SESSION_MADE):
        set_session_cookie(response, request[SESSION])
    elif request.get(SESSION_ENDED) or (expired and SESSION not in request):
        response.del_cookie(sessions.COOKIE, path="/", secure=True, httponly=True,
                            samesite="Strict")


def _roles(db: Any, name: str) -> frozenset[str]:
    with db.read() as conn:
        return hq_staff.sign_in_roles(conn, name)


SESSION_MADE = web.RequestKey("session_made", bool)
SESSION_ENDED_MESSAGE = "Your session ended after a time without use. Please sign in again."
SESSION_ENDED = web.RequestKey("session_ended", bool)


def set_session_cookie(response: web.StreamResponse, session: sessions.Session) -> None:
    """The only place the console sets its cookie."""
    response.set_cookie(sessions.COOKIE, session.token, path="/", secure=True, httponly=True,
                        samesite="Strict")


async def ensure_session(request: web.Request) -> tuple[sessions.Session, bool]:
    """This browser's session, made now (anonymous) if it has none; True when made."""
    found = request.get(SESSION)
    if found is not None:
        return found, False
    console = cweb.console(request)
    made = await cweb.call(request, sessions.new_session, console.db, console.settings.now())
    request[SESSION] = made
    request[SESSION_MADE] = True  # the session middleware sets the cookie on the answer
    return made, True


async def start_signed_in(request: web.Request, name: str) -> sessions.Session:
    """Sign this browser in as `name` (after a verified passkey, TOTP or recovery code): a
    new session replaces the old, so a token planted before sign-in is worth nothing."""
    console = cweb.console(request)
    settings = console.settings
    made = await cweb.call(request, sessions.sign_in, console.db, request.get(SESSION), name,
                           settings.now(), settings.idle, settings.absolute)
    request[SESSION] = made
    request[SESSION_MADE] = True
    return made


async def sign_out(request: web.Request) -> None:
    found = request.get(SESSION)
    if found is not None:
        await cweb.call(request, sessions.end, cweb.db(request), found.token)
    request[SESSION_ENDED] = True


@web.middleware
async def csrf(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every form and script call that changes something carries the session's token, and
    comes from this origin: a page elsewhere can neither read the token nor fake the origin."""
    if request.method in UNSAFE_METHODS:
        session_now = request.get(SESSION)
        origin = request.headers.get("Origin")
        # Under Referrer-Policy: no-referrer a browser sends "Origin: null" with its own
        # forms; Sec-Fetch-Site (below) and the token still tell ours from another site's.
        if origin not in (None, "null") and origin != cweb.console(request).settings.origin:
            raise web.HTTPForbidden(text="This form came from another site and was refused. "
                                         "Nothing was changed.")
        if request.headers.get("Sec-Fetch-Site") not in (None, "same-origin", "none"):
            raise web.HTTPForbidden(text="This form came from another site and was refused. "
                                         "Nothing was changed.")
        sent = request.headers.get(CSRF_HEADER)
        if sent is None and request.content_type in ("application/x-www-form-urlencoded",
                                                     "multipart/form-data"):
            sent = str((await request.post()).get(CSRF_FIELD, ""))
        if (session_now is None or not sent
                or not hmac.compare_digest(sent.encode(), session_now.csrf.encode())):
            raise web.HTTPForbidden(text="This form has expired or did not come from this "
                                         "console. Open the page again and retry. Nothing "
                                         "was changed.")
    return await handler(request)


def _route(request: web.Request) -> str:
    """The route's pattern (`/cases/{case_id}`), never the filled-in path."""
    match = request.match_info  # a dict of the route's parameters: empty for "/" itself
    resource = match.route.resource if match is not None and match.route else None
    return resource.canonical if resource is not None else "(no route)"


class AccessLogger(AbstractAccessLogger):
    """One line per request with the route's pattern, not its path or query: a case number
    or a sealed case's id in an address never reaches HQ's log."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse,
            time: float) -> None:
        route = _route(request) if isinstance(request, web.Request) else "(no route)"
        self.logger.info("console %s %s %s %.0fms", request.method, route,
                         response.status, time * 1000)
