""""May I share this?": the worker says what, how, how much and to whom; the policy's
decision appears at once, in plain words with the policy line it rests on, and follows every
change of choice. Then, and only as the decision allows: record the disclosure (an oral
summary or a review), make a copy through the copy flow (which logs it before the copy
leaves), ask for a consent, or ask legal. The domain decides (`DisclosureService.ask`);
this screen never does.

The copy, consent and legal screens are their own modules, imported only when used, so this
one works where they are not installed (their button is then hidden)."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.disclosure_check import Answer
from safeconf.app.disclosures import ALLOWED, DisclosureService, RecipientChoice
from safeconf.app.session import VaultSession
from safeconf.domain.disclosure_policy import Outcome
from safeconf.domain.disclosure_terms import Extent, HealthPurpose, Information, Mode, Recipient
from safeconf.domain.records import Conference, Disclosure, Note
from safeconf.ui import labels
from safeconf.ui.announce import announce, tell
from safeconf.ui.messages import user_message
from safeconf.ui.prompts import Prompter
from safeconf.ui.widgets import status_label, user_errors

SHARE_KEYS = "Ctrl+Shift+D"  # "May I share this?" wherever a case is at hand
COPY_MODULE = "safeconf.ui.disclosure.copy_dialog"
CONSENTS_MODULE = "safeconf.ui.disclosure.consents_dialog"
LEGAL_MODULE = "safeconf.ui.disclosure.legal_review_dialog"


def lazy(module: str) -> Any:
    """A screen of another part of the disclosure work, imported when first used."""
    return importlib.import_module(module)


def installed(module: str) -> bool:
    """Whether a screen of another part of the disclosure work is present."""
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


class ShareDialog(QDialog):
    def __init__(
        self, session: VaultSession, case_id: str, prompter: Prompter,
        parent: QWidget | None = None, *, conference_id: str | None = None,
        note_ids: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._service = DisclosureService(session)
        self._prompter = prompter
        self._case_id = case_id
        self._conference_id = conference_id
        self.answer: Answer | None = None
        self._filled_name = ""  # the name the chosen person filled in, if any
        self.logged: list[Disclosure] = []
        case = session.vault.cases.get(case_id)
        self.setWindowTitle(self.tr("May I share this? — %1").replace("%1", case.case_number))

        self.what = QComboBox(self)
        self.what.setAccessibleName(self.tr("What to share"))
        for information, text in self._information_texts().items():
            self.what.addItem(text, information)
        self.notes = QListWidget(self)
        self.notes.setAccessibleName(self.tr("Chosen notes"))
        for note in self._notes():
            item = QListWidgetItem(self._note_text(note))
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if note.id in note_ids
                               else Qt.CheckState.Unchecked)
            self.notes.addItem(item)
        self.how = QComboBox(self)
        self.how.setAccessibleName(self.tr("How"))
        for mode, text in ((Mode.ORAL_SUMMARY, self.tr("Oral summary")),
                           (Mode.REVIEW, self.tr("Let them review it (no copy)")),
                           (Mode.COPY, self.tr("A copy"))):
            self.how.addItem(text, mode)
        self.extent = QComboBox(self)
        self.extent.setAccessibleName(self.tr("Extent"))
        self.extent.addItem(self.tr("All of it"), Extent.WHOLE)
        self.extent.addItem(self.tr("Part of it"), Extent.PART)
        self.to_whom = QComboBox(self)
        self.to_whom.setAccessibleName(self.tr("To whom"))
        for choice in self._service.recipients(case_id):
            self.to_whom.addItem(self._recipient_text(choice), choice)
        self.recipient_name = QLineEdit(self)
        self.recipient_name.setAccessibleName(self.tr("Recipient's name"))
        self.recipient_name.setPlaceholderText(self.tr("Who exactly: a name or an office"))
        self.purpose = QComboBox(self)
        self.purpose.setAccessibleName(self.tr("Health purpose"))
        self.purpose.addItem(self.tr("(none of these)"), None)
        for purpose in HealthPurpose:
            self.purpose.addItem(self._purpose_text(purpose), purpose)
        self.decision = QLabel(self)  # changing text: no accessible name (STYLE.md)
        self.decision.setWordWrap(True)
        self.decision.setTextFormat(Qt.TextFormat.PlainText)
        self.decision.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.decision.setObjectName("shareDecision")
        self.status = status_label(self)

        self.record_button = QPushButton(self.tr("&Record disclosure"), self)
        self.record_button.setAccessibleName(self.tr("Record disclosure"))
        self.copy_button = QPushButton(self.tr("Make a cop&y…"), self)
        self.copy_button.setAccessibleName(self.tr("Make a copy"))
        self.consent_button = QPushButton(self.tr("Request &consent…"), self)
        self.consent_button.setAccessibleName(self.tr("Request consent"))
        self.legal_button = QPushButton(self.tr("Ask &legal…"), self)
        self.legal_button.setAccessibleName(self.tr("Ask legal"))
        # Where legal's answers to this case's requests are read (and a release carried out).
        self.reviews_button = QPushButton(self.tr("Legal re&views…"), self)
        self.reviews_button.setAccessibleName(self.tr("Legal reviews of this case"))
        self.reviews_button.setAutoDefault(False)
        for button in (self.record_button, self.copy_button, self.consent_button,
                       self.legal_button):
            button.setAutoDefault(False)  # Enter never logs a disclosure by accident
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName(self.tr("Close"))
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        self._labels: dict[QWidget, QLabel] = {}
        for text, field in ((self.tr("&What:"), self.what),
                            (self.tr("Chosen n&otes:"), self.notes),
                            (self.tr("&How:"), self.how),
                            (self.tr("E&xtent:"), self.extent),
                            (self.tr("&To whom:"), self.to_whom),
                            (self.tr("Recipient's &name:"), self.recipient_name),
                            (self.tr("Health &purpose:"), self.purpose)):
            label = QLabel(text, self)
            label.setBuddy(field)
            self._labels[field] = label
            form.addRow(label, field)
        actions = QHBoxLayout()
        for button in (self.record_button, self.copy_button, self.consent_button,
                       self.legal_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.reviews_button)
        actions.addWidget(self.buttons)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(QLabel(self.tr("<b>Decision</b>"), self))
        lay.addWidget(self.decision, 1)
        lay.addWidget(self.status)
        lay.addLayout(actions)
        order = (self.what, self.notes, self.how, self.extent, self.to_whom,
                 self.recipient_name, self.purpose, self.record_button, self.copy_button,
                 self.consent_button, self.legal_button, self.reviews_button,
                 self.close_button)
        for first, second in pairwise(order):
            self.setTabOrder(first, second)

        self._copy_available = installed(COPY_MODULE)
        self._consents_available = installed(CONSENTS_MODULE)
        self._legal_available = installed(LEGAL_MODULE)
        if note_ids:
            self.what.setCurrentIndex(self.what.findData(Information.CHOSEN_NOTES))
        elif conference_id:
            self.what.setCurrentIndex(self.what.findData(Information.CONFERENCE_SUMMARY))
        for combo in (self.what, self.how, self.extent, self.to_whom, self.purpose):
            combo.currentIndexChanged.connect(self.refresh_decision)
        self.recipient_name.textChanged.connect(self.refresh_decision)
        self.notes.itemChanged.connect(self.refresh_decision)
        self.record_button.clicked.connect(self.record)
        self.copy_button.clicked.connect(self.make_copy)
        self.consent_button.clicked.connect(self.request_consent)
        self.legal_button.clicked.connect(self.ask_legal)
        self.reviews_button.clicked.connect(self.show_reviews)
        self.reviews_button.setVisible(self._legal_available)
        self.resize(640, 560)
        self.refresh_decision()
        self.what.setFocus()

    # -- the choices -------------------------------------------------------------------

    def information(self) -> Information:
        return Information(self.what.currentData())

    def mode(self) -> Mode:
        return Mode(self.how.currentData())

    def health_purpose(self) -> HealthPurpose | None:
        chosen = self.purpose.currentData()  # Qt hands an enum's value back as text
        return HealthPurpose(chosen) if chosen else None

    def choice(self) -> RecipientChoice:
        found: RecipientChoice = self.to_whom.currentData()
        return found

    def chosen_note_ids(self) -> tuple[str, ...]:
        return tuple(self.notes.item(i).data(Qt.ItemDataRole.UserRole)
                     for i in range(self.notes.count())
                     if self.notes.item(i).checkState() == Qt.CheckState.Checked)

    def record_ids(self) -> tuple[str, ...]:
        if self.information() is Information.CHOSEN_NOTES:
            return self.chosen_note_ids()
        if self.information() is Information.WHOLE_RECORD or not self._conference_id:
            return ()
        return (self._conference_id,)

    def what_text(self) -> str:
        """What is disclosed, in plain words, for the log."""
        information = self.information()
        words = self._information_texts()[information]
        if information is Information.CHOSEN_NOTES:
            chosen = set(self.chosen_note_ids())
            names = [self.notes.item(i).text() for i in range(self.notes.count())
                     if self.notes.item(i).data(Qt.ItemDataRole.UserRole) in chosen]
            return f"{words}: {'; '.join(names)}"
        if self._conference_id and information is not Information.WHOLE_RECORD:
            conf = self._session.vault.conferences.get(self._conference_id)
            return f"{words}, {labels.local_datetime(conf.scheduled_start)}"
        return words

    # -- the decision ------------------------------------------------------------------

    def refresh_decision(self) -> None:
        """Ask the policy again for the choices as they are now, and show its answer."""
        information = self.information()
        choice = self.choice()
        health = information is Information.HEALTH_INFORMATION
        self.notes.setVisible(information is Information.CHOSEN_NOTES)
        self._labels[self.notes].setVisible(information is Information.CHOSEN_NOTES)
        self.purpose.setVisible(health)
        self._labels[self.purpose].setVisible(health)
        self.recipient_name.setEnabled(choice.person_id is None)
        # A person of the case names themself; a category wants the name typed, never the
        # name of the person chosen before it.
        filled = choice.name if choice.person_id is not None else (
            "" if self.recipient_name.text() == self._filled_name else None)
        if filled is not None and self.recipient_name.text() != filled:
            self.recipient_name.blockSignals(True)
            self.recipient_name.setText(filled)
            self.recipient_name.blockSignals(False)
        self._filled_name = choice.name if choice.person_id is not None else ""
        self.answer = None
        problem = self._incomplete()
        if problem:
            self._show_decision(problem, None)
            return
        try:
            self.answer = self._service.ask(
                self._case_id, information=information, mode=self.mode(),
                extent=Extent(self.extent.currentData()),
                recipient=choice.category, recipient_name=self.recipient_name.text().strip(),
                to_person_id=choice.person_id, health_purpose=self.health_purpose(),
                record_ids=self.record_ids())
        except user_errors() as exc:
            self._show_decision(user_message(exc), None)
            return
        self._show_decision(self.answer.plain(), self.answer.decision.outcome)

    def _incomplete(self) -> str:
        if self.information() is Information.CHOSEN_NOTES and not self.chosen_note_ids():
            return self.tr("Choose the notes to share.")
        if self.choice().person_id is None and not self.recipient_name.text().strip():
            return self.tr("Type who exactly would receive it: a consent or a release "
                           "must name them.")
        return ""

    def _show_decision(self, text: str, outcome: Outcome | None) -> None:
        allowed = outcome in ALLOWED
        copy = self.mode() is Mode.COPY
        self.record_button.setVisible(allowed and not copy)
        self.record_button.setEnabled(allowed and not copy)
        self.copy_button.setVisible(allowed and copy)
        self.copy_button.setEnabled(allowed and copy and self._copy_available)
        self.copy_button.setToolTip("" if self._copy_available else self.tr(
            "Making copies is not available in this version."))
        self.consent_button.setVisible(outcome is Outcome.NEEDS_CONSENT
                                       and self._consents_available)
        self.legal_button.setVisible(outcome is Outcome.LEGAL_REVIEW and self._legal_available)
        if text != self.decision.text():
            self.decision.setText(text)
            announce(self.decision, text)  # heard as it changes, the focus stays

    # -- what the decision allows ------------------------------------------------------

    def record(self) -> None:
        """Log an oral summary or review the policy allows; only then it may be made."""
        if self.answer is None:
            return
        try:
            made = self._service.log(self.answer, what=self.what_text(),
                                     record_ids=self.record_ids())
        except user_errors() as exc:
            tell(self.status, user_message(exc), urgent=True)
            self.refresh_decision()
            return
        self._logged(made)

    def _logged(self, made: Disclosure) -> None:
        self.logged.append(made)
        self.record_button.setEnabled(False)  # logged once; change a choice to log again
        tell(self.status, self.tr("Disclosure recorded at %1 to %2. You may now tell or show "
                                  "it.").replace("%1", labels.local_time(made.disclosed_at))
             .replace("%2", made.recipient_name))

    def before_release(self, sha256_hex: str, redaction_count: int) -> bool:
        """The copy flow's last step before a copy leaves: log it, or stop it."""
        if self.answer is None:
            return False
        try:
            made = self._service.log(self.answer, what=self.what_text(),
                                     record_ids=self.record_ids(),
                                     document_sha256=sha256_hex, redactions=redaction_count)
        except user_errors() as exc:
            self._prompter.error(self, self.tr("Copy not released"), user_message(exc))
            self.refresh_decision()
            return False
        self._logged(made)
        return True

    def make_copy(self) -> None:
        if self.answer is None:
            return
        try:
            copies, screen = lazy("safeconf.app.copies"), lazy(COPY_MODULE)
        except ImportError:
            self._prompter.error(self, self.tr("No copy made"), self.tr(
                "Making copies is not available in this version."))
            return
        request = copies.CopyRequest(
            case_id=self._case_id, information=self.information(),
            record_ids=self.record_ids(),
            health_covered=self.information() is Information.HEALTH_INFORMATION,
            title=self.what_text())
        self._run_copy(screen, request, self.before_release)

    def _run_copy(self, screen: Any, request: Any, before_release: Any,
                  required: Sequence[str] = ()) -> None:
        try:
            dialog = screen.CopyDialog(self._session, request, before_release=before_release,
                                       parent=self, prompter=self._prompter,
                                       required=required)
        except user_errors() as exc:  # e.g. no note chosen, or legal advice
            self._prompter.error(self, self.tr("No copy made"), user_message(exc))
            return
        self._prompter.run(dialog)
        dialog.deleteLater()  # the copy's text leaves memory with it

    def request_consent(self) -> None:
        try:
            screen = lazy(CONSENTS_MODULE)
        except ImportError:
            return
        needed = None if self.answer is None else self.answer.decision.consent_needed
        preset = None if needed is None or not needed.person_id else screen.ConsentPreset(
            person_id=needed.person_id, information=needed.information,
            recipient_name=needed.recipient_name,
            valid_from=date.fromisoformat(needed.covering))
        dialog = screen.ConsentsDialog(self._session, self._case_id, self, preset=preset,
                                       prompter=self._prompter)
        self._prompter.run(dialog)
        dialog.deleteLater()
        self.refresh_decision()  # a consent given meanwhile may allow it now

    def ask_legal(self) -> None:
        """Send the disclosure as asked to legal; nothing is disclosed."""
        if self.answer is None or self.answer.request is None:
            return
        try:
            service, screen = lazy("safeconf.app.legal_reviews"), lazy(LEGAL_MODULE)
        except ImportError:
            return
        request = self.answer.request
        draft_type = getattr(screen, "LegalReviewDraft", None) or service.LegalReviewDraft
        draft = draft_type(
            case_id=self._case_id, information=request.information, what=self.what_text(),
            record_ids=self.record_ids(), mode=request.mode, extent=request.extent,
            recipient=request.recipient, recipient_name=request.recipient_name,
            health_purpose=request.health_purpose,
            policy_line=self.answer.decision.basis.key)
        screen.run_ask_legal(self._prompter, service.LegalReviewService(self._session), draft,
                             self)

    def show_reviews(self) -> None:
        """The case's requests to legal and their answers; a release legal gave is carried
        out from there, logged on legal's answer."""
        try:
            service, screen = lazy("safeconf.app.legal_reviews"), lazy(LEGAL_MODULE)
        except ImportError:
            return
        dialog = screen.LegalReviewsDialog(service.LegalReviewService(self._session),
                                           self._case_id, parent=self,
                                           release=self.carry_out_release)
        self._prompter.run(dialog)
        dialog.deleteLater()

    def carry_out_release(self, status: Any) -> None:
        """Disclose what legal released: a copy through the copy flow with legal's and the
        proposed redactions withheld for good; otherwise logged at once, then told."""
        review, answer = status.review, status.answer
        if review.mode is not Mode.COPY:
            try:
                made = self._service.log_legal_release(status)
            except user_errors() as exc:
                self._prompter.error(self, self.tr("Not disclosed"), user_message(exc))
                return
            self._logged(made)
            return
        try:
            copies, screen = lazy("safeconf.app.copies"), lazy(COPY_MODULE)
        except ImportError:
            return

        def before_release(sha256_hex: str, redaction_count: int) -> bool:
            try:
                made = self._service.log_legal_release(
                    status, document_sha256=sha256_hex, redactions=redaction_count)
            except user_errors() as exc:
                self._prompter.error(self, self.tr("Copy not released"), user_message(exc))
                return False
            self._logged(made)
            return True

        request = copies.CopyRequest(
            case_id=review.case_id, information=review.information,
            record_ids=review.record_ids,
            health_covered=review.information is Information.HEALTH_INFORMATION,
            title=review.what)
        self._run_copy(screen, request, before_release,
                       required=(*review.proposed_redactions, *answer.redactions))

    # -- words -------------------------------------------------------------------------

    def _information_texts(self) -> dict[Information, str]:
        return {Information.WHOLE_RECORD: self.tr("The whole case record"),
                Information.CONFERENCE_SUMMARY: self.tr("This conference's summary"),
                Information.CHOSEN_NOTES: self.tr("Chosen notes"),
                Information.HEALTH_INFORMATION: self.tr("Health information"),
                Information.LEGAL_ADVICE: self.tr("Legal advice")}

    def _recipient_text(self, choice: RecipientChoice) -> str:
        words = {
            Recipient.CLIENT: self.tr("the client"),
            Recipient.PARENT_OR_GUARDIAN: self.tr("parent or legal guardian"),
            Recipient.ATTORNEY_OR_REPRESENTATIVE: self.tr("attorney or authorized "
                                                          "representative"),
            Recipient.AGENCY_STAFF: self.tr("Agency staff with a business reason to know"),
            Recipient.ASSISTANT_ATTORNEY_GENERAL: self.tr("An Assistant Attorney General"),
            Recipient.COURT_HEARING_THIS_CASE: self.tr("The court hearing this case"),
            Recipient.THIRD_PARTY_WITH_RELEASE: self.tr("A third party named by a release"),
            Recipient.OTHER_THIRD_PARTY: self.tr("Any other third party"),
        }[choice.category]
        if choice.person_id is None:
            return words
        return self.tr("%1 (%2)").replace("%1", choice.name).replace("%2", words)

    def _purpose_text(self, purpose: HealthPurpose) -> str:
        return {
            HealthPurpose.TREATMENT: self.tr("Treatment"),
            HealthPurpose.PAYMENT: self.tr("Payment"),
            HealthPurpose.HEALTH_CARE_OPERATIONS: self.tr("Health-care operations"),
            HealthPurpose.HEALTH_OVERSIGHT: self.tr("Health oversight"),
            HealthPurpose.JUDICIAL_OR_ADMINISTRATIVE_PROCEEDING: self.tr(
                "Judicial or administrative proceeding"),
            HealthPurpose.PLACEMENT_OR_ADOPTION_RECRUITMENT: self.tr(
                "Placement or adoption recruitment"),
            HealthPurpose.ABUSE_OR_NEGLECT: self.tr("Abuse or neglect, and its proceedings"),
            HealthPurpose.MEDICAL_RESEARCH: self.tr("Medical research"),
            HealthPurpose.LAW_ENFORCEMENT: self.tr("Law enforcement"),
            HealthPurpose.ADJUDICATED_YOUTH: self.tr("Adjudicated youth"),
            HealthPurpose.PUBLIC_HEALTH: self.tr("Public health"),
            HealthPurpose.NOTIFY_FAMILY_OF_LOCATION_AND_CONDITION: self.tr(
                "Tell family of a person's location and condition"),
        }[purpose]

    def _notes(self) -> list[Note]:
        vault = self._session.vault
        conferences = [self._conference_id] if self._conference_id else [
            c.id for c in vault.conferences.for_case(self._case_id) if isinstance(c, Conference)]
        return [n for cid in conferences for n in vault.notes.for_conference(cid)
                if n.body.strip()]

    def _note_text(self, note: Note) -> str:
        kind = self.tr("addendum") if note.is_addendum else labels.name(note.section)
        return f"{kind}, {labels.local_datetime(note.created_at)}"

