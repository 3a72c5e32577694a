"""What HQ remembers of a device's past pushes, so a laptop restored from a backup (or a VM
snapshot) is told to rebase instead of losing or duplicating anything:

- a digest per outbox seq it accepted, compared for every seq sent again;
- the branches of its audit chain: after a rebase the laptop keeps numbering its events its
  own way, and HQ stores its new events after the ones it already holds.

Everything is looked up over the device's lineage (the devices it took over from when it
enrolled again), because sequences and chains carry over to the new device.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from safeconf.domain.auditchain import GENESIS_HASH
from safeconf.hq import schema
from safeconf.hq.errors import HQError
from safeconf.hq.sync.changelog import chunks
from safeconf.hq.sync.pushparse import PushItem, SupersededItem

REBASE_MESSAGE = ("HQ already holds other changes under these numbers from this laptop "
                  "(it was restored from a backup); renumber the unsent ones and send again.")


def item_digest(item: PushItem | SupersededItem) -> str:
    """What one outbox seq held: its type, id, content and base version."""
    text = f"{item.type}\n{item.id}\n{item.digest}\n{item.base_version}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def lineage(conn: Connection, device_id: str) -> list[str]:
    """The device and every device it took over from, newest first."""
    d = schema.devices
    found = [device_id]
    while len(found) < 100:  # a chain of re-enrollments; the bound only guards a cycle
        before = conn.execute(select(d.c.replaces)
                              .where(d.c.device_id == found[-1])).scalar_one_or_none()
        if before is None or before in found:
            break
        found.append(before)
    return found


def remember_items(conn: Connection, device_id: str,
                   items: Sequence[PushItem | SupersededItem]) -> None:
    if items:
        conn.execute(insert(schema.pushed_items), [
            {"device_id": device_id, "seq": i.seq, "digest": item_digest(i)} for i in items])


def resent_items_differ(conn: Connection, devices: list[str],
                        items: Sequence[PushItem | SupersededItem]) -> bool:
    """True if any item re-sends a seq HQ accepted with other content."""
    if not items:
        return False
    pi = schema.pushed_items
    held: dict[int, str] = {}
    for part in chunks([i.seq for i in items]):
        held.update(conn.execute(select(pi.c.seq, pi.c.digest).where(
            pi.c.device_id.in_(devices), pi.c.seq.in_(part))).tuples().all())
    return any(i.seq in held and held[i.seq] != item_digest(i) for i in items)


def rebase_error(acked_seq: int, audit_acked_seq: int, audit_hash: str) -> HQError:
    return HQError(409, "rebase", REBASE_MESSAGE, acked_seq=acked_seq,
                   audit_acked_seq=audit_acked_seq, audit_hash=audit_hash)


@dataclass(frozen=True)
class Branch:
    device_from: int
    hq_from: int


class AuditNumbering:
    """Maps a device's own audit seqs to the seqs HQ stores them under, and back."""

    def __init__(self, conn: Connection, devices: list[str]) -> None:
        ab = schema.audit_branches
        rows = conn.execute(select(ab.c.device_from, ab.c.hq_from)
                            .where(ab.c.device_id.in_(devices))
                            .order_by(ab.c.device_from)).all()
        self._conn = conn
        self._devices = devices
        self.branches = [Branch(int(r.device_from), int(r.hq_from)) for r in rows]

    def to_hq(self, device_seq: int) -> int:
        for branch in reversed(self.branches):
            if device_seq >= branch.device_from:
                return branch.hq_from + device_seq - branch.device_from
        return device_seq

    def to_device(self, hq_seq: int) -> int:
        """The device's seq for HQ's last stored seq (`hq_seq` = the device's audit_seq)."""
        if not self.branches:
            return hq_seq
        last = self.branches[-1]
        return last.device_from + hq_seq - last.hq_from

    def hashes(self, hq_seqs: Sequence[int]) -> dict[int, str]:
        """HQ's stored hash at each of these seqs (HQ numbering), over the lineage."""
        ae = schema.audit_events
        found: dict[int, str] = {}
        for part in chunks(sorted(set(hq_seqs))):
            found.update(self._conn.execute(
                select(ae.c.seq, ae.c.hash).where(ae.c.device_id.in_(self._devices),
                                                  ae.c.seq.in_(part))).tuples().all())
        return found

    def hash_at(self, hq_seq: int) -> str | None:
        if hq_seq == 0:
            return GENESIS_HASH
        return self.hashes([hq_seq]).get(hq_seq)

    def branch_off(self, device_id: str, device_from: int, hq_from: int, fork_seq: int,
                   now: str) -> None:
        """From `device_from` on, the device's events go to HQ seqs from `hq_from`; any
        later branch of an older restore is left behind (the laptop went back before it)."""
        ab = schema.audit_branches
        self._conn.execute(delete(ab).where(ab.c.device_id.in_(self._devices),
                                            ab.c.device_from >= device_from))
        self._conn.execute(insert(ab).values(device_id=device_id, device_from=device_from,
                                             hq_from=hq_from, fork_seq=fork_seq,
                                             created_at=now))
        self.branches = [b for b in self.branches if b.device_from < device_from]
        self.branches.append(Branch(device_from, hq_from))


def renumbered(events: Sequence[dict[str, Any]], numbering: AuditNumbering,
               ) -> list[tuple[int, dict[str, Any]]]:
    """(HQ seq, event as the device wrote it) for each event."""
    return [(numbering.to_hq(e["seq"]), e) for e in events]
