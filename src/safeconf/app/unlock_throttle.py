"""Exponential back-off after failed unlocks. The count lives in a small non-secret file in
the data directory, so quitting and restarting the app does not reset it."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from safeconf.app.settings import _write_atomically

THROTTLE_NAME = "unlock-attempts.json"
FREE_ATTEMPTS = 2  # typos happen; the third failure in a row starts the back-off
FIRST_DELAY_S = 5.0
MAX_DELAY_S = 15 * 60.0


@dataclass(frozen=True)
class ThrottleState:
    failures: int = 0
    last_failure: float = 0.0  # wall-clock seconds, so a restart cannot shorten the wait


class UnlockThrottle:
    def __init__(self, data_dir: Path, clock: Callable[[], float] = time.time) -> None:
        self._path = data_dir / THROTTLE_NAME
        self._clock = clock
        self._state = self._read()

    @property
    def failures(self) -> int:
        return self._state.failures

    def delay_after(self, failures: int) -> float:
        if failures <= FREE_ATTEMPTS:
            return 0.0
        return min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** (failures - FREE_ATTEMPTS - 1))

    def seconds_to_wait(self) -> float:
        """How long before the next attempt is allowed (0 = now)."""
        delay = self.delay_after(self._state.failures)
        remaining = self._state.last_failure + delay - self._clock()
        # A clock set backwards must not make the wait longer than the delay itself.
        return max(0.0, min(delay, remaining))

    def record_failure(self) -> None:
        self._state = ThrottleState(self._state.failures + 1, self._clock())
        self._write()

    def record_success(self) -> None:
        if self._state.failures:
            self._state = ThrottleState()
            self._write()

    def _read(self) -> ThrottleState:
        try:
            raw = json.loads(self._path.read_text(encoding="utf-8"))
            return ThrottleState(int(raw["failures"]), float(raw["last_failure"]))
        except (OSError, ValueError, KeyError, TypeError):
            return ThrottleState()

    def _write(self) -> None:
        if not self._path.parent.exists():
            return  # no vault folder yet: nothing to protect
        _write_atomically(
            self._path,
            json.dumps({"failures": self._state.failures,
                        "last_failure": self._state.last_failure}),
        )
