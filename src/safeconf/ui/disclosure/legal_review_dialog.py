"""Asking legal about a disclosure the policy sent to legal review (`AskLegalDialog`), and a
case's requests with legal's answers once a sync has brought them (`LegalReviewsPanel`).
Both only call `app.legal_reviews.LegalReviewService`."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.legal_reviews import (
    LegalReviewDraft,
    LegalReviewService,
    ReviewState,
    ReviewStatus,
)
from safeconf.domain.disclosure_policy import LINES
from safeconf.domain.disclosure_terms import Extent, HealthPurpose, Information, Mode, Recipient
from safeconf.domain.records import LegalAnswer, LegalReview
from safeconf.ui.announce import tell
from safeconf.ui.labels import local_datetime
from safeconf.ui.prompts import Prompter
from safeconf.ui.widgets import name_as_shown, status_label, user_errors
from safeconf.vault.errors import VaultLocked

_CTX = "LegalReview"
_WORDS: dict[object, object] = {  # QT_TRANSLATE_NOOP's stub says object; they are str
    Information.WHOLE_RECORD: QT_TRANSLATE_NOOP("LegalReview", "the whole case record"),
    Information.CONFERENCE_SUMMARY: QT_TRANSLATE_NOOP("LegalReview", "a conference summary"),
    Information.CHOSEN_NOTES: QT_TRANSLATE_NOOP("LegalReview", "chosen notes"),
    Information.HEALTH_INFORMATION: QT_TRANSLATE_NOOP("LegalReview", "health information"),
    Information.LEGAL_ADVICE: QT_TRANSLATE_NOOP("LegalReview", "privileged legal advice"),
    Mode.ORAL_SUMMARY: QT_TRANSLATE_NOOP("LegalReview", "told as an oral summary"),
    Mode.REVIEW: QT_TRANSLATE_NOOP("LegalReview", "shown for review"),
    Mode.COPY: QT_TRANSLATE_NOOP("LegalReview", "given as a copy"),
    Extent.WHOLE: QT_TRANSLATE_NOOP("LegalReview", "in whole"),
    Extent.PART: QT_TRANSLATE_NOOP("LegalReview", "in part"),
    Recipient.CLIENT: QT_TRANSLATE_NOOP("LegalReview", "the client"),
    Recipient.PARENT_OR_GUARDIAN: QT_TRANSLATE_NOOP("LegalReview", "parent or guardian"),
    Recipient.ATTORNEY_OR_REPRESENTATIVE: QT_TRANSLATE_NOOP(
        "LegalReview", "attorney or authorized representative"),
    Recipient.AGENCY_STAFF: QT_TRANSLATE_NOOP("LegalReview", "agency staff"),
    Recipient.ASSISTANT_ATTORNEY_GENERAL: QT_TRANSLATE_NOOP(
        "LegalReview", "Assistant Attorney General"),
    Recipient.COURT_HEARING_THIS_CASE: QT_TRANSLATE_NOOP(
        "LegalReview", "the court hearing this case"),
    Recipient.THIRD_PARTY_WITH_RELEASE: QT_TRANSLATE_NOOP(
        "LegalReview", "a third party with a release"),
    Recipient.OTHER_THIRD_PARTY: QT_TRANSLATE_NOOP("LegalReview", "another third party"),
    HealthPurpose.TREATMENT: QT_TRANSLATE_NOOP("LegalReview", "treatment"),
    HealthPurpose.PAYMENT: QT_TRANSLATE_NOOP("LegalReview", "payment"),
    HealthPurpose.HEALTH_CARE_OPERATIONS: QT_TRANSLATE_NOOP(
        "LegalReview", "health-care operations"),
    HealthPurpose.HEALTH_OVERSIGHT: QT_TRANSLATE_NOOP("LegalReview", "health oversight"),
    HealthPurpose.JUDICIAL_OR_ADMINISTRATIVE_PROCEEDING: QT_TRANSLATE_NOOP(
        "LegalReview", "a judicial or administrative proceeding"),
    HealthPurpose.PLACEMENT_OR_ADOPTION_RECRUITMENT: QT_TRANSLATE_NOOP(
        "LegalReview", "placement or adoption recruitment"),
    HealthPurpose.ABUSE_OR_NEGLECT: QT_TRANSLATE_NOOP(
        "LegalReview", "abuse or neglect and its proceedings"),
    HealthPurpose.MEDICAL_RESEARCH: QT_TRANSLATE_NOOP("LegalReview", "medical research"),
    HealthPurpose.LAW_ENFORCEMENT: QT_TRANSLATE_NOOP("LegalReview", "law enforcement"),
    HealthPurpose.ADJUDICATED_YOUTH: QT_TRANSLATE_NOOP("LegalReview", "adjudicated youth"),
    HealthPurpose.PUBLIC_HEALTH: QT_TRANSLATE_NOOP("LegalReview", "public health"),
    HealthPurpose.NOTIFY_FAMILY_OF_LOCATION_AND_CONDITION: QT_TRANSLATE_NOOP(
        "LegalReview", "telling family of a person's location and condition"),
    ReviewState.QUEUED: QT_TRANSLATE_NOOP("LegalReview",
                                          "Waiting for legal — not yet sent (next sync)"),
    ReviewState.SENT: QT_TRANSLATE_NOOP("LegalReview", "Waiting for legal — sent to HQ"),
    ReviewState.ADVISED: QT_TRANSLATE_NOOP("LegalReview", "Legal advised"),
    ReviewState.RELEASED_WITH_REDACTIONS: QT_TRANSLATE_NOOP(
        "LegalReview", "Legal released it with redactions"),
    ReviewState.REFUSED: QT_TRANSLATE_NOOP("LegalReview", "Legal refused"),
}


def words(value: object) -> str:
    """A disclosure term or a request's state, in the interface's language."""
    return QCoreApplication.translate(_CTX, str(_WORDS[value]))


def _lines(text: str) -> str:
    return html.escape(text).replace("\n", "<br/>")


def _listed(heading: str, passages: tuple[str, ...]) -> str:
    items = "".join(f"<li>{html.escape(p)}</li>" for p in passages)
    return f"<p><b>{html.escape(heading)}</b></p><ul>{items}</ul>"


class _PassageField(QLineEdit):
    """Enter here adds the passage; it must not also press the dialog's default button."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class AskLegalDialog(QDialog):
    """What would be disclosed, to whom, why the policy sent it to legal, the passages to
    withhold and the worker's question; "Send to legal" queues it for the next sync."""

    sent = Signal(object)  # the LegalReview, once queued (the app may start a sync)

    def __init__(self, service: LegalReviewService, draft: LegalReviewDraft,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._draft = draft
        self.review: LegalReview | None = None
        self.setWindowTitle(self.tr("Ask legal"))
        layout = QVBoxLayout(self)

        self.summary = QLabel(self._summary_text(), self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        # Labels carry no accessible name of their own: a screen reader reads their text.
        layout.addWidget(self.summary)

        line = LINES.get(draft.policy_line)
        self.why = QLabel(self)
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.RichText)
        if line is not None:
            self.why.setText(self.tr("<b>Why this goes to legal</b> ({0}):<br/>“{1}”").format(
                html.escape(line.source, quote=False), html.escape(line.text, quote=False)))
        layout.addWidget(self.why)

        heading = QLabel(self.tr("Passages to &withhold (proposed redactions):"), self)
        layout.addWidget(heading)
        self.redactions = QListWidget(self)
        self.redactions.setAccessibleName(self.tr("Proposed redactions"))
        for passage in draft.proposed_redactions:
            if passage.strip():
                self.redactions.addItem(passage.strip())
        heading.setBuddy(self.redactions)
        layout.addWidget(self.redactions)
        row = QHBoxLayout()
        self.passage = _PassageField(self)
        self.passage.setAccessibleName(self.tr("Passage to withhold"))
        self.passage.setPlaceholderText(self.tr("A name, place or sentence to withhold"))
        self.add_button = QPushButton(self.tr("&Add passage"), self)
        self.remove_button = QPushButton(self.tr("&Remove passage"), self)
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
            name_as_shown(button)
        row.addWidget(self.passage, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)

        question_label = QLabel(self.tr("Your &question for legal (required):"), self)
        self.question = QPlainTextEdit(self)
        self.question.setTabChangesFocus(True)  # Tab leaves the field, as everywhere else
        self.question.setAccessibleName(self.tr("Your question for legal"))
        question_label.setBuddy(self.question)
        layout.addWidget(question_label)
        layout.addWidget(self.question, 1)

        self.hint = QLabel(self.tr("The request waits on this laptop and goes to HQ at the "
                                   "next sync, so you can send it while offline. Nothing is "
                                   "disclosed until legal answers."), self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.error = status_label(self)
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(self)
        self.send_button = self.buttons.addButton(self.tr("&Send to legal"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        name_as_shown(self.send_button)
        name_as_shown(self.cancel_button)
        self.send_button.setDefault(True)
        layout.addWidget(self.buttons)
        # Ctrl+Enter sends from inside the question, where Enter starts a new line.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.send)

        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        self.passage.entered.connect(self.add_passage)
        self.add_button.clicked.connect(self.add_passage)
        self.remove_button.clicked.connect(self.remove_passage)
        self.redactions.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.passage.textChanged.connect(lambda _t: self._update_buttons())
        self.redactions.installEventFilter(self)
        self._update_buttons()
        self.setTabOrder(self.redactions, self.passage)
        self.setTabOrder(self.passage, self.add_button)
        self.setTabOrder(self.add_button, self.remove_button)
        self.setTabOrder(self.remove_button, self.question)
        self.setTabOrder(self.question, self.send_button)
        self.setTabOrder(self.send_button, self.cancel_button)
        self.question.setFocus()

    def _summary_text(self) -> str:
        d = self._draft
        text = self.tr("{what}: {information}, {mode}, {extent}, to {name} ({category}).").format(
            what=d.what, information=words(d.information), mode=words(d.mode),
            extent=words(d.extent), name=d.recipient_name, category=words(d.recipient))
        if d.health_purpose is not None:
            text += " " + self.tr("Health purpose: {0}.").format(words(d.health_purpose))
        return text

    def passages(self) -> tuple[str, ...]:
        return tuple(self.redactions.item(i).text() for i in range(self.redactions.count()))

    def add_passage(self) -> None:
        passage = self.passage.text().strip()
        if not passage:
            return
        if passage not in self.passages():
            self.redactions.addItem(passage)
        self.redactions.setCurrentRow(self.passages().index(passage))
        self.passage.clear()
        self.passage.setFocus()

    def remove_passage(self) -> None:
        row = self.redactions.currentRow()
        if row < 0:
            return
        self.redactions.takeItem(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(bool(self.passage.text().strip()))
        self.remove_button.setEnabled(self.redactions.currentRow() >= 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Delete removes the chosen passage from the list, as in any list editor.
        if (watched is self.redactions and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Delete):
            self.remove_passage()
            return True
        return super().eventFilter(watched, event)

    def send(self) -> None:
        draft = dataclasses.replace(self._draft, proposed_redactions=self.passages())
        try:
            self.review = self._service.ask_legal(draft, self.question.toPlainText())
        except user_errors() as exc:  # a bad request: said here, nothing written
            self._refuse(str(exc))
            return
        self.sent.emit(self.review)
        self.accept()

    def _refuse(self, message: str) -> None:
        tell(self.error, message, urgent=True)
        self.question.setFocus()

    def confirmation(self) -> str:
        """What to tell the worker once the request is queued."""
        return self.tr("Your question is queued for legal. It goes to HQ at the next sync; "
                       "legal's answer appears with the case's legal reviews after a later "
                       "sync. Do not disclose anything until then.")


class LegalReviewsPanel(QWidget):
    """A case's requests to legal, newest first, with their status and, once answered,
    legal's answer, advice and redactions. `refresh()` reads them again; `follow(sync)`
    refreshes after every finished sync."""

    def __init__(self, service: LegalReviewService, case_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._case_id = case_id
        self._statuses: list[ReviewStatus] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("&Legal review requests"), self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Legal review requests"))
        heading.setBuddy(self.list)
        self.empty = status_label(self)
        self.details = QTextBrowser(self)
        self.details.setOpenLinks(False)
        self.details.setAccessibleName(self.tr("Request and answer"))
        self.refresh_button = QPushButton(self.tr("Re&fresh"), self)
        name_as_shown(self.refresh_button)
        layout.addWidget(heading)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.refresh_button)
        self.list.currentRowChanged.connect(self._show)
        self.refresh_button.clicked.connect(self.refresh)
        self.refresh()

    def follow(self, sync: QObject) -> None:
        """Refresh whenever `sync` (a `ui.sync.SyncController`) finishes a sync."""
        sync.synced.connect(lambda _report: self.refresh())  # type: ignore[attr-defined]

    @property
    def statuses(self) -> list[ReviewStatus]:
        return list(self._statuses)

    def current_status(self) -> ReviewStatus | None:
        row = self.list.currentRow()
        return self._statuses[row] if 0 <= row < len(self._statuses) else None

    def refresh(self) -> None:
        chosen = self._current_id()
        try:
            self._statuses = self._service.for_case(self._case_id)
        except VaultLocked:
            self._statuses = []  # the lock screen covers the app; nothing to show
        self.list.blockSignals(True)
        self.list.clear()
        for status in self._statuses:
            item = QListWidgetItem(self._line(status))
            item.setData(Qt.ItemDataRole.UserRole, status.review.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [s.review.id for s in self._statuses]
        self.list.setCurrentRow(ids.index(chosen) if chosen in ids else (0 if ids else -1))
        self._show(self.list.currentRow())
        self.empty.setText(self.tr("No questions to legal for this case.")
                           if not self._statuses else "")
        self.empty.setVisible(not self._statuses)

    def _current_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _line(self, status: ReviewStatus) -> str:
        r = status.review
        return self.tr("{status} — {what}, to {name} (asked {when})").format(
            status=words(status.state), what=r.what, name=r.recipient_name,
            when=local_datetime(r.requested_at))

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self._statuses):
            self.details.clear()
            return
        status = self._statuses[row]
        r, a = status.review, status.answer
        e = html.escape
        asked = self.tr("Asked {0} by {1}.").format(local_datetime(r.requested_at),
                                                    r.requested_by)
        question = self.tr("Question")
        parts = [f"<p><b>{e(words(status.state))}</b></p>", f"<p>{e(asked)}</p>",
                 f"<p><b>{e(question)}</b><br/>{_lines(r.question)}</p>"]
        if r.proposed_redactions:
            parts.append(_listed(self.tr("Proposed redactions"), r.proposed_redactions))
        if a is not None:
            by = self.tr("{0}, {1}").format(a.answered_by, local_datetime(a.answered_at))
            advice = self.tr("Legal’s advice")
            parts.append(f"<p><b>{e(advice)}</b> ({e(by)})<br/>{_lines(a.advice)}</p>")
            if a.redactions:
                parts.append(_listed(self.tr("Also withhold"), a.redactions))
        self.details.setHtml("".join(parts))


class LegalReviewsDialog(QDialog):
    """A case's legal reviews in their own window, for a screen with no room for the panel
    (home, a conference); Escape or Close closes it. With `release`, a request legal
    answered "release with redactions" can be carried out from here: `release(status)`."""

    def __init__(self, service: LegalReviewService, case_id: str,
                 sync: QObject | None = None, parent: QWidget | None = None, *,
                 release: Callable[[ReviewStatus], None] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Legal reviews"))
        self._release = release
        layout = QVBoxLayout(self)
        self.panel = LegalReviewsPanel(service, case_id, self)
        if sync is not None:
            self.panel.follow(sync)
        layout.addWidget(self.panel, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.release_button = QPushButton(self.tr("Carry out legal's &release…"), self)
        self.release_button.setAccessibleName(self.tr("Carry out legal's release"))
        self.release_button.setAutoDefault(False)
        self.release_button.setVisible(release is not None)
        buttons.addButton(self.release_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.release_button.clicked.connect(self._carry_out)
        self.panel.list.currentRowChanged.connect(lambda _row: self._update())
        layout.addWidget(buttons)
        self._update()
        self.panel.list.setFocus()

    def _update(self) -> None:
        status = self.panel.current_status()
        self.release_button.setEnabled(
            status is not None and status.answer is not None
            and status.answer.answer is LegalAnswer.RELEASE_WITH_REDACTIONS)

    def _carry_out(self) -> None:
        status = self.panel.current_status()
        if self._release is not None and status is not None:
            self._release(status)


def run_ask_legal(prompter: Prompter, service: LegalReviewService, draft: LegalReviewDraft,
                  parent: QWidget | None = None) -> LegalReview | None:
    """The share flow's "Ask legal" step: run the dialog through the one modal seam and,
    once queued, tell the worker when it goes and what to do meanwhile."""
    dialog = AskLegalDialog(service, draft, parent)
    if not prompter.run(dialog) or dialog.review is None:
        return None
    prompter.inform(parent, dialog.tr("Sent to legal"), dialog.confirmation())
    return dialog.review
