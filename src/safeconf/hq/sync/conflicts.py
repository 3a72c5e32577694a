"""`safeconf-hq conflicts`: review the changes HQ kept instead of taking them — list them
(ids and reasons only), show both versions to a reviewer, and settle each one by keeping HQ's
copy or making the device's version HQ's next version. Nothing is ever deleted."""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from safeconf.domain import codec, termsafe
from safeconf.domain.caseless import is_caseless
from safeconf.domain.change_rules import judge_change
from safeconf.domain.codec import MUTABLE_TYPES
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.statements import current_statements
from safeconf.hq import clock, schema
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError
from safeconf.hq.operator import admin_login
from safeconf.hq.sync.changelog import canonical_record
from safeconf.hq.sync.push import CASE_FIELDS_OWNED_BY_HQ, REASONS, stored_copy, take_version
from safeconf.hq.sync.pushparse import PushItem
from safeconf.hq.sync.record_view import HQRecordView

log = logging.getLogger("safeconf.hq")

KEEP_CHOICES = ("hq", "device")
MAX_NOTE_CHARS = 2000
MAX_CONFLICT_ID = 2**31 - 1  # the column is a 32-bit integer on PostgreSQL
# Shown in `show` even when equal on both sides: which part of the conference it is.
CONTEXT_FIELDS = {"note": ("section",), "attendee": ("role",)}


@dataclass(frozen=True)
class Resolution:
    kept: str  # hq | device
    resolved_by: str
    resolved_at: str
    note: str | None
    hq_version: int | None
    new_version: int | None


@dataclass(frozen=True)
class ConflictSummary:
    """What the list shows: ids, types and reasons, never record content."""

    conflict_id: int
    created_at: str
    device_id: str
    worker_id: str | None
    record_type: str
    record_id: str
    case_id: str
    case_number: str | None
    reason: str
    needs_review: bool
    resolution: Resolution | None


@dataclass(frozen=True)
class ConflictDetail:
    summary: ConflictSummary
    batch_id: str
    seq: int
    base_version: int | None
    hq_version_then: int | None
    device_data: dict[str, Any]
    hq_type: str | None  # HQ's current copy of the record id, if any
    hq_data: dict[str, Any] | None


def parse_id(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_CONFLICT_ID:
        raise AdminError(f"HQ has no conflict {text!r}; `safeconf-hq conflicts --all` lists "
                         "them.")
    return int(text)


def _select_conflicts() -> Any:
    c, d, k, r = schema.conflicts, schema.devices, schema.cases, schema.conflict_resolutions
    return (
        select(c, d.c.worker_id, k.c.case_number, r.c.kept, r.c.resolved_by, r.c.resolved_at,
               r.c.note.label("resolution_note"), r.c.hq_version.label("resolved_hq_version"),
               r.c.new_version)
        .select_from(c.outerjoin(d, d.c.device_id == c.c.device_id)
                     .outerjoin(k, k.c.case_id == c.c.case_id)
                     .outerjoin(r, r.c.conflict_id == c.c.conflict_id))
    )


def _summary(row: Row[Any]) -> ConflictSummary:
    resolution = None if row.kept is None else Resolution(
        row.kept, row.resolved_by, row.resolved_at, row.resolution_note,
        row.resolved_hq_version, row.new_version)
    return ConflictSummary(
        conflict_id=row.conflict_id, created_at=row.created_at, device_id=row.device_id,
        worker_id=row.worker_id, record_type=row.record_type, record_id=row.record_id,
        case_id=row.case_id, case_number=row.case_number, reason=row.reason,
        needs_review=bool(row.needs_review), resolution=resolution,
    )


def list_conflicts(db: Database, include_resolved: bool = False) -> list[ConflictSummary]:
    c = schema.conflicts
    query = _select_conflicts().order_by(c.c.conflict_id)
    if not include_resolved:
        query = query.where(c.c.needs_review.is_(True))
    with db.read() as conn:
        return [_summary(row) for row in conn.execute(query).all()]


def _status(summary: ConflictSummary) -> str:
    done = summary.resolution
    if done is None:
        return "open" if summary.needs_review else "reviewed"
    return f"kept {done.kept} by {done.resolved_by}"


def format_table(conflicts: list[ConflictSummary], include_resolved: bool = False) -> str:
    """Ids, times, types and reasons only: this runs in admin terminals and their logs, so
    no note text, names or resolution notes."""
    if not conflicts:
        return "No conflicts." if include_resolved else "No open conflicts."
    header = ("ID", "WHEN", "DEVICE", "WORKER", "TYPE", "CASE", "REASON", "STATUS")
    rows: list[tuple[str, ...]] = [header]
    for item in conflicts:
        cells = (str(item.conflict_id), clock.short(item.created_at), item.device_id,
                 item.worker_id or "-", item.record_type, item.case_number or "-",
                 item.reason, _status(item))
        rows.append(tuple(termsafe.safe(cell) for cell in cells))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip() for r in rows
    )


