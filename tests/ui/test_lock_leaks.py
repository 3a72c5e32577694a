"""Nothing leaks at the lock: passphrase fields keep typed characters off the accessibility
bus (Qt's line edit sends each edit as a text event carrying the characters, which AT-SPI
hands to every program), and unlocking returns to where the user was."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

import safeconf.ui
from safeconf.domain.records import NoteSection
from safeconf.ui.app_window import AppWindow
from safeconf.ui.lock.lock_screens import UnlockScreen
from safeconf.ui.secret_field import MASK, SecretLineEdit
from safeconf.ui.workspace.conference_workspace import NOTES
from tests.ui.a11y_events import hear_accessibility
from tests.ui.conftest import PASSPHRASE
from tests.ui.test_locking import open_conference_with_content, unlock

pytestmark = pytest.mark.keyring
TYPED = "Zebra quilt 42"


def password_fields() -> list[QLineEdit]:
    return [w for w in QApplication.allWidgets() if isinstance(w, QLineEdit)
            and w.echoMode() == QLineEdit.EchoMode.Password and w.isVisible()]


def assert_nothing_typed_reaches_the_bus(qtbot: Any, field: QLineEdit) -> None:
    assert isinstance(field, SecretLineEdit)
    field.setFocus()
    with hear_accessibility() as heard:
        QTest.keyClicks(field, TYPED)
        QTest.keyClick(field, Qt.Key.Key_Backspace)
        interface = QAccessible.queryAccessibleInterface(field)
        value = interface.text(QAccessible.Text.Value)
        text_interface = interface.textInterface()
        assert text_interface is not None
        read_back = text_interface.text(0, text_interface.characterCount())
    assert field.text() == TYPED[:-1]  # the field still works
    assert heard.texts  # each keystroke was heard, as a mask only
    for text in [*heard.texts, value, read_back]:
        assert set(text) <= {MASK, "*"}, text


def test_first_run_and_unlock_fields_send_masks_only(
    qtbot: Any, make_window: Any
) -> None:
    window: AppWindow = make_window()
    fields = password_fields()
    assert len(fields) == 2  # passphrase and repeat
    for field in fields:
        assert_nothing_typed_reaches_the_bus(qtbot, field)
    window.lock_screen.passphrase.setText(PASSPHRASE)
    window.lock_screen.repeat.setText(PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        window.lock_screen.create_button.click()
    window.lock()
    screen = window.lock_screen
    assert isinstance(screen, UnlockScreen)
    assert password_fields() == [screen.passphrase]
    assert_nothing_typed_reaches_the_bus(qtbot, screen.passphrase)
    # Typed for real, the passphrase opens the vault.
    screen.passphrase.clear()
    QTest.keyClicks(screen.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        QTest.keyClick(screen.passphrase, Qt.Key.Key_Return)


def test_secret_field_follows_editing_keys_and_refuses_copy(qtbot: Any) -> None:
    field = SecretLineEdit()
    qtbot.addWidget(field)
    field.show()
    QTest.keyClicks(field, "secret")
    QTest.keyClick(field, Qt.Key.Key_Left)
    QTest.keyClick(field, Qt.Key.Key_Backspace)  # the second "e"
    QTest.keyClick(field, Qt.Key.Key_Home)
    QTest.keyClick(field, Qt.Key.Key_Delete)  # the "s"
    assert field.text() == "ecrt"
    QTest.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClicks(field, "ab")  # typing replaces the selection
    assert field.text() == "ab"
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("pasted words")
    QTest.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "abpasted words"
    assert QLineEdit.text(field) == MASK * len("abpasted words")
    clipboard.clear()
    field.selectAll()
    QTest.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == ""


def test_unlock_returns_to_the_conference_and_step_that_was_locked(
    qtbot: Any, unlocked: AppWindow
) -> None:
    conference_id = open_conference_with_content(unlocked)
    other = unlocked.service.create_conference(
        unlocked.service.conference(conference_id).case_id, datetime.now().astimezone())
    workspace = unlocked.main_view.workspace
    workspace.go_to(NOTES)
    workspace.notes.select_section(NoteSection.SAFETY_PLAN)
    editor = workspace.notes.editor
    editor.setFocus()
    QTest.keyClicks(editor, "Aunt stays overnight")  # locked before autosave runs
    unlocked.lock()
    unlock(qtbot, unlocked)
    workspace = unlocked.main_view.workspace
    assert workspace is not None and workspace.conference_id == conference_id != other.id
    assert workspace.pages.currentIndex() == NOTES
    assert workspace.steps.currentRow() == NOTES
    assert workspace.notes.section is NoteSection.SAFETY_PLAN
    assert workspace.notes.editor.toPlainText() == "Aunt stays overnight"
    assert workspace.notes.editor.hasFocus()
    saved = unlocked.service.notes(conference_id)[NoteSection.SAFETY_PLAN]
    assert saved.body == "Aunt stays overnight"
    # From the conference list, unlocking shows the list again.
    workspace.close_workspace()
    unlocked.lock()
    unlock(qtbot, unlocked)
    assert unlocked.main_view.workspace is None


def test_handover_passphrase_field_sends_masks_only(qtbot: Any, unlocked: AppWindow) -> None:
    conference_id = open_conference_with_content(unlocked)
    person = unlocked.service.attendees(conference_id)[0]
    unlocked.enter_handover(conference_id, person.id)
    assert password_fields() == [unlocked.handover.passphrase]
    assert_nothing_typed_reaches_the_bus(qtbot, unlocked.handover.passphrase)


def test_no_password_field_is_a_plain_line_edit() -> None:
    """A new passphrase field (change, recovery) must be a SecretLineEdit too."""
    ui = Path(safeconf.ui.__file__).parent
    plain = [str(path.relative_to(ui)) for path in ui.rglob("*.py")
             if "EchoMode.Password" in path.read_text(encoding="utf-8")
             and path.name != "secret_field.py"]
    assert plain == []
