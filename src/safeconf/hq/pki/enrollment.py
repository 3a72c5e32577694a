"""One-time enrollment codes and the enrollment itself (HQ side).

A code is `<code_id>.<secret>`. HQ keeps only sha256(secret); the laptop proves it knows the
secret with HMAC-SHA256(key=sha256(secret), msg=CSR DER), so the secret never travels and the
MAC also binds the code to that one key pair. Codes are single use, expire, and burn after
`MAX_FAILED_ATTEMPTS` wrong MACs.

With a `predecessor` proof (see `safeconf.hq.pki.succession`) the new device takes over an earlier
one's push and audit state: re-enrollment with continuity.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from cryptography import x509
from sqlalchemy import Connection, insert, select, update

from safeconf.domain import termsafe
from safeconf.hq import clock, schema
from safeconf.hq.db import Database, insert_ignoring_duplicates
from safeconf.hq.errors import AdminError, HQError, bad_request
from safeconf.hq.pki import devices, signing_keys, succession
from safeconf.hq.pki.ca import (
    CertificateAuthority,
    CertificateRequestInvalid,
    cert_pem,
    csr_der,
    load_csr,
)
from safeconf.hq.validate import is_hex64, require_worker_id

PROTOCOL = 1
DEFAULT_TTL = timedelta(hours=72)
MAX_FAILED_ATTEMPTS = 5
RATE_WINDOW_S = 60
RATE_LIMIT = 20  # enroll attempts per source address per minute
_CODE_ID = re.compile(r"[A-Z2-7]{16}")

log = logging.getLogger("safeconf.hq")


@dataclass(frozen=True)
class IssuedCode:
    code_id: str
    code: str  # code_id.secret: shown once, never stored
    worker_id: str
    expires_at: str
    uri: str


def _b32(nbytes: int) -> str:
    return base64.b32encode(secrets.token_bytes(nbytes)).decode("ascii").rstrip("=")


def secret_hash(secret: str) -> bytes:
    return hashlib.sha256(secret.encode("ascii")).digest()


def enrollment_uri(sync_url: str, enroll_url: str, ca_fingerprint: str, code: str) -> str:
    parts = {"sync": sync_url, "enroll": enroll_url, "ca": ca_fingerprint, "code": code}
    return "safeconf:enroll?" + "&".join(f"{k}={quote(v, safe=':/')}" for k, v in parts.items())


def default_enroll_url(sync_url: str) -> str:
    """The enrollment listener runs on the sync port + 1 unless told otherwise."""
    parts = urlsplit(sync_url)
    if parts.scheme != "https" or not parts.hostname:
        raise AdminError(f"{sync_url!r} is not an https:// URL.")
    port = parts.port or 443
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"https://{host}:{port + 1}"


def issue_code(db: Database, ca: CertificateAuthority, worker_id: str, sync_url: str,
               enroll_url: str, ttl: timedelta = DEFAULT_TTL) -> IssuedCode:
    require_worker_id(worker_id)
    for url in (sync_url, enroll_url):
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise AdminError(f"{url!r} is not an https:// URL.")
    if ttl <= timedelta(0):
        raise AdminError("A code must be valid for some time.")
    code_id = _b32(10)  # 80 bits: a name, not a secret
    secret = _b32(20)  # 160 bits
    now = clock.now()
    expires = clock.iso(now + ttl)
    with db.write() as conn:
        conn.execute(insert(schema.enrollment_codes).values(
            code_id=code_id, secret_hash=secret_hash(secret).hex(), worker_id=worker_id,
            sync_url=sync_url, created_at=clock.iso(now), expires_at=expires, used_at=None,
            failed_attempts=0, device_id=None,
        ))
    code = f"{code_id}.{secret}"
    uri = enrollment_uri(sync_url, enroll_url, ca.fingerprint, code)
    return IssuedCode(code_id, code, worker_id, expires, uri)


def write_qr(uri: str, path: Path) -> None:
    """The code is a credential: the PNG is written owner-only."""
    import segno

    qr = segno.make(uri, error="m", micro=False)
    if path.exists():
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        qr.save(handle, kind="png", scale=6, border=4)


def check_rate(db: Database, source: str, limit: int = RATE_LIMIT) -> None:
    """Fixed-window limit per source address, kept in the database so it holds across servers."""
    now_s = int(clock.now().timestamp())
    window = now_s - now_s % RATE_WINDOW_S
    bucket = f"enroll:{source}"[:128]
    rl = schema.rate_limits
    with db.write() as conn:
        conn.execute(insert_ignoring_duplicates(conn, rl, ["bucket"]).values(
            bucket=bucket, window_start=window, hits=0))
        row = conn.execute(select(rl.c.window_start, rl.c.hits)
                           .where(rl.c.bucket == bucket).with_for_update()).one()
        hits = row.hits + 1 if row.window_start == window else 1
        conn.execute(update(rl).where(rl.c.bucket == bucket)
                     .values(window_start=window, hits=hits))
    if hits > limit:
        raise HQError(429, "rate_limited",
                      "Too many enrollment attempts from this network; wait a minute and retry.")


@dataclass(frozen=True)
class EnrollRequest:
    code_id: str
    csr_text: str
    mac: str
    predecessor: succession.PredecessorProof | None = None
    signing_key: signing_keys.SigningKeyRequest | None = None


_REQUIRED = {"protocol", "code_id", "csr_pem", "mac"}
_OPTIONAL = {"predecessor", "signing_key"}


def parse_request(body: Any) -> EnrollRequest:
    if not isinstance(body, dict) or not _REQUIRED <= set(body) <= _REQUIRED | _OPTIONAL:
        raise bad_request("An enrollment request has exactly: protocol, code_id, csr_pem, mac "
                          "and, to enroll again, predecessor; and signing_key.")
    if body["protocol"] != PROTOCOL or isinstance(body["protocol"], bool):
        raise HQError(400, "protocol", f"This HQ speaks sync protocol {PROTOCOL}; "
                      "update safeconf on this laptop.")
    code_id, csr_text, mac = body["code_id"], body["csr_pem"], body["mac"]
    if not isinstance(code_id, str) or not _CODE_ID.fullmatch(code_id):
        raise _not_valid()
    if not is_hex64(mac):
        raise bad_request("The enrollment proof (mac) must be 64 lowercase hex digits.")
    if not isinstance(csr_text, str) or len(csr_text) > 16_384:
        raise bad_request("The certificate request is missing or too large.")
    predecessor = (succession.parse_proof(body["predecessor"]) if "predecessor" in body
                   else None)
    signing_key = (signing_keys.parse_signing_key(body["signing_key"])
                   if "signing_key" in body else None)
    return EnrollRequest(code_id, csr_text, mac, predecessor, signing_key)


def enroll(db: Database, ca: CertificateAuthority, request: EnrollRequest) -> dict[str, Any]:
    """Check the code and the proof, then issue the device certificate, all or nothing.

    A predecessor proof is checked only once the code's MAC is right (so nobody without a
    code learns which certificates HQ knows); a refused proof stores nothing and leaves the
    code unused and its failure count alone: the MAC already showed the caller holds it.
    """
    try:
        csr = load_csr(request.csr_text)
    except CertificateRequestInvalid as exc:
        raise HQError(400, "csr_invalid", str(exc)) from exc
    refusal: HQError | None = None
    response: dict[str, Any] = {}
    with db.write() as conn:
        refusal = _check_code(conn, request, csr)
        if refusal is None:
            # A refused predecessor raises here, rolling the whole transaction back.
            response = _issue(conn, ca, request, csr)
    # Raised only after the commit, so a wrong MAC's failed-attempt count is kept.
    if refusal is not None:
        raise refusal
    return response


def _not_valid() -> HQError:
    """The one answer for every code refusal a caller without the secret can cause.

    An unknown code id, a wrong proof, and a wrong proof for a used, expired or cancelled code
    all read the same, so nobody without the secret learns whether a code exists, was used,
    how many attempts it has left or that it was burnt. The detail goes to HQ's log."""
    return HQError(403, "code_invalid", "This enrollment code is not valid. Check that it "
                   "was copied whole, or ask HQ for a new one.")


