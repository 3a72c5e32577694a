"""An admin command starts without the web server's libraries: only `serve` needs aiohttp,
and every other command (run many times a day, and by scripts) pays for what it imports."""

from __future__ import annotations

import subprocess
import sys


def test_the_admin_commands_load_without_the_web_server() -> None:
    probe = ("import sys, safeconf.hq.cli; "
             "print(sorted(m for m in ('aiohttp', 'safeconf.hq.server', 'safeconf.hq.guard')"
             " if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True, timeout=60).stdout.strip()
    assert loaded == "[]"
