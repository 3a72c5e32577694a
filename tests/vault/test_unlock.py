"""Creating, opening and failing to open a vault: every bad input gives a clear error and
changes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3

from safeconf.domain.records import Case
from safeconf.vault.errors import (
    DeviceSecretMissing,
    NoVault,
    SchemaTooNew,
    VaultCorrupt,
    VaultExists,
    WeakPassphrase,
    WrongPassphrase,
)
from safeconf.vault.keys import KdfParams
from safeconf.vault.vault import DB_NAME, KEYS_NAME, Vault
from tests.conftest import PASSPHRASE


def fingerprint(directory: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.iterdir())
        if p.is_file()
    }


def closed_vault_with_a_case(data_dir, store, kdf) -> str:
    v = Vault.create(data_dir, PASSPHRASE, store, kdf=kdf)
    case = v.cases.add(Case(case_number="C-1", family_name="Quill"))
    v.close()
    return case.id


def test_a_created_vault_opens_again_with_its_passphrase_and_keeps_its_records(
    data_dir, keyring_store, fast_kdf
):
    case_id = closed_vault_with_a_case(data_dir, keyring_store, fast_kdf)
    v = Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert v.cases.get(case_id).family_name == "Quill"
    assert v.uses_device_secret
    v.close()


def test_the_vault_files_are_private_to_the_user(data_dir, keyring_store, fast_kdf):
    closed_vault_with_a_case(data_dir, keyring_store, fast_kdf)
    assert data_dir.stat().st_mode & 0o077 == 0
    for f in data_dir.iterdir():
        assert f.stat().st_mode & 0o077 == 0, f


def test_the_database_is_unreadable_without_the_key(data_dir, keyring_store, fast_kdf):
    closed_vault_with_a_case(data_dir, keyring_store, fast_kdf)
    assert not (data_dir / DB_NAME).read_bytes().startswith(b"SQLite format 3")
    plain = sqlcipher3.connect(str(data_dir / DB_NAME))
    with pytest.raises(sqlcipher3.DatabaseError, match="not a database"):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_the_production_key_derivation_is_argon2id_at_full_cost(data_dir, keyring_store):
    v = Vault.create(data_dir, PASSPHRASE, keyring_store)
    v.close()
    kdf = Vault._read_key_file(data_dir).kdf
    assert kdf == KdfParams() and kdf.memory_kib >= 64 * 1024 and kdf.iterations >= 3


def test_a_wrong_passphrase_is_refused_and_changes_nothing(data_dir, keyring_store, fast_kdf):
    closed_vault_with_a_case(data_dir, keyring_store, fast_kdf)
    before = fingerprint(data_dir)
    with pytest.raises(WrongPassphrase, match="not right"):
        Vault.open(data_dir, "not the passphrase at all", keyring_store)
    assert fingerprint(data_dir) == before


def test_the_passphrase_alone_does_not_open_a_vault_whose_keyring_entry_is_gone(
    data_dir, keyring_store, fast_kdf
):
    closed_vault_with_a_case(data_dir, keyring_store, fast_kdf)
    vault_id = Vault._read_key_file(data_dir).vault_id
    keyring_store.delete(vault_id)
    before = fingerprint(data_dir)
    with pytest.raises(DeviceSecretMissing, match="missing from the system keyring"):
        Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert fingerprint(data_dir) == before


def test_a_vault_made_with_a_keyring_cannot_be_opened_where_there_is_none(
    data_dir, keyring_store, no_keyring, fast_kdf
):
    closed_vault_with_a_case(data_dir, keyring_store, fast_kdf)
    with pytest.raises(DeviceSecretMissing):
        Vault.open(data_dir, PASSPHRASE, no_keyring)


def test_without_any_keyring_the_vault_works_on_the_passphrase_alone(
    data_dir, no_keyring, fast_kdf
):
    assert not no_keyring.is_available
    case_id = closed_vault_with_a_case(data_dir, no_keyring, fast_kdf)
    v = Vault.open(data_dir, PASSPHRASE, no_keyring)
    assert not v.uses_device_secret
    assert v.cases.get(case_id).case_number == "C-1"
    assert "no keyring" in v.check()[0].detail
    v.close()


def test_opening_an_empty_folder_says_there_is_no_vault(data_dir, keyring_store):
    with pytest.raises(NoVault, match="Create one"):
        Vault.open(data_dir, PASSPHRASE, keyring_store)


def test_creating_over_an_existing_vault_is_refused_and_keeps_it(
    data_dir, keyring_store, fast_kdf
):
    case_id = closed_vault_with_a_case(data_dir, keyring_store, fast_kdf)
    before = fingerprint(data_dir)
    with pytest.raises(VaultExists):
        Vault.create(data_dir, "another long passphrase", keyring_store, kdf=fast_kdf)
    assert fingerprint(data_dir) == before
    v = Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert v.cases.get(case_id)
    v.close()


def test_a_short_passphrase_is_refused_before_anything_is_written(data_dir, keyring_store):
    with pytest.raises(WeakPassphrase, match="at least"):
        Vault.create(data_dir, "short", keyring_store)
    assert not data_dir.exists()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
                     id="truncated"),
        pytest.param(lambda p: p.write_bytes(b"\0" * 8192), id="zeroed"),
        pytest.param(lambda p: p.write_bytes(b"this is not a database"), id="garbage"),
        pytest.param(lambda p: _flip_byte(p, 100), id="first-page-bit-flip"),
    ],
)
def test_a_damaged_database_file_gives_a_clear_error_and_is_left_as_it_was(
    data_dir, keyring_store, fast_kdf, damage
):
    closed_vault_with_a_case(data_dir, keyring_store, fast_kdf)
    damage(data_dir / DB_NAME)
    before = fingerprint(data_dir)
    with pytest.raises(VaultCorrupt, match="damaged"):
        v = Vault.open(data_dir, PASSPHRASE, keyring_store)
        # Damage past the first page shows only when the pages are read.
        assert all(r.ok for r in v.check()), "damage went unnoticed"
    assert fingerprint(data_dir) == before


def test_a_bit_flip_deep_in_the_file_is_found_by_the_check(data_dir, keyring_store, fast_kdf):
    v = Vault.create(data_dir, PASSPHRASE, keyring_store, kdf=fast_kdf)
    for n in range(300):
        v.cases.add(Case(case_number=f"C-{n}", family_name="Family " * 20))
    v.close()
    size = (data_dir / DB_NAME).stat().st_size
    _flip_byte(data_dir / DB_NAME, size - 2000)
    try:
        v = Vault.open(data_dir, PASSPHRASE, keyring_store)
    except VaultCorrupt:
        return  # found at open: also a clear refusal
    results = {r.name: r for r in v.check()}
    v.close()
    assert not results["page authentication"].ok


@pytest.mark.parametrize(
    "content",
    ["", "{not json", '{"format": 99}', '{"format": 1, "vault_id": "x"}', "\udcff"],
)
def test_a_damaged_key_file_gives_a_clear_error(data_dir, keyring_store, fast_kdf, content):
    closed_vault_with_a_case(data_dir, keyring_store, fast_kdf)
    (data_dir / KEYS_NAME).write_text(content, errors="surrogateescape")
    with pytest.raises(VaultCorrupt):
        Vault.open(data_dir, PASSPHRASE, keyring_store)


def test_a_missing_key_file_is_not_mistaken_for_no_vault(data_dir, keyring_store, fast_kdf):
    closed_vault_with_a_case(data_dir, keyring_store, fast_kdf)
    (data_dir / KEYS_NAME).unlink()
    with pytest.raises(VaultCorrupt, match="key file is missing"):
        Vault.open(data_dir, PASSPHRASE, keyring_store)
    with pytest.raises(VaultExists):
        Vault.create(data_dir, PASSPHRASE, keyring_store)


def test_a_vault_from_a_newer_schema_is_refused_and_not_touched(
    data_dir, keyring_store, fast_kdf
):
    v = Vault.create(data_dir, PASSPHRASE, keyring_store, kdf=fast_kdf)
    v._db.execute("PRAGMA user_version = 999")
    v.close()
    before = fingerprint(data_dir)
    with pytest.raises(SchemaTooNew, match="newer version"):
        Vault.open(data_dir, PASSPHRASE, keyring_store)
    assert fingerprint(data_dir) == before


def test_changing_the_passphrase_rewraps_the_key_without_reencrypting_data(
    data_dir, keyring_store, fast_kdf
):
    case_id = closed_vault_with_a_case(data_dir, keyring_store, fast_kdf)
    db_before = (data_dir / DB_NAME).read_bytes()
    v = Vault.open(data_dir, PASSPHRASE, keyring_store)
    v.change_passphrase(PASSPHRASE, "a brand new passphrase", keyring_store)
    v.close()
    with pytest.raises(WrongPassphrase):
        Vault.open(data_dir, PASSPHRASE, keyring_store)
    v = Vault.open(data_dir, "a brand new passphrase", keyring_store)
    assert v.cases.get(case_id)
    v.close()
    # Pages holding records are byte-for-byte the same: only the wrapping changed.
    page = 4096
    db_after = (data_dir / DB_NAME).read_bytes()
    assert db_after[page : 2 * page] == db_before[page : 2 * page]


def test_changing_the_passphrase_needs_the_old_one(data_dir, keyring_store, fast_kdf):
    closed_vault_with_a_case(data_dir, keyring_store, fast_kdf)
    keys_before = (data_dir / KEYS_NAME).read_bytes()
    v = Vault.open(data_dir, PASSPHRASE, keyring_store)
    with pytest.raises(WrongPassphrase):
        v.change_passphrase("guess guess guess", "a brand new passphrase", keyring_store)
    with pytest.raises(WeakPassphrase):
        v.change_passphrase(PASSPHRASE, "short", keyring_store)
    v.close()
    assert (data_dir / KEYS_NAME).read_bytes() == keys_before


def _flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
