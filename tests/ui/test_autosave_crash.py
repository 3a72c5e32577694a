"""Autosaved notes survive the app being killed (SIGKILL) right after a save returned."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from safeconf.app.conferences import ConferenceService
from safeconf.app.session import VaultSession
from safeconf.domain.records import AckMethod, NoteSection, Presence, Role
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from tests.ui.conftest import PASSPHRASE, acknowledge_staff_terms

pytestmark = [pytest.mark.keyring, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_autosaved_note_survives_killing_the_app(
    data_dir: Path, keyring_store: SystemKeyring, fast_kdf: KdfParams
) -> None:
    session = VaultSession(data_dir, keyring_store, fast_kdf)
    session.create(PASSPHRASE)
    acknowledge_staff_terms(session)
    service = ConferenceService(session)
    case = service.create_case("2026-0700", "Brennan")
    conf = service.create_conference(case.id, datetime.now().astimezone())
    person = service.add_attendee(conf.id, "Aoife Brennan", Role.PARENT)
    service.set_presence(person.id, Presence.PRESENT)
    service.acknowledge(person.id, AckMethod.TYPED_NAME, service.statement_for(person),
                        typed_name="Aoife Brennan")
    session.lock()

    text = "Grandmother will supervise visits"
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.autosave_child", str(data_dir), conf.id, text],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env=dict(os.environ, SAFECONF_TEST_PASSPHRASE=PASSPHRASE),
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()  # blocks until the child reports a returned save
        assert line.strip() == "SAVED"
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)

    session.unlock(PASSPHRASE)
    try:
        note = service.notes(conf.id)[NoteSection.CONCERNS]
        assert note.body == text
        assert service.revisions(note.id)[-1].body == text
    finally:
        session.lock()
