"""`Vault.recover`: the data key from HQ's escrow (a recovery code) reopens a vault whose
passphrase, keyring entry or key file is lost, under a new passphrase; a wrong key changes
nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from safeconf.domain.records import Case
from safeconf.vault import keys
from safeconf.vault.errors import (
    DeviceSecretMissing,
    NoVault,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryCode,
)
from safeconf.vault.vault import DB_NAME, KEYS_NAME, Vault

NEW = "a new passphrase for after"


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def filled(vault: Vault) -> tuple[Path, bytes, str]:
    """A closed vault with a case in it: (folder, its data key, the case id)."""
    case = vault.cases.add(Case(case_number="R-1", family_name="Rowan"))
    data_key = vault.data_key()
    vault.close()
    return vault.data_dir, data_key, case.id


def reopen_with_new_passphrase(folder: Path, keyring_store, case_id: str) -> None:
    vault = Vault.open(folder, NEW, keyring_store)
    try:
        assert vault.cases.get(case_id).family_name == "Rowan"
        assert all(r.ok for r in vault.check())
        assert vault.audit.events()[-1].action == "recovered"
        assert vault.uses_device_secret
    finally:
        vault.close()


def test_a_forgotten_passphrase_is_replaced_and_the_records_are_kept(
        filled, keyring_store, fast_kdf):
    folder, data_key, case_id = filled
    Vault.recover(folder, data_key, NEW, keyring_store, kdf=fast_kdf).close()
    reopen_with_new_passphrase(folder, keyring_store, case_id)
    with pytest.raises(WrongPassphrase):
        Vault.open(folder, "correct horse battery staple", keyring_store)


def test_recovery_works_when_the_keyring_entry_is_gone(filled, keyring_store, fast_kdf):
    folder, data_key, case_id = filled
    vault_id = keys.read_key_file(folder / KEYS_NAME).vault_id
    keyring_store.delete(vault_id)
    with pytest.raises(DeviceSecretMissing, match="safeconf recover"):
        Vault.open(folder, "correct horse battery staple", keyring_store)
    Vault.recover(folder, data_key, NEW, keyring_store, kdf=fast_kdf).close()
    reopen_with_new_passphrase(folder, keyring_store, case_id)


def test_recovery_works_when_the_key_file_was_deleted(filled, keyring_store, fast_kdf):
    folder, data_key, case_id = filled
    (folder / KEYS_NAME).unlink()
    with pytest.raises(Exception, match="safeconf recover"):
        Vault.open(folder, "correct horse battery staple", keyring_store)
    Vault.recover(folder, data_key, NEW, keyring_store, kdf=fast_kdf).close()
    reopen_with_new_passphrase(folder, keyring_store, case_id)


def test_a_key_that_does_not_open_the_database_changes_nothing(filled, keyring_store,
                                                              fast_kdf):
    folder, _data_key, _case_id = filled
    before = files(folder)
    with pytest.raises(WrongRecoveryCode, match="Nothing was changed"):
        Vault.recover(folder, os.urandom(32), NEW, keyring_store, kdf=fast_kdf)
    assert files(folder) == before
    Vault.open(folder, "correct horse battery staple", keyring_store).close()


def test_recovery_refuses_a_weak_passphrase_and_an_empty_folder(filled, keyring_store,
                                                               tmp_path):
    folder, data_key, _case_id = filled
    before = files(folder)
    with pytest.raises(WeakPassphrase):
        Vault.recover(folder, data_key, "short", keyring_store)
    assert files(folder) == before
    with pytest.raises(NoVault):
        Vault.recover(tmp_path / "empty", data_key, NEW, keyring_store)
    assert not (folder.parent / "empty").exists() or DB_NAME not in files(folder)


def test_without_a_keyring_recovery_gives_a_passphrase_only_vault(filled, no_keyring,
                                                                  fast_kdf):
    folder, data_key, case_id = filled
    Vault.recover(folder, data_key, NEW, no_keyring, kdf=fast_kdf).close()
    vault = Vault.open(folder, NEW, no_keyring)
    try:
        assert not vault.uses_device_secret
        assert vault.cases.get(case_id).family_name == "Rowan"
    finally:
        vault.close()
