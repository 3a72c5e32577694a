"""A new passphrase the strength meter rates below Fair is refused wherever one is set —
creating, changing, recovering — with a message saying what would be accepted, and nothing
is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeconf.domain.records import Case
from safeconf.vault.errors import WeakPassphrase
from safeconf.vault.passphrase_policy import (
    MIN_STRENGTH,
    Strength,
    check_new_passphrase,
    is_acceptable,
    strength,
)
from safeconf.vault.vault import KEYS_NAME, Vault
from tests.conftest import PASSPHRASE

# Long enough, but the meter says Weak: one letter repeated, one plain word.
WEAK = ["aaaaaaaaaaaaaaaa", "abcdefghij", "bookkeeper"]


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("weak", WEAK)
def test_the_meter_rates_these_weak_and_the_vault_takes_nothing_below_fair(weak):
    assert strength(weak) is Strength.WEAK
    assert MIN_STRENGTH is Strength.FAIR
    assert not is_acceptable(weak)
    with pytest.raises(WeakPassphrase, match="Fair or Strong"):
        check_new_passphrase(weak)


def test_the_test_passphrases_are_ones_the_vault_accepts():
    for good in (PASSPHRASE, "another fine passphrase", "a brand new passphrase"):
        assert is_acceptable(good), good
        check_new_passphrase(good)


def test_a_short_passphrase_is_told_the_length(data_dir, keyring_store):
    with pytest.raises(WeakPassphrase, match="shorter than 10 characters"):
        Vault.create(data_dir, "short1!", keyring_store)
    assert not data_dir.exists()


@pytest.mark.parametrize("weak", WEAK)
def test_creating_a_vault_with_a_weak_passphrase_writes_nothing(data_dir, keyring_store, weak):
    with pytest.raises(WeakPassphrase, match="too easy to guess"):
        Vault.create(data_dir, weak, keyring_store)
    assert not data_dir.exists()


def test_changing_to_a_weak_passphrase_changes_nothing(vault, keyring_store):
    case = vault.cases.add(Case(case_number="W-1", family_name="Weak"))
    keys_before = (vault.data_dir / KEYS_NAME).read_bytes()
    with pytest.raises(WeakPassphrase, match="Fair or Strong"):
        vault.change_passphrase(PASSPHRASE, WEAK[0], keyring_store)
    vault.close()
    assert (vault.data_dir / KEYS_NAME).read_bytes() == keys_before
    reopened = Vault.open(vault.data_dir, PASSPHRASE, keyring_store)
    assert reopened.cases.get(case.id).family_name == "Weak"
    reopened.close()


def test_recovering_to_a_weak_passphrase_changes_nothing(vault, keyring_store):
    data_key = vault.data_key()
    vault.close()
    before = files(vault.data_dir)
    with pytest.raises(WeakPassphrase):
        Vault.recover(vault.data_dir, data_key, WEAK[1], keyring_store)
    assert files(vault.data_dir) == before
