"""Re-enrollment with continuity at HQ: a new code plus a proof by the old certificate's key
lets a new device take over the old one's push sequence and audit chain; anything HQ cannot
confirm is refused with nothing stored and the code left unused."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from hq_harness import HQ, new_worker
from sqlalchemy import select
from test_hostile_input import audit_chain
from test_push_pull import conference, note

from safeconf.hq import schema
from safeconf.hq.pki.ca import CertificateAuthority, cert_pem
from safeconf.hq.pki.succession import proof_message
from safeconf.sync import Enrollment, EnrollmentError, OutboxItem, enroll, parse_bundle, tls
from safeconf.sync.enroll import Predecessor, new_key_and_csr, reenroll_message


def _csr_der(csr_pem: str) -> bytes:
    return x509.load_pem_x509_csr(csr_pem.encode()).public_bytes(serialization.Encoding.DER)


def _sign(key_pem: str, message: bytes) -> str:
    key = serialization.load_pem_private_key(key_pem.encode(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return base64.b64encode(key.sign(message, ec.ECDSA(hashes.SHA256()))).decode()


def _request(code: str, csr_pem: str, cert: str, signing_key_pem: str,
             signed_code_id: str | None = None) -> dict[str, Any]:
    bundle = parse_bundle(code)
    der = _csr_der(csr_pem)
    return {"protocol": 1, "code_id": bundle.code_id, "csr_pem": csr_pem,
            "mac": bundle.proof(der),
            "predecessor": {"certificate_pem": cert, "signature": _sign(
                signing_key_pem, proof_message(signed_code_id or bundle.code_id, der))}}


def _post(hq: HQ, body: object) -> httpx.Response:
    with httpx.Client(verify=tls.pinned_context(hq.data.ca_cert.read_text()),
                      trust_env=False) as http:
        return http.post(hq.enroll_url + "/v1/enroll", content=json.dumps(body).encode())


def _code_row(hq: HQ, code: str) -> Any:
    with hq.db.read() as conn:
        return conn.execute(select(schema.enrollment_codes).where(
            schema.enrollment_codes.c.code_id == parse_bundle(code).code_id)).one()


def _device(hq: HQ, device_id: str) -> Any:
    with hq.db.read() as conn:
        return conn.execute(select(schema.devices)
                            .where(schema.devices.c.device_id == device_id)).one()


def _seq(hq: HQ, device_id: str) -> tuple[int, int, str]:
    with hq.db.read() as conn:
        row = conn.execute(select(schema.device_seq)
                           .where(schema.device_seq.c.device_id == device_id)).one()
    return row.acked_seq, row.audit_seq, row.audit_hash


def _again(enrolled: Enrollment, code: str) -> Enrollment:
    return enroll(code, predecessor=Predecessor(enrolled.cert_pem, enrolled.key_pem))


def test_the_client_and_hq_sign_the_same_message() -> None:
    assert reenroll_message("A" * 16, b"csr") == proof_message("A" * 16, b"csr")


def test_the_new_device_continues_the_old_ones_sequence_and_audit_chain(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    old, old_client = shared_hq.device(worker)
    conf = conference(case_id)
    shared_hq.seat(worker, conf)
    first = OutboxItem.of(1, conf)
    second = OutboxItem.of(2, note(case_id, first.data["id"]))
    events = audit_chain(old.device_id, 3, writes={1: first, 3: second})
    old_client.push(str(uuid.uuid4()), [first], events[:2])
    inherited = _seq(shared_hq, old.device_id)

    new = _again(old, shared_hq.code(worker).uri)

    assert new.replaces == old.device_id and new.worker_id == worker
    assert _seq(shared_hq, new.device_id) == inherited
    assert (_device(shared_hq, old.device_id).status,
            _device(shared_hq, old.device_id).replaced_by) == ("replaced", new.device_id)
    client = shared_hq.client(new)
    # seq 1 again would be a retry; the next change is seq 2, the next audit event seq 3.
    result = client.push(str(uuid.uuid4()), [first, second], events)
    assert (result.acked_seq, result.audit_acked_seq, result.conflicts) == (2, 3, ())
    assert _device(shared_hq, new.device_id).chain_status == "ok"
    listing = shared_hq.cli("devices").stdout
    assert f"replaced by {new.device_id}" in listing
    assert f"(replaces {old.device_id})" in listing


def test_a_broken_chain_stays_broken_after_re_enrollment(shared_hq: HQ) -> None:
    worker = new_worker()
    old, old_client = shared_hq.device(worker)
    events = audit_chain(old.device_id, 2)
    events[1] = {**events[1], "action": "export"}  # altered after hashing
    old_client.push(str(uuid.uuid4()), [], events)
    new = _again(old, shared_hq.code(worker).uri)
    row = _device(shared_hq, new.device_id)
    assert (row.chain_status, row.chain_broken_seq) == ("broken", 2)


def _refused(hq: HQ, body: dict[str, Any], code: str, status: int = 403) -> None:
    devices_before = hq.count(schema.devices)
    answer = _post(hq, body)
    assert answer.status_code == status, answer.text
    assert answer.json()["error"] == code
    assert hq.count(schema.devices) == devices_before
    row = _code_row_by_id(hq, body["code_id"])
    assert row.used_at is None and row.failed_attempts == 0  # the code still works


def _code_row_by_id(hq: HQ, code_id: str) -> Any:
    with hq.db.read() as conn:
        return conn.execute(select(schema.enrollment_codes)
                            .where(schema.enrollment_codes.c.code_id == code_id)).one()


def test_a_proof_signed_by_another_key_is_refused_and_the_code_still_works(
    shared_hq: HQ,
) -> None:
    worker = new_worker()
    old = shared_hq.enroll(worker)
    code = shared_hq.code(worker).uri
    _key, csr = new_key_and_csr()
    stranger_key, _ = new_key_and_csr()
    _refused(shared_hq, _request(code, csr, old.cert_pem, stranger_key), "predecessor_unproven")
    assert _device(shared_hq, old.device_id).status == "active"
    assert enroll(code).worker_id == worker  # the same code still enrolls


def test_a_proof_made_for_another_code_is_refused(shared_hq: HQ) -> None:
    worker = new_worker()
    old = shared_hq.enroll(worker)
    code = shared_hq.code(worker).uri
    _key, csr = new_key_and_csr()
    _refused(shared_hq, _request(code, csr, old.cert_pem, old.key_pem,
                                 signed_code_id="A" * 16), "predecessor_unproven")


def test_a_certificate_from_another_ca_is_refused(shared_hq: HQ) -> None:
    worker = new_worker()
    old = shared_hq.enroll(worker)
    key_pem, csr = new_key_and_csr()
    impostor = CertificateAuthority.create("not HQ").issue_device_cert(
        x509.load_pem_x509_csr(csr.encode()), old.device_id, worker)
    _new_key, new_csr = new_key_and_csr()
    _refused(shared_hq, _request(shared_hq.code(worker).uri, new_csr, cert_pem(impostor),
                                 key_pem), "predecessor_unproven")
    assert _device(shared_hq, old.device_id).status == "active"


def test_an_hq_certificate_hq_never_registered_is_refused(shared_hq: HQ) -> None:
    worker = new_worker()
    old = shared_hq.enroll(worker)
    key_pem, csr = new_key_and_csr()
    stray = shared_hq.data.load_ca().issue_device_cert(
        x509.load_pem_x509_csr(csr.encode()), old.device_id, worker)
    _new_key, new_csr = new_key_and_csr()
    _refused(shared_hq, _request(shared_hq.code(worker).uri, new_csr, cert_pem(stray),
                                 key_pem), "predecessor_unproven")


def test_another_workers_certificate_is_refused(shared_hq: HQ) -> None:
    owner, other = new_worker(), new_worker()
    old = shared_hq.enroll(owner)
    _key, csr = new_key_and_csr()
    _refused(shared_hq, _request(shared_hq.code(other).uri, csr, old.cert_pem, old.key_pem),
             "predecessor_other_worker")
    assert _device(shared_hq, old.device_id).status == "active"


def test_a_wiped_device_is_never_taken_over(shared_hq: HQ) -> None:
    worker = new_worker()
    old = shared_hq.enroll(worker)
    shared_hq.cli("revoke", old.device_id, "--wipe")
    _key, csr = new_key_and_csr()
    _refused(shared_hq, _request(shared_hq.code(worker).uri, csr, old.cert_pem, old.key_pem),
             "predecessor_wiped")
    assert _device(shared_hq, old.device_id).status == "revoked"


def test_a_revoked_device_comes_back_only_through_a_new_code(shared_hq: HQ) -> None:
    worker = new_worker()
    old = shared_hq.enroll(worker)
    shared_hq.cli("revoke", old.device_id)
    new = _again(old, shared_hq.code(worker).uri)
    assert new.replaces == old.device_id
    assert _device(shared_hq, old.device_id).status == "replaced"
    # A replaced device stays replaced: revoking it would let it be taken over again.
    refused = shared_hq.cli("revoke", old.device_id, check=False)
    assert refused.returncode != 0 and new.device_id in refused.stderr


@pytest.mark.parametrize("proof", [
    "not an object", {"certificate_pem": "x"},
    {"certificate_pem": "not a pem", "signature": "AAAA"},
    {"certificate_pem": "x", "signature": "%%% not base64"},
    {"certificate_pem": "x", "signature": "AAAA", "device_id": "mine"},
])
def test_a_malformed_proof_is_a_400_with_nothing_stored(shared_hq: HQ, proof: Any) -> None:
    worker = new_worker()
    code = shared_hq.code(worker).uri
    _key, csr = new_key_and_csr()
    body = {**_request(code, csr, "x", new_key_and_csr()[0]), "predecessor": proof}
    _refused(shared_hq, body, "predecessor_invalid", status=400)


def test_a_wrong_mac_is_counted_before_the_proof_is_looked_at(shared_hq: HQ) -> None:
    worker = new_worker()
    old = shared_hq.enroll(worker)
    code = shared_hq.code(worker).uri
    _key, csr = new_key_and_csr()
    body = {**_request(code, csr, old.cert_pem, old.key_pem), "mac": "0" * 64}
    answer = _post(shared_hq, body)
    assert answer.status_code == 403 and answer.json()["error"] == "code_invalid"
    assert _code_row(shared_hq, code).failed_attempts == 1
    assert _device(shared_hq, old.device_id).status == "active"


def test_a_successor_never_used_can_be_replaced_when_the_answer_was_lost(
    shared_hq: HQ,
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    old, old_client = shared_hq.device(worker)
    old_client.push(str(uuid.uuid4()), [OutboxItem.of(1, conference(case_id))])
    lost = _again(old, shared_hq.code(worker).uri)  # the laptop never hears this answer
    retry = _again(old, shared_hq.code(worker).uri)
    assert retry.replaces == lost.device_id
    assert _device(shared_hq, lost.device_id).replaced_by == retry.device_id
    assert _seq(shared_hq, retry.device_id)[0] == 1
    # Once the successor has synced, the old enrollment cannot be taken up again.
    shared_hq.client(retry).pull(0)
    with pytest.raises(EnrollmentError) as refused:
        _again(old, shared_hq.code(worker).uri)
    assert refused.value.code == "predecessor_replaced"


def test_an_hq_from_schema_version_2_gains_the_re_enrollment_columns(make_hq: Any) -> None:
    hq = make_hq()
    with hq.db.write() as conn:
        conn.exec_driver_sql("ALTER TABLE devices DROP COLUMN replaced_by")
        conn.exec_driver_sql("ALTER TABLE devices DROP COLUMN replaces")
        conn.exec_driver_sql("UPDATE hq_meta SET value = '2' WHERE key = 'schema_version'")
    hq.cli("devices")
    with hq.db.read() as conn:
        assert conn.execute(select(schema.meta.c.value)
                            .where(schema.meta.c.key == "schema_version")).scalar_one() == "3"
        assert conn.execute(select(schema.devices.c.replaces)).all() == []
