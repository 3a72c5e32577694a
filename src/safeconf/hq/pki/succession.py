"""Re-enrollment with continuity (HQ side): a laptop whose certificate expired, or that HQ
revoked without a wipe, enrolls again with a new code and proves it is the old device; the
new device then takes over the old one's push sequence and audit chain, and the old one is
marked `replaced`.

The proof is the old certificate plus a signature by the old private key over
`proof_message(code_id, csr DER)`. The certificate must be signed by this HQ's CA (expired is
fine: that is the point) and be the one HQ last registered for a device of the code's worker.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from sqlalchemy import Connection, Row, or_, select, update

from safeconf.hq import clock, schema
from safeconf.hq.errors import HQError
from safeconf.hq.pki.ca import CertificateAuthority, fingerprint

PROOF_CONTEXT = b"safeconf re-enroll v1"
MAX_CERT_PEM = 16_384
MAX_SIGNATURE_B64 = 512


def proof_message(code_id: str, csr_der: bytes) -> bytes:
    """What the old key signs: bound to this code and to the new key's CSR, so a proof can
    neither be replayed with another code nor moved to another key."""
    return b"\n".join((PROOF_CONTEXT, code_id.encode("ascii"),
                       hashlib.sha256(csr_der).hexdigest().encode("ascii")))


@dataclass(frozen=True)
class PredecessorProof:
    certificate_pem: str
    signature: bytes


def parse_proof(value: Any) -> PredecessorProof:
    if not isinstance(value, dict) or set(value) != {"certificate_pem", "signature"}:
        raise _invalid("The proof of the previous enrollment has exactly: certificate_pem, "
                       "signature.")
    cert_text, signature = value["certificate_pem"], value["signature"]
    if not isinstance(cert_text, str) or not 0 < len(cert_text) <= MAX_CERT_PEM:
        raise _invalid("The previous certificate is missing or too large.")
    if not isinstance(signature, str) or not 0 < len(signature) <= MAX_SIGNATURE_B64:
        raise _invalid("The previous key's signature is missing or too large.")
    try:
        raw = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _invalid("The previous key's signature is not base64.") from exc
    return PredecessorProof(cert_text, raw)


def _invalid(message: str) -> HQError:
    return HQError(400, "predecessor_invalid", message)


def _unproven() -> HQError:
    # One answer for "not our CA", "not a certificate we know" and "wrong key": the laptop
    # cannot fix any of them, and HQ does not say which devices exist.
    return HQError(403, "predecessor_unproven", "HQ could not confirm that this laptop was "
                   "enrolled before. Nothing was changed; tell IT.")


def verify(conn: Connection, ca: CertificateAuthority, proof: PredecessorProof, code_id: str,
           csr_der: bytes) -> str:
    """The id of the device the proof names, or HQError; reads only."""
    try:
        cert = x509.load_pem_x509_certificate(proof.certificate_pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise _invalid("The previous certificate is not a PEM certificate.") from exc
    try:
        cert.verify_directly_issued_by(ca.cert)  # signature and issuer; validity not checked
    except (ValueError, TypeError, InvalidSignature) as exc:
        raise _unproven() from exc
    d = schema.devices
    found = conn.execute(select(d.c.device_id).where(or_(
        d.c.cert_fingerprint == fingerprint(cert), d.c.prev_fingerprint == fingerprint(cert),
    ))).first()
    if found is None:
        raise _unproven()
    key = cert.public_key()
    message = proof_message(code_id, csr_der)
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(proof.signature, message, ec.ECDSA(hashes.SHA256()))
        elif isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(proof.signature, message)
        else:
            raise _unproven()
    except InvalidSignature as exc:
        raise _unproven() from exc
    return str(found.device_id)


def take_over(conn: Connection, predecessor_id: str, worker_id: str) -> Row[Any]:
    """Lock the device to be replaced and check it may be; returns its `device_seq` row.

    Locks `device_seq` before `devices`, the order a push takes them, so the two cannot
    deadlock on PostgreSQL; a push that waited for the lock re-checks the device's status.
    """
    ds = schema.device_seq
    row = _locked(conn, predecessor_id)
    if row.worker_id != worker_id:
        raise HQError(403, "predecessor_other_worker", "This enrollment code is for another "
                      "worker than the one this laptop was enrolled for. Nothing was changed; "
                      "ask HQ for a code in your name.")
    if row.status == "replaced" and row.replaced_by is not None:
        # The laptop enrolled again but never received HQ's answer, so it still holds the
        # old certificate: the successor it never used may be replaced in turn.
        successor = _locked(conn, row.replaced_by)
        if successor.status != "active" or successor.last_sync is not None or successor.wipe:
            raise HQError(403, "predecessor_replaced", "This laptop was already enrolled again; "
                          "its old enrollment cannot be used a second time. Tell IT.")
        row = successor
    if row.wipe:
        raise HQError(403, "predecessor_wiped", "HQ told this laptop to erase its data, so it "
                      "cannot take up its old enrollment. Tell IT.")
    return conn.execute(select(ds).where(ds.c.device_id == row.device_id)).one()


def _locked(conn: Connection, device_id: str) -> Row[Any]:
    d, ds = schema.devices, schema.device_seq
    conn.execute(select(ds.c.device_id).where(ds.c.device_id == device_id).with_for_update())
    return conn.execute(select(d).where(d.c.device_id == device_id).with_for_update()).one()


def inherit(conn: Connection, old_seq: Row[Any], new_device_id: str) -> None:
    """The new device continues the old one's outbox sequence and audit chain."""
    d, ds = schema.devices, schema.device_seq
    old_id = old_seq.device_id
    old = conn.execute(select(d.c.chain_status, d.c.chain_broken_seq, d.c.revoked_at)
                       .where(d.c.device_id == old_id)).one()
    conn.execute(update(ds).where(ds.c.device_id == new_device_id).values(
        acked_seq=old_seq.acked_seq, audit_seq=old_seq.audit_seq, audit_hash=old_seq.audit_hash))
    conn.execute(update(d).where(d.c.device_id == new_device_id).values(
        replaces=old_id, chain_status=old.chain_status, chain_broken_seq=old.chain_broken_seq))
    conn.execute(update(d).where(d.c.device_id == old_id).values(
        status="replaced", replaced_by=new_device_id,
        revoked_at=old.revoked_at or clock.iso(clock.now())))
