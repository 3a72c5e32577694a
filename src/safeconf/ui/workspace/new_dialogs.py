"""Dialogs that collect a new case or a new conference; they return values, the caller
asks the service to store them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from safeconf.domain.records import Case
from safeconf.ui.workspace.conference_form import ConferenceFields, add_row


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
        add_row(form, self.tr("Case &number:"), self.case_number, self.tr("Case number"))
        add_row(form, self.tr("&Family name:"), self.family_name, self.tr("Family name"))
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
        add_row(form, self.tr("&Case:"), self.case, self.tr("Case"))
        self.fields = ConferenceFields(form, self, user)
        # The same family mostly comes back: check-in starts from last time's list.
        self.seed = QCheckBox(self.tr("&Expect the people of this case's last conference"),
                              self)
        self.seed.setAccessibleName(self.tr("Expect the people of this case's last conference"))
        self.seed.setChecked(True)
        form.addRow(self.seed)
        self.buttons = _buttons(self)
        form.addRow(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(cases))

    def values(self) -> dict[str, object]:
        return {"case_id": self.case.currentData(), **self.fields.values(),
                "seed_attendees": self.seed.isChecked()}