def _check_code(conn: Connection, request: EnrollRequest,
                csr: x509.CertificateSigningRequest) -> HQError | None:
    codes = schema.enrollment_codes
    row = conn.execute(select(codes).where(codes.c.code_id == request.code_id)
                       .with_for_update()).first()
    # The MAC is computed for unknown codes too, so both take the same time.
    key = bytes.fromhex(row.secret_hash) if row is not None else bytes(32)
    expected = hmac.new(key, csr_der(csr), hashlib.sha256).hexdigest()
    proven = hmac.compare_digest(expected, request.mac) and row is not None
    if row is None:
        log.warning("enrollment refused: unknown code id %s", request.code_id)
        return _not_valid()
    used = row.used_at is not None
    burnt = row.failed_attempts >= MAX_FAILED_ATTEMPTS
    expired = clock.parse(row.expires_at) <= clock.now()
    if not proven:
        if used or burnt or expired:
            state = "used" if used else "cancelled" if burnt else "expired"
            log.warning("enrollment refused: wrong proof for %s code %s", state, row.code_id)
            return _not_valid()
        failures = row.failed_attempts + 1
        conn.execute(update(codes).where(codes.c.code_id == request.code_id)
                     .values(failed_attempts=failures))
        log.warning("enrollment refused: wrong proof for code %s, failed attempt %d of %d%s",
                    row.code_id, failures, MAX_FAILED_ATTEMPTS,
                    "; the code is now cancelled" if failures >= MAX_FAILED_ATTEMPTS else "",
                    extra={"flood_key": (row.code_id, failures)})  # at most 5 per code: all shown
        return _not_valid()
    # The caller holds the secret: tell them what they need to do next.
    if used:
        return HQError(403, "code_used", "This enrollment code has already been used; "
                       "ask HQ for a new one.")
    if burnt:
        # HQ cancelling a code marks it the same way (`cancel_code`).
        return HQError(403, "code_burnt", "This enrollment code was cancelled at HQ or tried "
                       "wrongly too many times, and no longer works; ask HQ for a new one.")
    if expired:
        return HQError(403, "code_expired", "This enrollment code has expired; "
                       "ask HQ for a new one.")
    return None


