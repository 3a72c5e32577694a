"""How one attendee acknowledges the statement they were shown: drawn signature, typed
name, or verbal agreement attested by the facilitator with a named witness; or a refusal."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from safeconf.domain.records import AckMethod
from safeconf.ui.widgets import name_as_shown
from safeconf.ui.workspace.signature_pad import SignaturePad


class AcknowledgeForm(QWidget):
    """Emits `submitted(method, typed_name, witness, png)`; it never stores anything."""

    submitted = Signal(object, str, str, object)

    def __init__(self, with_refuse: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Acknowledgment method"))

        sign = QWidget(self)
        self.pad = SignaturePad(sign)
        self.pad.setAccessibleName(self.tr("Signature pad"))
        self.clear_button = QPushButton(self.tr("C&lear signature"), sign)
        name_as_shown(self.clear_button)
        self.sign_button = QPushButton(self.tr("I agree — &sign"), sign)
        name_as_shown(self.sign_button, self.tr("Record drawn signature"))
        self.sign_button.setEnabled(False)
        sign_lay = QVBoxLayout(sign)
        self.sign_hint = QLabel(self.tr("Sign with a finger, a pen or the mouse:"), sign)
        sign_lay.addWidget(self.sign_hint)
        sign_lay.addWidget(self.pad, 1)
        row = QHBoxLayout()
        row.addWidget(self.clear_button)
        row.addStretch(1)
        row.addWidget(self.sign_button)
        sign_lay.addLayout(row)
        self.tabs.addTab(sign, self.tr("&Draw signature"))

        typed = QWidget(self)
        self.typed_name = QLineEdit(typed)
        self.typed_name.setAccessibleName(self.tr("Typed name"))
        self.typed_button = QPushButton(self.tr("I agree — record &typed name"), typed)
        name_as_shown(self.typed_button, self.tr("Record typed name"))
        self.typed_button.setEnabled(False)
        typed_lay = QFormLayout(typed)
        self.typed_label = QLabel(self.tr("Full &name:"), typed)
        self.typed_label.setBuddy(self.typed_name)
        typed_lay.addRow(self.typed_label, self.typed_name)
        typed_lay.addRow(self.typed_button)
        self.tabs.addTab(typed, self.tr("T&yped name"))

        verbal = QWidget(self)
        self.witness = QLineEdit(verbal)
        self.witness.setAccessibleName(self.tr("Witness name"))
        self.verbal_button = QPushButton(self.tr("Record verbal &agreement"), verbal)
        name_as_shown(self.verbal_button)
        self.verbal_button.setEnabled(False)
        verbal_lay = QFormLayout(verbal)
        explanation = QLabel(self.tr(
            "The attendee agreed aloud. You attest it as facilitator; name a witness who heard it."
        ), verbal)
        explanation.setWordWrap(True)
        verbal_lay.addRow(explanation)
        witness_label = QLabel(self.tr("&Witness:"), verbal)
        witness_label.setBuddy(self.witness)
        verbal_lay.addRow(witness_label, self.witness)
        verbal_lay.addRow(self.verbal_button)
        self.tabs.addTab(verbal, self.tr("&Verbal"))

        self.refuse_button = QPushButton(self.tr("Attendee &refuses"), self)
        name_as_shown(self.refuse_button, self.tr("Record refusal"))
        self.refuse_button.setVisible(with_refuse)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.refuse_button)

        self.pad.changed.connect(lambda: self.sign_button.setEnabled(self.pad.is_signed()))
        self.clear_button.clicked.connect(self.pad.clear)
        self.typed_name.textChanged.connect(
            lambda t: self.typed_button.setEnabled(bool(t.strip()))
        )
        self.witness.textChanged.connect(
            lambda t: self.verbal_button.setEnabled(bool(t.strip()))
        )
        self.sign_button.clicked.connect(
            lambda: self.submitted.emit(AckMethod.DRAWN_SIGNATURE, "", "", self.pad.to_png())
        )
        self.typed_button.clicked.connect(
            lambda: self.submitted.emit(AckMethod.TYPED_NAME, self.typed_name.text(), "", None)
        )
        self.verbal_button.clicked.connect(
            lambda: self.submitted.emit(AckMethod.VERBAL, "", self.witness.text(), None)
        )
        self.refuse_button.clicked.connect(
            lambda: self.submitted.emit(AckMethod.REFUSED, "", "", None)
        )
        # Enter records what was typed; choosing a method puts the cursor in its field.
        self.typed_name.returnPressed.connect(self._submit_typed)
        self.witness.returnPressed.connect(self._submit_verbal)
        self.tabs.currentChanged.connect(lambda _i: self.focus_input())

    def _submit_typed(self) -> None:
        if self.typed_button.isEnabled():
            self.typed_button.click()

    def _submit_verbal(self) -> None:
        if self.verbal_button.isEnabled():
            self.verbal_button.click()

    def focus_input(self) -> None:
        """Put the cursor where the chosen method is given: the pad, the name, the witness."""
        fields: tuple[QWidget, ...] = (self.pad, self.typed_name, self.witness)
        index = self.tabs.currentIndex()
        field = fields[index] if 0 <= index < len(fields) else self.tabs
        if self.isVisible() and self.isEnabled():
            field.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        self.pad.clear()
        self.typed_name.clear()
        self.witness.clear()

    def use_texts(self, texts: dict[str, str]) -> None:
        """Word the form for the attendee (hand-over), whatever the interface language."""
        self.tabs.setTabText(0, texts["draw_tab"])
        self.tabs.setTabText(1, texts["typed_tab"])
        self.sign_hint.setText(texts["sign_hint"])
        self.clear_button.setText(texts["clear"])
        self.sign_button.setText(texts["sign"])
        self.typed_label.setText(texts["typed_label"])
        self.typed_button.setText(texts["typed"])
        for button in (self.clear_button, self.sign_button, self.typed_button):
            name_as_shown(button)
        self.tabs.setAccessibleName(texts.get("method", self.tabs.accessibleName()))
        self.pad.setAccessibleName(texts.get("pad", self.pad.accessibleName()))
        self.typed_name.setAccessibleName(texts.get("typed_name",
                                                    self.typed_name.accessibleName()))
        for button, key in ((self.sign_button, "sign_description"),
                            (self.typed_button, "typed_description")):
            button.setAccessibleDescription(texts.get(key, button.accessibleDescription()))

    def show_only_signature(self) -> None:
        """Hand-over mode: the attendee sees the pad and the typed name, nothing else."""
        self.tabs.removeTab(2)
        self.refuse_button.setVisible(False)
