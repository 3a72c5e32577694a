"""`run_app`: start the desktop app on a data directory (first run or unlock)."""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from safeconf import __version__
from safeconf.app.process_guard import forbid_core_dumps
from safeconf.app.session import VaultSession
from safeconf.app.settings import load_settings
from safeconf.ui.app_window import AppWindow
from safeconf.ui.i18n import Translations, choose_language
from safeconf.ui.lock.fail_closed import FailClosed, log_unexpected
from safeconf.ui.terminate import EndOnSignal
from safeconf.vault.device_secret import SecretStore
from safeconf.vault.keys import KdfParams

DESKTOP_ID = "org.safeconf.SafeConf"


def missing_display_libraries() -> list[str]:
    """Libraries Qt's X11 plugin needs that this Linux system lacks (Qt would abort with
    a cryptic plugin error; we say what to install instead)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return []
    if os.environ.get("WAYLAND_DISPLAY") or not os.environ.get("DISPLAY"):
        return []
    wanted = {"xcb-cursor": "libxcb-cursor0", "xkbcommon-x11": "libxkbcommon-x11-0",
              "xcb-icccm": "libxcb-icccm4", "xcb-keysyms": "libxcb-keysyms1"}
    return [pkg for lib, pkg in wanted.items() if ctypes.util.find_library(lib) is None]


def no_display() -> bool:
    """A Linux session with no X11 or Wayland display (a text console, ssh, CI): Qt would
    abort with a plugin error; we say what is wrong instead."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("safeconf")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("safeconf")
    app.setDesktopFileName(DESKTOP_ID)
    return app


def build_window(
    data_dir: Path,
    secrets: SecretStore,
    app: QApplication,
    kdf: KdfParams | None = None,
) -> AppWindow:
    translations = Translations(app)
    translations.apply(choose_language(load_settings(data_dir).language))
    session = VaultSession(data_dir, secrets, kdf)
    return AppWindow(session, translations=translations)


def end_on_signals(app: QApplication, window: AppWindow) -> EndOnSignal:
    """SIGTERM, SIGHUP or SIGINT: save what is typed, lock, then quit (ui/terminate.py)."""

    def end() -> None:
        try:
            window.lock()
        finally:
            app.quit()

    return EndOnSignal(end, app).install()


def run_app(data_dir: Path, secrets: SecretStore, argv: list[str] | None = None) -> int:
    forbid_core_dumps()  # also when started without the CLI (tests, PyInstaller entry)
    os.umask(0o077)  # everything the app writes is private to the user
    sys.excepthook = log_unexpected  # until the window's fail-closed hook takes over
    if no_display():
        print("safeconf: no graphical display was found. Start safeconf from a desktop "
              "session; the admin commands (safeconf --help) work without one.",
              file=sys.stderr)
        return 1
    missing = missing_display_libraries()
    if missing:
        print("safeconf: the desktop needs these system packages: " + " ".join(missing)
              + f"\n  e.g. sudo apt-get install {' '.join(missing)}", file=sys.stderr)
        return 1
    app = make_application(argv)
    window = build_window(data_dir, secrets, app)
    fail_closed = FailClosed(window).install()
    ending = end_on_signals(app, window)
    window.show()
    code = app.exec()
    ending.uninstall()
    fail_closed.uninstall()
    window.session.lock()
    return int(code)
