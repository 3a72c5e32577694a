"""Dialogs that collect a new case or a new conference; they return values, the caller
asks the service to store them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from safeconf.domain.records import Case, ConferenceType, Language
from safeconf.ui import labels


def _row(form: QFormLayout, text: str, field: QWidget, name: str) -> None:
    label = QLabel(text)
    label.setBuddy(field)
    field.setAccessibleName(name)
    form.addRow(label, field)


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class NewCaseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New case"))
        form = QFormLayout(self)
        self.case_number = QLineEdit(self)
        self.family_name = QLineEdit(self)
        _row(form, self.tr("Case &number:"), self.case_number, self.tr("Case number"))
        _row(form, self.tr("&Family name:"), self.family_name, self.tr("Family name"))
        self.buttons = _buttons(self)
        form.addRow(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        for field in (self.case_number, self.family_name):
            field.textChanged.connect(
                lambda _t: ok.setEnabled(
                    bool(self.case_number.text().strip() and self.family_name.text().strip())
                )
            )


class NewConferenceDialog(QDialog):
    def __init__(
        self, cases: list[Case], user: str, preselect: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New conference"))
        form = QFormLayout(self)
        self.case = QComboBox(self)
        for case in cases:
            self.case.addItem(f"{case.case_number} — {case.family_name}", case.id)
        if preselect:
            self.case.setCurrentIndex(max(0, self.case.findData(preselect)))
        self.kind = QComboBox(self)
        for kind in ConferenceType:
            self.kind.addItem(labels.name(kind), kind.value)
        self.start = QDateTimeEdit(self)
        self.start.setCalendarPopup(True)
        soon = QDateTime.currentDateTime().addSecs(3600)
        self.start.setDateTime(QDateTime(soon.date(), QTime(soon.time().hour(), 0)))
        self.location = QLineEdit(self)
        self.facilitator = QLineEdit(user, self)
        self.language = QComboBox(self)
        for lang in Language:
            self.language.addItem(labels.name(lang), lang.value)
        _row(form, self.tr("&Case:"), self.case, self.tr("Case"))
        _row(form, self.tr("&Type:"), self.kind, self.tr("Conference type"))
        _row(form, self.tr("&Starts:"), self.start, self.tr("Start date and time"))
        _row(form, self.tr("&Location:"), self.location, self.tr("Location"))
        _row(form, self.tr("&Facilitator:"), self.facilitator, self.tr("Facilitator"))
        _row(form, self.tr("&Language:"), self.language, self.tr("Conference language"))
        self.buttons = _buttons(self)
        form.addRow(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(cases))

    def values(self) -> dict[str, object]:
        start: datetime = self.start.dateTime().toPython().astimezone()
        return {
            "case_id": self.case.currentData(),
            "start": start,
            "location": self.location.text(),
            "facilitator": self.facilitator.text(),
            "kind": ConferenceType(self.kind.currentData()),
            "language": Language(self.language.currentData()),
        }
