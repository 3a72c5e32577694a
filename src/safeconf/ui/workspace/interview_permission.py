"""The permission on file to interview a child: who gave it, their name, what it covers,
when it was given and how it was obtained. A small dialog, reachable from the notes step."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from safeconf.domain.records import PermissionGiver, PermissionMethod
from safeconf.ui import labels


class InterviewPermissionDialog(QDialog):
    def __init__(self, youths: list[tuple[str, str]], chosen: str | None = None,
                 parent: QWidget | None = None) -> None:
        """`youths`: (attendee id, name) of the youth attendees; `chosen`: the one to start
        with."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Permission to interview a child"))
        form = QFormLayout(self)
        self.youth = QComboBox(self)
        for youth_id, name in youths:
            self.youth.addItem(name, youth_id)
        if chosen is not None and self.youth.findData(chosen) >= 0:
            self.youth.setCurrentIndex(self.youth.findData(chosen))
        self.given_by = QComboBox(self)
        for giver in PermissionGiver:
            self.given_by.addItem(labels.name(giver), giver.value)
        self.giver_name = QLineEdit(self)
        self.scope = QPlainTextEdit(self)
        self.scope.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.scope.setPlaceholderText(self.tr("What the interview may cover"))
        self.given_on = QDateEdit(QDate.currentDate(), self)
        self.given_on.setCalendarPopup(True)
        self.given_on.setMaximumDate(QDate.currentDate())
        self.obtained = QComboBox(self)
        for method in PermissionMethod:
            self.obtained.addItem(labels.name(method), method.value)
        for text, field in (
            (self.tr("&Youth:"), self.youth),
            (self.tr("&Given by:"), self.given_by),
            (self.tr("&Name of who gave it:"), self.giver_name),
            (self.tr("&Scope:"), self.scope),
            (self.tr("&Date given:"), self.given_on),
            (self.tr("&Obtained:"), self.obtained),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            field.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(label, field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setEnabled(False)
        self.giver_name.textChanged.connect(self._complete)
        self.scope.textChanged.connect(self._complete)

    def _complete(self) -> None:
        self._ok.setEnabled(bool(self.youth.count() and self.giver_name.text().strip()
                                 and self.scope.toPlainText().strip()))

    def values(self) -> dict[str, Any]:
        day = self.given_on.date()
        return {
            "attendee_id": self.youth.currentData(),
            "given_by": PermissionGiver(self.given_by.currentData()),
            "giver_name": self.giver_name.text().strip(),
            "scope": self.scope.toPlainText().strip(),
            "given_on": date(day.year(), day.month(), day.day()),
            "obtained": PermissionMethod(self.obtained.currentData()),
        }
