"""One-time recovery codes: 10 per person, shown once, each working once. Stored as SHA-256
only: a code is 80 random bits, so no slow hash is needed against guessing from a copy."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update

from safeconf.hq import admin_audit, clock, schema
from safeconf.hq.db import Database

COUNT = 10
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def _normal(code: str) -> str:
    return "".join(c for c in code.lower() if c.isalnum())


def _hash(code: str) -> str:
    return hashlib.sha256(_normal(code).encode()).hexdigest()


def _new_code() -> str:
    # 16 characters of a 31-letter alphabet: 79 bits; shown as four groups of four
    raw = "".join(secrets.choice(ALPHABET) for _ in range(16))
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def regenerate(db: Database, name: str, now: datetime) -> list[str]:
    """New codes for `name`; the old ones stop working."""
    codes = [_new_code() for _ in range(COUNT)]
    r = schema.console_recovery_codes
    stamp = clock.iso(now)
    with db.write() as conn:
        conn.execute(delete(r).where(r.c.name == name))
        conn.execute(insert(r), [{"code_hash": _hash(c), "name": name, "created_at": stamp,
                                  "used_at": None} for c in codes])
        admin_audit.record(conn, name, "console_recovery_codes", "staff", name,
                           f"{COUNT} new codes", now=now)
    return codes


def use(db: Database, name: str, code: str, now: datetime) -> bool:
    """Whether `code` is one of `name`'s unused codes; if so it is used up now."""
    if not 8 <= len(_normal(code)) <= 40:
        return False
    r = schema.console_recovery_codes
    with db.write() as conn:
        return bool(conn.execute(update(r).where(
            r.c.code_hash == _hash(code), r.c.name == name, r.c.used_at.is_(None))
            .values(used_at=clock.iso(now))).rowcount)


def left(db: Database, name: str) -> int:
    r = schema.console_recovery_codes
    with db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(r).where(
            r.c.name == name, r.c.used_at.is_(None))).scalar() or 0)
