"""Passkeys (WebAuthn, via Duo's `webauthn` library): registration with a discoverable
credential and user verification required, and usernameless sign-in. The challenge is made
here and kept by the caller in the server-side session, used once.

A sign count that does not go up (when the authenticator keeps one) is refused and logged
as a possible cloned key — without names: the log is not the place for who.
"""

from __future__ import annotations

import base64
import json
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import webauthn
from sqlalchemy import delete, func, insert, select, update
from webauthn.helpers import bytes_to_base64url, parse_authentication_credential_json
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from safeconf.hq import admin_audit, clock, schema
from safeconf.hq.console.auth import accounts
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError

log = logging.getLogger("safeconf.hq.console.auth")

RP_NAME = "safeconf HQ"
TIMEOUT_MS = 5 * 60 * 1000
MAX_CREDENTIAL_JSON = 8 * 1024


class PasskeyRefused(Exception):
    """The ceremony did not prove what it should; the message is safe to show."""


@dataclass(frozen=True)
class Passkey:
    credential_id: str
    label: str
    created_at: str
    last_used: str | None


def new_challenge() -> str:
    return bytes_to_base64url(secrets.token_bytes(32))


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def registration_options(db: Database, name: str, rp_id: str, challenge: str) -> str:
    """The options JSON for navigator.credentials.create(): excludes `name`'s passkeys, so
    one authenticator is not registered twice."""
    handle = accounts.user_handle(db, name)
    if handle is None:
        raise AdminError("There is no console account for you; ask an administrator.")
    p = schema.console_passkeys
    with db.read() as conn:
        existing = conn.execute(select(p.c.credential_id, p.c.transports)
                                .where(p.c.name == name)).all()
    exclude = [PublicKeyCredentialDescriptor(
        id=_b64(row.credential_id),
        transports=[AuthenticatorTransport(t) for t in row.transports.split(",")
                    if t in {m.value for m in AuthenticatorTransport}] or None)
        for row in existing]
    options = webauthn.generate_registration_options(
        rp_id=rp_id, rp_name=RP_NAME, user_name=name, user_display_name=name,
        user_id=handle.encode(), challenge=_b64(challenge), timeout=TIMEOUT_MS,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED),
        exclude_credentials=exclude)
    return webauthn.options_to_json(options)


def authentication_options(rp_id: str, challenge: str) -> str:
    """Options for navigator.credentials.get() with no allow-list: the authenticator offers
    the person's discoverable credential, so nobody types a name."""
    options = webauthn.generate_authentication_options(
        rp_id=rp_id, challenge=_b64(challenge), timeout=TIMEOUT_MS,
        user_verification=UserVerificationRequirement.REQUIRED)
    return webauthn.options_to_json(options)


def _credential(body: Any) -> Any:
    if not isinstance(body, dict) or len(json.dumps(body)) > MAX_CREDENTIAL_JSON:
        raise PasskeyRefused("The passkey's answer was not understood.")
    return body


def register(db: Database, name: str, body: Any, challenge: str, rp_id: str, origin: str,
             label: str, now: datetime) -> None:
    """Verify navigator.credentials.create()'s answer and keep the new passkey."""
    try:
        verified = webauthn.verify_registration_response(
            credential=_credential(body), expected_challenge=_b64(challenge),
            expected_rp_id=rp_id, expected_origin=origin, require_user_verification=True)
    except WebAuthnException as exc:
        raise PasskeyRefused("The passkey could not be registered; try again.") from exc
    transports = body.get("response", {}).get("transports") or []
    transports = [t for t in transports if isinstance(t, str)][:6]
    p = schema.console_passkeys
    credential_id = bytes_to_base64url(verified.credential_id)
    stamp = clock.iso(now)
    with db.write() as conn:
        if conn.execute(select(p.c.name).where(p.c.credential_id == credential_id)).first():
            raise PasskeyRefused("This passkey is registered already.")
        count = conn.execute(select(func.count()).select_from(p)
                             .where(p.c.name == name)).scalar() or 0
        conn.execute(insert(p).values(
            credential_id=credential_id, name=name,
            public_key=bytes_to_base64url(verified.credential_public_key),
            sign_count=verified.sign_count, transports=",".join(transports)[:200],
            label=(label.strip() or f"Passkey {count + 1}")[:100], created_at=stamp,
            last_used=None))
        admin_audit.record(conn, name, "console_passkey_add", "staff", name, "", now=now)


def authenticate(db: Database, body: Any, challenge: str, rp_id: str, origin: str,
                 now: datetime) -> str:
    """Verify navigator.credentials.get()'s answer; the name of the passkey's holder."""
    try:
        parsed = parse_authentication_credential_json(_credential(body))
    except (WebAuthnException, ValueError, TypeError) as exc:
        raise PasskeyRefused("The passkey's answer was not understood.") from exc
    p, a = schema.console_passkeys, schema.console_accounts
    credential_id = bytes_to_base64url(parsed.raw_id)
    with db.read() as conn:
        row = conn.execute(select(p.c.name, p.c.public_key, p.c.sign_count, a.c.user_handle)
                           .join(a, a.c.name == p.c.name)
                           .where(p.c.credential_id == credential_id)).first()
    refused = PasskeyRefused("This passkey is not registered with this console, or it could "
                             "not be checked. Use another way to sign in, or ask an "
                             "administrator.")
    if row is None:
        raise refused
    handle = parsed.response.user_handle
    if handle is not None and handle != row.user_handle.encode():
        raise refused
    try:
        # The count is checked below, after the signature: a backwards count on a signed
        # answer is a possible clone, worth a warning; on an unsigned one, just a refusal.
        verified = webauthn.verify_authentication_response(
            credential=parsed, expected_challenge=_b64(challenge), expected_rp_id=rp_id,
            expected_origin=origin, credential_public_key=_b64(row.public_key),
            credential_current_sign_count=0, require_user_verification=True)
    except WebAuthnException as exc:
        raise refused from exc
    stored = int(row.sign_count)
    if (verified.new_sign_count or stored) and verified.new_sign_count <= stored:
        log.warning("console: a passkey's sign count went backwards or stood still "
                    "(possible cloned key); sign-in refused")
        raise refused
    with db.write() as conn:
        conn.execute(update(p).where(p.c.credential_id == credential_id).values(
            sign_count=verified.new_sign_count, last_used=clock.iso(now)))
    return str(row.name)


def list_for(db: Database, name: str) -> list[Passkey]:
    p = schema.console_passkeys
    with db.read() as conn:
        return [Passkey(r.credential_id, r.label, r.created_at, r.last_used)
                for r in conn.execute(select(p).where(p.c.name == name)
                                      .order_by(p.c.created_at))]


def remove(db: Database, name: str, credential_id: str) -> None:
    """Remove one of `name`'s passkeys, unless it is their last way to sign in."""
    p = schema.console_passkeys
    with db.write() as conn:
        if conn.execute(select(p.c.name).where(p.c.credential_id == credential_id,
                                               p.c.name == name)).first() is None:
            raise AdminError("There is no such passkey on your account. Nothing was "
                             "changed.")
        if accounts.method_count(conn, name) <= 1:
            raise AdminError("This is your only way to sign in: add another passkey or TOTP "
                             "first. Nothing was changed.")
        conn.execute(delete(p).where(p.c.credential_id == credential_id))
        admin_audit.record(conn, name, "console_passkey_remove", "staff", name, "")
