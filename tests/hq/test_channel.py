"""The mutual-TLS channel: only HQ-issued, registered, unrevoked, unexpired certificates get in,
and identity comes from the certificate alone."""

from __future__ import annotations

import socket
import ssl
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from cryptography import x509
from hq_harness import HQ, new_worker
from sqlalchemy import select

from safeconf.domain.records import Conference
from safeconf.hq import schema
from safeconf.hq.pki.ca import CertificateAuthority, cert_pem
from safeconf.sync import (
    CertificateExpired,
    ClockSkew,
    DeviceNotAuthorised,
    DeviceRevoked,
    HQClient,
    OutboxItem,
    new_key_and_csr,
    tls,
)
from safeconf.sync.transport import diagnose_disconnect


def _csr() -> tuple[str, x509.CertificateSigningRequest]:
    key_pem, csr_pem = new_key_and_csr()
    return key_pem, x509.load_pem_x509_csr(csr_pem.encode())


def _conference(case_id: str) -> Conference:
    return Conference(case_id=case_id, scheduled_start="2026-03-01T10:00:00+00:00")


def test_a_request_without_a_client_certificate_is_refused(shared_hq: HQ) -> None:
    ca_pem = shared_hq.data.ca_cert.read_text()
    with httpx.Client(verify=tls.pinned_context(ca_pem), trust_env=False) as http, \
            pytest.raises(httpx.TransportError):
        http.get(shared_hq.sync_url + "/v1/status")
    # What the client library makes of that silent close: a sentence a caseworker can act on.
    failure = diagnose_disconnect(tls.pinned_context(ca_pem), shared_hq.sync_url, 10)
    assert isinstance(failure, DeviceNotAuthorised)
    assert "enroll it again" in str(failure)


def test_a_certificate_from_another_ca_is_refused(shared_hq: HQ) -> None:
    key_pem, csr = _csr()
    impostor = CertificateAuthority.create("not HQ").issue_device_cert(csr, "dev", "w")
    client = HQClient(shared_hq.sync_url, shared_hq.data.ca_cert.read_text(),
                      cert_pem(impostor), key_pem)
    with client, pytest.raises(DeviceNotAuthorised, match="does not accept"):
        client.status()


def test_an_hq_certificate_for_an_unregistered_device_is_refused(shared_hq: HQ) -> None:
    key_pem, csr = _csr()
    stray = shared_hq.data.load_ca().issue_device_cert(csr, str(uuid.uuid4()), "w")
    client = HQClient(shared_hq.sync_url, shared_hq.data.ca_cert.read_text(), cert_pem(stray),
                      key_pem)
    with client, pytest.raises(DeviceNotAuthorised, match="not enrolled"):
        client.status()


