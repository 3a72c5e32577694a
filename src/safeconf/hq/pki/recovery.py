"""`safeconf-hq recover`: open a device's escrow copy with the recovery key and give IT the
recovery code to read to the caseworker. Each recovery is recorded (device id, time, admin)."""

from __future__ import annotations

import logging

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import insert

from safeconf.hq import clock, schema
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError
from safeconf.hq.operator import admin_login
from safeconf.hq.pki import escrow_store
from safeconf.sync import escrow, recovery_code
from safeconf.sync.errors import EscrowInvalid

log = logging.getLogger("safeconf.hq")


def recover(db: Database, device_id: str, private_key: X25519PrivateKey,
            admin: str | None = None) -> str:
    """The recovery code for this device's vault; recorded before it is returned, with
    `admin` (the console's signed-in person) or else the login running the command."""
    blob = escrow_store.load(db, device_id)
    try:
        data_key = escrow.open_blob(blob, private_key)
    except EscrowInvalid as exc:
        raise AdminError(f"Device {device_id}: {exc}") from exc
    with db.write() as conn:
        conn.execute(insert(schema.recoveries).values(
            device_id=device_id, recovered_at=clock.iso(clock.now()), admin=admin or admin_login(),
        ))
    log.warning("recovery code issued for device=%s", device_id)
    return recovery_code.encode(data_key)


