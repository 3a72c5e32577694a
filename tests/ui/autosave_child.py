"""Child process for the crash test: unlock the app, type into the notes editor, report
once autosave has returned, then keep running until killed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest

from safeconf.ui.main import build_window, make_application
from safeconf.vault.device_secret import SystemKeyring


def main() -> None:
    data_dir, conference_id, text = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = make_application()
    window = build_window(data_dir, SystemKeyring(), app)
    window.show()

    def on_saved(_note_id: str) -> None:
        print("SAVED", flush=True)

    def start() -> None:
        window.main_view.open_conference(conference_id)
        workspace = window.main_view.workspace
        workspace.go_to(3)
        workspace.notes.saved.connect(on_saved)
        QTest.keyClicks(workspace.notes.editor, text)

    window.unlocked.connect(lambda: QTimer.singleShot(0, start))
    screen = window.lock_screen
    screen.passphrase.setText(os.environ["SAFECONF_TEST_PASSPHRASE"])
    screen.unlock_button.click()
    app.exec()


if __name__ == "__main__":
    main()
