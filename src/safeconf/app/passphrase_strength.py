"""The strength meter the app shows while a passphrase is typed. The rule itself lives in
the vault (`safeconf.vault.passphrase_policy`), which refuses what the meter calls too weak,
so the meter and the vault can never disagree."""

from __future__ import annotations

from safeconf.vault.passphrase_policy import (
    MIN_PASSPHRASE_CHARS,
    MIN_STRENGTH,
    Strength,
    estimate_bits,
    is_acceptable,
    strength,
)

__all__ = ["MIN_PASSPHRASE_CHARS", "MIN_STRENGTH", "Strength", "estimate_bits",
           "is_acceptable", "strength"]
