"""Failed sign-ins, counted per name and per source address: after 5 in 15 minutes, that
name or address is refused until a back-off passes (1 minute, doubling, at most 15)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select, update

from safeconf.hq import clock, schema
from safeconf.hq.db import Database

LIMIT = 5
WINDOW = timedelta(minutes=15)
FIRST_BACKOFF = timedelta(minutes=1)
MAX_BACKOFF = timedelta(minutes=15)


def name_key(name: str) -> str:
    return f"name:{name[:200]}"


def keys(name: str | None, address: str | None) -> list[str]:
    out = [name_key(name)] if name else []
    return [*out, f"addr:{(address or 'unknown')[:200]}"]


def blocked_until(db: Database, keys: Iterable[str], now: datetime) -> datetime | None:
    """When sign-in opens again for any of `keys`, or None if it is open now."""
    f = schema.console_signin_failures
    with db.read() as conn:
        until = conn.execute(select(f.c.blocked_until).where(
            f.c.key.in_(list(keys)), f.c.blocked_until > clock.iso(now))).scalars().all()
    return max(clock.parse(u) for u in until) if until else None


def failed(db: Database, keys: Iterable[str], now: datetime) -> None:
    f = schema.console_signin_failures
    stamp = clock.iso(now)
    with db.write() as conn:
        for key in keys:
            row = conn.execute(select(f).where(f.c.key == key)).first()
            if row is None:
                conn.execute(insert(f).values(key=key, failures=1, window_start=stamp,
                                              blocked_until=None, backoff_s=0))
                continue
            # A new window once 15 quiet minutes followed the last failure or back-off.
            quiet_since = max(clock.parse(row.window_start),
                              clock.parse(row.blocked_until) if row.blocked_until
                              else clock.parse(row.window_start))
            fresh = quiet_since < now - WINDOW
            failures = 1 if fresh else row.failures + 1
            values: dict[str, object] = {"failures": failures}
            if fresh:
                values.update(window_start=stamp, backoff_s=0, blocked_until=None)
            if failures >= LIMIT:
                backoff = min(MAX_BACKOFF, timedelta(seconds=row.backoff_s * 2)
                              if row.backoff_s and not fresh else FIRST_BACKOFF)
                values.update(blocked_until=clock.iso(now + backoff),
                              backoff_s=int(backoff.total_seconds()))
            conn.execute(update(f).where(f.c.key == key).values(**values))


def succeeded(db: Database, keys: Iterable[str]) -> None:
    f = schema.console_signin_failures
    with db.write() as conn:
        conn.execute(delete(f).where(f.c.key.in_(list(keys))))
