"""The protocol's messages as typed values, and strict readers for HQ's answers.

A reader accepts only what protocol 1 promises; anything else is a `ProtocolError`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from safeconf.domain import codec
from safeconf.domain.ack_proof import MAX_COUNTERSIGNATURE_CHARS
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.ids import parse_utc
from safeconf.domain.records import AuditEvent, RecordMeta
from safeconf.domain.validation import parse_record
from safeconf.sync.errors import ProtocolError

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_BAD = "HQ's answer was not in the expected form."


@dataclass(frozen=True)
class OutboxItem:
    """One outbox entry to push: `seq` is the device's contiguous outbox sequence from 1."""

    seq: int
    type: str
    data: Mapping[str, Any] | None  # None: superseded by a later item (vault/outbox.py)
    base_version: int | None = None

    @classmethod
    def of(cls, seq: int, record: RecordMeta, base_version: int | None = None) -> OutboxItem:
        return cls(seq, codec.type_name(record), codec.to_dict(record), base_version)

    def wire(self) -> dict[str, Any]:
        if self.data is None:
            return {"seq": self.seq, "type": self.type, "superseded": True}
        return {"seq": self.seq, "type": self.type, "data": dict(self.data),
                "base_version": self.base_version}


@dataclass(frozen=True)
class Conflict:
    """An item HQ did not take as is. HQ kept the device's version for review either way;
    `hq_data` is HQ's copy when the device may see it."""

    seq: int
    type: str
    id: str
    case_id: str
    reason: str
    message: str
    hq_type: str | None
    hq_version: int | None
    hq_data: dict[str, Any] | None


@dataclass(frozen=True)
class PushResult:
    acked_seq: int
    audit_acked_seq: int
    conflicts: tuple[Conflict, ...]
    server_time: datetime


@dataclass(frozen=True)
class PullItem:
    """One record of a page. `record` is None when this laptop cannot use what HQ sent
    (`problem` says why): the vault quarantines it and applies the rest of the page."""

    cursor: int
    type: str
    data: Any
    record: RecordMeta | None
    problem: str = ""


@dataclass(frozen=True)
class PullPage:
    """Apply `items`, delete the `purge` cases, then store `cursor` — in one vault transaction.
    `resync` means: forget the cursor and every pulled record, and pull again from 0."""

    items: tuple[PullItem, ...]
    cursor: int
    more: bool
    purge: tuple[str, ...]
    resync: bool
    # HQ's certificates for the keys that signed the page's acknowledgments, each with its
    # counter-signed list (certificate PEM, counter-signature): kept in the vault and checked
    # against the pinned CA whenever an acknowledgment is judged.
    signers: tuple[tuple[str, str], ...] = ()


MAX_SIGNERS = 200  # a page's acknowledgments come from a few laptops


@dataclass(frozen=True)
class DeviceStatus:
    device_id: str
    worker_id: str
    not_after: datetime
    status: str
    wipe: bool
    server_time: datetime
    skew_seconds: float  # HQ's clock minus this laptop's


def audit_wire(event: AuditEvent | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(event, AuditEvent):
        return {name: getattr(event, name) for name in AuditEvent.__dataclass_fields__}
    return dict(event)


def _need(ok: bool) -> None:
    if not ok:
        raise ProtocolError(_BAD)


def _int(value: Any, low: int = 0) -> int:
    _need(isinstance(value, int) and not isinstance(value, bool) and low <= value <= 2**53)
    return int(value)


def _str(value: Any, limit: int = 500) -> str:
    _need(isinstance(value, str) and len(value) <= limit)
    return str(value)


def _time(value: Any) -> datetime:
    try:
        return parse_utc(_str(value, 64))
    except ValueError as exc:
        raise ProtocolError(_BAD) from exc


def read_push_result(answer: Any, sent_up_to: int) -> PushResult:
    _need(isinstance(answer, dict))
    acked = _int(answer.get("acked_seq"))
    _need(acked <= sent_up_to)  # HQ cannot acknowledge what it was never sent
    conflicts_in = answer.get("conflicts")
    _need(isinstance(conflicts_in, list))
    conflicts = []
    for raw in conflicts_in:
        _need(isinstance(raw, dict))
        hq = raw.get("hq")
        _need(hq is None or isinstance(hq, dict))
        hq_type = hq_version = hq_data = None
        if isinstance(hq, dict):
            hq_type = _str(hq.get("type"), 64)
            hq_version = _int(hq.get("version"), 1)
            try:
                parse_record(hq_type, hq.get("data"))
                hq_data = hq["data"]
            except InvalidRecord:
                hq_data = None  # a copy this laptop cannot use is not restored from
        conflicts.append(Conflict(
            seq=_int(raw.get("seq"), 1), type=_str(raw.get("type"), 64),
            id=_str(raw.get("id"), 64), case_id=_str(raw.get("case_id"), 64),
            reason=_str(raw.get("reason"), 64), message=_str(raw.get("message")),
            hq_type=hq_type, hq_version=hq_version, hq_data=hq_data,
        ))
    return PushResult(acked, _int(answer.get("audit_acked_seq")), tuple(conflicts),
                      _time(answer.get("server_time")))


def read_pull_page(answer: Any, after: int, limit: int) -> PullPage:
    _need(isinstance(answer, dict))
    resync = answer.get("resync")
    more = answer.get("more")
    _need(isinstance(resync, bool) and isinstance(more, bool))
    cursor = _int(answer.get("cursor"))
    items_in, purge_in = answer.get("items"), answer.get("purge")
    _need(isinstance(items_in, list) and len(items_in) <= limit and isinstance(purge_in, list))
    purge = tuple(_str(p, 36) for p in purge_in)
    _need(all(_UUID.fullmatch(p) for p in purge))
    items = []
    last = after
    for raw in items_in:
        _need(isinstance(raw, dict))
        item_cursor = _int(raw.get("cursor"), 1)
        _need(item_cursor > last)  # strictly forward, or a page could be applied twice
        last = item_cursor
        rtype, data = raw.get("type"), raw.get("data")
        try:
            items.append(PullItem(item_cursor, _str(rtype, 64), data, parse_record(rtype, data)))
        except InvalidRecord as exc:
            items.append(PullItem(item_cursor, _str(rtype, 64), data, None, str(exc)[:500]))
    if resync:
        _need(not items)
    else:
        _need(cursor >= last)
    return PullPage(tuple(items), cursor, more, purge, resync, _signers(answer.get("signers")))


def _signers(raw: Any) -> tuple[tuple[str, str], ...]:
    if raw is None:  # an HQ from before signed acknowledgments
        return ()
    _need(isinstance(raw, list) and len(raw) <= MAX_SIGNERS)
    found = []
    for entry in raw:
        _need(isinstance(entry, dict))
        found.append((_str(entry.get("certificate_pem"), 16_384),
                      _str(entry.get("countersignature"), MAX_COUNTERSIGNATURE_CHARS)))
    return tuple(found)


def read_status(answer: Any, local_now: datetime) -> DeviceStatus:
    _need(isinstance(answer, dict))
    server_time = _time(answer.get("server_time"))
    wipe = answer.get("wipe")
    _need(isinstance(wipe, bool))
    return DeviceStatus(
        device_id=_str(answer.get("device_id"), 64), worker_id=_str(answer.get("worker_id"), 200),
        not_after=_time(answer.get("not_after")), status=_str(answer.get("status"), 32),
        wipe=wipe, server_time=server_time,
        skew_seconds=(server_time - local_now).total_seconds(),
    )
