"""Escrow copies sent by devices (`POST /v1/escrow`): checked strictly, kept on the device row.

HQ cannot open a copy without the offline recovery key; it checks the shape and that the copy
was sealed to HQ's current recovery key, so a bad upload is refused now, not at recovery time.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from safeconf.hq import clock, schema
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError, HQError, bad_request
from safeconf.hq.sync import pushparse
from safeconf.hq.validate import is_uuid_text
from safeconf.sync import escrow
from safeconf.sync.errors import EscrowInvalid

MAX_REQUEST = 4096


def parse_upload(body: bytes, recovery_public_pem: str | None) -> escrow.EscrowBlob:
    if recovery_public_pem is None:
        raise HQError(409, "no_recovery_key", "This HQ has no recovery key, so it keeps no "
                      "escrow copies; ask IT to run `safeconf-hq init-recovery`.")
    if len(body) > MAX_REQUEST:
        raise HQError(413, "too_large", "An escrow copy is far smaller than this.")
    parsed: Any = pushparse.parse_json(body)
    if not isinstance(parsed, dict) or set(parsed) != {"protocol", "escrow"}:
        raise bad_request("An escrow upload has exactly: protocol, escrow.")
    if parsed["protocol"] != pushparse.PROTOCOL or isinstance(parsed["protocol"], bool):
        raise HQError(400, "protocol", "This HQ speaks sync protocol 1.")
    try:
        blob = escrow.EscrowBlob.from_dict(parsed["escrow"])
    except EscrowInvalid as exc:
        raise bad_request(str(exc), "escrow_invalid") from exc
    if blob.recipient != escrow.key_fingerprint(escrow.load_public_key(recovery_public_pem)):
        raise HQError(400, "escrow_wrong_key", "This escrow copy was sealed to a different "
                      "recovery key than HQ's.")
    return blob


def store(db: Database, device_id: str, blob: escrow.EscrowBlob) -> None:
    d = schema.devices
    with db.write() as conn:
        conn.execute(update(d).where(d.c.device_id == device_id)
                     .values(escrow=blob.to_json(), escrow_at=clock.iso(clock.now())))


def load(db: Database, device_id: str) -> escrow.EscrowBlob:
    """The escrow copy HQ holds for a device; `AdminError` if there is none."""
    if not is_uuid_text(device_id):
        raise AdminError(f"{device_id!r} is not a device id (see `safeconf-hq devices`).")
    d = schema.devices
    with db.read() as conn:
        row = conn.execute(select(d.c.escrow).where(d.c.device_id == device_id)).first()
    if row is None:
        raise AdminError(f"HQ has no device {device_id!r}.")
    if row.escrow is None:
        raise AdminError(f"Device {device_id} never sent HQ its escrow copy, so it cannot be "
                         "recovered from HQ (it sends it at its next sync).")
    try:
        return escrow.EscrowBlob.from_json(row.escrow)
    except EscrowInvalid as exc:
        raise AdminError(f"The escrow copy HQ holds for device {device_id} is damaged.") from exc
