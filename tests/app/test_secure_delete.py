"""Deleting an imported file's original: overwritten with random bytes, flushed, unlinked;
anything but a regular file is left alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from safeconf.app import secure_delete as module
from safeconf.app.secure_delete import SecureDeleteError, secure_delete


def test_the_file_is_overwritten_with_random_bytes_of_its_length_before_it_is_unlinked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = b"%PDF-1.7 signed consent of Ada Okonkwo " * 40_000  # > one 1 MiB chunk
    path = tmp_path / "scan.pdf"
    path.write_bytes(original)
    seen: dict[str, bytes] = {}
    real_unlink = Path.unlink

    def look_then_unlink(self: Path, missing_ok: bool = False) -> None:
        seen["at_unlink"] = self.read_bytes()  # what the disk held just before the name went
        real_unlink(self, missing_ok)

    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(Path, "unlink", look_then_unlink)
    monkeypatch.setattr(module.os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    secure_delete(path)
    assert not path.exists()
    assert synced
    left = seen["at_unlink"]
    assert len(left) == len(original)
    assert b"Okonkwo" not in left and left != original


def test_a_symbolic_link_or_a_folder_is_refused_and_nothing_is_touched(tmp_path: Path) -> None:
    target = tmp_path / "other.txt"
    target.write_bytes(b"keep me")
    link = tmp_path / "link.pdf"
    link.symlink_to(target)
    with pytest.raises(SecureDeleteError, match="not a regular file"):
        secure_delete(link)
    assert link.is_symlink() and target.read_bytes() == b"keep me"
    with pytest.raises(SecureDeleteError):
        secure_delete(tmp_path)
    with pytest.raises(SecureDeleteError):
        secure_delete(tmp_path / "missing.pdf")
    assert tmp_path.is_dir()
