"""The TOTP fallback (RFC 6238: SHA-1, 6 digits, 30 s, one step either side) for machines
without an authenticator. A code is accepted once: the time-step used is stored, and only
later steps count after it."""

from __future__ import annotations

import hmac
from datetime import datetime
from pathlib import Path

import pyotp
import segno
from sqlalchemy import select, update

from safeconf.hq import admin_audit, schema
from safeconf.hq.console.auth import sealing
from safeconf.hq.db import Database

ISSUER = "safeconf HQ"


def new_secret() -> str:
    return pyotp.random_base32()  # 160 bits


def uri(name: str, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=ISSUER)


def qr_svg(text: str) -> str:
    """An inline SVG (the CSP allows it; no image file, no script)."""
    svg = segno.make(text, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", omitsize=True, svgclass="totp-qr",
        title="QR code for your TOTP app")
    return str(svg).replace("<svg ", '<svg role="img" ', 1)


def matching_step(secret: str, code: str, now: datetime, after: int | None) -> int | None:
    """The time-step `code` is right for (now, or one step either side), if later than
    `after`."""
    code = code.strip().replace(" ", "")
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in (current - 1, current, current + 1):
        if (after is None or step > after) and hmac.compare_digest(
                totp.generate_otp(step), code):
            return step
    return None


def enable(db: Database, data_dir: Path | None, name: str, secret: str, code: str,
           now: datetime) -> bool:
    """Save `secret` (sealed) for `name` if `code` is right for it: one correct code before
    it counts, so a mistyped secret never locks anyone out."""
    step = matching_step(secret, code, now, None)
    if step is None:
        return False
    sealed = sealing.seal(sealing.load_key(data_dir), name, secret)
    a = schema.console_accounts
    with db.write() as conn:
        if not conn.execute(update(a).where(a.c.name == name)
                            .values(totp_sealed=sealed, totp_last_step=step)).rowcount:
            return False  # no account to keep it on
        admin_audit.record(conn, name, "console_totp_set", "staff", name, "", now=now)
    return True


def check(db: Database, data_dir: Path | None, name: str, code: str, now: datetime) -> bool:
    """Whether `code` is `name`'s current TOTP code, used for the first time."""
    a = schema.console_accounts
    with db.write() as conn:
        row = conn.execute(select(a.c.totp_sealed, a.c.totp_last_step)
                           .where(a.c.name == name)).first()
        if row is None or not row.totp_sealed:
            return False
        try:
            secret = sealing.unseal(sealing.load_key(data_dir), name, row.totp_sealed)
        except ValueError:
            return False
        step = matching_step(secret, code, now, row.totp_last_step)
        if step is None:
            return False
        changed = conn.execute(update(a).where(
            a.c.name == name,
            (a.c.totp_last_step.is_(None)) | (a.c.totp_last_step < step))
            .values(totp_last_step=step)).rowcount
    return bool(changed)


def remove(db: Database, name: str) -> None:
    a = schema.console_accounts
    with db.write() as conn:
        conn.execute(update(a).where(a.c.name == name)
                     .values(totp_sealed=None, totp_last_step=None))
        admin_audit.record(conn, name, "console_totp_remove", "staff", name, "")
