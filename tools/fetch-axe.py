#!/usr/bin/env python3
"""Fetch axe-core, the accessibility checker the browser tests inject into each console page,
from the npm registry into a cache outside git, and check it against the sha512 the
registry publishes for this version (pinned here: a changed tarball is refused).

    python3 tools/fetch-axe.py        # prints the path of axe.min.js (fetched if missing)

The cache is $SAFECONF_AXE_DIR, else $XDG_CACHE_HOME/safeconf (~/.cache/safeconf).
Standard library only: it runs before the virtualenv has anything in it.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.14.1"
TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
# The registry's `dist.integrity` for this version.
INTEGRITY = ("sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFoo"
             "JpZe37OgudVGtQ==")
MEMBER = "package/axe.min.js"


def cache_dir() -> Path:
    if os.environ.get("SAFECONF_AXE_DIR"):
        return Path(os.environ["SAFECONF_AXE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "safeconf"


def axe_path() -> Path:
    return cache_dir() / f"axe-core-{VERSION}.min.js"


def verified(tarball: bytes) -> bytes:
    algorithm, _, expected = INTEGRITY.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if digest != expected:
        raise ValueError(f"axe-core {VERSION} from the registry does not match the pinned "
                         f"{algorithm}; refusing it")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise ValueError(f"{MEMBER} is not in axe-core {VERSION}'s tarball")
        return member.read()


def fetch() -> Path:
    """The cached axe.min.js, downloaded and checked first when missing."""
    target = axe_path()
    if target.is_file():
        return target
    with urllib.request.urlopen(TARBALL, timeout=60) as answer:
        script = verified(answer.read())
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(script)
    partial.replace(target)  # never a half-written file under the final name
    return target


if __name__ == "__main__":
    try:
        print(fetch())
    except (OSError, ValueError) as exc:
        print(f"fetch-axe: {exc}", file=sys.stderr)
        sys.exit(1)
