"""A page of HQ's change log for one device: only its worker's visible cases, plus the list of
cases the device must delete (unassigned, sealed, or closed past retention).

The page ends at the change counter as read at the start: every seq up to it has committed
(they are handed out under a row lock, see `db.allocate_change_seqs`), so the cursor a device
gets back never jumps over a change still in flight.

A page is bounded by bytes as well as by count (`PULL_PAGE_BYTES`): the sizes are read first
and only the rows that fit are loaded, so one device's large records can neither stop another
device's pulls nor fill HQ's memory.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    LargeBinary,
    Row,
    Select,
    and_,
    cast,
    func,
    or_,
    select,
)

from safeconf.domain.ack_signature import key_fingerprint
from safeconf.domain.limits import PULL_PAGE_BYTES
from safeconf.hq import clock, schema
from safeconf.hq.db import Database, head_change_seq
from safeconf.hq.errors import bad_request
from safeconf.hq.pki.devices import Device
from safeconf.hq.sync.changelog import chunks
from safeconf.sync.messages import MAX_SIGNERS

DEFAULT_LIMIT = 500
MAX_LIMIT = 1000
MAX_CURSOR = 2**53
# What one item adds around its record's JSON: {"cursor":N,"type":"…","data":…}, with room.
ITEM_OVERHEAD_BYTES = 96
SIGNERS_BUDGET_BYTES = 1024 * 1024  # the signer certificates a page carries beside its items


@dataclass(frozen=True)
class PullQuery:
    cursor: int
    limit: int


def parse_query(cursor_text: str | None, limit_text: str | None) -> PullQuery:
    try:
        cursor = int(cursor_text) if cursor_text is not None else 0
        limit = int(limit_text) if limit_text is not None else DEFAULT_LIMIT
    except ValueError as exc:
        raise bad_request("cursor and limit must be whole numbers.") from exc
    if not 0 <= cursor <= MAX_CURSOR:
        raise bad_request("cursor is out of range.")
    if not 1 <= limit <= MAX_LIMIT:
        raise bad_request(f"limit must be between 1 and {MAX_LIMIT}.")
    return PullQuery(cursor, limit)


def _case_access(conn: Connection, worker_id: str, cutoff: str) -> tuple[list[str], list[str]]:
    """(visible case ids, case ids to purge) for a worker; closed before `cutoff` = expired."""
    a, c = schema.assignments, schema.cases
    rows = conn.execute(
        select(c.c.case_id, c.c.sealed, c.c.status, c.c.closed_at, a.c.active)
        .join(a, a.c.case_id == c.c.case_id).where(a.c.worker_id == worker_id)
    ).all()
    visible, purge = [], []
    for row in rows:
        expired = row.status == "closed" and row.closed_at is not None and row.closed_at < cutoff
        if row.active and not row.sealed and not expired:
            visible.append(row.case_id)
        else:
            purge.append(row.case_id)
    return visible, sorted(purge)


def _visible_subquery(worker_id: str, cutoff: str) -> Select[tuple[str]]:
    a, c = schema.assignments, schema.cases
    return (
        select(a.c.case_id).join(c, c.c.case_id == a.c.case_id)
        .where(
            a.c.worker_id == worker_id, a.c.active.is_(True), c.c.sealed.is_(False),
            or_(c.c.status != "closed", c.c.closed_at.is_(None), c.c.closed_at >= cutoff),
        )
    )


def pull_page(db: Database, device: Device, query: PullQuery, retention: timedelta) -> bytes:
    """The answer as JSON bytes; stored record JSON is spliced in without re-encoding."""
    ch, r = schema.changes, schema.records
    cutoff = clock.iso(clock.now() - retention)
    with db.read() as conn:
        head = head_change_seq(conn)
        _visible, purge = _case_access(conn, device.worker_id, cutoff)
        if query.cursor > head:
            # A cursor HQ never handed out: its log was restored from an older backup.
            return _answer([], 0, False, purge, resync=True)
        sizes = conn.execute(
            select(ch.c.seq, _byte_length(conn, r.c.data).label("size"))
            .join(r, r.c.id == ch.c.record_id)
            .where(and_(ch.c.seq > query.cursor, ch.c.seq <= head,
                        ch.c.case_id.in_(_visible_subquery(device.worker_id, cutoff))))
            .order_by(ch.c.seq)
            .limit(query.limit + 1)
        ).all()
        chosen = _fit_page(sizes, query.limit, PULL_PAGE_BYTES)
        more = len(chosen) < len(sizes)
        rows = _load(conn, chosen)
        signers = _signers(conn, rows)
    cursor = chosen[-1] if more else head
    items = [f'{{"cursor":{row.seq},"type":{json.dumps(row.type)},"data":{row.data}}}'
             for row in rows]
    return _answer(items, cursor, more, purge, resync=False, signers=signers)


def _signers(conn: Connection, rows: list[Any]) -> list[dict[str, str]]:
    """HQ's certifications of the keys that signed the page's acknowledgments, so a laptop
    can check another laptop's signatures against the CA it pinned."""
    keys: set[str] = set()
    for row in rows:
        if row.type == "acknowledgment":
            signer = json.loads(row.data).get("signer_key")
            if isinstance(signer, str):
                try:
                    keys.add(key_fingerprint(base64.b64decode(signer, validate=True)))
                except ValueError:
                    continue
    if not keys:
        return []
    sc = schema.signing_certificates
    found = conn.execute(select(sc.c.certificate_pem, sc.c.countersignature)
                         .where(sc.c.key_fingerprint.in_(sorted(keys)))
                         .order_by(sc.c.id).limit(MAX_SIGNERS)).all()
    signers: list[dict[str, str]] = []
    used = 0
    for r in found:  # bounded in bytes too; a signer left out comes with a later page
        used += len(r.certificate_pem) + len(r.countersignature)
        if signers and used > SIGNERS_BUDGET_BYTES:
            break
        signers.append({"certificate_pem": r.certificate_pem,
                        "countersignature": r.countersignature})
    return signers


