"""A new escrow copy when a vault's data key changes (a passphrase change or a recovery on a
laptop without a keyring): HQ's copy of the old key opens nothing any more.

Passed to `Vault.change_passphrase` / `Vault.recover` as `reseal_escrow`; they call it before
the database is copied under the new key, so the "pending" mark set here travels with the
copy and the next sync sends the new escrow copy first (`engine.upload_escrow_if_pending`).
Should the key change stop before its point of no return, the mark stays on the old
database and the next sync merely sends the old, still valid, copy again.
"""

from __future__ import annotations

from typing import Any

from safeconf.sync import escrow
from safeconf.sync.engine import ESCROW_UPLOAD, RECOVERY_KEY
from safeconf.vault.vault import Vault


def reseal_escrow(vault: Vault, new_data_key: bytes) -> dict[str, Any] | None:
    """The escrow entry for `new_data_key`, sealed to HQ's recovery key, with its upload
    marked pending; None when HQ gave this laptop no recovery key (nothing to renew)."""
    pem = vault.sync.get(RECOVERY_KEY)
    if pem is None:
        return None
    sealed = escrow.seal(new_data_key, vault.vault_id, escrow.load_public_key(pem)).to_dict()
    vault.sync.put(ESCROW_UPLOAD, "pending")
    return sealed
