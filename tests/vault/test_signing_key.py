"""The vault's signing key: made once per vault (also in a vault from before signing), kept
only inside the encrypted database, never replaced, never in the outbox or the key file;
acknowledgments are signed with it as they are stored, and old ones stay as they were."""

from __future__ import annotations

import base64
import json

import pytest
import sqlcipher3

from safeconf.domain.ack_proof import AckStatus, judge
from safeconf.domain.ack_signature import signature_holds
from safeconf.domain.errors import InvalidRecord
from safeconf.vault.migrations import SCHEMA_VERSION
from safeconf.vault.vault import KEYS_NAME, Vault
from tests.conftest import PASSPHRASE
from tests.vault.old_schema import undo_migrations_from_9
from tests.vault.test_append_only import acknowledged


def test_a_new_vault_signs_acknowledgments_with_its_own_key(vault) -> None:
    ack = acknowledged(vault)
    assert ack.signer_key == vault.signing_key.public_key() and signature_holds(ack)
    assert ack.attendee_name == "Ada"  # the name as recorded when it was taken
    assert vault.acknowledgments.get(ack.id) == ack


def test_the_key_survives_reopening_and_is_never_replaced_or_removed(
    vault, data_dir, keyring_store,
) -> None:
    before = vault.signing_key.public_key()
    vault.close()
    reopened = Vault.open(data_dir, PASSPHRASE, keyring_store)
    try:
        assert reopened.signing_key.public_key() == before
        db = reopened._db
        with pytest.raises(sqlcipher3.IntegrityError, match="never replaced"):
            db.execute("UPDATE signing_key SET public_key = x'00'")
        with pytest.raises(sqlcipher3.IntegrityError, match="never removed"):
            db.execute("DELETE FROM signing_key")
    finally:
        reopened.close()


def test_the_private_key_is_in_neither_the_outbox_nor_the_key_file(vault, data_dir) -> None:
    acknowledged(vault)
    private = vault._db.scalar("SELECT private_key FROM signing_key")
    assert len(private) == 32
    encoded = base64.b64encode(private).decode("ascii")
    sent = " ".join(json.dumps(p.data) for p in vault.sync.pending(1000))
    assert encoded not in sent and private.hex() not in sent
    key_file = (data_dir / KEYS_NAME).read_bytes()
    assert private not in key_file and encoded.encode() not in key_file


def test_a_signed_acknowledgment_altered_before_storing_is_refused(vault) -> None:
    ack = acknowledged(vault)
    from dataclasses import replace
    forged = replace(ack, id="0190a7a0-0000-7000-8000-0000000000aa", typed_name="Ada Ash")
    with pytest.raises(InvalidRecord, match="signature does not match"):
        vault.acknowledgments.add(forged)
    assert len(vault.acknowledgments.all()) == 1


def test_an_old_vault_keeps_its_unsigned_acknowledgments_and_gets_a_key(
    vault, data_dir, keyring_store,
) -> None:
    ack = acknowledged(vault)
    db = vault._db
    # What a version 8 vault held: no signing tables, acknowledgments without a signature.
    legacy = {k: v for k, v in json.loads(db.scalar(
        "SELECT data FROM records WHERE id = ?", (ack.id,))).items()
        if k not in ("attendee_name", "signer_key", "signature")}
    with db.transaction():
        db.execute("DROP TRIGGER records_append_only_update")
        db.execute("UPDATE records SET stored = ? WHERE id = ?", (json.dumps(legacy), ack.id))
        undo_migrations_from_9(db)
        db.execute("""CREATE TRIGGER records_append_only_update BEFORE UPDATE ON records
                      WHEN OLD.type IN ('acknowledgment') BEGIN SELECT RAISE(ABORT, 'x'); END""")
    db.execute("PRAGMA user_version = 8")
    vault.close()

    reopened = Vault.open(data_dir, PASSPHRASE, keyring_store)
    try:
        assert reopened._db.scalar("PRAGMA user_version") == SCHEMA_VERSION
        old = reopened.acknowledgments.get(ack.id)
        assert old.signature is None and old.signer_key is None and old.typed_name == "Ada"
        verdict = judge(old, [], None, reopened.signing_key.fingerprint)
        assert verdict.status is AckStatus.NOT_SIGNED and not verdict.verified
        assert len(reopened.signing_key.public_key()) == 32
    finally:
        reopened.close()


def test_a_pulled_acknowledgment_whose_signature_does_not_hold_is_quarantined(vault) -> None:
    from dataclasses import replace
    ack = acknowledged(vault)
    altered = replace(ack, id="0190a7a0-0000-7000-8000-0000000000bb", witness="Someone")
    result = vault.sync.apply_page([altered], 7)
    assert result.quarantined == 1 and result.inserted == 0
    kept = vault.sync.quarantined()
    assert kept[0]["record_id"] == altered.id
    assert "signature: does not match the signed fields" in kept[0]["problem"]
    assert len(vault.acknowledgments.all()) == 1


def test_safeconf_check_finds_an_acknowledgment_altered_in_the_vault(vault) -> None:
    ack = acknowledged(vault)
    found = {r.name: r for r in vault.check()}["acknowledgment signatures"]
    assert found.ok and found.detail == "1 signed, every signature matches"
    db = vault._db
    data = json.loads(db.scalar("SELECT data FROM records WHERE id = ?", (ack.id,)))
    with db.transaction():
        db.execute("DROP TRIGGER records_append_only_update")
        db.execute("UPDATE records SET stored = ? WHERE id = ?",
                   (json.dumps({**data, "typed_name": "Ada Ash"}), ack.id))
    found = {r.name: r for r in vault.check()}["acknowledgment signatures"]
    assert not found.ok and found.detail == f"1 of 1 do not match what was signed: {ack.id}"
