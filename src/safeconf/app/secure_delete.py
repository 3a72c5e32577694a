"""Deleting the original of a file imported into the vault (a scanned signed consent form):
overwrite its bytes, flush them to the disk, then remove the name.

Honest limits: on SSDs (wear levelling), copy-on-write or journalling filesystems (btrfs,
ZFS, APFS, ext4 with data journalling), snapshots and backups, overwriting a file in place
does not guarantee its old blocks are gone; only full-disk encryption protects those copies.
This removes the readable file and its ordinary on-disk contents, no more."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

_CHUNK = 1024 * 1024


class SecureDeleteError(OSError):
    """The file could not be overwritten or removed; the message says which."""


def secure_delete(path: Path) -> None:
    """Overwrite `path` with random bytes of its own length, fsync, then unlink it. A
    symbolic link or anything but a regular file is refused (and left alone), so a
    link cannot make this overwrite some other file."""
    if path.is_symlink() or not path.is_file():
        raise SecureDeleteError(f"{path.name} is not a regular file; nothing was deleted.")
    try:
        with open(path, "r+b") as file:
            left = os.fstat(file.fileno()).st_size
            while left > 0:
                chunk = min(left, _CHUNK)
                file.write(secrets.token_bytes(chunk))
                left -= chunk
            file.flush()
            os.fsync(file.fileno())  # the random bytes reach the disk before the name goes
        path.unlink()
    except OSError as exc:
        raise SecureDeleteError(f"{path.name} could not be deleted: {exc.strerror or exc}"
                                ) from exc
