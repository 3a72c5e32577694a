"""Preferences: interface language, idle lock minutes, lock on minimise."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from safeconf.app.settings import MAX_IDLE_MINUTES, Settings
from safeconf.ui.widgets import name_as_shown


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        form = QFormLayout(self)
        self.language = QComboBox(self)
        self.language.addItem(self.tr("System default"), "")
        self.language.addItem("English", "en")
        self.language.addItem("Español", "es")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setRange(1, MAX_IDLE_MINUTES)
        self.idle_minutes.setValue(settings.idle_minutes)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.lock_on_minimise = QCheckBox(self.tr("Lock when the window is &minimised"), self)
        self.lock_on_minimise.setChecked(settings.lock_on_minimise)
        name_as_shown(self.lock_on_minimise)
        for text, field, name in (
            (self.tr("&Language:"), self.language, self.tr("Interface language")),
            (self.tr("Lock after &idle:"), self.idle_minutes, self.tr("Idle minutes before lock")),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            field.setAccessibleName(name)
            form.addRow(label, field)
        form.addRow(self.lock_on_minimise)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> Settings:
        return Settings(
            language=str(self.language.currentData()),
            idle_minutes=self.idle_minutes.value(),
            lock_on_minimise=self.lock_on_minimise.isChecked(),
        ).normalised()
