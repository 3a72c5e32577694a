"""Console sessions, kept at HQ: the browser's cookie holds a random token and nothing else.

A session ends after `idle` without a request, or `absolute` after it began, whichever is
first; signing in replaces the session (a token seen before sign-in never carries a signed-in
person), and signing out deletes it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update

from safeconf.hq import clock, schema
from safeconf.hq.db import Database

COOKIE = "__Host-safeconf-console"  # __Host-: Secure, Path=/ and no Domain, or no cookie
IDLE = timedelta(minutes=15)
ABSOLUTE = timedelta(hours=10)
RECENT = timedelta(minutes=5)  # how fresh a sign-in must be for a sensitive action
MAX_DATA = 16 * 1024


@dataclass
class Session:
    token: str
    name: str | None
    created_at: str
    authenticated_at: str | None
    csrf: str
    data: dict[str, Any] = field(default_factory=dict)
    last_page: str | None = None

    def recently_authenticated(self, now: datetime, within: timedelta = RECENT) -> bool:
        return (self.name is not None and self.authenticated_at is not None
                and clock.parse(self.authenticated_at) >= now - within)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_session(db: Database, now: datetime, name: str | None = None) -> Session:
    """A fresh session; with `name`, signed in as that person from `now`."""
    token = secrets.token_urlsafe(32)
    stamp = clock.iso(now)
    session = Session(token, name, stamp, stamp if name else None, secrets.token_urlsafe(32))
    with db.write() as conn:
        conn.execute(insert(schema.console_sessions).values(
            token_hash=token_hash(token), name=name, created_at=stamp, last_seen=stamp,
            authenticated_at=session.authenticated_at, csrf=session.csrf, data="{}"))
    return session


def load(db: Database, token: str, now: datetime, idle: timedelta = IDLE,
         absolute: timedelta = ABSOLUTE, page: str | None = None) -> tuple[Session | None, bool]:
    """The live session for `token` (its last use moved to `now`, and with `page`, the page
    being opened remembered), and whether a session for it existed but had expired (then
    it is deleted)."""
    if not token or len(token) > 100:
        return None, False
    s = schema.console_sessions
    digest = token_hash(token)
    with db.write() as conn:
        row = conn.execute(select(s).where(s.c.token_hash == digest)).first()
        if row is None:
            return None, False
        if (clock.parse(row.last_seen) < now - idle
                or clock.parse(row.created_at) < now - absolute):
            conn.execute(delete(s).where(s.c.token_hash == digest))
            return None, row.name is not None
        values: dict[str, str] = {"last_seen": clock.iso(now)}
        if page is not None and len(page) <= 512:
            values["last_page"] = page
        conn.execute(update(s).where(s.c.token_hash == digest).values(**values))
    return Session(token, row.name, row.created_at, row.authenticated_at, row.csrf,
                   json.loads(row.data), row.last_page), False


def save_data(db: Database, session: Session) -> None:
    """Store `session.data` (a ceremony's challenge, a page's pending message)."""
    text = json.dumps(session.data, separators=(",", ":"))
    if len(text) > MAX_DATA:
        raise ValueError("session data too large")
    s = schema.console_sessions
    with db.write() as conn:
        conn.execute(update(s).where(s.c.token_hash == token_hash(session.token))
                     .values(data=text))


def sign_in(db: Database, old: Session | None, name: str, now: datetime,
            idle: timedelta = IDLE, absolute: timedelta = ABSOLUTE) -> Session:
    """Replace `old` (if any) by a new session signed in as `name`: a token an attacker
    planted before sign-in is worth nothing after it."""
    if old is not None:
        end(db, old.token)
    # A session left to lapse is never touched again, so it is cleared here, not by `load`.
    purge_expired(db, now, idle, absolute)
    return new_session(db, now, name)


def reauthenticated(db: Database, session: Session, now: datetime) -> None:
    s = schema.console_sessions
    stamp = clock.iso(now)
    with db.write() as conn:
        conn.execute(update(s).where(s.c.token_hash == token_hash(session.token))
                     .values(authenticated_at=stamp))
    session.authenticated_at = stamp


def end(db: Database, token: str) -> None:
    s = schema.console_sessions
    with db.write() as conn:
        conn.execute(delete(s).where(s.c.token_hash == token_hash(token)))


def end_all_for(db: Database, name: str) -> int:
    """Sign `name` out everywhere (their role was taken, or their passkey was lost)."""
    s = schema.console_sessions
    with db.write() as conn:
        return conn.execute(delete(s).where(s.c.name == name)).rowcount or 0


def purge_expired(db: Database, now: datetime, idle: timedelta = IDLE,
                  absolute: timedelta = ABSOLUTE) -> int:
    s = schema.console_sessions
    with db.write() as conn:
        return conn.execute(delete(s).where(
            (s.c.last_seen < clock.iso(now - idle))
            | (s.c.created_at < clock.iso(now - absolute)))).rowcount or 0
