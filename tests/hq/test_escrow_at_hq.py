"""HQ's side of the escrow: the recovery key pair, the key handed over at enrollment, strict
checks on `POST /v1/escrow` (4xx and nothing stored for junk), and `safeconf-hq recover`."""

from __future__ import annotations

import base64
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hq_harness import HQ, new_worker, run_cli
from sqlalchemy import select

from safeconf.hq import schema
from safeconf.hq.pki import recovery_key
from safeconf.sync import Enrollment, escrow, recovery_code, tls
from safeconf.sync.errors import RequestRejected


def stored_escrow(hq: HQ, device_id: str) -> str | None:
    with hq.db.read() as conn:
        return conn.execute(select(schema.devices.c.escrow)
                            .where(schema.devices.c.device_id == device_id)).scalar_one()


@pytest.fixture
def enrolled(shared_hq: HQ) -> Iterator[tuple[HQ, Enrollment, httpx.Client]]:
    device = shared_hq.enroll(new_worker())
    ctx = tls.client_context(device.ca_pem, device.cert_pem, device.key_pem)
    with httpx.Client(base_url=device.sync_url, verify=ctx, trust_env=False,
                      timeout=30) as http:
        yield shared_hq, device, http


def sealed(device: Enrollment, data_key: bytes | None = None) -> dict[str, object]:
    assert device.recovery_public_key_pem is not None
    recipient = escrow.load_public_key(device.recovery_public_key_pem)
    return escrow.seal(data_key or os.urandom(32), "vault-" + device.device_id[:8],
                       recipient).to_dict()


def test_init_makes_a_private_recovery_key_and_enrollment_hands_over_its_public_half(
        enrolled):
    hq, device, _http = enrolled
    private = hq.data.path / recovery_key.PRIVATE_NAME
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert device.recovery_public_key_pem == hq.data.recovery_public_pem()
    assert "PRIVATE" not in (device.recovery_public_key_pem or "")


def test_an_uploaded_escrow_copy_is_kept_and_recover_prints_its_recovery_code(enrolled):
    hq, device, _http = enrolled
    data_key = os.urandom(32)
    hq.client(device).upload_escrow(sealed(device, data_key))
    assert stored_escrow(hq, device.device_id) is not None
    done = hq.cli("recover", device.device_id)
    code = done.stdout.strip()
    assert recovery_code.decode(code) == data_key
    assert "\n" not in code and "recorded" in done.stderr
    with hq.db.read() as conn:
        rows = conn.execute(select(schema.recoveries.c.device_id)
                            .where(schema.recoveries.c.device_id == device.device_id)).all()
    assert len(rows) == 1


def test_recover_finds_an_offline_recovery_key_given_on_the_command_line(enrolled, tmp_path):
    hq, device, _http = enrolled
    data_key = os.urandom(32)
    hq.client(device).upload_escrow(sealed(device, data_key))
    offline = tmp_path / "usb-stick-recovery-key.pem"
    offline.write_bytes((hq.data.path / recovery_key.PRIVATE_NAME).read_bytes())
    done = hq.cli("recover", device.device_id, "--recovery-key", str(offline))
    assert recovery_code.decode(done.stdout.strip()) == data_key
    missing = hq.cli("recover", device.device_id, "--recovery-key",
                     str(tmp_path / "nowhere.pem"), check=False)
    assert missing.returncode == 1 and "--recovery-key" in missing.stderr


def test_recover_explains_a_device_without_an_escrow_copy(enrolled):
    hq, device, _http = enrolled
    done = hq.cli("recover", device.device_id, check=False)
    assert done.returncode == 1 and "never sent HQ its escrow copy" in done.stderr
    done = hq.cli("recover", "not-a-device", check=False)
    assert done.returncode == 1 and "not a device id" in done.stderr


