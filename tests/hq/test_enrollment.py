"""Enrollment: one-time codes, the MAC proof, CA pinning, and the certificate HQ issues."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import stat
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from hq_harness import HQ, new_worker
from sqlalchemy import select

from safeconf.hq import schema
from safeconf.hq.pki import enrollment
from safeconf.sync import (
    EnrollmentError,
    HQClient,
    InvalidBundle,
    ServerNotTrusted,
    enroll,
    parse_bundle,
    tls,
)


def _post_enroll(hq: HQ, body: object) -> httpx.Response:
    ca_pem = hq.data.ca_cert.read_text()
    with httpx.Client(verify=tls.pinned_context(ca_pem), trust_env=False) as http:
        return http.post(hq.enroll_url + "/v1/enroll", content=json.dumps(body).encode())


def _csr(key: object = None, common_name: str = "please make me admin") -> tuple[object, str]:
    key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    algorithm = None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    csr = (x509.CertificateSigningRequestBuilder()
           .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
           .sign(key, algorithm))  # type: ignore[arg-type]
    return key, csr.public_bytes(serialization.Encoding.PEM).decode()


def _request(code: str, csr_pem: str, mac: str | None = None) -> dict[str, object]:
    bundle = parse_bundle(code)
    der = x509.load_pem_x509_csr(csr_pem.encode()).public_bytes(serialization.Encoding.DER)
    return {"protocol": 1, "code_id": bundle.code_id, "csr_pem": csr_pem,
            "mac": mac or bundle.proof(der)}


def test_the_enroll_command_prints_one_uri_and_writes_a_private_qr(shared_hq: HQ,
                                                                   tmp_path: Path) -> None:
    worker = new_worker()
    qr = tmp_path / "code.png"
    result = shared_hq.cli("enroll", "--worker", worker, "--url", shared_hq.sync_url,
                           "--enroll-url", shared_hq.enroll_url, "--qr", str(qr))
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    bundle = parse_bundle(lines[0])
    assert bundle.sync_url == shared_hq.sync_url
    assert bundle.ca_fingerprint == shared_hq.data.load_ca().fingerprint
    assert len(bundle.secret) * 5 >= 128
    assert str(qr) in result.stderr
    assert qr.read_bytes().startswith(b"\x89PNG")
    assert stat.S_IMODE(qr.stat().st_mode) == 0o600
    with shared_hq.db.read() as conn:
        row = conn.execute(select(schema.enrollment_codes)
                           .where(schema.enrollment_codes.c.code_id == bundle.code_id)).one()
    # HQ keeps only the hash of the secret.
    assert row.secret_hash == hashlib.sha256(bundle.secret.encode()).hexdigest()
    assert bundle.secret not in json.dumps([str(v) for v in row])
    enrolled = enroll(lines[0])
    assert enrolled.worker_id == worker


def test_the_issued_certificate_names_device_and_worker_for_client_auth_only(
        shared_hq: HQ) -> None:
    worker = new_worker()
    enrolled = shared_hq.enroll(worker)
    cert = x509.load_pem_x509_certificate(enrolled.cert_pem.encode())
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.UniformResourceIdentifier) == [
        f"urn:safeconf:device:{enrolled.device_id}", f"urn:safeconf:worker:{worker}"]
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.CLIENT_AUTH]
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    lifetime = cert.not_valid_after_utc - datetime.now(UTC)
    assert timedelta(days=89) < lifetime <= timedelta(days=90)
    with shared_hq.db.read() as conn:
        row = conn.execute(select(schema.devices)
                           .where(schema.devices.c.device_id == enrolled.device_id)).one()
    assert (row.worker_id, row.status, row.cert_serial) == (worker, "active",
                                                           format(cert.serial_number, "x"))


def test_hq_ignores_the_subject_the_device_asks_for_and_accepts_ed25519(shared_hq: HQ) -> None:
    code = shared_hq.code(new_worker()).uri
    _, csr_pem = _csr(ed25519.Ed25519PrivateKey.generate(), "CN=HQ Admin")
    answer = _post_enroll(shared_hq, _request(code, csr_pem))
    assert answer.status_code == 200, answer.text
    cert = x509.load_pem_x509_certificate(answer.json()["certificate_pem"].encode())
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == \
        answer.json()["device_id"]


def test_an_rsa_key_is_refused_and_the_code_stays_usable(shared_hq: HQ) -> None:
    issued = shared_hq.code(new_worker())
    _, csr_pem = _csr()
    answer = _post_enroll(shared_hq, _request(issued.uri, csr_pem))
    assert answer.status_code == 400 and answer.json()["error"] == "csr_invalid"
    assert enroll(issued.uri).worker_id == issued.worker_id


def test_a_used_code_is_refused(shared_hq: HQ) -> None:
    uri = shared_hq.code(new_worker()).uri
    enroll(uri)
    before = shared_hq.count(schema.devices)
    with pytest.raises(EnrollmentError, match="already been used") as refused:
        enroll(uri)
    assert refused.value.code == "code_used"
    assert shared_hq.count(schema.devices) == before


def test_an_expired_code_is_refused(shared_hq: HQ) -> None:
    issued = shared_hq.code(new_worker())
    with shared_hq.db.write() as conn:
        conn.execute(schema.enrollment_codes.update()
                     .where(schema.enrollment_codes.c.code_id == issued.code_id)
                     .values(expires_at=(datetime.now(UTC) - timedelta(seconds=1)).isoformat()))
    with pytest.raises(EnrollmentError, match="expired"):
        enroll(issued.uri)
    assert shared_hq.count(schema.devices, schema.devices.c.worker_id == issued.worker_id) == 0


def test_a_wrong_mac_is_refused_and_counted(shared_hq: HQ) -> None:
    issued = shared_hq.code(new_worker())
    _, csr_pem = _csr(ed25519.Ed25519PrivateKey.generate())
    answer = _post_enroll(shared_hq, _request(issued.uri, csr_pem, mac="0" * 64))
    assert answer.status_code == 403
    assert answer.json()["error"] == "code_invalid"
    assert not re.search(r"\d", answer.json()["message"]), "no attempt count for strangers"
    # A MAC made with the secret but over another CSR is just as wrong.
    _, other_csr = _csr(ed25519.Ed25519PrivateKey.generate())
    stolen_mac = _request(issued.uri, other_csr)["mac"]
    answer = _post_enroll(shared_hq, _request(issued.uri, csr_pem, mac=str(stolen_mac)))
    assert answer.status_code == 403
    with shared_hq.db.read() as conn:
        failures = conn.execute(select(schema.enrollment_codes.c.failed_attempts)
                                .where(schema.enrollment_codes.c.code_id == issued.code_id)
                                ).scalar_one()
    assert failures == 2
    assert shared_hq.count(schema.devices, schema.devices.c.worker_id == issued.worker_id) == 0


def test_too_many_wrong_attempts_burn_the_code(shared_hq: HQ) -> None:
    issued = shared_hq.code(new_worker())
    _, csr_pem = _csr(ed25519.Ed25519PrivateKey.generate())
    for _ in range(enrollment.MAX_FAILED_ATTEMPTS):
        assert _post_enroll(shared_hq, _request(issued.uri, csr_pem, "f" * 64)).status_code == 403
    with pytest.raises(EnrollmentError, match="too many") as refused:
        enroll(issued.uri)  # even the right secret no longer works
    assert refused.value.code == "code_burnt"
    assert shared_hq.count(schema.devices, schema.devices.c.worker_id == issued.worker_id) == 0


def test_an_unknown_code_is_refused(shared_hq: HQ) -> None:
    uri = shared_hq.code(new_worker()).uri
    forged = re.sub(r"code=[A-Z2-7]{16}", "code=AAAAAAAAAAAAAAAA", uri)
    with pytest.raises(EnrollmentError, match="not valid"):
        enroll(forged)


def test_a_server_whose_ca_does_not_match_the_bundle_is_not_trusted(shared_hq: HQ) -> None:
    uri = shared_hq.code(new_worker()).uri
    wrong = re.sub(r"ca=[0-9a-f]{64}", "ca=" + "ab" * 32, uri)
    with pytest.raises(ServerNotTrusted):
        enroll(wrong)
    assert shared_hq.count(schema.enrollment_codes,
                           schema.enrollment_codes.c.used_at.is_not(None),
                           schema.enrollment_codes.c.code_id == parse_bundle(uri).code_id) == 0


def test_enrollment_is_rate_limited_per_source_address(make_hq: Callable[[], HQ]) -> None:
    hq = make_hq()
    hq.serve("--enroll-rate-limit", str(enrollment.RATE_LIMIT))
    codes = [_post_enroll(hq, {"protocol": 1, "code_id": "A" * 16, "csr_pem": "x",
                                      "mac": "0" * 64}).status_code == 429
             for _ in range(enrollment.RATE_LIMIT + 2)]
    assert codes[:enrollment.RATE_LIMIT] == [False] * enrollment.RATE_LIMIT
    assert codes[-1] is True
    with pytest.raises(EnrollmentError, match="Too many"):
        enroll(hq.code(new_worker()).uri)


@pytest.mark.parametrize("text,problem", [
    ("", "not a safeconf enrollment code"),
    ("https://hq.example/enroll", "not a safeconf enrollment code"),
    ("safeconf:enroll?sync=https://a:1&enroll=https://a:2&ca=" + "0" * 64, "missing code"),
    ("safeconf:enroll?sync=http://a:1&enroll=https://a:2&ca=" + "0" * 64
     + "&code=AAAAAAAAAAAAAAAA." + "B" * 32, "not https"),
    ("safeconf:enroll?sync=https://a:1&enroll=https://a:2&ca=xyz&code=AAAAAAAAAAAAAAAA."
     + "B" * 32, "fingerprint is damaged"),
    ("safeconf:enroll?sync=https://a:1&enroll=https://a:2&ca=" + "0" * 64 + "&code=short",
     "one-time code"),
    ("safeconf:enroll?sync=https://a:1&sync=https://b:1&enroll=https://a:2&ca=" + "0" * 64
     + "&code=AAAAAAAAAAAAAAAA." + "B" * 32, "damaged"),
])
def test_malformed_bundles_get_clear_messages(text: str, problem: str) -> None:
    with pytest.raises(InvalidBundle, match=problem):
        parse_bundle(text)


def test_a_bundle_keeps_its_secret_out_of_its_repr() -> None:
    bundle = parse_bundle("safeconf:enroll?sync=https://a:1&enroll=https://a:2&ca="
                          + "0" * 64 + "&code=AAAAAAAAAAAAAAAA." + "B" * 32)
    assert "B" * 32 not in repr(bundle)
    assert bundle.proof(b"x") == hmac.new(hashlib.sha256(b"B" * 32).digest(), b"x",
                                          hashlib.sha256).hexdigest()


def test_an_enrolled_device_can_sync_right_away(shared_hq: HQ) -> None:
    enrolled = shared_hq.enroll(new_worker())
    with HQClient(enrolled.sync_url, enrolled.ca_pem, enrolled.cert_pem,
                  enrolled.key_pem) as client:
        assert client.status().device_id == enrolled.device_id
    assert enrolled.key_pem not in repr(enrolled)


def _code_state(hq: HQ, code_id: str) -> tuple[object, ...]:
    c = schema.enrollment_codes
    with hq.db.read() as conn:
        return tuple(conn.execute(select(c.c.used_at, c.c.failed_attempts, c.c.device_id)
                                  .where(c.c.code_id == code_id)).one())


def test_without_the_secret_every_code_state_gets_the_same_answer(shared_hq: HQ) -> None:
    """Unknown, live, used, expired and burnt codes read alike to a caller without the
    secret: no attempts left, no "already used", no "cancelled"."""
    _, csr_pem = _csr(ed25519.Ed25519PrivateKey.generate())
    live = shared_hq.code(new_worker())
    used = shared_hq.code(new_worker())
    enroll(used.uri)
    expired = shared_hq.code(new_worker())
    with shared_hq.db.write() as conn:
        conn.execute(schema.enrollment_codes.update()
                     .where(schema.enrollment_codes.c.code_id == expired.code_id)
                     .values(expires_at=(datetime.now(UTC) - timedelta(seconds=1)).isoformat()))
    burnt = shared_hq.code(new_worker())
    for _ in range(enrollment.MAX_FAILED_ATTEMPTS):
        _post_enroll(shared_hq, _request(burnt.uri, csr_pem, "e" * 64))
    unknown = re.sub(r"code=[A-Z2-7]{16}", "code=AAAAAAAAAAAAAAAA", live.uri)
    before = {i.code_id: _code_state(shared_hq, i.code_id) for i in (used, expired, burnt)}
    answers = set()
    for uri in (unknown, live.uri, used.uri, expired.uri, burnt.uri):
        answer = _post_enroll(shared_hq, _request(uri, csr_pem, "d" * 64))
        answers.add((answer.status_code, answer.text))
    assert len(answers) == 1, answers
    ((status, text),) = answers
    assert status == 403 and json.loads(text)["error"] == "code_invalid"
    assert not re.search(r"\d", json.loads(text)["message"])
    # A wrong proof for a dead code changes nothing; for a live one it is counted.
    assert {i.code_id: _code_state(shared_hq, i.code_id)
            for i in (used, expired, burnt)} == before
    assert _code_state(shared_hq, live.code_id)[1] == 1
    # The operator still sees what happened, in HQ's log.
    assert shared_hq.server is not None
    log_text = shared_hq.server.log.read_text()
    assert f"wrong proof for code {live.code_id}, failed attempt 1 of 5" in log_text
    assert f"wrong proof for used code {used.code_id}" in log_text
    assert "failed attempt 5 of 5; the code is now cancelled" in log_text
    # The holder of the secret is told the state, so they know to ask for a new code.
    with pytest.raises(EnrollmentError, match="already been used"):
        enroll(used.uri)
