"""Logout, shutdown or `kill` end the app as closing it does: what was typed is saved and the
vault locked before it quits (ui/terminate.py)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest

from safeconf.ui.terminate import EndOnSignal
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from tests.ui.conftest import (
    app_typing_into_notes,
    assert_concerns_kept,
    vault_with_open_conference,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
ROOT = Path(__file__).resolve().parents[2]


def test_a_signal_ends_once_on_qts_thread_and_uninstall_gives_the_handler_back(
    qtbot: Any,
) -> None:
    before = signal.getsignal(signal.SIGTERM)
    ended: list[str] = []
    ending = EndOnSignal(lambda: ended.append("ended")).install()
    try:
        os.kill(os.getpid(), signal.SIGTERM)  # would end the test run without the handler
        qtbot.waitUntil(lambda: ended == ["ended"], timeout=5000)
        os.kill(os.getpid(), signal.SIGTERM)  # while ending, a second one changes nothing
        qtbot.wait(200)
        assert ended == ["ended"]
    finally:
        ending.uninstall()
    assert signal.getsignal(signal.SIGTERM) is before


def test_an_unrelated_signal_on_the_wakeup_socket_does_not_end_the_app(qtbot: Any) -> None:
    ended: list[str] = []
    ending = EndOnSignal(lambda: ended.append("ended"), signals=(signal.SIGTERM,)).install()
    previous = signal.signal(signal.SIGUSR1, lambda *_: None)
    try:
        os.kill(os.getpid(), signal.SIGUSR1)  # also written to the wakeup socket
        qtbot.wait(300)
        assert ended == []
    finally:
        signal.signal(signal.SIGUSR1, previous)
        ending.uninstall()


@pytest.mark.keyring
@pytest.mark.slow
def test_sigterm_while_typing_saves_the_words_and_locks_before_the_app_ends(
    data_dir: Path, keyring_store: SystemKeyring, fast_kdf: KdfParams
) -> None:
    session, service, conference_id = vault_with_open_conference(
        data_dir, keyring_store, fast_kdf, "2026-0710", "Ada Okafor")

    text = "Uncle will drive the children to school on weekdays"
    with app_typing_into_notes("terminate_child", data_dir, conference_id, text) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "TYPED"
        child.send_signal(signal.SIGTERM)  # well inside the pause that would autosave
        out, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    assert out.strip() == "LOCKED"
    assert_concerns_kept(session, service, conference_id, text)
