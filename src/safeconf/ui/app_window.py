"""The one main window. It shows the first-run or unlock screen while the vault is locked,
the conferences once it is open, and hand-over mode on demand; it locks on Ctrl+L, after
idle time, when the OS suspends the app, and (if chosen) when minimised."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from safeconf.app.conferences import ConferenceService
from safeconf.app.session import VaultSession
from safeconf.app.settings import Settings, load_settings, save_settings
from safeconf.ui.handover import HandoverView
from safeconf.ui.i18n import Translations, choose_language
from safeconf.ui.icons import icon
from safeconf.ui.idle import IdleWatcher
from safeconf.ui.lock_screens import FirstRunScreen, UnlockScreen
from safeconf.ui.main_view import MainView
from safeconf.ui.prompts import Prompter
from safeconf.ui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)
TITLE = "safeconf"


class AppWindow(QMainWindow):
    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        session: VaultSession,
        prompter: Prompter | None = None,
        translations: Translations | None = None,
        service: ConferenceService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.prompter = prompter or Prompter()
        self.translations = translations
        self.service = service or ConferenceService(session)
        self.settings: Settings = load_settings(session.data_dir)
        self.main_view: MainView | None = None
        self.handover: HandoverView | None = None
        self.lock_screen: QWidget | None = None
        self._clipboard_ours = False

        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.setWindowTitle(TITLE)
        self.setWindowIcon(icon("safeconf"))
        self.resize(1100, 720)

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.idle = IdleWatcher(app, self.settings.idle_minutes * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.idle.suspended.connect(self.lock)
        app.clipboard().dataChanged.connect(self._clipboard_changed)

        self._build_actions()
        if not session.keyring_available:
            warning = QLabel(self.tr("No system keyring: this vault is protected by the "
                                     "passphrase alone."), self)
            warning.setObjectName("keyringStatus")
            self.statusBar().addPermanentWidget(warning)
        self.show_lock_screen()

    # -- menus --------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.lock_action = QAction(icon("lock"), self.tr("&Lock"), self)
        self.lock_action.setToolTip(self.tr("Lock now (Ctrl+L)"))
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        # Also on the window itself, so Ctrl+L works while menus are hidden (hand-over).
        self.addAction(self.lock_action)
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        self.settings_action.triggered.connect(self.edit_settings)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addAction(self.lock_action)
        menu.addAction(self.settings_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        # The lock button stays in reach on every unlocked screen.
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.lock_action)
        toolbar.widgetForAction(self.lock_action).setAccessibleName(self.tr("Lock"))
        self.toolbar = toolbar

    # -- locking ------------------------------------------------------------------------

    def show_lock_screen(self) -> None:
        self._drop_content()
        screen: FirstRunScreen | UnlockScreen
        if self.session.has_vault:
            screen = UnlockScreen(self.session, self)
        else:
            screen = FirstRunScreen(self.session, self)
        screen.opened.connect(self.show_vault)
        self.lock_screen = screen
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        self.lock_action.setEnabled(False)
        self.toolbar.setVisible(False)  # nothing to lock yet
        self.settings_action.setEnabled(True)
        locked = self.tr("Locked")
        self.setWindowTitle(f"{TITLE} — {locked}")
        screen.setFocus()

    def lock(self) -> None:
        """Save what is pending, close the vault, and leave nothing of it on screen."""
        if not self.session.is_open and self.main_view is None:
            return
        if self.main_view is not None:
            try:
                self.main_view.flush()
            except Exception as exc:  # the vault may already be gone; never block a lock
                # Only the type: error messages can carry names (never log those).
                log.warning("flush before lock failed: %s", type(exc).__name__)
        self._close_dialogs()
        self._clear_clipboard()
        self.idle.stop()
        self.session.lock()
        self.show_lock_screen()
        self.locked.emit()

    def _drop_content(self) -> None:
        for attr in ("main_view", "handover", "lock_screen"):
            widget = getattr(self, attr)
            if widget is not None:
                self.stack.removeWidget(widget)
                widget.hide()
                widget.deleteLater()
                setattr(self, attr, None)
        self.menuBar().setVisible(True)
        self.toolbar.setVisible(True)
        self.settings_action.setEnabled(True)  # hand-over may have disabled them
        self.quit_action.setEnabled(True)

    def _close_dialogs(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
                widget.hide()

    def _clipboard_changed(self) -> None:
        app_state = QGuiApplication.applicationState()
        self._clipboard_ours = (app_state == Qt.ApplicationState.ApplicationActive
                                or QApplication.focusWidget() is not None)

    def _clear_clipboard(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self._clipboard_ours or clipboard.ownsClipboard():
            clipboard.clear()
        self._clipboard_ours = False

    def show_vault(self) -> None:
        """Show the open vault's conferences (after unlocking)."""
        if self.lock_screen is not None:
            self.stack.removeWidget(self.lock_screen)
            self.lock_screen.deleteLater()
            self.lock_screen = None
        self.main_view = MainView(self.service, self.prompter, self)
        self.main_view.handover_requested.connect(self.enter_handover)
        self.stack.addWidget(self.main_view)
        self.stack.setCurrentWidget(self.main_view)
        self.lock_action.setEnabled(True)
        self.toolbar.setVisible(True)
        self.setWindowTitle(TITLE)
        self.idle.start()
        self.main_view.home.tree.setFocus()
        self.unlocked.emit()

    # -- hand-over ------------------------------------------------------------------------

    def enter_handover(self, conference_id: str, attendee_id: str) -> None:
        if self.main_view is None:
            return
        self.main_view.flush()
        attendee = next(a for a in self.service.attendees(conference_id) if a.id == attendee_id)
        self.handover = HandoverView(self.service, self.session, attendee, self)
        self.handover.exit_granted.connect(self.leave_handover)
        self.stack.addWidget(self.handover)
        self.stack.setCurrentWidget(self.handover)
        # Nothing but the statement and the pad: no menus, no way back without the passphrase.
        self.menuBar().setVisible(False)
        self.toolbar.setVisible(False)
        self.settings_action.setEnabled(False)
        self.quit_action.setEnabled(False)
        self.handover.setFocus()

    @property
    def in_handover(self) -> bool:
        return self.handover is not None

    def leave_handover(self) -> None:
        if self.handover is None:
            return
        handover, self.handover = self.handover, None
        self.stack.removeWidget(handover)
        handover.deleteLater()
        self.menuBar().setVisible(True)
        self.toolbar.setVisible(True)
        self.settings_action.setEnabled(True)
        self.quit_action.setEnabled(True)
        if self.main_view is not None:
            self.stack.setCurrentWidget(self.main_view)
            if self.main_view.workspace is not None:
                self.main_view.workspace.refresh()

    # -- settings ---------------------------------------------------------------------------

    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if not self.prompter.run(dialog):
            return
        self.apply_settings(dialog.values())

    def apply_settings(self, settings: Settings) -> None:
        old, self.settings = self.settings, settings
        save_settings(self.session.data_dir, settings)
        self.idle.set_interval(settings.idle_minutes * 60_000)
        if self.translations is not None and settings.language != old.language:
            self.translations.apply(choose_language(settings.language))
            self._rebuild_for_language()

    def _rebuild_for_language(self) -> None:
        """Widgets take their texts when built: rebuild what is on screen."""
        self.menuBar().clear()
        self.removeToolBar(self.toolbar)
        self.toolbar.deleteLater()
        for action in (self.lock_action, self.settings_action, self.quit_action):
            self.removeAction(action)  # two live Ctrl+L actions would cancel each other
            action.deleteLater()
        self._build_actions()
        if self.main_view is None:
            self.show_lock_screen()
            return
        conference = self.main_view.workspace.conference_id if self.main_view.workspace else None
        self.main_view.flush()
        self.stack.removeWidget(self.main_view)
        self.main_view.deleteLater()
        self.main_view = None
        self.show_vault()
        if conference and self.main_view is not None:
            self.main_view.open_conference(conference)

    # -- window events ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if (event.type() == QEvent.Type.WindowStateChange and self.isMinimized()
                and self.settings.lock_on_minimise and self.session.is_open):
            self.lock()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.in_handover:
            event.ignore()  # the attendee cannot close the facilitator's session
            return
        self.lock()
        self.idle.detach()
        event.accept()
