"""Disclosure history of one case: what was disclosed, the consents' lifecycle, requests to
legal and their answers, and acknowledgments, oldest first, filtered by kind. The history
can be exported only through the copy flow (redaction, then PDF), as a logged disclosure."""

from __future__ import annotations

import logging
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from safeconf.app.disclosure_check import check
from safeconf.app.disclosure_history import (
    HistoryEntry,
    HistoryEvent,
    HistoryKind,
    Line,
    export_question,
    history,
    history_document_sections,
)
from safeconf.app.session import VaultSession
from safeconf.domain.disclosure_policy import Outcome
from safeconf.domain.disclosure_terms import (
    Extent,
    HealthPurpose,
    Information,
    Mode,
    Recipient,
)
from safeconf.domain.records import (
    AckMethod,
    ConferenceType,
    ConsentForm,
    LegalAnswer,
    NoticeResponse,
    SignerCapacity,
)
from safeconf.ui import labels
from safeconf.ui.messages import user_message
from safeconf.ui.prompts import Prompter
from safeconf.ui.rows_model import Index, RowsModel
from safeconf.ui.widgets import show_status, status_label, user_errors

log = logging.getLogger(__name__)
_CTX = "HistoryView"
TITLES: dict[HistoryEvent, Any] = {  # QT_TRANSLATE_NOOP is typed as object
    HistoryEvent.DISCLOSED: QT_TRANSLATE_NOOP("HistoryView", "Disclosure made"),
    HistoryEvent.CONSENT_REQUESTED: QT_TRANSLATE_NOOP("HistoryView", "Consent requested"),
    HistoryEvent.CONSENT_GIVEN: QT_TRANSLATE_NOOP("HistoryView", "Consent given"),
    HistoryEvent.CONSENT_REFUSED: QT_TRANSLATE_NOOP("HistoryView", "Consent refused"),
    HistoryEvent.CONSENT_REVOKED: QT_TRANSLATE_NOOP("HistoryView", "Consent revoked"),
    HistoryEvent.CONSENT_EXPIRED: QT_TRANSLATE_NOOP("HistoryView", "Consent expired"),
    HistoryEvent.LEGAL_REVIEW_ASKED: QT_TRANSLATE_NOOP("HistoryView", "Legal review requested"),
    HistoryEvent.LEGAL_REVIEW_ANSWERED: QT_TRANSLATE_NOOP("HistoryView",
                                                          "Legal review answered"),
    HistoryEvent.ACKNOWLEDGED: QT_TRANSLATE_NOOP("HistoryView", "Confidentiality acknowledged"),
    HistoryEvent.ACKNOWLEDGMENT_REFUSED: QT_TRANSLATE_NOOP(
        "HistoryView", "Confidentiality statement refused"),
    HistoryEvent.NOTICE_RECEIVED: QT_TRANSLATE_NOOP("HistoryView", "Privacy notice answered"),
}
FILTERS: tuple[tuple[HistoryKind | None, Any], ...] = (
    (None, QT_TRANSLATE_NOOP("HistoryView", "All")),
    (HistoryKind.DISCLOSURE, QT_TRANSLATE_NOOP("HistoryView", "Disclosures")),
    (HistoryKind.CONSENT, QT_TRANSLATE_NOOP("HistoryView", "Consents")),
    (HistoryKind.LEGAL_REVIEW, QT_TRANSLATE_NOOP("HistoryView", "Legal review")),
    (HistoryKind.ACKNOWLEDGMENT, QT_TRANSLATE_NOOP("HistoryView", "Acknowledgments")),
)

