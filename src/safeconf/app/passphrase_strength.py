"""A rough, dependency-free estimate of passphrase strength, to guide (not to forbid)."""

from __future__ import annotations

import math
import re
from enum import IntEnum

from safeconf.vault.vault import MIN_PASSPHRASE_CHARS


class Strength(IntEnum):
    TOO_SHORT = 0
    WEAK = 1
    FAIR = 2
    STRONG = 3


def estimate_bits(passphrase: str) -> float:
    """Entropy guess: pool size from the character classes used, discounted for repeats."""
    if not passphrase:
        return 0.0
    pool = 0
    for pattern, size in ((r"[a-z]", 26), (r"[A-Z]", 26), (r"[0-9]", 10), (r"[^A-Za-z0-9]", 33)):
        if re.search(pattern, passphrase):
            pool += size
    distinct = len(set(passphrase))
    effective_length = min(len(passphrase), distinct * 2)
    return effective_length * math.log2(max(pool, 2))


def strength(passphrase: str) -> Strength:
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        return Strength.TOO_SHORT
    bits = estimate_bits(passphrase)
    if bits < 50:
        return Strength.WEAK
    if bits < 75:
        return Strength.FAIR
    return Strength.STRONG
