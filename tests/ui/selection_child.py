"""Child process for the X11 selection test, on a virtual X display: unlock, select the
note's text (which must not put it in the PRIMARY selection), ask another X client what a
middle click would paste; put other text in PRIMARY, lock, and ask again. Prints
SELECTED/BEFORE/HELD/AFTER lines with what it was told."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QProcess, Qt, QTimer
from PySide6.QtGui import QClipboard
from PySide6.QtTest import QTest

from safeconf.ui.main import build_window, make_application
from safeconf.vault.device_secret import SystemKeyring

READER = ("from PySide6.QtGui import QClipboard, QGuiApplication\n"
          "app = QGuiApplication([])\n"
          "print(repr(app.clipboard().text(QClipboard.Mode.Selection)), flush=True)\n")


def what_another_program_pastes() -> str:
    """Another X client reads PRIMARY while this one's event loop answers it."""
    reader = QProcess()
    loop = QEventLoop()
    reader.finished.connect(loop.quit)
    reader.start(sys.executable, ["-c", READER])
    QTimer.singleShot(20_000, loop.quit)
    loop.exec()
    return bytes(reader.readAllStandardOutput().data()).decode().strip()


def main() -> None:
    data_dir, conference_id = Path(sys.argv[1]), sys.argv[2]
    app = make_application()
    window = build_window(data_dir, SystemKeyring(), app)
    window.show()

    def start() -> None:
        window.main_view.open_conference(conference_id)
        workspace = window.main_view.workspace
        workspace.go_to(3)
        editor = workspace.notes.editor
        window.activateWindow()
        editor.setFocus()
        QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        print("SUPPORTED", app.clipboard().supportsSelection(), flush=True)
        print("SELECTED", repr(editor.textCursor().selectedText()), flush=True)
        print("BEFORE", what_another_program_pastes(), flush=True)
        # Something else of the app's in PRIMARY (not case text): locking must empty it.
        app.clipboard().setText("held by safeconf", QClipboard.Mode.Selection)
        print("HELD", what_another_program_pastes(), flush=True)
        window.lock()
        print("AFTER", what_another_program_pastes(), flush=True)
        app.quit()

    window.unlocked.connect(lambda: QTimer.singleShot(0, start))
    screen = window.lock_screen
    screen.passphrase.setText(os.environ["SAFECONF_TEST_PASSPHRASE"])
    screen.unlock_button.click()
    app.exec()


if __name__ == "__main__":
    main()