# The details' templates and words (`app.disclosure_history`), to translate here.
DETAIL_TEMPLATES: tuple[Any, ...] = (
    QT_TRANSLATE_NOOP("HistoryView", "{what} ({information}), {mode}, {extent}"),
    QT_TRANSLATE_NOOP("HistoryView", "To {name} ({recipient}), by {worker}"),
    QT_TRANSLATE_NOOP("HistoryView", "Basis: the policy: \"{text}\""),
    QT_TRANSLATE_NOOP("HistoryView", "Basis: policy line {key}"),
    QT_TRANSLATE_NOOP("HistoryView", "Basis: consent {consent}, given by {signer}"),
    QT_TRANSLATE_NOOP("HistoryView", "Basis: consent {consent}"),
    QT_TRANSLATE_NOOP("HistoryView", "Basis: released by legal on request {review}"),
    QT_TRANSLATE_NOOP("HistoryView", "Health information purpose: {purpose}"),
    QT_TRANSLATE_NOOP("HistoryView", "Copy SHA-256 {digest}…, {count} passage(s) redacted"),
    QT_TRANSLATE_NOOP("HistoryView", "{form} about {client}, signed by {signer} ({capacity})"),
    QT_TRANSLATE_NOOP("HistoryView", "Information: {items}"),
    QT_TRANSLATE_NOOP("HistoryView", "Recipients: {names}"),
    QT_TRANSLATE_NOOP("HistoryView", "Valid {start} to {end}"),
    QT_TRANSLATE_NOOP("HistoryView", "Requested by {worker}"),
    QT_TRANSLATE_NOOP("HistoryView", "No disclosure on this consent from now on"),
    QT_TRANSLATE_NOOP("HistoryView", "To {name} ({recipient}), asked by {worker}"),
    QT_TRANSLATE_NOOP("HistoryView", "Question: {question}"),
    QT_TRANSLATE_NOOP("HistoryView", "Proposed redactions: {passages}"),
    QT_TRANSLATE_NOOP("HistoryView", "No redactions proposed"),
    QT_TRANSLATE_NOOP("HistoryView", "{answer}, by {lawyer}, on request {review}"),
    QT_TRANSLATE_NOOP("HistoryView", "Advice: {advice}"),
    QT_TRANSLATE_NOOP("HistoryView", "Further redactions: {passages}"),
    QT_TRANSLATE_NOOP("HistoryView", "{name}, in the {conference} of {day}"),
    QT_TRANSLATE_NOOP("HistoryView", "{method}, statement version {version} ({language})"),
    QT_TRANSLATE_NOOP(
        "HistoryView",
        "Notice of Privacy Practices {response}, version {version} ({language})"),
    QT_TRANSLATE_NOOP("HistoryView", "An attendee no longer listed, in the {conference} of {day}"),
)
WORDS: dict[StrEnum, Any] = {
    Information.WHOLE_RECORD: QT_TRANSLATE_NOOP("HistoryView", "whole record"),
    Information.CONFERENCE_SUMMARY: QT_TRANSLATE_NOOP("HistoryView", "conference summary"),
    Information.CHOSEN_NOTES: QT_TRANSLATE_NOOP("HistoryView", "chosen notes"),
    Information.HEALTH_INFORMATION: QT_TRANSLATE_NOOP("HistoryView", "health information"),
    Information.LEGAL_ADVICE: QT_TRANSLATE_NOOP("HistoryView", "legal advice"),
    Mode.ORAL_SUMMARY: QT_TRANSLATE_NOOP("HistoryView", "oral summary"),
    Mode.REVIEW: QT_TRANSLATE_NOOP("HistoryView", "review"),
    Mode.COPY: QT_TRANSLATE_NOOP("HistoryView", "copy"),
    Extent.WHOLE: QT_TRANSLATE_NOOP("HistoryView", "whole"),
    Extent.PART: QT_TRANSLATE_NOOP("HistoryView", "part"),
    Recipient.CLIENT: QT_TRANSLATE_NOOP("HistoryView", "client"),
    Recipient.PARENT_OR_GUARDIAN: QT_TRANSLATE_NOOP("HistoryView", "parent or guardian"),
    Recipient.ATTORNEY_OR_REPRESENTATIVE: QT_TRANSLATE_NOOP(
        "HistoryView", "attorney or representative"),
    Recipient.AGENCY_STAFF: QT_TRANSLATE_NOOP("HistoryView", "agency staff"),
    Recipient.ASSISTANT_ATTORNEY_GENERAL: QT_TRANSLATE_NOOP(
        "HistoryView", "assistant attorney general"),
    Recipient.COURT_HEARING_THIS_CASE: QT_TRANSLATE_NOOP("HistoryView", "court hearing this case"),
    Recipient.THIRD_PARTY_WITH_RELEASE: QT_TRANSLATE_NOOP(
        "HistoryView", "third party with release"),
    Recipient.OTHER_THIRD_PARTY: QT_TRANSLATE_NOOP("HistoryView", "other third party"),
    HealthPurpose.TREATMENT: QT_TRANSLATE_NOOP("HistoryView", "treatment"),
    HealthPurpose.PAYMENT: QT_TRANSLATE_NOOP("HistoryView", "payment"),
    HealthPurpose.HEALTH_CARE_OPERATIONS: QT_TRANSLATE_NOOP(
        "HistoryView", "health care operations"),
    HealthPurpose.HEALTH_OVERSIGHT: QT_TRANSLATE_NOOP("HistoryView", "health oversight"),
    HealthPurpose.JUDICIAL_OR_ADMINISTRATIVE_PROCEEDING: QT_TRANSLATE_NOOP(
        "HistoryView", "judicial or administrative proceeding"),
    HealthPurpose.PLACEMENT_OR_ADOPTION_RECRUITMENT: QT_TRANSLATE_NOOP(
        "HistoryView", "placement or adoption recruitment"),
    HealthPurpose.ABUSE_OR_NEGLECT: QT_TRANSLATE_NOOP("HistoryView", "abuse or neglect"),
    HealthPurpose.MEDICAL_RESEARCH: QT_TRANSLATE_NOOP("HistoryView", "medical research"),
    HealthPurpose.LAW_ENFORCEMENT: QT_TRANSLATE_NOOP("HistoryView", "law enforcement"),
    HealthPurpose.ADJUDICATED_YOUTH: QT_TRANSLATE_NOOP("HistoryView", "adjudicated youth"),
    HealthPurpose.PUBLIC_HEALTH: QT_TRANSLATE_NOOP("HistoryView", "public health"),
    HealthPurpose.NOTIFY_FAMILY_OF_LOCATION_AND_CONDITION: QT_TRANSLATE_NOOP(
        "HistoryView", "notify family of location and condition"),
    SignerCapacity.SELF: QT_TRANSLATE_NOOP("HistoryView", "self"),
    SignerCapacity.PARENT: QT_TRANSLATE_NOOP("HistoryView", "parent"),
    SignerCapacity.LEGAL_GUARDIAN: QT_TRANSLATE_NOOP("HistoryView", "legal guardian"),
    SignerCapacity.ATTORNEY: QT_TRANSLATE_NOOP("HistoryView", "attorney"),
    SignerCapacity.AUTHORIZED_REPRESENTATIVE: QT_TRANSLATE_NOOP(
        "HistoryView", "authorized representative"),
    ConsentForm.OBTAIN: QT_TRANSLATE_NOOP("HistoryView", "Obtain form"),
    ConsentForm.RELEASE: QT_TRANSLATE_NOOP("HistoryView", "Release form"),
    LegalAnswer.ADVICE: QT_TRANSLATE_NOOP("HistoryView", "Advice"),
    LegalAnswer.RELEASE_WITH_REDACTIONS: QT_TRANSLATE_NOOP(
        "HistoryView", "Release with redactions"),
    LegalAnswer.REFUSE: QT_TRANSLATE_NOOP("HistoryView", "Refused"),
    AckMethod.DRAWN_SIGNATURE: QT_TRANSLATE_NOOP("HistoryView", "drawn signature"),
    AckMethod.TYPED_NAME: QT_TRANSLATE_NOOP("HistoryView", "typed name"),
    AckMethod.VERBAL: QT_TRANSLATE_NOOP("HistoryView", "verbal"),
    AckMethod.REFUSED: QT_TRANSLATE_NOOP("HistoryView", "refused"),
    NoticeResponse.RECEIVED: QT_TRANSLATE_NOOP("HistoryView", "received"),
    NoticeResponse.REFUSED: QT_TRANSLATE_NOOP("HistoryView", "refused"),
    ConferenceType.CHILD_SAFETY_CONFERENCE: QT_TRANSLATE_NOOP(
        "HistoryView", "child safety conference"),
    ConferenceType.TEAM_DECISION_MEETING: QT_TRANSLATE_NOOP("HistoryView", "team decision meeting"),
    ConferenceType.CHILD_AND_FAMILY_TEAM: QT_TRANSLATE_NOOP("HistoryView", "child and family team"),
}