def load(db: Database, conflict_id: int) -> ConflictDetail:
    c, r = schema.conflicts, schema.records
    with db.read() as conn:
        row = conn.execute(_select_conflicts().where(c.c.conflict_id == conflict_id)).first()
        if row is None:
            raise _unknown(conflict_id)
        hq = conn.execute(select(r.c.type, r.c.data).where(r.c.id == row.record_id)).first()
    return ConflictDetail(
        summary=_summary(row), batch_id=row.batch_id, seq=row.seq,
        base_version=row.base_version, hq_version_then=row.hq_version,
        device_data=json.loads(row.incoming_data),
        hq_type=None if hq is None else hq.type,
        hq_data=None if hq is None else json.loads(hq.data),
    )


def _unknown(conflict_id: int) -> AdminError:
    return AdminError(f"HQ has no conflict {conflict_id}; `safeconf-hq conflicts --all` lists "
                      "them.")


def format_detail(detail: ConflictDetail) -> str:
    s = detail.summary
    hq_label = "HQ" if detail.hq_data is None else f"HQ (v{detail.hq_data.get('version')})"
    device_label = f"device (v{detail.device_data.get('version')})"
    lines = [
        f"Conflict {s.conflict_id}: {s.reason}",
        f"  {REASONS.get(s.reason, '')}".rstrip(),
        f"  record:   {s.record_type} {s.record_id}",
        f"  case:     {s.case_number or '(not at HQ)'} ({s.case_id})",
        f"  device:   {s.device_id} (worker {s.worker_id or 'unknown'}), "
        f"push seq {detail.seq}, {clock.short(s.created_at)}",
        f"  versions: the device sent v{detail.device_data.get('version')}"
        + (f" on top of v{detail.base_version}" if detail.base_version is not None else "")
        + (f"; HQ had v{detail.hq_version_then}" if detail.hq_version_then is not None
           else "; HQ had no copy it could show the device")
        + (f", HQ now has v{detail.hq_data.get('version')}" if detail.hq_data is not None
           else ", HQ has no copy now"),
        f"  status:   {_status(s)}",
    ]
    done = s.resolution
    if done is not None:
        stored = (f"; stored as v{done.new_version}" if done.new_version is not None else "")
        lines.append(f"            on {clock.short(done.resolved_at)}{stored}")
        if done.note:
            lines.extend(_value_lines("note:    ", done.note, 2))
    if detail.hq_type is not None and detail.hq_type != s.record_type:
        lines.append(f"  HQ holds this id as a {detail.hq_type}, not a {s.record_type}.")
    lines.append("")
    hq = detail.hq_data or {}
    device = detail.device_data
    shown = [f for f in CONTEXT_FIELDS.get(s.record_type, ()) if f in device or f in hq]
    differing = [f for f in sorted(set(device) | set(hq))
                 if f not in shown and (f not in device or f not in hq
                                        or device[f] != hq[f])]
    if not differing:
        lines.append("Both versions have the same content.")
    width = max([len(hq_label), len(device_label)]) + 1
    for name in shown + differing:
        if name in shown and device.get(name) == hq.get(name):
            lines.append(f"{name}  (same on both)")
            lines.extend(_value_lines("", device.get(name), 2))
            continue
        lines.append(name)
        for label, data in ((hq_label, hq), (device_label, device)):
            value = data.get(name, _MISSING)
            lines.extend(_value_lines(f"{label}:".ljust(width), value, 2))
    return _printable("\n".join(lines))


_MISSING = object()


def _printable(text: str) -> str:
    # Record text comes from devices: it must not drive, reorder or hide what the admin reads.
    return termsafe.safe_lines(text)


def _value_lines(label: str, value: object, indent: int) -> list[str]:
    pad = " " * indent
    if value is _MISSING:
        text = "(absent)"
    elif value is None:
        text = "(none)"
    elif isinstance(value, str):
        text = value if value else '""'
    else:
        text = json.dumps(value, ensure_ascii=False)
    first, *rest = text.split("\n")
    out = [f"{pad}{label} {first}".rstrip() if label else f"{pad}{first}"]
    cont = pad + " " * (len(label) + 1 if label else 0)
    out.extend(f"{cont}{line}".rstrip() for line in rest)
    return out


