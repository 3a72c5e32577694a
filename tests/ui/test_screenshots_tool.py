"""`make screenshots` renders every README picture from the demo data, in English and in
Spanish: a screen change that breaks the script, or leaves a picture out, fails here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def readme_pictures(console: bool = False) -> set[str]:
    """The README's pictures of the desktop app, or (`console`) of HQ's web console, which
    tools/console_screenshots.py makes in a browser (tests/browser/test_screenshots.py)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    names = set(re.findall(r"docs/screenshots/([\w-]+\.png)", text))
    return {n for n in names if n.startswith("console-") == console}


@pytest.mark.slow
def test_the_screenshot_script_renders_every_readme_picture_in_both_languages(
    tmp_path: Path,
) -> None:
    out = tmp_path / "shots"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SAFECONF_SCREENSHOTS_DIR": str(out)}
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "screenshots.py")], env=env,
                          capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    rendered = {p.name for p in out.glob("*.png")}
    english = {name for name in rendered if not name.endswith("-es.png")}
    assert len(english) >= 11
    assert {name.removesuffix(".png") + "-es.png" for name in english} <= rendered
    assert readme_pictures() <= rendered, "the README shows a picture the script does not make"
    for name in rendered:
        image = QImage(str(out / name))
        assert not image.isNull() and image.width() >= 400, name
    # The Spanish pictures are really different pictures.
    for name in english:
        spanish = name.removesuffix(".png") + "-es.png"
        assert (out / name).read_bytes() != (out / spanish).read_bytes(), name
