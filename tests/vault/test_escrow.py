"""The escrow copy of the data key (sealed to HQ's X25519 recovery key) and the recovery code:
round trips, and refusals for the wrong key, tampering and typing mistakes."""

from __future__ import annotations

import base64
import json
import os

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from safeconf.sync import escrow, recovery_code
from safeconf.sync.errors import EscrowInvalid, RecoveryCodeInvalid
from safeconf.vault import keys
from safeconf.vault.errors import VaultLocked
from safeconf.vault.vault import KEYS_NAME, Vault
from tests.conftest import PASSPHRASE

VAULT_ID = "0193a5b2-7c1e-7d4a-9f00-1234567890ab"


@pytest.fixture
def hq_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def test_an_escrow_copy_opens_with_hqs_recovery_key_to_the_same_data_key(hq_key):
    data_key = os.urandom(32)
    blob = escrow.seal(data_key, VAULT_ID, hq_key.public_key())
    again = escrow.EscrowBlob.from_json(blob.to_json())
    assert again == blob
    assert escrow.open_blob(again, hq_key) == data_key
    assert data_key.hex() not in blob.to_json() and base64.b64encode(data_key).decode() \
        not in blob.to_json()


def test_two_escrow_copies_of_one_key_differ(hq_key):
    data_key = os.urandom(32)
    first = escrow.seal(data_key, VAULT_ID, hq_key.public_key())
    second = escrow.seal(data_key, VAULT_ID, hq_key.public_key())
    assert first.ephemeral_public != second.ephemeral_public
    assert first.ciphertext != second.ciphertext


def test_another_recovery_key_cannot_open_an_escrow_copy(hq_key):
    blob = escrow.seal(os.urandom(32), VAULT_ID, hq_key.public_key())
    with pytest.raises(EscrowInvalid, match="different HQ recovery key"):
        escrow.open_blob(blob, X25519PrivateKey.generate())
    # Even with the recipient label forged to match, the key agreement gives the wrong key.
    impostor = X25519PrivateKey.generate()
    forged = escrow.EscrowBlob(blob.vault_id, escrow.key_fingerprint(impostor.public_key()),
                               blob.ephemeral_public, blob.nonce, blob.ciphertext)
    with pytest.raises(EscrowInvalid, match="damaged or was altered"):
        escrow.open_blob(forged, impostor)


