"""The vault's signing key: one Ed25519 key per vault, made when first needed, kept only
inside the encrypted database (never exported, never in escrow, never sent), and the
certificates HQ's CA issued for signing keys (this vault's and other laptops')."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ed25519

from safeconf.domain import ack_signature
from safeconf.domain.ack_proof import (
    Certification,
    ProofInvalid,
    read_certificate,
    read_countersignature,
)
from safeconf.domain.ids import utc_now
from safeconf.domain.records import Acknowledgment
from safeconf.vault.database import Database


@dataclass(frozen=True)
class StoredCertificate:
    certificate_pem: str
    key_fingerprint: str
    countersignature: str | None


class SigningKey:
    def __init__(self, db: Database) -> None:
        self._db = db

    def ensure(self) -> bool:
        """Make the key if the vault has none (a new vault, or one from before signing);
        True when it was made now."""
        with self._db.transaction():
            if self._db.scalar("SELECT count(*) FROM signing_key"):
                return False
            key = ed25519.Ed25519PrivateKey.generate()
            self._db.execute(
                "INSERT INTO signing_key (id, private_key, public_key, created_at)"
                " VALUES (1, ?, ?, ?)",
                (key.private_bytes_raw(), key.public_key().public_bytes_raw(), utc_now()))
        return True

    def _private(self) -> ed25519.Ed25519PrivateKey:
        raw = self._db.scalar("SELECT private_key FROM signing_key WHERE id = 1")
        if raw is None:
            self.ensure()
            raw = self._db.scalar("SELECT private_key FROM signing_key WHERE id = 1")
        return ed25519.Ed25519PrivateKey.from_private_bytes(bytes(raw))

    def public_key(self) -> bytes:
        raw = self._db.scalar("SELECT public_key FROM signing_key WHERE id = 1")
        if raw is None:
            self.ensure()
            raw = self._db.scalar("SELECT public_key FROM signing_key WHERE id = 1")
        return bytes(raw)

    @property
    def fingerprint(self) -> str:
        return ack_signature.key_fingerprint(self.public_key())

    def sign(self, ack: Acknowledgment) -> Acknowledgment:
        return ack_signature.sign(ack, self._private())

    def prove(self, message: bytes) -> bytes:
        """A signature over `message`: at enrollment, proof that this vault holds the key."""
        return self._private().sign(message)

    # -- certificates from HQ ------------------------------------------------------------

    def add_certificate(self, certificate_pem: str, countersignature: str | None = None,
                        ) -> None:
        """Keep a signer certificate (checked against HQ's CA whenever it is used);
        `ValueError` if it is not an Ed25519 key's certificate at all."""
        try:
            key = x509.load_pem_x509_certificate(certificate_pem.encode("ascii")).public_key()
        except (ValueError, UnicodeEncodeError) as exc:
            raise ValueError("not a certificate") from exc
        if not isinstance(key, ed25519.Ed25519PublicKey):
            raise ValueError("not a signing key's certificate")
        key_fingerprint = ack_signature.key_fingerprint(key.public_bytes_raw())
        self._db.execute(
            "INSERT INTO signer_certificates (certificate_pem, key_fingerprint,"
            " countersignature, received_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (certificate_pem) DO UPDATE SET countersignature ="
            " coalesce(signer_certificates.countersignature, excluded.countersignature)",
            (certificate_pem, key_fingerprint, countersignature, utc_now()))

    def stored_certificates(self) -> list[StoredCertificate]:
        return [StoredCertificate(pem, fp, cs) for pem, fp, cs in self._db.rows(
            "SELECT certificate_pem, key_fingerprint, countersignature"
            " FROM signer_certificates ORDER BY received_at, key_fingerprint")]

    def certifications(self, ca_pem: str) -> list[Certification]:
        """The stored certificates that HQ's CA (`ca_pem`, pinned at enrollment) really
        issued, each with its counter-signed list where that holds too. A certificate that
        does not chain to the CA is left out, so what it vouches for does not verify."""
        found: list[Certification] = []
        for stored in self.stored_certificates():
            try:
                cert = read_certificate(stored.certificate_pem, ca_pem)
            except ProofInvalid:
                continue
            before = None
            if stored.countersignature is not None:
                try:
                    before = read_countersignature(stored.countersignature, ca_pem, cert)
                except ProofInvalid:
                    before = None
            found.append(Certification(cert.key_fingerprint, cert.device_id, cert.worker_id,
                                       cert.certified_at, before))
        return found
