"""Record identifiers (UUIDv7) and UTC timestamps, the two values every record carries."""

from __future__ import annotations

import hashlib
import os
import time
import uuid
from datetime import UTC, datetime


def new_id() -> str:
    """A UUIDv7 (RFC 9562): time-ordered, so ids sort by creation and index well."""
    unix_ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (unix_ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= (rand >> 68) << 64 & (0xFFF << 64)  # rand_a, 12 bits
    value |= 0b10 << 62  # variant
    value |= rand & ((1 << 62) - 1)  # rand_b
    return str(uuid.UUID(int=value))


def derived_id(at: str, *parts: str | int) -> str:
    """A UUIDv8 (RFC 9562 section 5.8) laid out as a UUIDv7: its first 48 bits are the
    milliseconds of time `at`, as a new id's are, the other 74 come from the SHA-256 of `at`
    and `parts`. The same fields give the same id, different ones never one already given;
    for ids a record's own fields determine, so that they need not be kept. Ids written
    near one another still share their first bytes, as new ids do, and pack as well."""
    unix_ms = int(parse_utc(at).timestamp() * 1000)
    digest = hashlib.sha256("\x1f".join(map(str, (at, *parts))).encode("utf-8")).digest()
    value = (unix_ms & ((1 << 48) - 1)) << 80 | int.from_bytes(digest[:10], "big")
    value = value & ~(0xF << 76) | 0x8 << 76  # version
    value = value & ~(0b11 << 62) | 0b10 << 62  # variant
    return str(uuid.UUID(int=value))


def utc_now() -> str:
    """Current UTC time as ISO-8601 with microseconds and a 'Z'-free '+00:00' offset."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def parse_utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"timestamp without a time zone: {text!r}")
    return moment.astimezone(UTC)
