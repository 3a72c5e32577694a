"""The one main window. It shows the first-run or unlock screen while the vault is locked,
the conferences once it is open (or the check-in screen of a laptop that has not synced for
too long), and hand-over mode on demand; it locks on Ctrl+L, after idle time, when the OS
suspends the app, (if chosen) when minimised, and when something unexpected fails
(fail_closed.py). Sync with HQ runs in the background."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QClipboard, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QStyle,
    QWidget,
)

from safeconf.app.conferences import ConferenceService
from safeconf.app.conflicts import ConflictService
from safeconf.app.session import VaultSession
from safeconf.app.settings import Settings, load_settings, save_settings
from safeconf.app.staff_terms import StaffTermsService
from safeconf.app.sync_service import SyncService
from safeconf.domain.records import Language, NoteSection
from safeconf.ui.i18n import Translations, choose_language
from safeconf.ui.icons import icon
from safeconf.ui.keyboard import TabLeavesEveryWidget
from safeconf.ui.lock.idle import IdleWatcher
from safeconf.ui.lock.lock_screens import FirstRunScreen, UnlockScreen
from safeconf.ui.main_view import MainView
from safeconf.ui.prompts import Prompter
from safeconf.ui.settings_dialog import SettingsDialog
from safeconf.ui.staff_terms_screen import StaffTermsScreen
from safeconf.ui.sync.conflict_review import ConflictReviewDialog
from safeconf.ui.sync.sync_controller import SyncController, SyncState, SyncStatus
from safeconf.ui.sync.sync_widgets import CheckInScreen, EnrollDialog, SyncStatusButton
from safeconf.ui.workspace.handover import HandoverView

log = logging.getLogger(__name__)
TITLE = "safeconf"


@dataclass(frozen=True)
class Place:
    conference_id: str
    step: int
    section: NoteSection


class AppWindow(QMainWindow):
    locked = Signal()
    unlocked = Signal()
    closed = Signal()  # the window closed for good (the fail-closed hook steps aside)

    def __init__(
        self,
        session: VaultSession,
        prompter: Prompter | None = None,
        translations: Translations | None = None,
        service: ConferenceService | None = None,
        parent: QWidget | None = None,
        sync_service: SyncService | None = None,
        staff_terms: StaffTermsService | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.prompter = prompter or Prompter()
        self.translations = translations
        self.service = service or ConferenceService(session)
        self.conflicts = ConflictService(session)
        self.staff_terms = staff_terms or StaffTermsService(session)
        self.staff_terms_screen: StaffTermsScreen | None = None
        self.settings: Settings = load_settings(session.data_dir)
        self.main_view: MainView | None = None
        self.handover: HandoverView | None = None
        self.lock_screen: QWidget | None = None
        self.check_in: CheckInScreen | None = None
        self._clipboard_ours = False
        self._selection_ours = False  # X11's PRIMARY selection (middle-click paste)
        self._resume: Place | None = None  # where unlocking takes the user back to
        self.sync = SyncController(sync_service or SyncService(session), self)
        self.sync.status_changed.connect(self._sync_status_changed)
        self.sync.synced.connect(self._synced)
        self.sync.wiped.connect(self._wiped)

        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.setWindowTitle(TITLE)
        self.setWindowIcon(icon("safeconf"))
        self.resize(1100, 720)

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.tab_leaves = TabLeavesEveryWidget(app, self)
        self.idle = IdleWatcher(app, self.settings.idle_minutes * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.idle.suspended.connect(self.lock)
        app.clipboard().dataChanged.connect(self._clipboard_changed)
        app.clipboard().selectionChanged.connect(self._selection_changed)

        self._build_actions()
        if not session.keyring_available:
            warning = QLabel(self.tr("No system keyring: this vault is protected by the "
                                     "passphrase alone."), self)
            warning.setObjectName("keyringStatus")
            self.statusBar().addPermanentWidget(warning)
        self.sync_status = SyncStatusButton(self)
        self.sync_status.clicked.connect(self.show_sync_details)
        self.statusBar().addPermanentWidget(self.sync_status)
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
        self.sync_action = QAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload),
            self.tr("S&ync with HQ"), self)
        self.sync_action.setToolTip(self.tr("Sync with HQ now (Ctrl+Shift+S)"))
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.triggered.connect(self.sync_now)
        self.addAction(self.sync_action)  # reachable on the check-in screen too
        self.enroll_action = QAction(self.tr("&Enroll with HQ…"), self)
        self.enroll_action.triggered.connect(self.enroll)
        self.review_conflicts_action = QAction(self.tr("&Review conflicts…"), self)
        self.review_conflicts_action.setToolTip(
            self.tr("Compare records changed both here and at HQ, and choose which stays"))
        self.review_conflicts_action.triggered.connect(self.review_conflicts)
        self.report_loss_action = QAction(self.tr("Report a l&oss…"), self)
        self.report_loss_action.setToolTip(
            self.tr("Report lost or stolen confidential information, at once"))
        self.report_loss_action.triggered.connect(self.report_loss)
        self.report_breach_action = QAction(self.tr("Re&port a breach…"), self)
        self.report_breach_action.setToolTip(
            self.tr("Report a breach of confidentiality to the legal director"))
        self.report_breach_action.triggered.connect(self.report_breach)
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addAction(self.lock_action)
        menu.addAction(self.sync_action)
        menu.addAction(self.review_conflicts_action)
        menu.addAction(self.enroll_action)
        menu.addAction(self.settings_action)
        menu.addSeparator()
        menu.addAction(self.report_loss_action)
        menu.addAction(self.report_breach_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        # The lock button stays in reach on every unlocked screen.
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.lock_action)
        toolbar.widgetForAction(self.lock_action).setAccessibleName(self.tr("Lock"))
        toolbar.addAction(self.sync_action)
        toolbar.widgetForAction(self.sync_action).setAccessibleName(self.tr("Sync with HQ"))
        self.toolbar = toolbar
        self._update_sync_actions()

    # -- locking ------------------------------------------------------------------------

    def show_lock_screen(self) -> None:
        self._drop_content()
        screen: FirstRunScreen | UnlockScreen
        if self.session.has_vault:
            screen = UnlockScreen(self.session, self)
        else:
            screen = FirstRunScreen(self.session, self)
        screen.opened.connect(self.show_vault)
        if isinstance(screen, UnlockScreen):
            screen.report_loss_requested.connect(self.report_loss)
        self.lock_screen = screen
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        self.lock_action.setEnabled(False)
        self._update_sync_actions()
        self.toolbar.setVisible(False)  # nothing to lock yet
        self.settings_action.setEnabled(True)
        locked = self.tr("Locked")
        self.setWindowTitle(f"{TITLE} — {locked}")
        screen.setFocus()

    def lock(self) -> None:
        """Save what is pending, close the vault, and leave nothing of it on screen."""
        if not self.shows_vault:
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
        self._resume = self._place()
        self.show_lock_screen()
        if self.sync.running:
            self.repaint()  # the vault leaves the screen before we wait for the sync
        self.sync.detach()  # a running sync stops at its next safe point (bounded wait)
        self.session.lock()
        self.locked.emit()

    @property
    def shows_vault(self) -> bool:
        """The vault is open, or a screen that shows its records is still there."""
        return (self.session.is_open or self.main_view is not None
                or self.check_in is not None or self.handover is not None)

    def show_only(self, widget: QWidget) -> None:
        """The last resort when locking failed: whatever state the screens are in, none of
        them stays on screen. From now on the window shows `widget` and nothing else."""
        self.idle.stop()
        for attr in ("main_view", "handover", "lock_screen", "check_in", "staff_terms_screen"):
            setattr(self, attr, None)  # deleted with the stack; lock() has nothing to do
        self.setCentralWidget(widget)  # Qt hides the stack, every screen in it, and deletes it
        widget.show()  # now, not at the next turn of the event loop
        for action in (self.lock_action, self.settings_action, self.sync_action,
                       self.enroll_action, self.review_conflicts_action):
            action.setEnabled(False)  # their shortcuts would reach for the screens
        self.menuBar().setVisible(False)
        self.toolbar.setVisible(False)
        self.statusBar().setVisible(False)
        locked = self.tr("Locked")
        self.setWindowTitle(f"{TITLE} — {locked}")
        widget.setFocus()

    def _drop_content(self) -> None:
        for attr in ("main_view", "handover", "lock_screen", "check_in"):
            widget = getattr(self, attr)
            if widget is not None:
                self.stack.removeWidget(widget)
                widget.hide()
                widget.deleteLater()
                setattr(self, attr, None)
        self.menuBar().setVisible(True)
        self.toolbar.setVisible(True)
        self.statusBar().setVisible(True)
        self.settings_action.setEnabled(True)  # hand-over may have disabled them
        self.quit_action.setEnabled(True)

    def _close_dialogs(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
                widget.hide()

    def _clipboard_changed(self) -> None:
        self._clipboard_ours = self._we_are_in_use()

    def _selection_changed(self) -> None:
        self._selection_ours = self._we_are_in_use()

    @staticmethod
    def _we_are_in_use() -> bool:
        return (QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive
                or QApplication.focusWidget() is not None)

    def _clear_clipboard(self) -> None:
        """Empty the clipboard and, on X11, the PRIMARY selection too: selecting note text
        puts it there, and a middle click in any program pastes it."""
        clipboard = QGuiApplication.clipboard()
        if self._clipboard_ours or clipboard.ownsClipboard():
            clipboard.clear()
        if clipboard.supportsSelection() and (self._selection_ours
                                              or clipboard.ownsSelection()):
            clipboard.clear(QClipboard.Mode.Selection)
        self._clipboard_ours = self._selection_ours = False
        self._selection_ours = False  # X11's PRIMARY selection (middle-click paste)

    def show_vault(self) -> None:
        """Show the open vault's conferences (after unlocking), or only the check-in screen
        if the laptop has not synced for too long; then sync in the background."""
        if self.lock_screen is not None:
            self.stack.removeWidget(self.lock_screen)
            self.lock_screen.deleteLater()
            self.lock_screen = None
        self.idle.start()  # first: whatever fails below, the idle lock is already running
        if self.staff_terms.is_due():
            self._show_staff_terms()  # at first run and yearly: before any conference work
            return
        self.sync.attach()
        if self.sync.service.is_stale():
            self._show_check_in()
        else:
            self._show_main_view()
        self.setWindowTitle(TITLE)
        self.unlocked.emit()
        self.sync.sync_now(quiet=True)

    def _show_staff_terms(self) -> None:
        language = Language(self.settings.language) if self.settings.language else (
            Language.SPANISH if self.locale().name().startswith("es") else Language.ENGLISH)
        self.staff_terms_screen = StaffTermsScreen(self.staff_terms, language, self)
        self.staff_terms_screen.acknowledged.connect(self._staff_terms_acknowledged)
        self.stack.addWidget(self.staff_terms_screen)
        self.stack.setCurrentWidget(self.staff_terms_screen)
        self.lock_action.setEnabled(True)
        self.staff_terms_screen.setFocus()

    def _staff_terms_acknowledged(self) -> None:
        self._drop_staff_terms()
        self.show_vault()

    def _drop_staff_terms(self) -> None:
        if self.staff_terms_screen is not None:
            self.stack.removeWidget(self.staff_terms_screen)
            self.staff_terms_screen.deleteLater()
            self.staff_terms_screen = None

    def _show_check_in(self) -> None:
        self.check_in = CheckInScreen(self)
        self.check_in.sync_requested.connect(self.sync_now)
        self.check_in.show_sync(self.sync.status, self.sync_status.details())
        self.stack.addWidget(self.check_in)
        self.stack.setCurrentWidget(self.check_in)
        self.lock_action.setEnabled(True)
        self.toolbar.setVisible(True)
        self.check_in.setFocus()

    def _show_main_view(self) -> None:
        if self.check_in is not None:
            self.stack.removeWidget(self.check_in)
            self.check_in.deleteLater()
            self.check_in = None
        self.main_view = MainView(self.service, self.prompter, self)
        self.main_view.handover_requested.connect(self.enter_handover)
        self.stack.addWidget(self.main_view)
        self.stack.setCurrentWidget(self.main_view)
        self.lock_action.setEnabled(True)
        self.toolbar.setVisible(True)
        self.main_view.home.tree.setFocus()
        resume, self._resume = self._resume, None
        if resume is not None:
            self._go_back_to(resume)

    def _place(self) -> Place | None:
        """The conference, step and note section on screen (hand-over counts as its
        conference's confidentiality step)."""
        workspace = self.main_view.workspace if self.main_view is not None else None
        if workspace is None:
            return None
        return Place(workspace.conference_id, workspace.pages.currentIndex(),
                     workspace.notes.section)

    def _go_back_to(self, place: Place) -> None:
        assert self.main_view is not None
        self.main_view.open_conference(place.conference_id)
        workspace = self.main_view.workspace
        if workspace is None:  # gone meanwhile (purged by sync): the list is shown
            return
        workspace.notes.select_section(place.section)
        workspace.go_to(place.step)
        page = workspace.pages.currentWidget()
        (workspace.notes.editor if page is workspace.notes else workspace.steps).setFocus()

    # -- sync with HQ ---------------------------------------------------------------------

    def sync_now(self) -> None:
        if not self.sync.sync_now() and self.sync.status.state is SyncState.NOT_ENROLLED:
            self.show_sync_details()  # explains, and offers to enroll

    def enroll(self) -> None:
        if not self.session.is_open:
            return
        dialog = EnrollDialog(self.sync.service, self)
        self.prompter.run(dialog)
        if dialog.enrollment is not None and self.session.is_open:
            self.sync.refresh()
            self.sync.sync_now(quiet=True)  # bring the cases in at once

    def show_sync_details(self) -> None:
        details = self.sync_status.details()
        title = self.tr("Sync with HQ")
        if self.sync.status.state is SyncState.NOT_ENROLLED:
            if self.prompter.confirm(self, title, details + "\n\n"
                                     + self.tr("Enroll this laptop now?")):
                self.enroll()
            return
        if self.sync.status.needs_enrollment:
            if self.prompter.confirm(self, title, details + "\n\n" + self.tr(
                    "Enroll this laptop again with a new code from HQ? Unsent changes "
                    "are kept.")):
                self.enroll()
            return
        if self.sync.status.conflicts and self.review_conflicts_action.isEnabled():
            if self.prompter.confirm(self, title, details + "\n\n"
                                     + self.tr("Review the conflicts now?")):
                self.review_conflicts()
            return
        self.prompter.inform(self, title, details)

    def report_loss(self) -> None:
        """Report a loss: in the open vault, or from the lock screen with the passphrase
        (the vault is opened just to file it; the app stays locked)."""
        if self.in_handover or not self.session.has_vault:
            return
        from safeconf.app.losses import LossReportService
        from safeconf.ui.losses.report_loss_dialog import ReportLossDialog

        dialog = ReportLossDialog(LossReportService(self.session),
                                  locked=not self.session.is_open, parent=self)
        self.prompter.run(dialog)
        if self.session.is_open and dialog.filed is not None:
            self.sync.refresh()

    def report_breach(self) -> None:
        if not self.session.is_open or self.in_handover:
            return
        from safeconf.app.losses import LossReportService
        from safeconf.ui.losses.report_breach_dialog import ReportBreachDialog

        dialog = ReportBreachDialog(LossReportService(self.session), parent=self)
        self.prompter.run(dialog)
        if dialog.filed is not None:
            self.sync.refresh()

    def review_conflicts(self) -> None:
        """Compare the records sync kept in two versions and keep one of each."""
        if not self.session.is_open or self.in_handover:
            return
        dialog = ConflictReviewDialog(self.conflicts, self.prompter, self)
        dialog.resolved.connect(lambda _id: self.sync.refresh())
        self.prompter.run(dialog)
        if self.session.is_open:
            self.sync.refresh()
            if self.main_view is not None:
                self.main_view.home.refresh()

    def _sync_status_changed(self, status: SyncStatus) -> None:
        self.sync_status.show_status(status)
        if self.in_handover:
            self.sync_status.setVisible(False)
        if self.check_in is not None:
            self.check_in.show_sync(status, self.sync_status.details())
        self._update_sync_actions()

    def _update_sync_actions(self) -> None:
        state = self.sync.status.state
        unlocked = state is not SyncState.UNKNOWN and not self.in_handover
        self.sync_action.setEnabled(unlocked and state is not SyncState.SYNCING)
        again = self.sync.status.needs_enrollment
        self.enroll_action.setEnabled(unlocked and (state is SyncState.NOT_ENROLLED or again))
        self.enroll_action.setText(self.tr("Enroll &again with HQ…") if again
                                   else self.tr("&Enroll with HQ…"))
        self.review_conflicts_action.setEnabled(unlocked)
        self.report_breach_action.setEnabled(unlocked)
        self.report_loss_action.setEnabled(not self.in_handover)

    def _synced(self, _report: object) -> None:
        if self.check_in is not None:
            self._show_main_view()
        elif self.main_view is not None:
            self.main_view.home.refresh()

    def _wiped(self, message: str) -> None:
        """HQ had this laptop's vault destroyed: back to the first-run screen."""
        self.lock()
        self.prompter.error(self, self.tr("This laptop's vault was erased"), message)

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
        self.sync_status.setVisible(False)
        self.statusBar().setVisible(False)  # worded for the facilitator, not the attendee
        self._update_sync_actions()
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
        self.statusBar().setVisible(True)
        self.sync_status.show_status(self.sync.status)
        self._update_sync_actions()
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
        for action in (self.lock_action, self.settings_action, self.quit_action,
                       self.sync_action, self.enroll_action, self.review_conflicts_action):
            self.removeAction(action)  # two live Ctrl+L actions would cancel each other
            action.deleteLater()
        self._build_actions()
        self.sync_status.show_status(self.sync.status)
        if self.check_in is not None:
            self.stack.removeWidget(self.check_in)
            self.check_in.deleteLater()
            self.check_in = None
            self._show_check_in()
            return
        if self.staff_terms_screen is not None:
            self._drop_staff_terms()
            self._show_staff_terms()
            return
        if self.main_view is None:
            self.show_lock_screen()
            return
        conference = self.main_view.workspace.conference_id if self.main_view.workspace else None
        self.main_view.flush()
        self.stack.removeWidget(self.main_view)
        self.main_view.deleteLater()
        self.main_view = None
        self._show_main_view()
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
        try:
            self.lock()
        finally:  # even if locking fails, the window lets go of the app-wide hooks
            self.idle.detach()
            self.closed.emit()
        event.accept()
