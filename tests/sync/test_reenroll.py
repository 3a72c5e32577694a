"""Enrolling a laptop again, with continuity: after its certificate expired, or after HQ
revoked it (without a wipe) and let it back, the laptop's unsent changes and its audit chain
carry on at HQ under its new device, with no gap and no broken chain."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID
from sqlalchemy import select, update

from safeconf.hq import clock, schema
from safeconf.hq.datadir import DataDir
from safeconf.hq.db import Database
from safeconf.hq.pki.ca import cert_pem, fingerprint
from safeconf.sync.client import HQClient
from safeconf.sync.engine import SyncEngine, enroll_vault
from safeconf.sync.enroll import Predecessor, enroll
from safeconf.sync.errors import CertificateExpired, DeviceRevoked, EnrollmentError, SyncError
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.support.hq_process import HQProcess
from tests.sync.test_sync_end_to_end import case_numbered, record_conference


def sync(vault: Vault, keyring_store):
    return SyncEngine(vault, keyring_store).run()


def hq_database(hq: HQProcess) -> Database:
    return Database(DataDir(hq.data_dir).database_url(hq.database), pool_size=1)


def device_row(hq: HQProcess, device_id: str):
    db = hq_database(hq)
    try:
        with db.read() as conn:
            return conn.execute(select(schema.devices)
                                .where(schema.devices.c.device_id == device_id)).one()
    finally:
        db.dispose()


def device_count(hq: HQProcess) -> int:
    db = hq_database(hq)
    try:
        with db.read() as conn:
            return len(conn.execute(select(schema.devices.c.device_id)).all())
    finally:
        db.dispose()


def let_certificate_expire(hq: HQProcess, vault: Vault) -> None:
    """What 90 days offline leaves behind: the laptop's certificate (same key, same device,
    registered at HQ) has ended. Issued by HQ's own CA code, as the channel tests do."""
    creds = vault.sync.credentials()
    key = serialization.load_pem_private_key(creds.key_pem.encode(), password=None)
    csr = (x509.CertificateSigningRequestBuilder()
           .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "laptop")]))
           .sign(key, hashes.SHA256()))  # type: ignore[arg-type]
    now = datetime.now(UTC)
    old = DataDir(hq.data_dir).load_ca().issue_device_cert(
        csr, creds.hq_device_id, creds.worker_id, not_before=now - timedelta(days=120),
        not_after=now - timedelta(days=30))
    db = hq_database(hq)
    try:
        with db.write() as conn:
            conn.execute(update(schema.devices)
                         .where(schema.devices.c.device_id == creds.hq_device_id)
                         .values(cert_fingerprint=fingerprint(old),
                                 not_after=clock.iso(old.not_valid_after_utc)))
    finally:
        db.dispose()
    vault.sync.save_credentials(dataclasses.replace(creds, cert_pem=cert_pem(old)),
                                action="renew")


def state(vault: Vault) -> tuple[int, int, int, int]:
    store = vault.sync
    return store.acked_seq, store.audit_acked_seq, store.cursor, store.pending_count()


def test_an_expired_laptop_enrolled_again_sends_its_pending_changes_with_no_gap(
    hq, laptop, keyring_store
):
    alvarez, second = laptop(hq, "w.alvarez", "alvarez"), laptop(hq, "w.alvarez", "second")
    sync(alvarez, keyring_store)
    sync(second, keyring_store)
    record_conference(alvarez, case_numbered(alvarez, "HQ-100"))
    sync(alvarez, keyring_store)  # HQ now holds some of its outbox and audit chain
    old_device = alvarez.sync.credentials().hq_device_id

    let_certificate_expire(hq, alvarez)
    pending_conf = record_conference(alvarez, case_numbered(alvarez, "HQ-200"))
    with pytest.raises(CertificateExpired):
        sync(alvarez, keyring_store)
    before = state(alvarez)
    assert before[3] > 0

    enrolled = enroll_vault(alvarez, hq.enrollment_code("w.alvarez"), again=True)

    assert enrolled.replaces == old_device and enrolled.device_id != old_device
    assert alvarez.sync.credentials().hq_device_id == enrolled.device_id
    assert state(alvarez) == before  # outbox, cursor and acked state kept
    assert "re-enroll" in [e.action for e in alvarez.audit.events()]
    report = sync(alvarez, keyring_store)
    assert report.pushed == before[3] and report.push_conflicts == 0
    assert alvarez.sync.pending_count() == 0

    sync(second, keyring_store)
    assert second.conferences.get(pending_conf.id) == alvarez.conferences.get(pending_conf.id)

    old, new = device_row(hq, old_device), device_row(hq, enrolled.device_id)
    assert (old.status, old.replaced_by) == ("replaced", enrolled.device_id)
    assert (new.status, new.replaces, new.chain_status) == ("active", old_device, "ok")
    assert new.escrow is not None  # the escrow copy was sent again, to the new device
    table = hq.admin("devices")
    [old_line] = [line for line in table.splitlines() if line.startswith(old_device)]
    [new_line] = [line for line in table.splitlines() if line.startswith(enrolled.device_id)]
    assert f"replaced by {enrolled.device_id}" in old_line
    assert "active" in new_line and new_line.rstrip().endswith("ok")


