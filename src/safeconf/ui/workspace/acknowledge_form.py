"""How one attendee acknowledges the statement they were shown: drawn signature, typed
name, or verbal agreement attested by the facilitator with a named witness; or a refusal."""

from __future__ import annotations

from PySide6.QtCore import Signal
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
        self.clear_button.setAccessibleName(self.tr("Clear signature"))
        self.sign_button = QPushButton(self.tr("I agree — &sign"), sign)
        self.sign_button.setAccessibleName(self.tr("Record drawn signature"))
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
        self.typed_button.setAccessibleName(self.tr("Record typed name"))
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
        self.verbal_button.setAccessibleName(self.tr("Record verbal agreement"))
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
        self.refuse_button.setAccessibleName(self.tr("Record refusal"))
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

    def show_only_signature(self) -> None:
        """Hand-over mode: the attendee sees the pad and the typed name, nothing else."""
        self.tabs.removeTab(2)
        self.refuse_button.setVisible(False)
