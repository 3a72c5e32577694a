"""The device registry: who a verified certificate belongs to, revocation, renewal, listing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography import x509
from sqlalchemy import Connection, Row, func, insert, or_, select, update

from safeconf.domain import termsafe
from safeconf.hq import admin_audit, clock, schema
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError, HQError
from safeconf.hq.pki.ca import CertificateAuthority, cert_pem, fingerprint


@dataclass(frozen=True)
class Device:
    device_id: str
    worker_id: str
    not_after: str
    status: str
    wipe: bool
    last_sync: str | None
    chain_status: str
    chain_broken_seq: int | None
    replaces: str | None = None
    replaced_by: str | None = None
    enrolled_at: str | None = None

    @property
    def active(self) -> bool:
        return self.status == "active"


def _device(row: Row[Any]) -> Device:
    return Device(
        device_id=row.device_id, worker_id=row.worker_id, not_after=row.not_after,
        status=row.status, wipe=bool(row.wipe), last_sync=row.last_sync,
        chain_status=row.chain_status, chain_broken_seq=row.chain_broken_seq,
        replaces=row.replaces, replaced_by=row.replaced_by, enrolled_at=row.enrolled_at,
    )


def register(conn: Connection, device_id: str, worker_id: str,
             cert: x509.Certificate) -> None:
    """Record a newly issued device certificate (called inside the enrollment transaction)."""
    stamp = clock.iso(clock.now())
    conn.execute(insert(schema.devices).values(
        device_id=device_id, worker_id=worker_id, cert_serial=format(cert.serial_number, "x"),
        cert_fingerprint=fingerprint(cert), prev_fingerprint=None,
        not_after=clock.iso(cert.not_valid_after_utc), status="active", wipe=False,
        enrolled_at=stamp, last_sync=None, revoked_at=None, chain_status="ok",
        chain_broken_seq=None,
    ))
    conn.execute(insert(schema.device_seq).values(
        device_id=device_id, acked_seq=0, audit_seq=0, audit_hash="0" * 64,
    ))


def by_fingerprint(db: Database, cert_fingerprint: str) -> Device | None:
    """The device a verified certificate belongs to; checked on every request."""
    d = schema.devices
    with db.read() as conn:
        row = conn.execute(select(d).where(or_(
            d.c.cert_fingerprint == cert_fingerprint, d.c.prev_fingerprint == cert_fingerprint,
        ))).first()
    if row is None:
        return None
    if row.cert_fingerprint == cert_fingerprint and row.prev_fingerprint is not None:
        # The renewed certificate is in use, so the old one can stop working now.
        with db.write() as conn:
            conn.execute(update(d).where(d.c.device_id == row.device_id)
                         .values(prev_fingerprint=None))
    return _device(row)


def by_id(conn: Connection, device_id: str) -> Device | None:
    row = conn.execute(select(schema.devices)
                       .where(schema.devices.c.device_id == device_id)).first()
    return _device(row) if row is not None else None


def touch(conn: Connection, device_id: str) -> None:
    d = schema.devices
    conn.execute(update(d).where(d.c.device_id == device_id)
                 .values(last_sync=clock.iso(clock.now())))


def revoke(db: Database, device_id: str, wipe: bool, by: str | None = None) -> None:
    """Stop the device's certificate working (and with `wipe`, tell it to erase its data);
    `by` (the console's signed-in administrator) is recorded in HQ's audit chain."""
    d = schema.devices
    with db.write() as conn:
        successor = conn.execute(select(d.c.replaced_by)
                                 .where(d.c.device_id == device_id)).scalar_one_or_none()
        if successor is not None:
            # Kept `replaced`: a revoked device could be taken over again, forking its history.
            raise AdminError(f"Device {device_id} was replaced by {successor} when the laptop "
                             "enrolled again and no longer works; revoke that device instead.")
        changed = conn.execute(
            update(d).where(d.c.device_id == device_id)
            .values(status="revoked", wipe=wipe, revoked_at=clock.iso(clock.now()))
        ).rowcount
        if changed and by is not None:
            admin_audit.record(conn, by, "device_revoke", "device", device_id,
                               "wipe" if wipe else "")
    if not changed:
        raise AdminError(f"HQ has no device {device_id!r}.")


def renew(db: Database, ca: CertificateAuthority, device: Device,
          csr: x509.CertificateSigningRequest) -> str:
    """A new certificate for the same device and worker; the old one works until the new one
    is first seen (see `by_fingerprint`)."""
    cert = ca.issue_device_cert(csr, device.device_id, device.worker_id)
    d = schema.devices
    with db.write() as conn:
        current = conn.execute(select(d.c.cert_fingerprint, d.c.status)
                               .where(d.c.device_id == device.device_id)).one()
        if current.status != "active":
            raise HQError(403, "revoked", "This device has been revoked.", wipe=device.wipe)
        conn.execute(update(d).where(d.c.device_id == device.device_id).values(
            prev_fingerprint=current.cert_fingerprint, cert_fingerprint=fingerprint(cert),
            cert_serial=format(cert.serial_number, "x"),
            not_after=clock.iso(cert.not_valid_after_utc),
        ))
    return cert_pem(cert)


def all_devices(db: Database) -> list[Device]:
    d = schema.devices
    with db.read() as conn:
        rows = conn.execute(select(d).order_by(d.c.worker_id, d.c.enrolled_at)).all()
    return [_device(r) for r in rows]


STATUSES = ("active", "revoked", "replaced")
PAGE_SIZE = 100


def page_of_devices(db: Database, worker: str | None = None, status: str | None = None,
                    offset: int = 0, limit: int = PAGE_SIZE) -> tuple[list[Device], int]:
    """One page of the registry, by worker then enrollment, and how many match in all: two
    queries whatever the page, so thousands of devices list as fast as ten."""
    if status is not None and status not in STATUSES:
        raise AdminError(f"A device's status is one of {', '.join(STATUSES)}.")
    if offset < 0 or not 0 < limit <= 1000:
        raise AdminError("A page starts at 0 or later and holds 1 to 1000 devices.")
    d = schema.devices
    where = [c for c in (d.c.worker_id == worker if worker else None,
                         d.c.status == status if status else None) if c is not None]
    with db.read() as conn:
        total = int(conn.execute(select(func.count()).select_from(d).where(*where))
                    .scalar_one())
        rows = conn.execute(select(d).where(*where)
                            .order_by(d.c.worker_id, d.c.enrolled_at, d.c.device_id)
                            .limit(limit).offset(offset)).all()
    return [_device(r) for r in rows], total


def format_table(devices: list[Device]) -> str:
    header = ("DEVICE", "WORKER", "LAST SYNC", "CERT EXPIRES", "STATUS", "AUDIT CHAIN")
    rows: list[tuple[str, ...]] = [header]
    for dev in devices:
        status = dev.status + (" (wipe)" if dev.wipe else "")
        if dev.replaced_by:
            status += f" by {dev.replaced_by}"
        elif dev.replaces:
            status += f" (replaces {dev.replaces})"
        chain = {"ok": "ok", "restored": f"restored at seq {dev.chain_broken_seq}"}.get(
            dev.chain_status, f"BROKEN at seq {dev.chain_broken_seq}")
        cells = (dev.device_id, dev.worker_id, _short(dev.last_sync) or "never",
                 _short(dev.not_after), status, chain)
        rows.append(tuple(termsafe.safe(cell) for cell in cells))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip() for r in rows
    )


_short = clock.short
