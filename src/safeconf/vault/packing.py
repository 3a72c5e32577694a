"""Ids, hashes and times kept on disk in fewer bytes: an id as its 16 bytes, a hash as its
32, a time as microseconds since 1970, each only where that gives back exactly the text;
anything else stays the text itself. What a record or event is, and so what is hashed,
signed or sent, is always the text form.

Every save writes an audit event (migration 13) and a note revision (migrations 15 and 20),
so these are most of what typing in a note costs on disk. Migrations 13 and 20 pack the
events and revisions already written with the same rules, in SQL.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HASH = re.compile(r"[0-9a-f]{64}")
_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)

Stored = str | bytes | int


def id_bytes(value: object) -> bytes | None:
    """The 16 bytes of a UUID in its text form, or None for anything else."""
    if isinstance(value, str) and _UUID.fullmatch(value):
        return bytes.fromhex(value.replace("-", ""))
    return None


def hash_bytes(value: object) -> bytes | None:
    """The 32 bytes of a SHA-256 in lowercase hex, or None for anything else."""
    return bytes.fromhex(value) if isinstance(value, str) and _HASH.fullmatch(value) else None


def pack_id(text: str) -> Stored:
    packed = id_bytes(text)
    return text if packed is None else packed


def unpack_id(value: Stored) -> str:
    if isinstance(value, bytes) and len(value) == 16:
        h = value.hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    return _as_text(value)


def pack_hash(text: str) -> Stored:
    packed = hash_bytes(text)
    return text if packed is None else packed


def unpack_hash(value: Stored) -> str:
    if isinstance(value, bytes) and len(value) == 32:
        return value.hex()
    return _as_text(value)


def pack_time(text: str) -> Stored:
    if not _UTC.fullmatch(text):
        return text
    try:
        micros = (datetime.fromisoformat(text) - _EPOCH) // _MICROSECOND
    except ValueError:  # the right shape, but no such day
        return text
    return micros if unpack_time(micros) == text else text


def unpack_time(value: Stored) -> str:
    if isinstance(value, int):
        try:
            when = _EPOCH + value * _MICROSECOND
        except OverflowError:
            return repr(value)
        return f"{when:%Y-%m-%dT%H:%M:%S}.{when.microsecond:06d}+00:00"
    return _as_text(value)


def _as_text(value: Stored) -> str:
    # A value that is neither form nor text was not written by the vault: shown as it is,
    # it fails the event's hash like any other altered field.
    return value if isinstance(value, str) else repr(value)
