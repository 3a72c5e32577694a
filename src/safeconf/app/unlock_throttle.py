"""Exponential back-off after failed unlocks, shared by the desktop app and the `safeconf`
command line (a wrong passphrase in either counts for both).

The count and the time of the last failure live in `vault.keys` itself (see
`KeyFile.unlock_failures` for what someone with write access to the folder can still do),
so neither quitting the app nor deleting a stray file resets it. It is read afresh on every
question, because another process may have failed in the meantime.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from safeconf.vault import keys
from safeconf.vault.errors import VaultError
from safeconf.vault.vault import KEYS_NAME

# Where versions before the back-off moved into vault.keys kept it; read once, then removed.
LEGACY_NAME = "unlock-attempts.json"
FREE_ATTEMPTS = 2  # typos happen; the third failure in a row starts the back-off
FIRST_DELAY_S = 5.0
MAX_DELAY_S = 15 * 60.0


@dataclass(frozen=True)
class ThrottleState:
    failures: int = 0
    last_failure: float = 0.0  # wall-clock seconds, so a restart cannot shorten the wait


class UnlockThrottle:
    def __init__(self, data_dir: Path, clock: Callable[[], float] = time.time) -> None:
        self._keys = data_dir / KEYS_NAME
        self._legacy = data_dir / LEGACY_NAME
        self._clock = clock

    @property
    def failures(self) -> int:
        return self._read().failures

    def delay_after(self, failures: int) -> float:
        if failures <= FREE_ATTEMPTS:
            return 0.0
        return min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** (failures - FREE_ATTEMPTS - 1))

    def seconds_to_wait(self) -> float:
        """How long before the next attempt is allowed (0 = now)."""
        state = self._read()
        delay = self.delay_after(state.failures)
        remaining = state.last_failure + delay - self._clock()
        # A clock set backwards must not make the wait longer than the delay itself.
        return max(0.0, min(delay, remaining))

    def record_failure(self) -> None:
        now = self._clock()
        legacy = self._read_legacy()

        def one_more(current: keys.KeyFile) -> keys.KeyFile:
            failures = max(current.unlock_failures, legacy.failures) + 1
            return current.with_unlock_failures(failures, now)

        self._update(one_more)

    def record_success(self) -> None:
        if self._read().failures:
            self._update(lambda current: current.with_unlock_failures(0, 0.0))

    def _read(self) -> ThrottleState:
        legacy = self._read_legacy()
        try:
            key_file = keys.read_key_file(self._keys)
        except (OSError, VaultError):
            return legacy  # no (sound) key file: nothing to open, nothing more to count
        if legacy.failures > key_file.unlock_failures:
            return legacy
        return ThrottleState(key_file.unlock_failures, key_file.last_failed_unlock)

    def _update(self, change: Callable[[keys.KeyFile], keys.KeyFile]) -> None:
        if not self._keys.is_file():
            return  # no vault here: nothing to protect
        # Under the key file's lock, re-read: a passphrase change in another process must
        # never be written over with the old key file and a new count.
        with contextlib.suppress(OSError, VaultError):
            keys.update_key_file(self._keys, change)
            self._legacy.unlink(missing_ok=True)

    def _read_legacy(self) -> ThrottleState:
        try:
            raw = json.loads(self._legacy.read_text(encoding="utf-8"))
            return ThrottleState(int(raw["failures"]), float(raw["last_failure"]))
        except (OSError, ValueError, KeyError, TypeError):
            return ThrottleState()