def junk_uploads(device: Enrollment, other_hq: Path) -> list[tuple[str, bytes]]:
    good = sealed(device)
    nonce = base64.b64encode(b"x" * 20).decode()
    other = escrow.seal(os.urandom(32), "v", escrow.load_public_key(
        recovery_key.create(other_hq))).to_dict()
    bodies: list[tuple[str, object]] = [
        ("not an object", []),
        ("no protocol", {"escrow": good}),
        ("extra key", {"protocol": 1, "escrow": good, "more": 1}),
        ("wrong protocol", {"protocol": 9, "escrow": good}),
        ("escrow not an object", {"protocol": 1, "escrow": "abc"}),
        ("missing field", {"protocol": 1, "escrow": {k: v for k, v in good.items()
                                                     if k != "nonce"}}),
        ("bad base64", {"protocol": 1, "escrow": {**good, "ciphertext": "!!"}}),
        ("wrong nonce size", {"protocol": 1, "escrow": {**good, "nonce": nonce}}),
        ("unknown format", {"protocol": 1, "escrow": {**good, "format": 2}}),
        ("sealed to another key", {"protocol": 1, "escrow": other}),
    ]
    raw = [(name, json.dumps(body).encode()) for name, body in bodies]
    raw.append(("not json", b"{nope"))
    raw.append(("oversized", json.dumps({"protocol": 1, "escrow": {**good,
                                          "vault_id": "v" * 100_000}}).encode()))
    return raw


def test_malformed_or_oversized_escrow_uploads_get_4xx_and_nothing_is_stored(enrolled,
                                                                            tmp_path):
    hq, device, http = enrolled
    for name, body in junk_uploads(device, tmp_path):
        answer = http.post("/v1/escrow", content=body,
                           headers={"Content-Type": "application/json"})
        assert 400 <= answer.status_code < 500, (name, answer.status_code, answer.text)
        assert isinstance(answer.json().get("error"), str), name
        assert stored_escrow(hq, device.device_id) is None, name


def test_the_client_reports_a_refused_escrow_upload(enrolled):
    hq, device, _http = enrolled
    with pytest.raises(RequestRejected):
        hq.client(device).upload_escrow({"format": 1})
    assert stored_escrow(hq, device.device_id) is None


def test_init_recovery_adds_a_key_to_an_old_data_dir_and_refuses_to_replace_it(tmp_path):
    folder = tmp_path / "old-hq"
    run_cli("init", "--data-dir", str(folder))
    (folder / recovery_key.PRIVATE_NAME).unlink()
    (folder / recovery_key.PUBLIC_NAME).unlink()
    done = run_cli("init-recovery", "--data-dir", str(folder))
    assert "move it offline" in done.stdout
    assert stat.S_IMODE((folder / recovery_key.PRIVATE_NAME).stat().st_mode) == 0o600
    again = run_cli("init-recovery", "--data-dir", str(folder), check=False)
    assert again.returncode == 1 and "refusing to replace" in again.stderr


def test_a_version_1_database_gains_the_escrow_columns_when_next_used(make_hq):
    hq = make_hq()
    with hq.db.write() as conn:  # make it look like a database from before escrow existed
        conn.exec_driver_sql("DROP TABLE recoveries")
        conn.exec_driver_sql("ALTER TABLE devices DROP COLUMN escrow_at")
        conn.exec_driver_sql("ALTER TABLE devices DROP COLUMN escrow")
        conn.exec_driver_sql("UPDATE hq_meta SET value = '1' WHERE key = 'schema_version'")
    hq.cli("devices")
    hq.db.check_schema()  # already current: nothing to do
    with hq.db.read() as conn:
        version = conn.execute(select(schema.meta.c.value)
                               .where(schema.meta.c.key == "schema_version")).scalar_one()
        assert version == str(schema.SCHEMA_VERSION)
        assert conn.execute(select(schema.devices.c.escrow)).all() == []
        assert conn.execute(select(schema.recoveries)).all() == []
