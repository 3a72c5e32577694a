"""Enrolling this laptop with HQ, from the bundle an administrator handed over.

1. `GET /v1/ca` on the enrollment listener. This one connection is not verified (the laptop
   does not know HQ's CA yet) and carries nothing secret; the CA it returns is used only if
   its SHA-256 matches the fingerprint in the bundle.
2. `POST /v1/enroll` on a new connection that trusts that CA alone, with a fresh key's CSR
   and HMAC(sha256(secret), CSR DER) as proof of the code.

Enrolling again (`predecessor`): the request also carries the old certificate and the old
key's signature over `reenroll_message(code_id, CSR DER)`, so HQ lets the new device continue
the old one's push sequence and audit chain.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import NameOID

from safeconf.domain.ack_proof import (
    MAX_COUNTERSIGNATURE_CHARS,
    ProofInvalid,
    proof_message,
    read_certificate,
    read_countersignature,
)
from safeconf.domain.ack_signature import key_fingerprint
from safeconf.sync import tls
from safeconf.sync.bundle import EnrollmentBundle, parse_bundle
from safeconf.sync.errors import (
    EnrollmentError,
    EscrowInvalid,
    ProtocolError,
    ServerNotTrusted,
)
from safeconf.sync.escrow import load_public_key
from safeconf.sync.transport import exchange, make_client, server_message

PROTOCOL = 1
DEFAULT_TIMEOUT = 30.0
REENROLL_CONTEXT = b"safeconf re-enroll v1"


@dataclass(frozen=True)
class Enrollment:
    """What the vault stores after enrolling: the key PEM is the device's secret."""

    device_id: str
    worker_id: str
    key_pem: str
    cert_pem: str
    ca_pem: str
    sync_url: str
    # HQ's X25519 recovery key for the escrow copy; None from an HQ that has none. It is
    # trusted because it came over the TLS connection pinned to HQ's CA.
    recovery_public_key_pem: str | None = None
    # On enrolling again: the HQ device whose push and audit state this one took over.
    replaces: str | None = None
    # HQ's certificate for the vault's acknowledgment-signing key, and its counter-signed
    # list of the acknowledgments signed before (None from an HQ without signing).
    signing_certificate_pem: str | None = None
    countersignature: str | None = None

    def __repr__(self) -> str:
        return (f"Enrollment(device_id={self.device_id!r}, worker_id={self.worker_id!r}, "
                f"sync_url={self.sync_url!r})")


def new_key_and_csr() -> tuple[str, str]:
    """A fresh EC P-256 key (PEM, unencrypted: the vault encrypts it) and a CSR for it.

    The subject is a placeholder: HQ names the device itself.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "safeconf device")]))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")
    return key_pem, csr.public_bytes(serialization.Encoding.PEM).decode("ascii")


def fetch_ca(bundle: EnrollmentBundle, timeout: float = DEFAULT_TIMEOUT) -> str:
    """HQ's CA certificate, accepted only if it matches the bundle's fingerprint."""
    with make_client(bundle.enroll_url, tls.unverified_context(), timeout) as http:
        status, answer = exchange(http, "GET", "/v1/ca")
    ca_pem = answer.get("ca_pem") if isinstance(answer, dict) else None
    if status != 200 or not isinstance(ca_pem, str) or len(ca_pem) > 16_384:
        raise ProtocolError("HQ's enrollment service did not send its certificate.")
    try:
        der = x509.load_pem_x509_certificate(ca_pem.encode("ascii")).public_bytes(
            serialization.Encoding.DER)
    except (ValueError, UnicodeEncodeError) as exc:
        raise ProtocolError("HQ's enrollment service sent a damaged certificate.") from exc
    if not hmac.compare_digest(hashlib.sha256(der).hexdigest(), bundle.ca_fingerprint):
        raise ServerNotTrusted("The server is not the HQ named in the enrollment code, so "
                               "nothing was sent. Tell your IT support.")
    return ca_pem


@dataclass(frozen=True)
class Predecessor:
    """The enrollment being continued: its certificate (expired is fine) and private key."""

    cert_pem: str
    key_pem: str

    def __repr__(self) -> str:
        return "Predecessor(...)"


def reenroll_message(code_id: str, csr_der: bytes) -> bytes:
    """What the old key signs: bound to the new code and the new key's CSR."""
    return b"\n".join((REENROLL_CONTEXT, code_id.encode("ascii"),
                       hashlib.sha256(csr_der).hexdigest().encode("ascii")))


def predecessor_proof(predecessor: Predecessor, code_id: str, csr_der: bytes) -> dict[str, str]:
    """The `predecessor` member of an enrollment request."""
    try:
        key = serialization.load_pem_private_key(predecessor.key_pem.encode("ascii"),
                                                 password=None)
    except (ValueError, TypeError, UnicodeEncodeError) as exc:
        raise EnrollmentError("This laptop's stored HQ key is damaged, so it cannot prove its "
                              "earlier enrollment. Tell IT.", "key_damaged") from exc
    message = reenroll_message(code_id, csr_der)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        signature = key.sign(message, ec.ECDSA(hashes.SHA256()))
    elif isinstance(key, ed25519.Ed25519PrivateKey):
        signature = key.sign(message)
    else:
        raise EnrollmentError("This laptop's stored HQ key is of an unknown kind. Tell IT.",
                              "key_damaged")
    return {"certificate_pem": predecessor.cert_pem,
            "signature": base64.b64encode(signature).decode("ascii")}


@dataclass(frozen=True)
class Signer:
    """The vault's signing key as enrollment needs it: the public key, a way to sign the
    proof of possession (the private key stays in the vault), and the digests of the
    acknowledgments it signed so far, for HQ to counter-sign."""

    public_key: bytes
    prove: Callable[[bytes], bytes]
    digests: tuple[str, ...]


