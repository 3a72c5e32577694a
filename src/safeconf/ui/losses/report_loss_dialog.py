"""Reporting a loss of confidential information (`ReportLossDialog`), from the File menu or
from the lock screen. On the lock screen the vault is locked: the dialog then asks for the
passphrase, which opens the vault only long enough to file the report (the app stays
locked); the vault's cases can be listed with it too, or marked unknown. The receipt number
is shown in the dialog once the report is filed. Only calls `app.losses.LossReportService`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.losses import FiledReport, LossReportService
from safeconf.domain.records import LossKind
from safeconf.ui.announce import tell
from safeconf.ui.messages import user_message
from safeconf.ui.secret_field import SecretLineEdit
from safeconf.ui.widgets import status_label, user_errors
from safeconf.ui.workers import run_in_background

_CTX = "ReportLoss"
KIND_WORDS: dict[LossKind, object] = {  # QT_TRANSLATE_NOOP's stub says object; they are str
    LossKind.DEVICE: QT_TRANSLATE_NOOP("ReportLoss", "A laptop, phone or other device"),
    LossKind.PAPER_NOTES: QT_TRANSLATE_NOOP("ReportLoss", "Paper notes or documents"),
    LossKind.USB_DRIVE: QT_TRANSLATE_NOOP("ReportLoss", "A USB drive or memory card"),
    LossKind.MISDIRECTED_EMAIL: QT_TRANSLATE_NOOP("ReportLoss",
                                                  "An email sent to the wrong person"),
    LossKind.OTHER: QT_TRANSLATE_NOOP("ReportLoss", "Something else (say what below)"),
}


def _tr(text: object) -> str:
    return QCoreApplication.translate(_CTX, str(text))


def picked_time(edit: QDateTimeEdit) -> str:
    moment = edit.dateTime().toSecsSinceEpoch()
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="microseconds")


class CasesChooser(QWidget):
    """The vault's cases in a checkable list, or "I don't know which cases"."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Cases that may be affected"))
        self.heading = QLabel(label, self)
        self.heading.setBuddy(self.list)
        self.unknown = QCheckBox(self.tr("I &don't know which cases"), self)
        self.unknown.toggled.connect(lambda on: self.list.setEnabled(not on))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.heading)
        lay.addWidget(self.list)
        lay.addWidget(self.unknown)

    def set_cases(self, cases: list[tuple[str, str]]) -> None:
        self.list.clear()
        for case_id, number in cases:
            item = QListWidgetItem(number, self.list)
            item.setData(Qt.ItemDataRole.UserRole, case_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)

    def chosen(self) -> list[str]:
        if self.unknown.isChecked():
            return []
        return [str(self.list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.list.count())
                if self.list.item(i).checkState() is Qt.CheckState.Checked]