def _issue(conn: Connection, ca: CertificateAuthority, request: EnrollRequest,
           csr: x509.CertificateSigningRequest) -> dict[str, Any]:
    codes = schema.enrollment_codes
    code_id = request.code_id
    row = conn.execute(select(codes.c.worker_id, codes.c.sync_url)
                       .where(codes.c.code_id == code_id)).one()
    old_state = None
    if request.predecessor is not None:
        old_id = succession.verify(conn, ca, request.predecessor, code_id, csr_der(csr))
        old_state = succession.take_over(conn, old_id, row.worker_id)
    device_id = str(uuid.uuid4())
    cert = ca.issue_device_cert(csr, device_id, row.worker_id)
    devices.register(conn, device_id, row.worker_id, cert)
    # An HQ-certified signing key; a laptop from before signed acknowledgments sends none.
    certified = {} if request.signing_key is None else signing_keys.certify(
        conn, ca, request.signing_key, code_id, csr_der(csr), device_id, row.worker_id)
    if old_state is not None:
        succession.inherit(conn, old_state, device_id)
    conn.execute(update(codes).where(codes.c.code_id == code_id)
                 .values(used_at=clock.iso(clock.now()), device_id=device_id))
    return {
        "device_id": device_id,
        "worker_id": row.worker_id,
        "certificate_pem": cert_pem(cert),
        "ca_pem": cert_pem(ca.cert),
        "sync_url": row.sync_url,
        **certified,
        **({"replaces": old_state.device_id} if old_state is not None else {}),
    }


@dataclass(frozen=True)
class CodeListing:
    """A code as HQ lists it: never its secret (HQ keeps only the secret's hash anyway)."""
    code_id: str
    worker_id: str
    created_at: str
    expires_at: str
    used_at: str | None
    device_id: str | None
    state: str  # used | cancelled | expired | unused

    @property
    def cancellable(self) -> bool:
        return self.state == "unused"


def _state(row: Any, now: str) -> str:
    if row.used_at is not None:
        return "used"
    if row.failed_attempts >= MAX_FAILED_ATTEMPTS:
        return "cancelled"  # by an administrator, or burnt by wrong attempts: dead either way
    return "expired" if row.expires_at <= now else "unused"


def list_codes(db: Database, limit: int = 500) -> list[CodeListing]:
    """The newest codes first."""
    codes = schema.enrollment_codes
    now = clock.iso(clock.now())
    with db.read() as conn:
        rows = conn.execute(select(codes).order_by(codes.c.created_at.desc(), codes.c.code_id)
                            .limit(limit)).all()
    return [CodeListing(r.code_id, r.worker_id, r.created_at, r.expires_at, r.used_at,
                        r.device_id, _state(r, now)) for r in rows]


def cancel_code(db: Database, code_id: str) -> CodeListing:
    """An unused code stops working now. It is marked the way too many wrong attempts mark
    it, so the enrollment check has one rule for a dead code."""
    codes = schema.enrollment_codes
    wanted = code_id.strip().upper()
    if not _CODE_ID.fullmatch(wanted):
        raise AdminError(f"{termsafe.safe(code_id)!r} is not an enrollment code id (16 letters "
                         "and digits, as `safeconf-hq codes list` shows).")
    now = clock.iso(clock.now())
    with db.write() as conn:
        row = conn.execute(select(codes).where(codes.c.code_id == wanted)
                           .with_for_update()).first()
        if row is None:
            raise AdminError(f"HQ has no enrollment code {wanted}; `safeconf-hq codes list` "
                             "lists them.")
        state = _state(row, now)
        if state != "unused":
            raise AdminError(f"Enrollment code {wanted} is already {state}; nothing to cancel.")
        conn.execute(update(codes).where(codes.c.code_id == wanted)
                     .values(failed_attempts=MAX_FAILED_ATTEMPTS))
        row = conn.execute(select(codes).where(codes.c.code_id == wanted)).one()
    return CodeListing(row.code_id, row.worker_id, row.created_at, row.expires_at,
                       row.used_at, row.device_id, _state(row, now))


def format_codes(rows: list[CodeListing]) -> str:
    if not rows:
        return "No enrollment codes issued yet."
    table = [("CODE ID", "WORKER", "ISSUED", "EXPIRES", "STATE")] + [
        (r.code_id, termsafe.safe(r.worker_id), clock.short(r.created_at),
         clock.short(r.expires_at), r.state + (f" by device {r.device_id}" if r.device_id
                                               else "")) for r in rows]
    widths = [max(len(r[i]) for r in table) for i in range(5)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                     for r in table)
