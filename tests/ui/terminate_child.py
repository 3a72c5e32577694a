"""Child process for the signal test: the app as `run_app` sets it up, unlocked, with text
typed into the notes editor; says TYPED at once, before the pause that would autosave it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest

from safeconf.ui.main import build_window, end_on_signals, make_application
from safeconf.vault.device_secret import SystemKeyring


def main() -> int:
    data_dir, conference_id, text = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = make_application()
    window = build_window(data_dir, SystemKeyring(), app)
    ending = end_on_signals(app, window)
    window.show()

    def start() -> None:
        window.main_view.open_conference(conference_id)
        workspace = window.main_view.workspace
        workspace.go_to(3)
        QTest.keyClicks(workspace.notes.editor, text)
        print("TYPED", flush=True)

    window.unlocked.connect(lambda: QTimer.singleShot(0, start))
    screen = window.lock_screen
    screen.passphrase.setText(os.environ["SAFECONF_TEST_PASSPHRASE"])
    screen.unlock_button.click()
    code = app.exec()
    ending.uninstall()
    print("LOCKED" if not window.session.is_open else "STILL OPEN", flush=True)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
