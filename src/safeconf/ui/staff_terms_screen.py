"""The staff confidentiality terms, shown after unlocking at first run and every 12 months:
conference work waits until the worker acknowledges them. Keyboard-operable throughout."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.staff_terms import StaffTermsService
from safeconf.domain.records import Language
from safeconf.ui.widgets import show_status, statement_view, status_label, user_errors

_LANGUAGES = ((Language.ENGLISH, "English"), (Language.SPANISH, "Español"))


class StaffTermsScreen(QWidget):
    """Fills the window instead of the conferences until the terms are acknowledged."""

    acknowledged = Signal()

    def __init__(self, service: StaffTermsService, language: Language = Language.ENGLISH,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        title = QLabel(self.tr("<h2>Staff confidentiality terms</h2>"), self)
        explain = QLabel(self.tr(
            "Before you work on conferences, read and acknowledge the staff confidentiality "
            "terms. You are asked again every 12 months."), self)
        explain.setWordWrap(True)
        language_label = QLabel(self.tr("&Language of the terms:"), self)
        self.language = QComboBox(self)
        for value, name in _LANGUAGES:
            self.language.addItem(name, value)
        self.language.setAccessibleName(self.tr("Language of the terms"))
        language_label.setBuddy(self.language)
        self.text = statement_view(self)
        self.text.setAccessibleName(self.tr("Staff confidentiality terms"))
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # read by keyboard too
        self.understood = QCheckBox(self.tr("I have &read and understood these terms"), self)
        self.understood.setAccessibleName(self.tr("I have read and understood these terms"))
        self.acknowledge_button = QPushButton(self.tr("&Acknowledge"), self)
        self.acknowledge_button.setAccessibleName(self.tr("Acknowledge"))
        self.acknowledge_button.setEnabled(False)
        self.message = status_label(self)
        self.understood.toggled.connect(self.acknowledge_button.setEnabled)
        self.acknowledge_button.clicked.connect(self._acknowledge)
        self.language.currentIndexChanged.connect(self._show_terms)

        top = QHBoxLayout()
        top.addWidget(language_label)
        top.addWidget(self.language)
        top.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(explain)
        lay.addLayout(top)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.message)
        lay.addWidget(self.understood)
        lay.addWidget(self.acknowledge_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setTabOrder(self.language, self.text)
        self.setTabOrder(self.text, self.understood)
        self.setTabOrder(self.understood, self.acknowledge_button)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self._show_terms()
        self.setFocusProxy(self.text)

    def shown_language(self) -> Language:
        return Language(self.language.currentData())

    def _show_terms(self) -> None:
        self._statement = self._service.terms(self.shown_language())
        self.text.setPlainText(self._statement.text)
        self.understood.setChecked(False)  # agreeing to one text is not agreeing to another

    def _acknowledge(self) -> None:
        if not self.understood.isChecked():
            return
        try:
            self._service.acknowledge(self._statement)
        except user_errors() as exc:
            show_status(self.message, str(exc))
            return
        self.acknowledged.emit()
