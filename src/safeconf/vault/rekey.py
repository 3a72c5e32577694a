"""Putting a database copy made under a new data key in place of the old file, crash-safely.

A key change that gives the vault a new data key (passphrase-only vaults, recovery) runs:

1. copy `vault.db` to `vault.db.rekeyed` under the new key, fsync it — the old file is
   untouched, so until step 2 it is also the backup;
2. write `vault.keys` with the new key (atomic: fsync, rename, fsync the folder) — the point
   of no return;
3. rename the copy over `vault.db`, fsync the folder, remove what the old key still opens.

Killed before 2, the old key file and the old file still open the vault and the copy is
discarded at the next open. Killed after 2, the new key does not open `vault.db` but does
open the finished copy, and the next open completes step 3 (`finish_interrupted`).
"""

from __future__ import annotations

import os
from pathlib import Path

from safeconf.vault.database import IN_USE, lock_path, opens_with, sidecars
from safeconf.vault.file_lock import FileLock
from safeconf.vault.keys import fsync_dir

SUFFIX = ".rekeyed"


def target_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


def finish(db_path: Path) -> None:
    """Step 3. The caller holds the database's file lock exclusively and has closed it."""
    target = target_for(db_path)
    # The old file's WAL would be replayed onto the new file; it was checkpointed on close,
    # so nothing in it is lost.
    for leftover in sidecars(db_path):
        leftover.unlink(missing_ok=True)
    os.replace(target, db_path)
    fsync_dir(db_path.parent)
    # Schema-migration backups are copies under the old key: with an old `vault.keys` and
    # the old passphrase they would still open. The vault they preceded has since opened
    # and been copied whole, so they go.
    for backup in db_path.parent.glob(f"{db_path.name}.*.bak"):
        backup.unlink(missing_ok=True)


def finish_interrupted(db_path: Path, data_key: bytes) -> bool:
    """At open, when the key file's key does not open `vault.db`: complete a key change cut
    off after its point of no return. False when there is none (then it is damage)."""
    if not target_for(db_path).is_file():
        return False
    with FileLock(lock_path(db_path)) as lock:
        lock.exclusive(IN_USE)
        if not opens_with(target_for(db_path), data_key):
            return False
        finish(db_path)
    return True


def discard_stale(db_path: Path) -> None:
    """A copy left by a key change cut off before its point of no return: the key file
    still holds the old key, which opened `vault.db`, so the copy is of no use."""
    target = target_for(db_path)
    for leftover in (target, *sidecars(target)):
        leftover.unlink(missing_ok=True)

