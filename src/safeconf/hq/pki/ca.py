"""HQ's certificate authority: the CA itself, the server certificate and device certificates.

Keys are EC P-256. Device certificates name the device and the worker only in URI SANs
(`urn:safeconf:device:<id>`, `urn:safeconf:worker:<id>`) and are good for client auth only.
"""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from safeconf.domain.ack_proof import SIGNER_ORGANIZATION

CA_VALIDITY = timedelta(days=3650)
SERVER_VALIDITY = timedelta(days=825)
DEVICE_VALIDITY = timedelta(days=90)
# Certificates start a little in the past so a laptop whose clock runs slow still accepts them.
BACKDATE = timedelta(minutes=5)

DEVICE_URN = "urn:safeconf:device:"
WORKER_URN = "urn:safeconf:worker:"


class CertificateRequestInvalid(ValueError):
    """A CSR that HQ will not sign; the message says why."""


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the DER form, lowercase hex: how HQ names a certificate."""
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def fingerprint_der(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def cert_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def key_pem(key: ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


@dataclass(frozen=True)
class CertificateAuthority:
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    @classmethod
    def create(cls, name: str = "safeconf HQ CA") -> CertificateAuthority:
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        now = datetime.now(UTC)
        ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
        cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - BACKDATE)
            .not_valid_after(now + CA_VALIDITY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False, content_commitment=False, key_encipherment=False,
                    data_encipherment=False, key_agreement=False, key_cert_sign=True,
                    crl_sign=True, encipher_only=False, decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(ski, critical=False)
            .sign(key, hashes.SHA256())
        )
        return cls(cert, key)

    @classmethod
    def from_pem(cls, cert_text: bytes, key_text: bytes) -> CertificateAuthority:
        key = serialization.load_pem_private_key(key_text, password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("The CA key is not an EC key.")
        return cls(x509.load_pem_x509_certificate(cert_text), key)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.cert)

    def _builder(self, subject: x509.Name, public_key: object, not_before: datetime,
                 not_after: datetime) -> x509.CertificateBuilder:
        ca_ski = self.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        return (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(self.cert.subject)
            .public_key(public_key)  # type: ignore[arg-type]
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(min(not_after, self.cert.not_valid_after_utc))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
                critical=False,
            )
        )

    def issue_server_cert(
        self, hosts: list[str]
    ) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
        if not hosts:
            raise ValueError("The server certificate needs at least one host name.")
        key = ec.generate_private_key(ec.SECP256R1())
        names: list[x509.GeneralName] = []
        for host in hosts:
            try:
                names.append(x509.IPAddress(ipaddress.ip_address(host)))
            except ValueError:
                names.append(x509.DNSName(host))
        now = datetime.now(UTC)
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])])
        cert = (
            self._builder(subject, key.public_key(), now - BACKDATE, now + SERVER_VALIDITY)
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(_leaf_key_usage(), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        return cert, key

    def issue_device_cert(
        self,
        csr: x509.CertificateSigningRequest,
        device_id: str,
        worker_id: str,
        *,
        not_before: datetime | None = None,
        not_after: datetime | None = None,
    ) -> x509.Certificate:
        """Sign a checked CSR; whatever subject the device asked for is ignored."""
        now = datetime.now(UTC)
        start = not_before or now - BACKDATE
        end = not_after or now + DEVICE_VALIDITY
        subject = x509.Name([
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "safeconf device"),
            x509.NameAttribute(NameOID.COMMON_NAME, device_id),
        ])
        return (
            self._builder(subject, csr.public_key(), start, end)
            .add_extension(
                x509.SubjectAlternativeName([
                    x509.UniformResourceIdentifier(DEVICE_URN + device_id),
                    x509.UniformResourceIdentifier(WORKER_URN + worker_id),
                ]),
                critical=False,
            )
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .add_extension(_leaf_key_usage(), critical=True)
            .sign(self.key, hashes.SHA256())
        )


    def issue_signer_cert(self, public_key: ed25519.Ed25519PublicKey, device_id: str,
                          worker_id: str) -> x509.Certificate:
        """Certify a vault's acknowledgment-signing key for a device and worker. Valid as
        long as the CA (an acknowledgment must verify for years); good for signing only, not
        for TLS; `not_valid_before` is the moment of certification, not backdated, since
        acknowledgments signed before it must be in the counter-signed list."""
        now = datetime.now(UTC).replace(microsecond=0)
        subject = x509.Name([
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, SIGNER_ORGANIZATION),
            x509.NameAttribute(NameOID.COMMON_NAME, device_id),
        ])
        return (
            self._builder(subject, public_key, now, now + CA_VALIDITY)
            .add_extension(
                x509.SubjectAlternativeName([
                    x509.UniformResourceIdentifier(DEVICE_URN + device_id),
                    x509.UniformResourceIdentifier(WORKER_URN + worker_id),
                ]),
                critical=False,
            )
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(self.key, hashes.SHA256())
        )

    def countersign(self, statement: bytes) -> bytes:
        """HQ's signature over a statement it vouches for (ECDSA P-256, SHA-256)."""
        return self.key.sign(statement, ec.ECDSA(hashes.SHA256()))


def _leaf_key_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True, content_commitment=False, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
        encipher_only=False, decipher_only=False,
    )


def load_csr(csr_text: str) -> x509.CertificateSigningRequest:
    """Parse and check a device's CSR: a valid self-signature over an EC P-256 or Ed25519 key."""
    if not isinstance(csr_text, str) or len(csr_text) > 16_384:
        raise CertificateRequestInvalid("The certificate request is missing or too large.")
    try:
        csr = x509.load_pem_x509_csr(csr_text.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise CertificateRequestInvalid("The certificate request is not a PEM CSR.") from exc
    key = csr.public_key()
    if isinstance(key, ec.EllipticCurvePublicKey):
        if not isinstance(key.curve, ec.SECP256R1):
            raise CertificateRequestInvalid("Device keys must be EC P-256 or Ed25519.")
    elif not isinstance(key, ed25519.Ed25519PublicKey):
        raise CertificateRequestInvalid("Device keys must be EC P-256 or Ed25519.")
    try:
        valid = csr.is_signature_valid
    except (ValueError, InvalidSignature, TypeError):  # odd algorithms raise instead of False
        valid = False
    if not valid:
        raise CertificateRequestInvalid("The certificate request's signature does not verify.")
    return csr


def csr_der(csr: x509.CertificateSigningRequest) -> bytes:
    return csr.public_bytes(serialization.Encoding.DER)

