"""What a build stamps on what it makes, read from the source tree: the version (its one
definition, `safeconf.__version__`) and a commit's time (SOURCE_DATE_EPOCH, so a rebuild of
the same commit stamps the same time)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def version_of(root: Path) -> str | None:
    text = (root / "src" / "safeconf" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    return found.group(1) if found else None


def commit_time(root: Path, rev: str = "HEAD") -> int | None:
    """The commit's time in seconds since 1970, or None outside a git checkout."""
    try:
        done = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct", rev],
                              capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    stamp = done.stdout.strip()
    return int(stamp) if stamp else None
