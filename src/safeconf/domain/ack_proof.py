"""Whether an acknowledgment is proven: its signature holds, its key is certified by HQ's CA
for a device (an X.509 certificate HQ issued at enrollment), and, if it was signed before
that certification, HQ counter-signed its digest then. The same judgment at HQ (push and
`safeconf-hq verify-acknowledgment`) and on the laptop (Conclude). Pure: no I/O."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import rfc8785
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from safeconf.domain.ack_signature import (
    digest,
    is_signed,
    key_fingerprint,
    short_fingerprint,
    signature_holds,
)
from safeconf.domain.errors import DomainError
from safeconf.domain.records import Acknowledgment
from safeconf.domain.statements import load_statement

SIGNER_ORGANIZATION = "safeconf acknowledgment signer"
DEVICE_URN = "urn:safeconf:device:"
WORKER_URN = "urn:safeconf:worker:"
COUNTERSIGNED_TYPE = "safeconf.acknowledgments-before-enrollment/1"
# Acknowledgments one laptop took before it enrolled: their digests fit HQ's 64 KiB limit
# on an enrollment request (a few a conference; weeks of offline work stay far below).
MAX_COUNTERSIGNED = 800
# The stored list: 67 characters a digest, with room for the statement around them.
MAX_COUNTERSIGNATURE_CHARS = 70 * MAX_COUNTERSIGNED + 4096


PROOF_CONTEXT = b"safeconf signing key v1"


def proof_message(code_id: str, csr_der: bytes) -> bytes:
    """What a vault's signing key signs at enrollment, so HQ certifies only a key the laptop
    holds: bound to the enrollment code and the TLS key's CSR."""
    return b"\n".join((PROOF_CONTEXT, code_id.encode("ascii"),
                       hashlib.sha256(csr_der).hexdigest().encode("ascii")))


class ProofInvalid(ValueError):
    """A certificate or counter-signature that does not come from HQ's CA as claimed."""


@dataclass(frozen=True)
class Certification:
    """HQ's CA certified `key_fingerprint` for a device and worker at `certified_at`;
    `before` holds the digests HQ counter-signed then (None when none is known)."""

    key_fingerprint: str
    device_id: str
    worker_id: str
    certified_at: str  # UTC ISO-8601, as the records write times
    before: frozenset[str] | None = None


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _ca_key(ca_pem: str) -> ec.EllipticCurvePublicKey:
    try:
        key = x509.load_pem_x509_certificate(ca_pem.encode("ascii")).public_key()
    except (ValueError, UnicodeEncodeError) as exc:
        raise ProofInvalid("HQ's CA certificate is damaged.") from exc
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise ProofInvalid("HQ's CA certificate has no EC key.")
    return key


def read_certificate(cert_pem: str, ca_pem: str) -> Certification:
    """The certification a signer certificate states, once it is shown to be signed by the
    CA in `ca_pem` for an Ed25519 key; `ProofInvalid` otherwise."""
    try:
        cert = x509.load_pem_x509_certificate(cert_pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError, AttributeError) as exc:
        raise ProofInvalid("The signer's certificate is damaged.") from exc
    ca_key = _ca_key(ca_pem)
    algorithm = cert.signature_hash_algorithm
    try:
        if not isinstance(algorithm, hashes.SHA256):
            raise InvalidSignature
        ca_key.verify(cert.signature, cert.tbs_certificate_bytes, ec.ECDSA(algorithm))
    except InvalidSignature as exc:
        raise ProofInvalid("The signer's certificate is not signed by HQ's CA.") from exc
    key = cert.public_key()
    if not isinstance(key, ed25519.Ed25519PublicKey):
        raise ProofInvalid("The signer's certificate is not for an Ed25519 signing key.")
    try:
        org = cert.subject.get_attributes_for_oid(x509.NameOID.ORGANIZATION_NAME)
        uris = cert.extensions.get_extension_for_class(
            x509.SubjectAlternativeName).value.get_values_for_type(
            x509.UniformResourceIdentifier)
    except x509.ExtensionNotFound as exc:
        raise ProofInvalid("The signer's certificate names no device.") from exc
    if not org or org[0].value != SIGNER_ORGANIZATION:
        raise ProofInvalid("The certificate is not an acknowledgment signer's certificate.")
    device = [u[len(DEVICE_URN):] for u in uris if u.startswith(DEVICE_URN)]
    worker = [u[len(WORKER_URN):] for u in uris if u.startswith(WORKER_URN)]
    if len(device) != 1 or len(worker) != 1:
        raise ProofInvalid("The signer's certificate names no device or worker.")
    return Certification(key_fingerprint(key.public_bytes_raw()), device[0], worker[0],
                         _iso(cert.not_valid_before_utc))


def countersigned_statement(cert: Certification, digests: Iterable[str]) -> bytes:
    """What HQ's CA signs at enrollment: "these acknowledgments existed when this device's
    key was certified"."""
    return rfc8785.dumps({
        "type": COUNTERSIGNED_TYPE, "device_id": cert.device_id, "worker_id": cert.worker_id,
        "key_fingerprint": cert.key_fingerprint, "certified_at": cert.certified_at,
        "digests": sorted(set(digests)),
    })


def countersignature_text(statement: bytes, signature: bytes) -> str:
    """The stored and sent form: the statement as signed and the signature (base64)."""
    return json.dumps({"statement": statement.decode("utf-8"),
                       "signature": base64.b64encode(signature).decode("ascii")})


