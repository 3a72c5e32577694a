"""`passwd` and `recover` change keys for real: afterwards a copy of `vault.keys` taken
before, with the old passphrase (and whatever the keyring now holds), opens nothing, while
the new passphrase opens every record unchanged. With a keyring the device secret is
replaced; without one the database is re-encrypted under a new data key and HQ's escrow copy
is renewed (pending until the next sync) and still recovers the vault."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from safeconf.domain.records import Case, Conference, Note, NoteSection
from safeconf.sync import escrow
from safeconf.sync.engine import ESCROW_UPLOAD, RECOVERY_KEY, escrow_entry
from safeconf.sync.escrow_renewal import reseal_escrow
from safeconf.vault import keys
from safeconf.vault.database import opens_with
from safeconf.vault.device_secret import account
from safeconf.vault.errors import (
    DeviceSecretMissing,
    VaultBusy,
    VaultCorrupt,
    WrongPassphrase,
)
from safeconf.vault.vault import DB_NAME, KEYS_NAME, Vault
from tests.conftest import PASSPHRASE

NEW = "a brand new passphrase"


@pytest.fixture
def hq_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def enrolled_vault(data_dir: Path, secrets, kdf, hq_key: X25519PrivateKey) -> Vault:
    """A vault with records and an escrow copy HQ has confirmed (as after a sync)."""
    vault = Vault.create(data_dir, PASSPHRASE, secrets, kdf=kdf, user="w.keys")
    for n in range(40):
        case = vault.cases.add(Case(case_number=f"K-{n}", family_name="Keyes"))
        conf = vault.conferences.add(Conference(case_id=case.id,
                                                scheduled_start="2026-12-01T09:00:00+00:00"))
        vault.notes.add(Note(case_id=case.id, conference_id=conf.id,
                             section=NoteSection.GENERAL, body=f"note {n} " * 30))
    pem = hq_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    vault.sync.put(RECOVERY_KEY, pem)
    escrow_entry(vault)
    vault.sync.put(ESCROW_UPLOAD, "done")
    return vault


def contents(vault: Vault) -> list[tuple]:
    return vault._db.rows("SELECT id, type, version, data FROM records ORDER BY id")


def with_old_key_file(data_dir: Path, old_keys: bytes, where: Path) -> Path:
    """The current vault folder, but with the key file copied before the change."""
    shutil.copytree(data_dir, where)
    (where / KEYS_NAME).write_bytes(old_keys)
    for lock in where.glob("*.lock"):
        lock.unlink()
    return where


def open_all(folder: Path, passphrase: str, secrets) -> list[tuple]:
    vault = Vault.open(folder, passphrase, secrets)
    try:
        assert all(r.ok for r in vault.check())
        return contents(vault)
    finally:
        vault.close()


# -- with a keyring: the device secret is replaced ---------------------------------------


@pytest.mark.keyring
def test_passwd_with_a_keyring_replaces_the_secret_so_an_old_key_file_opens_nothing(
        data_dir, keyring_store, fast_kdf, hq_key, tmp_path):
    vault = enrolled_vault(data_dir, keyring_store, fast_kdf, hq_key)
    before, escrow_before = contents(vault), vault.escrow
    old_keys = (data_dir / KEYS_NAME).read_bytes()
    data_key = vault.data_key()

    vault.change_passphrase(PASSPHRASE, NEW, keyring_store, reseal_escrow=reseal_escrow)
    vault.close()

    assert open_all(data_dir, NEW, keyring_store) == before
    old = keys.KeyFile.from_json(old_keys.decode())
    new = keys.read_key_file(data_dir / KEYS_NAME)
    assert new.secret_generation == old.secret_generation + 1
    # The secret the old copy needs is gone from the keyring...
    with pytest.raises(DeviceSecretMissing):
        keyring_store.load(account(old.vault_id, old.secret_generation))
    stale = with_old_key_file(data_dir, old_keys, tmp_path / "stale")
    with pytest.raises(DeviceSecretMissing):
        Vault.open(stale, PASSPHRASE, keyring_store)
    # ...and the secret the keyring holds now does not unwrap the old copy either.
    current_secret = keyring_store.load(account(new.vault_id, new.secret_generation))
    with pytest.raises(WrongPassphrase):
        keys.unwrap(old, PASSPHRASE, current_secret)
    # Nothing was re-encrypted and HQ's escrow copy stays valid (same data key).
    assert opens_with(data_dir / DB_NAME, data_key)
    assert new.escrow == escrow_before
    reopened = Vault.open(data_dir, NEW, keyring_store)
    assert reopened.sync.get(ESCROW_UPLOAD) == "done"
    reopened.close()


@pytest.mark.keyring
def test_two_passphrase_changes_in_a_row_leave_one_keyring_entry(
        vault, keyring_store):
    vault.change_passphrase(PASSPHRASE, NEW, keyring_store)
    vault.change_passphrase(NEW, "yet another good passphrase", keyring_store)
    vault.close()
    vault_id = vault.vault_id
    for gone in (0, 1):
        with pytest.raises(DeviceSecretMissing):
            keyring_store.load(account(vault_id, gone))
    assert len(keyring_store.load(account(vault_id, 2))) == 32
    Vault.open(vault.data_dir, "yet another good passphrase", keyring_store).close()


@pytest.mark.keyring
def test_recover_with_a_keyring_replaces_the_secret_so_an_old_key_file_opens_nothing(
        data_dir, keyring_store, fast_kdf, hq_key, tmp_path):
    vault = enrolled_vault(data_dir, keyring_store, fast_kdf, hq_key)
    before, data_key = contents(vault), vault.data_key()
    vault.close()
    old_keys = (data_dir / KEYS_NAME).read_bytes()

    Vault.recover(data_dir, data_key, NEW, keyring_store, kdf=fast_kdf,
                  reseal_escrow=reseal_escrow).close()

    assert open_all(data_dir, NEW, keyring_store) == before
    stale = with_old_key_file(data_dir, old_keys, tmp_path / "stale")
    with pytest.raises(DeviceSecretMissing):
        Vault.open(stale, PASSPHRASE, keyring_store)


# -- without a keyring: a new data key ------------------------------------------------


def assert_old_key_opens_no_file(folder: Path, old_key: bytes) -> None:
    for path in folder.iterdir():
        if path.is_file() and path.name.startswith(DB_NAME) and not path.name.endswith(
                (".lock", "-wal", "-shm")):
            assert not opens_with(path, old_key), path.name


def test_passwd_without_a_keyring_reencrypts_so_an_old_key_file_opens_nothing(
        data_dir, no_keyring, fast_kdf, hq_key, tmp_path):
    vault = enrolled_vault(data_dir, no_keyring, fast_kdf, hq_key)
    before, old_key = contents(vault), vault.data_key()
    vault._db._backup("before-schema-9")  # as a migration leaves one
    old_keys = (data_dir / KEYS_NAME).read_bytes()
    seen: list[tuple[int, int]] = []

    vault.change_passphrase(PASSPHRASE, NEW, no_keyring, reseal_escrow=reseal_escrow,
                            progress=lambda done, total: seen.append((done, total)))
    new_key = vault.data_key()
    assert vault.sync.get(ESCROW_UPLOAD) == "pending"
    vault.close()

    assert new_key != old_key
    assert seen and seen[-1][0] == seen[-1][1] > 0
    assert open_all(data_dir, NEW, no_keyring) == before
    # The old copy still unwraps the old key, which opens nothing in the folder any more.
    assert keys.unwrap(keys.KeyFile.from_json(old_keys.decode()), PASSPHRASE, None) == old_key
    assert_old_key_opens_no_file(data_dir, old_key)
    assert not list(data_dir.glob("*.bak"))
    stale = with_old_key_file(data_dir, old_keys, tmp_path / "stale")
    with pytest.raises(VaultCorrupt, match="old copy from before a passphrase change"):
        Vault.open(stale, PASSPHRASE, no_keyring)
    # The escrow copy in vault.keys is of the new key, and recovers the vault.
    entry = keys.read_key_file(data_dir / KEYS_NAME).escrow
    assert entry is not None
    assert escrow.open_blob(escrow.EscrowBlob.from_dict(entry), hq_key) == new_key
    Vault.recover(data_dir, escrow.open_blob(escrow.EscrowBlob.from_dict(entry), hq_key),
                  "the passphrase after that", no_keyring, kdf=fast_kdf,
                  reseal_escrow=reseal_escrow).close()
    assert open_all(data_dir, "the passphrase after that", no_keyring) == before


def test_recover_without_a_keyring_reencrypts_and_renews_the_escrow_copy(
        data_dir, no_keyring, fast_kdf, hq_key, tmp_path):
    vault = enrolled_vault(data_dir, no_keyring, fast_kdf, hq_key)
    before, old_key = contents(vault), vault.data_key()
    vault.close()
    old_keys = (data_dir / KEYS_NAME).read_bytes()

    recovered = Vault.recover(data_dir, old_key, NEW, no_keyring, kdf=fast_kdf,
                              reseal_escrow=reseal_escrow)
    new_key = recovered.data_key()
    assert recovered.sync.get(ESCROW_UPLOAD) == "pending"
    assert [e.action for e in recovered.audit.events()][-2:] == ["data_key_changed",
                                                                 "recovered"]
    recovered.close()

    assert new_key != old_key
    assert open_all(data_dir, NEW, no_keyring) == before
    assert_old_key_opens_no_file(data_dir, old_key)
    stale = with_old_key_file(data_dir, old_keys, tmp_path / "stale")
    with pytest.raises(VaultCorrupt, match="old copy from before a passphrase change"):
        Vault.open(stale, PASSPHRASE, no_keyring)
    entry = keys.read_key_file(data_dir / KEYS_NAME).escrow
    assert escrow.open_blob(escrow.EscrowBlob.from_dict(entry), hq_key) == new_key
    # The recovery code IT read out (the old key) has done its job and opens nothing now.
    with pytest.raises(Exception, match="does not open this vault"):
        Vault.recover(data_dir, old_key, "one more fine passphrase", no_keyring)


def test_a_vault_without_an_escrow_copy_reencrypts_without_one(data_dir, no_keyring,
                                                               fast_kdf):
    vault = Vault.create(data_dir, PASSPHRASE, no_keyring, kdf=fast_kdf)
    vault.cases.add(Case(case_number="N-1", family_name="Nokey"))
    before = contents(vault)
    vault.change_passphrase(PASSPHRASE, NEW, no_keyring, reseal_escrow=reseal_escrow)
    assert vault.escrow is None and vault.sync.get(ESCROW_UPLOAD) is None
    vault.close()
    assert open_all(data_dir, NEW, no_keyring) == before


def test_reencrypting_is_refused_while_another_window_has_the_vault_open(
        data_dir, no_keyring, fast_kdf):
    vault = Vault.create(data_dir, PASSPHRASE, no_keyring, kdf=fast_kdf)
    vault.cases.add(Case(case_number="B-1", family_name="Busy"))
    other = Vault.open(data_dir, PASSPHRASE, no_keyring)  # the desktop app, say
    keys_before = (data_dir / KEYS_NAME).read_bytes()
    with pytest.raises(VaultBusy, match="open in another safeconf window"):
        vault.change_passphrase(PASSPHRASE, NEW, no_keyring)
    assert (data_dir / KEYS_NAME).read_bytes() == keys_before
    assert not (data_dir / f"{DB_NAME}.rekeyed").exists()
    # Both keep working, and once the other has closed the change goes through.
    other.cases.add(Case(case_number="B-2", family_name="Busy"))
    other.close()
    vault.change_passphrase(PASSPHRASE, NEW, no_keyring)
    vault.close()
    reopened = Vault.open(data_dir, NEW, no_keyring)
    numbers = {json.loads(r[3]).get("case_number") for r in contents(reopened)}
    reopened.close()
    assert {"B-1", "B-2"} <= numbers
