"""Checking a push request before anything is stored: shape, types, records, audit events.

Anything wrong is a 400 for the whole batch; the device's outbox stays as it was.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from safeconf.domain import codec
from safeconf.domain.auditchain import canonical_json
from safeconf.domain.codec import MUTABLE_TYPES
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.records import AuditEvent, RecordMeta
from safeconf.domain.validation import FieldError, parse_record
from safeconf.hq.errors import HQError, bad_request
from safeconf.hq.validate import is_hex64, is_uuid_text

PROTOCOL = 1
MAX_ITEMS = 2000
MAX_AUDIT = 5000
MAX_INT = 2**53  # what every JSON reader represents exactly
AUDIT_FIELDS = tuple(f.name for f in dataclasses.fields(AuditEvent))
_AUDIT_TEXT_LIMIT = 400


@dataclass(frozen=True)
class PushItem:
    seq: int
    type: str
    record: RecordMeta
    data: str  # canonical JSON of the record as HQ stores it
    digest: str  # sha256 of `data`
    base_version: int | None

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def case_id(self) -> str:
        return self.record.case_id


@dataclass(frozen=True)
class SupersededItem:
    """An outbox seq with nothing to send: its change is carried by a later one (a note
    saved again before it was sent), or its record left the laptop with its case (sealed
    or withdrawn at HQ). HQ acknowledges the seq and stores nothing."""

    seq: int
    type: str
    id: str = ""
    digest: str = "superseded"
    base_version: int | None = None


@dataclass(frozen=True)
class PushBatch:
    batch_id: str
    items: list[PushItem]
    audit: list[dict[str, Any]]
    digest: str  # identifies the batch's content, to spot a batch id reused for other data
    # After a 409 `rebase`: the last audit event (seq, hash) the laptop knows it shares with
    # HQ; its events after that continue its chain from there (docs/sync-protocol.md, "Rebase").
    rebase: tuple[int, str] | None = None
    # The change-log cursor the laptop holds (it pulls after it pushes, so HQ would otherwise
    # know only the cursor of its previous pull). Not part of the digest: a retry may carry
    # a later one.
    pulled_to: int | None = None
    superseded: list[SupersededItem] = dataclasses.field(default_factory=list)

    @property
    def seqs(self) -> list[PushItem | SupersededItem]:
        """Every outbox seq the batch carries, in order, with content or as a marker."""
        return sorted([*self.items, *self.superseded], key=lambda i: i.seq)


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise bad_request("The request is not valid JSON.", "malformed_json") from exc


def _is_int(value: object, low: int = 0, high: int = MAX_INT) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


# Fields a record type gained after protocol 1: a laptop not yet updated sends the record
# without them, and it means what their defaults say (a revision as a whole copy, an
# acknowledgment not signed).
ADDED_FIELDS = {"note_revision": frozenset({"base_id", "delta", "sha256"}),
                "acknowledgment": frozenset({"attendee_name", "signer_key", "signature"})}


@cache
def _field_names(record_type: str) -> frozenset[str]:
    """The fields every pushed record of this type must carry."""
    every = frozenset(f.name for f in dataclasses.fields(codec.RECORD_TYPES[record_type]))
    return every - ADDED_FIELDS.get(record_type, frozenset())


def parse_push(body: Any) -> PushBatch:
    if not isinstance(body, dict):
        raise bad_request("A push must be a JSON object.")
    unknown = set(body) - {"protocol", "batch_id", "items", "audit", "rebase", "pulled_to"}
    if unknown:
        raise bad_request(f"Unknown push fields: {', '.join(sorted(unknown))}.")
    if body.get("protocol") != PROTOCOL or isinstance(body.get("protocol"), bool):
        raise HQError(400, "protocol",
                      f"This HQ speaks sync protocol {PROTOCOL}; update safeconf on this laptop.")
    batch_id = body.get("batch_id")
    if not is_uuid_text(batch_id):
        raise bad_request("batch_id must be a lowercase UUID.")
    items_in = body.get("items", [])
    audit_in = body.get("audit", [])
    if not isinstance(items_in, list) or len(items_in) > MAX_ITEMS:
        raise bad_request(f"items must be a list of at most {MAX_ITEMS}.")
    if not isinstance(audit_in, list) or len(audit_in) > MAX_AUDIT:
        raise bad_request(f"audit must be a list of at most {MAX_AUDIT} events.")
    parsed = [_parse_item(i, raw) for i, raw in enumerate(items_in)]
    _require_contiguous([i.seq for i in parsed], "items")
    items = [i for i in parsed if isinstance(i, PushItem)]
    superseded = [i for i in parsed if isinstance(i, SupersededItem)]
    audit = [_parse_event(i, raw) for i, raw in enumerate(audit_in)]
    _require_contiguous([e["seq"] for e in audit], "audit events")
    digest = hashlib.sha256()
    for each in parsed:
        digest.update(f"{each.seq}:{each.type}:{each.digest}:{each.base_version}\n".encode())
    for event in audit:
        digest.update(f"a{event['seq']}:{event['hash']}\n".encode())
    rebase = _parse_rebase(body["rebase"]) if "rebase" in body else None
    if rebase is not None:
        digest.update(f"r{rebase[0]}:{rebase[1]}\n".encode())
    pulled_to = body.get("pulled_to")
    if pulled_to is not None and not _is_int(pulled_to):
        raise bad_request("pulled_to must be a whole number from 0.")
    return PushBatch(str(batch_id), items, audit, digest.hexdigest(), rebase, pulled_to,
                     superseded)


def _parse_rebase(raw: Any) -> tuple[int, str]:
    if (not isinstance(raw, dict) or set(raw) != {"audit_seq", "audit_hash"}
            or not _is_int(raw["audit_seq"]) or not is_hex64(raw["audit_hash"])):
        raise bad_request("rebase has exactly audit_seq (a whole number) and audit_hash "
                          "(64 lowercase hex digits).")
    return int(raw["audit_seq"]), str(raw["audit_hash"])


def _require_contiguous(seqs: list[int], what: str) -> None:
    for before, after in itertools.pairwise(seqs):
        if after != before + 1:
            raise bad_request(f"The {what} of a push must have consecutive seq numbers.")


def _parse_item(index: int, raw: Any) -> PushItem | SupersededItem:
    where = f"item {index + 1}"
    if isinstance(raw, dict) and "superseded" in raw:
        return _parse_superseded(where, raw)
    if not isinstance(raw, dict) or not {"seq", "type", "data"} <= set(raw) or not set(raw) <= {
        "seq", "type", "data", "base_version"
    }:
        raise bad_request(f"{where}: an item has seq, type, data and base_version.")
    seq, rtype, data = raw["seq"], raw["type"], raw["data"]
    base_version = raw.get("base_version")
    if not _is_int(seq, 1):
        raise bad_request(f"{where}: seq must be a whole number from 1.")
    where = f"item seq {seq}"
    if not isinstance(rtype, str) or rtype not in codec.RECORD_TYPES:
        raise bad_request(f"{where}: unknown record type.", "unknown_type")
    if not isinstance(data, dict):
        raise bad_request(f"{where}: data must be an object.")
    missing = _field_names(rtype) - set(data)
    if missing:
        raise bad_request(f"{where}: data lacks {', '.join(sorted(missing))}.", "invalid_record")
    try:
        record = parse_record(rtype, data)
        raw_json = canonical_json(codec.to_dict(record))
    except FieldError as exc:
        raise HQError(400, "invalid_record", f"{where}: {exc}", field=exc.field) from exc
    except InvalidRecord as exc:
        raise HQError(400, "invalid_record", f"{where}: {exc}", field=rtype) from exc
    except (UnicodeEncodeError, ValueError, TypeError) as exc:
        raise HQError(400, "invalid_record", f"{where}: the record holds values HQ cannot "
                      "store.", field=rtype) from exc
    if base_version is not None and not _is_int(base_version, 1, record.version - 1):
        raise HQError(400, "invalid_record",
                      f"{where}: base_version must be below the record's version.",
                      field="base_version")
    return PushItem(seq, rtype, record, raw_json.decode("utf-8"),
                    hashlib.sha256(raw_json).hexdigest(),
                    base_version if rtype in MUTABLE_TYPES else None)


def _parse_superseded(where: str, raw: dict[str, Any]) -> SupersededItem:
    if set(raw) != {"seq", "type", "superseded"} or raw["superseded"] is not True:
        raise bad_request(f"{where}: a superseded item has exactly seq, type and "
                          "superseded (true).")
    if not _is_int(raw["seq"], 1):
        raise bad_request(f"{where}: seq must be a whole number from 1.")
    # A list or object as the type is unhashable: checked before the lookup, not a 500.
    if not isinstance(raw["type"], str) or raw["type"] not in codec.RECORD_TYPES:
        raise bad_request(f"item seq {raw['seq']}: unknown record type.", "unknown_type")
    return SupersededItem(int(raw["seq"]), str(raw["type"]))


def _parse_event(index: int, raw: Any) -> dict[str, Any]:
    where = f"audit event {index + 1}"
    if not isinstance(raw, dict) or set(raw) != set(AUDIT_FIELDS):
        raise bad_request(f"{where}: an audit event has exactly {', '.join(AUDIT_FIELDS)}.",
                          "invalid_audit")
    if not _is_int(raw["seq"], 1):
        raise bad_request(f"{where}: seq must be a whole number from 1.", "invalid_audit")
    for name in AUDIT_FIELDS:
        if name == "seq":
            continue
        value = raw[name]
        if not isinstance(value, str) or len(value) > _AUDIT_TEXT_LIMIT:
            raise bad_request(f"{where}: {name} must be text.", "invalid_audit")
    if not is_hex64(raw["prev_hash"]) or not is_hex64(raw["hash"]):
        raise bad_request(f"{where}: hashes are 64 lowercase hex digits.", "invalid_audit")
    try:
        canonical_json(raw)
    except UnicodeEncodeError as exc:
        raise bad_request(f"{where}: the event holds text that is not valid Unicode.",
                          "invalid_audit") from exc
    return dict(raw)
