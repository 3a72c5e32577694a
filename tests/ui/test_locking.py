"""First run, unlock, wrong passphrases with back-off, vaults that fail to open, Ctrl+L,
idle lock (nothing left on screen, in the title or in the clipboard) and hand-over mode."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QTextBrowser

from safeconf.domain.records import AckMethod, Language, NoteSection, Presence, Role
from safeconf.ui.app_window import AppWindow
from safeconf.ui.lock.lock_screens import FirstRunScreen, UnlockScreen
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.vault import KEYS_NAME
from tests.ui.conftest import PASSPHRASE

pytestmark = pytest.mark.keyring
SECRET_WORDS = ("2026-0555", "Vasquez-Ortiz", "Rosa Vasquez", "broken arm")


def unlock(qtbot: Any, window: AppWindow, passphrase: str = PASSPHRASE) -> None:
    screen = window.lock_screen
    assert isinstance(screen, UnlockScreen)
    screen.passphrase.setText(passphrase)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        screen.unlock_button.click()


def fail_unlock(qtbot: Any, window: AppWindow, passphrase: str = "wrong passphrase!") -> str:
    screen = window.lock_screen
    assert isinstance(screen, UnlockScreen)
    screen.passphrase.setText(passphrase)
    screen.unlock_button.click()
    qtbot.waitUntil(lambda: screen.message.isVisible() and not screen.busy.isVisible(),
                    timeout=10_000)
    return screen.message.text()


def open_conference_with_content(window: AppWindow) -> str:
    service = window.service
    case = service.create_case(SECRET_WORDS[0], SECRET_WORDS[1])
    conf = service.create_conference(case.id, datetime.now().astimezone())
    attendee = service.add_attendee(conf.id, SECRET_WORDS[2], Role.PARENT)
    service.set_presence(attendee.id, Presence.PRESENT)
    statement = service.statement_for(attendee)
    service.acknowledge(attendee.id, AckMethod.TYPED_NAME, statement, typed_name="Rosa Vasquez")
    service.save_note(conf.id, NoteSection.CONCERNS, f"Child has a {SECRET_WORDS[3]}.")
    window.main_view.home.refresh()
    window.main_view.open_conference(conf.id)
    return conf.id


def visible_texts(window: AppWindow) -> str:
    parts = [window.windowTitle()]
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QLineEdit):
            parts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextBrowser):
            parts.append(widget.toPlainText())
    return "\n".join(parts)


def test_first_run_shows_create_screen_then_lock_and_unlock(
    qtbot: Any, make_window: Any
) -> None:
    window = make_window()
    assert isinstance(window.lock_screen, FirstRunScreen)
    screen = window.lock_screen
    screen.passphrase.setText("short")
    assert not screen.create_button.isEnabled()
    assert "Too short" in screen.strength_text.text()
    screen.passphrase.setText(PASSPHRASE)
    screen.repeat.setText(PASSPHRASE + "x")
    assert not screen.create_button.isEnabled()
    assert "differ" in screen.strength_text.text()
    screen.repeat.setText(PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        screen.create_button.click()
    assert window.session.is_open
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.session.is_open
    assert isinstance(window.lock_screen, UnlockScreen)
    assert window.windowTitle() == "safeconf — Locked"
    unlock(qtbot, window)
    assert window.main_view is not None


def test_wrong_passphrase_says_so_and_backs_off_across_restarts(
    qtbot: Any, make_window: Any, unlocked: AppWindow, data_dir: Path
) -> None:
    unlocked.lock()
    assert "not right" in fail_unlock(qtbot, unlocked)
    fail_unlock(qtbot, unlocked)
    message = fail_unlock(qtbot, unlocked)
    assert "Try again in" in message
    assert not unlocked.lock_screen.unlock_button.isEnabled()
    stored = json.loads((data_dir / KEYS_NAME).read_text())
    assert stored["unlock_failures"]["count"] == 3
    # A new app process (new session, new window) still waits.
    again = make_window()
    screen = again.lock_screen
    assert isinstance(screen, UnlockScreen)
    assert not screen.unlock_button.isEnabled()
    assert "Too many wrong passphrases" in screen.message.text()
    assert not again.session.is_open


def test_vault_with_damaged_key_file_shows_why(
    qtbot: Any, make_window: Any, unlocked: AppWindow, data_dir: Path
) -> None:
    unlocked.lock()
    (data_dir / KEYS_NAME).write_text("{ not json")
    message = fail_unlock(qtbot, make_window(), PASSPHRASE)
    assert "key file is damaged" in message


def test_vault_whose_device_secret_is_gone_shows_why(
    qtbot: Any, make_window: Any, unlocked: AppWindow, keyring_store: SystemKeyring
) -> None:
    vault_id = unlocked.session.vault.vault_id
    unlocked.lock()
    keyring_store.delete(vault_id)
    message = fail_unlock(qtbot, make_window(), PASSPHRASE)
    assert "device secret is missing" in message and "escrow" in message


def test_vault_from_a_newer_version_shows_why(
    qtbot: Any, make_window: Any, unlocked: AppWindow
) -> None:
    unlocked.session.vault._db.execute("PRAGMA user_version = 999")
    unlocked.lock()
    message = fail_unlock(qtbot, make_window(), PASSPHRASE)
    assert "newer version of safeconf" in message


def test_settings_dialog_saves_idle_minutes_and_language(
    unlocked: AppWindow, prompter: Any, data_dir: Path
) -> None:
    from safeconf.ui.settings_dialog import SettingsDialog

    def fill(d: SettingsDialog) -> bool:
        d.idle_minutes.setValue(9)
        d.lock_on_minimise.setChecked(True)
        return True

    prompter.on(SettingsDialog, fill)
    unlocked.settings_action.trigger()
    assert unlocked.idle.timer.interval() == 9 * 60_000
    stored = json.loads((data_dir / "settings.json").read_text())
    assert stored == {"language": "", "idle_minutes": 9, "lock_on_minimise": True}


def test_no_keyring_warns_on_first_run(make_window: Any, no_keyring: SystemKeyring) -> None:
    window = make_window(no_keyring)
    warning = window.lock_screen.findChild(QLabel, "keyringWarning")
    assert warning is not None and warning.isVisible()
    assert "passphrase alone" in warning.text()


def test_idle_lock_leaves_nothing_on_screen_in_title_or_clipboard(
    qtbot: Any, unlocked: AppWindow
) -> None:
    open_conference_with_content(unlocked)
    workspace = unlocked.main_view.workspace
    workspace.go_to(3)
    editor = workspace.notes.editor
    editor.setFocus()
    editor.selectAll()
    editor.copy()  # case text never reaches the clipboard (test_case_text_copy.py) ...
    assert SECRET_WORDS[3] not in QGuiApplication.clipboard().text()
    # ... but whatever the app itself put there while in use (a search typed, say) goes
    # with the lock too.
    QGuiApplication.clipboard().setText(f"search: {SECRET_WORDS[3]}")
    assert SECRET_WORDS[3] in QGuiApplication.clipboard().text()
    assert any(word in visible_texts(unlocked) for word in SECRET_WORDS)
    unlocked.idle.set_interval(50)
    with qtbot.waitSignal(unlocked.locked, timeout=5000):
        pass
    texts = visible_texts(unlocked)
    for word in SECRET_WORDS:
        assert word not in texts
    assert unlocked.windowTitle() == "safeconf — Locked"
    assert QGuiApplication.clipboard().text() == ""
    assert unlocked.main_view is None and not unlocked.session.is_open


def test_any_keystroke_restarts_the_idle_countdown(qtbot: Any, unlocked: AppWindow) -> None:
    timer = unlocked.idle.timer
    unlocked.idle.set_interval(60_000)
    qtbot.waitUntil(lambda: timer.remainingTime() < 59_900, timeout=2000)
    qtbot.keyClick(unlocked.main_view.home.tree, Qt.Key.Key_Down)
    assert timer.remainingTime() > 59_900
    assert unlocked.session.is_open


def test_minimise_locks_when_chosen(qtbot: Any, unlocked: AppWindow) -> None:
    from dataclasses import replace

    unlocked.apply_settings(replace(unlocked.settings, lock_on_minimise=True))
    with qtbot.waitSignal(unlocked.locked, timeout=3000):
        unlocked.showMinimized()
    assert not unlocked.session.is_open


def test_handover_cannot_be_left_without_the_passphrase(
    qtbot: Any, unlocked: AppWindow
) -> None:
    service = unlocked.service
    case = service.create_case("2026-0600", "Haddad")
    conf = service.create_conference(case.id, datetime.now().astimezone())
    attendee = service.add_attendee(conf.id, "Yara Haddad", Role.PARENT,
                                    language=Language.SPANISH)
    service.set_presence(attendee.id, Presence.PRESENT)
    unlocked.main_view.open_conference(conf.id)
    page = unlocked.main_view.workspace.confidentiality
    page.select_attendee(attendee.id)
    page.handover_button.click()
    assert unlocked.in_handover
    view = unlocked.handover
    assert not unlocked.menuBar().isVisible() and not unlocked.toolbar.isVisible()
    assert not unlocked.main_view.isVisible()
    assert "Declaración" in view.statement.toPlainText()
    # The attendee's controls speak the attendee's language, whatever the interface's.
    assert view.form.sign_button.text() == "Estoy de &acuerdo — firmar"

    # The attendee signs; the app thanks them and stays in hand-over.
    view.form.pad.add_stroke([view.form.pad.rect().center() * (i / 20) for i in range(1, 21)])
    view.form.sign_button.click()
    assert service.acknowledgments(conf.id)[attendee.id].language is Language.SPANISH
    assert unlocked.in_handover

    # The facilitator's shortcuts do nothing here; closing the window is refused; a wrong
    # passphrase keeps hand-over.
    for key in (Qt.Key.Key_1, Qt.Key.Key_4):
        qtbot.keyClick(view, key, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert unlocked.stack.currentWidget() is view and not unlocked.main_view.isVisible()
    unlocked.close()
    assert unlocked.isVisible() and unlocked.in_handover
    view.passphrase.setText("not the passphrase")
    view.return_button.click()
    qtbot.waitUntil(lambda: view.exit_message.isVisible(), timeout=10_000)
    assert unlocked.in_handover

    view.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(view.exit_granted, timeout=10_000):
        view.return_button.click()
    assert not unlocked.in_handover
    assert unlocked.main_view.isVisible()


def test_locking_during_handover_restores_the_menus_after_unlock(
    qtbot: Any, unlocked: AppWindow
) -> None:
    service = unlocked.service
    case = service.create_case("2026-0601", "Moreau")
    conf = service.create_conference(case.id, datetime.now().astimezone())
    attendee = service.add_attendee(conf.id, "Jean Moreau", Role.PARENT)
    service.set_presence(attendee.id, Presence.PRESENT)
    unlocked.enter_handover(conf.id, attendee.id)
    assert unlocked.in_handover and not unlocked.quit_action.isEnabled()
    qtbot.keyClick(unlocked.handover, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not unlocked.session.is_open and not unlocked.in_handover
    unlock(qtbot, unlocked)
    assert unlocked.quit_action.isEnabled() and unlocked.menuBar().isVisible()


def test_first_run_keeps_create_disabled_for_a_passphrase_the_meter_rates_weak(
    make_window: Any
) -> None:
    window = make_window()
    screen = window.lock_screen
    assert isinstance(screen, FirstRunScreen)
    for weak in ("bookkeeper", "aaaaaaaaaaaaaaaa"):
        screen.passphrase.setText(weak)
        screen.repeat.setText(weak)
        assert "Weak" in screen.strength_text.text()
        assert not screen.create_button.isEnabled()
    screen.passphrase.setText(PASSPHRASE)
    screen.repeat.setText(PASSPHRASE)
    assert screen.create_button.isEnabled()
    assert not window.session.has_vault