def enroll(bundle_text: str | EnrollmentBundle, timeout: float = DEFAULT_TIMEOUT,
           predecessor: Predecessor | None = None, signer: Signer | None = None,
           ) -> Enrollment:
    """Enroll this laptop; raises `SyncError` subclasses with messages to show.

    With `predecessor`, HQ lets the new device take over that enrollment's state, or refuses.
    """
    bundle = parse_bundle(bundle_text) if isinstance(bundle_text, str) else bundle_text
    ca_pem = fetch_ca(bundle, timeout)
    key_pem, csr_pem = new_key_and_csr()
    csr_der = x509.load_pem_x509_csr(csr_pem.encode("ascii")).public_bytes(
        serialization.Encoding.DER)
    request: dict[str, Any] = {"protocol": PROTOCOL, "code_id": bundle.code_id,
                               "csr_pem": csr_pem, "mac": bundle.proof(csr_der)}
    if predecessor is not None:
        request["predecessor"] = predecessor_proof(predecessor, bundle.code_id, csr_der)
    if signer is not None:
        request["signing_key"] = {
            "public_key": base64.b64encode(signer.public_key).decode("ascii"),
            "proof": base64.b64encode(
                signer.prove(proof_message(bundle.code_id, csr_der))).decode("ascii"),
            "acknowledgments": list(signer.digests),
        }
    with make_client(bundle.enroll_url, tls.pinned_context(ca_pem), timeout) as http:
        status, answer = exchange(http, "POST", "/v1/enroll", request)
    if status != 200:
        _refused(status, answer)
    enrollment = _enrollment(answer, key_pem, ca_pem)
    if signer is not None:
        enrollment = _with_signing_certificate(enrollment, answer, signer)
    if predecessor is not None and enrollment.replaces is None:
        raise ProtocolError("HQ enrolled this laptop as a new device instead of continuing "
                            "its earlier enrollment. Tell IT.")
    return enrollment


def _refused(status: int, answer: Any) -> None:
    code = answer.get("error") if isinstance(answer, dict) else None
    code = code if isinstance(code, str) and len(code) <= 64 else "enrollment_failed"
    if status == 429:
        raise EnrollmentError(server_message(answer, "Too many attempts; wait a minute."), code)
    if status >= 500:
        raise EnrollmentError("HQ could not complete the enrollment; try again later.", code)
    raise EnrollmentError(server_message(answer, "HQ refused the enrollment code."), code)


def _enrollment(answer: Any, key_pem: str, ca_pem: str) -> Enrollment:
    fields = ("device_id", "worker_id", "certificate_pem", "ca_pem", "sync_url")
    if not isinstance(answer, dict) or not all(
        isinstance(answer.get(f), str) and 0 < len(answer[f]) <= 16_384 for f in fields
    ):
        raise ProtocolError("HQ's enrollment answer was not in the expected form.")
    if answer["ca_pem"].strip() != ca_pem.strip():
        raise ProtocolError("HQ's enrollment answer named a different certificate authority.")
    try:
        cert = x509.load_pem_x509_certificate(answer["certificate_pem"].encode("ascii"))
        key = serialization.load_pem_private_key(key_pem.encode("ascii"), password=None)
    except (ValueError, UnicodeEncodeError) as exc:
        raise ProtocolError("HQ sent a damaged certificate.") from exc
    if cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    ) != key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    ):
        raise ProtocolError("HQ's certificate is not for this laptop's key.")
    if not answer["sync_url"].startswith("https://"):
        raise ProtocolError("HQ's enrollment answer named a sync address that is not https.")
    replaces = answer.get("replaces")
    if replaces is not None and (not isinstance(replaces, str) or not 0 < len(replaces) <= 64):
        raise ProtocolError("HQ's enrollment answer named the earlier device wrongly.")
    return Enrollment(answer["device_id"], answer["worker_id"], key_pem,
                      answer["certificate_pem"], ca_pem, answer["sync_url"].rstrip("/"),
                      _recovery_key(answer.get("recovery_public_key_pem")), replaces)


def _with_signing_certificate(enrollment: Enrollment, answer: dict[str, Any],
                              signer: Signer) -> Enrollment:
    """Check HQ's certificate for the signing key (its CA, this key, this device) and the
    counter-signed list (exactly the digests sent) before the vault keeps them."""
    pem, listed = answer.get("signing_certificate_pem"), answer.get("countersignature")
    if not isinstance(pem, str) or not isinstance(listed, str) or len(pem) > 16_384 \
            or len(listed) > MAX_COUNTERSIGNATURE_CHARS:
        raise ProtocolError("HQ did not certify this laptop's signing key. Tell IT.")
    try:
        cert = read_certificate(pem, enrollment.ca_pem)
        digests = read_countersignature(listed, enrollment.ca_pem, cert)
    except ProofInvalid as exc:
        raise ProtocolError(f"HQ's certificate for the signing key is not valid: {exc}") \
            from exc
    if cert.key_fingerprint != key_fingerprint(signer.public_key) \
            or cert.device_id != enrollment.device_id or digests != set(signer.digests):
        raise ProtocolError("HQ's certificate for the signing key is not for this laptop's "
                            "key and acknowledgments. Tell IT.")
    return replace(enrollment, signing_certificate_pem=pem, countersignature=listed)


def _recovery_key(pem: Any) -> str | None:
    if pem is None:
        return None
    if not isinstance(pem, str) or len(pem) > 1024:
        raise ProtocolError("HQ's enrollment answer had a damaged recovery key.")
    try:
        load_public_key(pem)
    except EscrowInvalid as exc:
        raise ProtocolError("HQ's enrollment answer had a damaged recovery key.") from exc
    return pem