class _ReportDialog(QDialog):
    """What both report dialogs share: the when, the cases, the passphrase on the lock
    screen, the message line and the receipt once filed."""

    def __init__(self, service: LossReportService, locked: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.locked = locked
        self.filed: FiledReport | None = None
        self.when = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.when.setCalendarPopup(True)
        self.when.setMaximumDateTime(QDateTime.currentDateTime().addSecs(60))
        self.when.setAccessibleName(self.tr("When it happened"))
        self.cases = CasesChooser(self.tr("&Cases that may be affected:"), self)
        self.passphrase = SecretLineEdit(self)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.show_cases = QPushButton(self.tr("Show the &vault's cases"), self)
        self.show_cases.setAccessibleName(self.tr("Show the vault's cases"))
        self.show_cases.clicked.connect(self._load_cases_with_passphrase)
        self.message = status_label(self)
        self.message.setObjectName("reportMessage")
        self.receipt = status_label(self)
        self.receipt.setObjectName("reportReceipt")
        self.receipt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(self)
        self.file_button = self.buttons.addButton(self.tr("&File report"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.file_button.setAccessibleName(self.tr("File report"))
        self.file_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.file)
        self.buttons.rejected.connect(self.reject)
        if locked:
            self.cases.unknown.setChecked(True)
        else:
            self.show_cases.setVisible(False)
            self.passphrase.setVisible(False)
            self.cases.set_cases(service.cases())

    def _finish_layout(self, form: QFormLayout, intro: str) -> None:
        lay = QVBoxLayout(self)
        text = QLabel(intro, self)
        text.setWordWrap(True)
        lay.addWidget(text)
        lay.addLayout(form)
        lay.addWidget(self.cases)
        if self.locked:
            pass_label = QLabel(self.tr("Vault &passphrase:"), self)
            pass_label.setBuddy(self.passphrase)
            note = QLabel(self.tr("The vault is locked. Your passphrase files the report "
                                  "inside it; safeconf stays locked."), self)
            note.setWordWrap(True)
            locked_form = QFormLayout()
            locked_form.addRow(pass_label, self.passphrase)
            lay.addWidget(note)
            lay.addLayout(locked_form)
            lay.addWidget(self.show_cases, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.message)
        lay.addWidget(self.receipt)
        lay.addWidget(self.buttons)

    def _load_cases_with_passphrase(self) -> None:
        passphrase = self.passphrase.text()
        self._set_busy(True)
        # Opening the vault derives its key (Argon2id): off the GUI thread.
        run_in_background(lambda: self.service.cases_while_locked(passphrase),
                          self._cases_loaded, self._failed, self)

    def _cases_loaded(self, cases: list[tuple[str, str]]) -> None:
        self._set_busy(False)
        self.cases.set_cases(cases)
        self.cases.unknown.setChecked(False)
        self.cases.list.setFocus()

    def file(self) -> None:
        if self.filed is not None:  # filed already: the button now closes
            self.accept()
            return
        try:
            filing = self._filing()
            if not self.locked:
                self._filed(filing())
                return
        except user_errors() as exc:
            self._failed(exc)
            return
        self._set_busy(True)
        run_in_background(filing, self._filed, self._failed, self)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.file_button, self.show_cases, self.passphrase):
            widget.setEnabled(not busy)

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if not isinstance(exc, user_errors()):
            raise exc
        tell(self.message, user_message(exc), urgent=True)
        if self.locked:
            self.passphrase.selectAll()
            self.passphrase.setFocus()

    def _filed(self, filed: FiledReport) -> None:
        self.filed = filed
        self.passphrase.clear()
        for child in self.findChildren(QWidget):
            if child not in (self.receipt, self.buttons, self.message) and \
                    not self.buttons.isAncestorOf(child):
                child.setEnabled(False)
        self.file_button.setEnabled(True)
        self.cancel_button.setVisible(False)
        self.file_button.setText(self.tr("&Close"))
        self.file_button.setAccessibleName(self.tr("Close"))
        tell(self.message, "")
        tell(self.receipt, self.tr("Report filed. Your receipt number is %1. It goes to HQ "
                                   "first at the next sync. Tell your supervisor now.")
             .replace("%1", filed.receipt))
        self.file_button.setFocus()

    def _case_args(self) -> dict[str, object]:
        return {"case_ids": self.cases.chosen(),
                "cases_unknown": self.cases.unknown.isChecked()}

    def _filing(self) -> Callable[[], FiledReport]:
        """What to call to file the report, with the form's values read now."""
        raise NotImplementedError


class ReportLossDialog(_ReportDialog):
    def __init__(self, service: LossReportService, locked: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(service, locked, parent)
        self.setWindowTitle(self.tr("Report a loss"))
        self.what = QComboBox(self)
        for kind, words in KIND_WORDS.items():
            self.what.addItem(_tr(words), kind)
        self.what.setAccessibleName(self.tr("What was lost"))
        self.where = QLineEdit(self)
        self.where.setAccessibleName(self.tr("Where it happened"))
        self.stolen = QCheckBox(self.tr("It was &stolen"), self)
        self.this_laptop = QCheckBox(self.tr("The lost device is &this laptop"), self)
        self.description = QPlainTextEdit(self)
        self.description.setTabChangesFocus(True)
        self.description.setAccessibleName(self.tr("Description"))
        self.what.currentIndexChanged.connect(self._what_changed)
        form = QFormLayout()
        labels: list[tuple[str, QWidget]] = [
            (self.tr("What was &lost:"), self.what), (self.tr("&When:"), self.when),
            (self.tr("Whe&re:"), self.where)]
        for text, field in labels:
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.stolen)
        form.addRow(self.this_laptop)
        label = QLabel(self.tr("D&escription:"), self)
        label.setBuddy(self.description)
        form.addRow(label, self.description)
        self._finish_layout(form, self.tr(
            "Report lost or stolen confidential information at once, even if you only "
            "suspect it. The report is kept in the vault and sent to HQ first at the next "
            "sync; your supervisor and the legal director are told."))
        self._what_changed()
        self.what.setFocus()

    def _what_changed(self) -> None:
        device = self.what.currentData() is LossKind.DEVICE
        self.this_laptop.setEnabled(device)
        if not device:
            self.this_laptop.setChecked(False)

    def _filing(self) -> Callable[[], FiledReport]:
        fields: dict[str, object] = dict(
            where=self.where.text(), stolen=self.stolen.isChecked(),
            description=self.description.toPlainText(),
            this_laptop=self.this_laptop.isChecked(), **self._case_args())
        lost = self.what.currentData()
        when = picked_time(self.when)
        if self.locked:
            passphrase = self.passphrase.text()
            return lambda: self.service.report_loss_while_locked(passphrase, lost, when,
                                                                 **fields)
        return lambda: self.service.report_loss(lost, when, **fields)  # type: ignore[arg-type]


def launch(service: LossReportService, locked: bool, parent: QWidget | None,
           run: Callable[[QDialog], bool]) -> FiledReport | None:
    dialog = ReportLossDialog(service, locked, parent)
    run(dialog)
    return dialog.filed