def resolve(db: Database, conflict_id: int, keep: str, note: str | None = None,
            admin: str | None = None) -> Resolution:
    """Settle one open conflict. `keep="hq"` marks it reviewed; `keep="device"` stores the
    device's version as HQ's next version of the record, as a push would. Both are recorded
    with the admin's login and the time, in one transaction."""
    if keep not in KEEP_CHOICES:
        raise AdminError(f"--keep must be one of {', '.join(KEEP_CHOICES)}.")
    if note is not None and len(note) > MAX_NOTE_CHARS:
        raise AdminError(f"The note is too long (at most {MAX_NOTE_CHARS} characters).")
    who = admin or admin_login()
    now = clock.iso(clock.now())
    c, r = schema.conflicts, schema.conflict_resolutions
    with db.write() as conn:
        row = conn.execute(select(c).where(c.c.conflict_id == conflict_id)
                           .with_for_update()).first()
        if row is None:
            raise _unknown(conflict_id)
        done = conn.execute(select(r).where(r.c.conflict_id == conflict_id)).first()
        if done is not None:
            raise AdminError(
                f"Conflict {conflict_id} was already resolved on {clock.short(done.resolved_at)}"
                f" by {done.resolved_by} (kept {done.kept}); nothing changed.")
        if not row.needs_review:
            raise AdminError(f"Conflict {conflict_id} is already marked reviewed; nothing "
                             "changed.")
        hq_version: int | None = None
        new_version: int | None = None
        if keep == "device" and is_caseless(row.record_type):
            # Storing it as a record would put it in the change log, and so on laptops.
            raise AdminError(f"Conflict {conflict_id} is over a record of no case, which "
                             "HQ keeps only as first received; resolve it with --keep hq.")
        if keep == "device":
            hq_version, new_version = _keep_device(conn, row, now)
        else:
            hq_version = conn.execute(select(schema.records.c.version)
                                      .where(schema.records.c.id == row.record_id)
                                      ).scalar_one_or_none()
        conn.execute(insert(r).values(
            conflict_id=conflict_id, kept=keep, resolved_by=who, resolved_at=now, note=note,
            hq_version=hq_version, new_version=new_version,
        ))
        conn.execute(update(c).where(c.c.conflict_id == conflict_id).values(needs_review=False))
    log.info("conflict %s resolved (kept %s) record=%s", conflict_id, keep, row.record_id)
    return Resolution(keep, who, now, note, hq_version, new_version)


def _keep_device(conn: Connection, row: Row[Any], now: str) -> tuple[int | None, int]:
    """Store the device's version as HQ's next version; (HQ's version before, the new one)."""
    rtype = row.record_type
    if rtype not in MUTABLE_TYPES:
        raise AdminError(
            f"A {rtype} is insert-only: HQ never replaces one it holds, so the device's "
            "version cannot become the current one. Resolve with --keep hq; the device's "
            "version stays readable with `safeconf-hq conflicts show`.")
    current = stored_copy(conn, row.record_id)
    if current is not None and current.type != rtype:
        raise AdminError(f"HQ holds this id as a {current.type}, not a {rtype}; the device's "
                         "version cannot replace it. Resolve with --keep hq.")
    if current is not None and current.case_id != row.case_id:
        raise AdminError("HQ holds this record under another case; the device's version "
                         "cannot move it. Resolve with --keep hq.")
    k = schema.cases
    case = conn.execute(select(k.c.case_number, k.c.sealed).where(k.c.case_id == row.case_id)
                        .with_for_update()).first()
    if case is None:
        raise AdminError("The case this change belongs to does not exist at HQ, so the "
                         "device's version cannot be stored. Resolve with --keep hq.")
    if case.sealed:
        raise AdminError(f"Case {case.case_number} is sealed: nothing new reaches it. Unseal "
                         "it first (`safeconf-hq cases unseal`) if the device's version should "
                         "stand, or resolve with --keep hq.")
    a = schema.assignments
    if conn.execute(select(a.c.worker_id).where(a.c.case_id == row.case_id,
                                                a.c.active.is_(True))).first() is None:
        raise AdminError(f"Case {case.case_number} is assigned to no worker (withdrawn from "
                         "every laptop). Assign it first (`safeconf-hq cases assign`) if the "
                         "device's version should stand, or resolve with --keep hq.")
    try:
        record = codec.from_dict(codec.RECORD_TYPES[rtype], json.loads(row.incoming_data))
    except (InvalidRecord, ValueError, TypeError) as exc:
        raise AdminError(f"The device's version can no longer be read as a {rtype} "
                         f"({exc}); resolve with --keep hq.") from exc
    if rtype == "case" and current is not None:
        hq_case = json.loads(current.data)
        incoming = json.loads(canonical_record(record)[0])
        if any(hq_case.get(f) != incoming.get(f) for f in CASE_FIELDS_OWNED_BY_HQ):
            raise AdminError("This version changes the case number, assignments or sealing, "
                             "which HQ manages (`safeconf-hq cases`); resolve with --keep hq "
                             "and make any such change there.")
    new_version = current.version + 1 if current is not None else record.version
    record = dataclasses.replace(record, version=new_version)
    # Settling is one more place a record lands: the conference rules hold here too, so a
    # finalized record is never replaced by a settled conflict either.
    view = HQRecordView(conn)
    refusal = judge_change(record, view.current(record.id), view, current_statements())
    if refusal is not None:
        raise AdminError(f"{refusal.message} The device's version cannot become the current "
                         "one; resolve with --keep hq (it stays readable with `safeconf-hq "
                         "conflicts show`).")
    data, digest = canonical_record(record)
    item = PushItem(seq=row.seq, type=rtype, record=record, data=data, digest=digest,
                    base_version=None if current is None else current.version)
    if not take_version(conn, item, current, "hq", now):
        raise AdminError("Another change to this record arrived at the same moment; nothing "
                         "changed. Look at the conflict again and retry.")
    return (None if current is None else current.version), new_version
