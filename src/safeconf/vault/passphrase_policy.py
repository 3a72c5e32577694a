"""Which new passphrases the vault accepts: one rule, used by `Vault.create`,
`change_passphrase` and `recover`, and by the strength meter the app shows while typing, so
what the meter calls acceptable is exactly what the vault takes.

The estimate is rough and dependency-free: the character classes used give a pool size,
and repeats are discounted. It guards against the obvious (short, one repeated letter, one
dictionary-length word), not against a determined guesser; Argon2id and the device secret
do that.
"""

from __future__ import annotations

import math
import re
from enum import IntEnum

from safeconf.vault.errors import WeakPassphrase

MIN_PASSPHRASE_CHARS = 10
FAIR_BITS = 50.0
STRONG_BITS = 75.0


class Strength(IntEnum):
    TOO_SHORT = 0
    WEAK = 1
    FAIR = 2
    STRONG = 3


# The meter's lowest level a vault accepts; WEAK tells the user to add another word.
MIN_STRENGTH = Strength.FAIR


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
    if bits < FAIR_BITS:
        return Strength.WEAK
    if bits < STRONG_BITS:
        return Strength.FAIR
    return Strength.STRONG


def is_acceptable(passphrase: str) -> bool:
    return strength(passphrase) >= MIN_STRENGTH


def check_new_passphrase(passphrase: str) -> None:
    """`WeakPassphrase` (saying what would be accepted) unless the meter rates it Fair."""
    level = strength(passphrase)
    if level >= MIN_STRENGTH:
        return
    if level is Strength.TOO_SHORT:
        problem = f"That passphrase is shorter than {MIN_PASSPHRASE_CHARS} characters."
    else:
        problem = "That passphrase is too easy to guess (the strength meter rates it Weak)."
    raise WeakPassphrase(
        f"{problem} Choose one of at least {MIN_PASSPHRASE_CHARS} characters that the "
        "meter rates Fair or Strong: three or four unrelated words, such as 'lantern "
        "orbit velvet cactus', are easy to remember and hard to guess. Nothing was changed."
    )