def test_an_expired_certificate_is_refused_by_tls(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    enrolled = shared_hq.enroll(worker)
    # Re-issue the enrolled device's key a certificate whose validity has ended.
    key_pem, csr = _csr()
    now = datetime.now(UTC)
    old = shared_hq.data.load_ca().issue_device_cert(
        csr, enrolled.device_id, worker, not_before=now - timedelta(days=91),
        not_after=now - timedelta(days=1))
    from safeconf.hq.pki.ca import fingerprint

    with shared_hq.db.write() as conn:  # registered, so only the expiry can refuse it
        conn.execute(schema.devices.update()
                     .where(schema.devices.c.device_id == enrolled.device_id)
                     .values(cert_fingerprint=fingerprint(old)))
    ca_pem = shared_hq.data.ca_cert.read_text()
    # The client notices by itself before connecting...
    with HQClient(shared_hq.sync_url, ca_pem, cert_pem(old), key_pem) as client, \
            pytest.raises(CertificateExpired, match="expired"):
        client.push(str(uuid.uuid4()), [OutboxItem.of(1, _conference(case_id))])
    # ...and with its clock set back, HQ's TLS refuses it all the same (HQ's close carries
    # no reason, and this laptop believes its certificate is still good).
    with HQClient(shared_hq.sync_url, ca_pem, cert_pem(old), key_pem,
                  clock=lambda: now - timedelta(days=5)) as client, \
            pytest.raises(DeviceNotAuthorised):
        client.push(str(uuid.uuid4()), [OutboxItem.of(1, _conference(case_id))])
    ctx = tls.client_context(ca_pem, cert_pem(old), key_pem)
    host, port = shared_hq.sync_url.removeprefix("https://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as raw, \
            ctx.wrap_socket(raw, server_hostname=host) as conn:
        conn.sendall(b"GET /v1/status HTTP/1.1\r\nHost: x\r\n\r\n")
        try:
            answer = conn.recv(100)
        except (ssl.SSLError, ConnectionResetError):
            answer = b""
    assert answer == b""
    assert shared_hq.count(schema.records, schema.records.c.case_id == case_id) == 1


def test_tls_1_2_is_refused(shared_hq: HQ) -> None:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(cadata=shared_hq.data.ca_cert.read_text())
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    host, port = shared_hq.enroll_url.removeprefix("https://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as raw, \
            pytest.raises(ssl.SSLError):
        ctx.wrap_socket(raw, server_hostname=host)


def test_a_revoked_device_is_refused_on_its_next_request(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    enrolled, laptop = shared_hq.device(worker)
    assert laptop.status().status == "active"
    shared_hq.cli("revoke", enrolled.device_id)
    with pytest.raises(DeviceRevoked) as revoked:
        laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, _conference(case_id))])
    assert revoked.value.wipe is False
    with pytest.raises(DeviceRevoked):
        laptop.pull(0)
    assert shared_hq.count(schema.records, schema.records.c.case_id == case_id) == 1


def test_wipe_tells_the_device_to_erase_and_stores_nothing_it_pushes(shared_hq: HQ) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    enrolled, laptop = shared_hq.device(worker)
    result = shared_hq.cli("revoke", enrolled.device_id, "--wipe")
    assert "wipe" in result.stdout
    with pytest.raises(DeviceRevoked, match="erased") as revoked:
        laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, _conference(case_id))])
    assert revoked.value.wipe is True
    with pytest.raises(DeviceRevoked) as revoked:
        laptop.status()
    assert revoked.value.wipe is True
    assert shared_hq.count(schema.records, schema.records.c.case_id == case_id) == 1
    assert shared_hq.count(schema.push_batches,
                           schema.push_batches.c.device_id == enrolled.device_id) == 0
    listing = shared_hq.cli("devices").stdout
    assert enrolled.device_id in listing and "revoked (wipe)" in listing


def test_status_reports_the_device_and_catches_clock_skew(shared_hq: HQ) -> None:
    worker = new_worker()
    enrolled, laptop = shared_hq.device(worker)
    status = laptop.status()
    assert (status.device_id, status.worker_id, status.wipe) == (enrolled.device_id, worker,
                                                                 False)
    assert status.not_after > datetime.now(UTC) + timedelta(days=89)
    skewed = shared_hq.client(enrolled, clock=lambda: datetime.now(UTC) + timedelta(minutes=9))
    with pytest.raises(ClockSkew, match="ahead") as skew:
        skewed.status()
    assert skew.value.skew_seconds < -300


def test_renewal_issues_a_new_certificate_and_retires_the_old_one(shared_hq: HQ) -> None:
    worker = new_worker()
    enrolled, laptop = shared_hq.device(worker)
    key_pem, csr_pem = new_key_and_csr()
    new_cert = laptop.renew(csr_pem)
    ca_pem = enrolled.ca_pem
    # Until the new certificate is used, the old one still works (a lost answer is harmless).
    assert laptop.status().device_id == enrolled.device_id
    renewed = HQClient(enrolled.sync_url, ca_pem, new_cert, key_pem)
    with renewed:
        assert renewed.status().device_id == enrolled.device_id
    fresh_old = HQClient(enrolled.sync_url, ca_pem, enrolled.cert_pem, enrolled.key_pem)
    with fresh_old, pytest.raises(DeviceNotAuthorised):
        fresh_old.status()
    with shared_hq.db.read() as conn:
        row = conn.execute(select(schema.devices)
                           .where(schema.devices.c.device_id == enrolled.device_id)).one()
    assert row.prev_fingerprint is None


def test_the_enrollment_listener_serves_nothing_of_the_sync_api(shared_hq: HQ) -> None:
    ca_pem = shared_hq.data.ca_cert.read_text()
    with httpx.Client(verify=tls.pinned_context(ca_pem), trust_env=False) as http:
        answer = http.get(shared_hq.enroll_url + "/v1/pull")
        assert answer.status_code == 404 and answer.json()["error"] == "not_found"
        assert http.post(shared_hq.enroll_url + "/v1/push", json={}).status_code == 404
