"""Where a user's vault lives: `--data-dir`, else `SAFECONF_DATA_DIR`, else the platform's
user data directory (platformdirs), so IT finds it where the OS expects per-user data."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def default_data_dir() -> Path:
    override = os.environ.get("SAFECONF_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("safeconf", appauthor=False, roaming=False))
