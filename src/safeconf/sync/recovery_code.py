"""The recovery code IT reads out to a caseworker: the data key in a form people can type.

32 key bytes + 3 check bytes (SHA-256 of a label and the key) = 35 bytes = 56 base32 letters,
shown in 14 groups of 4. Case, spaces and dashes do not matter, 0/1 are read as O/I, and the
24-bit check catches a mistyped letter before anything is tried on the vault.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

from safeconf.sync.errors import RecoveryCodeInvalid

KEY_BYTES = 32
CHECK_BYTES = 3
GROUP = 4
_LABEL = b"safeconf recovery code v1"
_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
_LETTERS = (KEY_BYTES + CHECK_BYTES) * 8 // 5  # 56


def encode(data_key: bytes) -> str:
    if len(data_key) != KEY_BYTES:
        raise ValueError("the data key must be 32 bytes")
    text = base64.b32encode(data_key + _check(data_key)).decode("ascii")
    return "-".join(text[i:i + GROUP] for i in range(0, len(text), GROUP))


def decode(code: str) -> bytes:
    cleaned = "".join(c for c in code.upper() if c not in " -\t\r\n")
    cleaned = cleaned.replace("0", "O").replace("1", "I")
    if len(cleaned) != _LETTERS:
        raise RecoveryCodeInvalid(
            f"A recovery code has {_LETTERS} letters and digits; this one has {len(cleaned)}. "
            "Check it against what IT gave you. Nothing was changed.")
    try:
        if not set(cleaned) <= _ALPHABET:
            raise ValueError("not base32")
        raw = base64.b32decode(cleaned)
    except (binascii.Error, ValueError) as exc:
        raise RecoveryCodeInvalid(
            "The recovery code contains characters that cannot be in one (only A–Z and 2–7). "
            "Check it against what IT gave you. Nothing was changed.") from exc
    key, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if not hmac.compare_digest(check, _check(key)):
        raise RecoveryCodeInvalid(
            "The recovery code has a typing mistake (its check letters do not match). "
            "Check it against what IT gave you. Nothing was changed.")
    return key


def _check(key: bytes) -> bytes:
    return hashlib.sha256(_LABEL + key).digest()[:CHECK_BYTES]