def read_countersignature(text: str, ca_pem: str, cert: Certification) -> frozenset[str]:
    """The digests HQ counter-signed for `cert`, once the CA's signature over them holds and
    the statement names that same certification; `ProofInvalid` otherwise."""
    try:
        outer = json.loads(text)
        statement = outer["statement"].encode("utf-8")
        signature = base64.b64decode(outer["signature"], validate=True)
        body = json.loads(statement)
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error) as exc:
        raise ProofInvalid("The counter-signed list is damaged.") from exc
    try:
        _ca_key(ca_pem).verify(signature, statement, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as exc:
        raise ProofInvalid("The counter-signed list is not signed by HQ's CA.") from exc
    digests = body.get("digests") if isinstance(body, dict) else None
    if not isinstance(digests, list) or statement != countersigned_statement(cert, digests):
        raise ProofInvalid("The counter-signed list is for another enrollment.")
    return frozenset(digests)


# Why HQ keeps a pushed acknowledgment for review instead of storing it (hq/sync/ack_checks):
# one definition, so the laptop knows these refusals as its own to show (sync/engine.py).
SIGNATURE_INVALID = "ack_signature_invalid"
SIGNER_NOT_CERTIFIED = "ack_signer_not_certified"
NOT_LISTED = "ack_not_listed"
PUSH_REFUSALS = frozenset({SIGNATURE_INVALID, SIGNER_NOT_CERTIFIED, NOT_LISTED})


class AckStatus(StrEnum):
    VERIFIED = "verified"
    NOT_SIGNED = "not_signed"
    STATEMENT_DIFFERS = "statement_differs"
    SIGNATURE_MISMATCH = "signature_mismatch"
    WRONG_STATEMENT_SIGNED = "wrong_statement_signed"
    NOT_YET_CERTIFIED = "not_yet_certified"
    KEY_NOT_CERTIFIED = "key_not_certified"
    NOT_LISTED = "not_listed"


MESSAGES = {
    AckStatus.VERIFIED: "verified",
    AckStatus.NOT_SIGNED: "not signed (taken before signing existed)",
    AckStatus.STATEMENT_DIFFERS: "the statement SHA-256 differs from what was signed",
    AckStatus.SIGNATURE_MISMATCH: "the signature does not match the signed fields",
    AckStatus.WRONG_STATEMENT_SIGNED: "the statement SHA-256 that was signed is not that of "
                                      "the statement version named",
    AckStatus.NOT_YET_CERTIFIED: "signed by this laptop, whose key HQ certifies when it "
                                 "enrolls",
    AckStatus.KEY_NOT_CERTIFIED: "the key is not certified for any device",
    AckStatus.NOT_LISTED: "signed before enrollment and not in the counter-signed list",
}


@dataclass(frozen=True)
class AckVerdict:
    status: AckStatus
    fingerprint: str | None  # the signer key's, when signed
    certification: Certification | None = None

    @property
    def verified(self) -> bool:
        return self.status is AckStatus.VERIFIED

    @property
    def message(self) -> str:
        return MESSAGES[self.status]

    def describe(self) -> str:
        """One line for a person: "verified — key …, certified for device … (worker …) at
        …", or exactly what does not match."""
        cert = self.certification
        if self.verified and cert is not None:
            return (f"verified — signed with key {self.fingerprint}, certified for device "
                    f"{cert.device_id} (worker {cert.worker_id}) at {cert.certified_at}")
        return self.message


def judge(ack: Acknowledgment, certifications: Iterable[Certification],
          statement_sha256: str | None = None, own_fingerprint: str | None = None,
          ) -> AckVerdict:
    """The verdict on `ack`. `certifications`: those the caller has checked against HQ's CA
    (any keys; only the signer's count). `statement_sha256`: the SHA-256 of the statement
    text of that id, version and language, where known. `own_fingerprint`: this laptop's
    key, which is not yet certified before enrollment."""
    if not is_signed(ack):
        return AckVerdict(AckStatus.NOT_SIGNED, None)
    signer = key_fingerprint(ack.signer_key) if ack.signer_key is not None else None
    known = statement_sha256 is not None and statement_sha256 != ack.statement_sha256
    if not signature_holds(ack):
        status = AckStatus.STATEMENT_DIFFERS if known else AckStatus.SIGNATURE_MISMATCH
        return AckVerdict(status, signer)
    if known:
        return AckVerdict(AckStatus.WRONG_STATEMENT_SIGNED, signer)
    mine = sorted((c for c in certifications if c.key_fingerprint == signer),
                  key=lambda c: c.certified_at)
    if not mine:
        status = (AckStatus.NOT_YET_CERTIFIED if signer == own_fingerprint
                  else AckStatus.KEY_NOT_CERTIFIED)
        return AckVerdict(status, signer)
    first = mine[0]
    if ack.signed_at < first.certified_at and digest(ack) not in (first.before or ()):
        return AckVerdict(AckStatus.NOT_LISTED, signer, first)
    return AckVerdict(AckStatus.VERIFIED, signer, first)


def shipped_statement_sha256(ack: Acknowledgment) -> str | None:
    """The SHA-256 of the statement text the acknowledgment names (id, version, language) as
    shipped with safeconf, or None when that text is not installed here."""
    try:
        return load_statement(ack.statement_id, ack.statement_version, ack.language).sha256
    except (DomainError, ValueError):
        return None


def shown_fingerprint(ack: Acknowledgment) -> str:
    """The signer key's short fingerprint for a roster, or "" when unsigned."""
    return short_fingerprint(key_fingerprint(ack.signer_key)) if ack.signer_key else ""
