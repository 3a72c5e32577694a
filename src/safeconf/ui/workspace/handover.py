"""Hand-over mode: while the laptop is turned to an attendee, only the statement and the
signature pad are shown. Leaving needs the facilitator's passphrase, checked off the GUI
thread by unwrapping the vault key."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.conferences import ConferenceService
from safeconf.app.session import VaultSession
from safeconf.domain.errors import AlreadyAcknowledged, NotTheirAcknowledgment
from safeconf.domain.records import AckMethod, Attendee
from safeconf.ui.announce import tell
from safeconf.ui.i18n import translator_for
from safeconf.ui.messages import user_message
from safeconf.ui.secret_field import SecretLineEdit
from safeconf.ui.widgets import (
    busy_bar,
    scaled_font,
    statement_view,
    status_label,
    user_errors,
)
from safeconf.ui.workers import run_in_background
from safeconf.ui.workspace.acknowledge_form import AcknowledgeForm

# What the attendee reads is worded in the attendee's language, whatever the interface
# language: these texts are translated with a translator for that language (i18n.py).
ATTENDEE_TEXTS: dict[str, str] = {
    "statement": QT_TRANSLATE_NOOP("Attendee", "Confidentiality statement"),
    "hello": QT_TRANSLATE_NOOP("Attendee", "Please read this statement and sign below."),
    "thanks": QT_TRANSLATE_NOOP(
        "Attendee", "Thank you. Please hand the laptop back to the facilitator."),
    "draw_tab": QT_TRANSLATE_NOOP("Attendee", "Si&gn"),
    "typed_tab": QT_TRANSLATE_NOOP("Attendee", "T&ype your name"),
    "sign_hint": QT_TRANSLATE_NOOP("Attendee", "Sign with a finger, a pen or the mouse:"),
    "clear": QT_TRANSLATE_NOOP("Attendee", "C&lear"),
    "sign": QT_TRANSLATE_NOOP("Attendee", "I agree — &sign"),
    "typed_label": QT_TRANSLATE_NOOP("Attendee", "Full &name:"),
    "typed": QT_TRANSLATE_NOOP("Attendee", "I agree — &save my name"),
    "not_your_name": QT_TRANSLATE_NOOP(
        "Attendee", "Please type your own full name as the facilitator recorded it: %1"),
    "already": QT_TRANSLATE_NOOP(
        "Attendee", "You have already agreed to this statement. Please hand the laptop back "
                    "to the facilitator."),
}
# What a screen reader says of the form, and the facilitator's way back: in the attendee's
# language too, since the attendee hears or sees them (worded in their own contexts).
FORM_TEXTS: dict[str, str] = {
    "method": QT_TRANSLATE_NOOP("AcknowledgeForm", "Acknowledgment method"),
    "pad": QT_TRANSLATE_NOOP("AcknowledgeForm", "Signature pad"),
    "typed_name": QT_TRANSLATE_NOOP("AcknowledgeForm", "Typed name"),
    "sign_description": QT_TRANSLATE_NOOP("AcknowledgeForm", "Record drawn signature"),
    "typed_description": QT_TRANSLATE_NOOP("AcknowledgeForm", "Record typed name"),
}
WAY_BACK_TEXTS: dict[str, str] = {
    "passphrase": QT_TRANSLATE_NOOP("HandoverView", "Facilitator passphrase"),
    "return": QT_TRANSLATE_NOOP("HandoverView", "Return to facilitator"),
    "checking": QT_TRANSLATE_NOOP("HandoverView", "Checking the passphrase"),
    "wrong": QT_TRANSLATE_NOOP("HandoverView", "Wrong passphrase."),
}


class HandoverView(QWidget):
    acknowledged = Signal(str)  # attendee id
    exit_granted = Signal()

    def __init__(
        self,
        service: ConferenceService,
        session: VaultSession,
        attendee: Attendee,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._session = session
        self.attendee = attendee
        self._statement = service.statement_for(attendee)
        self._attendee_tr = translator_for(self._statement.language.value, self)
        greeting = QLabel(self)
        greeting.setTextFormat(Qt.TextFormat.PlainText)
        greeting.setText(self._greeting())
        greeting.setFont(scaled_font(greeting.font(), 1.5))
        self.statement = statement_view(self)
        self.statement.setAccessibleName(self._t("statement"))
        self.statement.setPlainText(self._statement.text)
        self.form = AcknowledgeForm(with_refuse=False, parent=self)
        self.form.show_only_signature()
        self.form.use_texts({key: self._t(key) for key in ATTENDEE_TEXTS}
                            | {key: self._attendee_tr("AcknowledgeForm", text)
                               for key, text in FORM_TEXTS.items()})
        self.thanks = status_label(self)

        # The facilitator's way back, deliberately small and at the bottom.
        self.passphrase = SecretLineEdit(self)
        self.passphrase.setAccessibleName(self._back("passphrase"))
        self.passphrase.setPlaceholderText(self._back("passphrase"))
        self.passphrase.setMinimumWidth(self.passphrase.fontMetrics().averageCharWidth() * 28)
        self.return_button = QPushButton(self._back("return"), self)
        self.return_button.setAccessibleName(self._back("return"))
        self.exit_message = status_label(self)
        self.busy = busy_bar(self._back("checking"), self)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.exit_message)
        bottom.addWidget(self.busy)
        bottom.addWidget(self.passphrase)
        bottom.addWidget(self.return_button)
        lay = QVBoxLayout(self)
        lay.addWidget(greeting)
        lay.addWidget(self.statement, 3)
        lay.addWidget(self.form, 2)
        lay.addWidget(self.thanks)
        lay.addLayout(bottom)

        self.form.submitted.connect(self._submitted)
        self.return_button.clicked.connect(self.try_exit)
        self.passphrase.returnPressed.connect(self.try_exit)
        self.setFocusProxy(self.statement)

    def _t(self, key: str) -> str:
        """Texts for the attendee, in the attendee's language (not the facilitator's)."""
        return self._attendee_tr("Attendee", ATTENDEE_TEXTS[key])

    def _back(self, key: str) -> str:
        return self._attendee_tr("HandoverView", WAY_BACK_TEXTS[key])

    def _greeting(self) -> str:
        return f"{self.attendee.name} — {self._t('hello')}"

    def _submitted(self, method: AckMethod, typed: str, witness: str, png: object) -> None:
        try:
            self._service.acknowledge(
                self.attendee.id, method, self._statement, typed_name=typed, witness=witness,
                signature_png=png if isinstance(png, bytes) else None,
            )
        except NotTheirAcknowledgment:
            tell(self.thanks, self._t("not_your_name").replace("%1", self.attendee.name),
                 urgent=True)
            self.form.focus_input()
            return
        except AlreadyAcknowledged:
            self.form.setEnabled(False)
            tell(self.thanks, self._t("already"), urgent=True)
            return
        except user_errors() as exc:
            tell(self.thanks, user_message(exc), urgent=True)
            return
        self.form.setEnabled(False)
        tell(self.thanks, self._t("thanks"))
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)  # the facilitator's turn
        self.acknowledged.emit(self.attendee.id)

    def try_exit(self) -> None:
        passphrase = self.passphrase.text()
        if not passphrase or self.busy.isVisible():
            return
        self.busy.setVisible(True)
        self.return_button.setEnabled(False)
        run_in_background(
            lambda: self._session.verify_passphrase(passphrase), self._checked, self._failed,
            self,
        )

    def _checked(self, ok: object) -> None:
        self.busy.setVisible(False)
        self.return_button.setEnabled(True)
        self.passphrase.clear()
        if ok is True:
            self.exit_granted.emit()
        else:
            tell(self.exit_message, self._back("wrong"), urgent=True)

    def _failed(self, exc: Exception) -> None:
        self.busy.setVisible(False)
        self.return_button.setEnabled(True)
        self.passphrase.clear()
        tell(self.exit_message, user_message(exc), urgent=True)
