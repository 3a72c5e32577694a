"""Drop RPATH/RUNPATH entries that point outside the bundle, as `chrpath -d` would.

The Python the bundles were built with carries RUNPATH=/root/.pyenv/…/lib in
libpython and its extension modules: on a machine where that directory exists, the
loader would take libraries from it first.  The bundle needs no such path (the
bootloader puts _internal/ on LD_LIBRARY_PATH; Qt's $ORIGIN paths are kept).  Stdlib
only, 64-bit little-endian ELF (all this package builds for).
"""

from __future__ import annotations

import struct
from pathlib import Path

PT_LOAD, PT_DYNAMIC = 1, 2
DT_NULL, DT_STRTAB, DT_RPATH, DT_RUNPATH = 0, 5, 15, 29


def clean_runpath(path: Path) -> bool:
    """Keep only the $ORIGIN components of RPATH/RUNPATH; drop the entry if none remain.

    Returns whether the file changed.  The string is shortened in place in .dynstr and a
    dropped entry's slot becomes DT_NULL at the end of the dynamic table, so no offsets
    move.
    """
    data = bytearray(path.read_bytes())
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return False
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    segments = [struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize) for i in range(phnum)]
    dynamic = next((s for s in segments if s[0] == PT_DYNAMIC), None)
    if dynamic is None:
        return False
    entries = []
    offset, end = dynamic[2], dynamic[2] + dynamic[5]
    while offset + 16 <= end:
        tag, value = struct.unpack_from("<qQ", data, offset)
        if tag == DT_NULL:
            break
        entries.append((tag, value))
        offset += 16
    strtab = next((v for t, v in entries if t == DT_STRTAB), None)
    if strtab is None:
        return False
    strtab_offset = vaddr_to_offset(segments, strtab)
    kept, changed = [], False
    for tag, value in entries:
        if tag in (DT_RPATH, DT_RUNPATH):
            start = strtab_offset + value
            old = bytes(data[start:data.index(b"\0", start)])
            parts = [p for p in old.split(b":") if p.startswith(b"$ORIGIN")]
            new = b":".join(parts)
            if new != old:
                changed = True
                data[start:start + len(old)] = new + b"\0" * (len(old) - len(new))
                if not new:
                    continue  # the whole entry goes
        kept.append((tag, value))
    if not changed:
        return False
    offset = dynamic[2]
    for tag, value in kept:
        struct.pack_into("<qQ", data, offset, tag, value)
        offset += 16
    while offset + 16 <= end:
        struct.pack_into("<qQ", data, offset, DT_NULL, 0)
        offset += 16
    path.write_bytes(bytes(data))
    return True


def vaddr_to_offset(segments: list[tuple[int, ...]], vaddr: int) -> int:
    for p_type, _flags, p_offset, p_vaddr, _paddr, p_filesz, _memsz, _align in segments:
        if p_type == PT_LOAD and p_vaddr <= vaddr < p_vaddr + p_filesz:
            return vaddr - p_vaddr + p_offset
    raise ValueError(f"address {vaddr:#x} is in no loaded segment")