def test_the_old_certificate_is_refused_once_the_laptop_enrolled_again(
    hq, laptop, keyring_store
):
    alvarez = laptop(hq, "w.alvarez")
    sync(alvarez, keyring_store)
    old = alvarez.sync.credentials()
    enroll_vault(alvarez, hq.enrollment_code("w.alvarez"), again=True)  # valid cert: allowed
    with HQClient(old.sync_url, old.ca_pem, old.cert_pem, old.key_pem) as client, \
            pytest.raises(DeviceRevoked) as refused:
        client.status()
    assert refused.value.wipe is False
    sync(alvarez, keyring_store)
    with pytest.raises(EnrollmentError) as again:  # one successor only
        enroll(hq.enrollment_code("w.alvarez"), predecessor=Predecessor(old.cert_pem,
                                                                        old.key_pem))
    assert again.value.code == "predecessor_replaced"


def test_a_revoked_laptop_comes_back_with_a_new_code_and_keeps_its_history(
    hq, laptop, keyring_store
):
    alvarez, second = laptop(hq, "w.alvarez", "alvarez"), laptop(hq, "w.alvarez", "second")
    sync(alvarez, keyring_store)
    old_device = alvarez.sync.credentials().hq_device_id
    hq.admin("revoke", old_device)
    conf = record_conference(alvarez, case_numbered(alvarez, "HQ-100"))
    with pytest.raises(DeviceRevoked):
        sync(alvarez, keyring_store)
    assert alvarez.is_open  # no wipe: the data stays

    enrolled = enroll_vault(alvarez, hq.enrollment_code("w.alvarez"), again=True)
    report = sync(alvarez, keyring_store)
    assert report.push_conflicts == 0 and alvarez.sync.pending_count() == 0
    sync(second, keyring_store)
    assert second.conferences.get(conf.id)
    assert device_row(hq, enrolled.device_id).chain_status == "ok"
    assert device_row(hq, old_device).status == "replaced"


def test_a_wiped_laptop_can_never_be_taken_over(hq, laptop, keyring_store):
    alvarez = laptop(hq, "w.alvarez")
    creds = alvarez.sync.credentials()
    hq.admin("revoke", creds.hq_device_id, "--wipe")
    devices_before = device_count(hq)
    code = hq.enrollment_code("w.alvarez")
    with pytest.raises(EnrollmentError, match="erase") as refused:
        enroll(code, predecessor=Predecessor(creds.cert_pem, creds.key_pem))
    assert refused.value.code == "predecessor_wiped"
    assert device_count(hq) == devices_before
    assert device_row(hq, creds.hq_device_id).status == "revoked"


def test_enrolling_an_enrolled_laptop_without_again_is_still_refused(hq, laptop):
    alvarez = laptop(hq, "w.alvarez")
    device = alvarez.sync.credentials().hq_device_id
    devices_before = device_count(hq)
    with pytest.raises(SyncError, match="already enrolled"):
        enroll_vault(alvarez, hq.enrollment_code("w.alvarez"))
    assert alvarez.sync.credentials().hq_device_id == device
    assert device_count(hq) == devices_before


def test_enrolling_again_needs_an_earlier_enrollment(hq, tmp_path, keyring_store, fast_kdf):
    fresh = Vault.create(tmp_path / "fresh", PASSPHRASE, keyring_store, kdf=fast_kdf,
                         user="w.alvarez")
    try:
        with pytest.raises(SyncError, match="not enrolled"):
            enroll_vault(fresh, hq.enrollment_code("w.alvarez"), again=True)
        assert fresh.sync.credentials() is None
    finally:
        fresh.close()


def test_a_code_from_another_hq_is_refused_before_the_old_certificate_is_sent(
    hq, laptop, tmp_path
):
    alvarez = laptop(hq, "w.alvarez")
    other = HQProcess(tmp_path / "other-hq").init().start()
    try:
        with pytest.raises(SyncError, match="different HQ"):
            enroll_vault(alvarez, other.enrollment_code("w.alvarez"), again=True)
    finally:
        other.stop()


def test_the_cli_enrolls_again_with_a_new_code(hq, laptop, keyring_store, tmp_path):
    alvarez = laptop(hq, "w.alvarez", "cli-laptop")
    sync(alvarez, keyring_store)
    folder = tmp_path / "cli-laptop"
    old_device = alvarez.sync.credentials().hq_device_id
    let_certificate_expire(hq, alvarez)
    record_conference(alvarez, case_numbered(alvarez, "HQ-100"))
    alvarez.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAFECONF_")}
    env["SAFECONF_PASSPHRASE"] = PASSPHRASE

    def safeconf(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "safeconf", "--data-dir", str(folder),
                               *args], env=env, capture_output=True, text=True, timeout=120,
                              stdin=subprocess.DEVNULL, check=False)

    refused = safeconf("enroll", hq.enrollment_code("w.alvarez"))
    assert refused.returncode == 1 and "already enrolled" in refused.stderr
    assert "Traceback" not in refused.stderr
    done = safeconf("enroll", "--again", hq.enrollment_code("w.alvarez"))
    assert done.returncode == 0, done.stderr
    assert "Enrolled again" in done.stdout and old_device in done.stdout
    synced = safeconf("sync")
    assert synced.returncode == 0, synced.stderr
    reopened = Vault.open(folder, PASSPHRASE, keyring_store)
    try:
        assert reopened.sync.pending_count() == 0
        new_device = reopened.sync.credentials().hq_device_id
    finally:
        reopened.close()
    assert device_row(hq, new_device).chain_status == "ok"
    assert device_row(hq, old_device).replaced_by == new_device
