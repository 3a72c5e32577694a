"""Console sign-in accounts: one per HQ staff member who signs in, made by an administrator
(`safeconf-hq users add` or the console's /users page) with a one-time setup link.

The link's token is kept as its SHA-256 only; it works once (opening it binds the setup to
that browser's session) and lapses after 72 hours. A reset (lost authenticator) removes every
sign-in method and session of the person and gives a new link.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from safeconf.domain.termsafe import safe
from safeconf.hq import admin_audit, clock, schema
from safeconf.hq import staff as hq_staff
from safeconf.hq.console import sessions
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError

SETUP_VALID = timedelta(hours=72)


@dataclass(frozen=True)
class SetupLink:
    name: str
    url: str
    expires_at: str


@dataclass(frozen=True)
class AccountSummary:
    name: str
    roles: tuple[str, ...]
    passkeys: int
    has_totp: bool
    recovery_codes_left: int
    setup: str  # "pending", "expired", "" (used) or "none" (no account yet)
    last_sign_in: str | None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_link(conn: Connection, name: str, origin: str, now: datetime) -> SetupLink:
    token = secrets.token_urlsafe(32)
    expires = clock.iso(now + SETUP_VALID)
    a = schema.console_accounts
    values = {"setup_hash": _digest(token), "setup_expires_at": expires}
    if conn.execute(select(a.c.name).where(a.c.name == name)).first() is None:
        conn.execute(insert(a).values(name=name, created_at=clock.iso(now),
                                      user_handle=secrets.token_urlsafe(32), **values))
    else:
        conn.execute(update(a).where(a.c.name == name).values(**values))
    return SetupLink(name, f"{origin.rstrip('/')}/setup/{token}", expires)


def create(db: Database, name: str, email: str, role: str, by: str | None, *, origin: str,
           now: datetime | None = None) -> SetupLink:
    """Give `name` the staff role `role` if they lack it, make (or refresh) their console
    account and return a one-time setup link, valid 72 hours."""
    moment = now or clock.now()
    hq_staff.check_name(name)
    if role not in hq_staff.SIGN_IN_ROLES:
        raise ValueError(f"{safe(role)!r} does not sign in at HQ; roles that do: "
                         f"{', '.join(hq_staff.SIGN_IN_ROLES)}.")
    with db.read() as conn:
        held = role in hq_staff.sign_in_roles(conn, name)
    if held and by is None:
        raise AdminError("Say who does this: --as NAME (an HQ administrator). Nothing was "
                         "changed.")
    if not held:  # by None: add_staff lets only HQ's very first administrator add themself
        hq_staff.add_staff(db, name, email, role, by, now=moment)
    with db.write() as conn:
        actor = name if by is None else hq_staff.require(conn, by,
                                                         (hq_staff.ADMINISTRATOR,)).name
        link = _new_link(conn, name, origin, moment)
        admin_audit.record(conn, actor, "console_account_link", "staff", name,
                           f"setup link until {link.expires_at}", now=moment)
    return link


def reset(db: Database, name: str, by: str, *, origin: str,
          now: datetime | None = None) -> SetupLink:
    """A lost authenticator: remove `name`'s passkeys, TOTP and recovery codes, sign them out
    everywhere, and return a new setup link."""
    moment = now or clock.now()
    hq_staff.check_name(name)
    a = schema.console_accounts
    with db.write() as conn:
        actor = hq_staff.require(conn, by, (hq_staff.ADMINISTRATOR,)).name
        if not hq_staff.sign_in_roles(conn, name):
            raise AdminError(f"{safe(name)} holds no role that signs in at HQ. Nothing was "
                             "changed.")
        conn.execute(delete(schema.console_passkeys)
                     .where(schema.console_passkeys.c.name == name))
        conn.execute(delete(schema.console_recovery_codes)
                     .where(schema.console_recovery_codes.c.name == name))
        conn.execute(update(a).where(a.c.name == name)
                     .values(totp_sealed=None, totp_last_step=None))
        link = _new_link(conn, name, origin, moment)
        admin_audit.record(conn, actor, "console_account_reset", "staff", name,
                           f"sign-in methods removed; setup link until {link.expires_at}",
                           now=moment)
    sessions.end_all_for(db, name)
    return link


def open_setup(db: Database, token: str, now: datetime) -> str | None:
    """The person a setup link is for, using the link up (it works once); None when it is
    unknown, used or lapsed."""
    if not token or len(token) > 100:
        return None
    a = schema.console_accounts
    with db.write() as conn:
        row = conn.execute(select(a.c.name, a.c.setup_expires_at)
                           .where(a.c.setup_hash == _digest(token))).first()
        if row is None:
            return None
        conn.execute(update(a).where(a.c.name == row.name)
                     .values(setup_hash=None, setup_expires_at=None))
        if row.setup_expires_at is None or row.setup_expires_at < clock.iso(now):
            return None
        if not hq_staff.sign_in_roles(conn, row.name):
            return None
    return str(row.name)


def ensure(db: Database, name: str, now: datetime) -> None:
    """An account row for a signed-in person who has none (signed in before accounts
    existed, or by a test's session), so their sign-in page can add methods."""
    a = schema.console_accounts
    with db.write() as conn:
        if conn.execute(select(a.c.name).where(a.c.name == name)).first() is None:
            conn.execute(insert(a).values(name=name, created_at=clock.iso(now),
                                          user_handle=secrets.token_urlsafe(32)))


def user_handle(db: Database, name: str) -> str | None:
    a = schema.console_accounts
    with db.read() as conn:
        found = conn.execute(select(a.c.user_handle).where(a.c.name == name)).scalar()
    return str(found) if found is not None else None


def method_count(conn: Connection, name: str) -> int:
    """Passkeys plus TOTP: what `name` can sign in with (recovery codes aside)."""
    p, a = schema.console_passkeys, schema.console_accounts
    keys = conn.execute(select(func.count()).select_from(p).where(p.c.name == name)).scalar()
    totp = conn.execute(select(a.c.totp_sealed).where(a.c.name == name)).scalar()
    return int(keys or 0) + (1 if totp else 0)


def has_method(db: Database, name: str) -> bool:
    with db.read() as conn:
        return method_count(conn, name) > 0


def has_totp(db: Database, name: str) -> bool:
    a = schema.console_accounts
    with db.read() as conn:
        return bool(conn.execute(select(a.c.totp_sealed).where(a.c.name == name)).scalar())


def signed_in(db: Database, name: str, now: datetime) -> None:
    a = schema.console_accounts
    with db.write() as conn:
        conn.execute(update(a).where(a.c.name == name).values(last_sign_in=clock.iso(now)))


def may_sign_in(db: Database, name: str) -> bool:
    with db.read() as conn:
        return bool(hq_staff.sign_in_roles(conn, name))


def list_accounts(db: Database, now: datetime | None = None) -> list[AccountSummary]:
    """Every console account with what its holder signs in with; HQ staff who sign in but
    have no account yet are listed too (setup "none")."""
    stamp = clock.iso(now or clock.now())
    a, p, r, s = (schema.console_accounts, schema.console_passkeys,
                  schema.console_recovery_codes, schema.staff)
    with db.read() as conn:
        roles: dict[str, list[str]] = {}
        for row in conn.execute(select(s.c.name, s.c.role).where(
                s.c.active.is_(True), s.c.role.in_(hq_staff.SIGN_IN_ROLES))
                .order_by(s.c.name, s.c.role)):
            roles.setdefault(row.name, []).append(row.role)
        keys: dict[str, int] = dict(conn.execute(
            select(p.c.name, func.count()).group_by(p.c.name)).all())
        codes: dict[str, int] = dict(conn.execute(
            select(r.c.name, func.count()).where(r.c.used_at.is_(None))
            .group_by(r.c.name)).all())
        made: dict[str, Any] = {row.name: row for row in conn.execute(select(a))}
    out = []
    for name in sorted(set(roles) | set(made)):
        account = made.get(name)
        setup = "none"
        if account is not None:
            setup = ("" if account.setup_hash is None else
                     "pending" if (account.setup_expires_at or "") >= stamp else "expired")
        out.append(AccountSummary(name, tuple(roles.get(name, ())), int(keys.get(name, 0)),
                                  bool(account is not None and account.totp_sealed),
                                  int(codes.get(name, 0)), setup,
                                  account.last_sign_in if account is not None else None))
    return out


def format_table(rows: list[AccountSummary]) -> str:
    lines = [("name", "roles", "passkeys", "totp", "recovery", "setup link", "last sign-in")]
    for row in rows:
        lines.append((row.name, ",".join(row.roles) or "(none)", str(row.passkeys),
                      "yes" if row.has_totp else "no", str(row.recovery_codes_left),
                      row.setup or "used", clock.short(row.last_sign_in) or "never"))
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
                     for line in lines)
