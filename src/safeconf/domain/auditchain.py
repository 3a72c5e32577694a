"""The audit log's hash chain (DESIGN §2): each event's hash covers the event and the hash
before it, so a removed, reordered or altered event breaks every link after it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(obj: Any) -> bytes:
    """The one byte form that is hashed: sorted keys, no spaces, UTF-8."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(event_without_hash: dict[str, Any]) -> str:
    if "hash" in event_without_hash:
        raise ValueError("hash the event before it has a hash")
    return hashlib.sha256(canonical_json(event_without_hash)).hexdigest()


def verify_chain(events: Sequence[dict[str, Any]], prev_hash: str = GENESIS_HASH) -> int | None:
    """Index of the first event whose link is broken (wrong prev_hash, altered content or a
    gap in seq), or None when the whole sequence is sound."""
    expected_seq: int | None = None
    for index, event in enumerate(events):
        body = {k: v for k, v in event.items() if k != "hash"}
        if event.get("prev_hash") != prev_hash or event.get("hash") != event_hash(body):
            return index
        seq = event.get("seq")
        if expected_seq is not None and seq != expected_seq:
            return index
        expected_seq = seq + 1 if isinstance(seq, int) else None
        prev_hash = event["hash"]
    return None
