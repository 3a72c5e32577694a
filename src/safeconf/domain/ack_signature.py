"""What an acknowledgment's signature covers, and whether it holds: one definition of the
signed bytes (RFC 8785 canonical JSON of a fixed set of fields) used by the vault that signs,
HQ that checks a push, and the laptop's Conclude step. Pure: no I/O."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from safeconf.domain.records import Acknowledgment

SIGNED_TYPE = "safeconf.acknowledgment/1"
PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64


def key_fingerprint(public_key: bytes) -> str:
    """SHA-256 of the raw public key, lowercase hex: how a signing key is named."""
    return hashlib.sha256(public_key).hexdigest()


def short_fingerprint(fingerprint: str) -> str:
    """The first 16 hex digits in groups of 4 ("3f2a 9c01 …"), for rosters and screens."""
    head = fingerprint[:16]
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


def signed_fields(ack: Acknowledgment, fingerprint: str) -> dict[str, Any]:
    """The fields a signature covers. The drawing is covered by its SHA-256 (a refusal or a
    typed or verbal agreement has none: null)."""
    png = ack.signature_png
    return {
        "type": SIGNED_TYPE,
        "acknowledgment_id": ack.id,
        "case_id": ack.case_id,
        "conference_id": ack.conference_id,
        "attendee_id": ack.attendee_id,
        "attendee_name": ack.attendee_name,
        "statement_id": ack.statement_id,
        "statement_version": ack.statement_version,
        "statement_sha256": ack.statement_sha256,
        "language": ack.language.value,
        "method": ack.method.value,
        "typed_name": ack.typed_name,
        "attested_by": ack.attested_by,
        "witness": ack.witness,
        "signed_at": ack.signed_at,
        "signature_png_sha256": hashlib.sha256(png).hexdigest() if png else None,
        "signer_key_fingerprint": fingerprint,
    }


def signed_bytes(ack: Acknowledgment, public_key: bytes) -> bytes:
    """The exact bytes signed: RFC 8785 canonical JSON of `signed_fields`."""
    return rfc8785.dumps(signed_fields(ack, key_fingerprint(public_key)))


def sign(ack: Acknowledgment, key: ed25519.Ed25519PrivateKey) -> Acknowledgment:
    """`ack` with the signer's public key and its signature over the signed fields."""
    public = key.public_key().public_bytes_raw()
    return replace(ack, signer_key=public, signature=key.sign(signed_bytes(ack, public)))


def is_signed(ack: Acknowledgment) -> bool:
    return ack.signature is not None or ack.signer_key is not None


def signature_holds(ack: Acknowledgment) -> bool:
    """True when the acknowledgment carries a signature by its `signer_key` over exactly its
    own fields; False for an unsigned one or any change after signing."""
    if ack.signer_key is None or ack.signature is None:
        return False
    if len(ack.signer_key) != PUBLIC_KEY_BYTES or len(ack.signature) != SIGNATURE_BYTES:
        return False
    try:
        ed25519.Ed25519PublicKey.from_public_bytes(ack.signer_key).verify(
            ack.signature, signed_bytes(ack, ack.signer_key))
    except (InvalidSignature, ValueError):
        return False
    return True


def digest(ack: Acknowledgment) -> str:
    """SHA-256 of the signed bytes: what HQ counter-signs for acknowledgments taken before
    the laptop enrolled."""
    if ack.signer_key is None:
        raise ValueError("an unsigned acknowledgment has no signed bytes")
    return hashlib.sha256(signed_bytes(ack, ack.signer_key)).hexdigest()
