"""Who is running an HQ admin command, for the records that say who recovered a key or
settled a conflict."""

from __future__ import annotations

import getpass


def admin_login() -> str:
    try:
        return getpass.getuser()[:200]
    except OSError:
        return "unknown"
