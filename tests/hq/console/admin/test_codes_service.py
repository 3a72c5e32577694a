"""The enrollment-code services behind the console page and `safeconf-hq codes`: a
cancelled code is refused at enrollment like any dead code, and the CLI lists and cancels."""

from __future__ import annotations

import hashlib
import hmac
import os

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509 import CertificateSigningRequestBuilder, Name

from safeconf.hq import cli
from safeconf.hq.errors import HQError
from safeconf.hq.pki import enrollment
from tests.hq.console.admin.support import new_worker
from tests.hq.hq_harness import HQ

SYNC, ENROLL = "https://hq.example:8443", "https://hq.example:8444"


def test_a_cancelled_code_no_longer_enrolls_a_laptop(console_hq: HQ) -> None:
    issued = enrollment.issue_code(console_hq.db, console_hq.data.load_ca(), new_worker(),
                                   SYNC, ENROLL)
    enrollment.cancel_code(console_hq.db, issued.code_id.lower())  # as typed, any case
    key = ec.generate_private_key(ec.SECP256R1())
    csr = CertificateSigningRequestBuilder().subject_name(Name([])).sign(key, hashes.SHA256())
    der = csr.public_bytes(serialization.Encoding.DER)
    secret = issued.code.split(".", 1)[1]
    mac = hmac.new(enrollment.secret_hash(secret), der, hashlib.sha256).hexdigest()
    pem = csr.public_bytes(serialization.Encoding.PEM).decode()
    with pytest.raises(HQError) as refused:
        enrollment.enroll(console_hq.db, console_hq.data.load_ca(),
                          enrollment.EnrollRequest(issued.code_id, pem, mac))
    assert refused.value.code == "code_burnt" and "cancelled" in str(refused.value)


def test_the_cli_lists_codes_without_secrets_and_cancels_one(
        console_hq: HQ, capsys: pytest.CaptureFixture[str]) -> None:
    worker = new_worker()
    issued = enrollment.issue_code(console_hq.db, console_hq.data.load_ca(), worker, SYNC,
                                   ENROLL)
    where = ["--data-dir", str(console_hq.data.path), "--database", console_hq.database_url]
    umask = os.umask(0o022)  # main() sets HQ's own; given back after
    try:
        _list_and_cancel(issued, worker, where, capsys)
    finally:
        os.umask(umask)


def _list_and_cancel(issued: enrollment.IssuedCode, worker: str, where: list[str],
                     capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["codes", "list", *where]) == 0
    listed = capsys.readouterr().out
    line = next(row for row in listed.splitlines() if issued.code_id in row)
    assert worker in line and "unused" in line and issued.code.split(".")[1] not in listed
    assert cli.main(["codes", "cancel", issued.code_id, *where]) == 0
    assert "cancelled" in capsys.readouterr().out
    assert cli.main(["codes", "cancel", issued.code_id, *where]) == 1
    assert "already cancelled" in capsys.readouterr().err
