"""Sync with a real `safeconf-hq` from the app: enroll through the dialog, Ctrl+Shift+S, the
status indicator (synced / offline / needs attention), locking during a sync, the check-in
screen of a laptop that has not synced for 30 days, and a remote wipe back to first run."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from safeconf.app.conferences import ConferenceService, Group
from safeconf.app.session import VaultSession
from safeconf.sync.engine import SyncEngine, enroll_vault
from safeconf.sync.errors import HQUnreachable
from safeconf.sync.transport import UNREACHABLE
from safeconf.ui.app_window import AppWindow
from safeconf.ui.i18n import Translations
from safeconf.ui.lock.lock_screens import FirstRunScreen, UnlockScreen
from safeconf.ui.sync.sync_controller import SyncState
from safeconf.ui.sync.sync_messages import sync_message
from safeconf.ui.sync.sync_widgets import CheckInScreen, EnrollDialog
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from safeconf.vault.vault import Vault
from tests.support.hq_process import HQProcess
from tests.ui.conftest import PASSPHRASE, ScriptedPrompter
from tests.ui.test_language_and_access import unnamed_controls

pytestmark = [pytest.mark.keyring, pytest.mark.slow]
SYNC_TIMEOUT = 30_000  # a sync takes about a second; be generous on a loaded machine
WORKER = "w.alvarez"


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[HQProcess]:
    server = HQProcess(tmp_path / "hq").init().start()
    server.import_cases([("HQ-100", "Alder", WORKER), ("HQ-200", "Birch", f"{WORKER};w.chen"),
                         ("HQ-300", "Cedar", "w.chen")])
    yield server
    server.stop()


def status_text(window: AppWindow) -> str:
    return window.sync_status.text()


def enroll(qtbot: Any, window: AppWindow, prompter: ScriptedPrompter, code: str) -> EnrollDialog:
    """File → Enroll with HQ…, paste the code, press Enroll; the first sync follows."""
    seen: list[EnrollDialog] = []

    def fill(dialog: EnrollDialog) -> bool:
        seen.append(dialog)
        assert unnamed_controls(dialog) == []
        dialog.code.setPlainText(code)
        qtbot.mouseClick(dialog.enroll_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.busy_now, timeout=SYNC_TIMEOUT)
        return dialog.enrollment is not None

    prompter.on(EnrollDialog, fill)
    with qtbot.waitSignal(window.sync.synced, timeout=SYNC_TIMEOUT):
        window.enroll_action.trigger()
    return seen[0]


def press_sync(qtbot: Any, window: AppWindow, signal: Any) -> None:
    with qtbot.waitSignal(signal, timeout=SYNC_TIMEOUT):
        qtbot.keyClick(window, Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def listed_case_numbers(window: AppWindow) -> set[str]:
    assert window.main_view is not None
    model = window.main_view.home.model
    return {row.case_number for group in Group for row in model.rows_of(group)}


def unlock(qtbot: Any, window: AppWindow) -> None:
    screen = window.lock_screen
    assert isinstance(screen, UnlockScreen)
    screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        screen.unlock_button.click()


def test_enrolling_in_the_dialog_then_ctrl_shift_s_brings_hq_cases_into_the_list(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter, hq: HQProcess,
    tmp_path: Path, keyring_store: SystemKeyring, fast_kdf: KdfParams,
) -> None:
    assert status_text(unlocked) == "Not enrolled"
    assert unlocked.sync_status.accessibleName() == "Sync status: Not enrolled"

    dialog = enroll(qtbot, unlocked, prompter, hq.enrollment_code(WORKER))
    assert "enrolled with HQ for worker w.alvarez" in dialog.message.text()
    assert status_text(unlocked).startswith("Synced at ")
    assert {c.case_number for c in unlocked.service.cases()} == {"HQ-100", "HQ-200"}
    assert not unlocked.enroll_action.isEnabled()

    # The same worker records a conference on another laptop and syncs it to HQ.
    other = VaultSession(tmp_path / "other", keyring_store, fast_kdf)
    other.create(PASSPHRASE, user=WORKER)
    enroll_vault(other.vault, hq.enrollment_code(WORKER))
    SyncEngine(other.vault, keyring_store).run()
    service = ConferenceService(other)
    case = next(c for c in service.cases() if c.case_number == "HQ-100")
    service.create_conference(case.id, datetime.now().astimezone())
    SyncEngine(other.vault, keyring_store).run()
    other.lock()

    shown: list[str] = []
    unlocked.sync.status_changed.connect(lambda _s: shown.append(status_text(unlocked)))
    press_sync(qtbot, unlocked, unlocked.sync.synced)
    assert shown[0] == "Syncing…" and any(t.startswith("Syncing… 1 of ") for t in shown)
    qtbot.waitUntil(lambda: "HQ-100" in listed_case_numbers(unlocked), timeout=10_000)
    assert status_text(unlocked).startswith("Synced at ")
    assert unlocked.sync_status.accessibleName().startswith("Sync status: Synced at ")

    # The indicator is a keyboard-reachable button; Enter tells the whole story.
    assert unlocked.sync_status.focusPolicy() & Qt.FocusPolicy.TabFocus
    unlocked.sync_status.setFocus()
    qtbot.keyClick(unlocked.sync_status, Qt.Key.Key_Return)
    kind, _title, text = prompter.messages[-1]
    assert kind == "inform" and text.startswith("Last synced with HQ: ")


def test_with_hq_down_the_status_says_offline_and_pending_changes_stay_pending(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter, hq: HQProcess,
) -> None:
    enroll(qtbot, unlocked, prompter, hq.enrollment_code(WORKER))
    unlocked.service.create_case("2026-0901", "Okafor")
    vault = unlocked.session.vault
    pending = vault.sync.pending_count()
    assert pending > 0

    hq.stop()
    press_sync(qtbot, unlocked, unlocked.sync.failed)
    assert status_text(unlocked) == "Offline"
    assert unlocked.sync.status.state is SyncState.OFFLINE
    unlocked.sync_status.click()
    kind, _title, text = prompter.messages[-1]
    assert kind == "inform"
    assert "HQ could not be reached" in text and "Nothing was lost" in text
    assert vault.sync.pending_count() == pending
    assert "2026-0901" in {c.case_number for c in unlocked.service.cases()}
    assert unlocked.main_view is not None and unlocked.session.is_open


def test_a_revoked_laptop_shows_needs_attention_with_the_reason(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter, hq: HQProcess,
) -> None:
    enroll(qtbot, unlocked, prompter, hq.enrollment_code(WORKER))
    device = unlocked.session.vault.sync.credentials().hq_device_id
    hq.admin("revoke", device)

    press_sync(qtbot, unlocked, unlocked.sync.failed)
    assert status_text(unlocked) == "Needs attention"
    unlocked.sync_status.click()
    assert "HQ has withdrawn this laptop's access." in prompter.messages[-1][2]
    assert len(unlocked.service.cases()) == 2  # the laptop keeps its records


def test_locking_during_a_sync_waits_for_a_safe_point_and_the_next_sync_completes(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter, hq: HQProcess,
) -> None:
    enroll(qtbot, unlocked, prompter, hq.enrollment_code(WORKER))
    unlocked.service.create_case("2026-0902", "Nakamura")
    assert unlocked.sync.sync_now()
    qtbot.waitUntil(lambda: unlocked.sync.service.running, timeout=SYNC_TIMEOUT)
    unlocked.lock()  # while the sync runs: it stops at its next page, then the vault closes
    assert not unlocked.session.is_open
    assert not unlocked.sync.service.running
    assert not unlocked.sync_status.isVisible()
    with qtbot.waitSignal(unlocked.sync.synced, timeout=SYNC_TIMEOUT):
        unlock(qtbot, unlocked)  # unlocking syncs again, in the background
    assert status_text(unlocked).startswith("Synced at ")
    assert unlocked.session.vault.sync.pending_count() == 0


def test_a_laptop_that_has_not_synced_for_30_days_shows_only_the_check_in_screen(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter, hq: HQProcess,
) -> None:
    enroll(qtbot, unlocked, prompter, hq.enrollment_code(WORKER))
    vault = unlocked.session.vault
    vault.sync.put("last_sync_at", "2026-01-01T00:00:00+00:00")
    credentials = vault.sync.credentials()
    # Unlocking syncs at once: let that attempt find HQ unreachable (a closed port).
    vault.sync.save_credentials(replace(credentials, sync_url="https://127.0.0.1:9"))
    unlocked.lock()

    screen = unlocked.lock_screen
    assert isinstance(screen, UnlockScreen)
    screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(unlocked.sync.failed, timeout=SYNC_TIMEOUT):
        screen.unlock_button.click()
    check_in = unlocked.check_in
    assert isinstance(check_in, CheckInScreen)
    assert unlocked.stack.currentWidget() is check_in and unlocked.main_view is None
    assert "HQ could not be reached" in check_in.message.text()
    assert check_in.sync_button.isEnabled()
    assert unnamed_controls(unlocked) == []
    assert "HQ-100" not in " ".join(w.text() for w in unlocked.findChildren(QLabel))

    unlocked.session.vault.sync.save_credentials(credentials)  # back online
    with qtbot.waitSignal(unlocked.sync.synced, timeout=SYNC_TIMEOUT):
        qtbot.mouseClick(check_in.sync_button, Qt.MouseButton.LeftButton)
    assert unlocked.check_in is None and unlocked.main_view is not None
    assert unlocked.stack.currentWidget() is unlocked.main_view
    assert status_text(unlocked).startswith("Synced at ")


def test_a_remote_wipe_returns_the_app_to_first_run_with_nothing_left(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter, hq: HQProcess,
    data_dir: Path,
) -> None:
    enroll(qtbot, unlocked, prompter, hq.enrollment_code(WORKER))
    hq.admin("revoke", unlocked.session.vault.sync.credentials().hq_device_id, "--wipe")

    with qtbot.waitSignal(unlocked.sync.wiped, timeout=SYNC_TIMEOUT):
        unlocked.sync_action.trigger()
    assert isinstance(unlocked.lock_screen, FirstRunScreen)
    assert unlocked.main_view is None and not unlocked.session.is_open
    assert not Vault.exists(data_dir)
    assert not unlocked.sync_status.isVisible()
    kind, _title, text = prompter.messages[-1]
    assert kind == "error" and "destroyed" in text


def test_syncing_a_laptop_that_is_not_enrolled_explains_and_offers_to_enroll(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter,
) -> None:
    prompter.confirm_answers.append(False)
    qtbot.keyClick(unlocked, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    kind, _title, text = prompter.messages[-1]
    assert kind == "confirm" and "not enrolled with HQ" in text and "Enroll" in text
    assert not unlocked.sync.running and status_text(unlocked) == "Not enrolled"
    assert prompter.ran == []  # declined: no dialog


def test_the_sync_status_menu_and_messages_are_in_spanish(
    qapp: QApplication, unlocked: AppWindow,
) -> None:
    translations = Translations(qapp)
    unlocked.translations = translations
    try:
        unlocked.apply_settings(replace(unlocked.settings, language="es"))
        assert status_text(unlocked) == "No registrado"
        assert unlocked.sync_status.accessibleName() == "Estado de la sincronización: No registrado"
        assert unlocked.sync_action.text() == "Sincronizar con &HQ"
        assert sync_message(HQUnreachable(UNREACHABLE)).startswith("No se pudo contactar con HQ")
    finally:
        translations.apply("en")


def test_a_revoked_laptop_enrolls_again_from_the_status_and_keeps_unsent_work(
    qtbot: Any, unlocked: AppWindow, prompter: ScriptedPrompter, hq: HQProcess,
) -> None:
    enroll(qtbot, unlocked, prompter, hq.enrollment_code(WORKER))
    old_device = unlocked.session.vault.sync.credentials().hq_device_id
    hq.admin("revoke", old_device)
    press_sync(qtbot, unlocked, unlocked.sync.failed)
    assert unlocked.sync.status.needs_enrollment
    assert unlocked.enroll_action.isEnabled()
    assert "again" in unlocked.enroll_action.text()
    case = next(c for c in unlocked.service.cases() if c.case_number == "HQ-100")
    unsent = unlocked.service.create_conference(case.id, datetime.now().astimezone())

    new_code = hq.enrollment_code(WORKER)
    explained: list[str] = []

    def fill(dialog: EnrollDialog) -> bool:
        explained.append(dialog.findChildren(QLabel)[0].text())
        dialog.code.setPlainText(new_code)
        qtbot.mouseClick(dialog.enroll_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.busy_now, timeout=SYNC_TIMEOUT)
        return dialog.enrollment is not None

    prompter.on(EnrollDialog, fill)
    with qtbot.waitSignal(unlocked.sync.synced, timeout=SYNC_TIMEOUT):
        unlocked.sync_status.click()  # offers to enroll again; the prompter says yes
    assert "enroll this laptop again" in prompter.messages[-1][2].lower()
    assert "no longer accepts" in explained[0]
    assert unlocked.session.vault.sync.credentials().hq_device_id != old_device
    assert unlocked.sync.status.state is SyncState.SYNCED
    assert unlocked.session.vault.sync.pending_count() == 0
    assert "replaced" in hq.admin("devices")
    assert unlocked.service.conference(unsent.id)
