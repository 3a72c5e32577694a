"""A certificate's end holds on every request: a kept-alive connection or a resumed TLS
session does not let a laptop go on past it (OpenSSL checks validity only at a full
handshake)."""

from __future__ import annotations

import ssl
import time
from datetime import UTC, datetime, timedelta

import pytest
import rawhttp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID
from hq_harness import HQ, new_worker
from sqlalchemy import update

from safeconf.hq import schema
from safeconf.hq.pki import peercert
from safeconf.hq.pki.ca import cert_pem, fingerprint
from safeconf.sync import CertificateExpired, Enrollment

LIFETIME_S = 4.0


def _short_lived(hq: HQ, device: Enrollment, start: datetime, end: datetime) -> str:
    """A certificate for the device's own key with the given validity, made current at HQ
    (as a renewal would)."""
    key = serialization.load_pem_private_key(device.key_pem.encode(), password=None)
    csr = (x509.CertificateSigningRequestBuilder()
           .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "x")]))
           .sign(key, hashes.SHA256()))  # type: ignore[arg-type]
    cert = hq.data.load_ca().issue_device_cert(csr, device.device_id, device.worker_id,
                                                not_before=start, not_after=end)
    d = schema.devices
    with hq.db.write() as conn:
        conn.execute(update(d).where(d.c.device_id == device.device_id).values(
            cert_fingerprint=fingerprint(cert), prev_fingerprint=None,
            not_after=end.isoformat(timespec="microseconds")))
    return cert_pem(cert)


def _wait_until(moment: datetime) -> None:
    delay = (moment - datetime.now(UTC)).total_seconds()
    assert delay < 30
    if delay > 0:
        time.sleep(delay)


def test_a_certificate_that_expires_on_an_open_connection_is_refused_on_its_next_request(
        shared_hq: HQ) -> None:
    device = shared_hq.enroll(new_worker())
    end = datetime.now(UTC) + timedelta(seconds=LIFETIME_S)
    pem = _short_lived(shared_hq, device, datetime.now(UTC) - timedelta(minutes=1), end)
    ctx = rawhttp.device_context(device.ca_pem, pem, device.key_pem)
    with rawhttp.connect(shared_hq.sync_url, ctx) as sock:
        status, answer = rawhttp.request(sock, "GET", "/v1/status")
        assert status == 200, answer
        session = sock.session
        _wait_until(end + timedelta(milliseconds=300))
        # Same TCP connection, same TLS session: only the application can notice.
        status, answer = rawhttp.request(sock, "GET", "/v1/status")
    assert status == 401 and answer["error"] == "certificate_expired", answer
    assert "expired" in answer["message"]

    # A TLS 1.3 session resumed from HQ's ticket skips certificate checks as well.
    assert session is not None
    with rawhttp.connect(shared_hq.sync_url, ctx, session=session) as resumed:
        status, answer = rawhttp.request(resumed, "GET", "/v1/status")
        assert resumed.session_reused, "the test meant to resume the TLS session"
    assert status == 401 and answer["error"] == "certificate_expired", answer

    # Renewal is refused too: an expired certificate must enroll again.
    with rawhttp.connect(shared_hq.sync_url, ctx, session=session) as resumed:
        status, answer = rawhttp.request(resumed, "POST", "/v1/renew",
                                         b'{"protocol": 1, "csr_pem": "x"}')
    assert status == 401 and answer["error"] == "certificate_expired", answer

    # A full handshake is refused by TLS itself, as before.
    with (pytest.raises((ssl.SSLError, ConnectionError)),
          rawhttp.connect(shared_hq.sync_url, ctx) as fresh):
        rawhttp.request(fresh, "GET", "/v1/status")


def test_a_certificate_outside_its_validity_is_refused_with_its_own_code(
        shared_hq: HQ) -> None:
    device = shared_hq.enroll(new_worker())
    start = datetime.now(UTC) + timedelta(hours=1)
    pem = _short_lived(shared_hq, device, start, start + timedelta(days=1))
    der = x509.load_pem_x509_certificate(pem.encode()).public_bytes(serialization.Encoding.DER)
    early = peercert.validity_refusal(der, datetime.now(UTC))
    assert early is not None and (early.status, early.code) == (401, "certificate_not_yet_valid")
    late = peercert.validity_refusal(der, start + timedelta(days=1))
    assert late is not None and (late.status, late.code) == (401, "certificate_expired")
    assert peercert.validity_refusal(der, start + timedelta(hours=1)) is None


def test_the_client_reports_hqs_expiry_refusal_as_an_expired_certificate(shared_hq: HQ) -> None:
    device = shared_hq.enroll(new_worker())
    end = datetime.now(UTC) + timedelta(seconds=LIFETIME_S)
    pem = _short_lived(shared_hq, device, datetime.now(UTC) - timedelta(minutes=1), end)
    short = Enrollment(device.device_id, device.worker_id, device.key_pem, pem, device.ca_pem,
                       device.sync_url)
    # The client's own clock says the certificate is still good for a while.
    client = shared_hq.client(short, clock=lambda: end - timedelta(days=2))
    client.pull()
    _wait_until(end + timedelta(milliseconds=300))
    with pytest.raises(CertificateExpired):
        client.pull()  # the same kept-alive connection
