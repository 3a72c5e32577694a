"""Checks for identifiers that arrive from admins or devices, before they reach the database."""

from __future__ import annotations

import re

_WORKER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,199}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def is_worker_id(value: object) -> bool:
    return isinstance(value, str) and _WORKER.fullmatch(value) is not None


def require_worker_id(value: str) -> str:
    if not is_worker_id(value):
        raise ValueError(
            f"{value!r} is not a worker id (letters, digits, '.', '_', '@', '-'; "
            "at most 200 characters)."
        )
    return value


def is_uuid_text(value: object) -> bool:
    """A UUID in its canonical lowercase form, so one record cannot hide under two spellings."""
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def is_hex64(value: object) -> bool:
    return isinstance(value, str) and _HEX64.fullmatch(value) is not None
