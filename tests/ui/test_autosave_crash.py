"""Autosaved notes survive the app being killed (SIGKILL) right after a save returned."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from tests.ui.conftest import (
    app_typing_into_notes,
    assert_concerns_kept,
    vault_with_open_conference,
)

pytestmark = [pytest.mark.keyring, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_autosaved_note_survives_killing_the_app(
    data_dir: Path, keyring_store: SystemKeyring, fast_kdf: KdfParams
) -> None:
    session, service, conference_id = vault_with_open_conference(
        data_dir, keyring_store, fast_kdf, "2026-0700", "Aoife Brennan")

    text = "Grandmother will supervise visits"
    with app_typing_into_notes("autosave_child", data_dir, conference_id, text) as child:
        assert child.stdout is not None
        line = child.stdout.readline()  # blocks until the child reports a returned save
        assert line.strip() == "SAVED"
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert_concerns_kept(session, service, conference_id, text)
