"""Do two builds of one commit give the same bundles? Build both bundles twice, compare.

    python packaging/compare_builds.py [--first DIR] [--keep DIR]

`--first DIR` takes bundles already built (by `make package`) as the first build, so only one
more is made. Every file of the two builds is compared by SHA-256; each that differs is listed
with the reason, when it is one we know (KNOWN below), else as unexplained. Exit 1 when any
file is missing from one build or differs without a known reason.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_bundles import SPECS, build

# Files known to differ between two builds of one commit, and why. Empty: none has so far.
KNOWN: dict[str, str] = {}


def digests(folder: Path) -> dict[str, str]:
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            out[str(path.relative_to(folder))] = "-> " + str(path.readlink())
        elif path.is_file():
            out[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def reason(name: str) -> str | None:
    return next((why for pattern, why in KNOWN.items() if fnmatch.fnmatch(name, pattern)), None)


def compare(first: Path, second: Path) -> bool:
    sound = True
    for bundle in SPECS:
        a, b = digests(first / bundle), digests(second / bundle)
        only = sorted(set(a) ^ set(b))
        differ = sorted(name for name in set(a) & set(b) if a[name] != b[name])
        print(f"{bundle}: {len(a)} files, {len(differ)} differ, {len(only)} in one build only")
        for name in only:
            print(f"  only in {'first' if name in a else 'second'}: {name}")
            sound = False
        for name in differ:
            why = reason(f"{bundle}/{name}")
            print(f"  differs: {name} — {why or 'UNEXPLAINED'}")
            sound &= why is not None
    return sound


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--first", type=Path, help="bundles of a build already made")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="safeconf-rebuild-") as tmp:
        scratch = Path(tmp)
        first = args.first
        if first is None:
            first = scratch / "first"
            build(first, scratch / "work-first", list(SPECS))
        second = args.keep or scratch / "second"
        build(second, scratch / "work-second", list(SPECS))
        same = compare(first.resolve(), second.resolve())
    print("the two builds have the same contents" if same
          else "the two builds DIFFER (see above)")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
