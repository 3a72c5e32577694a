"""Lay out a Debian package tree and build a reproducible .deb from it.

Mechanics only (what goes where is build_debs.py's job): copy with normalised modes,
strip shared objects, clamp mtimes, write md5sums, compute Installed-Size, call
dpkg-deb.  Two builds from the same inputs give byte-identical .debs.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
# A shared object by name: libfoo.so, libfoo.so.6, mod.cpython-311-x86_64-linux-gnu.so.
SHARED_OBJECT = re.compile(r"\.so(\.\d+)*$")
GLIBC_VERSION = re.compile(rb"GLIBC_(2\.\d+)")


def is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == ELF_MAGIC


def copy_tree(src: Path, dst: Path) -> None:
    """Copy a bundle keeping its symlinks; modes become 0755/0644 (owner root at build)."""
    shutil.copytree(src, dst, symlinks=True)
    for path in walk(dst):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        elif SHARED_OBJECT.search(path.name):
            # dlopen needs no execute bit; Debian ships libraries 0644.
            path.chmod(0o644)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def install_file(src: Path, dst: Path, mode: int = 0o644) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    dst.chmod(mode)


def write_file(dst: Path, text: str, mode: int = 0o644) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(text, encoding="utf-8")
    dst.chmod(mode)


def write_gzip(dst: Path, text: str) -> None:
    """gzip -9n: no name, no timestamp in the header, so the bytes depend on text only."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    dst.write_bytes(buffer.getvalue())
    dst.chmod(0o644)


def symlink(target: str, link: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)


def strip_shared_objects(root: Path, strip: str = "strip") -> int:
    """Strip debug symbols from the bundle's shared objects as dh_strip does.

    Only shared objects: the PyInstaller executable carries its archive after the ELF
    image, which strip would cut off.  Returns how many files were stripped.
    """
    objects = [p for p in walk(root)
               if p.is_file() and not p.is_symlink() and SHARED_OBJECT.search(p.name)
               and is_elf(p)]
    for start in range(0, len(objects), 200):
        subprocess.run([strip, "--strip-unneeded", "--remove-section=.comment",
                        "--remove-section=.note", *map(str, objects[start:start + 200])],
                       check=True)
    return len(objects)


def glibc_needed(root: Path) -> str:
    """The newest GLIBC_2.x symbol version any ELF file under root refers to."""
    newest = (2, 0)
    for path in walk(root):
        if path.is_file() and not path.is_symlink() and is_elf(path):
            for match in GLIBC_VERSION.finditer(path.read_bytes()):
                major, minor = match.group(1).split(b".")
                newest = max(newest, (int(major), int(minor)))
    return f"{newest[0]}.{newest[1]}"


def walk(root: Path) -> list[Path]:
    """Every path under root (not root itself), sorted, not following symlinks."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        found.extend(base / name for name in dirnames + filenames)
    return sorted(found)


def installed_size_kib(root: Path) -> int:
    """Installed-Size as dpkg-gencontrol counts it: KiB per file rounded up, 1 per other."""
    total = 0
    for path in walk(root):
        if path.relative_to(root).parts[0] == "DEBIAN":
            continue
        if path.is_file() and not path.is_symlink():
            total += (path.stat().st_size + 1023) // 1024
        else:
            total += 1
    return total


def write_md5sums(root: Path) -> None:
    lines = []
    for path in walk(root):
        rel = path.relative_to(root)
        if rel.parts[0] == "DEBIAN" or path.is_symlink() or not path.is_file():
            continue
        digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
        lines.append(f"{digest}  {rel.as_posix()}\n")
    write_file(root / "DEBIAN" / "md5sums", "".join(lines))


def clamp_mtimes(root: Path, epoch: int) -> None:
    for path in [*walk(root), root]:
        os.utime(path, (epoch, epoch), follow_symlinks=False)


def build(root: Path, out: Path, epoch: int, compressor: str, level: int) -> None:
    """dpkg-deb with owner root:root and SOURCE_DATE_EPOCH for the ar and tar timestamps."""
    # Directories made along the way carry the builder's umask; a package's are 0755.
    for path in [root, *walk(root)]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    clamp_mtimes(root, epoch)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", f"-Z{compressor}", f"-z{level}",
         "--build", str(root), str(out)],
        check=True, env=env, stdout=subprocess.DEVNULL,
    )
