"""Advisory locks beside the vault's files, so the desktop app and the `safeconf` command
never replace a file under each other.

`vault.db.lock`: held shared by every open connection, exclusively while the database file
is being replaced by a copy under a new key (a connection on the old file would otherwise
write into a file that no longer exists). `vault.keys.lock`: held exclusively for each
read-change-write of `vault.keys` (passphrase change, escrow, the unlock back-off).

POSIX `flock` locks belong to the open file, so two connections in one process exclude each
other like two processes do. Windows has no `flock`; there the locks are no-ops and running
`safeconf passwd` while the app is open is not guarded.
"""

from __future__ import annotations

import os
from pathlib import Path

from safeconf.vault.errors import VaultBusy

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


class FileLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)

    def share(self, busy: str) -> None:
        """Hold it shared; `VaultBusy(busy)` at once if someone holds it exclusively."""
        self._flock(_op("LOCK_SH", nonblocking=True), busy)

    def exclusive(self, busy: str, wait: bool = False) -> None:
        """Hold it alone (converting a shared hold); without `wait`, `VaultBusy(busy)` at
        once if anyone else holds it."""
        self._flock(_op("LOCK_EX", nonblocking=not wait), busy)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file drops the lock
            self._fd = None

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def _flock(self, operation: int, busy: str) -> None:
        if fcntl is None or self._fd is None:
            return
        try:
            fcntl.flock(self._fd, operation)
        except BlockingIOError:
            raise VaultBusy(busy) from None


def _op(name: str, nonblocking: bool) -> int:
    if fcntl is None:
        return 0
    return int(getattr(fcntl, name)) | (fcntl.LOCK_NB if nonblocking else 0)
