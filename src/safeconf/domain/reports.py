"""Receipt numbers of loss and breach reports: worked out from the record id alone, so the
laptop shows the reporter the very number HQ lists, with nothing stored or sent for it."""

from __future__ import annotations

import re

# Crockford's base32: no I, L, O or U, so a number read over the phone is not misheard.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_PREFIX = {"loss_report": "L", "breach_report": "B"}
_RECEIPT = re.compile(r"([LB])-([0-9A-HJKMNP-TV-Z]{8})")
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_CHARS = 8
_BITS = 5 * _CHARS  # from the id's random tail (the last 62 bits of a UUIDv7 are random)


def receipt(record_type: str, record_id: str) -> str:
    """"L-" or "B-" and 8 Crockford base32 characters of the id's random part."""
    prefix = _PREFIX.get(record_type)
    if prefix is None:
        raise ValueError(f"{record_type!r} has no receipt number")
    value = int(record_id.replace("-", ""), 16) & ((1 << _BITS) - 1)
    chars = [_ALPHABET[(value >> shift) & 31] for shift in range(_BITS - 5, -1, -5)]
    return f"{prefix}-{''.join(chars)}"


def parse_receipt(text: str) -> str | None:
    """A receipt number as typed (any case, spaces around, O for 0, I or L for 1 after the
    dash) in its one spelling; None when it is not one."""
    cleaned = text.strip().upper()
    if len(cleaned) != _CHARS + 2 or cleaned[1] != "-":
        return None
    cleaned = cleaned[:2] + cleaned[2:].translate(_READ_AS)
    return cleaned if _RECEIPT.fullmatch(cleaned) else None


def report_kind(record_type: str) -> str:
    """"loss" or "breach", as the notifications name them."""
    return {"loss_report": "loss", "breach_report": "breach"}[record_type]