def _byte_length(conn: Connection, column: ColumnElement[str]) -> ColumnElement[int]:
    """Size in UTF-8 bytes (not characters) of a text column, on either database."""
    if conn.dialect.name == "postgresql":
        return func.octet_length(column)
    return func.length(cast(column, LargeBinary))  # SQLite: a blob's length is in bytes


def _fit_page(sizes: Sequence[Row[Any]], limit: int, budget: int) -> list[int]:
    """The seqs of the first rows that fit `limit` and `budget`; always at least one, so a
    record larger than the budget still goes, alone."""
    chosen: list[int] = []
    used = 0
    for row in sizes[:limit]:
        cost = int(row.size) + ITEM_OVERHEAD_BYTES
        if chosen and used + cost > budget:
            break
        chosen.append(int(row.seq))
        used += cost
    return chosen


def _load(conn: Connection, seqs: list[int]) -> list[Any]:
    """The chosen rows with their data, in seq order. In the same read transaction on
    SQLite; on PostgreSQL a record re-logged meanwhile has left its old seq for a higher one
    and is simply served by a later page."""
    ch, r = schema.changes, schema.records
    rows: list[Any] = []
    for part in chunks(seqs):
        rows.extend(conn.execute(
            select(ch.c.seq, r.c.type, r.c.data).join(r, r.c.id == ch.c.record_id)
            .where(ch.c.seq.in_(part)).order_by(ch.c.seq)
        ).all())
    return rows


def _answer(items: list[str], cursor: int, more: bool, purge: list[str], resync: bool,
            signers: list[dict[str, str]] | None = None) -> bytes:
    tail = json.dumps({"cursor": cursor, "more": more, "purge": purge, "resync": resync,
                       "signers": signers or []})
    return ('{"items":[' + ",".join(items) + "]," + tail[1:]).encode("utf-8")
