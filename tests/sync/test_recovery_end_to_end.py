"""Forgotten passphrase, end to end with a real HQ process, real SQLCipher and the real keyring:
enrollment leaves an escrow copy in vault.keys and at HQ; `safeconf-hq recover` gives IT a
recovery code; `safeconf recover` reopens the vault under a new passphrase, records intact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safeconf.sync import escrow, recovery_code
from safeconf.sync.engine import ESCROW_UPLOAD, SyncEngine, enroll_vault
from safeconf.sync.errors import HQUnreachable
from safeconf.vault import keys
from safeconf.vault.vault import DB_NAME, KEYS_NAME, Vault
from tests.conftest import PASSPHRASE
from tests.support.hq_process import HQProcess
from tests.test_cli import safeconf

NEW = "my new passphrase after recovery"


def device_id(vault: Vault) -> str:
    credentials = vault.sync.credentials()
    assert credentials is not None
    return credentials.hq_device_id


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def synced_laptop_with_records(hq: HQProcess, laptop,
                               keyring_store) -> tuple[Vault, str, str]:
    """An enrolled, synced laptop holding HQ's cases and one local case, closed:
    (the vault, the local case id, its HQ device id)."""
    from safeconf.domain.records import Case

    vault = laptop(hq, "w.alvarez")
    SyncEngine(vault, keyring_store).run()
    local = vault.cases.add(Case(case_number="LOCAL-1", family_name="Juniper"))
    hq_device = device_id(vault)
    vault.close()
    return vault, local.id, hq_device


def recover_cli(folder: Path, code: str, new: str = NEW, **env: str):
    return safeconf("recover", "--data-dir", str(folder), passphrase=None,
                    SAFECONF_RECOVERY_CODE=code, SAFECONF_NEW_PASSPHRASE=new, **env)


def assert_records_intact(folder: Path, keyring_store, local_case_id: str) -> None:
    checked = safeconf("check", "--data-dir", str(folder), passphrase=NEW)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "The vault is sound." in checked.stdout
    vault = Vault.open(folder, NEW, keyring_store)
    try:
        numbers = sorted(c.case_number for c in vault.cases.all())
        assert numbers == ["HQ-100", "HQ-200", "LOCAL-1"]
        assert vault.cases.get(local_case_id).family_name == "Juniper"
        # Recorded in the audit chain (then, if vault.keys was lost, the entry re-made).
        assert "recovered" in [e.action for e in vault.audit.events()[-2:]]
        assert vault.escrow is not None  # the escrow entry survives the new key file
    finally:
        vault.close()


def test_enrollment_leaves_the_escrow_copy_in_the_key_file_and_at_hq(hq, laptop):
    vault = laptop(hq, "w.alvarez")
    entry = json.loads((vault.data_dir / KEYS_NAME).read_text())["escrow"]
    blob = escrow.EscrowBlob.from_dict(entry)
    assert blob.vault_id == vault.vault_id
    assert vault.sync.get(ESCROW_UPLOAD) == "done"
    code = hq.admin("recover", device_id(vault)).strip()
    assert recovery_code.decode(code) == vault.data_key()
    assert "escrow_made" in [e.action for e in vault.audit.events()]


def test_a_forgotten_passphrase_is_recovered_with_the_code_from_hq(hq, laptop, keyring_store):
    vault, local_id, hq_device = synced_laptop_with_records(hq, laptop, keyring_store)
    folder = vault.data_dir
    forgotten = safeconf("check", "--data-dir", str(folder), passphrase="I cannot remember")
    assert forgotten.returncode == 1 and "passphrase is not right" in forgotten.stderr

    code = hq.admin("recover", hq_device).strip()
    done = recover_cli(folder, code)
    assert done.returncode == 0, done.stderr
    assert "Vault recovered" in done.stdout

    assert_records_intact(folder, keyring_store, local_id)
    assert safeconf("check", "--data-dir", str(folder), passphrase=PASSPHRASE).returncode == 1
    # The code opens the vault: it must never be written anywhere under the data folder.
    key = recovery_code.decode(code)
    forms = [code, code.replace("-", ""), code.lower(), key.hex()]
    for path in folder.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert key not in content, path
            assert not any(f.encode() in content for f in forms), path


@pytest.mark.parametrize("lost", ["keyring entry", "keyring entry and key file"])
def test_recovery_works_when_the_keyring_entry_or_the_key_file_is_gone(
        hq, laptop, keyring_store, lost):
    vault, local_id, hq_device = synced_laptop_with_records(hq, laptop, keyring_store)
    folder = vault.data_dir
    keyring_store.delete(vault.vault_id)
    if "key file" in lost:
        (folder / KEYS_NAME).unlink()
    refused = safeconf("check", "--data-dir", str(folder))
    assert refused.returncode == 1 and "safeconf recover" in refused.stderr

    done = recover_cli(folder, hq.admin("recover", hq_device).strip())
    assert done.returncode == 0, done.stderr
    assert_records_intact(folder, keyring_store, local_id)


def test_a_wrong_or_mistyped_code_is_refused_clearly_and_changes_nothing(
        hq, laptop, keyring_store):
    vault, _local_id, hq_device = synced_laptop_with_records(hq, laptop, keyring_store)
    other = laptop(hq, "w.chen", "other")
    other_code = hq.admin("recover", device_id(other)).strip()
    code = hq.admin("recover", hq_device).strip()
    folder = vault.data_dir
    before = files(folder)

    wrong = recover_cli(folder, other_code)
    assert wrong.returncode == 1
    assert "does not open this vault" in wrong.stderr and "Nothing was changed" in wrong.stderr
    i = 3
    typo = code[:i] + ("A" if code[i] != "A" else "B") + code[i + 1:]
    mistyped = recover_cli(folder, typo)
    assert mistyped.returncode == 1 and "typing mistake" in mistyped.stderr
    for failed in (wrong, mistyped):
        assert "Traceback" not in failed.stderr
    assert files(folder) == before
    still = safeconf("check", "--data-dir", str(folder))
    assert still.returncode == 0, still.stdout


def test_an_escrow_copy_that_could_not_be_sent_at_enrollment_goes_with_the_next_sync(
        hq, tmp_path, keyring_store, fast_kdf):
    vault = Vault.create(tmp_path / "offline", PASSPHRASE, keyring_store, kdf=fast_kdf,
                         user="w.alvarez")
    try:
        def unreachable(_credentials):
            raise HQUnreachable("HQ could not be reached.")

        enroll_vault(vault, hq.enrollment_code("w.alvarez"), client_factory=unreachable)
        assert vault.sync.get(ESCROW_UPLOAD) == "pending"
        assert keys.read_key_file(vault.data_dir / KEYS_NAME).escrow is not None
        from tests.hq.hq_harness import run_cli

        missing = run_cli("recover", device_id(vault), "--data-dir", str(hq.data_dir),
                          check=False)
        assert missing.returncode == 1 and "never sent" in missing.stderr

        SyncEngine(vault, keyring_store).run()
        assert vault.sync.get(ESCROW_UPLOAD) == "done"
        code = hq.admin("recover", device_id(vault)).strip()
        assert recovery_code.decode(code) == vault.data_key()
    finally:
        vault.close()


def test_an_hq_without_a_recovery_key_enrolls_laptops_without_escrow(tmp_path, laptop):
    server = HQProcess(tmp_path / "old-hq").init()
    for name in ("recovery-key.pem", "recovery-public.pem"):
        (server.data_dir / name).unlink()
    server.start()
    try:
        vault = laptop(server, "w.alvarez")
        assert vault.escrow is None and vault.sync.get(ESCROW_UPLOAD) is None
        assert (vault.data_dir / DB_NAME).exists()
    finally:
        server.stop()


def test_an_escrow_copy_hq_refuses_does_not_stop_the_records_syncing(
        hq, tmp_path, keyring_store, fast_kdf):
    from safeconf.hq.pki import recovery_key
    from safeconf.sync.engine import RECOVERY_KEY

    vault = Vault.create(tmp_path / "laptop", PASSPHRASE, keyring_store, kdf=fast_kdf,
                         user="w.alvarez")
    try:
        def unreachable(_credentials):
            raise HQUnreachable("HQ could not be reached.")

        enroll_vault(vault, hq.enrollment_code("w.alvarez"), client_factory=unreachable)
        # As if HQ's recovery key changed since: HQ refuses a copy sealed to the old one.
        vault.sync.put(RECOVERY_KEY, recovery_key.create(tmp_path))
        report = SyncEngine(vault, keyring_store).run()
        assert report.pulled == 2
        assert vault.sync.get(ESCROW_UPLOAD) == "pending"
    finally:
        vault.close()


def test_without_a_keyring_passwd_renews_hqs_escrow_copy_at_the_next_sync(
        hq, tmp_path, no_keyring, fast_kdf):
    """The data key changes, so HQ's copy of the old one is stale: the next sync replaces it,
    and the code HQ gives from then on recovers the vault; the old code opens nothing."""
    no_keyring_env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    folder = tmp_path / "no-keyring-laptop"
    vault = Vault.create(folder, PASSPHRASE, no_keyring, kdf=fast_kdf, user="w.alvarez")
    enroll_vault(vault, hq.enrollment_code("w.alvarez"))
    hq_device = device_id(vault)
    vault.close()
    old_code = hq.admin("recover", hq_device).strip()

    changed = safeconf("passwd", "--data-dir", str(folder), **no_keyring_env,
                       SAFECONF_NEW_PASSPHRASE="a passphrase for the new key")
    assert changed.returncode == 0, changed.stderr
    assert "renewed at the next sync" in changed.stdout
    vault = Vault.open(folder, "a passphrase for the new key", no_keyring)
    new_key = vault.data_key()
    assert vault.sync.get(ESCROW_UPLOAD) == "pending"
    vault.close()
    assert recovery_code.decode(old_code) != new_key
    synced = safeconf("sync", "--data-dir", str(folder), **no_keyring_env,
                      passphrase="a passphrase for the new key")
    assert synced.returncode == 0, synced.stdout + synced.stderr

    new_code = hq.admin("recover", hq_device).strip()
    assert recovery_code.decode(new_code) == new_key
    stale = recover_cli(folder, old_code, **no_keyring_env)
    assert stale.returncode == 1 and "does not open this vault" in stale.stderr
    done = recover_cli(folder, new_code, **no_keyring_env)
    assert done.returncode == 0, done.stderr
    vault = Vault.open(folder, NEW, no_keyring)
    try:
        assert sorted(c.case_number for c in vault.cases.all()) == ["HQ-100", "HQ-200"]
    finally:
        vault.close()
