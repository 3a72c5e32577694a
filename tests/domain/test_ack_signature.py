"""The signed bytes of an acknowledgment and the judgment on them: every field a court
could ask about is covered, one changed byte anywhere is caught, and a certificate or a
counter-signed list is believed only when HQ's CA signed it."""

from __future__ import annotations

import dataclasses
import hashlib
import json

import pytest
import rfc8785
from cryptography.hazmat.primitives.asymmetric import ed25519

from safeconf.domain import ack_signature
from safeconf.domain.ack_proof import (
    AckStatus,
    Certification,
    ProofInvalid,
    countersignature_text,
    countersigned_statement,
    judge,
    read_certificate,
    read_countersignature,
)
from safeconf.domain.records import AckMethod, Acknowledgment, Language
from safeconf.domain.statements import current_statements
from safeconf.domain.validation import validate
from safeconf.hq.pki.ca import CertificateAuthority, cert_pem

PNG = b"\x89PNG\r\n\x1a\n" + b"drawn signature strokes"


@pytest.fixture(scope="module")
def ca() -> CertificateAuthority:
    return CertificateAuthority.create()


@pytest.fixture(scope="module")
def key() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.generate()


def unsigned(method: AckMethod = AckMethod.DRAWN_SIGNATURE) -> Acknowledgment:
    statement = current_statements()[Language.ENGLISH]
    return Acknowledgment(
        case_id="0190a7a0-0000-7000-8000-000000000001",
        conference_id="0190a7a0-0000-7000-8000-000000000002",
        attendee_id="0190a7a0-0000-7000-8000-000000000003", attendee_name="Dana Alder",
        statement_id=statement.id, statement_version=statement.version,
        statement_sha256=statement.sha256, language=statement.language, method=method,
        typed_name="Dana Alder" if method is AckMethod.TYPED_NAME else "",
        signature_png=PNG if method is AckMethod.DRAWN_SIGNATURE else None)


def certification(ca: CertificateAuthority, key: ed25519.Ed25519PrivateKey,
                  before: frozenset[str] = frozenset()) -> Certification:
    cert = ca.issue_signer_cert(key.public_key(), "dev-1", "w.alvarez")
    return dataclasses.replace(read_certificate(cert_pem(cert), cert_pem(ca.cert)),
                               before=before)


def test_a_signed_acknowledgment_verifies_with_its_certified_key(ca, key) -> None:
    certified = certification(ca, key)  # first: this acknowledgment is taken after enrolling
    ack = ack_signature.sign(unsigned(), key)
    validate(ack)
    verdict = judge(ack, [certified])
    assert verdict.status is AckStatus.VERIFIED and verdict.verified
    assert verdict.fingerprint == hashlib.sha256(key.public_key().public_bytes_raw()).hexdigest()
    assert verdict.describe().startswith("verified — signed with key " + verdict.fingerprint)
    assert "device dev-1 (worker w.alvarez)" in verdict.describe()


def test_the_signed_bytes_are_rfc8785_json_of_the_fixed_fields(key) -> None:
    ack = ack_signature.sign(unsigned(), key)
    signed = ack_signature.signed_bytes(ack, ack.signer_key)
    fields = json.loads(signed)
    assert signed == rfc8785.dumps(fields)
    assert fields["type"] == "safeconf.acknowledgment/1"
    assert fields["signature_png_sha256"] == hashlib.sha256(PNG).hexdigest()
    assert fields["signer_key_fingerprint"] == ack_signature.key_fingerprint(ack.signer_key)
    assert set(fields) == {
        "type", "acknowledgment_id", "case_id", "conference_id", "attendee_id",
        "attendee_name", "statement_id", "statement_version", "statement_sha256", "language",
        "method", "typed_name", "attested_by", "witness", "signed_at",
        "signature_png_sha256", "signer_key_fingerprint"}


def _one_byte_off(value: object) -> object:
    if isinstance(value, bytes):
        return value[:-1] + bytes([value[-1] ^ 0x01])
    if isinstance(value, int):
        return value + 1
    assert isinstance(value, str)
    last = value[-1]
    return value[:-1] + ("0" if last != "0" else "1")


ALTERED = ["id", "case_id", "conference_id", "attendee_id", "attendee_name",
           "statement_id", "statement_version", "signed_at", "typed_name", "attested_by",
           "witness", "signature_png", "signer_key", "signature"]


@pytest.mark.parametrize("field", ALTERED)
def test_one_altered_byte_in_any_field_breaks_verification(ca, key, field: str) -> None:
    ack = ack_signature.sign(dataclasses.replace(
        unsigned(), typed_name="Dana Alder", attested_by="m.lopez", witness="Sam Reyes"), key)
    altered = dataclasses.replace(ack, **{field: _one_byte_off(getattr(ack, field))})
    assert not ack_signature.signature_holds(altered)
    verdict = judge(altered, [certification(ca, key)])
    assert verdict.status is AckStatus.SIGNATURE_MISMATCH
    assert verdict.message == "the signature does not match the signed fields"