def _tr(text: Any) -> str:
    return QCoreApplication.translate(_CTX, str(text))


def title_of(entry: HistoryEntry) -> str:
    return _tr(TITLES[entry.event])


def detail_of(entry: HistoryEntry) -> str:
    """The entry's details in the interface language: each line's template and words
    translated, names, dates and the policy's quoted words as recorded."""
    return "\n".join(_line_text(line) for line in entry.lines)


def _line_text(line: Line) -> str:
    args = {k: _tr(WORDS[v]) if isinstance(v, StrEnum) else v for k, v in line.args}
    try:
        return _tr(line.template).format(**args)
    except (KeyError, IndexError, ValueError):  # a translation with a mistyped {place}
        log.warning("history line template mistranslated: %r", line.template)
        return line.english()


class HistoryModel(RowsModel[HistoryEntry]):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("When"), self.tr("What happened"), self.tr("Details"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (labels.local_datetime(entry.at), title_of(entry),
                    "; ".join(detail_of(entry).splitlines()))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return detail_of(entry)
        return None


def export_parts() -> tuple[Any, Any, Any] | None:
    """The copy dialog, its request and the disclosure log, when installed; else None (and
    no Export button)."""
    try:
        from safeconf.app.copies import CopyRequest
        from safeconf.app.disclosures import DisclosureService
        from safeconf.ui.disclosure.copy_dialog import CopyDialog
    except ImportError:
        return None
    return CopyDialog, CopyRequest, DisclosureService


class HistoryDialog(QDialog):
    def __init__(self, session: VaultSession, case_id: str, prompter: Prompter,
                 parent: QWidget | None = None, now: datetime | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._case = session.vault.cases.get(case_id)
        self._prompter = prompter
        self._entries = history(session.vault, case_id, now)
        self.setWindowTitle(self.tr("Disclosure history — {number}").format(
            number=self._case.case_number))
        self.resize(960, 560)

        self.filter = QComboBox(self)
        for _kind, text in FILTERS:
            self.filter.addItem(_tr(text))
        self.filter.setAccessibleName(self.tr("Show"))
        filter_label = QLabel(self.tr("Sho&w:"), self)
        filter_label.setBuddy(self.filter)
        self.count = status_label(self)

        self.model = HistoryModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Disclosure history"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(self.tr("Entry details"))
        self.detail.setMaximumHeight(self.detail.fontMetrics().height() * 7)
        detail_label = QLabel(self.tr("Entry &details:"), self)
        detail_label.setBuddy(self.detail)

        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.export_button.setAccessibleName(self.tr("Export the history"))
        self.export_button.setAutoDefault(False)
        self.export_button.setVisible(export_parts() is not None)
        self.export_button.clicked.connect(self.export)
        buttons = QDialogButtonBox(self)
        self.close_button = buttons.addButton(self.tr("&Close"),
                                              QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter)
        top.addWidget(self.count, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(detail_label)
        lay.addWidget(self.detail)
        lay.addLayout(bottom)

        self.filter.currentIndexChanged.connect(lambda _i: self._show())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.setTabOrder(self.filter, self.table)
        self.setTabOrder(self.table, self.detail)
        self.setTabOrder(self.detail, self.export_button)
        self.setTabOrder(self.export_button, self.close_button)
        self._show()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def shown(self) -> list[HistoryEntry]:
        return list(self.model.rows)

    def show_kind(self, kind: HistoryKind | None) -> None:
        self.filter.setCurrentIndex([k for k, _text in FILTERS].index(kind))

    def _show(self) -> None:
        kind = FILTERS[self.filter.currentIndex()][0]  # item data would come back as str
        rows = [e for e in self._entries if kind is None or e.kind is kind]
        self.model.set_rows(rows)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        if rows:
            self.table.setCurrentIndex(self.model.index(len(rows) - 1, 0))  # the latest
        else:
            self.detail.setPlainText("")
        show_status(self.count, self.tr("%n entry(ies)", "", len(rows)) if rows
                    else self.tr("Nothing of this kind in the case's history."))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            entry = self.model.rows[current.row()]
            self.detail.setPlainText(f"{title_of(entry)}\n{detail_of(entry)}")

    def export(self) -> None:
        """The shown entries, through redaction to a PDF; logged as a disclosure to agency
        staff before it is printed or saved, and refused where the policy says legal review
        (a closed or sealed case)."""
        parts = export_parts()
        if parts is None:
            return
        copy_dialog, copy_request, disclosure_service = parts
        vault = self._session.vault
        question = export_question(self._case.case_number, vault.user)
        answer = check(vault, question, date.today())
        if answer.decision.outcome not in (Outcome.ALLOWED, Outcome.ALLOWED_BY_CONSENT):
            self._prompter.error(self, self.tr("History not exported"), answer.plain())
            return
        entries = self.shown
        what = self.tr("Disclosure history of case {number}").format(
            number=self._case.case_number)
        request = copy_request(
            case_id=self._case.id, information=Information.WHOLE_RECORD,
            health_covered=False, title=self.windowTitle(),
            sections=history_document_sections(entries))
        service = disclosure_service(self._session)

        def before_release(sha256_hex: str, redaction_count: int) -> bool:
            try:
                service.log(answer, what=what, document_sha256=sha256_hex,
                            redactions=redaction_count)
            except user_errors() as exc:
                log.warning("history export of case %s not logged: %s", self._case.id,
                            type(exc).__name__)
                self._prompter.error(self, self.tr("History not exported"), user_message(exc))
                return False
            return True

        try:
            dialog = copy_dialog(self._session, request, before_release, self,
                                 prompter=self._prompter)
        except user_errors() as exc:
            self._prompter.error(self, self.tr("History not exported"), user_message(exc))
            return
        self._prompter.run(dialog)
        dialog.deleteLater()
