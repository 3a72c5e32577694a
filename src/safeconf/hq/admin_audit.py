"""HQ's own audit log: who at HQ read which report or request, and who changed HQ's people —
hash-chained with the laptops' scheme (`domain.auditchain.event_hash`), checked by `verify`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, insert, select, update

from safeconf.domain.auditchain import GENESIS_HASH, event_hash
from safeconf.domain.termsafe import safe
from safeconf.hq import clock, schema
from safeconf.hq.db import Database, insert_ignoring_duplicates

T = TypeVar("T")

HEAD = "admin"
MAX_DETAIL = 2000
_FIELDS = ("seq", "at", "actor", "action", "subject_type", "subject_id", "detail",
           "prev_hash")


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    at: str
    actor: str
    action: str
    subject_type: str
    subject_id: str
    detail: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    events: int  # how many events were checked
    broken_seq: int | None = None  # the first seq whose link does not hold
    reason: str = ""

    def message(self) -> str:
        if self.ok:
            counted = f"{self.events} event" + ("" if self.events == 1 else "s")
            return f"HQ's audit log is intact: {counted}, chain unbroken."
        return f"HQ's audit log is BROKEN at seq {self.broken_seq}: {self.reason}"


def _check_text(label: str, value: str, limit: int) -> None:
    if not isinstance(value, str) or not value or len(value) > limit:
        raise ValueError(f"an audit event's {label} must be 1 to {limit} characters")


def record(conn: Connection, actor: str, action: str, subject_type: str, subject_id: str,
           detail: str = "", *, now: datetime | None = None) -> AuditEvent:
    """Append one event in the caller's (writing) transaction: it commits or rolls back with
    what it records. Appends take the head row's lock, so concurrent writers form one chain."""
    _check_text("actor", actor, 200)
    _check_text("action", action, 64)
    _check_text("subject type", subject_type, 64)
    _check_text("subject id", subject_id, 200)
    if len(detail) > MAX_DETAIL:
        raise ValueError(f"an audit event's detail is at most {MAX_DETAIL} characters")
    head = schema.admin_audit_head
    conn.execute(insert_ignoring_duplicates(conn, head, ["name"])
                 .values(name=HEAD, seq=0, hash=GENESIS_HASH))
    # FOR UPDATE holds PostgreSQL writers here until this transaction ends; SQLite writers
    # are already one at a time (BEGIN IMMEDIATE).
    last_seq, last_hash = conn.execute(
        select(head.c.seq, head.c.hash).where(head.c.name == HEAD).with_for_update()
    ).one()
    body: dict[str, Any] = {
        "seq": int(last_seq) + 1, "at": clock.iso(now or clock.now()), "actor": actor,
        "action": action, "subject_type": subject_type, "subject_id": subject_id,
        "detail": detail, "prev_hash": last_hash,
    }
    digest = event_hash(body)
    conn.execute(insert(schema.admin_audit).values(**body, hash=digest))
    conn.execute(update(head).where(head.c.name == HEAD)
                 .values(seq=body["seq"], hash=digest))
    return AuditEvent(**body, hash=digest)


def read_as(db: Database, actor: str, roles: Iterable[str], subject_type: str,
            subject_id: str, load: Callable[[], T]) -> T:
    """Load content for `actor` to see: only if they hold one of `roles`, and only with the
    read recorded first (in one transaction with the check). A refused actor or a `load`
    that raises (an unknown id) records nothing; print what this returns."""
    from safeconf.hq import staff  # staff records its changes here: imported late

    with db.write() as conn:
        reader = staff.require(conn, actor, roles)
        content = load()
        record(conn, reader.name, "read", subject_type, subject_id, f"as {reader.role}")
    return content


def _event(row: Any) -> AuditEvent:
    return AuditEvent(int(row.seq), row.at, row.actor, row.action, row.subject_type,
                      row.subject_id, row.detail, row.prev_hash, row.hash)


def verify(db: Database) -> VerifyResult:
    """Walk the chain from the first event; name the first seq that was changed, removed or
    moved, and check the last event against the head so a removed tail is found too."""
    a, head = schema.admin_audit, schema.admin_audit_head
    with db.read() as conn:
        rows = [_event(r) for r in conn.execute(select(a).order_by(a.c.seq))]
        tip = conn.execute(select(head.c.seq, head.c.hash)
                           .where(head.c.name == HEAD)).first()
    prev_hash, expected = GENESIS_HASH, 1
    for event in rows:
        body = {f: getattr(event, f) for f in _FIELDS}
        if event.seq != expected:
            return VerifyResult(False, len(rows), expected,
                                f"event {expected} is missing (removed or renumbered)")
        if event.hash != event_hash(body):
            return VerifyResult(False, len(rows), event.seq,
                                "its content no longer matches its hash (changed)")
        if event.prev_hash != prev_hash:
            return VerifyResult(False, len(rows), event.seq,
                                "it does not follow the event before it (removed, moved "
                                "or replaced)")
        prev_hash, expected = event.hash, expected + 1
    tip_seq, tip_hash = (int(tip.seq), tip.hash) if tip else (0, GENESIS_HASH)
    if tip_seq != expected - 1:
        missing = expected if tip_seq >= expected else tip_seq + 1
        return VerifyResult(False, len(rows), missing,
                            f"the log ends at seq {expected - 1} but its head names seq "
                            f"{tip_seq} (events removed from the end)")
    if tip_hash != prev_hash:
        return VerifyResult(False, len(rows), tip_seq,
                            "the last event is not the one the head recorded (replaced)")
    return VerifyResult(True, len(rows))


def list_events(db: Database, since: int | None = None,
                subject: str | None = None) -> list[AuditEvent]:
    """Events after seq `since`, optionally only those about one subject id, oldest first."""
    a = schema.admin_audit
    query = select(a).order_by(a.c.seq)
    if since is not None:
        query = query.where(a.c.seq > since)
    if subject is not None:
        query = query.where(a.c.subject_id == subject)
    with db.read() as conn:
        return [_event(r) for r in conn.execute(query)]


def format_table(events: list[AuditEvent]) -> str:
    if not events:
        return "No audit events."
    rows = [("SEQ", "AT", "ACTOR", "ACTION", "SUBJECT", "DETAIL")] + [
        (str(e.seq), clock.short(e.at), safe(e.actor), safe(e.action),
         safe(f"{e.subject_type} {e.subject_id}"), safe(e.detail)) for e in events]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    return "\n".join("  ".join([c.ljust(w) for c, w in zip(r[:5], widths, strict=True)]
                               + [r[5]]).rstrip() for r in rows)
