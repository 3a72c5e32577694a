"""Case text never reaches the clipboard: a copy there cannot name a recipient, so it could
not be logged as a disclosure. Ctrl+C, Ctrl+X, the context menu and Qt's own copy give
nothing; pasting into a note stays allowed."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication

from safeconf.domain.records import NoteSection
from safeconf.ui.app_window import AppWindow
from safeconf.ui.case_text import CaseTextBrowser, CaseTextEdit, blocked_message
from safeconf.ui.workspace.conference_workspace import ATTENDEES, CONCLUDE
from tests.ui.a11y_events import hear_accessibility
from tests.ui.keys import press
from tests.ui.screens import acknowledge_everyone, activate, seed_conference

pytestmark = pytest.mark.keyring
NOTE = "Uncle Rafael must not collect the children"
ELSEWHERE = "text copied from another program"


def notes_editor(qtbot: Any, window: AppWindow) -> CaseTextEdit:
    conference_id = seed_conference(window)
    acknowledge_everyone(window, conference_id)
    window.service.save_note(conference_id, NoteSection.CONCERNS, NOTE)
    window.main_view.open_conference(conference_id)
    workspace = window.main_view.workspace
    workspace.go_to(3)
    activate(qtbot, window)
    editor = workspace.notes.editor
    assert isinstance(editor, CaseTextEdit)
    assert editor.toPlainText() == NOTE
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    return editor


def test_ctrl_c_and_ctrl_x_in_the_notes_editor_copy_nothing_and_say_why(
    qtbot: Any, unlocked: AppWindow
) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(ELSEWHERE)
    editor = notes_editor(qtbot, unlocked)
    press(qtbot, "Ctrl+A")
    assert editor.textCursor().selectedText() == NOTE
    with hear_accessibility() as heard, qtbot.waitSignal(editor.copy_blocked):
        press(qtbot, "Ctrl+C")
    assert heard.said("Copying case text is blocked")  # a screen reader hears why
    assert clipboard.text() == ELSEWHERE
    press(qtbot, "Ctrl+X")
    assert clipboard.text() == ELSEWHERE
    assert editor.toPlainText() == NOTE  # nothing was cut either
    assert unlocked.main_view.workspace.notes.save_state.text() == blocked_message()
    assert unlocked.statusBar().currentMessage() == blocked_message()


def test_the_context_menu_has_no_copy_and_qts_own_copy_gives_nothing(
    qtbot: Any, unlocked: AppWindow
) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(ELSEWHERE)
    editor = notes_editor(qtbot, unlocked)
    editor.selectAll()
    menu = editor.case_menu(QPoint(5, 5))
    names = {a.objectName() for a in menu.actions()}
    assert "edit-copy" not in names and "edit-cut" not in names
    assert "edit-paste" in names  # pasting into a note stays
    # Qt's unfiltered menu: its Copy goes through Qt's C++ copy, which asks the widget for
    # the selection's data and gets none (the clipboard is emptied, never given the note).
    standard = {a.objectName(): a for a in editor.createStandardContextMenu().actions()}
    standard["edit-copy"].trigger()
    assert NOTE not in clipboard.text() and "Rafael" not in clipboard.text()
    assert editor.createMimeDataFromSelection().formats() == []  # drag and selection too


def test_pasting_into_a_note_from_elsewhere_still_works(qtbot: Any, unlocked: AppWindow) -> None:
    editor = notes_editor(qtbot, unlocked)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    QGuiApplication.clipboard().setText(" " + ELSEWHERE)
    press(qtbot, "Ctrl+V")
    assert editor.toPlainText() == NOTE + " " + ELSEWHERE


def test_the_summary_and_the_home_tables_copy_nothing(qtbot: Any, unlocked: AppWindow) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(ELSEWHERE)
    conference_id = seed_conference(unlocked)
    acknowledge_everyone(unlocked, conference_id)
    unlocked.main_view.open_conference(conference_id)
    workspace = unlocked.main_view.workspace
    workspace.go_to(CONCLUDE)
    activate(qtbot, unlocked)
    summary = workspace.conclude.summary
    assert isinstance(summary, CaseTextBrowser)
    assert "Quintero" in summary.toPlainText()
    summary.setFocus()
    qtbot.waitUntil(summary.hasFocus)
    summary.selectAll()
    press(qtbot, "Ctrl+C")
    assert clipboard.text() == ELSEWHERE

    workspace.go_to(ATTENDEES)
    table = workspace.attendees.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentIndex(table.model().index(0, 0))
    assert "Quintero" in str(table.currentIndex().data())
    press(qtbot, "Ctrl+C")
    assert clipboard.text() == ELSEWHERE

    unlocked.main_view.close_conference()
    home = unlocked.main_view.home
    qtbot.waitUntil(lambda: home.model.rowCount() > 1)
    qtbot.waitUntil(home.tree.hasFocus)
    row = next(r for r in range(home.model.rowCount())
               if home.model.index(r, 2).data() == "Quintero")
    home.tree.setCurrentIndex(home.model.index(row, 2))
    press(qtbot, "Ctrl+C")
    assert clipboard.text() == ELSEWHERE
