"""On X11, selecting a note's text never puts it in the PRIMARY selection (middle-click paste):
case text is not copied anywhere. Locking empties PRIMARY as it does the clipboard. The
offscreen platform has no selection, so this runs on a virtual X display (Xvfb), in a child
process with Qt's xcb platform."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from safeconf.app.conferences import ConferenceService
from safeconf.app.session import VaultSession
from safeconf.domain.records import AckMethod, NoteSection, Presence, Role
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from tests.conftest import service_missing
from tests.ui.conftest import PASSPHRASE, acknowledge_staff_terms

pytestmark = [pytest.mark.keyring, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
NOTE = "Uncle Rafael must not collect the children"


@pytest.fixture
def x_display() -> Iterator[str]:
    """A private Xvfb display; its number is chosen by Xvfb itself (-displayfd)."""
    if not sys.platform.startswith("linux") or shutil.which("Xvfb") is None:
        service_missing("Xvfb (virtual X display for the X11 selection test)")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as answer:
            number = answer.readline().strip()
        if not number:
            service_missing("a working Xvfb")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def test_a_selected_note_never_reaches_the_x11_primary_selection_and_locking_empties_it(
    x_display: str, data_dir: Path, keyring_store: SystemKeyring, fast_kdf: KdfParams
) -> None:
    session = VaultSession(data_dir, keyring_store, fast_kdf)
    session.create(PASSPHRASE)
    acknowledge_staff_terms(session)
    service = ConferenceService(session)
    case = service.create_case("2026-0950", "Duarte")
    conf = service.create_conference(case.id, datetime.now().astimezone())
    person = service.add_attendee(conf.id, "Inês Duarte", Role.PARENT)
    service.set_presence(person.id, Presence.PRESENT)
    service.acknowledge(person.id, AckMethod.TYPED_NAME, service.statement_for(person),
                        typed_name="Inês Duarte")
    service.save_note(conf.id, NoteSection.CONCERNS, NOTE)
    session.lock()

    env = dict(os.environ, SAFECONF_TEST_PASSPHRASE=PASSPHRASE, QT_QPA_PLATFORM="xcb",
               DISPLAY=x_display)
    env.pop("WAYLAND_DISPLAY", None)
    child = subprocess.run(
        [sys.executable, "-m", "tests.ui.selection_child", str(data_dir), conf.id],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    lines = dict(line.split(" ", 1) for line in child.stdout.splitlines() if " " in line)
    assert lines.get("SUPPORTED") == "True", child.stderr[-2000:]
    assert lines.get("SELECTED") == repr(NOTE)  # the note's text really was selected
    assert lines.get("BEFORE") == repr("")  # case text never reaches PRIMARY
    assert lines.get("HELD") == repr("held by safeconf")  # what PRIMARY held before locking
    assert lines.get("AFTER") == repr("")
