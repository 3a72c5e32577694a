"""What the caseworker sees of sync: the status button in the status bar, the Enroll with HQ
dialog, and the check-in screen of a laptop that has not synced for too long."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.sync_service import SyncService
from safeconf.sync.enroll import Enrollment
from safeconf.ui import labels
from safeconf.ui.announce import tell
from safeconf.ui.lock.lock_screens import _centered
from safeconf.ui.sync.sync_controller import SyncState, SyncStatus
from safeconf.ui.sync.sync_messages import sync_message
from safeconf.ui.widgets import busy_bar, show_status, status_label
from safeconf.ui.workers import run_in_background


def _when(iso: str | None) -> str:
    """The last sync's time of day (today) or date and time (earlier), in the locale."""
    if not iso:
        return ""
    moment = datetime.fromisoformat(iso).astimezone()
    if moment.date() == datetime.now().astimezone().date():
        return labels.local_time(moment)
    return labels.local_datetime(moment)


class SyncStatusButton(QToolButton):
    """One line in the status bar; click or Enter for the whole story. Its accessible name
    carries the current text, so a screen reader hears each change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.status = SyncStatus()
        self.show_status(self.status)

    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        text = self.headline(status)
        self.setText(text)
        self.setVisible(bool(text))
        self.setAccessibleName(self.tr("Sync status: %1").replace("%1", text))
        self.setToolTip(self.tr("Show the last sync message"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()  # a tool button answers only Space by default
            return
        super().keyPressEvent(event)

    def headline(self, status: SyncStatus) -> str:
        state = status.state
        if state is SyncState.NOT_ENROLLED:
            return self.tr("Not enrolled")
        if state is SyncState.NEVER_SYNCED:
            return self.tr("Not synced yet")
        if state is SyncState.SYNCED:
            return self.tr("Synced at %1").replace("%1", _when(status.last_sync_at))
        if state is SyncState.SYNCING:
            if status.total > 0:
                return self.tr("Syncing… %1 of %2").replace("%1", str(status.done)).replace(
                    "%2", str(status.total))
            return self.tr("Syncing…")
        if state is SyncState.OFFLINE:
            return self.tr("Offline")
        if state is SyncState.ATTENTION:
            if status.conflicts and not status.error:
                return self.tr("Needs attention: %n conflict(s)", "", status.conflicts)
            return self.tr("Needs attention")
        return ""

    def details(self) -> str:
        """The full message for the current state."""
        status = self.status
        parts: list[str] = []
        if status.error:
            parts.append(status.error)
        elif status.state is SyncState.NOT_ENROLLED:
            parts.append(self.tr("This laptop is not enrolled with HQ yet, so nothing is "
                                 "sent or received. Ask HQ for an enrollment code and "
                                 "choose File → Enroll with HQ."))
        elif status.state is SyncState.NEVER_SYNCED:
            parts.append(self.tr("This laptop is enrolled but has not synced with HQ yet."))
        elif status.state is SyncState.SYNCING:
            parts.append(self.tr("A sync with HQ is running."))
        elif status.last_sync_at:
            parts.append(self.tr("Last synced with HQ: %1.").replace("%1",
                labels.local_datetime(status.last_sync_at)))
        if status.conflicts:
            parts.append(self.tr(
                "%n record(s) changed both on this laptop and at HQ. Both versions were "
                "kept; choose File → Review conflicts to decide which one stays.", "",
                status.conflicts))
        if status.state in (SyncState.OFFLINE, SyncState.ATTENTION) and status.pending:
            parts.append(self.tr("Nothing was lost: %n change(s) are kept on this laptop "
                                 "and will be sent at the next sync.", "", status.pending))
        return "\n\n".join(parts)


class EnrollDialog(QDialog):
    """Paste the enrollment code from HQ; enrollment runs off the GUI thread."""

    enrolled = Signal(object)  # Enrollment

    def __init__(self, service: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.setWindowTitle(self.tr("Enroll with HQ"))
        explain = QLabel(self.tr(
            "Enrolling connects this laptop to your agency's HQ, so the cases assigned to "
            "you arrive here and what you record here is sent to HQ safely. It is done "
            "once per laptop. HQ (your supervisor or IT) gives you a one-time enrollment "
            "code starting with “safeconf:enroll?”: paste it below, or the text read from "
            "its QR code.") if not service.is_enrolled() else self.tr(
            "HQ no longer accepts this laptop's certificate (it expired, or HQ withdrew "
            "it). Ask HQ for a new one-time enrollment code and paste it below: this "
            "laptop proves it is the same one, keeps everything recorded here, and sends "
            "what was not sent yet at the next sync."), self)
        explain.setWordWrap(True)
        self.code = QPlainTextEdit(self)
        self.code.setAccessibleName(self.tr("Enrollment code"))
        self.code.setPlaceholderText("safeconf:enroll?…")
        self.code.setTabChangesFocus(True)
        self.code.setMaximumHeight(self.code.fontMetrics().height() * 5)
        code_label = QLabel(self.tr("Enrollment &code:"), self)
        code_label.setBuddy(self.code)
        self.busy = busy_bar(self.tr("Enrolling"), self)
        self.message = status_label(self)
        self.message.setObjectName("enrollMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.enroll_button = QPushButton(self.tr("&Enroll"), self)
        self.enroll_button.setAccessibleName(self.tr("Enroll"))
        self.enroll_button.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.addButton(self.enroll_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setAccessibleName(self.tr("Cancel"))
        self.enrollment: Enrollment | None = None
        self._busy = False

        lay = QVBoxLayout(self)
        lay.addWidget(explain)
        lay.addWidget(code_label)
        lay.addWidget(self.code)
        lay.addWidget(self.busy)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.enroll_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self.code.textChanged.connect(self._update)
        self._update()
        self.resize(520, self.sizeHint().height())
        self.code.setFocus()

    @property
    def busy_now(self) -> bool:
        return self._busy

    def _update(self) -> None:
        self.enroll_button.setEnabled(bool(self.code.toPlainText().strip())
                                      and not self.busy_now and self.enrollment is None)

    def start(self) -> None:
        if not self.enroll_button.isEnabled():
            return
        code = self.code.toPlainText()
        self._set_busy(True)
        tell(self.message, self.tr("Contacting HQ…"))
        run_in_background(lambda: self._service.enroll(code), self._done, self._failed, self)

    def _done(self, enrollment: Enrollment) -> None:
        self.enrollment = enrollment
        self._set_busy(False)
        self.code.setReadOnly(True)
        tell(self.message, self.tr(
            "This laptop is now enrolled with HQ for worker %1. Your cases will arrive at "
            "the next sync.").replace("%1", enrollment.worker_id))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.enrolled.emit(enrollment)
        self.close_button.setFocus()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        tell(self.message, self.tr("Not enrolled: %1").replace("%1", sync_message(exc)),
             urgent=True)
        self.code.setFocus()
        self.code.selectAll()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        self.code.setEnabled(not busy)
        self._update()

    def reject(self) -> None:
        if self.busy_now:
            return  # the enrollment runs on; closing now would leave the result unseen
        if self.enrollment is not None:
            self.accept()
            return
        super().reject()


class CheckInScreen(QWidget):
    """Shown instead of the conferences when the laptop has not synced for 30 days."""

    sync_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        panel = QWidget(self)
        panel.setMaximumWidth(560)
        panel.setMinimumWidth(360)
        self.setLayout(_centered(panel))
        title = QLabel(self.tr("<h2>Check in with HQ</h2>"), panel)
        explain = QLabel(self.tr(
            "This laptop has not synced with HQ for more than 30 days. Your agency requires "
            "it to check in before its records can be used again. Connect to the network "
            "and choose Sync now; your records appear as soon as the sync succeeds."),
            panel)
        explain.setWordWrap(True)
        self.message = status_label(panel)
        self.message.setObjectName("checkInMessage")
        self.busy = busy_bar(self.tr("Syncing with HQ"), panel)
        self.sync_button = QPushButton(self.tr("&Sync now"), panel)
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.sync_button.setDefault(True)
        self.sync_button.clicked.connect(self.sync_requested)
        lay = QVBoxLayout(panel)
        lay.addWidget(title)
        lay.addWidget(explain)
        lay.addWidget(self.message)
        lay.addWidget(self.busy)
        lay.addWidget(self.sync_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setFocusProxy(self.sync_button)

    def show_sync(self, status: SyncStatus, details: str) -> None:
        syncing = status.state is SyncState.SYNCING
        self.busy.setVisible(syncing)
        self.sync_button.setEnabled(not syncing)
        if syncing:
            show_status(self.message, self.tr("Checking in with HQ…"))
        elif status.error:
            tell(self.message, details, urgent=True)
        else:
            show_status(self.message, "")