@pytest.mark.parametrize("field", ["ciphertext", "nonce", "ephemeral_public"])
def test_a_flipped_bit_anywhere_is_refused(hq_key, field):
    blob = escrow.seal(os.urandom(32), VAULT_ID, hq_key.public_key())
    raw = blob.to_dict()
    value = bytearray(base64.b64decode(raw[field]))
    value[len(value) // 2] ^= 0x01
    raw[field] = base64.b64encode(bytes(value)).decode()
    with pytest.raises(EscrowInvalid):
        escrow.open_blob(escrow.EscrowBlob.from_dict(raw), hq_key)


def test_an_escrow_copy_cannot_be_passed_off_as_another_vaults(hq_key):
    blob = escrow.seal(os.urandom(32), VAULT_ID, hq_key.public_key())
    moved = escrow.EscrowBlob.from_dict({**blob.to_dict(), "vault_id": "another-vault"})
    with pytest.raises(EscrowInvalid):
        escrow.open_blob(moved, hq_key)


@pytest.mark.parametrize("junk", [
    "[]", "{}", '{"format": 1}', "not json", '"text"',
    None,  # filled in below: an unknown format number
])
def test_malformed_escrow_json_is_refused(hq_key, junk):
    if junk is None:
        raw = escrow.seal(os.urandom(32), VAULT_ID, hq_key.public_key()).to_dict()
        junk = json.dumps({**raw, "format": 2})
    with pytest.raises(EscrowInvalid):
        escrow.EscrowBlob.from_json(junk)


def test_an_escrow_copy_with_extra_fields_or_wrong_sizes_is_refused(hq_key):
    raw = escrow.seal(os.urandom(32), VAULT_ID, hq_key.public_key()).to_dict()
    for bad in ({**raw, "extra": "x"}, {**raw, "nonce": base64.b64encode(b"1" * 16).decode()},
                {**raw, "ciphertext": "%%%"}, {**raw, "format": True}):
        with pytest.raises(EscrowInvalid):
            escrow.EscrowBlob.from_dict(bad)
    with pytest.raises(EscrowInvalid, match="larger"):
        escrow.EscrowBlob.from_json(" " * 5000)


def test_the_recovery_code_round_trips_in_any_case_and_spacing():
    data_key = os.urandom(32)
    code = recovery_code.encode(data_key)
    groups = code.split("-")
    assert len(groups) == 14 and all(len(g) == 4 for g in groups)
    assert recovery_code.decode(code) == data_key
    assert recovery_code.decode(" ".join(groups).lower()) == data_key


def test_a_mistyped_recovery_code_is_caught_by_its_check_letters():
    code = recovery_code.encode(os.urandom(32))
    position = 7
    swapped = "B" if code[position] != "B" else "C"
    typo = code[:position] + swapped + code[position + 1:]
    with pytest.raises(RecoveryCodeInvalid, match="typing mistake"):
        recovery_code.decode(typo)
    with pytest.raises(RecoveryCodeInvalid, match="56 letters"):
        recovery_code.decode(code[:-3])
    with pytest.raises(RecoveryCodeInvalid, match="cannot be in one"):
        recovery_code.decode(code[:-1] + "=")


def test_a_key_file_carries_its_escrow_entry_and_old_key_files_still_read(hq_key, fast_kdf):
    data_key = keys.new_data_key()
    plain = keys.wrap(data_key, PASSPHRASE, None, VAULT_ID, fast_kdf)
    assert "escrow" not in json.loads(plain.to_json())  # the format earlier versions wrote
    assert keys.KeyFile.from_json(plain.to_json()).escrow is None
    entry = escrow.seal(data_key, VAULT_ID, hq_key.public_key()).to_dict()
    with_escrow = keys.KeyFile.from_json(plain.with_escrow(entry).to_json())
    assert with_escrow.escrow == entry
    assert keys.unwrap(with_escrow, PASSPHRASE, None) == data_key


def test_a_damaged_escrow_entry_does_not_lock_the_caseworker_out(fast_kdf):
    data_key = keys.new_data_key()
    body = json.loads(keys.wrap(data_key, PASSPHRASE, None, VAULT_ID, fast_kdf).to_json())
    body["escrow"] = "garbage"
    key_file = keys.KeyFile.from_json(json.dumps(body))
    assert key_file.escrow is None and keys.unwrap(key_file, PASSPHRASE, None) == data_key


def test_the_vault_holds_its_data_key_only_while_unlocked(vault, hq_key):
    data_key = vault.data_key()
    assert len(data_key) == 32
    vault.save_escrow(escrow.seal(data_key, vault.vault_id, hq_key.public_key()).to_dict())
    vault.lock()
    with pytest.raises(VaultLocked):
        vault.data_key()


def test_changing_the_passphrase_keeps_the_escrow_entry(vault, keyring_store, hq_key):
    entry = escrow.seal(vault.data_key(), vault.vault_id, hq_key.public_key()).to_dict()
    vault.save_escrow(entry)
    vault.change_passphrase(PASSPHRASE, "a brand new passphrase", keyring_store)
    vault.close()
    stored = json.loads((vault.data_dir / KEYS_NAME).read_text())
    assert stored["escrow"] == entry
    reopened = Vault.open(vault.data_dir, "a brand new passphrase", keyring_store)
    try:
        assert escrow.open_blob(escrow.EscrowBlob.from_dict(reopened.escrow),
                                hq_key) == reopened.data_key()
        assert [e.action for e in reopened.audit.events()][-2:] == [
            "escrow_made", "passphrase_changed"]
    finally:
        reopened.close()
