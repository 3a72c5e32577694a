"""Started where there is no display, the app says so instead of letting Qt abort."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland are Linux")
def test_without_a_display_the_app_explains_and_exits(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    done = subprocess.run(
        [sys.executable, "-m", "safeconf", "--data-dir", str(tmp_path / "data")],
        env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1
    assert "no graphical display" in done.stderr
    assert not (tmp_path / "data").exists()
