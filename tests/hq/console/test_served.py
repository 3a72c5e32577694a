"""`safeconf-hq serve` runs the console on a listener of its own: TLS 1.3 only, with HQ's
server certificate or the agency's own."""

from __future__ import annotations

import ssl
from pathlib import Path

import httpx
import pytest

from safeconf.hq.pki.ca import CertificateAuthority, cert_pem, key_pem
from tests.hq.hq_harness import HQ

pytestmark = pytest.mark.slow  # starts HQ server processes


def _get(url: str, cafile: Path, **ssl_options: object) -> httpx.Response:
    ctx = ssl.create_default_context(cafile=str(cafile))
    for name, value in ssl_options.items():
        setattr(ctx, name, value)
    with httpx.Client(verify=ctx, timeout=15) as http:
        return http.get(url, follow_redirects=False)


def test_the_console_listens_on_its_own_port_with_hq_certificate_and_only_tls13(
        tmp_path: Path) -> None:
    hq = HQ.create(tmp_path / "hq", None)
    try:
        server = hq.serve("--console-port", "0")
        url = server.console_url
        assert url.startswith("https://localhost:") and url not in (server.sync_url,
                                                                    server.enroll_url)
        answer = _get(url + "/", hq.data.ca_cert)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/signin")
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
        with pytest.raises(httpx.ConnectError):
            _get(url + "/", hq.data.ca_cert, maximum_version=ssl.TLSVersion.TLSv1_2)
        # The access log names routes, never the address asked for: it can hold a number.
        assert _get(url + "/cases/2026-SECRET-9?family=Doe", hq.data.ca_cert).status_code \
            in (303, 404)
        log = server.log.read_text()
        assert "console GET / 303" in log
        assert "SECRET" not in log and "Doe" not in log
    finally:
        hq.close()


def test_the_console_can_use_the_agencys_own_certificate(tmp_path: Path) -> None:
    agency = CertificateAuthority.create("Agency web CA")
    cert, key = agency.issue_server_cert(["localhost"])
    cert_file, key_file = tmp_path / "web.pem", tmp_path / "web.key"
    agency_ca = tmp_path / "ca.pem"
    cert_file.write_text(cert_pem(cert))
    key_file.write_text(key_pem(key))
    agency_ca.write_text(cert_pem(agency.cert))
    hq = HQ.create(tmp_path / "hq", None)
    try:
        server = hq.serve("--console-port", "0", "--console-cert", str(cert_file),
                          "--console-key", str(key_file))
        assert _get(server.console_url + "/", agency_ca).status_code == 303
        with pytest.raises(httpx.ConnectError):  # not HQ's own CA's certificate any more
            _get(server.console_url + "/", hq.data.ca_cert)
    finally:
        hq.close()


def test_a_console_certificate_without_its_key_is_refused(tmp_path: Path) -> None:
    hq = HQ.create(tmp_path / "hq", None)
    try:
        result = hq.cli("serve", "--port", "0", "--console-cert", str(hq.data.server_cert),
                        check=False)
        assert result.returncode == 2 and "go together" in result.stderr
    finally:
        hq.close()