@pytest.mark.parametrize("field,value", [("language", Language.SPANISH),
                                         ("method", AckMethod.REFUSED)])
def test_changing_language_or_method_breaks_verification(ca, key, field, value) -> None:
    ack = ack_signature.sign(unsigned(AckMethod.TYPED_NAME), key)
    assert ack_signature.signature_holds(ack)
    assert not ack_signature.signature_holds(dataclasses.replace(ack, **{field: value}))


def test_an_altered_statement_digest_is_named(ca, key) -> None:
    ack = ack_signature.sign(unsigned(), key)
    shipped = ack.statement_sha256
    altered = dataclasses.replace(ack, statement_sha256=_one_byte_off(shipped))
    verdict = judge(altered, [certification(ca, key)], statement_sha256=shipped)
    assert verdict.status is AckStatus.STATEMENT_DIFFERS
    assert verdict.message == "the statement SHA-256 differs from what was signed"


def test_an_acknowledgment_from_before_signing_is_never_verified(ca, key) -> None:
    verdict = judge(unsigned(), [certification(ca, key)])
    assert verdict.status is AckStatus.NOT_SIGNED and not verdict.verified
    assert verdict.message == "not signed (taken before signing existed)"


def test_a_key_hq_never_certified_is_named(ca, key) -> None:
    other = ed25519.Ed25519PrivateKey.generate()
    ack = ack_signature.sign(unsigned(), other)
    assert judge(ack, [certification(ca, key)]).message == (
        "the key is not certified for any device")
    fingerprint = ack_signature.key_fingerprint(other.public_key().public_bytes_raw())
    assert judge(ack, [], own_fingerprint=fingerprint).status is AckStatus.NOT_YET_CERTIFIED


def test_a_certificate_from_another_ca_is_refused(ca, key) -> None:
    other_ca = CertificateAuthority.create()
    forged = other_ca.issue_signer_cert(key.public_key(), "dev-1", "w.alvarez")
    with pytest.raises(ProofInvalid, match="not signed by HQ's CA"):
        read_certificate(cert_pem(forged), cert_pem(ca.cert))


def test_a_device_tls_certificate_does_not_certify_a_signing_key(ca) -> None:
    with pytest.raises(ProofInvalid):
        read_certificate(cert_pem(ca.cert), cert_pem(ca.cert))


def test_before_enrollment_only_the_counter_signed_acknowledgments_verify(ca, key) -> None:
    early = ack_signature.sign(dataclasses.replace(
        unsigned(), signed_at="2026-01-01T09:00:00.000000+00:00"), key)
    backdated = ack_signature.sign(dataclasses.replace(
        unsigned(), id="0190a7a0-0000-7000-8000-0000000000ff",
        signed_at="2026-01-01T09:30:00.000000+00:00"), key)
    cert = certification(ca, key)
    statement = countersigned_statement(cert, [ack_signature.digest(early)])
    listed = read_countersignature(countersignature_text(statement, ca.countersign(statement)),
                                   cert_pem(ca.cert), cert)
    cert = dataclasses.replace(cert, before=listed)
    assert judge(early, [cert]).status is AckStatus.VERIFIED
    assert judge(backdated, [cert]).message == (
        "signed before enrollment and not in the counter-signed list")


def test_a_counter_signed_list_altered_or_for_another_enrollment_is_refused(ca, key) -> None:
    cert = certification(ca, key)
    statement = countersigned_statement(cert, ["a" * 64])
    text = countersignature_text(statement, ca.countersign(statement))
    with pytest.raises(ProofInvalid, match="not signed"):
        read_countersignature(text.replace("a" * 64, "b" * 64), cert_pem(ca.cert), cert)
    with pytest.raises(ProofInvalid, match="another enrollment"):
        read_countersignature(text, cert_pem(ca.cert),
                              dataclasses.replace(cert, device_id="dev-2"))


@pytest.mark.parametrize("field,value", [("signer_key", b"\x01" * 31),
                                         ("signature", b"\x01" * 65)])
def test_a_malformed_signature_or_key_is_refused_by_validation(key, field, value) -> None:
    ack = dataclasses.replace(ack_signature.sign(unsigned(), key), **{field: value})
    with pytest.raises(ValueError, match=f"acknowledgment.{field}"):
        validate(ack)


def test_a_signature_without_its_key_is_refused_by_validation(key) -> None:
    ack = dataclasses.replace(ack_signature.sign(unsigned(), key), signer_key=None)
    with pytest.raises(ValueError, match="come together"):
        validate(ack)


def test_the_short_fingerprint_is_four_groups_of_four() -> None:
    assert ack_signature.short_fingerprint("0123456789abcdef" + "0" * 48) == \
        "0123 4567 89ab cdef"
