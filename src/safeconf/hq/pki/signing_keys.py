"""Certifying a vault's acknowledgment-signing key at enrollment, and the certifications HQ
holds (safeconf.domain.ack_proof judges acknowledgments against them).

The enrollment request's `signing_key` member carries the vault's Ed25519 public key, the
key's signature over `proof_message(code_id, CSR DER)` (so nobody has HQ certify a key they
do not hold) and the digests of the acknowledgments it signed before enrolling, which HQ
counter-signs with the time ("these existed when this device enrolled").
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, replace
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519
from sqlalchemy import Connection, insert, select

from safeconf.domain.ack_proof import (
    MAX_COUNTERSIGNED,
    Certification,
    ProofInvalid,
    countersignature_text,
    countersigned_statement,
    proof_message,
    read_certificate,
    read_countersignature,
)
from safeconf.domain.ack_signature import key_fingerprint
from safeconf.hq import schema
from safeconf.hq.errors import HQError, bad_request
from safeconf.hq.pki.ca import CertificateAuthority, cert_pem
from safeconf.hq.validate import is_hex64


@dataclass(frozen=True)
class SigningKeyRequest:
    public_key: bytes
    proof: bytes
    digests: tuple[str, ...]


def _b64(value: Any, size: int, what: str) -> bytes:
    try:
        raw = base64.b64decode(value, validate=True) if isinstance(value, str) else b""
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != size:
        raise bad_request(f"signing_key.{what} must be base64 of {size} bytes.")
    return raw


def parse_signing_key(body: Any) -> SigningKeyRequest:
    if not isinstance(body, dict) or set(body) != {"public_key", "proof", "acknowledgments"}:
        raise bad_request("signing_key has exactly: public_key, proof, acknowledgments.")
    digests = body["acknowledgments"]
    if not isinstance(digests, list) or len(digests) > MAX_COUNTERSIGNED:
        raise bad_request(f"signing_key.acknowledgments must be a list of at most "
                          f"{MAX_COUNTERSIGNED:,} digests.")
    if not all(is_hex64(d) for d in digests):
        raise bad_request("signing_key.acknowledgments must hold SHA-256 digests "
                          "(64 lowercase hex digits).")
    return SigningKeyRequest(_b64(body["public_key"], 32, "public_key"),
                             _b64(body["proof"], 64, "proof"), tuple(digests))


def certify(conn: Connection, ca: CertificateAuthority, request: SigningKeyRequest,
            code_id: str, csr_der: bytes, device_id: str, worker_id: str) -> dict[str, str]:
    """Check the proof of possession, then certify the key for the device and counter-sign
    the list; stored in the enrollment's transaction. The answer's members for the laptop."""
    public = ed25519.Ed25519PublicKey.from_public_bytes(request.public_key)
    try:
        public.verify(request.proof, proof_message(code_id, csr_der))
    except InvalidSignature as exc:
        raise HQError(400, "signing_key_invalid", "The signing key's proof does not verify, "
                      "so HQ did not certify it.") from exc
    cert = ca.issue_signer_cert(public, device_id, worker_id)
    pem = cert_pem(cert)
    certified = read_certificate(pem, cert_pem(ca.cert))
    statement = countersigned_statement(certified, request.digests)
    countersignature = countersignature_text(statement, ca.countersign(statement))
    conn.execute(insert(schema.signing_certificates).values(
        key_fingerprint=key_fingerprint(request.public_key), device_id=device_id,
        worker_id=worker_id, certified_at=certified.certified_at, certificate_pem=pem,
        countersignature=countersignature,
    ))
    return {"signing_certificate_pem": pem, "countersignature": countersignature}


def certifications(conn: Connection, ca_pem: str, fingerprint: str,
                   devices: list[str] | None = None) -> list[Certification]:
    """HQ's certifications of one key that its CA really issued (a row altered in HQ's
    database is left out), oldest first; only for `devices` when given (the pushing device
    and the devices it took over from)."""
    sc = schema.signing_certificates
    query = select(sc).where(sc.c.key_fingerprint == fingerprint)
    if devices is not None:
        query = query.where(sc.c.device_id.in_(devices))
    found: list[Certification] = []
    for row in conn.execute(query.order_by(sc.c.certified_at, sc.c.id)).all():
        try:
            cert = read_certificate(row.certificate_pem, ca_pem)
            before = read_countersignature(row.countersignature, ca_pem, cert)
        except ProofInvalid:
            continue
        if cert.key_fingerprint == fingerprint and cert.device_id == row.device_id:
            found.append(replace(cert, before=before))
    return found
